// `qualcheck check`: read a cohort workbook, run the rules for every learner, report, and optionally write a copy.
import {
  checkCohort,
  type LearnerCheck,
  cohortJson,
  learnerQualification,
  summarise,
  STATUSES,
  statusWord,
  type CohortJson,
} from '../cohort/verdict';
import type { ReadWarning } from '../sheet';
import { readingMessage } from '../cohort/read';
import { CLI_WORDS } from './reading-words';
import { EMBEDDED_QUALIFICATIONS } from '../rules/catalogue';
import { diffDefinitions } from '../rules/definition';
import { inputFiles, loadWorkbook, readCohortInput } from './open-inputs';
import { checkOutFile } from './out-file';
import { explained } from './sheet-read';
import { writeCheckedCopy } from './checked-copy';
import { counted, figure, screenful, tableColumns } from './screenful';
import type { Status } from '../rules/model';

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
  const { sheet, grid, rows, reading, sheetRules } = await readCohortInput(file, options);
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
      writeCheckedCopy({
        file,
        out,
        sheetName: sheet.name,
        grid,
        rows,
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

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Learners that need a person first: a forbidden choice, then a sheet to correct, then units short; then the rest. */
const ATTENTION: Record<Status, number> = { invalid: 0, 'needs-data': 1, incomplete: 2, 'on-track': 3, achieved: 4 };

/**
 * A readable table of learners and a summary, for people at a terminal: the learners that need attention first, a
 * screenful of them unless `all`.
 */
export function formatCheckReport(run: CheckRun, options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`${run.file} — sheet "${run.sheetName}": ${counted(run.checks.length, 'learner')}`);
  const rules = run.rulesSheet;
  if (rules) {
    const changes = `${counted(rules.changes.length, 'change')} from the built-in catalogue`;
    lines.push(
      `Qualification data from sheet "${rules.sheet}" for ${rules.qualifications.join(', ') || 'no qualification'} (${changes}; qualcheck rules diff ${run.file} lists them)`,
    );
  }
  lines.push('');
  const header = ['Row', 'Learner', 'Qualification', 'Status', 'Credits', 'With planned', 'First problem'];
  const checks = [...run.checks].sort(
    (a, b) => ATTENTION[a.result.status] - ATTENTION[b.result.status] || a.record.row - b.record.row,
  );
  const { shown, rest } = screenful(checks, options.all === true, 'learner');
  const rows = shown.map(({ record, result }) => [
    String(record.row),
    truncate(record.learnerId, 12),
    learnerQualification(record),
    statusWord(result.status),
    figure(result.achieved.credits),
    figure(result.withPlanned.credits),
    truncate(result.violations[0]?.message ?? '', 70),
  ]);
  const { heading, line } = tableColumns(header, rows);
  lines.push(...heading, ...rows.map(line));
  if (rest) lines.push(rest);
  const summary = summarise(run.checks);
  lines.push('');
  lines.push(`Status: ${STATUSES.map((s) => `${statusWord(s)} ${figure(summary.byStatus[s])}`).join(', ')}`);
  if (summary.topViolations.length > 0) {
    lines.push(
      `Most common problems: ${summary.topViolations.map((v) => `${v.message} (${figure(v.count)})`).join('; ')}`,
    );
  }
  if (run.warnings.length > 0) {
    lines.push(`Reading warnings (${figure(run.warnings.length)}):`);
    for (const w of run.warnings.slice(0, 20)) lines.push(`  ${w.cell}: ${readingMessage(w, CLI_WORDS)}`);
    if (run.warnings.length > 20) lines.push(`  ... and ${figure(run.warnings.length - 20)} more (see --json)`);
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
