// Opening a cohort workbook and the centre's own definition files, with a clear answer for every way they go wrong.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { embeddedCatalogue, type Catalogue, EMBEDDED_QUALIFICATIONS } from '../rules/catalogue';
import { readDefinitionsJson } from '../rules/definition';
import type { QualificationDefinition } from '../rules/model';
import { isRulesSheetName, RULES_SHEET_NAME } from '../rules-sheet';
import {
  parseMarkVocabulary,
  type MarkVocabulary,
  HEADER_SEARCH_ROWS,
  readCohort,
  readingMessage,
  totalsOnlyReason,
} from '../cohort/read';
import { cellAddress } from '../sheet';
import { CLI_WORDS } from './reading-words';
import { readWithoutOwnedColumns } from '../placement';
import type { CohortReading, Grid } from '../sheet';
import { parseJsonFile } from './json-file';
import { UserError } from './user-error';
import { rulesSheetEntry, workbookRules } from './rules-workbook';
import { explained, readGridOrExplain } from './sheet-read';
import { Workbook, type SheetEntry, type SheetRowSpans } from '../workbook';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Password-protected .xlsx files are OLE compound documents holding an encrypted package.
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function readFileOrExplain(file: string, what: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such ${what}; check the path`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a folder, not a ${what}`);
    if (code === 'EACCES') throw new UserError(`${file}: permission denied; check the file's permissions`);
    throw new UserError(`${file}: cannot be read (${code ?? 'unknown error'})`);
  }
}

/** The workbook in `file`, opened for reading; every way it can fail is a one-line UserError naming the file. */
export async function loadWorkbook(file: string): Promise<Workbook> {
  const bytes = await readFileOrExplain(file, 'workbook');
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    throw new UserError(
      `${file}: is password-protected or an old .xls workbook; remove the password (or save as .xlsx) in Excel and try again`,
    );
  }
  if (!bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    throw new UserError(`${file}: is not an Excel workbook (.xlsx); save it from Excel as "Excel Workbook (.xlsx)"`);
  }
  // Any zip file opens (a .docx, an .ods or .xlsb renamed .xlsx, a zip archive): Workbook.open says when it holds no worksheets.
  return explained(file, () => Workbook.open(bytes));
}

/**
 * The definitions of a rules file: a JSON file, or the "Qualification rules" sheet of an .xlsx workbook. Values that
 * differ from the embedded catalogue are marked as the file's, so results name them. Any error stops the run.
 */
export async function loadRulesFile(file: string): Promise<QualificationDefinition[]> {
  if (/\.xlsx$/i.test(file)) {
    const workbook = await loadWorkbook(file);
    try {
      const sheet = rulesSheetEntry(workbook);
      if (!sheet) {
        throw new UserError(
          `${file}: has no sheet named "${RULES_SHEET_NAME}"; write one with qualcheck rules export --out FILE.xlsx, or give a JSON rules file`,
        );
      }
      return await workbookRules(workbook, sheet, file, EMBEDDED_QUALIFICATIONS);
    } finally {
      workbook.close();
    }
  }
  const text = (await readFileOrExplain(file, 'rules file')).toString('utf8');
  // A syntax error is named here by line and column; the definition reader names the fields of a well-formed file.
  parseJsonFile(
    text,
    file,
    'a qualification definition in JSON (qualcheck rules export --out rules.json writes one to start from)',
  );
  const { definitions, errors } = readDefinitionsJson(text, path.basename(file), EMBEDDED_QUALIFICATIONS);
  if (errors.length > 0) {
    const first = errors
      .slice(0, 5)
      .map((e) => (e.path === '' ? `${file}: ${e.message}` : `${file}: ${e.path}: ${e.message}`));
    const more = errors.length > 5 ? [`${file}: ... and ${errors.length - 5} more`] : [];
    throw new UserError([...first, ...more].join('\n'));
  }
  return definitions;
}

/** `start` (the embedded catalogue unless given) with every `--rules` file's definitions put over it, in order. */
export async function loadCatalogue(
  ruleFiles: readonly string[],
  start: Catalogue = embeddedCatalogue(),
): Promise<Catalogue> {
  let catalogue = start;
  for (const file of ruleFiles) catalogue = catalogue.withDefinitions(await loadRulesFile(file));
  return catalogue;
}

/** What the checked workbook's own rules sheet put over the embedded catalogue. */
export interface RulesSheetDefinitions {
  sheetName: string;
  definitions: QualificationDefinition[];
}

/** The definitions of the checked workbook's rules sheet, or undefined when it has none. */
export async function rulesSheetDefinitions(
  workbook: Workbook,
  file: string,
): Promise<RulesSheetDefinitions | undefined> {
  const sheet = rulesSheetEntry(workbook);
  if (!sheet) return undefined;
  return {
    sheetName: sheet.name,
    definitions: await workbookRules(workbook, sheet, file, EMBEDDED_QUALIFICATIONS),
  };
}

/**
 * The catalogue a check of this workbook uses: the embedded one, the workbook's own rules sheet over it, and --rules
 * files over both. A --qualification the result does not know stops the run.
 */
export async function workbookCatalogue(
  workbook: Workbook,
  file: string,
  options: { rules?: readonly string[]; qualification?: string },
): Promise<{ catalogue: Catalogue; sheetRules: RulesSheetDefinitions | undefined }> {
  const sheetRules = await rulesSheetDefinitions(workbook, file);
  const start = sheetRules ? embeddedCatalogue().withDefinitions(sheetRules.definitions) : embeddedCatalogue();
  const catalogue = await loadCatalogue(options.rules ?? [], start);
  if (options.qualification !== undefined && !catalogue.find(options.qualification)) {
    throw new UserError(
      `--qualification ${options.qualification}: not in the catalogue; known qualifications are ${catalogue.qualifications.map((q) => q.id).join(', ')} (add others with --rules FILE.json)`,
    );
  }
  return { catalogue, sheetRules };
}

export async function loadMarks(file: string | undefined): Promise<MarkVocabulary | undefined> {
  if (!file) return undefined;
  const text = (await readFileOrExplain(file, 'marks file')).toString('utf8');
  const json = parseJsonFile(
    text,
    file,
    'the marks in JSON, for example {"achieved": ["Done"], "planned": ["Booked"]}',
  );
  const { vocabulary, errors } = parseMarkVocabulary(json);
  if (!vocabulary || errors.length > 0)
    throw new UserError(`${file}: ${errors.join('; ') || 'not a file of what the marks mean'}`);
  return vocabulary;
}

export interface CohortSheet {
  /** The sheet as the workbook lists it: its name and part, for a writer that patches that part. */
  sheet: SheetEntry;
  grid: Grid;
  /** Where the sheet's rows lie in its part, so the copy's patch need not scan the part again. */
  rows: SheetRowSpans;
  reading: CohortReading;
}

/**
 * Reads the named sheet, or the first sheet that holds a cohort. A sheet with no recognisable header is an error
 * naming the sheet and what a header needs.
 */
export async function readCohortSheet(
  workbook: Workbook,
  file: string,
  options: { sheet?: string; catalogue: Catalogue; qualification?: string; marks?: MarkVocabulary },
): Promise<CohortSheet> {
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new UserError(`${file}: the workbook has no sheets`);
  const readGrid = async (sheet: SheetEntry): Promise<CohortSheet | { tooLarge: string }> => {
    const read = await readGridOrExplain(workbook, sheet, file);
    if ('tooLarge' in read) return read;
    const { grid, rows } = read;
    // Result columns of an earlier run are the tool's own, not learner data: the reader never sees them. They are
    // blanked in place while it reads (it reads in one go and keeps no row), not in a copy of the sheet's rows.
    const reading = readWithoutOwnedColumns(grid, HEADER_SEARCH_ROWS, (read) =>
      readCohort(read, { catalogue: options.catalogue, qualification: options.qualification, marks: options.marks }),
    );
    return { sheet, grid, rows, reading };
  };
  const readOne = async (sheet: SheetEntry): Promise<CohortSheet> => {
    const found = await readGrid(sheet);
    if ('tooLarge' in found) throw new UserError(`${file}, ${found.tooLarge}`);
    return found;
  };
  if (options.sheet !== undefined) {
    // Excel's sheet names ignore case ("cohort" and "Cohort" cannot both exist), so a name typed in another case is meant.
    const sheet = workbook.worksheet(options.sheet);
    if (!sheet) {
      throw new UserError(
        `${file}: no sheet named "${options.sheet}"; the sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
      );
    }
    if (await workbook.holdsPivotTable(sheet)) throw new UserError(`${file}, sheet "${sheet.name}": ${PIVOT_TABLE}`);
    const found = await readOne(sheet);
    const totals = totalsOnlyReason(found.reading, found.grid);
    if (totals) throw new UserError(`${file}, sheet "${sheet.name}": ${totals}`);
    if (found.reading.learners.length === 0) {
      throw new UserError(`${file}, sheet "${sheet.name}": ${noCohortMessage(found.reading)}`);
    }
    return found;
  }
  let first: CohortSheet | undefined;
  let oversize: string | undefined;
  /** Why the first sheet passed over was not a cohort, when it was one that looked like it (a pivot table, totals). */
  let passedOver: string | undefined;
  for (const sheet of sheets) {
    if (/^qualcheck/i.test(sheet.name) || isRulesSheetName(sheet.name)) continue;
    if (await workbook.holdsPivotTable(sheet)) {
      passedOver ??= `sheet "${sheet.name}": ${PIVOT_TABLE}`;
      continue;
    }
    // A sheet too large to read (a stray cell far beyond some other data) need not stop a search that finds the cohort.
    const found = await readGrid(sheet);
    if ('tooLarge' in found) {
      oversize ??= found.tooLarge;
      continue;
    }
    const totals = totalsOnlyReason(found.reading, found.grid);
    if (totals) {
      passedOver ??= `sheet "${sheet.name}": ${totals}`;
      continue;
    }
    first ??= found;
    if (found.reading.learners.length > 0) return found;
  }
  // The sheet too large to read is more likely the cohort than a sheet that holds none.
  if (oversize) throw new UserError(`${file}, ${oversize}`);
  if (passedOver) throw new UserError(`${file}: no sheet holds a cohort; ${passedOver}`);
  const shown = first ?? (await readOne(sheets[0]));
  throw new UserError(
    `${file}: no sheet holds a cohort. Sheet "${shown.sheet.name}": ${noCohortMessage(shown.reading)}`,
  );
}

const PIVOT_TABLE =
  'it holds a pivot table, a summary Excel makes of other data (its field labels are not units, "Grand Total" is not a learner); check the sheet that holds one row per learner';

function noCohortMessage(reading: CohortReading): string {
  const headerWarning = reading.warnings.find((w) => w.code === 'no-header');
  if (headerWarning) return `${headerWarning.cell}: ${readingMessage(headerWarning, CLI_WORDS)}`;
  if (reading.headerRow > 0) {
    const header = `${cellAddress(reading.headerRow, reading.firstColumn)}:${cellAddress(reading.headerRow, reading.lastColumn)}`;
    return `${header}: row ${reading.headerRow} is a header, but no learner rows follow it; add one row per learner under the header`;
  }
  return 'no learner rows found under the header; a cohort needs a header row (learner id or name, and unit columns) and one row per learner';
}

/** How a command reads its cohort: the sheet, the qualification for rows without one, `--rules` and `--marks` files. */
export interface CohortInput {
  sheet?: string;
  qualification?: string;
  rules?: readonly string[];
  marks?: string;
}

/** Every file a command reads, which `--out` may never overwrite. */
export function inputFiles(file: string, input: CohortInput): (string | undefined)[] {
  return [file, ...(input.rules ?? []), input.marks];
}

/**
 * The cohort sheet read with the catalogue a check uses (the workbook's rules sheet over the embedded data, `--rules`
 * files over both) and the centre's marks. The small `--marks` file is read first, so its mistakes show before the
 * workbook is opened.
 */
export async function readCohortInput(
  file: string,
  input: CohortInput,
): Promise<CohortSheet & { sheetRules: RulesSheetDefinitions | undefined }> {
  const marks = await loadMarks(input.marks);
  const workbook = await loadWorkbook(file);
  try {
    const { catalogue, sheetRules } = await workbookCatalogue(workbook, file, input);
    const cohort = await readCohortSheet(workbook, file, {
      sheet: input.sheet,
      catalogue,
      qualification: input.qualification,
      marks,
    });
    return { ...cohort, sheetRules };
  } finally {
    workbook.close();
  }
}
