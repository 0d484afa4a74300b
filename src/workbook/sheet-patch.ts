// qualcheck's result cells put into a worksheet part as it streams past: rows are read one at a time, the cells in
// the columns qualcheck writes are put in (or replaced, or emptied) in column order, and every other byte of the part
// is passed on as it was. Strings are inline (t="inlineStr"), so sharedStrings.xml need not change.
// Over 400 lines as one job: the row patch, the sheet head (dimension, columns, formats) and the streaming loop all
// edit the same part in one pass and share its prefix and offsets; apart, each would need the others' state.
import { StringDecoder } from 'node:string_decoder';
import { cellAddress, columnNumber, parseRange, rangeAddress, shownText, type CellRange } from '../sheet';
import { withSheetFormats, type SheetFormat } from './conditional-formats';
import { ElementSpans, escapeText, withAttribute, type ElementSpan, type SheetRowSpans } from './xml-elements';
import { tokenizeXml, XmlTokenizer } from './xml-tokenizer';
import { XmlSyntaxError, type XmlCloseTag, type XmlOpenTag } from './xml-tokens';

/** What a cell gets: a text or a number; null empties a cell qualcheck wrote before. */
export type WrittenValue = string | number | null;

/** The cells qualcheck writes or empties in one sheet row: columns ascending, each with its value. */
export interface RowWrites {
  columns: readonly number[];
  values: readonly WrittenValue[];
}

/**
 * The rows qualcheck writes, asked for one at a time as the sheet streams past: a writer can make each row's cells
 * from the results when its row comes, rather than holding a second copy of every result cell.
 */
export interface SheetRows {
  /** The sheet rows that have cells to write or empty, ascending. */
  readonly numbers: readonly number[];
  cells(row: number): RowWrites | undefined;
  /**
   * The rows and columns of the cells written with something in them (undefined: none), when the writer can tell
   * without making every row's cells; without it they are asked for one by one.
   */
  extent?(): CellRange | undefined;
}

export interface SheetWrites {
  /** Every cell qualcheck writes or empties, by sheet row and column. */
  rows: SheetRows;
  /** The conditional formats qualcheck's cells need (earlier ones of its own are replaced). */
  formats: SheetFormat[];
  /** Sheet column of the status, by which earlier formats of qualcheck's own are recognised. */
  statusColumn: number;
  /** Widths for qualcheck's columns, used only where the sheet sets none. */
  widths: Map<number, number>;
}

/** SheetRows over cells given by sheet row -> sheet column -> value. */
export function sheetRows(rows: ReadonlyMap<number, ReadonlyMap<number, WrittenValue>>): SheetRows {
  const byRow = new Map<number, RowWrites>();
  for (const [row, cells] of rows) {
    const columns = [...cells.keys()].sort((a, b) => a - b);
    byRow.set(row, { columns, values: columns.map((c) => cells.get(c) ?? null) });
  }
  return { numbers: [...byRow.keys()].sort((a, b) => a - b), cells: (row) => byRow.get(row) };
}

const CELL_REF = /\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']/;
const ROW_REF = /\sr\s*=\s*["'](\d+)["']/;

/** Column letters by column number, made once each: a sheet of results writes the same few columns on every row. */
const LETTERS: string[] = [];
function lettersOf(column: number): string {
  return (LETTERS[column] ??= cellAddress(1, column).slice(0, -1));
}

export function cellXml(p: string, row: number, column: number, value: string | number, style?: string): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  const ref = lettersOf(column) + row;
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  const text = shownText(value);
  const space = /^\s|\s$|[\n\t]/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeText(text)}</${p}t></${p}is></${p}c>`;
}

/** A cell qualcheck writes, keeping the style an existing cell there had (a user's border or font on the column). */
function writtenCell(p: string, row: number, column: number, value: WrittenValue, style: string | undefined): string {
  if (value === null || value === '')
    return style === undefined ? '' : `<${p}c r="${lettersOf(column)}${row}" s="${style}"/>`;
  return cellXml(p, row, column, value, style);
}

/** The row's cells, none of them over a cell already there: the cells appended to a row, or a new row's. */
function newCells(p: string, row: number, cells: RowWrites): string {
  let xml = '';
  for (let k = 0; k < cells.columns.length; k++)
    xml += writtenCell(p, row, cells.columns[k], cells.values[k], undefined);
  return xml;
}

const SPANS = /\sspans\s*=\s*["']\s*(\d+):(\d+)\s*["']/;

/** The row's `spans` hint widened to qualcheck's columns, when it has one of a single range. */
function withSpans(startTag: string, columns: readonly number[]): string {
  const m = SPANS.exec(startTag);
  if (!m) return startTag;
  let low = Number(m[1]);
  let high = Number(m[2]);
  for (const c of columns) {
    low = Math.min(low, c);
    high = Math.max(high, c);
  }
  if (low === Number(m[1]) && high === Number(m[2])) return startTag;
  // The usual form, ` spans="1:45"` in a tag with no single quote (so it cannot stand inside another attribute's
  // value), is changed in place, as withAttribute would change it.
  if (m[0] === ` spans="${m[1]}:${m[2]}"` && startTag.indexOf("'") === -1)
    return `${startTag.slice(0, m.index)} spans="${low}:${high}"${startTag.slice(m.index + m[0].length)}`;
  return withAttribute(startTag, 'spans', `${low}:${high}`);
}

/**
 * A child of <sheetData> as the streaming writer notes it (offsets from its start): the element, and only the last of
 * its children, which is all the usual row needs. The rare row whose cells must be looked at one by one is read again.
 */
interface RowInText {
  selfClosing: boolean;
  openEnd: number;
  closeStart: number;
  /** The last child element ('' when none), and its offsets. */
  lastLocal: string;
  lastStart: number;
  lastOpenEnd: number;
  lastEnd: number;
}

/**
 * Where a row's cells end, when all of them lie left of `column` and nothing but white space follows them before
 * </row>; -1 otherwise (then each cell is looked at). Only the last cell is read: cells are in column order.
 */
function endOfCells(text: string, row: RowInText, column: number): number {
  const close = row.closeStart;
  if (row.lastLocal === '') return /^\s*$/.test(text.slice(row.openEnd, close)) ? close : -1;
  if (row.lastLocal !== 'c') return -1;
  const ref = CELL_REF.exec(text.slice(row.lastStart, row.lastOpenEnd));
  if (!ref || (columnNumber(ref[1]) ?? Infinity) >= column) return -1;
  return /^\s*$/.test(text.slice(row.lastEnd, close)) ? close : -1;
}

/** The row read again with each of its cells, for a patch that goes between them. */
function rowElement(text: string): ElementSpan {
  const spans = new ElementSpans(2);
  tokenizeXml(text, spans);
  return spans.top[0];
}

/**
 * One <row> (`text`, with where its parts are) with qualcheck's cells in it. A cell after a change that has no `r`
 * gets one, since its place was given by the cells before it.
 */
function patchRow(text: string, found: RowInText, row: number, writes: RowWrites, p: string, giveRef: boolean): string {
  let startTag = found.selfClosing
    ? `${text.slice(0, found.openEnd - 2).replace(/\s+$/, '')}>`
    : text.slice(0, found.openEnd);
  if (giveRef && !ROW_REF.test(startTag)) startTag = withAttribute(startTag, 'r', String(row));
  startTag = withSpans(startTag, writes.columns);
  const pending = writes.columns;
  const appendAt = found.selfClosing ? -1 : endOfCells(text, found, pending[0]);
  if (appendAt >= 0) {
    // The usual case: every cell of the row lies left of qualcheck's columns, so its cells go in before </row>.
    return startTag + text.slice(found.openEnd, appendAt) + newCells(p, row, writes) + text.slice(appendAt);
  }
  const span = rowElement(text);
  const valueAt = new Map(pending.map((c, k) => [c, writes.values[k]]));
  let next = 0;
  const out: string[] = [startTag];
  let changed = false;
  let column = 0;
  let at = span.openEnd;
  for (const cell of span.children) {
    const between = text.slice(at, cell.start);
    at = cell.end;
    if (cell.local !== 'c') {
      out.push(between, text.slice(cell.start, cell.end));
      continue;
    }
    const startTag = text.slice(cell.start, cell.openEnd);
    const ref = CELL_REF.exec(startTag);
    column = ref ? (columnNumber(ref[1]) ?? column + 1) : column + 1;
    while (next < pending.length && pending[next] < column) {
      out.push(writtenCell(p, row, pending[next], valueAt.get(pending[next]) ?? null, undefined));
      next++;
      changed = true;
    }
    if (valueAt.has(column)) {
      if (pending[next] === column) next++;
      out.push(between, writtenCell(p, row, column, valueAt.get(column) ?? null, cell.attributes.s));
      changed = true;
      continue;
    }
    const own = text.slice(cell.start, cell.end);
    out.push(
      between,
      changed && !ref ? withAttribute(startTag, 'r', cellAddress(row, column)) + own.slice(startTag.length) : own,
    );
  }
  for (; next < pending.length; next++)
    out.push(writtenCell(p, row, pending[next], valueAt.get(pending[next]) ?? null, undefined));
  out.push(span.selfClosing ? `</${span.qname}>` : text.slice(at));
  return out.join('');
}

function newRow(row: number, writes: RowWrites, p: string): string {
  const content = newCells(p, row, writes);
  return content === '' ? '' : `<${p}row r="${row}">${content}</${p}row>`;
}

/** The rows, columns and extent qualcheck writes. */
function extent(writes: SheetWrites): CellRange | undefined {
  if (writes.rows.extent) return writes.rows.extent();
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const row of writes.rows.numbers) {
    const cells = writes.rows.cells(row);
    if (!cells) continue;
    for (let k = 0; k < cells.columns.length; k++) {
      const value = cells.values[k];
      if (value === null || value === '') continue;
      const column = cells.columns[k];
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  }
  return bottom === 0 ? undefined : { top, bottom, left, right };
}

/** The worksheet's children before <sheetData>, with <dimension> covering qualcheck's cells and widths for its columns. */
function patchHead(head: string, children: ElementSpan[], writes: SheetWrites, p: string): string {
  const pieces: { span: ElementSpan; text: string }[] = [];
  const area = extent(writes);
  const dimension = children.find((c) => c.local === 'dimension');
  if (dimension && area) {
    const tag = head.slice(dimension.start, dimension.end);
    const ref = parseRange(dimension.attributes.ref ?? '');
    if (ref) {
      const union = {
        top: Math.min(ref.top, area.top),
        left: Math.min(ref.left, area.left),
        bottom: Math.max(ref.bottom, area.bottom),
        right: Math.max(ref.right, area.right),
      };
      if (
        union.top !== ref.top ||
        union.left !== ref.left ||
        union.bottom !== ref.bottom ||
        union.right !== ref.right
      ) {
        pieces.push({ span: dimension, text: withAttribute(tag, 'ref', rangeAddress(union)) });
      }
    }
  }
  const cols = children.find((c) => c.local === 'cols');
  const covered: { min: number; max: number; span: ElementSpan }[] = [];
  if (cols) {
    for (const col of cols.children) {
      const min = Number(col.attributes.min);
      const max = Number(col.attributes.max);
      if (Number.isFinite(min) && Number.isFinite(max)) covered.push({ min, max, span: col });
    }
  }
  const missing = [...writes.widths.entries()]
    .filter(([c]) => !covered.some((k) => k.min <= c && c <= k.max))
    .sort((a, b) => a[0] - b[0]);
  const colXml = (c: number, width: number) => `<${p}col min="${c}" max="${c}" width="${width}" customWidth="1"/>`;
  let insertCols: { at: number; text: string }[] = [];
  if (missing.length > 0) {
    if (cols && !cols.selfClosing) {
      insertCols = missing.map(([c, width]) => {
        const after = covered.filter((k) => k.max < c).pop();
        const at = after ? after.span.end : cols.openEnd;
        return { at, text: colXml(c, width) };
      });
    } else if (!cols) {
      insertCols = [
        { at: head.length, text: `<${p}cols>${missing.map(([c, w]) => colXml(c, w)).join('')}</${p}cols>` },
      ];
    } else {
      pieces.push({ span: cols, text: `<${p}cols>${missing.map(([c, w]) => colXml(c, w)).join('')}</${p}cols>` });
    }
  }
  const edits = [
    ...pieces.map((x) => ({ from: x.span.start, to: x.span.end, text: x.text })),
    ...insertCols.map((x) => ({ from: x.at, to: x.at, text: x.text })),
  ].sort((a, b) => a.from - b.from);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += head.slice(at, edit.from) + edit.text;
    at = edit.to;
  }
  return out + head.slice(at);
}

/** The UTF-16 byte order mark, which a few programs put on their parts; such a part is written back in UTF-16. */
function encodingOf(first: Buffer): BufferEncoding {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf16le';
  if (first[0] === 0xfe && first[1] === 0xff)
    throw new XmlSyntaxError('the sheet is in big-endian UTF-16, which qualcheck cannot write');
  return 'utf8';
}

const OUT_BATCH = 1 << 20;

/**
 * The patched part's bytes as they are made: text and numbers are encoded straight into a batch of OUT_BATCH bytes,
 * handed over when full, so no joined text or small Buffer is made per row.
 */
class OutBytes {
  private batch = Buffer.allocUnsafe(OUT_BATCH);
  private used = 0;
  private done: Buffer[] = [];

  constructor(readonly encoding: BufferEncoding) {}

  /** Room for `most` more bytes: the batch is handed on when they would not fit. */
  private room(most: number): void {
    if (this.used + most <= this.batch.length) return;
    if (this.used > 0) this.done.push(this.batch.subarray(0, this.used));
    this.batch = Buffer.allocUnsafe(OUT_BATCH);
    this.used = 0;
  }

  text(piece: string): void {
    if (piece.length === 0) return;
    const most = piece.length * (this.encoding === 'utf16le' ? 2 : 3);
    this.room(most);
    if (most > this.batch.length) this.done.push(Buffer.from(piece, this.encoding));
    else this.used += this.batch.write(piece, this.used, this.encoding);
  }

  /** The first `length` bytes of `piece`, already in the part's encoding (UTF-8: the fast path is not taken for UTF-16). */
  bytes(piece: Uint8Array, length = piece.length): void {
    if (length > OUT_BATCH) {
      this.room(OUT_BATCH);
      this.done.push(Buffer.from(piece.subarray(0, length)));
      return;
    }
    this.room(length);
    const batch = this.batch;
    const at = this.used;
    // A few bytes are copied one by one; a longer piece (a text's XML) by the engine's copy.
    if (length > 32) batch.set(length === piece.length ? piece : piece.subarray(0, length), at);
    else for (let i = 0; i < length; i++) batch[at + i] = piece[i];
    this.used = at + length;
  }

  /** One ASCII character (UTF-8 only). */
  byte(code: number): void {
    this.room(1);
    this.batch[this.used++] = code;
  }

  /** A whole number as String() writes it, digit by digit (UTF-8 only): no string is made for it. */
  number(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) return this.text(String(value));
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const batch = this.batch;
    let rest = value;
    for (let i = this.used + digits - 1; i >= this.used; i--) {
      batch[i] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.used += digits;
  }

  /** The batches filled so far, as one Buffer; undefined when none is full yet. */
  full(): Buffer | undefined {
    if (this.done.length === 0) return undefined;
    const bytes = this.done.length === 1 ? this.done[0] : Buffer.concat(this.done);
    this.done = [];
    return bytes;
  }

  /** Everything not handed on yet. */
  flush(): Buffer | undefined {
    if (this.used > 0) {
      this.done.push(this.batch.subarray(0, this.used));
      this.batch = Buffer.allocUnsafe(OUT_BATCH);
      this.used = 0;
    }
    return this.full();
  }
}

/** The most distinct texts whose cell XML is kept for reuse, and the longest: result columns repeat a few texts. */
const KEPT_TEXTS = 20_000;
const KEPT_TEXT_LENGTH = 2_000;

/**
 * Writes qualcheck's cells into OutBytes as cellXml would make them, for a cell with no style (one appended to a row
 * or a new one), straight into the batch: the start of each column's cell (`<c r="AT`) is encoded once, the row's
 * number once per row, and a text's XML after its reference (` t="inlineStr">...</c>`) once per distinct text.
 */
class CellWriter {
  private readonly starts: Uint8Array[] = [];
  private readonly numberOpen: Uint8Array;
  private readonly numberClose: Uint8Array;
  private readonly texts = new Map<string, Uint8Array>();
  /** The row's number and the quote that ends the reference, as bytes. */
  private readonly reference = new Uint8Array(24);
  private referenceLength = 0;

  constructor(
    private readonly out: OutBytes,
    private readonly p: string,
  ) {
    this.numberOpen = Buffer.from(`"><${p}v>`);
    this.numberClose = Buffer.from(`</${p}v></${p}c>`);
  }

  /** The row the next cells are in. */
  row(row: number): void {
    const digits = String(row);
    for (let i = 0; i < digits.length; i++) this.reference[i] = digits.charCodeAt(i);
    this.reference[digits.length] = 34;
    this.referenceLength = digits.length + 1;
  }

  private start(column: number): Uint8Array {
    return (this.starts[column] ??= Buffer.from(`<${this.p}c r="${lettersOf(column)}`));
  }

  /** What follows a text cell's reference: cellXml's ` t="inlineStr"><is><t>...</t></is></c>`. */
  private textTail(value: string): Uint8Array | string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    const p = this.p;
    const text = shownText(value);
    const space = /^\s|\s$|[\n\t]/.test(text) ? ' xml:space="preserve"' : '';
    const tail = ` t="inlineStr"><${p}is><${p}t${space}>${escapeText(text)}</${p}t></${p}is></${p}c>`;
    if (this.texts.size >= KEPT_TEXTS || value.length > KEPT_TEXT_LENGTH) return tail;
    const bytes = Buffer.from(tail);
    this.texts.set(value, bytes);
    return bytes;
  }

  /** writtenCell(p, row, column, value, undefined) in the row given last, written. */
  cell(column: number, value: WrittenValue): void {
    if (value === null || value === '') return;
    const out = this.out;
    out.bytes(this.start(column));
    if (typeof value === 'number') {
      out.bytes(this.reference, this.referenceLength - 1);
      out.bytes(this.numberOpen);
      out.number(value);
      out.bytes(this.numberClose);
      return;
    }
    out.bytes(this.reference, this.referenceLength);
    const tail = this.textTail(value);
    if (typeof tail === 'string') out.text(tail);
    else out.bytes(tail);
  }
}

/** Whether text[from, to) is white space only as the usual sheet has it (ASCII); false leaves the row to patchRow. */
function plainSpaceOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/** The digits at text[at...] as a number and where they end; -1 for the number when there are none. */
function digitsAt(text: string, at: number, to: number): { value: number; end: number } {
  let value = 0;
  let i = at;
  for (; i < to && i - at < 15; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return { value: i === at ? -1 : value, end: i };
}

/**
 * The row number of a start tag in the usual form `<row r="7"` (with the sheet's prefix), read with no copy or match;
 * -1 when the tag has another form (ROW_REF then reads it). The `r` right after the name is the first that ROW_REF
 * could match, so both read the same number.
 */
function usualRowNumber(text: string, start: number, openEnd: number, p: string): number {
  const at = start + 1 + p.length;
  if (text.charCodeAt(start) !== 60 || (p !== '' && !text.startsWith(p, start + 1))) return -1;
  // The element's name and its attribute are matched apart: markup, not words (own-words reads phrases in literals).
  if (!text.startsWith('row', at) || !text.startsWith(' r="', at + 3)) return -1;
  const { value, end } = digitsAt(text, at + 7, openEnd);
  return value >= 0 && text.charCodeAt(end) === 34 ? value : -1;
}

/**
 * The column of a cell whose start tag is in the usual form `<c r="AT7"` (uppercase letters, digits, double quotes),
 * read with no copy or match; -1 for any other form (CELL_REF then reads it).
 */
function usualCellColumn(text: string, start: number, openEnd: number, p: string): number {
  const at = start + 1 + p.length;
  if (text.charCodeAt(start) !== 60 || (p !== '' && !text.startsWith(p, start + 1))) return -1;
  if (text.charCodeAt(at) !== 99 /* c */ || !text.startsWith(' r="', at + 1)) return -1;
  let column = 0;
  let i = at + 5;
  for (; i < openEnd && i - at - 5 < 3; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
  }
  if (i === at + 5) return -1;
  const { value, end } = digitsAt(text, i, openEnd);
  return value >= 0 && text.charCodeAt(end) === 34 ? column : -1;
}

/**
 * Where a row start tag's `spans` hint is, when it has one in the usual form ` spans="1:45"` and no single quote
 * (as withSpans changes in place): the offsets of its two numbers. `found` false when the tag has no `spans` at all;
 * undefined for any other form, which withSpans handles.
 */
function usualSpans(
  text: string,
  start: number,
  openEnd: number,
): { found: false } | { found: true; low: number; lowAt: number; high: number; highEnd: number } | undefined {
  let at = -1;
  for (let i = start; i < openEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) return undefined;
    if (at < 0 && c === 115 && text.startsWith('spans', i)) at = i;
  }
  if (at < 0) return { found: false };
  if (text.charCodeAt(at - 1) !== 32 || !text.startsWith('="', at + 5)) return undefined;
  const low = digitsAt(text, at + 7, openEnd);
  if (low.value < 0 || text.charCodeAt(low.end) !== 58) return undefined;
  const high = digitsAt(text, low.end + 1, openEnd);
  if (high.value < 0 || text.charCodeAt(high.end) !== 34) return undefined;
  return { found: true, low: low.value, lowAt: at + 7, high: high.value, highEnd: high.end };
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether a cell's start tag at text[at...] is `<c r="AT7">`, `<c r="AT7"/>` or with ` t="..."` (no style to keep). */
function plainCellTag(text: string, at: number, p: string): boolean {
  let i = at + 1 + p.length + 5;
  while (i < text.length && text.charCodeAt(i) !== 34) i++;
  i++;
  if (text.startsWith(' t="', i)) {
    i += 4;
    const from = i;
    while (isLetter(text.charCodeAt(i))) i++;
    if (i === from || text.charCodeAt(i) !== 34) return false;
    i++;
  }
  const c = text.charCodeAt(i);
  return c === 62 || (c === 47 && text.charCodeAt(i + 1) === 62);
}

/** Whether `<` at text[at] starts a cell: `<c` (with the sheet's prefix) and then white space, `>` or `/`. */
function isCellStart(text: string, at: number, p: string): boolean {
  const name = at + 1 + p.length;
  if (text.charCodeAt(name) !== 99 || (p !== '' && !text.startsWith(p, at + 1))) return false;
  const c = text.charCodeAt(name + 1);
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/**
 * The start of the cell that ends right at `end` (after the row's start tag, at `from`), found by scanning back to
 * its `<c`; -1 when the bytes there are not a cell in a plain form. Inside a row every `<` starts a tag except in a
 * CDATA section, comment or processing instruction, whose end (`]]>`, `-->`, `?>`) the scan meets first and gives up.
 */
function previousCellStart(text: string, from: number, end: number, p: string): number {
  const prefixAt = end - 2 - p.length;
  const closed =
    text.charCodeAt(end - 1) === 62 &&
    text.charCodeAt(end - 2) === 99 &&
    text.charCodeAt(prefixAt - 1) === 47 &&
    text.charCodeAt(prefixAt - 2) === 60 &&
    (p === '' || text.startsWith(p, prefixAt));
  if (!closed && !(text.charCodeAt(end - 2) === 47 && text.charCodeAt(end - 1) === 62)) return -1;
  let at = end - 1;
  let tags = 0;
  for (;;) {
    at = at > from ? text.lastIndexOf('<', at - 1) : -1;
    if (at < from) return -1;
    if (isCellStart(text, at, p)) break;
    const next = text.charCodeAt(at + 1);
    if (next === 33 || next === 63) return -1;
    tags++;
  }
  if (!closed && tags > 0) return -1;
  // The `<c` found stands inside a CDATA section, comment or processing instruction only if one ends after it.
  for (let gt = text.indexOf('>', at); gt >= 0 && gt < end; gt = text.indexOf('>', gt + 1)) {
    const before = text.charCodeAt(gt - 1);
    if (before === 63 || ((before === 93 || before === 45) && text.charCodeAt(gt - 2) === before)) return -1;
  }
  return at;
}

/**
 * Where qualcheck's cells begin in a row that already ends with them (a copy checked before): the cells from the last
 * one back, each in one of qualcheck's `columns` (ascending, no style to keep, nothing between them), stopping at the
 * first cell left of the columns, which must end right where they begin. -1 for any other row, which patchRow makes.
 * `lastStart` and `lastColumn` are the row's last cell's.
 */
function ownedCellsStart(
  text: string,
  openEnd: number,
  lastStart: number,
  lastColumn: number,
  columns: readonly number[],
  p: string,
): number {
  let cellStart = lastStart;
  let column = lastColumn;
  let k = columns.length - 1;
  for (;;) {
    while (k >= 0 && columns[k] > column) k--;
    if (k < 0 || columns[k] !== column || !plainCellTag(text, cellStart, p)) return -1;
    k--;
    if (cellStart === openEnd) return cellStart;
    const before = previousCellStart(text, openEnd, cellStart, p);
    if (before < 0) return -1;
    const beforeColumn = usualCellColumn(text, before, cellStart, p);
    if (beforeColumn < 0) return -1;
    if (beforeColumn < columns[0]) return cellStart;
    cellStart = before;
    column = beforeColumn;
  }
}

/**
 * The usual row patched straight into `out`: a start tag with its number in the usual form, every cell left of
 * qualcheck's columns (the last one's reference in the usual form) and nothing but white space before </row>, or
 * ending with qualcheck's own cells in plain form (ownedCellsStart), which are replaced. The same bytes as patchRow
 * makes for it; false (nothing written) for any other row, which patchRow then makes.
 * `start`, `end` and the span's offsets are of `text`.
 */
function patchUsualRow(
  out: OutBytes,
  cells: CellWriter,
  text: string,
  start: number,
  found: RowInText,
  row: number,
  writes: RowWrites,
  p: string,
  end: number,
): boolean {
  if (found.selfClosing) return false;
  const openEnd = start + found.openEnd;
  const close = start + found.closeStart;
  const columns = writes.columns;
  /** The row's bytes before `cut` are kept, qualcheck's cells written, and the bytes from `resume` on kept. */
  let cut = close;
  let resume = close;
  if (found.lastLocal === '') {
    if (!plainSpaceOnly(text, openEnd, close)) return false;
  } else {
    if (found.lastLocal !== 'c') return false;
    const lastStart = start + found.lastStart;
    const column = usualCellColumn(text, lastStart, start + found.lastOpenEnd, p);
    if (column < 0) return false;
    if (column < columns[0]) {
      if (!plainSpaceOnly(text, start + found.lastEnd, close)) return false;
    } else {
      // A row written by an earlier check: patchRow would put each of these cells' new value in its place.
      cut = ownedCellsStart(text, openEnd, lastStart, column, columns, p);
      if (cut < 0) return false;
      resume = start + found.lastEnd;
    }
  }
  const spans = usualSpans(text, start, openEnd);
  if (spans === undefined) return false;
  let low = spans.found ? spans.low : 0;
  let high = spans.found ? spans.high : 0;
  for (const c of columns) {
    low = Math.min(low, c);
    high = Math.max(high, c);
  }
  if (!spans.found || (low === spans.low && high === spans.high)) out.text(text.slice(start, cut));
  else {
    out.text(text.slice(start, spans.lowAt));
    out.number(low);
    out.byte(58);
    out.number(high);
    out.text(text.slice(spans.highEnd, cut));
  }
  cells.row(row);
  for (let k = 0; k < columns.length; k++) cells.cell(columns[k], writes.values[k]);
  out.text(text.slice(resume, end));
  return true;
}

/** The reader's row offsets do not fall on this part's tags: they are of other text, and the patch is made without. */
export class RowSpansMismatch extends Error {
  constructor() {
    super("the reader's row offsets do not fit the sheet part");
    this.name = 'RowSpansMismatch';
  }
}

/**
 * The worksheet part `source` with `writes` applied. The text is held a row at a time (plus the part's head and its
 * tail after </sheetData>, which hold no cells), so a sheet of any length streams through. With `spans`, where the
 * reader found the rows of this same part, only the head and the tail are scanned; RowSpansMismatch when they do not
 * fit it.
 */
export async function* patchSheet(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  writes: SheetWrites,
  rowSpans?: SheetRowSpans,
): AsyncGenerator<Buffer> {
  const spans = rowSpans !== undefined && rowSpans.rowsStart >= 0 ? rowSpans : undefined;
  let encoding: BufferEncoding | undefined;
  let decoder: StringDecoder | undefined;
  /** The decoded text from offset `textBase` of the part on; what lies before `copied` has been passed on. */
  let text = '';
  let textBase = 0;
  let copied = 0;
  let phase: 'head' | 'rows' | 'tail' = 'head';
  let p = '';
  let lastRow = 0;
  let changed = false;
  const rowsToWrite = writes.rows.numbers;
  let nextWrite = 0;
  // What is passed on is encoded straight into a batch of bytes, handed over when full: no joined text is made.
  let out = new OutBytes('utf8');
  const emit = (piece: string) => out.text(piece);
  let cellWriter: CellWriter | undefined;
  const slice = (from: number, to: number) => text.slice(from - textBase, to - textBase);
  const rowsBefore = (row: number) => {
    while (nextWrite < rowsToWrite.length && rowsToWrite[nextWrite] < row) {
      const r = rowsToWrite[nextWrite++];
      const cells = writes.rows.cells(r);
      const xml = cells ? newRow(r, cells, p) : '';
      if (xml !== '') {
        emit(xml);
        changed = true;
      }
    }
  };

  // The tokenizer finds the elements; only these are kept as spans: the worksheet and what stands before
  // <sheetData> (small), and what stands after </sheetData>. Of each child of <sheetData> (a row) only where it and
  // its last child are is noted, in `child`, which is filled anew for each: a row is hundreds of bytes and a sheet has
  // tens of thousands, and the usual row gets its cells before </row>.
  const head = new ElementSpans();
  let inChild = false;
  let childStart = 0;
  let childLocal = '';
  const child: RowInText = {
    selfClosing: false,
    openEnd: 0,
    closeStart: 0,
    lastLocal: '',
    lastStart: 0,
    lastOpenEnd: 0,
    lastEnd: 0,
  };
  let tail: ElementSpans | undefined;
  let tailStart = 0;
  let depth = 0;

  const endSheetData = (endTag: string, at: number) => {
    rowsBefore(Infinity);
    emit(endTag);
    copied = at;
    tailStart = at;
    tail = new ElementSpans(Infinity, at);
    phase = 'tail';
  };

  /**
   * A child of <sheetData> read whole (`child`, offsets from its start at `origin`, ending at `end`): a row gets
   * qualcheck's cells, or an `r` after a change; anything else stays.
   */
  const childRead = (span: RowInText, origin: number, end: number) => {
    inChild = false;
    if (childLocal !== 'row') return;
    const start = origin;
    const usual = usualRowNumber(text, start - textBase, origin + span.openEnd - textBase, p);
    const ref = usual >= 0 ? null : ROW_REF.exec(slice(start, origin + span.openEnd));
    const hasRef = usual >= 0 || ref !== null;
    const row = usual >= 0 ? usual : ref ? Number(ref[1]) : lastRow + 1;
    lastRow = row;
    const cells = writes.rows.cells(row);
    const needsRef = changed && !hasRef;
    if (!cells && !needsRef && !(nextWrite < rowsToWrite.length && rowsToWrite[nextWrite] < row)) return;
    if (copied < start) emit(slice(copied, start));
    copied = end;
    rowsBefore(row);
    if (cells) {
      if (rowsToWrite[nextWrite] === row) nextWrite++;
      // UTF-8 parts (all but a rare few) have the usual row written straight out; any other is made as text.
      if (usual < 0 || out.encoding !== 'utf8') emit(patchRow(slice(start, end), span, row, cells, p, changed));
      else {
        cellWriter ??= new CellWriter(out, p);
        if (!patchUsualRow(out, cellWriter, text, start - textBase, span, row, cells, p, end - textBase))
          emit(patchRow(slice(start, end), span, row, cells, p, changed));
      }
      changed = true;
    } else {
      const piece = slice(start, end);
      emit(
        changed && !hasRef
          ? withAttribute(piece.slice(0, span.openEnd), 'r', String(row)) + piece.slice(span.openEnd)
          : piece,
      );
    }
  };

  const tokenizer = new XmlTokenizer({
    open(tag: XmlOpenTag) {
      if (phase === 'head' && depth === 1 && tag.name === 'sheetData') {
        if (spans && tag.end !== spans.rowsStart) throw new RowSpansMismatch();
        emit(patchHead(slice(0, tag.start), head.top[0].children, writes, p));
        const qname = tag.prefix === '' ? tag.name : `${tag.prefix}:${tag.name}`;
        if (tag.selfClosing) {
          emit(`${slice(tag.start, tag.end - 2).replace(/\s+$/, '')}>`);
          endSheetData(`</${qname}>`, tag.end);
          return;
        }
        emit(slice(tag.start, tag.end));
        copied = tag.end;
        phase = 'rows';
        depth++;
        return;
      }
      if (phase === 'head') {
        if (depth === 0) p = tag.prefix === '' ? '' : `${tag.prefix}:`;
        head.open(tag);
      } else if (phase === 'rows') {
        if (depth === 2) {
          inChild = true;
          childStart = tag.start;
          childLocal = tag.name;
          child.selfClosing = tag.selfClosing;
          child.openEnd = child.closeStart = tag.end - childStart;
          child.lastLocal = '';
          if (tag.selfClosing) childRead(child, childStart, tag.end);
        } else if (depth === 3) {
          child.lastLocal = tag.name;
          child.lastStart = tag.start - childStart;
          child.lastOpenEnd = child.lastEnd = tag.end - childStart;
        }
      } else tail?.open(tag);
      if (!tag.selfClosing) depth++;
    },
    close(tag: XmlCloseTag) {
      depth--;
      if (phase === 'head') head.close(tag);
      else if (phase === 'rows' && depth === 1) {
        emit(slice(copied, tag.start));
        endSheetData(slice(tag.start, tag.end), tag.end);
      } else if (phase === 'rows') {
        if (depth === 3) child.lastEnd = tag.end - childStart;
        else if (depth === 2) {
          child.closeStart = tag.start - childStart;
          childRead(child, childStart, tag.end);
        }
      } else tail?.close(tag);
    },
  });

  /** Row `k` of the reader's offsets, read whole as the tokenizer would have found it. */
  const spanRead = (offsets: SheetRowSpans, k: number): void => {
    const start = offsets.start[k];
    const end = offsets.end[k];
    const openEnd = offsets.openEnd[k];
    if (text.charCodeAt(start - textBase) !== 60 || text.charCodeAt(openEnd - 1 - textBase) !== 62)
      throw new RowSpansMismatch();
    if (text.charCodeAt(end - 1 - textBase) !== 62) throw new RowSpansMismatch();
    child.selfClosing = offsets.selfClosing[k];
    child.openEnd = openEnd - start;
    child.closeStart = offsets.closeStart[k] - start;
    child.lastLocal = offsets.lastLocal[k];
    child.lastStart = offsets.lastStart[k] - start;
    child.lastOpenEnd = offsets.lastOpenEnd[k] - start;
    child.lastEnd = offsets.lastEnd[k] - start;
    childLocal = 'row';
    childRead(child, start, end);
  };
  /** Where the text given to the tokenizer ends, and the next of the reader's rows, when the writer has them. */
  let fed = 0;
  let nextSpan = 0;
  /** More text with the reader's offsets: the tokenizer reads the head and the tail; the rows are cut where they lie. */
  const advanceOnSpans = (offsets: SheetRowSpans): void => {
    const seen = textBase + text.length;
    if (phase === 'head') {
      const upTo = Math.min(seen, offsets.rowsStart);
      if (upTo > fed) tokenizer.write(slice(fed, upTo));
      fed = upTo;
      if (fed === offsets.rowsStart && phase === 'head') throw new RowSpansMismatch();
    }
    if (phase === 'rows' && fed < offsets.rowsEnd) {
      while (nextSpan < offsets.count && offsets.end[nextSpan] <= seen) spanRead(offsets, nextSpan++);
      if (nextSpan < offsets.count || seen < offsets.rowsEnd) {
        const upTo = Math.min(nextSpan < offsets.count ? offsets.start[nextSpan] : offsets.rowsEnd, seen);
        if (upTo > copied) {
          emit(slice(copied, upTo));
          copied = upTo;
        }
        text = text.slice(copied - textBase);
        textBase = copied;
        return;
      }
      tokenizer.skipTo(offsets.rowsEnd);
      fed = offsets.rowsEnd;
    }
    if (phase !== 'head' && seen > fed) {
      tokenizer.write(slice(fed, seen));
      fed = seen;
    }
  };

  /** Gives the tokenizer more text; what is passed on between the rows is let go of (time linear in the size). */
  const advance = (more: string): void => {
    text += more;
    if (spans) return advanceOnSpans(spans);
    tokenizer.write(more);
    if (phase !== 'rows') return;
    const upTo = inChild ? childStart : tokenizer.consumed;
    if (upTo > copied) {
      emit(slice(copied, upTo));
      copied = upTo;
    }
    text = text.slice(copied - textBase);
    textBase = copied;
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!decoder) {
      encoding = encodingOf(bytes);
      decoder = new StringDecoder(encoding);
      out = new OutBytes(encoding);
    }
    let decoded = decoder.write(bytes);
    if (phase === 'head' && text === '' && decoded.charCodeAt(0) === 0xfeff) {
      // The byte order mark goes on as it came; the tokenizer, like the reader's decoder, does not see it.
      emit(decoded[0]);
      decoded = decoded.slice(1);
    }
    advance(decoded);
    const bytesOut = out.full();
    if (bytesOut) yield bytesOut;
  }
  if (decoder) advance(decoder.end());
  if (spans && (fed !== textBase + text.length || nextSpan !== spans.count)) throw new RowSpansMismatch();
  tokenizer.end();
  if (phase === 'head') throw new XmlSyntaxError('the sheet has no sheetData');
  if (phase !== 'tail' || !tail) throw new XmlSyntaxError('the sheet ends before its sheetData does');
  emit(withSheetFormats(slice(tailStart, textBase + text.length), tail.top, 0, writes.formats, writes.statusColumn, p));
  const last = out.flush();
  if (last) yield last;
}

/** A worksheet of qualcheck's own (the results sheet), made by patching an empty one. */
export function emptySheetXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/><sheetData/></worksheet>'
  );
}
