// Rows after the last learner that are the sheet's own notes, totals or footer ("Prepared by ...", "Total achieved",
// a merged notes block): read as learners they would be graded ("row 59 has no qualification") and the results
// would be written beside them, over the user's cells there. Only rows after every learner are judged, so a
// learner in the middle of the sheet is never dropped for a missing qualification.
import { cellAddress, isBlank } from '../../sheet';
import type { LearnerField } from './columns';
import type { CellValue, LearnerRecord, ReadWarning } from '../../sheet';

/** A learner cell that sums up the rows above: `Total`, `Total achieved`, `Count of units`, `Average`. */
const TOTALS_START = /^\s*(grand\s+)?(totals?|sum|count|average|mean)\b/i;

const ID_FIELDS: readonly LearnerField[] = ['learnerId', 'centreRef', 'candidateNo'];

/**
 * Whether a row read as a learner is a note, total or footer: it has no unit marked and no qualification of its own
 * (no id either, on a sheet without a qualification column), or it has no learner id and one of its learner cells
 * says it is a total.
 */
export function isNoteRow(
  record: LearnerRecord,
  row: readonly CellValue[],
  columns: ReadonlyMap<LearnerField, { index: number }>,
): boolean {
  // By position, without a closure: run once per row read, a worksheet function's row mostly before optimisation.
  let hasId = false;
  for (let i = 0; i < ID_FIELDS.length && !hasId; i++) {
    const c = columns.get(ID_FIELDS[i]);
    hasId = c !== undefined && !isBlank(row[c.index]);
  }
  const qualification = columns.get('qualification');
  // With no qualification column (one qualification chosen for the sheet), a learner with no unit yet has an id.
  const noQualification = qualification ? isBlank(row[qualification.index]) : !hasId;
  if (record.marks.length === 0 && noQualification) return true;
  if (hasId) return false;
  for (const column of columns.values()) {
    const value = row[column.index];
    if (typeof value === 'string' && value.length < 40 && TOTALS_START.test(value)) return true;
  }
  return false;
}

/**
 * Takes the note, total and footer rows off the end of `learners` (in place) and says so in one warning, naming the
 * first of them in `firstColumn` (the first column read); undefined when the last learner is a learner.
 */
export function dropTrailingNotes(
  learners: LearnerRecord[],
  rowOf: (record: LearnerRecord) => readonly CellValue[],
  columns: ReadonlyMap<LearnerField, { index: number; column: number }>,
  firstColumn: number,
): ReadWarning | undefined {
  const dropped: LearnerRecord[] = [];
  while (learners.length > 0) {
    const last = learners[learners.length - 1];
    if (!isNoteRow(last, rowOf(last), columns)) break;
    dropped.unshift(learners.pop() as LearnerRecord);
  }
  if (dropped.length === 0) return undefined;
  const rows = dropped.map((d) => d.row);
  return { cell: cellAddress(rows[0], firstColumn), problem: { kind: 'trailing-notes', rows } };
}
