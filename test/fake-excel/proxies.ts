// Proxy objects that behave like Office.js's where it matters to the add-in:
// - properties throw until `load()` and `context.sync()` have run (PropertyNotLoaded);
// - writes and method calls are queued and only take effect at `sync()`, in order; an error stops the batch there,
//   leaving earlier operations applied (Excel does not roll back);
// - every sync records the size of what would cross the wire, and fails beyond the payload limit;
// - objects are bound to their request context and die with it.
import type {
  HostCellInput,
  HostCellValue,
  HostCellValueFormat,
  HostCellValueRule,
  HostClientResult,
  HostConditionalFormat,
  HostConditionalFormatCollection,
  HostConditionalRangeFormat,
  HostContext,
  HostCustomRule,
  HostCustomXmlPart,
  HostCustomXmlPartCollection,
  HostCustomXmlPartScopedCollection,
  HostPivotTableCollection,
  HostRange,
  HostRangeAreas,
  HostTable,
  HostTableCollection,
  HostWorkbook,
  HostWorksheet,
  HostWorksheetCollection,
  HostWorksheetProtection,
} from '../../src/excel/host';
import { type Rect, contains, intersects, qualifiedAddress, parseAddress } from './a1';
import {
  rootNamespace,
  type FakeEventHandler,
  type FakeWorksheetAddedArgs,
  type FakeWorksheetChangedArgs,
  type FakeCell,
  type FakeConditionalFormat,
  type FakeCustomXmlPart,
  type FakeSheet,
  type FakeWorkbookState,
} from './book';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export class FakeExcelError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation: string };

  constructor(
    readonly code: string,
    message: string,
    errorLocation = '',
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

export interface SyncRecord {
  number: number;
  requestBytes: number;
  responseBytes: number;
  operations: number;
  writes: number;
  loads: number;
  calculationSuspended: boolean;
  failed?: string;
}

export class FakeStats {
  readonly syncs: SyncRecord[] = [];
  runs = 0;

  get count(): number {
    return this.syncs.length;
  }
  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }
  get maxResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }
  reset(): void {
    this.syncs.length = 0;
    this.runs = 0;
  }
}

interface Operation {
  /** What would travel to Excel, for the payload size. */
  request: unknown;
  kind: 'load' | 'write' | 'call';
  /** Runs at sync time, in queue order; returns what would travel back. */
  apply(record: SyncRecord): unknown;
  /** Runs once the whole batch succeeded: loaded values land in the proxies. */
  commit?(): void;
}

/**
 * The UTF-8 size of a value's JSON, counted from the text's UTF-16 units without encoding it (a copy of a response of
 * megabytes would be the fake host's own cost on the pane's thread, inflating the pane's long tasks): a unit under
 * U+0080 is one byte, under U+0800 two, a surrogate pair four, any other unit (a lone surrogate becomes U+FFFD) three.
 */
function byteLength(value: unknown): number {
  const text = JSON.stringify(value) ?? '';
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export interface FakeContextOptions {
  /** Per-request and per-response limit; Excel on the web allows about 5 MB, the add-in must stay under 4 MB. */
  limitBytes: number;
  /** Simulated round trip; 0 still yields to the event loop once per sync, as a real round trip does. */
  latencyMs: number;
  /** The ExcelApi requirement set the host has (`1.13`): a call from a later set fails at sync with ApiNotFound. */
  excelApi: string;
}

/** Whether requirement-set version `have` is at least `need` (`1.13` over `1.6`). */
export function apiAtLeast(have: string, need: string): boolean {
  const [a, b] = [have, need].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export class FakeContext implements HostContext {
  readonly workbook: FakeWorkbookProxy;
  private queue: Operation[] = [];
  private closed = false;

  constructor(
    readonly book: FakeWorkbookState,
    readonly stats: FakeStats,
    readonly options: FakeContextOptions,
  ) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  assertOpen(): void {
    if (this.closed) {
      throw new FakeExcelError(
        'InvalidObjectPath',
        'The object was used after its Excel.run batch ended (or with another request context).',
      );
    }
  }

  enqueue(op: Operation): void {
    this.assertOpen();
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
  }

  async sync(): Promise<void> {
    this.assertOpen();
    const ops = this.queue;
    this.queue = [];
    await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    const record: SyncRecord = {
      number: this.stats.syncs.length + 1,
      requestBytes: byteLength(ops.map((o) => o.request)),
      responseBytes: 0,
      operations: ops.length,
      writes: ops.filter((o) => o.kind === 'write').length,
      loads: ops.filter((o) => o.kind === 'load').length,
      calculationSuspended: false,
    };
    this.stats.syncs.push(record);
    const fail = (error: FakeExcelError): never => {
      record.failed = error.code;
      throw error;
    };
    this.book.beforeSync?.(record.number);
    if (this.book.editingCell) {
      fail(
        new FakeExcelError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        ),
      );
    }
    if (record.requestBytes > this.options.limitBytes) {
      fail(
        new FakeExcelError(
          'RequestPayloadSizeLimitExceeded',
          `The request payload (${record.requestBytes} bytes) exceeds the limit.`,
        ),
      );
    }
    const responses: unknown[] = [];
    for (const op of ops) {
      try {
        responses.push(op.apply(record));
      } catch (error) {
        if (error instanceof FakeExcelError) fail(error);
        throw error;
      }
    }
    record.responseBytes = byteLength(responses);
    if (record.responseBytes > this.options.limitBytes) {
      fail(
        new FakeExcelError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload (${record.responseBytes} bytes) exceeds the limit.`,
        ),
      );
    }
    for (const op of ops) op.commit?.();
  }
}

function propertyList(names: string | string[] | undefined, defaults: readonly string[]): string[] {
  if (names === undefined) return [...defaults];
  const list = Array.isArray(names) ? names : names.split(',');
  return list.map((n) => n.trim()).filter((n) => n !== '');
}

abstract class FakeObject {
  private readonly loaded = new Map<string, unknown>();
  protected abstract readonly className: string;

  constructor(
    readonly ctx: FakeContext,
    readonly path: string,
  ) {}

  protected read<T>(prop: string): T {
    this.ctx.assertOpen();
    if (!this.loaded.has(prop)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.className}.${prop}`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  /** What a `load()` that names no property loads: what qualcheck reads of this class. */
  protected readonly loadDefaults: readonly string[] = [];

  load(propertyNames?: string | string[]): this {
    this.queueLoad(propertyNames, this.loadDefaults);
    return this;
  }

  protected queueLoad(names: string | string[] | undefined, defaults: readonly string[]): void {
    const props = propertyList(names, defaults);
    let snapshot: Record<string, unknown> = {};
    this.ctx.enqueue({
      kind: 'load',
      request: { path: this.path, action: 'load', select: props },
      apply: () => (snapshot = this.snapshot(props)),
      commit: () => this.receive(snapshot),
    });
  }

  /** Loaded values arriving for this object (also from a collection's load of `items/...`). */
  receive(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  protected queueCall(
    action: string,
    args: unknown,
    apply: (record: SyncRecord) => unknown,
    kind: 'write' | 'call' = 'call',
  ): void {
    this.ctx.enqueue({ kind, request: { path: this.path, action, args }, apply });
  }

  /** A method whose answer comes back as a ClientResult (getCount, getXml): worked out at sync, readable after it. */
  protected queueResult<T>(action: string, answer: () => T): FakeClientResult<T> {
    const result = new FakeClientResult<T>();
    let value: T;
    this.ctx.enqueue({
      kind: 'load',
      request: { path: this.path, action },
      apply: () => (value = answer()),
      commit: () => result.set(value),
    });
    return result;
  }

  protected abstract snapshot(props: string[]): Record<string, unknown>;

  /**
   * The loaded values of `props`, each from its getter, so that only what a load asks for is worked out (a large
   * range's values are not read for its address); a property the fake does not know fails as Excel's would.
   */
  protected loadedValues(
    props: readonly string[],
    getters: Readonly<Record<string, () => unknown>>,
    into: Record<string, unknown> = {},
  ): Record<string, unknown> {
    for (const p of props) {
      const get = Object.hasOwn(getters, p) ? getters[p] : undefined;
      if (get) into[p] = get();
      else unknownProperty(this.className, p);
    }
    return into;
  }

  /** As loadedValues, for an object that may be Excel's null object and is not: `isNullObject` is false. */
  protected loadedNotNull(
    props: readonly string[],
    getters: Readonly<Record<string, () => unknown>>,
  ): Record<string, unknown> {
    return this.loadedValues(props, { ...getters, isNullObject: () => false }, { isNullObject: false });
  }
}

function unknownProperty(className: string, prop: string): never {
  throw new FakeExcelError(
    'InvalidArgument',
    `The fake host does not know ${className}.${prop}.`,
    `${className}.${prop}`,
  );
}

// ---------------------------------------------------------------- workbook and worksheets

class FakeApplicationProxy {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue({
      kind: 'call',
      request: { path: 'Application', action: 'suspendApiCalculationUntilNextSync' },
      apply: (record) => {
        record.calculationSuspended = true;
      },
    });
  }
}

/** `Workbook.onSelectionChanged`: a handler is registered when the batch that adds it syncs. */
class FakeSelectionEvents {
  constructor(private readonly ctx: FakeContext) {}
  add(handler: (args: { type: 'SelectionChanged' }) => Promise<unknown>): { context: FakeContext; remove(): void } {
    const handlers = this.ctx.book.selectionHandlers;
    this.ctx.enqueue({
      kind: 'call',
      request: { path: 'Workbook.onSelectionChanged', action: 'add' },
      apply: () => void handlers.add(handler),
    });
    const ctx = this.ctx;
    return {
      context: ctx,
      remove: () =>
        ctx.enqueue({
          kind: 'call',
          request: { path: 'Workbook.onSelectionChanged', action: 'remove' },
          apply: () => void handlers.delete(handler),
        }),
    };
  }
}

/** What `EventHandlers.add` gives back (Office.js's EventHandlerResult): removing needs the context it was added in. */
export interface FakeEventHandlerResult {
  readonly context: FakeContext;
  remove(): void;
}

/**
 * An event of ExcelApi 1.7 (`worksheet.onChanged`, `worksheets.onAdded`), strict as Office.js is: the handler is
 * registered when the batch that adds it syncs (on a host without ExcelApi 1.7 that sync fails with ApiNotFound, on a
 * sheet that does not exist with ItemNotFound), and removed the same way, in the request context it was added in.
 */
class FakeEventHandlers<Args> {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    /** The set the event's handlers live in, found at sync (the sheet is bound then, as Office.js binds it). */
    private readonly handlers: () => Set<FakeEventHandler<Args>>,
  ) {}

  add(handler: FakeEventHandler<Args>): FakeEventHandlerResult {
    const ctx = this.ctx;
    ctx.enqueue({
      kind: 'call',
      request: { path: this.path, action: 'add' },
      apply: () => {
        if (!apiAtLeast(ctx.options.excelApi, '1.7'))
          throw new FakeExcelError('ApiNotFound', 'The API is not supported by this host (ExcelApi 1.7).', this.path);
        this.handlers().add(handler);
      },
    });
    return {
      context: ctx,
      remove: () =>
        ctx.enqueue({
          kind: 'call',
          request: { path: this.path, action: 'remove' },
          apply: () => void this.handlers().delete(handler),
        }),
    };
  }
}

export class FakeWorkbookProxy implements HostWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplicationProxy;
  readonly onSelectionChanged: FakeSelectionEvents;
  readonly customXmlParts: FakeCustomXmlPartCollection;

  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.customXmlParts = new FakeCustomXmlPartCollection(ctx);
    this.application = new FakeApplicationProxy(ctx);
    this.onSelectionChanged = new FakeSelectionEvents(ctx);
  }

  getSelectedRange(): FakeRange {
    const book = this.ctx.book;
    return new FakeRange(this.ctx, 'Workbook.getSelectedRange()', () => {
      const selection = book.selection ?? { sheet: book.activeSheet, rect: { row: 0, column: 0, rows: 1, columns: 1 } };
      const sheet = book.sheet(selection.sheet);
      if (!sheet)
        throw new FakeExcelError('ItemNotFound', 'The selected sheet does not exist.', 'Workbook.getSelectedRange');
      return { sheet, rect: selection.rect };
    });
  }
}

// ---------------------------------------------------------------- custom XML parts (ExcelApi 1.5)

class FakeCustomXmlPartScopedCollection extends FakeObject implements HostCustomXmlPartScopedCollection {
  protected readonly className: string = 'CustomXmlPartScopedCollection';
  private itemProxies: FakeCustomXmlPartProxy[] = [];

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly parts: () => FakeCustomXmlPart[],
  ) {
    super(ctx, path);
  }

  get items(): FakeCustomXmlPartProxy[] {
    this.read('items');
    return this.itemProxies;
  }

  protected override readonly loadDefaults: readonly string[] = ['items/id'];

  protected snapshot(props: string[]): Record<string, unknown> {
    if (!props.every((p) => p === 'items' || p.startsWith('items/'))) unknownProperty(this.className, props.join(','));
    const parts = this.parts();
    const fields = props.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length));
    this.itemProxies = parts.map((part, i) => {
      const proxy = new FakeCustomXmlPartProxy(this.ctx, `${this.path}.items[${i}]`, () => part);
      proxy.receive(
        Object.fromEntries([
          ['isNullObject', false],
          ...(fields.length > 0 ? fields : ['id', 'namespaceUri']).map((f) => [f, proxy.field(f)]),
        ]),
      );
      return proxy;
    });
    return { items: parts.length };
  }

  getCount(): FakeClientResult<number> {
    return this.queueResult('getCount', () => this.parts().length);
  }

  getOnlyItemOrNullObject(): FakeCustomXmlPartProxy {
    return new FakeCustomXmlPartProxy(this.ctx, `${this.path}.getOnlyItemOrNullObject()`, () => {
      const parts = this.parts();
      return parts.length === 1 ? parts[0] : null;
    });
  }
}

/**
 * `Workbook.customXmlParts`: `add(xml)` queues the new part (refused at sync unless the text is XML with a root
 * element); `getByNamespace(uri)` is the parts whose root element is in that namespace, as they are when a
 * later operation of the batch runs; loaded, its `items` are every part of the workbook.
 */
class FakeCustomXmlPartCollection extends FakeCustomXmlPartScopedCollection implements HostCustomXmlPartCollection {
  protected override readonly className = 'CustomXmlPartCollection';

  constructor(ctx: FakeContext) {
    super(ctx, 'CustomXmlParts', () => ctx.book.customXmlParts);
  }

  add(xml: string): FakeCustomXmlPartProxy {
    const book = this.ctx.book;
    let added: FakeCustomXmlPart | null = null;
    this.ctx.enqueue({
      kind: 'write',
      request: { path: 'CustomXmlParts', action: 'add', args: [xml] },
      apply: () => {
        if (typeof xml !== 'string' || rootNamespace(xml) === undefined) {
          throw new FakeExcelError(
            'InvalidArgument',
            'The argument is invalid or missing or has an incorrect format.',
            'CustomXmlPartCollection.add',
          );
        }
        added = book.addCustomXmlPart(xml);
      },
    });
    return new FakeCustomXmlPartProxy(this.ctx, 'CustomXmlParts.add()', () => {
      if (!added)
        throw new FakeExcelError('ItemNotFound', 'The new part was not added.', 'CustomXmlPartCollection.add');
      return added;
    });
  }

  getByNamespace(namespaceUri: string): FakeCustomXmlPartScopedCollection {
    const book = this.ctx.book;
    return new FakeCustomXmlPartScopedCollection(
      this.ctx,
      `CustomXmlParts.getByNamespace(${JSON.stringify(namespaceUri)})`,
      () => book.customXmlParts.filter((p) => rootNamespace(p.xml) === namespaceUri),
    );
  }
}

class FakeCustomXmlPartProxy extends FakeObject implements HostCustomXmlPart {
  protected readonly className = 'CustomXmlPart';
  private bound: FakeCustomXmlPart | null | undefined;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly resolver: () => FakeCustomXmlPart | null,
  ) {
    super(ctx, path);
  }

  private partOrNull(): FakeCustomXmlPart | null {
    if (this.bound === undefined) this.bound = this.resolver();
    return this.bound;
  }

  private part(): FakeCustomXmlPart {
    const part = this.partOrNull();
    if (!part) throw new FakeExcelError('ItemNotFound', 'The custom XML part is a null object.', 'CustomXmlPart');
    if (!this.ctx.book.customXmlParts.includes(part))
      throw new FakeExcelError('ItemNotFound', 'The custom XML part was deleted.', 'CustomXmlPart');
    return part;
  }

  /** A loadable field of the part, read now (for a collection's `items/...` load). */
  field(name: string): unknown {
    const part = this.part();
    if (name === 'id') return part.id;
    if (name === 'namespaceUri') return rootNamespace(part.xml);
    return unknownProperty(this.className, name);
  }

  get id(): string {
    return this.read('id');
  }
  get namespaceUri(): string {
    return this.read('namespaceUri');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  protected override readonly loadDefaults: readonly string[] = ['id', 'namespaceUri'];

  protected snapshot(props: string[]): Record<string, unknown> {
    if (!this.partOrNull()) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) if (p !== 'isNullObject') out[p] = this.field(p);
    return out;
  }

  getXml(): FakeClientResult<string> {
    return this.queueResult('getXml', () => this.part().xml);
  }

  setXml(xml: string): void {
    this.queueCall(
      'setXml',
      [xml],
      () => {
        if (typeof xml !== 'string' || rootNamespace(xml) === undefined) {
          throw new FakeExcelError(
            'InvalidArgument',
            'The argument is invalid or missing or has an incorrect format.',
            'CustomXmlPart.setXml',
          );
        }
        this.part().xml = xml;
      },
      'write',
    );
  }

  delete(): void {
    this.queueCall(
      'delete',
      [],
      () => {
        const parts = this.ctx.book.customXmlParts;
        parts.splice(parts.indexOf(this.part()), 1);
      },
      'write',
    );
  }
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

export class FakeWorksheetCollection implements HostWorksheetCollection {
  /** `worksheets.onAdded` (ExcelApi 1.7). */
  readonly onAdded: FakeEventHandlers<FakeWorksheetAddedArgs>;

  constructor(private readonly ctx: FakeContext) {
    this.onAdded = new FakeEventHandlers(ctx, 'Worksheets.onAdded', () => ctx.book.addedHandlers);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, 'Worksheets.getActiveWorksheet()', () => {
      const sheet = this.ctx.book.sheet(this.ctx.book.activeSheet);
      if (!sheet)
        throw new FakeExcelError(
          'ItemNotFound',
          'There is no active worksheet.',
          'WorksheetCollection.getActiveWorksheet',
        );
      return sheet;
    });
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, `Worksheets.getItem(${JSON.stringify(key)})`, () => {
      const sheet = this.byKey(key);
      if (!sheet)
        throw new FakeExcelError(
          'ItemNotFound',
          "The requested resource doesn't exist.",
          'WorksheetCollection.getItem',
        );
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this.ctx,
      `Worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.byKey(key) ?? null,
    );
  }

  /** A sheet by name or by id, as WorksheetCollection.getItem takes either. */
  private byKey(key: string): FakeSheet | undefined {
    return this.ctx.book.sheet(key) ?? this.ctx.book.sheets.find((s) => s.id === key);
  }

  add(name?: string): FakeWorksheet {
    const book = this.ctx.book;
    const chosen = name ?? `Sheet${book.sheets.length + 1}`;
    this.ctx.enqueue({
      kind: 'call',
      request: { path: 'Worksheets', action: 'add', args: [chosen] },
      apply: () => {
        if (chosen.length === 0 || chosen.length > 31 || SHEET_NAME_FORBIDDEN.test(chosen) || /^'|'$/.test(chosen)) {
          throw new FakeExcelError(
            'InvalidArgument',
            `The sheet name "${chosen}" is not valid.`,
            'WorksheetCollection.add',
          );
        }
        if (book.sheet(chosen))
          throw new FakeExcelError(
            'ItemAlreadyExists',
            'A resource with the same name or identifier already exists.',
            'WorksheetCollection.add',
          );
        book.sheetAdded(book.addSheet(chosen));
      },
    });
    return new FakeWorksheet(this.ctx, `Worksheets.add(${JSON.stringify(chosen)})`, () => {
      const sheet = book.sheet(chosen);
      if (!sheet) throw new FakeExcelError('ItemNotFound', 'The new sheet was not created.', 'WorksheetCollection.add');
      return sheet;
    });
  }
}

export class FakeWorksheet extends FakeObject implements HostWorksheet {
  protected readonly className = 'Worksheet';
  private bound: FakeSheet | null | undefined;
  private protectionProxy?: FakeProtection;
  private tablesProxy?: FakeTableCollection;
  private pivotTablesProxy?: FakePivotTableCollection;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly resolver: () => FakeSheet | null,
  ) {
    super(ctx, path);
  }

  /** The sheet this proxy stands for, bound the first time an operation needs it (as Office.js binds on execution). */
  sheetOrNull(): FakeSheet | null {
    if (this.bound === undefined) this.bound = this.resolver();
    return this.bound;
  }

  sheet(): FakeSheet {
    const sheet = this.sheetOrNull();
    if (!sheet) throw new FakeExcelError('ItemNotFound', 'The worksheet is a null object.', 'Worksheet');
    if (!this.ctx.book.sheets.includes(sheet))
      throw new FakeExcelError('ItemNotFound', 'The worksheet was deleted.', 'Worksheet');
    return sheet;
  }

  get name(): string {
    return this.read('name');
  }
  get id(): string {
    return this.read('id');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  /** `worksheet.onChanged` (ExcelApi 1.7): its handlers are the sheet's, and go when it is deleted. */
  get onChanged(): FakeEventHandlers<FakeWorksheetChangedArgs> {
    return new FakeEventHandlers(this.ctx, `${this.path}.onChanged`, () => {
      const sheet = this.sheet();
      let handlers = this.ctx.book.changeHandlers.get(sheet);
      if (!handlers) this.ctx.book.changeHandlers.set(sheet, (handlers = new Set()));
      return handlers;
    });
  }

  get protection(): FakeProtection {
    return (this.protectionProxy ??= new FakeProtection(this.ctx, `${this.path}.protection`, () => this.sheet()));
  }

  get tables(): FakeTableCollection {
    return (this.tablesProxy ??= new FakeTableCollection(this.ctx, `${this.path}.tables`, () => this.sheet()));
  }

  get pivotTables(): FakePivotTableCollection {
    return (this.pivotTablesProxy ??= new FakePivotTableCollection(this.ctx, `${this.path}.pivotTables`, () =>
      this.sheet(),
    ));
  }

  protected override readonly loadDefaults: readonly string[] = ['name'];

  protected snapshot(props: string[]): Record<string, unknown> {
    const sheet = this.sheetOrNull();
    if (!sheet) return { isNullObject: true };
    return this.loadedNotNull(props, {
      name: () => sheet.name,
      id: () => sheet.id,
      position: () => this.ctx.book.sheets.indexOf(sheet),
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRange(${JSON.stringify(address ?? '')})`, () => {
      const sheet = this.sheet();
      if (address === undefined || address === '')
        return { sheet, rect: { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS } };
      let rect: Rect;
      try {
        rect = parseAddress(address);
      } catch {
        throw new FakeExcelError(
          'InvalidArgument',
          `The argument is invalid or missing or has an incorrect format: ${address}`,
          'Worksheet.getRange',
        );
      }
      return { sheet, rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(
      this.ctx,
      `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`,
      () =>
        checkedRect(
          this.sheet(),
          { row: startRow, column: startColumn, rows: rowCount, columns: columnCount },
          'Worksheet.getRangeByIndexes',
        ),
    );
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getUsedRange(${valuesOnly ?? false})`, () => {
      const sheet = this.sheet();
      // An empty sheet's used range is its top-left cell.
      return { sheet, rect: sheet.usedRect(valuesOnly ?? false) ?? { row: 0, column: 0, rows: 1, columns: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getUsedRangeOrNullObject(${valuesOnly ?? false})`, () => {
      const sheet = this.sheet();
      const rect = sheet.usedRect(valuesOnly ?? false);
      return rect ? { sheet, rect } : null;
    });
  }

  activate(): void {
    this.queueCall('activate', [], () => {
      this.ctx.book.activeSheet = this.sheet().name;
    });
  }
}

/** A part of one worksheet (its protection, its tables, its pivot tables), found again through the sheet it belongs to. */
abstract class FakeSheetPart extends FakeObject {
  constructor(
    ctx: FakeContext,
    path: string,
    protected readonly sheet: () => FakeSheet,
  ) {
    super(ctx, path);
  }
}

class FakeProtection extends FakeSheetPart implements HostWorksheetProtection {
  protected readonly className = 'WorksheetProtection';
  get protected(): boolean {
    return this.read('protected');
  }
  protected override readonly loadDefaults: readonly string[] = ['protected'];
  protected snapshot(props: string[]): Record<string, unknown> {
    return this.loadedValues(props, { protected: () => this.sheet().protected });
  }
}

class FakeTableCollection extends FakeSheetPart implements HostTableCollection {
  protected readonly className = 'TableCollection';
  get items(): FakeTable[] {
    return this.read('items');
  }
  protected override readonly loadDefaults: readonly string[] = ['items/name'];
  protected snapshot(props: string[]): Record<string, unknown> {
    const wanted = props.filter((p) => p === 'items' || p.startsWith('items/'));
    if (wanted.length !== props.length) unknownProperty(this.className, props.join(','));
    const sheet = this.sheet();
    const items = sheet.tables.map(
      (t, i) => new FakeTable(this.ctx, `${this.path}.items[${i}]`, t.name, () => ({ sheet, rect: t.rect })),
    );
    // The proxies travel back as their names: what Office.js sends for `items/name`.
    return { items: Object.assign(items, { toJSON: () => items.map((t) => ({ name: t.tableName })) }) };
  }
}

/** Worksheet.pivotTables (ExcelApi 1.3): only its count, which Excel gives from ExcelApi 1.4. */
class FakePivotTableCollection extends FakeSheetPart implements HostPivotTableCollection {
  protected readonly className = 'PivotTableCollection';
  protected snapshot(props: string[]): Record<string, unknown> {
    return unknownProperty(this.className, props.join(','));
  }
  getCount(): FakeClientResult<number> {
    return this.queueResult('getCount', () => {
      if (!apiAtLeast(this.ctx.options.excelApi, '1.4'))
        throw new FakeExcelError(
          'ApiNotFound',
          'PivotTableCollection.getCount is not in this host (ExcelApi 1.4).',
          'PivotTableCollection.getCount',
        );
      return this.sheet().pivotTables.length;
    });
  }
}

class FakeTable extends FakeObject implements HostTable {
  protected readonly className = 'Table';
  constructor(
    ctx: FakeContext,
    path: string,
    readonly tableName: string,
    private readonly locate: () => { sheet: FakeSheet; rect: Rect },
  ) {
    super(ctx, path);
  }
  get name(): string {
    return this.tableName;
  }
  protected override readonly loadDefaults: readonly string[] = ['name'];
  protected snapshot(props: string[]): Record<string, unknown> {
    return this.loadedValues(props, { name: () => this.tableName });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRange()`, this.locate);
  }
}

// ---------------------------------------------------------------- ranges

interface Located {
  sheet: FakeSheet;
  rect: Rect;
}

function checkedRect(sheet: FakeSheet, rect: Rect, location: string): Located {
  if (
    rect.row < 0 ||
    rect.column < 0 ||
    rect.rows < 1 ||
    rect.columns < 1 ||
    rect.row + rect.rows > MAX_ROWS ||
    rect.column + rect.columns > MAX_COLUMNS
  ) {
    throw new FakeExcelError(
      'InvalidArgument',
      'The argument is invalid or missing or has an incorrect format.',
      location,
    );
  }
  return { sheet, rect };
}

function mixed(flags: boolean[]): boolean | null {
  if (flags.every(Boolean)) return true;
  if (flags.every((f) => !f)) return false;
  return null;
}

function sameShape(values: unknown, rect: Rect): boolean {
  return (
    Array.isArray(values) &&
    values.length === rect.rows &&
    values.every((row) => Array.isArray(row) && row.length === rect.columns)
  );
}

/** What Excel stores for a value typed through the API: numeric text becomes a number unless the cell is formatted as text. */
function stored(value: string | number | boolean, format: string): FakeCell | undefined {
  if (typeof value !== 'string') return value;
  if (value === '') return undefined;
  if (value.startsWith("'")) return value.slice(1);
  if (format !== '@' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return value;
}

export class FakeRange extends FakeObject implements HostRange {
  protected readonly className = 'Range';
  private bound: Located | null | undefined;
  private formatsProxy?: FakeConditionalFormatCollection;

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly resolver: () => Located | null,
  ) {
    super(ctx, path);
  }

  locateOrNull(): Located | null {
    if (this.bound === undefined) this.bound = this.resolver();
    return this.bound;
  }

  locate(): Located {
    const located = this.locateOrNull();
    if (!located) throw new FakeExcelError('ItemNotFound', 'The range is a null object.', 'Range');
    if (!this.ctx.book.sheets.includes(located.sheet))
      throw new FakeExcelError('ItemNotFound', 'The worksheet of the range was deleted.', 'Range');
    return located;
  }

  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get values(): HostCellInput[][] {
    return this.read('values');
  }
  set values(values: HostCellInput[][]) {
    this.queueCall(
      'setValues',
      values,
      () => {
        const { sheet, rect } = this.locate();
        if (!sameShape(values, rect)) {
          throw new FakeExcelError(
            'InvalidArgument',
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
            'Range.values',
          );
        }
        if (sheet.protected) {
          throw new FakeExcelError(
            'AccessDenied',
            "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
            'Range.values',
          );
        }
        const cut = sheet.merged.find((m) => intersects(m, rect) && !contains(rect, m));
        if (cut) throw new FakeExcelError('InvalidOperation', 'Cannot change part of a merged cell.', 'Range.values');
        // "The value of a merged range is specified in the cell of the range's upper-left corner" (Range.Merge): a
        // merged area written whole keeps the value given for that cell, and what was given for its others is lost.
        const inside = sheet.merged.filter((m) => contains(rect, m));
        values.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v === null) return;
            const r = rect.row + i;
            const c = rect.column + j;
            if (
              inside.some(
                (m) => contains(m, { row: r, column: c, rows: 1, columns: 1 }) && (r !== m.row || c !== m.column),
              )
            )
              return;
            sheet.setValue(r, c, stored(v, sheet.numberFormat(r, c)));
          }),
        );
        // The add-in's own writes fire the sheet's onChanged too, as in Excel.
        this.ctx.book.sheetChanged(sheet, rect);
      },
      'write',
    );
  }
  get formulas(): HostCellValue[][] {
    return this.read('formulas');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(formats: string[][]) {
    this.queueCall(
      'setNumberFormat',
      formats,
      () => {
        const { sheet, rect } = this.locate();
        if (!sameShape(formats, rect))
          throw new FakeExcelError(
            'InvalidArgument',
            'The number formats do not match the range.',
            'Range.numberFormat',
          );
        if (sheet.protected)
          throw new FakeExcelError(
            'AccessDenied',
            "The cell you're trying to change is on a protected sheet.",
            'Range.numberFormat',
          );
        formats.forEach((row, i) => row.forEach((f, j) => sheet.setNumberFormat(rect.row + i, rect.column + j, f)));
      },
      'write',
    );
  }
  get rowHidden(): boolean {
    return this.read('rowHidden');
  }
  set rowHidden(hidden: boolean) {
    this.queueHidden('setRowHidden', hidden);
  }
  get columnHidden(): boolean {
    return this.read('columnHidden');
  }
  set columnHidden(hidden: boolean) {
    this.queueHidden('setColumnHidden', hidden);
  }

  /** Hides or shows the range's rows or columns: the sheet keeps the indexes of its hidden ones. */
  private queueHidden(action: 'setRowHidden' | 'setColumnHidden', hidden: boolean): void {
    this.queueCall(
      action,
      hidden,
      () => {
        const { sheet, rect } = this.locate();
        const [indexes, from, count] =
          action === 'setRowHidden'
            ? [sheet.hiddenRows, rect.row, rect.rows]
            : [sheet.hiddenColumns, rect.column, rect.columns];
        for (let i = from; i < from + count; i++) {
          if (hidden) indexes.add(i);
          else indexes.delete(i);
        }
      },
      'write',
    );
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.formatsProxy ??= new FakeConditionalFormatCollection(this.ctx, `${this.path}.conditionalFormats`, () =>
      this.locate(),
    ));
  }

  protected override readonly loadDefaults: readonly string[] = [
    'address',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'values',
    'numberFormat',
  ];

  protected snapshot(props: string[]): Record<string, unknown> {
    const located = this.locateOrNull();
    if (!located) return { isNullObject: true };
    const { sheet, rect } = this.locate();
    const rows = Array.from({ length: rect.rows }, (_, i) => rect.row + i);
    const columns = Array.from({ length: rect.columns }, (_, j) => rect.column + j);
    return this.loadedNotNull(props, {
      address: () => qualifiedAddress(sheet.name, rect),
      rowIndex: () => rect.row,
      columnIndex: () => rect.column,
      rowCount: () => rect.rows,
      columnCount: () => rect.columns,
      values: () => {
        if (rect.rows * rect.columns > 5_000_000)
          throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', 'Too many cells in one read.', 'Range.values');
        return rows.map((r) => columns.map((c) => sheet.value(r, c) ?? ''));
      },
      formulas: () => {
        // Counted with values towards a response's size: a formula is as heavy to send.
        if (rect.rows * rect.columns > 5_000_000)
          throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', 'Too many cells in one read.', 'Range.formulas');
        return rows.map((r) => columns.map((c) => sheet.formula(r, c) ?? sheet.value(r, c) ?? ''));
      },
      numberFormat: () => rows.map((r) => columns.map((c) => sheet.numberFormat(r, c))),
      rowHidden: () => mixed(rows.map((r) => sheet.hiddenRows.has(r))),
      columnHidden: () => mixed(columns.map((c) => sheet.hiddenColumns.has(c))),
    });
  }

  private derived(label: string, rect: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.${label}`, () => {
      const { sheet, rect: base } = this.locate();
      return checkedRect(sheet, rect(base), `Range.${label.replace(/\(.*/, '')}`);
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived(`getCell(${row},${column})`, (r) => ({
      row: r.row + row,
      column: r.column + column,
      rows: 1,
      columns: 1,
    }));
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, `${this.path}.getMergedAreasOrNullObject()`, () => {
      if (!apiAtLeast(this.ctx.options.excelApi, '1.13'))
        throw new FakeExcelError('ApiNotFound', 'The API is not supported by this host (ExcelApi 1.13).', 'Range');
      const { sheet, rect } = this.locate();
      // Whole areas, each named with its sheet, as RangeAreas.address gives them; none found is the null object.
      const found = sheet.merged.filter((m) => intersects(m, rect));
      return found.length === 0 ? null : found.map((m) => qualifiedAddress(sheet.name, m)).join(', ');
    });
  }
  getRow(row: number): FakeRange {
    return this.derived(`getRow(${row})`, (r) => ({ row: r.row + row, column: r.column, rows: 1, columns: r.columns }));
  }
  getColumn(column: number): FakeRange {
    return this.derived(`getColumn(${column})`, (r) => ({
      row: r.row,
      column: r.column + column,
      rows: r.rows,
      columns: 1,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (r) => ({
      ...r,
      rows: r.rows + deltaRows,
      columns: r.columns + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (r) => ({
      ...r,
      row: r.row + rowOffset,
      column: r.column + columnOffset,
    }));
  }

  clear(applyTo: 'All' | 'Contents' = 'All'): void {
    this.queueCall(
      'clear',
      [applyTo],
      () => {
        const { sheet, rect } = this.locate();
        if (sheet.protected)
          throw new FakeExcelError(
            'AccessDenied',
            "The cell you're trying to change is on a protected sheet.",
            'Range.clear',
          );
        const cut = sheet.merged.find((m) => intersects(m, rect) && !contains(rect, m));
        if (cut) throw new FakeExcelError('InvalidOperation', 'Cannot change part of a merged cell.', 'Range.clear');
        const lastRow = Math.min(rect.row + rect.rows, Math.max(sheet.cells.length, sheet.formats.length));
        for (let r = rect.row; r < lastRow; r++) {
          const width = Math.max(sheet.cells[r]?.length ?? 0, sheet.formats[r]?.length ?? 0);
          for (let c = rect.column; c < Math.min(rect.column + rect.columns, width); c++) {
            sheet.setValue(r, c, undefined);
            if (applyTo === 'All') sheet.setNumberFormat(r, c, 'General');
          }
        }
        if (applyTo === 'All') sheet.clearConditionalFormats(rect);
        this.ctx.book.sheetChanged(sheet, rect);
      },
      'write',
    );
  }

  select(): void {
    this.queueCall('select', [], () => {
      const { sheet, rect } = this.locate();
      this.ctx.book.activeSheet = sheet.name;
      this.ctx.book.selection = { sheet: sheet.name, rect };
      this.ctx.book.selectionChanged();
    });
  }
}

// ---------------------------------------------------------------- conditional formats

class FakeClientResult<T> implements HostClientResult<T> {
  private settled = false;
  private result: T | undefined;
  set(value: T): void {
    this.result = value;
    this.settled = true;
  }
  get value(): T {
    if (!this.settled)
      throw new FakeExcelError(
        'PropertyNotLoaded',
        'The value of the result object has not been loaded yet. Call "context.sync()" first.',
        'ClientResult.value',
      );
    return this.result as T;
  }
}

interface FormatHome {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

class FakeConditionalFormatCollection extends FakeObject implements HostConditionalFormatCollection {
  protected readonly className = 'ConditionalFormatCollection';

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly locate: () => Located,
  ) {
    super(ctx, path);
  }

  get items(): FakeConditionalFormatProxy[] {
    return this.read('items');
  }

  protected override readonly loadDefaults: readonly string[] = ['items/type'];

  protected snapshot(props: string[]): Record<string, unknown> {
    if (!props.every((p) => p === 'items' || p.startsWith('items/'))) unknownProperty(this.className, props.join(','));
    const itemProps = props.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length));
    const { sheet, rect } = this.locate();
    const formats = sheet.conditionalFormats.filter((cf) => cf.ranges.some((r) => intersects(r, rect)));
    const items = formats.map((cf, i) => {
      const item = new FakeConditionalFormatProxy(this.ctx, `${this.path}.items[${i}]`, () => ({ sheet, cf }));
      item.receive(item.describe(itemProps.length > 0 ? itemProps : ['type']));
      return item;
    });
    return { items: Object.assign(items, { toJSON: () => items.map((item) => item.describe(itemProps)) }) };
  }

  add(type: 'CellValue' | 'ContainsText' | 'Custom'): FakeConditionalFormatProxy {
    let created: FormatHome | undefined;
    this.ctx.enqueue({
      kind: 'write',
      request: { path: this.path, action: 'add', args: [type] },
      apply: () => {
        const { sheet, rect } = this.locate();
        if (sheet.protected)
          throw new FakeExcelError('AccessDenied', 'The sheet is protected.', 'ConditionalFormatCollection.add');
        const id = Math.max(0, ...sheet.conditionalFormats.map((cf) => cf.id)) + 1;
        const cf: FakeConditionalFormat = { id, type, ranges: [rect], anchor: { row: rect.row, column: rect.column } };
        // A new rule goes on top, as in Excel's rules manager.
        sheet.conditionalFormats.unshift(cf);
        created = { sheet, cf };
      },
    });
    return new FakeConditionalFormatProxy(this.ctx, `${this.path}.add(${type})`, () => {
      if (!created)
        throw new FakeExcelError('ItemNotFound', 'The conditional format was not created.', 'ConditionalFormat');
      return created;
    });
  }

  clearAll(): void {
    this.queueCall(
      'clearAll',
      [],
      () => {
        const { sheet, rect } = this.locate();
        if (sheet.protected)
          throw new FakeExcelError('AccessDenied', 'The sheet is protected.', 'ConditionalFormatCollection.clearAll');
        sheet.clearConditionalFormats(rect);
      },
      'write',
    );
  }

  getCount(): FakeClientResult<number> {
    return this.queueResult('getCount', () => {
      const { sheet, rect } = this.locate();
      return sheet.conditionalFormats.filter((cf) => cf.ranges.some((r) => intersects(r, rect))).length;
    });
  }
}

type FormatTarget = () => FakeConditionalFormat;

class FakeFill {
  constructor(
    private readonly ctx: FakeContext,
    private readonly path: string,
    private readonly target: FormatTarget,
    private readonly which: 'fill' | 'font',
  ) {}
  get color(): string {
    throw new FakeExcelError(
      'PropertyNotLoaded',
      'The fake host does not load conditional format colours.',
      'ConditionalRangeFill.color',
    );
  }
  set color(color: string) {
    this.ctx.enqueue({
      kind: 'write',
      request: { path: `${this.path}.${this.which}`, action: 'set', args: { color } },
      apply: () => {
        if (!/^#[0-9A-Fa-f]{6}$/.test(color) && !/^[a-z]+$/i.test(color))
          throw new FakeExcelError('InvalidArgument', `Not a colour: ${color}`, 'ConditionalRangeFill.color');
        this.target()[this.which] = color;
      },
    });
  }
}

/** What Range.getMergedAreasOrNullObject gives: the merged areas' addresses, or the null object when there are none. */
class FakeRangeAreas extends FakeObject implements HostRangeAreas {
  protected readonly className = 'RangeAreas';
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly resolve: () => string | null,
  ) {
    super(ctx, path);
  }
  get address(): string {
    return this.read('address');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  protected override readonly loadDefaults: readonly string[] = ['address'];
  protected snapshot(props: string[]): Record<string, unknown> {
    const address = this.resolve();
    if (address === null) return { isNullObject: true };
    return this.loadedNotNull(props, { address: () => address });
  }
}

class FakeRangeFormat implements HostConditionalRangeFormat {
  readonly fill: FakeFill;
  readonly font: FakeFill;
  constructor(ctx: FakeContext, path: string, target: FormatTarget) {
    this.fill = new FakeFill(ctx, `${path}.format`, target, 'fill');
    this.font = new FakeFill(ctx, `${path}.format`, target, 'font');
  }
}

class FakeCustomRule extends FakeObject implements HostCustomRule {
  protected readonly className = 'ConditionalFormatRule';
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: FormatTarget,
  ) {
    super(ctx, path);
  }
  get formula(): string {
    return this.read('formula');
  }
  set formula(formula: string) {
    this.queueCall(
      'setFormula',
      formula,
      () => {
        if (!formula.startsWith('='))
          throw new FakeExcelError(
            'InvalidArgument',
            'A conditional format formula starts with "=".',
            'ConditionalFormatRule.formula',
          );
        this.target().customFormula = formula;
      },
      'write',
    );
  }
  protected override readonly loadDefaults: readonly string[] = ['formula'];
  protected snapshot(props: string[]): Record<string, unknown> {
    return this.loadedValues(props, { formula: () => this.target().customFormula ?? '' });
  }
}

/** A cell-value rule (CellValueConditionalFormat): its rule is loaded and set as one object, as Office.js does. */
class FakeCellValueFormat extends FakeObject implements HostCellValueFormat {
  protected readonly className = 'CellValueConditionalFormat';
  readonly format: FakeRangeFormat;
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly target: FormatTarget,
  ) {
    super(ctx, path);
    this.format = new FakeRangeFormat(ctx, path, target);
  }
  get rule(): HostCellValueRule {
    return this.read('rule');
  }
  set rule(rule: HostCellValueRule) {
    this.queueCall('setRule', rule, () => (this.target().cellValueRule = { ...rule }), 'write');
  }
  protected override readonly loadDefaults: readonly string[] = ['rule'];
  protected snapshot(props: string[]): Record<string, unknown> {
    return this.loadedValues(props, {
      rule: () => {
        const rule = this.target().cellValueRule;
        return rule ? { ...rule } : { formula1: '', operator: 'Invalid' };
      },
    });
  }
}

class FakeConditionalFormatProxy extends FakeObject implements HostConditionalFormat {
  protected readonly className = 'ConditionalFormat';

  constructor(
    ctx: FakeContext,
    path: string,
    private readonly home: () => FormatHome,
  ) {
    super(ctx, path);
  }

  /** The properties Office.js would send back for this format. */
  describe(props: string[]): Record<string, unknown> {
    const { cf } = this.home();
    return this.loadedValues(props, { type: () => cf.type });
  }

  get type(): string {
    return this.read('type');
  }

  protected override readonly loadDefaults: readonly string[] = ['type'];

  protected snapshot(props: string[]): Record<string, unknown> {
    return this.describe(props);
  }

  delete(): void {
    this.queueCall(
      'delete',
      [],
      () => {
        const { sheet, cf } = this.home();
        if (sheet.protected)
          throw new FakeExcelError('AccessDenied', 'The sheet is protected.', 'ConditionalFormat.delete');
        sheet.conditionalFormats = sheet.conditionalFormats.filter((other) => other !== cf);
      },
      'write',
    );
  }

  private ofType(type: FakeConditionalFormat['type'], location: string): FormatTarget {
    return () => {
      const { cf } = this.home();
      if (cf.type !== type)
        throw new FakeExcelError(
          'InvalidArgument',
          `The conditional format is of type ${cf.type}, not ${type}.`,
          location,
        );
      return cf;
    };
  }

  private setRule(
    location: string,
    rule: unknown,
    apply: (cf: FakeConditionalFormat) => void,
    type: FakeConditionalFormat['type'],
  ): void {
    const target = this.ofType(type, location);
    this.ctx.enqueue({
      kind: 'write',
      request: { path: `${this.path}.${location}`, action: 'set', args: rule },
      apply: () => apply(target()),
    });
  }

  private cellValueParts?: FakeCellValueFormat;

  get cellValue(): FakeCellValueFormat {
    // One object per navigation, as Office.js keeps it: a rule loaded through it is read back from it.
    return (this.cellValueParts ??= new FakeCellValueFormat(
      this.ctx,
      `${this.path}.cellValue`,
      this.ofType('CellValue', 'cellValue'),
    ));
  }

  /** The range of a format that applies to one range; a null object for one over several (ExcelApi 1.6). */
  getRangeOrNullObject(): FakeRange {
    return new FakeRange(this.ctx, `${this.path}.getRangeOrNullObject()`, () => {
      const { sheet, cf } = this.home();
      return cf.ranges.length === 1 ? { sheet, rect: cf.ranges[0] } : null;
    });
  }

  get textComparison(): HostConditionalFormat['textComparison'] {
    const format = new FakeRangeFormat(
      this.ctx,
      `${this.path}.textComparison`,
      this.ofType('ContainsText', 'textComparison'),
    );
    const set = (rule: { operator: string; text: string }) =>
      this.setRule('textComparison.rule', rule, (cf) => (cf.textRule = { ...rule }), 'ContainsText');
    return {
      format,
      get rule(): { operator: string; text: string } {
        throw new FakeExcelError(
          'PropertyNotLoaded',
          'The fake host does not load text rules.',
          'TextConditionalFormat.rule',
        );
      },
      set rule(rule) {
        set(rule);
      },
    };
  }

  private customParts?: HostConditionalFormat['custom'];

  get custom(): HostConditionalFormat['custom'] {
    // One object per navigation, as Office.js keeps it: what is loaded through it is read back from it.
    const target = this.ofType('Custom', 'custom');
    return (this.customParts ??= {
      format: new FakeRangeFormat(this.ctx, `${this.path}.custom`, target),
      rule: new FakeCustomRule(this.ctx, `${this.path}.custom.rule`, target),
    });
  }
}
