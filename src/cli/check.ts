// `qualcheck check`: read a cohort workbook, run the rules for every learner, report, and optionally write a copy.
import { checkCohort, type LearnerCheck } from '../cohort/check';
import { cohortJson, learnerQualification, summarise, STATUSES, type CohortJson } from '../cohort/results';
import type { ReadWarning } from '../cohort/types';
import { EMBEDDED_QUALIFICATIONS } from '../rules/catalogue/embedded';
import { diffDefinitions } from '../rules/definition-diff';
import { inputFiles, loadWorkbook, readCohortInput } from './workbook';
import { checkOutFile } from './out-file';
import { explained } from './sheet-read';
import { writeResults } from './write-results';

export interface CheckOptions {
  sheet?: string;
  qualification?: string;
  rules?: string[];
  marks?: string;
  out?: string;
  json?: boolean;
}

/** The checked workbook's rules sheet, as the report and the JSON mention it. */
export interface RulesSheetSummary {
  sheet: string;
  qualifications: string[];
  /** One line per change against the embedded catalogue. */
  changes: string[];
}

export interface CheckRun {
  file: string;
  sheetName: string;
  checks: LearnerCheck[];
  /** What the reader warned of, for the report. */
  warnings: readonly ReadWarning[];
  rulesSheet?: RulesSheetSummary;
  /**
   * The `--json` object, made the first time it is asked for: a run that prints the table or writes a copy never
   * makes it (at 50,000 learners it was 5 % of `check --out`, built to be thrown away).
   */
  readonly json: CohortJson & { rulesSheet?: RulesSheetSummary };
  written?: { file: string; target: 'columns' | 'sheet'; sheetName: string; reason?: string };
}

export async function runCheck(file: string, options: CheckOptions): Promise<CheckRun> {
  if (options.out !== undefined) {
    await checkOutFile(options.out, {
      extension: '.xlsx',
      what: 'the checked copy of the workbook',
      example: 'cohort-checked.xlsx',
      inputs: inputFiles(file, options),
    });
  }
  const { sheet, grid, reading, sheetRules } = await readCohortInput(file, options);
  const checks = checkCohort(reading);
  const rulesSheet: RulesSheetSummary | undefined = sheetRules && {
    sheet: sheetRules.sheetName,
    qualifications: sheetRules.definitions.map((q) => q.id),
    changes: diffDefinitions(EMBEDDED_QUALIFICATIONS, sheetRules.definitions),
  };
  let json: CheckRun['json'] | undefined;
  const run: CheckRun = {
    file,
    sheetName: sheet.name,
    checks,
    warnings: reading.warnings,
    ...(rulesSheet ? { rulesSheet } : {}),
    get json() {
      json ??= {
        ...cohortJson(reading, checks, { plans: options.json === true }),
        ...(rulesSheet ? { rulesSheet } : {}),
      };
      return json;
    },
  };
  if (options.out !== undefined) {
    const out = options.out;
    const outcome = await explained(file, () =>
      writeResults({
        file,
        out,
        sheetName: sheet.name,
        grid,
        reading,
        checks,
        firstCells: (name) => firstCells(file, name),
      }),
    );
    run.written = { file: options.out, target: outcome.target, sheetName: outcome.sheetName, reason: outcome.reason };
  }
  return run;
}

/** The first three cells of row 1 of a sheet, to tell a results sheet qualcheck wrote from one of the user's. */
async function firstCells(file: string, name: string): Promise<unknown[]> {
  const workbook = await loadWorkbook(file);
  try {
    const sheet = workbook.worksheet(name);
    const read = sheet ? await workbook.readSheet(sheet) : undefined;
    return read?.kind === 'grid' ? (read.grid.values[0] ?? []).slice(0, 3) : [];
  } finally {
    workbook.close();
  }
}

/** The reader's words where the command line names its own option instead: what the marks mean is a --marks file. */
function cliWords(message: string): string {
  return message.replace(
    /add ("[^"]*") to what the marks mean\./g,
    'add $1 to what the marks mean, in a --marks file.',
  );
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** A readable table of learners and a summary, for people at a terminal. */
export function formatCheckReport(run: CheckRun): string {
  const lines: string[] = [];
  lines.push(`${run.file} — sheet "${run.sheetName}": ${run.checks.length} learners`);
  const rules = run.rulesSheet;
  if (rules) {
    const changes = `${rules.changes.length} change${rules.changes.length === 1 ? '' : 's'} from the built-in catalogue`;
    lines.push(
      `Qualification data from sheet "${rules.sheet}" for ${rules.qualifications.join(', ') || 'no qualification'} (${changes}; qualcheck rules diff ${run.file} lists them)`,
    );
  }
  lines.push('');
  const header = ['Row', 'Learner', 'Qualification', 'Status', 'Credits', 'With planned', 'First problem'];
  const rows = run.checks.map(({ record, result }) => [
    String(record.row),
    truncate(record.learnerId, 12),
    learnerQualification(record),
    result.status,
    String(result.achieved.credits),
    String(result.withPlanned.credits),
    truncate(result.violations[0]?.message ?? '', 70),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  lines.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  const summary = summarise(run.checks);
  lines.push('');
  lines.push(`Status: ${STATUSES.map((s) => `${s} ${summary.byStatus[s]}`).join(', ')}`);
  if (summary.topViolations.length > 0) {
    lines.push(`Most common problems: ${summary.topViolations.map((v) => `${v.message} (${v.count})`).join('; ')}`);
  }
  if (run.warnings.length > 0) {
    lines.push(`Reading warnings (${run.warnings.length}):`);
    for (const w of run.warnings.slice(0, 20)) lines.push(`  ${w.cell}: ${cliWords(w.message)}`);
    if (run.warnings.length > 20) lines.push(`  ... and ${run.warnings.length - 20} more (see --json)`);
  }
  if (run.written) {
    lines.push(
      run.written.target === 'columns'
        ? `Results written to ${run.written.file} (sheet "${run.written.sheetName}", columns right of the data)`
        : `Results written to ${run.written.file}, sheet "${run.written.sheetName}" — ${run.written.reason}, so the cohort sheet was left as it was`,
    );
  }
  return lines.join('\n');
}
