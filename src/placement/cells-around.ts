// The cells around a cohort that a placement decision looks at: one or more grids read from the sheet.
import type { CellRange, CellValue, Grid } from '../sheet';
import { mergedRanges } from '../cohort/read';

/** Cells the placement can look at: one or more grids read from the sheet (outside them, the sheet is empty). */
export class CellsAround {
  /** Last row and column any grid covers. */
  readonly bottom: number;
  readonly right: number;
  /** Merged areas the grids name: a cell in one is the user's layout even where it reads as blank. */
  readonly merges: readonly CellRange[];

  /** Formula cells that read as empty, by row then column: to the writer they hold their formula. */
  private readonly formulas = new Map<number, Map<number, string>>();

  /** `merges`: merged areas known apart from the grids (the add-in asks Excel for those where results may go). */
  constructor(
    private readonly grids: readonly Grid[],
    private readonly known: readonly CellRange[] = [],
  ) {
    let bottom = 0;
    let right = 0;
    for (const g of grids) {
      bottom = Math.max(bottom, g.top + g.values.length - 1);
      for (const row of g.values) if (row) right = Math.max(right, g.left + row.length - 1);
      for (const f of g.blankFormulas ?? []) {
        let line = this.formulas.get(f.row);
        if (!line) this.formulas.set(f.row, (line = new Map()));
        line.set(f.column, f.formula === '' ? '=…' : `=${f.formula}`);
        bottom = Math.max(bottom, f.row);
        right = Math.max(right, f.column);
      }
    }
    this.bottom = bottom;
    this.right = right;
    this.merges = [...grids.flatMap(mergedRanges), ...known];
  }

  /** These cells and, as well, formula cells found since that read as empty (the add-in reads formulas later). */
  withBlankFormulas(formulas: NonNullable<Grid['blankFormulas']>): CellsAround {
    if (formulas.length === 0) return this;
    return new CellsAround([...this.grids, { top: 1, left: 1, values: [], blankFormulas: formulas }], this.known);
  }

  /** Merged areas that reach into rows `top` to `bottom`. */
  mergesInRows(top: number, bottom: number): CellRange[] {
    return this.merges.filter((m) => m.top <= bottom && m.bottom >= top);
  }

  /** What a cell holds; a formula whose value reads as empty is its formula text (`=1+1`), never empty. */
  value(row: number, column: number): CellValue {
    // Most sheets have no such formula: the placement reads every cell of the result columns, 400,000 at 50,000 learners.
    const formula = this.formulas.size === 0 ? undefined : this.formulas.get(row)?.get(column);
    if (formula !== undefined) return formula;
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
