// `qualcheck register`: read a cohort workbook, find what the awarding body would reject, and write the ready
// learners as a bulk registration CSV.
import { promises as fs } from 'node:fs';
import { checkRegistration, type RegistrationResult } from '../registration';
import { routeCheck } from '../registration';
import { formatUkDate, isIsoDate, isoDateProblem } from '../sheet';
import { registrationCsv, registrationRows } from '../registration';
import { checkOutFile, outWriteError } from './out-file';
import { UserError } from './user-error';
import { inputFiles, readCohortInput } from './open-inputs';
import { counted, figure, screenful, tableColumns } from './screenful';
import { sharedProblems } from '../registration';

export interface RegisterOptions {
  /** Registration date, YYYY-MM-DD; default today. */
  date?: string;
  /** Where to write the registration CSV of the ready learners. */
  out?: string;
  json?: boolean;
  /** Every learner in the table, not a screenful. */
  all?: boolean;
  sheet?: string;
  qualification?: string;
  rules?: string[];
  marks?: string;
}

/** Exit codes: every learner ready, or at least one held back (like a linter that found something). */
export const REGISTER_ALL_READY = 0;
export const REGISTER_SOME_NOT_READY = 1;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export interface RegisterJson {
  file: string;
  sheet: string;
  date: string;
  ready: number;
  notReady: number;
  written?: { file: string; learners: number };
  learners: {
    row: number;
    learnerId: string;
    ready: boolean;
    problems: { code: string; severity: 'error' | 'warning'; message: string; cell?: string }[];
    notes: { message: string; cell?: string }[];
  }[];
}

/** Years a registration date may fall in: the QCF began in 2008; a later year than 2099 is a typing slip. */
const REGISTRATION_YEARS = { from: 1990, to: 2099 };

export function registerJson(
  file: string,
  sheet: string,
  date: string,
  results: readonly RegistrationResult[],
): RegisterJson {
  const ready = results.filter((r) => r.ready).length;
  return {
    file,
    sheet,
    date,
    ready,
    notReady: results.length - ready,
    learners: results.map((r) => ({
      row: r.row,
      learnerId: r.learnerId,
      ready: r.ready,
      problems: r.problems.map((p) => ({
        code: p.code,
        severity: p.severity,
        message: p.message,
        ...(p.cell === undefined ? {} : { cell: p.cell }),
      })),
      notes: r.notes.map((n) => ({ message: n.message, ...(n.cell === undefined ? {} : { cell: n.cell }) })),
    })),
  };
}

type Problem = RegisterJson['learners'][number]['problems'][number];

const problemLine = (p: Pick<Problem, 'severity' | 'code' | 'message'>): string =>
  `${p.severity === 'error' ? 'x' : '!'} ${p.code}: ${p.message}`;

/**
 * A table of learners, the held-back ones first, each followed by its reasons, for people at a terminal: a reason
 * many learners share word for word is said once above it, and the table stops after a screenful unless `all`.
 */
export function formatRegisterReport(report: RegisterJson, options: { all?: boolean } = {}): string {
  const lines = [`${report.file} — sheet "${report.sheet}": registration on ${formatUkDate(report.date)}`, ''];
  // A reason many learners share word for word is said once here, as the pane says it above its list.
  const { shared, isShared } = sharedProblems(report.learners);
  for (const p of shared) {
    const severity = report.learners.flatMap((l) => l.problems).find((q) => q.code === p.code)?.severity ?? 'error';
    lines.push(`For ${counted(p.learners, 'learner')}: ${problemLine({ ...p, severity })}`);
  }
  if (shared.length > 0) lines.push('');
  const header = ['Row', 'Learner', 'Ready', 'Problems'];
  const learners = [...report.learners].sort((a, b) => Number(a.ready) - Number(b.ready) || a.row - b.row);
  const { shown, rest } = screenful(learners, options.all === true, 'learner');
  const rows = shown.map((l) => {
    const errors = l.problems.filter((p) => p.severity === 'error').length;
    const warnings = l.problems.length - errors;
    const counts = [
      errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : '',
      warnings > 0 ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '',
    ];
    return [String(l.row), l.learnerId, l.ready ? 'yes' : 'NO', counts.filter(Boolean).join(', ')];
  });
  const { heading, line } = tableColumns(header, rows);
  lines.push(...heading);
  shown.forEach((l, i) => {
    lines.push(line(rows[i]));
    // A shared reason is counted in the row's Problems and said above, not again here.
    for (const p of l.problems) if (!isShared(p)) lines.push(`      ${problemLine(p)}`);
  });
  if (rest) lines.push(rest);
  lines.push(
    '',
    `${figure(report.ready)} of ${counted(report.learners.length, 'learner')} ready to register; ${figure(report.notReady)} held back.`,
  );
  if (report.written)
    lines.push(`Registration file written: ${report.written.file} (${counted(report.written.learners, 'learner')})`);
  return lines.join('\n');
}

/**
 * Reads the cohort, checks every learner for registration, prints a table or JSON, and writes the CSV when asked.
 * Problems with the input (no file, bad date, unknown sheet) throw a UserError for the CLI to report.
 */
export async function runRegister(
  file: string,
  opts: RegisterOptions,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const date = opts.date ?? today();
  if (!isIsoDate(date)) {
    const problem = isoDateProblem(date);
    // 2013-02-31 is in the right form: saying "give it as YYYY-MM-DD" would send the user looking for the wrong mistake.
    throw new UserError(
      problem === null
        ? `--date ${date}: not a date; give the registration date as YYYY-MM-DD, for example 2013-09-01`
        : `--date ${date}: no such day (${problem}); give a real registration date as YYYY-MM-DD, for example 2013-09-01`,
    );
  }
  const year = Number(date.slice(0, 4));
  // A real day, but not one anybody registers on (0000-01-01 would make every learner thousands of years old).
  if (year < REGISTRATION_YEARS.from || year > REGISTRATION_YEARS.to) {
    throw new UserError(
      `--date ${date}: registration dates run from ${REGISTRATION_YEARS.from} to ${REGISTRATION_YEARS.to}; give the day you will register, as YYYY-MM-DD`,
    );
  }
  if (opts.out !== undefined) {
    await checkOutFile(opts.out, {
      extension: '.csv',
      what: 'the bulk registration file',
      example: 'registrations.csv',
      inputs: inputFiles(file, opts),
    });
  }
  const cohort = await readCohortInput(file, opts);
  const results = checkRegistration(cohort.reading.learners, { date, unitCheck: routeCheck });
  const report = registerJson(file, cohort.sheet.name, date, results);

  if (opts.out !== undefined) {
    const rows = registrationRows(results);
    try {
      await fs.writeFile(opts.out, registrationCsv(rows), 'utf8');
    } catch (error) {
      throw outWriteError(opts.out, error);
    }
    report.written = { file: opts.out, learners: rows.length - 1 };
  }
  write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRegisterReport(report, opts)}\n`);
  return report.notReady === 0 ? REGISTER_ALL_READY : REGISTER_SOME_NOT_READY;
}
