// Registration prep across the cohort: learners that share a ULN, a learner reference, or a name and date of birth,
// each told which other rows share it; then who is ready. Runs in steps so the pane can spread a large cohort over
// several turns of the event loop.
import { formatUkDate } from '../sheet';
import type { LearnerRecord } from '../sheet';
import type { RegistrationLearner, RegistrationProblem, RegistrationResult } from './result';

/** ` (cell C4)`, after the value a reason names, when the value has a cell. */
export function where(cell: string | undefined): string {
  return cell === undefined ? '' : ` (cell ${cell})`;
}

/** Rows named in an "also given on rows …" reason; past this, the reason says how many more. */
export const SHOWN_OTHERS = 5;

/** The other learners of a shared key, as a reason names them: the first few, and how many more. */
interface Others {
  shown: RegistrationResult[];
  more: number;
}

/** Learners between two pauses of `finishingSteps`. */
const STEP = 1_000;

/**
 * Adds a problem to every learner that shares a key with another, naming (some of) the others' rows; pauses (yields)
 * every STEP learners, so a caller can spread a large cohort over several turns of the event loop.
 */
function* flagShared(
  results: RegistrationResult[],
  keyOf: (r: RegistrationResult) => string | undefined,
  problem: (r: RegistrationResult, others: Others) => RegistrationProblem,
): Generator<void, void, void> {
  const groups = new Map<string, RegistrationResult[]>();
  for (const r of results) {
    const key = keyOf(r);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  let done = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // A group of thousands (one ULN pasted down a column) must not cost thousands of rows per learner.
    const head = group.slice(0, SHOWN_OTHERS + 1);
    for (const r of group) {
      const shown = head.filter((o) => o !== r).slice(0, SHOWN_OTHERS);
      r.problems.push(problem(r, { shown, more: group.length - 1 - shown.length }));
      if (++done % STEP === 0) yield;
    }
  }
}

/** One formatter for every count: `toLocaleString` makes a new one per call, seconds over a large cohort. */
const COUNT = new Intl.NumberFormat('en-GB');

function listed(items: string[], more: number): string {
  return more > 0 ? `${items.join(', ')} and ${COUNT.format(more)} more` : items.join(', ');
}

function rowsOf({ shown, more }: Others): string {
  const rows = shown.map((o) => String(o.row));
  return rows.length === 1 && more === 0 ? `row ${rows[0]}` : `rows ${listed(rows, more)}`;
}

function idsOf({ shown, more }: Others): string {
  const ids = shown.map((o) => o.learnerId).join(', ');
  return more > 0 ? `${ids}, …` : ids;
}

function nameKey(l: RegistrationLearner): string | undefined {
  if (l.firstName === undefined || l.lastName === undefined || l.dateOfBirth === undefined) return undefined;
  return `${l.firstName} ${l.lastName}`.normalize('NFC').toLowerCase() + `|${l.dateOfBirth}`;
}

/** Flags learners that share a ULN, a reference or a name and date of birth, and decides who is ready. */
export function finishRegistration(
  records: readonly LearnerRecord[],
  results: RegistrationResult[],
): RegistrationResult[] {
  for (const _ of finishingSteps(records, results)) {
    // Run to the end at once.
  }
  return results;
}

/** `finishRegistration` in steps: it pauses every thousand learners or so, and has finished when the iteration ends. */
export function* finishingSteps(
  records: readonly LearnerRecord[],
  results: RegistrationResult[],
): Generator<void, void, void> {
  const recordOf = new Map(results.map((r, i) => [r, records[i]]));
  const cellOf = (r: RegistrationResult, field: 'uln' | 'learnerId'): string | undefined =>
    recordOf.get(r)?.cells[field];

  yield* flagShared(
    results,
    (r) => r.learner.uln,
    (r, others) => ({
      code: 'duplicate-uln',
      severity: 'error',
      field: 'uln',
      cell: cellOf(r, 'uln'),
      message: `ULN ${r.learner.uln}${where(cellOf(r, 'uln'))} is also given on ${rowsOf(others)} (${idsOf(others)}): each learner has their own ULN`,
    }),
  );
  // References differing only in case (`ab12`, `AB12`) are taken as the same learner typed twice.
  yield* flagShared(
    results,
    (r) => (r.learner.centreRef === '' ? undefined : r.learner.centreRef.toUpperCase()),
    (r, others) => ({
      code: 'duplicate-learner-ref',
      severity: 'error',
      field: 'centreRef',
      cell: cellOf(r, 'learnerId'),
      message: `learner reference '${r.learner.centreRef}'${where(cellOf(r, 'learnerId'))} is also used on ${rowsOf(others)}: give each learner their own reference`,
    }),
  );
  yield* flagShared(
    results,
    (r) => nameKey(r.learner),
    (r, others) => ({
      code: 'possible-duplicate',
      severity: 'warning',
      message: `${r.learner.firstName} ${r.learner.lastName}, born ${formatUkDate(r.learner.dateOfBirth ?? '')}, is also on ${rowsOf(others)}: check this is not the same learner twice`,
    }),
  );

  for (const r of results) r.ready = r.problems.every((p) => p.severity !== 'error');
}
