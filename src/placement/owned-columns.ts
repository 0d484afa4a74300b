// Columns the add-in owns by their header (`qualcheck: ...`): found in a header row, and blanked before reading so
// earlier results are never read as the learners' data.
import { isResultHeader } from '../cohort/verdict';
import type { CellsAround } from './cells-around';
import type { Grid } from '../sheet';

/** Owned columns: header cells in the header row whose text the add-in writes. */
export function ownedColumns(cells: CellsAround, headerRow: number): number[] {
  const out: number[] = [];
  for (let c = 1; c <= cells.right; c++) if (isResultHeader(cells.value(headerRow, c))) out.push(c);
  return out;
}

/** A copy of the grid with owned columns blanked, so the reader never mistakes earlier results for data. */
export function withoutOwnedColumns(grid: Grid, searchRows: number): Grid {
  const owned = new Set<number>();
  for (let r = 0; r < Math.min(searchRows, grid.values.length); r++) {
    (grid.values[r] ?? []).forEach((v, c) => {
      if (isResultHeader(v)) owned.add(c);
    });
  }
  if (owned.size === 0) return grid;
  const values = grid.values.map((row) => {
    if (!row) return row;
    const copy = row.slice();
    for (const c of owned) if (c < copy.length) copy[c] = null;
    return copy;
  });
  return { ...grid, values };
}
