// A grid with some cells replaced, as the sheet will hold them once they are written: the what-if re-reads it before
// anything is written, and the pane goes on from it after.
import type { CellValue, Grid } from './types';

/** A copy of the grid with the changes in it, as the sheet will hold them. */
export function gridWith(grid: Grid, cells: readonly { row: number; column: number; value: CellValue }[]): Grid {
  const values = grid.values.slice();
  for (const { row, column, value } of cells) {
    const r = row - grid.top;
    const c = column - grid.left;
    if (r < 0 || c < 0) continue;
    while (values.length <= r) values.push([]);
    const copy = (values[r] ?? []).slice();
    while (copy.length < c) copy.push(null);
    copy[c] = value;
    values[r] = copy;
  }
  return { ...grid, values };
}
