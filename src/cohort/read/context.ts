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

/** Column letters by grid column, worked out once: a large sheet asks for millions of addresses. */
export class Addresses {
  private readonly letters: string[] = [];
  private row = -1;
  private rowNumber = '';

  constructor(private readonly grid: Grid) {}

  /** The address of grid row `r`, grid column `c` (both 0-based). */
  at(r: number, c: number): string {
    let letters = this.letters[c];
    if (letters === undefined) {
      letters = columnLetters(this.grid.left + c);
      this.letters[c] = letters;
    }
    if (r !== this.row) {
      this.row = r;
      this.rowNumber = String(this.grid.top + r);
    }
    return letters + this.rowNumber;
  }
}

export function catalogueList(context: ReadContext): string {
  const ids = context.catalogue.qualifications.map((q) => q.id);
  return ids.length > 0 ? ids.join(', ') : 'it is empty';
}
