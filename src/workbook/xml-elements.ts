// Where a part's elements start and end, from the reader's tokenizer (xml-tokenizer.ts), so a writer can cut and splice
// the text itself: whatever it does not change keeps its exact bytes (attribute order, quotes, whitespace, prefixes,
// comments). One grammar, one scanner: comments, CDATA, processing instructions and the errors of XML that is not
// well formed are the tokenizer's. Local names ignore the prefix (`x:row` is `row`), as the Open XML SDK and
// ClosedXML write SpreadsheetML with one.
import { tokenizeXml } from './xml-tokenizer';
import { XmlSyntaxError, type XmlAttributes, type XmlCloseTag, type XmlHandler, type XmlOpenTag } from './xml-tokens';

/** One element of the text with its offsets, attributes and (as far as they were kept) its child elements. */
export interface ElementSpan {
  /** The tag's name as written, prefix included (`x:row`). */
  qname: string;
  /** The name without its prefix (`row`). */
  local: string;
  /** The prefix with its colon (`x:`), or ''. */
  prefix: string;
  start: number;
  /** Just past the `>` of the start tag; equals `end` for an empty element written `<a/>`. */
  openEnd: number;
  /** Where the end tag starts; equals `end` for `<a/>`. */
  closeStart: number;
  /** Just past the `>` of the end tag or of `/>`. */
  end: number;
  selfClosing: boolean;
  /** By local name, entity-decoded, as the reader reads them. */
  attributes: XmlAttributes;
  /** Namespace URIs the start tag declares, by prefix ('' for `xmlns`). */
  namespaces: XmlAttributes;
  children: ElementSpan[];
}

/**
 * A tokenizer handler that keeps the elements down to `depths` levels (all by default) as spans, offsets less
 * `origin`. `top` holds the outermost ones, in order. A streaming writer that feeds it only the tokens inside one
 * element (a row) and two levels keeps that element and its cells, not the cells' insides.
 */
export class ElementSpans implements XmlHandler {
  readonly top: ElementSpan[] = [];
  private readonly stack: (ElementSpan | undefined)[] = [];

  constructor(
    private readonly depths = Infinity,
    private readonly origin = 0,
  ) {}

  open(tag: XmlOpenTag): void {
    const depth = this.stack.length;
    let span: ElementSpan | undefined;
    const parent = depth === 0 ? undefined : this.stack[depth - 1];
    if (depth < this.depths && (depth === 0 || parent)) {
      const prefix = tag.prefix === '' ? '' : `${tag.prefix}:`;
      const start = tag.start - this.origin;
      const end = tag.end - this.origin;
      span = {
        qname: prefix + tag.name,
        local: tag.name,
        prefix,
        start,
        openEnd: end,
        closeStart: end,
        end,
        selfClosing: tag.selfClosing,
        attributes: tag.attributes,
        namespaces: tag.namespaces,
        children: [],
      };
      (parent ? parent.children : this.top).push(span);
    }
    if (!tag.selfClosing) this.stack.push(span);
  }

  close(tag: XmlCloseTag): void {
    const span = this.stack.pop();
    if (!span) return;
    span.closeStart = tag.start - this.origin;
    span.end = tag.end - this.origin;
  }

  /** How many elements are open (kept or not). */
  get depth(): number {
    return this.stack.length;
  }
}

/**
 * Where each <row> of a worksheet's <sheetData> lies in the part's text, noted as the reader streams the sheet, so the
 * writer that patches the same part cuts its rows at these offsets rather than scanning the text again: one scan of
 * a sheet of tens of megabytes, not two. Of each row only what the sheet patch needs: the element,
 * and its last child (the usual row gets its cells before </row>). Offsets are in the decoded text, as the tokenizer
 * gives them; `crc32` and `size` name the bytes they belong to, so a writer uses them only on the same part.
 */
export class SheetRowSpans implements XmlHandler {
  count = 0;
  readonly start: number[] = [];
  readonly openEnd: number[] = [];
  readonly closeStart: number[] = [];
  readonly end: number[] = [];
  readonly selfClosing: boolean[] = [];
  /** The row's last child element by local name ('' when none), and its offsets. */
  readonly lastLocal: string[] = [];
  readonly lastStart: number[] = [];
  readonly lastOpenEnd: number[] = [];
  readonly lastEnd: number[] = [];
  /** Where <sheetData>'s start tag ends and its end tag starts (both its end when it is `<sheetData/>`); -1 when none. */
  rowsStart = -1;
  rowsEnd = -1;
  crc32 = 0;
  size = 0;
  private depth = 0;
  private inRows = false;
  private inRow = false;

  /** These offsets, as those of the part whose zip entry is `entry`. */
  of(entry: { crc32: number; uncompressedSize: number } | undefined): this {
    this.crc32 = entry?.crc32 ?? 0;
    this.size = entry?.uncompressedSize ?? -1;
    return this;
  }

  open(tag: XmlOpenTag): void {
    const depth = this.depth;
    if (!tag.selfClosing) this.depth++;
    if (depth === 1 && tag.name === 'sheetData' && this.rowsStart === -1) {
      this.rowsStart = tag.end;
      if (tag.selfClosing) this.rowsEnd = tag.end;
      else this.inRows = true;
    } else if (!this.inRows) return;
    else if (depth === 2 && tag.name === 'row') {
      const k = this.count;
      this.start[k] = tag.start;
      this.openEnd[k] = tag.end;
      this.selfClosing[k] = tag.selfClosing;
      this.lastLocal[k] = '';
      this.lastStart[k] = this.lastOpenEnd[k] = this.lastEnd[k] = tag.end;
      if (tag.selfClosing) {
        this.closeStart[k] = this.end[k] = tag.end;
        this.count++;
      } else this.inRow = true;
    } else if (depth === 3 && this.inRow) {
      const k = this.count;
      this.lastLocal[k] = tag.name;
      this.lastStart[k] = tag.start;
      this.lastOpenEnd[k] = this.lastEnd[k] = tag.end;
    }
  }

  close(tag: XmlCloseTag): void {
    const depth = --this.depth;
    if (!this.inRows) return;
    if (depth === 3 && this.inRow) this.lastEnd[this.count] = tag.end;
    else if (depth === 2 && this.inRow) {
      this.closeStart[this.count] = tag.start;
      this.end[this.count] = tag.end;
      this.count++;
      this.inRow = false;
    } else if (depth === 1) {
      this.rowsEnd = tag.start;
      this.inRows = false;
    }
  }
}

/** The root element of a whole part, with every element under it; XmlSyntaxError for text that is not XML. */
export function rootElement(xml: string): ElementSpan {
  const spans = new ElementSpans();
  tokenizeXml(xml, spans);
  const root = spans.top[0];
  if (!root) throw new XmlSyntaxError('holds no XML element');
  return root;
}

/** The first element named `local` (any prefix) at or under `span`, in document order, or undefined. */
export function findElement(span: ElementSpan, local: string): ElementSpan | undefined {
  if (span.local === local) return span;
  for (const child of span.children) {
    const found = findElement(child, local);
    if (found) return found;
  }
  return undefined;
}

/** The namespace prefix (with its colon, or '') a start tag declares for `uri`, or undefined. */
export function prefixFor(span: ElementSpan, uri: string): string | undefined {
  for (const [prefix, value] of Object.entries(span.namespaces)) if (value === uri) return prefix ? `${prefix}:` : '';
  return undefined;
}

// Characters XML 1.0 cannot carry at all; a result text never needs them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Anything escapeText changes; most texts hold none of it and are returned as they are, with no copy made. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

// Edits of one start tag's text (the tokenizer has already found where the tag is and that it is well formed).
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const TAG_NAME = /^<[^\s/>]*/;

/** The start tag with attribute `name` set to `value`: replaced where it is, else added before the tag's end. */
export function withAttribute(tag: string, name: string, value: string): string {
  const escaped = escapeAttribute(value);
  const body = TAG_NAME.exec(tag)?.[0].length ?? 1;
  let replaced = false;
  const head = tag.slice(0, body);
  const rest = tag.slice(body).replace(ATTRIBUTE, (whole, attr: string, _q, double?: string) => {
    if (attr !== name || replaced) return whole;
    replaced = true;
    return double !== undefined ? `${attr}="${escaped}"` : `${attr}='${escaped.replace(/'/g, '&apos;')}'`;
  });
  if (replaced) return head + rest;
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close).replace(/\s+$/, '')} ${name}="${escaped}"${tag.slice(close)}`;
}

/** The element written open (`<a>` + `</a>`) when it was empty, so children can go in; offsets of the result. */
export function opened(xml: string, span: ElementSpan): { text: string; contentEnd: number } {
  const piece = xml.slice(span.start, span.end);
  if (!span.selfClosing) return { text: piece, contentEnd: span.closeStart - span.start };
  const start = `${piece.slice(0, -2).replace(/\s+$/, '')}>`;
  return { text: `${start}</${span.qname}>`, contentEnd: start.length };
}
