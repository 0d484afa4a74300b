// One learner's row, for the what-if panel: the row the user selected (followed while Excel reports selection
// changes), the cells a what-if choice changes (unit cells in the sheet's own marks, or the unit list cells in their
// own separators), and writing those cells only, then re-checking the row and bringing its owned result cells up to
// date. Every other cell of the sheet is left as it is.
import { cellAddress, columnLetters, parseCellAddress, rangeAddress } from '../cohort/address';
import { checkLearner, type LearnerCheck } from '../cohort/check';
import { listFieldOf, type ListField } from '../cohort/columns';
import { isBlank } from '../cohort/grid';
import { headerText, HEADER_SEARCH_ROWS } from '../cohort/header';
import { DEFAULT_MARK_STYLE, DEFAULT_MARKS, MarkReader, type MarkVocabulary } from '../cohort/marks';
import { stillAsWritten } from '../cohort/ownership';
import { blockFor, rewriteCells, withBlock, type OwnershipRecord } from '../cohort/ownership-record';
import { readCohort, type ReadOptions } from '../cohort/read';
import { isResultHeader, RESULT_HEADERS, resultRow } from '../cohort/results';
import type { CellValue, CohortReading, Grid, LearnerRecord, MarkStyle, UnitState } from '../cohort/types';
import { unitIndexFor, type UnitIndex } from '../cohort/unit-index';
import type { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import { type HostCellInput, type HostRun, isHostError } from './host';
import { readOwnership, saveOwnership } from './ownership-part';
import { withoutOwnedColumns } from '../cohort/owned-columns';
import { CheckFailed } from './progress';
import { cellValueFromHost } from './read-sheet';
import { findResultsSheetRow } from './results-sheet-row';
import { NOT_COUNTED_HEADER, notCountedText } from '../cohort/unit-highlight';

/** What the what-if panel lets a user say about a unit: achieved, planned, or not taken. */
export type UnitChoice = UnitState | 'none';
/** Unit refs and their chosen state; a unit left out is not taken. */
export type Choices = Readonly<Record<string, UnitChoice>>;

// ---------------------------------------------------------------- the selection

export interface SelectedCell {
  sheetName: string;
  /** 1-based sheet row of the selection's first row. */
  row: number;
  /** The selection as Excel names it, without the sheet (`C7`, `B4:F4`). */
  address: string;
}

/** The active sheet and the first row of the selection on it. */
export async function readSelection(run: HostRun): Promise<SelectedCell> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
    const selected = context.workbook.getSelectedRange().load('address,rowIndex');
    await context.sync();
    return {
      sheetName: sheet.name,
      row: selected.rowIndex + 1,
      address: selected.address.slice(selected.address.lastIndexOf('!') + 1),
    };
  });
}

/** `Workbook.onSelectionChanged` (ExcelApi 1.2), as far as the pane uses it. */
export interface HostSelectionEvents {
  add(handler: (args: unknown) => Promise<unknown>): unknown;
}

// Compile-time proof that Office.js's workbook has the event this module relies on (no runtime effect).
type Satisfies<Real extends Subset, Subset> = Real;
export type SelectionEventConformance = Satisfies<Excel.Workbook, { readonly onSelectionChanged: HostSelectionEvents }>;

type Listener = (selection: SelectedCell) => void;

/**
 * One registration with Excel per host for the pane's lifetime, shared by every listener: removing an Office event
 * handler needs the request context it was added in, so the pane adds it once and only its own listeners come and go.
 */
class SelectionFeed {
  readonly listeners = new Set<Listener>();
  private reading = false;
  private again = false;

  constructor(private readonly run: HostRun) {}

  /** Reads the selection after a change; changes that arrive meanwhile (arrow keys held down) cost one more read. */
  async changed(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        try {
          const selection = await readSelection(this.run);
          for (const listener of this.listeners) listener(selection);
        } catch {
          // Excel was busy (a cell being edited): the next change reads it again.
        }
      } while (this.again);
    } finally {
      this.reading = false;
    }
  }
}

const feeds = new WeakMap<HostRun, Promise<SelectionFeed | null>>();

async function startFeed(run: HostRun): Promise<SelectionFeed | null> {
  const feed = new SelectionFeed(run);
  try {
    const registered = await run(async (context) => {
      const events = (context.workbook as { onSelectionChanged?: HostSelectionEvents }).onSelectionChanged;
      if (!events || typeof events.add !== 'function') return false;
      events.add(() => {
        void feed.changed();
        return Promise.resolve();
      });
      await context.sync();
      return true;
    });
    return registered ? feed : null;
  } catch {
    // Hosts before ExcelApi 1.2 refuse the event: the pane then offers its list and a "use the selected row" button.
    return null;
  }
}

/** Calls `listener` with the selection whenever it changes; resolves to a stop function, or null where Excel cannot tell. */
export async function followSelection(run: HostRun, listener: Listener): Promise<(() => void) | null> {
  let feed = feeds.get(run);
  if (!feed) {
    feed = startFeed(run);
    feeds.set(run, feed);
  }
  const started = await feed;
  if (!started) return null;
  started.listeners.add(listener);
  return () => started.listeners.delete(listener);
}

// ---------------------------------------------------------------- what changes

/** A cell the what-if writes, with what it holds now and what it will hold. */
export interface CellChange {
  cell: string;
  row: number;
  column: number;
  before: CellValue;
  after: string;
  /** The units whose state the new value changes. */
  units: string[];
}

export interface RowChanges {
  changes: CellChange[];
  /** Units whose new state the sheet has no cell for, and why. */
  notWritten: { ref: string; reason: string }[];
}

/** The sheet and what was read from it, with the learner whose row is to change. */
export interface LearnerRow {
  grid: Grid;
  reading: CohortReading;
  record: LearnerRecord;
  marks?: MarkVocabulary;
}

/** A learner's units as the sheet has them. Units outside the learner's qualification are not the panel's to change. */
export function sheetChoices(record: LearnerRecord): Choices {
  const choices: Record<string, UnitChoice> = {};
  for (const ref of record.planned) choices[ref] = 'planned';
  for (const ref of record.achieved) choices[ref] = 'achieved';
  return choices;
}

function gridValue(grid: Grid, row: number, column: number): CellValue {
  return grid.values[row - grid.top]?.[column - grid.left] ?? null;
}

/** Units whose chosen state differs from the sheet's, in the qualification's order. */
export function changedUnits(q: QualificationDefinition, before: Choices, after: Choices): string[] {
  return q.units.map((u) => u.ref).filter((ref) => (before[ref] ?? 'none') !== (after[ref] ?? 'none'));
}

/**
 * How this sheet writes each state. Achieved and planned come from the reader's count of the sheet's marks; not taken
 * is the sheet's usual non-blank spelling (`-`, `N`) when most untaken unit cells hold one, else an empty cell. Each
 * spelling is checked to read back as meant, else the vocabulary's own word is used.
 */
function sheetSpelling(row: LearnerRow, reader: MarkReader): Record<UnitChoice, string> {
  const style: MarkStyle = row.reading.markStyle ?? DEFAULT_MARK_STYLE;
  const vocabulary = reader.vocabulary;
  const readsAs = (text: string, state: UnitChoice) => reader.read(text === '' ? null : text).state === state;
  const pick = (state: UnitChoice, preferred: string, words: readonly string[]) =>
    readsAs(preferred, state) ? preferred : (words.find((w) => w.trim() !== '' && readsAs(w, state)) ?? preferred);
  return {
    achieved: pick('achieved', style.achieved, vocabulary.achieved),
    planned: pick('planned', style.planned, vocabulary.planned),
    none: untakenSpelling(row, reader),
  };
}

// The pane plans a row's changes on every toggle; the sheet-wide counts behind a spelling are made once per reading.
const untakenByReading = new WeakMap<CohortReading, string>();

function untakenSpelling(row: LearnerRow, reader: MarkReader): string {
  let known = untakenByReading.get(row.reading);
  if (known === undefined) {
    known = countUntaken(row, reader);
    untakenByReading.set(row.reading, known);
  }
  return known;
}

function countUntaken(row: LearnerRow, reader: MarkReader): string {
  let blank = 0;
  const texts = new Map<string, number>();
  for (const learner of row.reading.learners) {
    for (const column of row.reading.unitColumns) {
      const value = gridValue(row.grid, learner.row, column.column);
      if (isBlank(value)) {
        blank++;
        continue;
      }
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const text = String(value).trim();
      if (reader.read(value).state === 'none') texts.set(text, (texts.get(text) ?? 0) + 1);
    }
  }
  let best = '';
  let count = blank;
  for (const [text, n] of texts) {
    if (n > count) {
      best = text;
      count = n;
    }
  }
  return best;
}

/** The sheet columns of each unit of the qualification, from headers that name that unit alone for it. */
function unitColumnsFor(reading: CohortReading, q: QualificationDefinition): Map<string, number[]> {
  const own = new Set(q.units.map((u) => u.ref));
  const columns = new Map<string, number[]>();
  for (const column of reading.unitColumns) {
    const refs = column.refs.filter((ref) => own.has(ref));
    if (refs.length !== 1) continue;
    const list = columns.get(refs[0]) ?? [];
    list.push(column.column);
    columns.set(refs[0], list);
  }
  return columns;
}

function matrixChanges(row: LearnerRow, q: QualificationDefinition, choices: Choices): RowChanges {
  const reader = new MarkReader(row.marks ?? DEFAULT_MARKS);
  const spelling = sheetSpelling(row, reader);
  const columns = unitColumnsFor(row.reading, q);
  const result: RowChanges = { changes: [], notWritten: [] };
  for (const ref of changedUnits(q, sheetChoices(row.record), choices)) {
    const found = columns.get(ref) ?? [];
    if (found.length === 0) {
      result.notWritten.push({
        ref,
        reason: `the sheet has no column for unit ${ref}: add one headed ${ref} to record it`,
      });
      continue;
    }
    if (found.length > 1) {
      const letters = found.map(columnLetters).join(' and ');
      result.notWritten.push({
        ref,
        reason: `unit ${ref} has ${found.length} columns (${letters}): keep one so its mark has one place`,
      });
      continue;
    }
    const column = found[0];
    const after = spelling[choices[ref] ?? 'none'];
    result.changes.push({
      cell: cellAddress(row.record.row, column),
      row: row.record.row,
      column,
      before: gridValue(row.grid, row.record.row, column),
      after,
      units: [ref],
    });
  }
  return result;
}

// ---- unit lists in a cell

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
  mark?: { open: string; close: string };
}

const LIST_SEPARATOR = /[ \t]*[,;\r\n]+[ \t]*/;
const UNMARKED: Record<ListField, UnitState> = { units: 'planned', achievedUnits: 'achieved', plannedUnits: 'planned' };

function listColumnsOf(row: LearnerRow): ListColumn[] {
  const out: ListColumn[] = [];
  for (let c = row.reading.firstColumn; c <= row.reading.lastColumn; c++) {
    const field = listFieldOf(headerText(gridValue(row.grid, row.reading.headerRow, c)));
    if (field) out.push({ column: c, field });
  }
  return out;
}

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

  /** Reads one item as the reader does: a bracket at the end is a mark when the rest names a unit. */
  item(text: string, field: ListField): ListItem {
    const close = text[text.length - 1];
    if (close === ')' || close === ']') {
      const open = close === ')' ? '(' : '[';
      const at = text.lastIndexOf(open);
      const unitText = at > 0 ? text.slice(0, at).trim() : '';
      const ref = unitText !== '' ? this.refOf(unitText) : undefined;
      const mark = ref ? this.reader.read(text.slice(at + 1, -1).trim()) : undefined;
      if (ref && mark && (mark.state === 'achieved' || mark.state === 'planned' || mark.state === 'none')) {
        return { text, unitText, ref, state: mark.state, mark: { open, close } };
      }
    }
    const ref = this.refOf(text);
    return ref ? { text, unitText: text, ref, state: UNMARKED[field] } : { text, unitText: text };
  }
}

function splitList(value: CellValue): { items: string[]; separator?: string } {
  if (isBlank(value) || (typeof value !== 'string' && typeof value !== 'number')) return { items: [] };
  const text = String(value);
  const separator = LIST_SEPARATOR.exec(text.trim())?.[0];
  return {
    items: text
      .split(LIST_SEPARATOR)
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    separator,
  };
}

interface ListStyle {
  separator: string;
  markAll: boolean;
  open: string;
  close: string;
}

const listStyleByReading = new WeakMap<CohortReading, ListStyle>();

/** How the sheet writes lists: its usual separator, and whether items in a Units column all carry a mark. */
function listStyle(row: LearnerRow, columns: ListColumn[], items: ListReader): ListStyle {
  let known = listStyleByReading.get(row.reading);
  if (!known) {
    known = countListStyle(row, columns, items);
    listStyleByReading.set(row.reading, known);
  }
  return known;
}

function countListStyle(row: LearnerRow, columns: ListColumn[], items: ListReader): ListStyle {
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

function listChanges(row: LearnerRow, q: QualificationDefinition, choices: Choices, options: ReadOptions): RowChanges {
  const reader = new MarkReader(row.marks ?? DEFAULT_MARKS);
  const spelling = sheetSpelling(row, reader);
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
  const markFor = (column: ListColumn, state: UnitState, unitText: string, mark?: { open: string; close: string }) => {
    const bare = UNMARKED[column.field] === state && (column.field !== 'units' || !style.markAll);
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

/** The cells to write so the learner's row says what the what-if chose, and the units it cannot say. */
export function planRowChanges(row: LearnerRow, choices: Choices, options: ReadOptions): RowChanges {
  const q = row.record.qualification;
  if (!q) return { changes: [], notWritten: [] };
  return row.reading.layout === 'matrix' ? matrixChanges(row, q, choices) : listChanges(row, q, choices, options);
}

// ---------------------------------------------------------------- re-checking and writing

/** A copy of the grid with the changes in it, as the sheet will hold them. */
export function gridWith(grid: Grid, cells: readonly { row: number; column: number; value: CellValue }[]): Grid {
  const values = grid.values.slice();
  for (const { row, column, value } of cells) {
    const r = row - grid.top;
    const c = column - grid.left;
    if (r < 0 || c < 0) continue;
    while (values.length <= r) values.push([]);
    const copy = (values[r] ?? []).slice();
    while (copy.length < c) copy.push(null);
    copy[c] = value;
    values[r] = copy;
  }
  return { ...grid, values };
}

/** Reads the sheet as it will be, and the learner's row in it, re-checked. */
export function recheckRow(
  grid: Grid,
  row: number,
  options: ReadOptions,
): { reading: CohortReading; check: LearnerCheck | undefined } {
  const reading = readCohort(withoutOwnedColumns(grid, HEADER_SEARCH_ROWS), options);
  const record = reading.learners.find((l) => l.row === row);
  return { reading, check: record ? { record, result: checkLearner(record) } : undefined };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((v) => x.has(v));
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (isBlank(a) && isBlank(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date) && !(b instanceof Date))
    return a.error === b.error;
  return false;
}

function shown(value: CellValue): string {
  if (isBlank(value)) return 'empty';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) return value.error;
  return `"${String(value)}"`;
}

/** Result texts Excel would take for a formula are written as text, as the check writes them. */
function safe(value: string | number): HostCellInput {
  return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}

export interface ApplyRequest {
  sheetName: string;
  /** The grid the pane read (owned result columns included) and its reading. */
  grid: Grid;
  reading: CohortReading;
  record: LearnerRecord;
  changes: readonly CellChange[];
  /** The learner's units as chosen, to check the written row reads back as them before anything is written. */
  intended: { achieved: readonly string[]; planned: readonly string[] };
  options: ReadOptions;
}

export interface ApplyOutcome {
  /** The grid and reading as the sheet now holds them. */
  grid: Grid;
  reading: CohortReading;
  check: LearnerCheck;
  written: CellChange[];
  /** Owned result cells of the learner that were brought up to date (none when the workbook has none for them). */
  results: { cell: string; header: string; value: HostCellInput }[];
  /** Set when the learner's results are on a separate results sheet (`results` are then its cells): not written when it is protected. */
  resultsSheet?: { name: string; written: boolean };
  /** Result cells of the learner a person changed since qualcheck wrote them: left as they are. */
  kept?: string[];
}

interface OwnedCell {
  column: number;
  header: string;
  value: HostCellInput;
}

/** The learner's new values for the result columns a header row has, matched by header text wherever they stand. */
function ownedResultCells(
  headerValues: readonly unknown[],
  firstColumn: number,
  check: LearnerCheck,
  notCounted: () => string,
): OwnedCell[] {
  const values = resultRow(check);
  const owned: OwnedCell[] = [];
  headerValues.forEach((text, i) => {
    if (!isResultHeader(text)) return;
    const name = String(text).trim();
    const k = RESULT_HEADERS.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (k >= 0) owned.push({ column: firstColumn + i, header: RESULT_HEADERS[k], value: safe(values[k]) });
    else if (name.toLowerCase() === NOT_COUNTED_HEADER.toLowerCase())
      owned.push({ column: firstColumn + i, header: NOT_COUNTED_HEADER, value: notCounted() });
  });
  return owned;
}

function failure(sheetName: string, error: unknown): CheckFailed {
  if (error instanceof CheckFailed) return error;
  if (!isHostError(error))
    return new CheckFailed(
      `The row could not be written: ${error instanceof Error ? error.message : String(error)}. Read the sheet again and check the row.`,
      null,
    );
  switch (error.code) {
    case 'AccessDenied':
      return new CheckFailed(
        `Sheet "${sheetName}" is protected, so the row cannot be changed. Unprotect it (Review > Unprotect Sheet), then apply again. Nothing was written.`,
        null,
        error.code,
      );
    case 'InvalidOperationInCellEditMode':
      return new CheckFailed(
        'Excel is editing a cell. Press Enter or Esc to leave the cell, then apply again. Nothing was written.',
        null,
        error.code,
      );
    case 'ItemNotFound':
    case 'InvalidReference':
      return new CheckFailed(
        `Sheet "${sheetName}" was renamed or deleted. Open the cohort sheet, read it again and apply again.`,
        null,
        error.code,
      );
    default:
      return new CheckFailed(
        `Excel reported an error (${error.code}: ${error.message}). Read the sheet again to see what the row holds.`,
        null,
        error.code,
      );
  }
}

/**
 * Writes the changed cells of one learner's row, and the row's owned result cells when the sheet has them. Before
 * writing it checks that the row and the header still hold what the pane read (else nothing is written) and that the
 * new cells read back as the units chosen. Three syncs: read the row, read the header, write; three more to find the
 * learner's row on a separate results sheet when the cohort sheet has no result columns. With an ownership record, a
 * result cell a person changed since the last check is kept (`kept`), and the record then notes the cells refreshed
 * (one or two syncs to read it, two to store it).
 */
export async function applyRowChanges(run: HostRun, request: ApplyRequest): Promise<ApplyOutcome> {
  const { grid, reading, record, changes, sheetName } = request;
  const patched = gridWith(
    grid,
    changes.map((c) => ({ row: c.row, column: c.column, value: c.after === '' ? null : c.after })),
  );
  const { reading: after, check } = recheckRow(patched, record.row, request.options);
  const cells = changes.map((c) => c.cell).join(', ');
  if (
    !check ||
    !sameSet(check.record.achieved, request.intended.achieved) ||
    !sameSet(check.record.planned, request.intended.planned)
  ) {
    throw new CheckFailed(
      `Writing ${cells || 'the row'} would not read back as the units chosen for ${record.learnerId}, so nothing was written. Change the cells by hand, or read the sheet again.`,
      null,
    );
  }

  const left = reading.firstColumn;
  const right = reading.lastColumn;
  let ownership: OwnershipRecord | null;
  try {
    ownership = await readOwnership(run);
  } catch (error) {
    throw failure(sheetName, error);
  }
  const block = blockFor(ownership, sheetName);
  let outcome: ApplyOutcome;
  try {
    outcome = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const protection = sheet.protection.load('protected');
      const rowRange = sheet
        .getRange(rangeAddress({ top: record.row, left, bottom: record.row, right }))
        .load('values');
      const used = sheet.getUsedRangeOrNullObject(true).load('columnIndex,columnCount');
      await context.sync();
      if (protection.protected) throw failure(sheetName, { code: 'AccessDenied', message: 'protected' });
      const now = rowRange.values[0] ?? [];
      for (let c = left; c <= right; c++) {
        const was = gridValue(grid, record.row, c);
        const is = cellValueFromHost(now[c - left]);
        if (!sameValue(was, is)) {
          throw new CheckFailed(
            `${cellAddress(record.row, c)} was ${shown(was)} when the pane read the sheet and is ${shown(is)} now, so nothing was written. Read the sheet again, then apply.`,
            null,
          );
        }
      }
      const usedRight = used.isNullObject ? right : Math.max(right, used.columnIndex + used.columnCount);
      const header = sheet
        .getRange(rangeAddress({ top: reading.headerRow, left, bottom: reading.headerRow, right: usedRight }))
        .load('values');
      const wholeRow = sheet
        .getRange(rangeAddress({ top: record.row, left, bottom: record.row, right: usedRight }))
        .load('values');
      await context.sync();
      const headerValues = header.values[0] ?? [];
      for (let c = left; c <= right; c++) {
        const was = gridValue(grid, reading.headerRow, c);
        if (!sameValue(was, cellValueFromHost(headerValues[c - left]))) {
          throw new CheckFailed(
            `The header in row ${reading.headerRow} changed since the pane read the sheet (${cellAddress(reading.headerRow, c)}), so nothing was written. Read the sheet again.`,
            null,
          );
        }
      }

      const notCounted = () => notCountedText(check, after, patched);
      const headed = ownedResultCells(headerValues, left, check, notCounted);
      // With a record, a result cell is written only while it is empty or as qualcheck left it.
      const rowNow = wholeRow.values[0] ?? [];
      const mayWrite = (o: OwnedCell) =>
        !block || stillAsWritten(block, record.row, o.column, cellValueFromHost(rowNow[o.column - left]));
      const owned = headed.filter(mayWrite);
      const kept = headed.filter((o) => !mayWrite(o)).map((o) => cellAddress(record.row, o.column));
      // Results kept on a separate sheet: that sheet's row for this learner, when there is one (three more syncs).
      const elsewhere =
        headed.length === 0 ? await findResultsSheetRow(context, record.row, record.learnerId) : undefined;
      const results = elsewhere
        ? {
            sheet: context.workbook.worksheets.getItem(elsewhere.sheetName),
            row: elsewhere.row,
            cells: elsewhere.protected ? [] : ownedResultCells(elsewhere.header, 1, check, notCounted),
          }
        : { sheet, row: record.row, cells: owned };

      context.workbook.application.suspendApiCalculationUntilNextSync();
      for (const change of changes) sheet.getRange(change.cell).values = [[change.after]];
      for (const cell of results.cells)
        results.sheet.getRange(cellAddress(results.row, cell.column)).values = [[cell.value]];
      await context.sync();
      const finalGrid = gridWith(
        patched,
        owned.map((o) => ({
          row: record.row,
          column: o.column,
          value: o.value === '' ? null : typeof o.value === 'string' ? o.value.replace(/^'/, '') : o.value,
        })),
      );
      return {
        grid: finalGrid,
        reading: after,
        check,
        written: [...changes],
        results: results.cells.map((o) => ({
          cell: cellAddress(results.row, o.column),
          header: o.header,
          value: o.value,
        })),
        resultsSheet: elsewhere ? { name: elsewhere.sheetName, written: !elsewhere.protected } : undefined,
        ...(kept.length > 0 ? { kept } : {}),
      };
    });
  } catch (error) {
    throw failure(sheetName, error);
  }
  // The refreshed result cells are qualcheck's as written now: the record follows, so the next check replaces them.
  if (block && ownership && !outcome.resultsSheet && outcome.results.length > 0) {
    const written = outcome.results.flatMap((r) => {
      const at = parseCellAddress(r.cell);
      return at ? [{ row: at.row, column: at.column, value: r.value }] : [];
    });
    try {
      await saveOwnership(run, withBlock(ownership, rewriteCells(block, written)));
    } catch (error) {
      throw failure(sheetName, error);
    }
  }
  return outcome;
}
