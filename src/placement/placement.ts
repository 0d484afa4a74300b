// Where the owned result columns go, decided from cells already read (no Office.js here, so it is tested directly):
// where an earlier check put them, else right of the data; a separate results sheet when the user asks for one or
// when any of those cells holds something qualcheck did not write. With an ownership record (ownership-record.ts)
// "did not write" is what the record says, cell by cell; without one (a workbook checked before qualcheck kept a
// record, or saved since by a program that drops custom XML parts), a cell under a "qualcheck: ..." header is
// qualcheck's only while it holds what qualcheck would write there (result-vocabulary.ts).
import { cellAddress, columnLetters, rangeAddress, type CellRange, asCellText, isBlank } from '../sheet';
import { cellCount, cellRanges, decideOwnership, locateBlock, rangesInWords } from './ownership';
import { heldAsQualcheckWrites, resultWordsOf } from './result-vocabulary';
import type { OwnedBlock } from './ownership-record';
import type { LearnerCheck } from '../cohort/verdict';
import { ownedColumns } from './owned-columns';
import type { CellsAround } from './cells-around';
import { isResultHeader, type ResultsBlock } from '../cohort/verdict';
import { RESULTS_SHEET_LEAD } from './results-sheet';
import type { CellInput, CellValue, CohortReading } from '../sheet';

export type ResultsPlace = 'beside' | 'sheet';

/** What the writer does, cell for cell. Rows and columns are 1-based sheet coordinates. */
export interface WritePlan {
  target: 'columns' | 'sheet';
  sheetName: string;
  /** Why the results went to a separate sheet when the user did not ask for one. */
  reason?: string;
  headerRow: number;
  firstColumn: number;
  header: string[];
  /** First sheet row of `rows`. */
  firstRow: number;
  rows: CellInput[][];
  /** Column offsets (into a row) written as text, so `00123` keeps its zeros. */
  textColumns: number[];
  /** Column offset of the status, for the conditional formats. */
  statusColumn: number;
  /** Column offsets that hold sentences (violations, next step), which a writer makes wide enough to read. */
  sentenceColumns: readonly number[];
  /** Cells an earlier check wrote that this one does not cover (it had more rows): emptied. */
  staleRanges: string[];
  /** For a results sheet: whether to clear an earlier results sheet of the same name first, or create one. */
  sheet?: { create: boolean; name: string };
  /** The conditional format that highlights unit cells that do not count (results beside the data only). */
  highlight?: { range: string; formula: string };
  /** Cells qualcheck once wrote that a person changed since: left as they are, never written. */
  kept?: CellRange[];
}

/** Why the block cannot go beside the data, and the cells of the user's it would have overwritten. */
export interface BesideBlocked {
  blockedBy: string;
  kept?: CellRange[];
}

function text(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'object' && !(value instanceof Date)) return value.error;
  return String(value);
}

/**
 * Why result columns `firstColumn` on (`width` of them) cannot take rows `top` to `bottom` for a merged area there: a
 * result written into one would land in the user's merged cell, or vanish under it, since Excel keeps a merged area's
 * value in its upper-left cell only; one written across its edge Excel refuses.
 */
function mergedIn(
  cells: CellsAround,
  top: number,
  bottom: number,
  firstColumn: number,
  width: number,
): string | undefined {
  const merge = cells.mergesInRows(top, bottom).find((m) => m.left < firstColumn + width && m.right >= firstColumn);
  return merge ? `cells ${rangeAddress(merge)} are merged` : undefined;
}

/**
 * Why the block cannot go at `firstColumn`, or undefined when every cell there is empty or (under a result header,
 * among the learners) holds what qualcheck would write there: with no record of what it wrote, that is all that can
 * be told (result-vocabulary.ts). Every row below the header counts, to the sheet's last: a column with the user's
 * content anywhere below the header is not free, and nothing below the last learner is taken as qualcheck's.
 */
function blocked(
  cells: CellsAround,
  reading: CohortReading,
  firstColumn: number,
  block: ResultsBlock,
): string | undefined {
  const width = block.header.length;
  const merge = mergedIn(cells, reading.headerRow, Math.max(reading.lastRow, cells.bottom), firstColumn, width);
  if (merge) return merge;
  // The result words are needed only for a cell that holds something (none, in columns new to the sheet).
  let words: ReturnType<typeof resultWordsOf> | undefined;
  const theirs: { row: number; column: number }[] = [];
  for (let c = firstColumn; c < firstColumn + width; c++) {
    const head = cells.value(reading.headerRow, c);
    const headed = isResultHeader(head);
    if (!headed && !isBlank(head))
      return `column ${columnLetters(c)} holds your data (${cellAddress(reading.headerRow, c)} "${text(head)}")`;
    const k = headed ? block.header.findIndex((h) => h.toLowerCase() === String(head).trim().toLowerCase()) : -1;
    for (let r = reading.headerRow + 1; r <= cells.bottom; r++) {
      const value = cells.value(r, c);
      if (isBlank(value)) continue;
      const now = k >= 0 && r <= reading.lastRow ? block.rows[r - reading.headerRow - 1]?.[k] : undefined;
      if (
        headed &&
        r <= reading.lastRow &&
        heldAsQualcheckWrites(String(head), value, now, (words ??= resultWordsOf(reading)))
      )
        continue;
      theirs.push({ row: r, column: c });
    }
  }
  if (theirs.length === 0) return undefined;
  // The example named is one among the learners when there is one: what a person typed over a result says most.
  const first = theirs.find((t) => t.row <= reading.lastRow) ?? theirs[0];
  const ranges = cellRanges(theirs);
  const one = cellCount(ranges) === 1;
  const at = cellAddress(first.row, first.column);
  const shown = `"${text(cells.value(first.row, first.column))}"`;
  return one
    ? `cell ${at} holds your data (${shown})`
    : `cells ${rangesInWords(ranges)} hold your data (${at} ${shown}, ...)`;
}

/** Rightmost column with anything in it (or merged) from the header row down: a column used below is not free. */
function lastFilledColumn(cells: CellsAround, reading: CohortReading): number {
  let last = reading.lastColumn;
  const bottom = Math.max(reading.lastRow, cells.bottom);
  // A merged note beside the data reads as one value in its first cell, but all of its columns are the user's.
  for (const m of cells.mergesInRows(reading.headerRow, bottom)) last = Math.max(last, m.right);
  for (let r = reading.headerRow; r <= bottom; r++) {
    for (let c = cells.right; c > last; c--) {
      if (!isBlank(cells.value(r, c))) {
        last = c;
        break;
      }
    }
  }
  return last;
}

/** Results strings that Excel would take for a formula are written as text. */
function safe(value: string | number | null): CellInput {
  return value === null ? '' : asCellText(value);
}

function cellsWord(ranges: readonly CellRange[]): string {
  const n = cellCount(ranges);
  return `${n} ${n === 1 ? 'cell' : 'cells'}`;
}

/** The plan beside the data when the sheet has a recorded block: its place, and only cells still as written. */
function planByRecord(
  cells: CellsAround,
  sheetName: string,
  reading: CohortReading,
  block: ResultsBlock,
  recordedBlock: OwnedBlock,
): WritePlan | BesideBlocked {
  const owned = locateBlock(recordedBlock, (r, c) => cells.value(r, c), reading.headerRow, cells.right);
  if (owned === 'gone') return planByHeaders(cells, sheetName, reading, block);
  if (!owned) {
    const at = rangeAddress({
      top: recordedBlock.headerRow,
      left: recordedBlock.firstColumn,
      bottom: recordedBlock.headerRow,
      right: recordedBlock.firstColumn + recordedBlock.columns - 1,
    });
    return {
      blockedBy: `the result columns are no longer as qualcheck wrote them (headers ${at}: a header retyped, or columns inserted among them)`,
    };
  }
  const width = block.header.length;
  const target = {
    top: reading.headerRow,
    left: owned.firstColumn,
    bottom: Math.max(reading.lastRow, reading.headerRow),
    right: owned.firstColumn + width - 1,
  };
  // A merge made since the last check inside its columns: writing through it would lose results (or be refused).
  const merge = mergedIn(cells, target.top, target.bottom, target.left, width);
  if (merge) return { blockedBy: merge };
  const decision = decideOwnership(owned, (r, c) => cells.value(r, c), target);
  const kept = decision.edited;
  if (!decision.writable) {
    const parts: string[] = [];
    if (kept.length > 0)
      parts.push(
        cellCount(kept) === 1
          ? `1 cell qualcheck wrote was changed since (${rangesInWords(kept)}) and was kept as it is`
          : `${cellsWord(kept)} qualcheck wrote were changed since (${rangesInWords(kept)}) and were kept as they are`,
      );
    if (decision.foreign.length > 0)
      parts.push(
        `${rangesInWords(decision.foreign)} ${cellCount(decision.foreign) === 1 ? 'holds' : 'hold'} your data`,
      );
    return { blockedBy: parts.join('; '), kept };
  }
  return {
    ...besidePlan(sheetName, reading, block, owned.firstColumn, decision.stale.map(rangeAddress)),
    ...(kept.length > 0 ? { kept } : {}),
  };
}

function besidePlan(
  sheetName: string,
  reading: CohortReading,
  block: ResultsBlock,
  firstColumn: number,
  staleRanges: string[],
): WritePlan {
  return {
    target: 'columns',
    sheetName,
    headerRow: reading.headerRow,
    firstColumn,
    header: block.header,
    firstRow: reading.headerRow + 1,
    rows: block.rows.map((row) => row.map(safe)),
    textColumns: [],
    statusColumn: block.statusColumn,
    sentenceColumns: block.sentenceColumns,
    staleRanges,
  };
}

/**
 * The plan for results beside the data, or why they cannot go there. `owned` is the block the ownership record
 * keeps for this sheet; without it a cell under a "qualcheck: ..." header is qualcheck's only while it holds what
 * qualcheck would write there (result-vocabulary.ts), and the write that follows records the block.
 */
export function planBeside(
  cells: CellsAround,
  sheetName: string,
  reading: CohortReading,
  block: ResultsBlock,
  owned?: OwnedBlock,
): WritePlan | BesideBlocked {
  return owned
    ? planByRecord(cells, sheetName, reading, block, owned)
    : planByHeaders(cells, sheetName, reading, block);
}

function planByHeaders(
  cells: CellsAround,
  sheetName: string,
  reading: CohortReading,
  block: ResultsBlock,
): WritePlan | BesideBlocked {
  const headed = ownedColumns(cells, reading.headerRow);
  const firstColumn = headed.length > 0 ? headed[0] : lastFilledColumn(cells, reading) + 1;
  const reason = blocked(cells, reading, firstColumn, block);
  if (reason) return { blockedBy: reason };
  // Nothing below the last learner is cleared: without a record no cell there is provably qualcheck's.
  return besidePlan(sheetName, reading, block, firstColumn, []);
}

/** One row per learner on a sheet of the add-in's own: sheet row, learner id, then the owned columns. */
export function planResultsSheet(
  name: string,
  create: boolean,
  reading: CohortReading,
  checks: readonly LearnerCheck[],
  block: ResultsBlock,
  reason?: string,
): WritePlan {
  const rows = checks.map((check) => {
    const own = block.rows[check.record.row - reading.headerRow - 1] ?? block.header.map(() => null);
    return [check.record.row, check.record.learnerId, ...own].map(safe);
  });
  return {
    target: 'sheet',
    sheetName: name,
    reason,
    headerRow: 1,
    firstColumn: 1,
    header: [...RESULTS_SHEET_LEAD, ...block.header],
    firstRow: 2,
    rows,
    textColumns: [1],
    statusColumn: RESULTS_SHEET_LEAD.length + block.statusColumn,
    sentenceColumns: block.sentenceColumns.map((column) => RESULTS_SHEET_LEAD.length + column),
    staleRanges: [],
    sheet: { create, name },
  };
}
