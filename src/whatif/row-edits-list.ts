// A what-if choice on a sheet that lists units in a cell (`L/601/0933 (A), Unit 4`) or in Achieved units and
// Planned units cells: the list cells rewritten in the sheet's own separators and bracket marks, a unit staying in
// its cell keeping its place. Items are parted as the reader parts them (list.ts), so what is written reads back.
import type { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import { cellAddress, gridValue, isBlank } from '../sheet';
import {
  listFieldOf,
  type ListField,
  headerText,
  listItemParts,
  listItems,
  listSeparator,
  UNMARKED_STATE,
  type ListBracket,
  DEFAULT_MARKS,
  MarkReader,
  unitIndexFor,
  type UnitIndex,
} from '../cohort/read';
import { sheetSpelling } from './mark-spelling';
import type { ReadOptions } from '../cohort/read';
import type { RowToEdit, RowChanges } from './row-changes';
import type { CellValue, CohortReading, UnitState } from '../sheet';
import { changedUnits, sheetChoices, type Choices } from './unit-choices';

interface ListColumn {
  column: number;
  field: ListField;
}

/** What a list cell's item says: its unit (when it names one of the learner's qualification) and state. */
interface ListItem {
  text: string;
  unitText: string;
  ref?: string;
  state?: UnitState | 'none';
  /** The bracket mark after the unit, when it has one (`(A)`). */
  mark?: ListBracket;
}

function listColumnsOf(row: RowToEdit): ListColumn[] {
  const out: ListColumn[] = [];
  for (let c = row.reading.firstColumn; c <= row.reading.lastColumn; c++) {
    const field = listFieldOf(headerText(gridValue(row.grid, row.reading.headerRow, c)));
    if (field) out.push({ column: c, field });
  }
  return out;
}

/** The items of a list cell, as the reader parts them, with the units of the learner's qualification they name. */
class ListReader {
  private readonly index: UnitIndex;

  constructor(
    catalogue: Catalogue,
    private readonly q: QualificationDefinition,
    private readonly reader: MarkReader,
  ) {
    this.index = unitIndexFor(catalogue);
  }

  private refOf(text: string): string | undefined {
    const match = this.index.match(text, true);
    const units = match?.candidates.filter((c) => c.qualification.id === this.q.id).map((c) => c.unit.ref) ?? [];
    return units.length === 1 ? units[0] : undefined;
  }

  /** An item whose mark the reader cannot read (or whose unit is not the learner's) is kept as it stands. */
  item(text: string, field: ListField): ListItem {
    const parts = listItemParts(text, this.reader, (t) => this.index.match(t, true) !== undefined);
    const ref = this.refOf(parts.unitText);
    if (!ref) return { text, unitText: text };
    if (!parts.mark) return { text, unitText: parts.unitText, ref, state: UNMARKED_STATE[field] };
    const state = parts.mark.state;
    if (state !== 'achieved' && state !== 'planned' && state !== 'none') return { text, unitText: text };
    return { text, unitText: parts.unitText, ref, state, mark: parts.bracket };
  }
}

function splitList(value: CellValue): { items: string[]; separator?: string } {
  if (isBlank(value) || (typeof value !== 'string' && typeof value !== 'number')) return { items: [] };
  const text = String(value);
  return { items: listItems(text), separator: listSeparator(text) };
}

interface ListStyle {
  separator: string;
  markAll: boolean;
  open: string;
  close: string;
}

const listStyleByReading = new WeakMap<CohortReading, ListStyle>();

/** How the sheet writes lists: its usual separator, and whether items in a Units column all carry a mark. */
function listStyle(row: RowToEdit, columns: ListColumn[], items: ListReader): ListStyle {
  let known = listStyleByReading.get(row.reading);
  if (!known) {
    known = countListStyle(row, columns, items);
    listStyleByReading.set(row.reading, known);
  }
  return known;
}

function countListStyle(row: RowToEdit, columns: ListColumn[], items: ListReader): ListStyle {
  const separators = new Map<string, number>();
  let marked = 0;
  let unmarked = 0;
  let square = 0;
  for (const learner of row.reading.learners) {
    for (const column of columns) {
      const { items: texts, separator } = splitList(gridValue(row.grid, learner.row, column.column));
      if (separator) separators.set(separator, (separators.get(separator) ?? 0) + 1);
      if (column.field !== 'units') continue;
      for (const text of texts) {
        const item = items.item(text, column.field);
        if (!item.ref) continue;
        if (item.mark) {
          marked++;
          if (item.mark.open === '[') square++;
        } else unmarked++;
      }
    }
  }
  let separator = ', ';
  let most = 0;
  for (const [s, n] of separators) {
    if (n > most) {
      separator = s;
      most = n;
    }
  }
  const squareMarks = square * 2 > marked;
  return { separator, markAll: marked > unmarked, open: squareMarks ? '[' : '(', close: squareMarks ? ']' : ')' };
}

export function listChanges(
  row: RowToEdit,
  q: QualificationDefinition,
  choices: Choices,
  options: ReadOptions,
): RowChanges {
  const reader = new MarkReader(row.marks ?? DEFAULT_MARKS);
  const spelling = sheetSpelling(row.grid, row.reading, reader);
  const columns = listColumnsOf(row);
  const items = new ListReader(options.catalogue, q, reader);
  const style = listStyle(row, columns, items);
  const result: RowChanges = { changes: [], notWritten: [] };
  const changed = changedUnits(q, sheetChoices(row.record), choices);
  if (changed.length === 0) return result;

  const home: Partial<Record<UnitState, ListColumn>> = {
    achieved: columns.find((c) => c.field === 'achievedUnits') ?? columns.find((c) => c.field === 'units'),
    planned: columns.find((c) => c.field === 'plannedUnits') ?? columns.find((c) => c.field === 'units'),
  };
  const cells = columns.map((column) => {
    const value = gridValue(row.grid, row.record.row, column.column);
    const { items: texts, separator } = splitList(value);
    return { column, value, separator, items: texts.map((t) => items.item(t, column.field)), units: new Set<string>() };
  });
  const changedSet = new Set(changed);
  const spelled = (ref: string) => cells.flatMap((c) => c.items).find((i) => i.ref === ref)?.unitText ?? ref;
  const markFor = (column: ListColumn, state: UnitState, unitText: string, mark?: ListBracket) => {
    const bare = UNMARKED_STATE[column.field] === state && (column.field !== 'units' || !style.markAll);
    if (bare) return unitText;
    const open = mark?.open ?? style.open;
    const close = mark?.close ?? style.close;
    return `${unitText} ${open}${spelling[state]}${close}`;
  };

  for (const ref of changed) {
    const state = choices[ref] ?? 'none';
    const target = state === 'none' ? undefined : home[state];
    if (state !== 'none' && !target) {
      result.notWritten.push({
        ref,
        reason: `the sheet has no column for ${state} units: add one headed "${state === 'achieved' ? 'Achieved units' : 'Planned units'}"`,
      });
      continue;
    }
    const unitText = spelled(ref);
    let placed = false;
    for (const cell of cells) {
      const kept: ListItem[] = [];
      for (const item of cell.items) {
        if (item.ref !== ref) {
          kept.push(item);
          continue;
        }
        cell.units.add(ref);
        // A unit staying in its cell changes its mark in place, so the list keeps its order.
        if (!placed && target && target.column === cell.column.column) {
          kept.push({ ...item, text: markFor(target, state as UnitState, item.unitText, item.mark), state });
          placed = true;
        }
      }
      cell.items = kept;
    }
    if (!placed && target) {
      const cell = cells.find((c) => c.column.column === target.column) as (typeof cells)[number];
      cell.items.push({ text: markFor(target, state as UnitState, unitText), unitText, ref, state });
      cell.units.add(ref);
    }
  }

  for (const cell of cells) {
    if (![...cell.units].some((ref) => changedSet.has(ref))) continue;
    const after = cell.items.map((i) => i.text).join(cell.separator ?? style.separator);
    const before = typeof cell.value === 'string' ? cell.value : cell.value === null ? '' : String(cell.value);
    if (after === before) continue;
    result.changes.push({
      cell: cellAddress(row.record.row, cell.column.column),
      row: row.record.row,
      column: cell.column.column,
      before: cell.value,
      after,
      units: [...cell.units],
    });
  }
  return result;
}
