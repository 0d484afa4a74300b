// The part of Office.js the add-in uses, written out as interfaces. The adapter codes against these, the fake host in
// test/fake-excel implements them, and the compiler proves below that Office.js's own objects satisfy them, so the
// fake and the real host cannot drift apart unnoticed. Everything used here exists in ExcelApi 1.6 or earlier,
// but for getMergedAreasOrNullObject (1.13), asked for only once excelApiSupported says the host has it.
import type { CellInput } from '../sheet';

/** What a cell read through Office.js holds: empty cells are `""`, dates are serial numbers. */
export type HostCellValue = string | number | boolean;
/** What may be written: `null` leaves a cell as it is, `""` empties it. */
export type HostCellInput = CellInput;

interface Loadable<T> {
  load(propertyNames?: string | string[]): T;
}

export interface HostClientResult<T> {
  readonly value: T;
}

export interface HostRangeFill {
  color: string;
}
export interface HostRangeFont {
  color: string;
}
export interface HostConditionalRangeFormat {
  readonly fill: HostRangeFill;
  readonly font: HostRangeFont;
}

export interface HostCellValueRule {
  formula1: string;
  formula2?: string;
  operator: string;
}
export interface HostTextRule {
  operator: string;
  text: string;
}

export interface HostCustomRule extends Loadable<HostCustomRule> {
  formula: string;
}

export interface HostCellValueFormat extends Loadable<HostCellValueFormat> {
  readonly format: HostConditionalRangeFormat;
  rule: HostCellValueRule;
}

export interface HostConditionalFormat extends Loadable<HostConditionalFormat> {
  readonly type: string;
  readonly cellValue: HostCellValueFormat;
  readonly textComparison: { readonly format: HostConditionalRangeFormat; rule: HostTextRule };
  readonly custom: { readonly format: HostConditionalRangeFormat; readonly rule: HostCustomRule };
  /** The one range the format applies to; a null object when it applies to several. */
  getRangeOrNullObject(): HostRange;
  delete(): void;
}

export interface HostConditionalFormatCollection extends Loadable<HostConditionalFormatCollection> {
  readonly items: HostConditionalFormat[];
  add(type: 'CellValue' | 'ContainsText' | 'Custom'): HostConditionalFormat;
  clearAll(): void;
  getCount(): HostClientResult<number>;
}

export interface HostRange extends Loadable<HostRange> {
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  values: HostCellInput[][];
  /** A cell's formula (`=...`) where it has one, else its value as `values` gives it (ExcelApi 1.1). */
  readonly formulas: HostCellValue[][];
  numberFormat: string[][];
  rowHidden: boolean;
  columnHidden: boolean;
  readonly isNullObject: boolean;
  readonly conditionalFormats: HostConditionalFormatCollection;
  getCell(row: number, column: number): HostRange;
  getRow(row: number): HostRange;
  getColumn(column: number): HostRange;
  getResizedRange(deltaRows: number, deltaColumns: number): HostRange;
  getOffsetRange(rowOffset: number, columnOffset: number): HostRange;
  select(): void;
  clear(applyTo?: 'All' | 'Contents'): void;
  /** The merged areas in the range (ExcelApi 1.13: ask `excelApiSupported('1.13')` first). */
  getMergedAreasOrNullObject(): HostRangeAreas;
}

/** Several rectangles of one sheet (ExcelApi 1.9); `address` lists them, each with its sheet (`Cohort!A1:B2, ...`). */
export interface HostRangeAreas extends Loadable<HostRangeAreas> {
  readonly address: string;
  readonly isNullObject: boolean;
}

export interface HostTable extends Loadable<HostTable> {
  readonly name: string;
  getRange(): HostRange;
}

export interface HostTableCollection extends Loadable<HostTableCollection> {
  readonly items: HostTable[];
}

/** A sheet's pivot tables (Worksheet.pivotTables is ExcelApi 1.3, its getCount 1.4: both within the manifest's 1.6). */
export interface HostPivotTableCollection {
  getCount(): HostClientResult<number>;
}

export interface HostWorksheetProtection extends Loadable<HostWorksheetProtection> {
  readonly protected: boolean;
}

export interface HostWorksheet extends Loadable<HostWorksheet> {
  readonly name: string;
  readonly isNullObject: boolean;
  readonly protection: HostWorksheetProtection;
  readonly tables: HostTableCollection;
  readonly pivotTables: HostPivotTableCollection;
  getRange(address?: string): HostRange;
  getUsedRange(valuesOnly?: boolean): HostRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): HostRange;
  activate(): void;
}

export interface HostWorksheetCollection {
  getActiveWorksheet(): HostWorksheet;
  getItem(key: string): HostWorksheet;
  getItemOrNullObject(key: string): HostWorksheet;
  add(name?: string): HostWorksheet;
}

/** A custom XML part of the workbook (ExcelApi 1.5): where qualcheck keeps its record of the cells it wrote. */
export interface HostCustomXmlPart extends Loadable<HostCustomXmlPart> {
  readonly id: string;
  readonly namespaceUri: string;
  readonly isNullObject: boolean;
  getXml(): HostClientResult<string>;
  setXml(xml: string): void;
  delete(): void;
}

export interface HostCustomXmlPartScopedCollection extends Loadable<HostCustomXmlPartScopedCollection> {
  readonly items: HostCustomXmlPart[];
  getCount(): HostClientResult<number>;
  getOnlyItemOrNullObject(): HostCustomXmlPart;
}

export interface HostCustomXmlPartCollection extends Loadable<HostCustomXmlPartCollection> {
  /** Every custom XML part of the workbook, once loaded (`items/namespaceUri` tells whose each is). */
  readonly items: HostCustomXmlPart[];
  add(xml: string): HostCustomXmlPart;
  getByNamespace(namespaceUri: string): HostCustomXmlPartScopedCollection;
}

export interface HostWorkbook {
  readonly worksheets: HostWorksheetCollection;
  readonly customXmlParts: HostCustomXmlPartCollection;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  getSelectedRange(): HostRange;
}

export interface HostContext {
  readonly workbook: HostWorkbook;
  sync(): Promise<void>;
}

/** `Excel.run`, narrowed to what the adapter needs. */
export type HostRun = <T>(batch: (context: HostContext) => Promise<T>) => Promise<T>;

/** Compiles only when `Real` (an Office.js type) has everything `Subset` (what the adapter uses) names. */
export type Satisfies<Real extends Subset, Subset> = Real;

// Compile-time proof that the real Office.js types satisfy the interfaces above (no runtime effect).
export type OfficeConformance = [
  Satisfies<Excel.RequestContext, HostContext>,
  Satisfies<Excel.Range, HostRange>,
  Satisfies<Excel.RangeAreas, HostRangeAreas>,
  Satisfies<Excel.Worksheet, HostWorksheet>,
  Satisfies<Excel.ConditionalFormat, HostConditionalFormat>,
  Satisfies<Excel.CustomXmlPart, HostCustomXmlPart>,
  Satisfies<Excel.CustomXmlPartCollection, HostCustomXmlPartCollection>,
];

/** Whether Office.js brought Excel's API (it does not outside Excel, or in Excel older than ExcelApi 1.1). */
export function excelApiLoaded(): boolean {
  return typeof Excel !== 'undefined';
}

/**
 * Whether the Excel the add-in runs in has requirement set ExcelApi `version`; false outside Office (the tests set
 * `Office.context.requirements` to stand for a host that has it or not).
 */
export function excelApiSupported(version: string): boolean {
  if (typeof Office === 'undefined') return false;
  return Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
}

/** Excel.run of the Office.js the pane was loaded with (the real host, or the fake one the browser tests inject). */
export function officeRun(): HostRun {
  return (batch) => Excel.run((context) => batch(context));
}

/** An error as Office.js reports it: `OfficeExtension.Error` has a code and, in debugInfo, where it happened. */
export interface HostError {
  code: string;
  message: string;
  debugInfo?: { errorLocation?: string; statement?: string };
}

export function isHostError(error: unknown): error is HostError {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

// Office event handlers held once per host and shared. Removing an Office event handler needs the request context it
// was added in, so the pane registers each event with Excel once for its lifetime and only its own listeners come and
// go: the selection (selection.ts) and edits of the rules sheet (rules-sheet-edits.ts).

/** A registration with Excel that calls every listener in its set. */
export interface EventFeed<Listener> {
  readonly listeners: Set<Listener>;
}

/** The feeds of one kind of event, one per host, each started on first use (null where the host cannot tell). */
export class FeedsByHost<Listener, Feed extends EventFeed<Listener>> {
  private readonly feeds = new WeakMap<HostRun, Promise<Feed | null>>();

  constructor(private readonly start: (run: HostRun) => Promise<Feed | null>) {}

  /** Adds `listener` to the host's feed; resolves to a stop function, or null where Excel cannot tell. */
  async follow(run: HostRun, listener: Listener): Promise<(() => void) | null> {
    let feed = this.feeds.get(run);
    if (!feed) {
      feed = this.start(run);
      this.feeds.set(run, feed);
    }
    const started = await feed;
    if (!started) return null;
    started.listeners.add(listener);
    return () => {
      started.listeners.delete(listener);
    };
  }
}
