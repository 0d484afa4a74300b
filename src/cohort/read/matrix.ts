// The matrix layout: one column per unit, a mark in each learner's cell.
import type { QualificationDefinition, UnitDefinition } from '../../rules/model';
import type { CellValue } from '../../sheet';
import type { Addresses, ReadContext } from './context';
import type { HeaderColumn } from './header';
import type { UnitCandidate } from './unit-index';
import type { UnitTally } from './unit-tally';

export interface UnitColumn {
  header: HeaderColumn;
  candidates: UnitCandidate[];
  refs: string[];
  /** The column's unit for each qualification it belongs to: one, or several when its header is ambiguous there. */
  byQualification: Map<QualificationDefinition, UnitDefinition[]>;
  /** The unit as messages name it: its ref when the header names one unit, else the header. */
  label: string;
}

/** Unit columns from the header, with a warning for a unit named twice or a header that fits two units of one qualification. */
export function prepareUnitColumns(context: ReadContext, headers: HeaderColumn[]): UnitColumn[] {
  const columns: UnitColumn[] = [];
  const firstByUnit = new Map<UnitDefinition, HeaderColumn>();
  for (const header of headers) {
    if (header.role.kind !== 'unit') continue;
    const candidates = header.role.match.candidates;
    const refs = [...new Set(candidates.map((c) => c.unit.ref))];
    const byQualification = new Map<QualificationDefinition, UnitDefinition[]>();
    for (const c of candidates) {
      const list = byQualification.get(c.qualification);
      if (list) list.push(c.unit);
      else byQualification.set(c.qualification, [c.unit]);
    }
    const repeated = candidates.filter((c) => firstByUnit.has(c.unit));
    if (repeated.length > 0) {
      const first = firstByUnit.get(repeated[0].unit) as HeaderColumn;
      const named = [...new Set(repeated.map((c) => c.unit.ref))].join(', ');
      context.warnings.push({
        cell: header.cell,
        code: 'duplicate-unit',
        message: `Headers ${first.cell} "${first.text}" and ${header.cell} "${header.text}" both name unit ${named}. A learner marked in both is reported; remove one of the columns.`,
      });
    }
    for (const c of candidates) if (!firstByUnit.has(c.unit)) firstByUnit.set(c.unit, header);
    for (const [q, units] of byQualification) {
      if (units.length > 1) {
        context.warnings.push({
          cell: header.cell,
          code: 'unknown-header',
          message: `Header ${header.cell} "${header.text}" fits ${units.length} units of ${q.id} (${units.map((u) => u.ref).join(', ')}), so its marks cannot be read for ${q.id} learners. Head the column with the unit reference.`,
        });
      }
    }
    columns.push({
      header,
      candidates,
      refs,
      byQualification,
      label: refs.length === 1 ? refs[0] : `"${header.text}"`,
    });
  }
  return columns;
}

export class MatrixUnits {
  /** Grid column of each unit column: the loop below runs once per unit cell of the sheet. */
  private readonly indexes: number[];

  constructor(
    private readonly context: ReadContext,
    private readonly addresses: Addresses,
    private readonly columns: UnitColumn[],
    /** Columns whose header names no known unit: a mark there belongs to a unit nobody can place. */
    private readonly unknownColumns: readonly HeaderColumn[] = [],
  ) {
    this.indexes = columns.map((c) => c.header.index);
  }

  /** The marks the sheet may hold, in words, for a mark that is none of them: made only when one is found. */
  private get vocabulary(): string {
    return this.context.marks.describe();
  }

  /** The marks of grid row `r` into the tally of its learner (whose qualification decides ambiguous headers). */
  read(tally: UnitTally, qualification: QualificationDefinition | null, r: number, row: CellValue[]): void {
    const formats = this.context.grid.numberFormats?.[r];
    const marks = this.context.marks;
    const indexes = this.indexes;
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k];
      const value = row[index];
      if (value === null || value === undefined) continue;
      const reading = marks.read(value, formats?.[index]);
      if (reading.state === 'none') continue;
      const column = this.columns[k];
      const cell = this.addresses.at(r, index);
      const single = column.refs.length === 1 ? column.refs : undefined;
      if (reading.state === 'error') {
        tally.problem({
          cell,
          code: 'formula-error',
          message: `Cell ${cell} holds the error ${reading.error} from its formula, so unit ${column.label} is read as not taken. Fix the formula or type the mark.`,
          units: single,
        });
        continue;
      }
      if (reading.state === 'unrecognised') {
        tally.unrecognised(cell, reading.text, column.label, single, this.vocabulary);
        continue;
      }
      let ref: string;
      if (qualification) {
        const units = column.byQualification.get(qualification);
        if (!units) {
          tally.problem({
            cell,
            code: 'unit-not-in-qualification',
            message: `Cell ${cell} marks unit ${column.label}, which is not part of ${qualification.id} (the learner's qualification). Clear the mark, or correct the learner's qualification.`,
            units: column.refs,
          });
          continue;
        }
        if (units.length > 1) {
          tally.problem({
            cell,
            code: 'ambiguous-header',
            message: `Cell ${cell} is marked, but its header ${column.header.cell} "${column.header.text}" fits ${units.length} units of ${qualification.id} (${units.map((u) => u.ref).join(', ')}), so the mark is not counted. Head the column with the unit reference.`,
            units: units.map((u) => u.ref),
          });
          continue;
        }
        ref = units[0].ref;
      } else {
        ref = column.refs.length === 1 ? column.refs[0] : column.header.text;
      }
      tally.add(ref, reading.state, cell, reading.state === 'achieved' ? reading.achievedOn : undefined, 'column');
    }
    this.readUnknown(tally, r, row);
  }

  /**
   * A mark under a header that names no known unit is the sheet's problem, named on the learner's row so the learner
   * is not shown as achieved on the units that could be read. A date there counts as a mark only under a header that
   * looks like a unit reference (a "Start date" column among the units holds dates, not achievements).
   */
  private readUnknown(tally: UnitTally, r: number, row: CellValue[]): void {
    for (const column of this.unknownColumns) {
      const value = row[column.index];
      if (value === null || value === undefined) continue;
      const reading = this.context.marks.read(value, this.context.grid.numberFormats?.[r]?.[column.index]);
      if (reading.state !== 'achieved' && reading.state !== 'planned') continue;
      const looksLikeUnit = column.role.kind === 'other' && column.role.looksLikeUnit;
      if (reading.state === 'achieved' && reading.achievedOn && !looksLikeUnit) continue;
      const cell = this.addresses.at(r, column.index);
      tally.problem({
        cell,
        code: 'unknown-unit',
        message: `Cell ${cell} is marked ${reading.state} under header ${column.cell} "${column.text}", which names no unit of the qualifications in the catalogue, so the mark is not counted. Correct the header to the unit reference, or add the qualification's definition.`,
        units: [column.text],
      });
    }
  }
}
