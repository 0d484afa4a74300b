// What every part of one reading shares: the grid, the lookups, and the sheet-level warnings.
import type { Catalogue } from '../../rules/catalogue';
import type { Grid, ReadWarning } from '../../sheet';
import type { MarkReader } from './marks';
import type { QualificationResolver } from './qualification';
import type { UnitIndex } from './unit-index';
import { columnLetters } from '../../sheet';

export type Problem = ReadWarning & { units?: string[] };

export interface ReadContext {
  grid: Grid;
  catalogue: Catalogue;
  index: UnitIndex;
  resolver: QualificationResolver;
  marks: MarkReader;
  warnings: ReadWarning[];
}

/**
 * Column letters by sheet column, worked out once for every reading: a large sheet asks for millions of addresses,
 * and a worksheet function filled down reads a row per call, which would otherwise work out its letters each time.
 */
const LETTERS: string[] = [];

/** The addresses of a grid's cells. */
export class Addresses {
  private row = -1;
  private rowNumber = '';
  /**
   * False while a row is read for its units alone (`CohortHeader.unitsUnder`): every address is then '', and a
   * worksheet function's STATUS makes no address string per mark and field that nobody reads.
   */
  named = true;

  constructor(private grid: Grid) {}

  /** The addresses of another grid from now on: a row read under a header kept for the next. */
  moveTo(grid: Grid): void {
    this.grid = grid;
    this.row = -1;
  }

  /** The 1-based sheet row of grid row `r`. */
  sheetRow(r: number): number {
    return this.grid.top + r;
  }

  /** The 1-based sheet column of grid column `c`. */
  sheetColumn(c: number): number {
    return this.grid.left + c;
  }

  /** The address of grid row `r`, grid column `c` (both 0-based). */
  at(r: number, c: number): string {
    if (!this.named) return '';
    const column = this.grid.left + c;
    let letters = LETTERS[column];
    if (letters === undefined) {
      letters = columnLetters(column);
      LETTERS[column] = letters;
    }
    if (r !== this.row) {
      this.row = r;
      this.rowNumber = String(this.grid.top + r);
    }
    return letters + this.rowNumber;
  }
}

const CATALOGUE_IDS = new WeakMap<Catalogue, readonly string[]>();

/** The ids the catalogue holds, for a problem naming a qualification it lacks: one list per catalogue, not per row. */
export function catalogueIds(context: ReadContext): readonly string[] {
  let ids = CATALOGUE_IDS.get(context.catalogue);
  if (!ids) {
    ids = Object.freeze(context.catalogue.qualifications.map((q) => q.id));
    CATALOGUE_IDS.set(context.catalogue, ids);
  }
  return ids;
}
