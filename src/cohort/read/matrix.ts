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
      let ref: string;
      if (qualification) {
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
        if (units.length > 1) {
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
          continue;
        }
        ref = units[0].ref;
      } else {
        ref = column.refs.length === 1 ? column.refs[0] : column.header.text;
      }
      tally.add(ref, reading.state, r, index, reading.state === 'achieved' ? reading.achievedOn : undefined, 'column');
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
