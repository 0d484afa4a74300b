// What a what-if edit of one learner's row is made of: the row to edit, and the cells the edit changes. Its own module
// so that the matrix edit (row-edits.ts) and the list edit (row-edits-list.ts) share these types without importing
// each other.
import type { MarkVocabulary } from '../cohort/read';
import type { CellValue, CohortReading, Grid, LearnerRecord } from '../sheet';

/** A cell the what-if writes, with what it holds now and what it will hold. */
export interface CellChange {
  cell: string;
  row: number;
  column: number;
  before: CellValue;
  after: string;
  /** The units whose state the new value changes. */
  units: string[];
}

export interface RowChanges {
  changes: CellChange[];
  /** Units whose new state the sheet has no cell for, and why. */
  notWritten: { ref: string; reason: string }[];
}

/** The sheet and what was read from it, with the learner whose row is to change. */
export interface RowToEdit {
  grid: Grid;
  reading: CohortReading;
  record: LearnerRecord;
  marks?: MarkVocabulary;
}
