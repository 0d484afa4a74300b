// Which cells qualcheck may write beside a cohort, decided by what it remembers writing (ownership-record.ts), never
// by what a header says: a cell is qualcheck's while it still holds what qualcheck put there. A cell a person typed
// into, or anything in a cell qualcheck never wrote, is kept; an empty cell holds nothing to lose.
import { rangeAddress, type CellRange, isBlank } from '../sheet';
import { isResultHeader } from '../cohort/verdict';
import {
  fingerprint,
  fingerprintAt,
  fingerprintCode,
  fingerprintCodes,
  NOT_RECORDED,
  type OwnedBlock,
} from './ownership-record';
import type { CellValue } from '../sheet';

export type CellReader = (row: number, column: number) => CellValue;

export interface OwnershipDecision {
  /** True when the whole target may be written: every cell in it is empty or still as qualcheck wrote it. */
  writable: boolean;
  /** Cells qualcheck wrote that a person has changed since, inside the target and outside it; never written. */
  edited: CellRange[];
  /** Cells inside the target that qualcheck never wrote and that hold something; never written. */
  foreign: CellRange[];
  /** Cells qualcheck wrote outside the target (the cohort got shorter) that nobody changed: to be emptied. */
  stale: CellRange[];
}

/**
 * The recorded fingerprint codes of the block's cells by sheet row and column (NOT_RECORDED outside it, or in a column
 * whose record is unreadable): each column decoded once into numbers, so no string is made per cell.
 */
function recorded(block: OwnedBlock): (row: number, column: number) => number {
  const columns = block.cells.map((c) => fingerprintCodes(c));
  return (row, column) => {
    const codes = columns[column - block.firstColumn];
    const index = row - block.headerRow;
    return codes !== undefined && index >= 0 && index < codes.length ? codes[index] : NOT_RECORDED;
  };
}

/**
 * Where the recorded block is now: its header cells looked for in the cohort's header row, so a block that moved
 * whole (rows inserted above it, columns inserted left of it) is still found. `gone` when neither it nor any
 * "qualcheck: ..." header is left in that row (the columns were deleted): nothing of qualcheck's is there to keep
 * or replace. Undefined when it cannot be found but result headers remain (one retyped, columns put among them).
 */
export function locateBlock(
  block: OwnedBlock,
  value: CellReader,
  headerRow: number,
  lastColumn: number,
): OwnedBlock | 'gone' | undefined {
  // Each column's header print only: a column that is not all fingerprints has none (as when it was split whole).
  const heads = block.cells.map((c) => fingerprintCodes(c)?.[0] ?? NOT_RECORDED);
  const fits = (left: number) => heads.every((code, i) => fingerprintCode(value(headerRow, left + i)) === code);
  if (block.headerRow === headerRow && fits(block.firstColumn)) return block;
  const found: number[] = [];
  for (let c = 1; c <= lastColumn; c++) if (fits(c)) found.push(c);
  if (found.length === 1) return { ...block, headerRow, firstColumn: found[0] };
  for (let c = 1; c <= lastColumn; c++) if (isResultHeader(value(headerRow, c))) return undefined;
  return 'gone';
}

/**
 * What may be written in `target` (header row included) given the block recorded for the sheet. `value` reads the
 * sheet as it is now. Cells recorded outside the target are looked at too, to empty those still as written.
 */
export function decideOwnership(block: OwnedBlock, value: CellReader, target: CellRange): OwnershipDecision {
  const was = recorded(block);
  const edited: CellGrid = new CellGrid();
  const foreign: CellGrid = new CellGrid();
  const stale: CellGrid = new CellGrid();
  const inTarget = (r: number, c: number) =>
    r >= target.top && r <= target.bottom && c >= target.left && c <= target.right;
  // Rows sorted or moved with their results (Data > Sort over the whole table) are still qualcheck's: a row whose
  // every recorded cell matches some recorded row is taken as that row, moved. The recorded rows' signatures are
  // made only when a cell differs from its record: a sheet as qualcheck left it needs none.
  let rowsWritten: Set<string> | undefined;
  const movedRow = (r: number) => {
    if (!rowsWritten) {
      rowsWritten = new Set();
      for (let row = block.headerRow + 1; row <= block.headerRow + block.rows; row++)
        rowsWritten.add(rowSignature(block, row, was));
    }
    return rowsWritten.has(rowSignature(block, r, (row, c) => fingerprintCode(value(row, c))));
  };
  for (let r = target.top; r <= target.bottom; r++) {
    let moved: boolean | undefined;
    for (let c = target.left; c <= target.right; c++) {
      const now = value(r, c);
      if (isBlank(now)) continue;
      const code = was(r, c);
      if (code === NOT_RECORDED) foreign.add(r, c);
      else if (code !== fingerprintCode(now) && !(moved ??= r > block.headerRow && movedRow(r))) edited.add(r, c);
    }
  }
  for (let c = block.firstColumn; c < block.firstColumn + block.columns; c++) {
    for (let r = block.headerRow; r <= block.headerRow + block.rows; r++) {
      if (inTarget(r, c)) continue;
      const now = value(r, c);
      if (isBlank(now)) continue;
      if (fingerprintCode(now) === was(r, c) || (r > block.headerRow && movedRow(r))) stale.add(r, c);
      else edited.add(r, c);
    }
  }
  const editedRanges = edited.ranges();
  const foreignRanges = foreign.ranges();
  const blocking = editedRanges.some((e) => overlaps(e, target)) || foreignRanges.length > 0;
  return { writable: !blocking, edited: editedRanges, foreign: foreignRanges, stale: stale.ranges() };
}

/** A row of the block as the fingerprint codes of its cells, side by side (NOT_RECORDED as nothing). */
function rowSignature(block: OwnedBlock, row: number, code: (row: number, column: number) => number): string {
  let out = '';
  for (let c = block.firstColumn; c < block.firstColumn + block.columns; c++) {
    const at = code(row, c);
    out += `${at === NOT_RECORDED ? '' : at}|`;
  }
  return out;
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Cells gathered one by one and given back as few rectangles: runs down each column, side-by-side runs merged. */
class CellGrid {
  private readonly byColumn = new Map<number, number[]>();

  add(row: number, column: number): void {
    const rows = this.byColumn.get(column);
    if (rows) rows.push(row);
    else this.byColumn.set(column, [row]);
  }

  ranges(): CellRange[] {
    const out: CellRange[] = [];
    const open = new Map<string, CellRange>();
    for (const column of [...this.byColumn.keys()].sort((a, b) => a - b)) {
      const rows = [...new Set(this.byColumn.get(column))].sort((a, b) => a - b);
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
        const key = `${rows[i]}:${rows[j]}`;
        const left = open.get(key);
        if (left && left.right === column - 1) left.right = column;
        else {
          const run = { top: rows[i], left: column, bottom: rows[j], right: column };
          open.set(key, run);
          out.push(run);
        }
        i = j + 1;
      }
    }
    return out.sort((a, b) => a.left - b.left || a.top - b.top);
  }
}

/** Cells gathered into ranges, for callers outside this file that name cells. */
export function cellRanges(cells: Iterable<{ row: number; column: number }>): CellRange[] {
  const grid = new CellGrid();
  for (const { row, column } of cells) grid.add(row, column);
  return grid.ranges();
}

/** `AX5, AY7:AY9 and 3 more`: the first few ranges by address, then how many more. */
export function rangesInWords(ranges: readonly CellRange[], shown = 6): string {
  const names = ranges.slice(0, shown).map(rangeAddress);
  const more = ranges.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** How many cells the ranges cover. */
export function cellCount(ranges: readonly CellRange[]): number {
  return ranges.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
}

/** Whether qualcheck may write one cell of a recorded block: it is empty, or still holds what qualcheck wrote. */
export function stillAsWritten(block: OwnedBlock, row: number, column: number, now: CellValue): boolean {
  if (isBlank(now)) return true;
  // One cell read out of its column, not the whole record split: Apply asks this for one learner's cells.
  const recordedColumn = block.cells[column - block.firstColumn];
  const fp =
    recordedColumn === undefined || row < block.headerRow
      ? undefined
      : fingerprintAt(recordedColumn, row - block.headerRow);
  return fp !== undefined && fp === fingerprint(now);
}

/** `stillAsWritten` for many cells of one block (a whole area of it): its columns are split once. */
export function cellsStillAsWritten(block: OwnedBlock): (row: number, column: number, now: CellValue) => boolean {
  const was = recorded(block);
  return (row, column, now) => {
    if (isBlank(now)) return true;
    const code = was(row, column);
    return code !== NOT_RECORDED && code === fingerprintCode(now);
  };
}
