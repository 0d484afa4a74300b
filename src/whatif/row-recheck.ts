// A learner's row re-checked in memory before the what-if writes it: the sheet as it will be is read again (so what
// is written is proved to read back as the units chosen), and the row's result cells worked out from the new check.
import {
  checkLearner,
  type LearnerCheck,
  isResultHeader,
  NOT_COUNTED_HEADER,
  RESULT_HEADERS,
  resultRow,
} from '../cohort/verdict';
import { asCellText, isBlank } from '../sheet';
import { CohortHeader, HEADER_SEARCH_ROWS, readCohortInSlices, type ReadOptions } from '../cohort/read';
import { withoutOwnedColumns } from '../placement';
import type { CellInput, CellValue, CohortReading, Grid, LearnerRecord, ReadWarning } from '../sheet';

/**
 * Reads the sheet as it will be, and the learner's row in it, re-checked. Given the reading the changes were planned
 * on (`last`), only the learner's row is read again, under the header read again from the sheet as it will be, and
 * the reading is `last` with that learner's record and problems replaced: the same reading as a whole read gives,
 * since a learner row is read on its own under the header. The whole sheet is read where a row alone cannot say
 * (the row would no longer read as a learner, or holds no unit; a table's part of the sheet; no `last`); `pause` is
 * awaited between the reader's slices then (the pane yields there, so a large cohort does not hold the page).
 * The sheet's mark style (the spellings counted over every row) stays `last`'s: the what-if writes in it.
 */
export async function recheckRow(
  grid: Grid,
  row: number,
  options: ReadOptions,
  pause: () => Promise<void> = () => Promise.resolve(),
  last?: CohortReading,
): Promise<{ reading: CohortReading; check: LearnerCheck | undefined }> {
  const read = withoutOwnedColumns(grid, HEADER_SEARCH_ROWS);
  const alone = last && rowReadAgain(read, row, options, last);
  if (alone) return alone;
  const reading = await readCohortInSlices(read, options, pause);
  const record = reading.learners.find((l) => l.row === row);
  return { reading, check: record ? { record, result: checkLearner(record) } : undefined };
}

/** The learner's row read again under the header, into `last`; undefined where the whole sheet must be read. */
function rowReadAgain(
  grid: Grid,
  row: number,
  options: ReadOptions,
  last: CohortReading,
): { reading: CohortReading; check: LearnerCheck } | undefined {
  const at = last.learners.findIndex((l) => l.row === row);
  // A table's rows are read in the table's own part of the grid (chooseTable): read whole.
  if (at < 0 || (grid.tables?.length ?? 0) > 0) return undefined;
  const header = CohortHeader.read(grid, options);
  if (header.headerRow !== last.headerRow) return undefined;
  const r = row - grid.top;
  const rowGrid: Grid = { values: [[], grid.values[r] ?? []], top: row - 1, left: grid.left };
  const formats = grid.numberFormats?.[r];
  if (formats) rowGrid.numberFormats = [[], formats];
  const record = header.learnerUnder(rowGrid);
  // A row with no unit may read as a title above a repeated header in a whole reading: read whole.
  if (!record || record.marks.length === 0) return undefined;
  const warnings = withProblems(last, at, record);
  if (!warnings) return undefined;
  const learners = last.learners.slice();
  learners[at] = record;
  return { reading: { ...last, learners, warnings }, check: { record, result: checkLearner(record) } };
}

/**
 * `last`'s warnings with learner `at`'s problems replaced by `record`'s, where a whole reading puts them: the
 * learners' problems follow one another in learner order. Undefined when that place cannot be told.
 */
function withProblems(last: CohortReading, at: number, record: LearnerRecord): ReadWarning[] | undefined {
  const old = new Set<ReadWarning>(last.learners[at].problems);
  if (old.size === 0 && record.problems.length === 0) return last.warnings;
  const kept = old.size === 0 ? last.warnings.slice() : last.warnings.filter((w) => !old.has(w));
  let place = old.size > 0 ? last.warnings.indexOf(last.learners[at].problems[0]) : -1;
  if (old.size > 0 && place < 0) return undefined;
  for (let i = at - 1; place < 0 && i >= 0; i--) {
    const problems = last.learners[i].problems;
    if (problems.length > 0) {
      const end = kept.indexOf(problems[problems.length - 1]);
      place = end < 0 ? -1 : end + 1;
      if (end < 0) return undefined;
    }
  }
  for (let i = at + 1; place < 0 && i < last.learners.length; i++) {
    const problems = last.learners[i].problems;
    if (problems.length > 0) {
      place = kept.indexOf(problems[0]);
      if (place < 0) return undefined;
    }
  }
  if (place < 0) return undefined;
  kept.splice(place, 0, ...record.problems);
  return kept;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((v) => x.has(v));
}

/** Whether the re-checked row holds exactly the units chosen. */
export function readsBackAs(
  check: LearnerCheck | undefined,
  intended: { achieved: readonly string[]; planned: readonly string[] },
): check is LearnerCheck {
  return (
    !!check && sameSet(check.record.achieved, intended.achieved) && sameSet(check.record.planned, intended.planned)
  );
}

/** Whether a cell still holds what was read from it (an empty text and an empty cell are the same). */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (isBlank(a) && isBlank(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date) && !(b instanceof Date))
    return a.error === b.error;
  return false;
}

/** A cell's value as a message names it: `empty`, a date, an error, or the text in quotes. */
export function valueInWords(value: CellValue): string {
  if (isBlank(value)) return 'empty';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) return value.error;
  return `"${String(value)}"`;
}

/** A result cell of the learner's and what it is to hold. */
export interface OwnedCell {
  column: number;
  header: string;
  value: CellInput;
}

/** The learner's new values for the result columns a header row has, matched by header text wherever they stand. */
export function ownedResultCells(
  headerValues: readonly unknown[],
  firstColumn: number,
  check: LearnerCheck,
  notCounted: () => string,
): OwnedCell[] {
  const values = resultRow(check);
  const owned: OwnedCell[] = [];
  headerValues.forEach((text, i) => {
    if (!isResultHeader(text)) return;
    const name = String(text).trim();
    const k = RESULT_HEADERS.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (k >= 0) owned.push({ column: firstColumn + i, header: RESULT_HEADERS[k], value: asCellText(values[k]) });
    else if (name.toLowerCase() === NOT_COUNTED_HEADER.toLowerCase())
      owned.push({ column: firstColumn + i, header: NOT_COUNTED_HEADER, value: notCounted() });
  });
  return owned;
}
