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
