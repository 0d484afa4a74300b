// A learner's own cells: id (or centre ref, candidate number, else the row), names, ULN, date of birth and
// qualification, each with the problems a centre must fix.
import type { QualificationDefinition } from '../../rules/model';
import type { CellValue, LearnerRecord } from '../../sheet';
import { type Addresses, catalogueIds, type Problem, type ReadContext } from './context';
import { FIELD_LABEL, type LearnerField } from './columns';
import type { HeaderColumn } from './header';
import { cellError, isBlank, isoFromDate } from '../../sheet';
import { cellBit, type CellField, type FieldColumns, LearnerCells } from './lazy-cells';

// Copied once: an imported binding read for every cell costs a call per read where modules are transpiled.
const errorOf = cellError;
const blank = isBlank;

export interface DefaultQualification {
  text: string;
  qualification: QualificationDefinition | null;
}

/** The text of a learner's own field: numbers as typed (`1001`), dates as ISO. */
export function fieldText(value: CellValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoFromDate(value);
  return undefined;
}

/** The learner fields (as the header names them) whose cell `LearnerRecord.cells` gives under the same name. */
const CELL_BITS: ReadonlyMap<LearnerField, number> = new Map(
  (['learnerId', 'firstName', 'lastName', 'uln', 'dateOfBirth', 'qualification', 'sex'] as const).map((f) => [
    f,
    cellBit(f),
  ]),
);

export class LearnerRows {
  private readonly columns: [LearnerField, HeaderColumn][];
  // The same columns as two arrays read by position: a worksheet function reads one row per call, mostly before the
  // code is optimised, where a for-of over tuples makes an iterator and its results for every column of every row.
  private readonly fields: LearnerField[];
  private readonly indexes: number[];
  /** Each field's bit in a learner's `LearnerCells` (0 for a field without a cell of its own). */
  private readonly bits: number[];
  /** The fields' sheet columns, shared by every learner's `LearnerCells`; set by `fieldColumns` as the grid moves. */
  private columnsAt: FieldColumns | undefined;
  private columnsLeft = Number.NaN;
  private readonly idColumn: HeaderColumn | undefined;
  private readonly qualificationColumn: HeaderColumn | undefined;

  constructor(
    private readonly context: ReadContext,
    private readonly addresses: Addresses,
    columns: Map<LearnerField, HeaderColumn>,
    private readonly fallback: DefaultQualification | undefined,
  ) {
    this.columns = [...columns];
    this.fields = this.columns.map(([field]) => field);
    this.indexes = this.columns.map(([, column]) => column.index);
    this.bits = this.fields.map((field) => (field === 'fullName' ? cellBit('name') : (CELL_BITS.get(field) ?? 0)));
    this.idColumn = columns.get('learnerId') ?? columns.get('centreRef') ?? columns.get('candidateNo');
    this.qualificationColumn = columns.get('qualification');
  }

  /** The learner on grid row `r`, with no units yet. */
  read(r: number, row: CellValue[]): LearnerRecord {
    const sheetRow = this.context.grid.top + r;
    const problems: Problem[] = [];
    // Which fields have a cell: their addresses are made when asked (`LearnerCells`), not for every learner.
    let mask = 0;
    // Plain locals rather than a map of fields: this runs once per learner on sheets of tens of thousands.
    let learnerId: string | undefined;
    let centreRef: string | undefined;
    let candidateNo: string | undefined;
    // Grid columns of the id fields read, for the id's cell.
    let learnerIdAt = 0;
    let centreRefAt = 0;
    let candidateNoAt = 0;
    let fullName: string | undefined;
    let firstName: string | undefined;
    let lastName: string | undefined;
    let qualificationText: string | undefined;
    let sex: string | undefined;
    let uln: CellValue | undefined;
    let dateOfBirth: CellValue | undefined;
    const fields = this.fields;
    const indexes = this.indexes;
    const bits = this.bits;
    for (let k = 0; k < fields.length; k++) {
      const field = fields[k];
      const index = indexes[k];
      const value = row[index];
      if (value === null || value === undefined) continue;
      const error = typeof value === 'object' || typeof value === 'string' ? errorOf(value) : undefined;
      if (error) {
        const cell = this.addresses.at(r, index);
        problems.push({
          cell,
          code: 'formula-error',
          problem: { kind: 'field-formula-error', field: FIELD_LABEL[field], error },
        });
        continue;
      }
      if (field === 'uln' || field === 'dateOfBirth') {
        // Kept as the sheet holds them: registration prep decides what is valid.
        if (blank(value)) continue;
        if (field === 'uln') uln = value;
        else dateOfBirth = value;
        mask |= bits[k];
        continue;
      }
      const text = fieldText(value);
      if (text === undefined) continue;
      switch (field) {
        case 'learnerId':
          learnerId = text;
          learnerIdAt = index;
          break;
        case 'centreRef':
          centreRef = text;
          centreRefAt = index;
          break;
        case 'candidateNo':
          candidateNo = text;
          candidateNoAt = index;
          break;
        case 'fullName':
          fullName = text;
          break;
        case 'firstName':
          firstName = text;
          break;
        case 'lastName':
          lastName = text;
          break;
        case 'qualification':
          qualificationText = text;
          break;
        case 'sex':
          sex = text;
          break;
      }
      mask |= bits[k];
    }

    let id = learnerId ?? centreRef ?? candidateNo;
    let idColumn = 0;
    if (id !== undefined) {
      idColumn =
        this.context.grid.left +
        (learnerId !== undefined ? learnerIdAt : centreRef !== undefined ? centreRefAt : candidateNoAt);
      mask |= cellBit('learnerId');
    } else {
      id = `row ${sheetRow}`;
      this.missingId(r, row, fullName ?? firstName ?? lastName, problems);
    }

    const record: LearnerRecord = {
      row: sheetRow,
      learnerId: id,
      qualificationText: null,
      qualification: null,
      achieved: [],
      planned: [],
      marks: [],
      problems,
      cells: new LearnerCells(this.fieldColumns(), sheetRow, mask, idColumn),
    };
    this.qualificationOf(record, r, row, qualificationText);
    if (firstName !== undefined) record.firstName = firstName;
    if (lastName !== undefined) record.lastName = lastName;
    const name =
      fullName ??
      (firstName !== undefined && lastName !== undefined ? `${firstName} ${lastName}` : (firstName ?? lastName));
    if (name !== undefined) record.fullName = name;
    if (uln !== undefined) record.uln = uln;
    if (dateOfBirth !== undefined) record.dateOfBirth = dateOfBirth;
    if (sex !== undefined) record.sex = sex;
    return record;
  }

  /** The fields' sheet columns in the grid read now: made again only when a row is read from a grid further across. */
  private fieldColumns(): FieldColumns {
    const left = this.context.grid.left;
    if (this.columnsAt !== undefined && this.columnsLeft === left) return this.columnsAt;
    const at: FieldColumns = {
      learnerId: 0,
      name: 0,
      firstName: 0,
      lastName: 0,
      uln: 0,
      dateOfBirth: 0,
      qualification: 0,
      sex: 0,
    };
    for (const [field, column] of this.columns) {
      const cellField: CellField | undefined =
        field === 'fullName' ? 'name' : CELL_BITS.has(field) ? (field as CellField) : undefined;
      if (cellField !== undefined) at[cellField] = left + column.index;
    }
    this.columnsAt = at;
    this.columnsLeft = left;
    return at;
  }

  private missingId(r: number, row: CellValue[], named: string | undefined, problems: Problem[]): void {
    const sheetRow = this.context.grid.top + r;
    if (this.idColumn) {
      const cell = this.addresses.at(r, this.idColumn.index);
      problems.push({
        cell,
        code: 'missing-learner-id',
        problem: named ? { kind: 'no-learner-id', row: sheetRow, named } : { kind: 'no-learner-id', row: sheetRow },
      });
    } else if (!named) {
      const cell = this.firstFilledCell(r, row);
      problems.push({
        cell,
        code: 'missing-learner-id',
        problem: { kind: 'no-learner-id-or-name', row: sheetRow },
      });
    }
  }

  private qualificationOf(record: LearnerRecord, r: number, row: CellValue[], written: string | undefined): void {
    const sheetRow = record.row;
    const column = this.qualificationColumn;
    const problems = record.problems;
    if (written !== undefined && column) {
      record.qualificationText = written;
      record.qualification = this.context.resolver.resolve(written) ?? null;
      if (!record.qualification) {
        const cell = this.addresses.at(r, column.index);
        const sharing = this.context.resolver.sharing(written);
        problems.push({
          cell,
          code: 'unknown-qualification',
          problem:
            sharing.length > 1
              ? { kind: 'qualification-title-shared', written, sharing: sharing.map((q) => q.id) }
              : { kind: 'qualification-unknown', written, catalogue: catalogueIds(this.context) },
        });
      }
      return;
    }
    // The cell a problem names, made only for a problem.
    const cell = () => (column ? this.addresses.at(r, column.index) : this.firstFilledCell(r, row));
    if (this.fallback) {
      record.qualificationText = this.fallback.text;
      record.qualification = this.fallback.qualification;
      if (!this.fallback.qualification) {
        problems.push({
          cell: cell(),
          code: 'unknown-qualification',
          problem: { kind: 'chosen-qualification-not-in-catalogue', row: sheetRow, chosen: this.fallback.text },
        });
      }
      return;
    }
    problems.push({
      cell: cell(),
      code: 'missing-qualification',
      problem: column
        ? { kind: 'qualification-blank', row: sheetRow }
        : { kind: 'no-qualification-column', row: sheetRow },
    });
  }

  /** Where to point a problem that belongs to a whole row: its first filled cell, always inside the grid. */
  firstFilledCell(r: number, row: CellValue[]): string {
    for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return this.addresses.at(r, c);
    return this.addresses.at(r, 0);
  }
}
