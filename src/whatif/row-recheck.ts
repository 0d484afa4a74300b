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
import { HEADER_SEARCH_ROWS, readCohortInSlices, type ReadOptions } from '../cohort/read';
import { withoutOwnedColumns } from '../placement';
import type { CellInput, CellValue, CohortReading, Grid } from '../sheet';

/**
 * Reads the sheet as it will be, and the learner's row in it, re-checked. The whole sheet is read, not the row alone,
 * since what a row means depends on the header and the rows above it; `pause` is awaited between the reader's slices
 * (the pane yields there, so a large cohort does not hold the page).
 */
export async function recheckRow(
  grid: Grid,
  row: number,
  options: ReadOptions,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<{ reading: CohortReading; check: LearnerCheck | undefined }> {
  const reading = await readCohortInSlices(withoutOwnedColumns(grid, HEADER_SEARCH_ROWS), options, pause);
  const record = reading.learners.find((l) => l.row === row);
  return { reading, check: record ? { record, result: checkLearner(record) } : undefined };
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
