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
        problem: {
          kind: 'unit-column-twice',
          first: { cell: first.cell, text: first.text },
          second: { cell: header.cell, text: header.text },
          unit: named,
        },
      });
    }
    for (const c of candidates) if (!firstByUnit.has(c.unit)) firstByUnit.set(c.unit, header);
    for (const [q, units] of byQualification) {
      if (units.length > 1) {
        context.warnings.push({
          cell: header.cell,
          code: 'unknown-header',
          problem: {
            kind: 'header-fits-several',
            header: { cell: header.cell, text: header.text },
            qualification: q.id,
            units: units.map((u) => u.ref),
          },
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

/**
 * What each unit column stands for in one qualification (or for a learner without one): the unit's ref and its number
 * in the tally, or undefined where a mark there is a problem (the column is not in the qualification, or ambiguous).
 */
interface ColumnUnits {
  refs: (string | undefined)[];
  numbers: number[];
}

export class MatrixUnits {
  /** Grid column of each unit column: the loop below runs once per unit cell of the sheet. */
  private readonly indexes: number[];
  /**
   * Each qualification's `ColumnUnits`, worked out on its first learner rather than looked up for every mark; kept
   * with the tally whose numbers they hold.
   */
  private readonly byQualification = new Map<QualificationDefinition | null, ColumnUnits>();
  private numbered: UnitTally | undefined;
  private lastQualification: QualificationDefinition | null | undefined;
  private lastUnits: ColumnUnits | undefined;

  constructor(
    private readonly context: ReadContext,
    private readonly addresses: Addresses,
    private readonly columns: UnitColumn[],
    /** Columns whose header names no known unit: a mark there belongs to a unit nobody can place. */
    private readonly unknownColumns: readonly HeaderColumn[] = [],
  ) {
    this.indexes = columns.map((c) => c.header.index);
  }

  /** What the unit columns stand for in `qualification`, the same for every learner of it. */
  private unitsFor(tally: UnitTally, qualification: QualificationDefinition | null): ColumnUnits {
    if (this.numbered !== tally) {
      this.byQualification.clear();
      this.numbered = tally;
      this.lastUnits = undefined;
    }
    if (this.lastUnits !== undefined && this.lastQualification === qualification) return this.lastUnits;
    let units = this.byQualification.get(qualification);
    if (!units) {
      const refs = this.columns.map((column) => {
        if (!qualification) return column.refs.length === 1 ? column.refs[0] : column.header.text;
        const own = column.byQualification.get(qualification);
        return own?.length === 1 ? own[0].ref : undefined;
      });
      units = { refs, numbers: refs.map((ref) => (ref === undefined ? -1 : tally.numberOf(ref))) };
      this.byQualification.set(qualification, units);
    }
    this.lastQualification = qualification;
    this.lastUnits = units;
    return units;
  }

  /** The marks of grid row `r` into the tally of its learner (whose qualification decides ambiguous headers). */
  read(tally: UnitTally, qualification: QualificationDefinition | null, r: number, row: CellValue[]): void {
    const formats = this.context.grid.numberFormats?.[r];
    const marks = this.context.marks;
    const indexes = this.indexes;
    const { refs, numbers } = this.unitsFor(tally, qualification);
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k];
      const value = row[index];
      if (value === null || value === undefined) continue;
      const reading = marks.read(value, formats?.[index]);
      if (reading.state === 'none') continue;
      const column = this.columns[k];
      const single = column.refs.length === 1 ? column.refs : undefined;
      if (reading.state === 'error') {
        tally.problem({
          cell: this.addresses.at(r, index),
          code: 'formula-error',
          problem: { kind: 'mark-formula-error', error: reading.error, unit: column.label },
          units: single,
        });
        continue;
      }
      if (reading.state === 'unrecognised') {
        tally.unrecognised(
          this.addresses.at(r, index),
          reading.text,
          column.label,
          single,
          this.context.marks.vocabulary,
        );
        continue;
      }
      const ref = refs[k];
      if (ref !== undefined) {
        const achievedOn = reading.state === 'achieved' ? reading.achievedOn : undefined;
        tally.addNumbered(numbers[k], ref, reading.state, r, index, achievedOn, 'column');
        continue;
      }
      // Only a learner with a qualification finds no unit in a column: it is not in the qualification, or ambiguous there.
      if (!qualification) continue;
      const units = column.byQualification.get(qualification);
      if (!units) {
        tally.problem({
          cell: this.addresses.at(r, index),
          code: 'unit-not-in-qualification',
          problem: {
            kind: 'unit-not-in-qualification',
            unit: column.label,
            qualification: qualification.id,
            how: 'marked',
          },
          units: column.refs,
        });
        continue;
      }
      tally.problem({
        cell: this.addresses.at(r, index),
        code: 'ambiguous-header',
        problem: {
          kind: 'marked-under-ambiguous-header',
          header: { cell: column.header.cell, text: column.header.text },
          qualification: qualification.id,
          units: units.map((u) => u.ref),
        },
        units: units.map((u) => u.ref),
      });
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
        problem: {
          kind: 'marked-under-unknown-header',
          state: reading.state,
          header: { cell: column.cell, text: column.text },
        },
        units: [column.text],
      });
    }
  }
}
