// The state behind the fake Excel host: sheets of cells, formats, hidden rows and columns, merges, tables,
// protection and conditional formats. Tests build and inspect it directly; the add-in only ever sees it through
// the proxies in proxies.ts, as it would see a real workbook through Office.js.
import { type Rect, columnLetters, intersects, parseAddress, rectAddress, subtract } from './a1';
import { evaluateFormula } from './formula';

export type FakeCell = string | number | boolean;

export interface FakeConditionalFormat {
  id: number;
  type: 'CellValue' | 'ContainsText' | 'Custom';
  /** Ranges it applies to; clearing part of a range trims it, as Excel does. */
  ranges: Rect[];
  /** The cell its formula's relative references are written for (the top-left of the range it was added to). */
  anchor: { row: number; column: number };
  fill?: string;
  font?: string;
  cellValueRule?: { formula1: string; formula2?: string; operator: string };
  textRule?: { operator: string; text: string };
  customFormula?: string;
}

export class FakeSheet {
  /** Sparse rows of cells; `undefined` and `""` are both empty. */
  readonly cells: (FakeCell | undefined)[][] = [];
  readonly formats: (string | undefined)[][] = [];
  /** Formulas (`=1+1`) of the cells that hold one; the cell's value in `cells` is what the formula last gave. */
  readonly formulas: (string | undefined)[][] = [];
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  readonly merged: Rect[] = [];
  readonly tables: { name: string; rect: Rect }[] = [];
  /** Names of the sheet's pivot tables: only how many there are is read through the fake. */
  readonly pivotTables: string[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  protected = false;

  constructor(
    public name: string,
    /** Worksheet.id: Excel's own, kept through renames; what event arguments name the sheet by. */
    readonly id = `{${name}}`,
  ) {}

  value(row: number, column: number): FakeCell | undefined {
    const v = this.cells[row]?.[column];
    return v === '' ? undefined : v;
  }

  setValue(row: number, column: number, value: FakeCell | undefined): void {
    (this.cells[row] ??= [])[column] = value === '' ? undefined : value;
    // A value written over a formula replaces it, as typing or Range.values does in Excel.
    if (this.formulas[row]?.[column] !== undefined) this.formulas[row][column] = undefined;
  }

  formula(row: number, column: number): string | undefined {
    return this.formulas[row]?.[column];
  }

  /** A1-addressed formula for assertions: `undefined` when the cell holds none. */
  formulaAt(address: string): string | undefined {
    const r = parseAddress(address);
    return this.formula(r.row, r.column);
  }

  /** Puts a formula into a cell (`at` in A1) with the value it shows (empty: a formula such as `=""`), for set-up. */
  putFormula(at: string, formula: string, shows?: FakeCell): this {
    const { row, column } = parseAddress(at);
    this.setValue(row, column, shows);
    (this.formulas[row] ??= [])[column] = formula;
    return this;
  }

  numberFormat(row: number, column: number): string {
    return this.formats[row]?.[column] ?? 'General';
  }

  setNumberFormat(row: number, column: number, format: string): void {
    (this.formats[row] ??= [])[column] = format === 'General' ? undefined : format;
  }

  /** Writes a block of values from a 1-based cell (`at` in A1), for test set-up. */
  put(at: string, rows: (FakeCell | null | undefined)[][]): this {
    const start = parseAddress(at);
    rows.forEach((cells, i) => cells.forEach((v, j) => this.setValue(start.row + i, start.column + j, v ?? undefined)));
    return this;
  }

  /** A1-addressed read for assertions: `undefined` when empty. */
  at(address: string): FakeCell | undefined {
    const r = parseAddress(address);
    return this.value(r.row, r.column);
  }

  formatAt(address: string): string {
    const r = parseAddress(address);
    return this.numberFormat(r.row, r.column);
  }

  /** The smallest rectangle holding every value (and, unless `valuesOnly`, every non-General format), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const scan = (grid: unknown[][]) => {
      grid.forEach((row, r) => {
        if (!row) return;
        row.forEach((v, c) => {
          if (v === undefined || v === '') return;
          top = Math.min(top, r);
          bottom = Math.max(bottom, r);
          left = Math.min(left, c);
          right = Math.max(right, c);
        });
      });
    };
    scan(this.cells);
    if (!valuesOnly) scan(this.formats);
    if (bottom < 0) return null;
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  merge(address: string): this {
    this.merged.push(parseAddress(address));
    return this;
  }

  addPivotTable(name: string): this {
    this.pivotTables.push(name);
    return this;
  }

  addTable(name: string, address: string): this {
    this.tables.push({ name, rect: parseAddress(address) });
    return this;
  }

  /** Every value as `A1 -> value`, for comparing a sheet before and after. */
  snapshot(): Map<string, FakeCell> {
    const out = new Map<string, FakeCell>();
    this.cells.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v !== undefined && v !== '') out.set(`${columnLetters(c)}${r + 1}`, v);
      });
    });
    return out;
  }

  /** The fill and font a cell shows through the conditional formats the fake can evaluate (cell value and text). */
  conditionalStyleAt(address: string): { fill?: string; font?: string } | null {
    const cell = parseAddress(address);
    const value = this.value(cell.row, cell.column);
    for (const cf of this.conditionalFormats) {
      if (!cf.ranges.some((r) => intersects(r, cell))) continue;
      if (cf.type === 'Custom' && cf.customFormula) {
        const result = evaluateFormula(cf.customFormula, cf.anchor, cell, (r, c) => this.value(r, c));
        if (result === true || (typeof result === 'number' && result !== 0)) return { fill: cf.fill, font: cf.font };
        continue;
      }
      if (matchesRule(cf, value)) return { fill: cf.fill, font: cf.font };
    }
    return null;
  }

  clearConditionalFormats(rect: Rect): void {
    this.conditionalFormats = this.conditionalFormats
      .map((cf) => ({ ...cf, ranges: cf.ranges.flatMap((r) => subtract(r, rect)) }))
      .filter((cf) => cf.ranges.length > 0);
  }
}

function literal(formula: string): FakeCell | undefined {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  if (/^".*"$/.test(f)) return f.slice(1, -1).replace(/""/g, '"');
  if (f.trim() !== '' && !Number.isNaN(Number(f))) return Number(f);
  return undefined;
}

function matchesRule(cf: FakeConditionalFormat, value: FakeCell | undefined): boolean {
  if (cf.type === 'CellValue' && cf.cellValueRule) {
    const target = literal(cf.cellValueRule.formula1);
    const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
    if (cf.cellValueRule.operator === 'EqualTo') return value !== undefined && text(value) === text(target);
    if (cf.cellValueRule.operator === 'NotEqualTo') return text(value) !== text(target);
    return false;
  }
  if (cf.type === 'ContainsText' && cf.textRule) {
    const text = String(value ?? '').toLowerCase();
    const wanted = cf.textRule.text.toLowerCase();
    if (cf.textRule.operator === 'Contains') return text.includes(wanted);
    if (cf.textRule.operator === 'BeginsWith') return text.startsWith(wanted);
    if (cf.textRule.operator === 'EndsWith') return text.endsWith(wanted);
    if (cf.textRule.operator === 'NotContains') return !text.includes(wanted);
  }
  return false;
}

/** A custom XML part as the workbook stores it: Excel gives it an id and reads its namespace from the root element. */
export interface FakeCustomXmlPart {
  id: string;
  xml: string;
}

/** The namespace URI of an XML document's root element, or undefined when the text has no root element. */
export function rootNamespace(xml: string): string | undefined {
  const body = xml
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trimStart();
  const root = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?([^>]*)>/.exec(body);
  if (!root) return undefined;
  const prefix = root[2] ? root[1] : undefined;
  const name = prefix ? `xmlns:${prefix}` : 'xmlns';
  const attribute = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root[3]);
  return attribute ? (attribute[1] ?? attribute[2] ?? '') : '';
}

export class FakeWorkbookState {
  readonly sheets: FakeSheet[] = [];
  /** The workbook's custom XML parts (Workbook.customXmlParts, ExcelApi 1.5), in the order they were added. */
  readonly customXmlParts: FakeCustomXmlPart[] = [];
  private partIds = 0;

  /** Adds a part as Excel does: refused unless the text is XML with a root element. */
  addCustomXmlPart(xml: string): FakeCustomXmlPart {
    if (rootNamespace(xml) === undefined) throw new Error('not XML');
    const part = { id: `{${String(++this.partIds).padStart(8, '0')}-0000-4000-8000-000000000000}`, xml };
    this.customXmlParts.push(part);
    return part;
  }
  activeSheet = '';
  selection: { sheet: string; rect: Rect } | null = null;
  /** Set while the user is typing in a cell: Excel then refuses every request. */
  editingCell = false;
  /** Called before each sync is processed: lets a test play the user editing the sheet during a check. */
  beforeSync: ((syncNumber: number) => void) | null = null;

  private sheetIds = 0;

  addSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name, `{${String(++this.sheetIds).padStart(8, '0')}-0000-4000-8000-00000000000A}`);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = name;
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  select(sheet: string, address: string): void {
    this.selection = { sheet, rect: parseAddress(address) };
    this.selectionChanged();
  }

  /** Handlers added through `workbook.onSelectionChanged` (ExcelApi 1.2): called after each change, as Excel does. */
  readonly selectionHandlers = new Set<(args: { type: 'SelectionChanged' }) => Promise<unknown>>();

  selectionChanged(): void {
    for (const handler of this.selectionHandlers) setTimeout(() => void handler({ type: 'SelectionChanged' }), 0);
  }

  /** Handlers added through each sheet's `worksheet.onChanged` (ExcelApi 1.7); they go with the sheet. */
  readonly changeHandlers = new Map<FakeSheet, Set<FakeEventHandler<FakeWorksheetChangedArgs>>>();
  /** Handlers added through `worksheets.onAdded` (ExcelApi 1.7). */
  readonly addedHandlers = new Set<FakeEventHandler<FakeWorksheetAddedArgs>>();

  /**
   * Tells the sheet's onChanged handlers that `rect` changed, after the change, as Excel does: a user's edit and the
   * add-in's own writes alike (both are `Local`; only ExcelApi 1.14's triggerSource, not faked, would tell them apart).
   */
  sheetChanged(sheet: FakeSheet, rect: Rect, changeType: FakeChangeType = 'RangeEdited'): void {
    const args: FakeWorksheetChangedArgs = {
      type: 'WorksheetChanged',
      worksheetId: sheet.id,
      address: rectAddress(rect),
      changeType,
      source: 'Local',
    };
    for (const handler of this.changeHandlers.get(sheet) ?? []) setTimeout(() => void handler({ ...args }), 0);
  }

  /** Tells the onAdded handlers of a sheet added (by the add-in through Worksheets.add, or by the user). */
  sheetAdded(sheet: FakeSheet): void {
    const args: FakeWorksheetAddedArgs = { type: 'WorksheetAdded', worksheetId: sheet.id, source: 'Local' };
    for (const handler of this.addedHandlers) setTimeout(() => void handler({ ...args }), 0);
  }

  /** The user typing or pasting `rows` into a sheet from `at` (A1): the cells change, then onChanged fires. */
  typeInto(sheetName: string, at: string, rows: (FakeCell | null | undefined)[][]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    sheet.put(at, rows);
    const start = parseAddress(at);
    const columns = Math.max(1, ...rows.map((r) => r.length));
    this.sheetChanged(sheet, { ...start, rows: Math.max(1, rows.length), columns });
  }

  /** The user adding a sheet (Insert Sheet, a copy, a paste from another workbook): onAdded fires. */
  userAddsSheet(name: string): FakeSheet {
    const sheet = this.addSheet(name);
    this.sheetAdded(sheet);
    return sheet;
  }

  /** The user deleting a sheet: its onChanged handlers go with it. */
  userDeletesSheet(name: string): void {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.changeHandlers.delete(sheet);
  }
}

/** Excel.DataChangeType, as far as the fake makes changes. */
export type FakeChangeType = 'RangeEdited' | 'RowInserted' | 'RowDeleted';

/** What Excel passes a worksheet's onChanged handler (Excel.WorksheetChangedEventArgs, ExcelApi 1.7 fields). */
export interface FakeWorksheetChangedArgs {
  type: 'WorksheetChanged';
  worksheetId: string;
  /** The changed area, without the sheet (`B7`, `A3:C4`). */
  address: string;
  changeType: FakeChangeType;
  source: 'Local' | 'Remote';
}

/** What Excel passes a worksheets.onAdded handler (Excel.WorksheetAddedEventArgs). */
export interface FakeWorksheetAddedArgs {
  type: 'WorksheetAdded';
  worksheetId: string;
  source: 'Local' | 'Remote';
}

export type FakeEventHandler<Args> = (args: Args) => Promise<unknown>;
