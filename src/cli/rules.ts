// `qualcheck rules export` and `qualcheck rules diff`: the qualification data as a JSON file or a rules sheet a
// centre can edit, and what a centre's file changes against the built-in catalogue.
import { promises as fs } from 'node:fs';
import { rulesSheetGrid } from '../rules-sheet';
import { EMBEDDED_QUALIFICATIONS } from '../rules/catalogue';
import { diffDefinitions, definitionsJson } from '../rules/definition';
import type { QualificationDefinition } from '../rules/model';
import { checkOutFile, outWriteError } from './out-file';
import { addRulesSheet } from './rules-workbook';
import { UserError } from './user-error';
import { loadCatalogue, loadRulesFile } from './open-inputs';

export interface RulesExportOptions {
  out?: string;
  qualification?: string;
  rules?: string[];
}

async function writeOrExplain(file: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw outWriteError(file, error);
  }
}

/** The embedded definitions, with any `--rules` files over them, as JSON (printed or written) or as a rules sheet workbook. */
export async function runRulesExport(options: RulesExportOptions, out: (text: string) => void): Promise<void> {
  // A --rules workbook is often the cohort workbook itself: writing the export over it would lose the cohort.
  if (options.out !== undefined)
    await checkOutFile(options.out, { what: 'the rules file', example: 'rules.xlsx', inputs: options.rules ?? [] });
  const catalogue = await loadCatalogue(options.rules ?? []);
  let definitions: readonly QualificationDefinition[] = catalogue.qualifications;
  if (options.qualification !== undefined) {
    const found = catalogue.find(options.qualification);
    if (!found) {
      throw new UserError(
        `--qualification ${options.qualification}: not in the catalogue; known qualifications are ${catalogue.qualifications.map((q) => q.id).join(', ')}`,
      );
    }
    definitions = [found];
  }
  const what = definitions.length === 1 ? `qualification ${definitions[0].id}` : `${definitions.length} qualifications`;
  if (options.out === undefined) {
    out(definitionsJson(definitions));
    return;
  }
  const file = options.out;
  if (/\.xlsx$/i.test(file)) {
    // exceljs writes this brand-new workbook; it is loaded only here, so no other command waits for it.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const layout = rulesSheetGrid(definitions);
    addRulesSheet(workbook, layout);
    await writeOrExplain(file, () => workbook.xlsx.writeFile(file));
    out(
      `Wrote ${what} to ${file}, sheet "Qualification rules", with ${layout.unknownCells.length} unknown values highlighted.\n` +
        "Fill them in from the awarding body's unit handbook, then copy the sheet into the cohort workbook (qualcheck check reads it there) or pass the file with --rules.\n",
    );
  } else if (/\.json$/i.test(file)) {
    await writeOrExplain(file, () => fs.writeFile(file, definitionsJson(definitions), 'utf8'));
    out(`Wrote ${what} to ${file}.\n`);
  } else {
    throw new UserError(`--out ${file}: name a .json file (a rules file) or an .xlsx file (a rules sheet)`);
  }
}

/** What a rules file (JSON, or a workbook's rules sheet) changes against the built-in catalogue, one line each. */
export async function runRulesDiff(file: string, out: (text: string) => void): Promise<void> {
  const definitions = await loadRulesFile(file);
  const changes = diffDefinitions(EMBEDDED_QUALIFICATIONS, definitions);
  if (changes.length === 0) {
    out(`${file}: no changes from the built-in catalogue (${definitions.map((q) => q.id).join(', ')}).\n`);
    return;
  }
  out(
    `${file}: ${changes.length} change${changes.length === 1 ? '' : 's'} from the built-in catalogue\n${changes.map((line) => `  ${line}`).join('\n')}\n`,
  );
}
