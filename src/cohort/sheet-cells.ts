// The cells around a cohort that a placement decision looks at: one or more grids read from the sheet.
import type { CellRange } from './address';
import { mergedRanges } from './header';
import type { CellValue, Grid } from './types';

/** Cells the placement can look at: one or more grids read from the sheet (outside them, the sheet is empty). */
export class SheetCells {
  /** Last row and column any grid covers. */
  readonly bottom: number;
  readonly right: number;
  /** Merged areas the grids name: a cell in one is the user's layout even where it reads as blank. */
  readonly merges: readonly CellRange[];

  constructor(private readonly grids: readonly Grid[]) {
    let bottom = 0;
    let right = 0;
    for (const g of grids) {
      bottom = Math.max(bottom, g.top + g.values.length - 1);
      for (const row of g.values) if (row) right = Math.max(right, g.left + row.length - 1);
    }
    this.bottom = bottom;
    this.right = right;
    this.merges = grids.flatMap(mergedRanges);
  }

  /** Merged areas that reach into rows `top` to `bottom`. */
  mergesInRows(top: number, bottom: number): CellRange[] {
    return this.merges.filter((m) => m.top <= bottom && m.bottom >= top);
  }

  value(row: number, column: number): CellValue {
    for (const g of this.grids) {
      const r = row - g.top;
      const c = column - g.left;
      if (r >= 0 && r < g.values.length && c >= 0) {
        const v = g.values[r]?.[c];
        if (v !== undefined && v !== null) return v;
      }
    }
    return null;
  }
}
