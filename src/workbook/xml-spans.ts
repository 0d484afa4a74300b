// Where elements start and end in a part's XML text, so a writer can cut and splice the text itself: whatever it
// does not change keeps its exact bytes (attribute order, quotes, whitespace, prefixes, comments). Local names ignore
// the namespace prefix (`x:row` is `row`), as the Open XML SDK and ClosedXML write SpreadsheetML with one.
// (xml-tokens.ts reads a part token by token; this finds whole elements, to cut them out or put others beside.)
import { decodeEntities } from './xml-tokens';

/** One element of the text: offsets of its start tag and of its end (just past `>` of the end tag or of `/>`). */
export interface ElementSpan {
  /** The tag's name as written, prefix included (`x:row`). */
  qname: string;
  /** The name without its prefix (`row`). */
  local: string;
  start: number;
  /** Just past the `>` of the start tag; equals `end` for an empty element written `<a/>`. */
  openEnd: number;
  end: number;
  selfClosing: boolean;
}

export class XmlShapeError extends Error {}

export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon + 1);
}

const TAG_REST = /(?:[^>"']|"[^"]*"|'[^']*')*>/y;

/** Index just past the `>` that closes the tag starting at `at` (quotes respected), or -1 when the text ends first. */
function tagEnd(xml: string, at: number): number {
  TAG_REST.lastIndex = at + 1;
  return TAG_REST.test(xml) ? TAG_REST.lastIndex : -1;
}

/** Index past a comment, processing instruction or CDATA section starting at `at`, or -1 when the text ends first. */
function skipSpecial(xml: string, at: number): number {
  if (xml.startsWith('<!--', at)) {
    const end = xml.indexOf('-->', at + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (xml.startsWith('<![CDATA[', at)) {
    const end = xml.indexOf(']]>', at + 9);
    return end < 0 ? -1 : end + 3;
  }
  if (xml.startsWith('<?', at)) {
    const end = xml.indexOf('?>', at + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (xml.startsWith('<!', at)) throw new XmlShapeError('a document type declaration, which a workbook part never has');
  return at;
}

const NAME = /[^\s/>]*/y;

/** Where the next tag starts from `from`, past comments, CDATA and processing instructions; -1 when the text ends first. */
function tagAt(xml: string, from: number): number {
  let i = from;
  for (;;) {
    i = xml.indexOf('<', i);
    if (i < 0) return -1;
    const skipped = skipSpecial(xml, i);
    if (skipped < 0) return -1;
    if (skipped === i) return i;
    i = skipped;
  }
}

function nameAt(xml: string, at: number): string {
  NAME.lastIndex = at;
  return NAME.exec(xml)?.[0] ?? '';
}

/** A start tag: the element's span without its end, which may not be in the text yet. */
export type StartTag = Omit<ElementSpan, 'end'>;

export type NextTag = StartTag | { parentEnd: number; endTagEnd: number } | 'incomplete';

/**
 * The next start tag at this depth from `from` (text, comments and processing instructions skipped), or where the
 * enclosing element's end tag is, or 'incomplete' when the text ends first (a streaming caller then waits for more).
 */
export function nextStartTag(xml: string, from: number): NextTag {
  const i = tagAt(xml, from);
  if (i < 0) return 'incomplete';
  const end = tagEnd(xml, i);
  if (end < 0) return 'incomplete';
  if (xml[i + 1] === '/') return { parentEnd: i, endTagEnd: end };
  const qname = nameAt(xml, i + 1);
  return { qname, local: localName(qname), start: i, openEnd: end, selfClosing: xml[end - 2] === '/' };
}

export type NextElement = ElementSpan | { parentEnd: number; endTagEnd: number } | 'incomplete';

/** Like `nextStartTag`, but the whole element, or 'incomplete' until all of it is in the text. */
export function nextElement(xml: string, from: number): NextElement {
  const tag = nextStartTag(xml, from);
  if (tag === 'incomplete' || 'parentEnd' in tag) return tag;
  return elementAt(xml, tag.start) ?? 'incomplete';
}

/**
 * The whole element of a start tag, for an element that never holds another of its own name (a row, a cell): its
 * end tag is found by name, without reading what is between. Undefined when the text ends before it.
 */
export function flatElement(xml: string, tag: StartTag): ElementSpan | undefined {
  if (tag.selfClosing) return { ...tag, end: tag.openEnd };
  const close = `</${tag.qname}`;
  for (let i = xml.indexOf(close, tag.openEnd); i >= 0; i = xml.indexOf(close, i + 1)) {
    const next = xml.charCodeAt(i + close.length);
    if (next === 62) return { ...tag, end: i + close.length + 1 };
    if (next === 32 || next === 9 || next === 10 || next === 13) {
      const end = xml.indexOf('>', i);
      return end < 0 ? undefined : { ...tag, end: end + 1 };
    }
  }
  return undefined;
}

/** The whole element whose start tag begins at `start`, or undefined when the text ends before it does. */
export function elementAt(xml: string, start: number): ElementSpan | undefined {
  const openEnd = tagEnd(xml, start);
  if (openEnd < 0) return undefined;
  const qname = nameAt(xml, start + 1);
  const span = { qname, local: localName(qname), start, openEnd };
  if (xml[openEnd - 2] === '/') return { ...span, end: openEnd, selfClosing: true };
  let depth = 1;
  let i = openEnd;
  while (depth > 0) {
    i = tagAt(xml, i);
    if (i < 0) return undefined;
    const end = tagEnd(xml, i);
    if (end < 0) return undefined;
    if (xml[i + 1] === '/') depth--;
    else if (xml[end - 2] !== '/') depth++;
    i = end;
  }
  return { ...span, end: i, selfClosing: false };
}

/** The child elements of the element `parent` (or of the text between `from` and `to`). */
export function childElements(xml: string, parent: ElementSpan | { openEnd: number; end: number }): ElementSpan[] {
  const out: ElementSpan[] = [];
  if ('selfClosing' in parent && parent.selfClosing) return out;
  let at = parent.openEnd;
  for (;;) {
    const next = nextElement(xml, at);
    if (next === 'incomplete' || 'parentEnd' in next) return out;
    if (next.end > parent.end) return out;
    out.push(next);
    at = next.end;
  }
}

/** The first element named `local` (any prefix) anywhere from `from`, or undefined. */
export function findElement(xml: string, local: string, from = 0): ElementSpan | undefined {
  for (let i = tagAt(xml, from); i >= 0; i = tagAt(xml, i + 1)) {
    if (xml[i + 1] !== '/' && localName(nameAt(xml, i + 1)) === local) return elementAt(xml, i);
  }
  return undefined;
}

/** The root element of a part. */
export function rootElement(xml: string): ElementSpan {
  const root = nextElement(xml, 0);
  if (root === 'incomplete' || 'parentEnd' in root) throw new XmlShapeError('no root element');
  return root;
}

// Characters XML 1.0 cannot carry at all; a result text never needs them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag, by name as written, values unescaped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = tag.slice(1 + nameAt(tag, 1).length);
  for (const m of body.matchAll(ATTRIBUTE)) out.set(m[1], decodeEntities(m[3] ?? m[4] ?? ''));
  return out;
}

/** The value of the attribute whose local name is `local` (no prefix), or undefined. */
export function attribute(tag: string, local: string): string | undefined {
  for (const [name, value] of attributes(tag)) if (name === local) return value;
  return undefined;
}

/** The start tag with attribute `name` set to `value`: replaced where it is, else added before the tag's end. */
export function withAttribute(tag: string, name: string, value: string): string {
  const escaped = escapeAttribute(value);
  const body = 1 + nameAt(tag, 1).length;
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

/** The namespace prefix (with its colon, or '') a start tag declares for `uri`, or undefined. */
export function prefixFor(tag: string, uri: string): string | undefined {
  for (const [name, value] of attributes(tag)) {
    if (value !== uri) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return `${name.slice(6)}:`;
  }
  return undefined;
}

/** The element written open (`<a>` + `</a>`) when it was empty, so children can go in; offsets of the result. */
export function opened(xml: string, span: ElementSpan): { text: string; contentEnd: number } {
  const piece = xml.slice(span.start, span.end);
  if (!span.selfClosing) return { text: piece, contentEnd: piece.lastIndexOf('</') };
  const start = `${piece.slice(0, -2).replace(/\s+$/, '')}>`;
  return { text: `${start}</${span.qname}>`, contentEnd: start.length };
}
