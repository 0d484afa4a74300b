// qualcheck's result cells put into a worksheet part as it streams past: rows are read one at a time, the cells in
// the columns qualcheck writes are put in (or replaced, or emptied) in column order, and every other byte of the part
// is passed on as it was. Strings are inline (t="inlineStr"), so sharedStrings.xml need not change.
// Over 400 lines as one job: the row patch, the sheet head (dimension, columns, formats) and the streaming loop all
// edit the same part in one pass and share its prefix and offsets; apart, each would need the others' state.
import { StringDecoder } from 'node:string_decoder';
import { cellAddress, columnNumber, parseRange, rangeAddress, shownText } from '../sheet';
import { withSheetFormats, type SheetFormat } from './conditional-formats';
import { ElementSpans, escapeText, withAttribute, type ElementSpan } from './xml-elements';
import { XmlSyntaxError, XmlTokenizer, type XmlCloseTag, type XmlOpenTag } from './xml-tokens';

/** What a cell gets: a text or a number; null empties a cell qualcheck wrote before. */
export type WrittenValue = string | number | null;

export interface SheetWrites {
  /** Sheet row -> sheet column -> value, for every cell qualcheck writes or empties. */
  rows: Map<number, Map<number, WrittenValue>>;
  /** The conditional formats qualcheck's cells need (earlier ones of its own are replaced). */
  formats: SheetFormat[];
  /** Sheet column of the status, by which earlier formats of qualcheck's own are recognised. */
  statusColumn: number;
  /** Widths for qualcheck's columns, used only where the sheet sets none. */
  widths: Map<number, number>;
}

const CELL_REF = /\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']/;
const ROW_REF = /\sr\s*=\s*["'](\d+)["']/;

export function cellXml(p: string, row: number, column: number, value: string | number, style?: string): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  const ref = cellAddress(row, column);
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  const text = shownText(value);
  const space = /^\s|\s$|[\n\t]/.test(text) ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeText(text)}</${p}t></${p}is></${p}c>`;
}

/** A cell qualcheck writes, keeping the style an existing cell there had (a user's border or font on the column). */
function writtenCell(p: string, row: number, column: number, value: WrittenValue, style: string | undefined): string {
  if (value === null || value === '')
    return style === undefined ? '' : `<${p}c r="${cellAddress(row, column)}" s="${style}"/>`;
  return cellXml(p, row, column, value, style);
}

const SPANS = /\sspans\s*=\s*["']\s*(\d+):(\d+)\s*["']/;

/** The row's `spans` hint widened to qualcheck's columns, when it has one of a single range. */
function withSpans(startTag: string, columns: Iterable<number>): string {
  const m = SPANS.exec(startTag);
  if (!m) return startTag;
  let low = Number(m[1]);
  let high = Number(m[2]);
  for (const c of columns) {
    low = Math.min(low, c);
    high = Math.max(high, c);
  }
  return low === Number(m[1]) && high === Number(m[2]) ? startTag : withAttribute(startTag, 'spans', `${low}:${high}`);
}

/**
 * Where a row's cells end, when all of them lie left of `column` and nothing but white space follows them before
 * </row>; -1 otherwise (then each cell is looked at). Only the last cell is read: cells are in column order.
 */
function endOfCells(text: string, span: ElementSpan, column: number): number {
  const close = span.closeStart;
  const cell = span.children[span.children.length - 1];
  if (!cell) return /^\s*$/.test(text.slice(span.openEnd, close)) ? close : -1;
  if (cell.local !== 'c') return -1;
  const ref = CELL_REF.exec(text.slice(cell.start, cell.openEnd));
  if (!ref || (columnNumber(ref[1]) ?? Infinity) >= column) return -1;
  return /^\s*$/.test(text.slice(cell.end, close)) ? close : -1;
}

/**
 * One <row> (`text`, its span with its cells) with qualcheck's cells in it. A cell after a change that has no `r`
 * gets one, since its place was given by the cells before it.
 */
function patchRow(
  text: string,
  span: ElementSpan,
  row: number,
  writes: Map<number, WrittenValue>,
  p: string,
  giveRef: boolean,
): string {
  let startTag = span.selfClosing
    ? `${text.slice(0, span.openEnd - 2).replace(/\s+$/, '')}>`
    : text.slice(0, span.openEnd);
  if (giveRef && !ROW_REF.test(startTag)) startTag = withAttribute(startTag, 'r', String(row));
  startTag = withSpans(startTag, writes.keys());
  const pending = [...writes.keys()].sort((a, b) => a - b);
  const appendAt = span.selfClosing ? -1 : endOfCells(text, span, pending[0]);
  if (appendAt >= 0) {
    // The usual case: every cell of the row lies left of qualcheck's columns, so its cells go in before </row>.
    const added = pending.map((c) => writtenCell(p, row, c, writes.get(c) ?? null, undefined)).join('');
    return startTag + text.slice(span.openEnd, appendAt) + added + text.slice(appendAt);
  }
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
      out.push(writtenCell(p, row, pending[next], writes.get(pending[next]) ?? null, undefined));
      next++;
      changed = true;
    }
    if (writes.has(column)) {
      if (pending[next] === column) next++;
      out.push(between, writtenCell(p, row, column, writes.get(column) ?? null, cell.attributes.s));
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
    out.push(writtenCell(p, row, pending[next], writes.get(pending[next]) ?? null, undefined));
  out.push(span.selfClosing ? `</${span.qname}>` : text.slice(at));
  return out.join('');
}

function newRow(row: number, writes: Map<number, WrittenValue>, p: string): string {
  const cells = [...writes.keys()]
    .sort((a, b) => a - b)
    .map((c) => writtenCell(p, row, c, writes.get(c) ?? null, undefined));
  const content = cells.join('');
  return content === '' ? '' : `<${p}row r="${row}">${content}</${p}row>`;
}

/** The rows, columns and extent qualcheck writes. */
function extent(writes: SheetWrites): { top: number; bottom: number; left: number; right: number } | undefined {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  for (const [row, cells] of writes.rows) {
    for (const [column, value] of cells) {
      if (value === null || value === '') continue;
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
 * The worksheet part `source` with `writes` applied. The text is held a row at a time (plus the part's head and its
 * tail after </sheetData>, which hold no cells), so a sheet of any length streams through.
 */
export async function* patchSheet(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  writes: SheetWrites,
): AsyncGenerator<Buffer> {
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
  const rowsToWrite = [...writes.rows.keys()].sort((a, b) => a - b);
  let nextWrite = 0;
  let out: string[] = [];
  let outLength = 0;
  const emit = (piece: string) => {
    out.push(piece);
    outLength += piece.length;
  };
  const flush = (): Buffer | undefined => {
    if (outLength === 0) return undefined;
    const bytes = Buffer.from(out.join(''), encoding);
    out = [];
    outLength = 0;
    return bytes;
  };
  const slice = (from: number, to: number) => text.slice(from - textBase, to - textBase);
  const rowsBefore = (row: number) => {
    while (nextWrite < rowsToWrite.length && rowsToWrite[nextWrite] < row) {
      const r = rowsToWrite[nextWrite++];
      const xml = newRow(r, writes.rows.get(r) ?? new Map(), p);
      if (xml !== '') {
        emit(xml);
        changed = true;
      }
    }
  };

  // The tokenizer finds the elements; only these are kept as spans: the worksheet and what stands before
  // <sheetData> (small), one child of <sheetData> at a time with its cells, and what stands after </sheetData>.
  const head = new ElementSpans();
  let child: ElementSpans | undefined;
  let childStart = 0;
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
   * A child of <sheetData> read whole (`span`, offsets from its start at `origin`): a row gets qualcheck's cells, or
   * an `r` after a change; anything else stays.
   */
  const childRead = (span: ElementSpan, origin: number) => {
    if (span.local !== 'row') return;
    const start = origin;
    const end = origin + span.end;
    const ref = ROW_REF.exec(slice(start, origin + span.openEnd));
    const row = ref ? Number(ref[1]) : lastRow + 1;
    lastRow = row;
    const cells = writes.rows.get(row);
    const needsRef = changed && !ref;
    if (!cells && !needsRef && !(nextWrite < rowsToWrite.length && rowsToWrite[nextWrite] < row)) return;
    emit(slice(copied, start));
    copied = end;
    rowsBefore(row);
    const piece = slice(start, end);
    if (cells) {
      if (rowsToWrite[nextWrite] === row) nextWrite++;
      emit(patchRow(piece, span, row, cells, p, changed));
      changed = true;
    } else {
      emit(
        changed && !ref
          ? withAttribute(piece.slice(0, span.openEnd), 'r', String(row)) + piece.slice(span.openEnd)
          : piece,
      );
    }
  };

  const tokenizer = new XmlTokenizer({
    open(tag: XmlOpenTag) {
      if (phase === 'head' && depth === 1 && tag.name === 'sheetData') {
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
          childStart = tag.start;
          child = new ElementSpans(2, childStart);
        }
        child?.open(tag);
        if (tag.selfClosing && depth === 2 && child) {
          childRead(child.top[0], childStart);
          child = undefined;
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
        child?.close(tag);
        if (depth === 2 && child) {
          childRead(child.top[0], childStart);
          child = undefined;
        }
      } else tail?.close(tag);
    },
  });

  /** Gives the tokenizer more text; what is passed on between the rows is let go of (time linear in the size). */
  const advance = (more: string): void => {
    text += more;
    tokenizer.write(more);
    if (phase !== 'rows') return;
    const upTo = child ? childStart : tokenizer.consumed;
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
    }
    let decoded = decoder.write(bytes);
    if (phase === 'head' && text === '' && decoded.charCodeAt(0) === 0xfeff) {
      // The byte order mark goes on as it came; the tokenizer, like the reader's decoder, does not see it.
      emit(decoded[0]);
      decoded = decoded.slice(1);
    }
    advance(decoded);
    if (outLength >= OUT_BATCH) {
      const bytesOut = flush();
      if (bytesOut) yield bytesOut;
    }
  }
  if (decoder) advance(decoder.end());
  tokenizer.end();
  if (phase === 'head') throw new XmlSyntaxError('the sheet has no sheetData');
  if (phase !== 'tail' || !tail) throw new XmlSyntaxError('the sheet ends before its sheetData does');
  emit(withSheetFormats(slice(tailStart, textBase + text.length), tail.top, 0, writes.formats, writes.statusColumn, p));
  const last = flush();
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
