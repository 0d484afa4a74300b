// The list layout: one cell per learner holding their units, with an optional mark per unit (`L/601/0933 (A)`),
// or separate Achieved units and Planned units columns.
import type { QualificationDefinition } from '../../rules/model';
import type { CellValue, UnitState } from '../../sheet';
import type { Addresses, ReadContext } from './context';
import type { ListField } from './columns';
import type { HeaderColumn } from './header';
import type { MarkReader, MarkReading } from './marks';
import type { UnitTally } from './unit-tally';
import { cellError, isBlank } from '../../sheet';
import { fieldText } from './learner-row';

/** A unit listed without a mark: in a plain Units column it is chosen, so planned until marked achieved. */
export const UNMARKED_STATE: Record<ListField, UnitState> = {
  units: 'planned',
  achievedUnits: 'achieved',
  plannedUnits: 'planned',
};

/** A unit in a list cell and the mark in brackets after it (`L/601/0933 (A)`, `Unit 4 [P]`), if it has one. */
function splitMark(item: string): { unit: string; mark: string; bracket: ListBracket } | undefined {
  const close = item[item.length - 1];
  if (close !== ')' && close !== ']') return undefined;
  const open = close === ')' ? '(' : '[';
  const at = item.lastIndexOf(open);
  if (at <= 0) return undefined;
  const unit = item.slice(0, at).trim();
  return unit === '' ? undefined : { unit, mark: item.slice(at + 1, -1).trim(), bracket: { open, close } };
}

/** Items are parted by commas, semicolons or line breaks; the spaces beside a separator belong to it. */
const LIST_SEPARATOR = /[ \t]*[,;\r\n]+[ \t]*/;

/** The items of a list cell's text, trimmed, empty ones left out. */
export function listItems(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** The first separator of a list cell's text with the spaces beside it (`, `, `;`, a line break), if it has one. */
export function listSeparator(text: string): string | undefined {
  return LIST_SEPARATOR.exec(text.trim())?.[0];
}

/** The brackets of an item's mark: `(` `)` or `[` `]`. */
export interface ListBracket {
  open: string;
  close: string;
}

/** One item of a list cell as the reader parts it: the unit's text, and its mark when the item carries one. */
export interface ListItemParts {
  unitText: string;
  /** The bracketed mark's reading; absent when the item has none (or the bracket belongs to the unit's name). */
  mark?: MarkReading;
  bracket?: ListBracket;
}

/**
 * Parts an item into unit and mark. A bracket that is not a mark may belong to the unit's name
 * (`Using Email (advanced)`): it does when the name without it is no unit and the whole is one.
 */
export function listItemParts(item: string, marks: MarkReader, isUnit: (text: string) => boolean): ListItemParts {
  const marked = splitMark(item);
  if (!marked) return { unitText: item };
  const mark = marks.read(marked.mark);
  const bracketInName = mark.state === 'unrecognised' && !isUnit(marked.unit) && isUnit(item);
  return bracketInName ? { unitText: item } : { unitText: marked.unit, mark, bracket: marked.bracket };
}

export class ListUnits {
  constructor(
    private readonly context: ReadContext,
    private readonly addresses: Addresses,
    private readonly columns: HeaderColumn[],
  ) {}

  read(tally: UnitTally, qualification: QualificationDefinition | null, r: number, row: CellValue[]): void {
    for (const column of this.columns) {
      if (column.role.kind !== 'list') continue;
      const value = row[column.index];
      if (isBlank(value)) continue;
      const cell = this.addresses.at(r, column.index);
      const error = cellError(value);
      if (error) {
        tally.problem({
          cell,
          code: 'formula-error',
          problem: { kind: 'list-formula-error', error },
        });
        continue;
      }
      const listed = typeof value === 'string' ? value : (fieldText(value) ?? '');
      for (const item of listItems(listed)) {
        this.readItem(tally, cell, r, column.index, item, UNMARKED_STATE[column.role.field], qualification);
      }
    }
  }

  private readItem(
    tally: UnitTally,
    cell: string,
    r: number,
    c: number,
    item: string,
    unmarked: UnitState,
    q: QualificationDefinition | null,
  ): void {
    const index = this.context.index;
    const parts = listItemParts(item, this.context.marks, (text) => index.match(text, true) !== undefined);
    const unitText = parts.unitText;
    const reading: MarkReading = parts.mark ?? { state: unmarked };
    const match = index.match(unitText, true);
    if (!match) {
      tally.problem({
        cell,
        code: 'unknown-unit',
        problem: { kind: 'listed-unit-unknown', text: unitText },
        units: [unitText],
      });
      return;
    }
    const refs = [...new Set(match.candidates.map((c) => c.unit.ref))];
    const label = refs.length === 1 ? refs[0] : `"${unitText}"`;
    if (reading.state === 'none' || reading.state === 'error') return;
    if (reading.state === 'unrecognised') {
      tally.unrecognised(
        cell,
        reading.text,
        label,
        refs.length === 1 ? refs : undefined,
        this.context.marks.vocabulary,
      );
      return;
    }
    let ref: string;
    if (q) {
      const units = match.candidates.filter((c) => c.qualification === q).map((c) => c.unit);
      if (units.length === 0) {
        tally.problem({
          cell,
          code: 'unit-not-in-qualification',
          problem: { kind: 'unit-not-in-qualification', unit: label, qualification: q.id, how: 'listed' },
          units: refs,
        });
        return;
      }
      if (units.length > 1) {
        tally.problem({
          cell,
          code: 'unknown-unit',
          problem: {
            kind: 'listed-unit-ambiguous',
            text: unitText,
            qualification: q.id,
            units: units.map((u) => u.ref),
          },
          units: units.map((u) => u.ref),
        });
        return;
      }
      ref = units[0].ref;
    } else {
      ref = refs.length === 1 ? refs[0] : unitText;
    }
    tally.add(ref, reading.state, r, c, reading.state === 'achieved' ? reading.achievedOn : undefined, 'list');
  }
}
