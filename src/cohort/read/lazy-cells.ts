// The cells a learner's marks and fields came from, as sheet row and column: their A1 addresses are worked out when
// asked. Only a problem, the pane's links and highlights ask, for a few cells; a sheet of 50,000 learners would
// otherwise make a million address strings (one per mark and field) that nobody reads, and collect them again.
import type { LearnerRecord, UnitMark, UnitState } from '../../sheet';
import { cellAddress } from '../../sheet';

// Copied once: an imported binding read for every address costs a call per read where modules are transpiled.
const address = cellAddress;

/**
 * A unit mark of the sheet: where it came from, its address made when asked. A mark dated in the sheet is a
 * `DatedMark`: most marks have no date, and a field for one in every mark would cost as much as the address saved.
 */
export class SheetMark implements UnitMark {
  declare achievedOn?: string;

  constructor(
    readonly ref: string,
    public state: UnitState,
    /** 1-based sheet row and column of the cell the mark came from. */
    public row: number,
    public column: number,
  ) {}

  get cell(): string {
    return address(this.row, this.column);
  }
}

/** A mark that was a date of achievement. */
export class DatedMark extends SheetMark {
  constructor(ref: string, row: number, column: number, achievedOn: string) {
    super(ref, 'achieved', row, column);
    this.achievedOn = achievedOn;
  }
}

/** The learner fields that have a cell of their own: each a bit of `LearnerCells`' mask. */
export type CellField = keyof LearnerRecord['cells'];

const BITS: Readonly<Record<CellField, number>> = {
  learnerId: 1,
  name: 2,
  firstName: 4,
  lastName: 8,
  uln: 16,
  dateOfBirth: 32,
  qualification: 64,
  sex: 128,
};

/** A field's bit in `LearnerCells`' mask. */
export function cellBit(field: CellField): number {
  return BITS[field];
}

/** 1-based sheet columns of the fields, shared by every learner read under one header. */
export type FieldColumns = Record<CellField, number>;

/**
 * The addresses of one learner's fields (`LearnerRecord.cells`): the sheet row, which fields hold a value (`mask`),
 * and the columns shared by every learner under the header. The id's column is the learner's own: the learner id,
 * else the centre's reference or the candidate number, whichever the row holds.
 */
export class LearnerCells {
  constructor(
    private readonly columns: Readonly<FieldColumns>,
    private readonly row: number,
    private readonly mask: number,
    private readonly idColumn: number,
  ) {}

  private at(bit: number, column: number): string | undefined {
    return (this.mask & bit) === 0 ? undefined : address(this.row, column);
  }

  get learnerId(): string | undefined {
    return this.at(1, this.idColumn);
  }

  get name(): string | undefined {
    return this.at(2, this.columns.name);
  }

  get firstName(): string | undefined {
    return this.at(4, this.columns.firstName);
  }

  get lastName(): string | undefined {
    return this.at(8, this.columns.lastName);
  }

  get uln(): string | undefined {
    return this.at(16, this.columns.uln);
  }

  get dateOfBirth(): string | undefined {
    return this.at(32, this.columns.dateOfBirth);
  }

  get qualification(): string | undefined {
    return this.at(64, this.columns.qualification);
  }

  get sex(): string | undefined {
    return this.at(128, this.columns.sex);
  }
}
