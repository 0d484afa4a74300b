// Columns the add-in owns by their header (`qualcheck: ...`): found in a header row, and blanked before reading so
// earlier results are never read as the learners' data.
import { isResultHeader } from '../cohort/verdict';
import type { CellsAround } from './cells-around';
import type { CellValue, Grid } from '../sheet';

/** Owned columns: header cells in the header row whose text the add-in writes. */
export function ownedColumns(cells: CellsAround, headerRow: number): number[] {
  const out: number[] = [];
  for (let c = 1; c <= cells.right; c++) if (isResultHeader(cells.value(headerRow, c))) out.push(c);
  return out;
}

/** Grid columns (0-based) whose header, in the first `searchRows` rows, is one the add-in writes; in column order. */
function ownedIndexes(grid: Grid, searchRows: number): number[] {
  const owned = new Set<number>();
  for (let r = 0; r < Math.min(searchRows, grid.values.length); r++) {
    (grid.values[r] ?? []).forEach((v, c) => {
      if (isResultHeader(v)) owned.add(c);
    });
  }
  return [...owned].sort((a, b) => a - b);
}

/** Whether `row` holds anything but null in an owned column: only such a row need be blanked. */
function holdsOwned(row: readonly CellValue[], owned: readonly number[]): boolean {
  for (let k = 0; k < owned.length; k++) {
    const c = owned[k];
    if (c < row.length && row[c] !== null) return true;
  }
  return false;
}

/**
 * A copy of the grid with owned columns blanked, so the reader never mistakes earlier results for data. Only rows
 * holding something in an owned column are copied; the others are the grid's own (the reader never writes a row).
 */
export function withoutOwnedColumns(grid: Grid, searchRows: number): Grid {
  const owned = ownedIndexes(grid, searchRows);
  if (owned.length === 0) return grid;
  const values = grid.values.map((row) => {
    if (!row || !holdsOwned(row, owned)) return row;
    const copy = row.slice();
    for (const c of owned) if (c < copy.length) copy[c] = null;
    return copy;
  });
  return { ...grid, values };
}

/** What an owned cell held before `readWithoutOwnedColumns` blanked it: a hole is put back as a hole. */
const HOLE: unique symbol = Symbol('hole');

/**
 * `read` of the grid as `withoutOwnedColumns` gives it, without copying the grid: the owned cells are blanked in
 * place for the time of `read` and put back after it, so a re-checked sheet of 50,000 learners makes no second copy
 * of its rows. `read` must be synchronous and keep no row of the grid: nothing else sees the grid while it runs.
 */
export function readWithoutOwnedColumns<T>(grid: Grid, searchRows: number, read: (grid: Grid) => T): T {
  const owned = ownedIndexes(grid, searchRows);
  if (owned.length === 0) return read(grid);
  // Each blanked cell, by grid row and column, and what it held.
  const rows: number[] = [];
  const columns: number[] = [];
  const held: (CellValue | undefined | typeof HOLE)[] = [];
  const values = grid.values;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    for (let k = 0; k < owned.length; k++) {
      const c = owned[k];
      if (c >= row.length) break;
      const value = row[c];
      if (value === null) continue;
      rows.push(r);
      columns.push(c);
      held.push(value === undefined && !(c in row) ? HOLE : value);
      row[c] = null;
    }
  }
  try {
    return read(grid);
  } finally {
    for (let i = 0; i < rows.length; i++) {
      const row = values[rows[i]];
      const value = held[i];
      if (value === HOLE) delete row[columns[i]];
      else row[columns[i]] = value as CellValue;
    }
  }
}
