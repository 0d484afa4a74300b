// The tokens the XML tokenizer (xml-tokenizer.ts) hands out, and what it reads them with: XML's rules for text
// (entities, line ends, spaces, where a name ends), the table of names seen before, and the start tag whose attribute
// values are cut out only when asked for. Each token carries its offsets in the decoded text so a writer can copy the
// source untouched around the places it changes.
// A part's bytes become text here too (PartTextDecoder), so what a tokenizer is given is the text those offsets count.
// Names are local names: SpreadsheetML written with a prefix (`<x:c>`, as the Open XML SDK writes) reads as `<c>`.
import { isAscii } from 'node:buffer';

/** Attribute values by local name (entity-decoded); namespace declarations (`xmlns`, `xmlns:x`) are kept apart. */
export type XmlAttributes = Readonly<Record<string, string>>;

export interface XmlOpenTag {
  /** Local name, without any prefix. */
  name: string;
  /** The prefix as written (`x` for `<x:c>`), or '' when none. */
  prefix: string;
  attributes: XmlAttributes;
  /** The namespaces the tag declares, URI by prefix ('' for a default `xmlns`); empty for almost every tag. */
  namespaces: XmlAttributes;
  /**
   * One attribute's value by local name, as `attributes[name]` gives it, without making the attributes object: a
   * sheet's millions of `<c>` are read for two or three attributes each.
   */
  attribute(name: string): string | undefined;
  /**
   * One attribute read by `parse` where it stands in the text, without cutting it out (a cell's `r`, `s`): from the
   * text as written when that is its value, else from the value decoded; `absent` when the tag has no such attribute.
   */
  readAttribute<T>(name: string, parse: TextParser<T>, absent: T): T;
  selfClosing: boolean;
  /** Offsets in the decoded text: `start` is the `<`, `end` is one past the `>`. */
  start: number;
  end: number;
}

export interface XmlCloseTag {
  name: string;
  prefix: string;
  start: number;
  end: number;
}

export interface XmlText {
  /** Entity-decoded text; CDATA sections arrive as their content. Cut out of the part's text when first asked for. */
  readonly text: string;
  start: number;
  end: number;
  /** The text read by `parse` where it stands, without cutting it out (a cell's `<v>` number), as `readAttribute`. */
  read<T>(parse: TextParser<T>): T;
}

/** Reads `s[from, to)`: a value that need not be cut out of the text it stands in to be read. */
export type TextParser<T> = (s: string, from: number, to: number) => T;

/** The value of `s[from, to)` as Number() reads it; a run of at most 15 digits, the usual, is read in place. */
export function numberIn(s: string, from: number, to: number): number {
  if (to > from && to - from <= 15) {
    let value = 0;
    let k = from;
    for (; k < to; k++) {
      const code = s.charCodeAt(k);
      if (code < 48 || code > 57) break;
      value = value * 10 + code - 48;
    }
    if (k === to) return value;
  }
  return Number(s.slice(from, to));
}

/**
 * The text token handed to the handler: where the text lies in the tokenizer's buffer of the moment, and the decoded
 * text when it holds references or line ends; a plain text is cut out only when asked for.
 */
export class TextToken implements XmlText {
  start = 0;
  end = 0;
  private source = '';
  private from = 0;
  private to = 0;
  private decoded: string | undefined;

  /** Text standing as written in `source[from, to)`, or `decoded` when it does not. */
  set(source: string, from: number, to: number, decoded: string | undefined): void {
    this.source = source;
    this.from = from;
    this.to = to;
    this.decoded = decoded;
  }

  get text(): string {
    return (this.decoded ??= this.source.slice(this.from, this.to));
  }

  read<T>(parse: TextParser<T>): T {
    const decoded = this.decoded;
    return decoded === undefined ? parse(this.source, this.from, this.to) : parse(decoded, 0, decoded.length);
  }
}

/**
 * The handler is given one token object of each kind, filled anew for every token (a sheet has millions): it is valid
 * during the call only; copy what you keep.
 */
export interface XmlHandler {
  open?(tag: XmlOpenTag): void;
  close?(tag: XmlCloseTag): void;
  text?(text: XmlText): void;
}

/** XML that is not well formed; `message` is in a person's words and says where. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NO_ATTRIBUTES: XmlAttributes = Object.freeze({});
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g;

/** Text with XML's entities and character references replaced. An entity XML does not define is kept as written. */
export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  return raw.replace(ENTITY, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35 /* # */) return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** XML reads a line end written `\r\n` or `\r` as `\n` (XML 1.0 §2.11); a `&#13;` stays a carriage return. */
export function lineEnds(raw: string): string {
  return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
}

/** In an attribute value a tab or line end reads as a space (XML 1.0 §3.3.3). */
export function attributeSpaces(raw: string): string {
  if (raw.indexOf('\n') === -1 && raw.indexOf('\r') === -1 && raw.indexOf('\t') === -1) return raw;
  return raw.replace(/\r\n|[\t\n\r]/g, ' ');
}

/** True when `s[from, to)` holds no entity and no control character (tab, line end): it stands as written. */
export function plain(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = s.charCodeAt(k);
    if (code === 38 || code < 32) return false;
  }
  return true;
}

export interface XmlName {
  qname: string;
  name: string;
  prefix: string;
  /** A namespace declaration (`xmlns`, `xmlns:x`), when it names an attribute. */
  declaration: boolean;
}

/**
 * Names seen before: a sheet has millions of `<c>` and `<v>` and only a few dozen names, so each name is sliced from
 * the text once and found again by comparing in place.
 */
export class NameTable {
  private readonly byLength: XmlName[][] = [];
  /** The one-letter names (`c`, `v`, `r`, `s`, `t`), the most frequent of all, by character code. */
  private readonly byLetter: (XmlName | undefined)[] = [];

  take(s: string, from: number, to: number): XmlName {
    const length = to - from;
    if (length === 1) {
      const known = this.byLetter[s.charCodeAt(from)];
      if (known !== undefined) return known;
    }
    let known = this.byLength[length];
    if (known === undefined) {
      known = [];
      this.byLength[length] = known;
    }
    const first = s.charCodeAt(from);
    for (let k = 0; k < known.length; k++) {
      const entry = known[k];
      if (entry.qname.charCodeAt(0) === first && (length === 1 || s.startsWith(entry.qname, from))) return entry;
    }
    const qname = s.slice(from, to);
    const colon = qname.indexOf(':');
    const entry: XmlName = {
      qname,
      name: colon === -1 ? qname : qname.slice(colon + 1),
      prefix: colon === -1 ? '' : qname.slice(0, colon),
      declaration: qname === 'xmlns' || qname.startsWith('xmlns:'),
    };
    // A part with ever new names (generated ones) stops being remembered rather than growing the table.
    if (known.length < 64) known.push(entry);
    if (length === 1) this.byLetter[qname.charCodeAt(0)] = entry;
    return entry;
  }
}

/**
 * The start tag handed to the handler: where each attribute's value lies in the text is noted as the tag is scanned,
 * and the values are cut out and decoded only when asked for (a writer that copies rows as they are asks for none).
 * The text it points into is the tokenizer's buffer of the moment, so the token is valid during the call only.
 */
export class OpenTagToken implements XmlOpenTag {
  name = '';
  prefix = '';
  selfClosing = false;
  start = 0;
  end = 0;
  private text = '';
  private count = 0;
  private readonly names: XmlName[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private made: { attributes: XmlAttributes; namespaces: XmlAttributes } | undefined;

  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.made = undefined;
  }

  add(name: XmlName, from: number, to: number): void {
    const k = this.count++;
    this.names[k] = name;
    this.from[k] = from;
    this.to[k] = to;
  }

  private value(k: number): string {
    const from = this.from[k];
    const to = this.to[k];
    const raw = this.text.slice(from, to);
    return plain(this.text, from, to) ? raw : decodeEntities(attributeSpaces(raw));
  }

  /** Which attribute is `name`, or -1; the last of a name written twice wins, as in `attributes`. */
  private find(name: string): number {
    for (let k = this.count - 1; k >= 0; k--) {
      const written = this.names[k];
      if (!written.declaration && written.name === name) return k;
    }
    return -1;
  }

  attribute(name: string): string | undefined {
    const k = this.find(name);
    return k === -1 ? undefined : this.value(k);
  }

  readAttribute<T>(name: string, parse: TextParser<T>, absent: T): T {
    const k = this.find(name);
    if (k === -1) return absent;
    const from = this.from[k];
    const to = this.to[k];
    if (plain(this.text, from, to)) return parse(this.text, from, to);
    const value = this.value(k);
    return parse(value, 0, value.length);
  }

  private make(): { attributes: XmlAttributes; namespaces: XmlAttributes } {
    let attributes: Record<string, string> | undefined;
    let namespaces: Record<string, string> | undefined;
    for (let k = 0; k < this.count; k++) {
      const written = this.names[k];
      const value = this.value(k);
      if (!written.declaration) (attributes ??= {})[written.name] = value;
      else (namespaces ??= {})[written.prefix === '' ? '' : written.name] = value;
    }
    return { attributes: attributes ?? NO_ATTRIBUTES, namespaces: namespaces ?? NO_ATTRIBUTES };
  }

  get attributes(): XmlAttributes {
    this.made ??= this.make();
    return this.made.attributes;
  }

  get namespaces(): XmlAttributes {
    this.made ??= this.make();
    return this.made.namespaces;
  }
}

const UTF8_BOM_LENGTH = 3;

function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0x3c && head[1] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c) return 'utf-16be';
  return 'utf-8';
}

/**
 * A part's bytes as text, chunk by chunk: UTF-8, or UTF-16 when it starts with a byte order mark or with `<` in UTF-16
 * (a BOM is dropped), the same text TextDecoder gives. A sheet's XML is almost always ASCII (its words are in the
 * shared strings), and a chunk that is all ASCII is copied as Latin-1, byte for character, in a tenth of
 * TextDecoder's time and into a string of one byte per character, which the tokenizer also searches faster (measured
 * on the 50,000-learner sheet). Other chunks go through TextDecoder, cut after their last whole UTF-8 sequence: the
 * bytes of one cut by the chunk's end wait for the next chunk.
 */
export class PartTextDecoder {
  /** Bytes waiting: the first one or two, before the encoding is known, or an unfinished UTF-8 sequence. */
  private held: Buffer | undefined;
  private encoding: 'utf-8' | TextDecoder | undefined;
  /** For UTF-8 chunks that are not ASCII; the BOM was dropped by `decode`, so a U+FEFF further on is kept. */
  private utf8: TextDecoder | undefined;

  decode(bytes: Uint8Array): string {
    let chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.held) {
      chunk = Buffer.concat([this.held, chunk]);
      this.held = undefined;
    }
    let encoding = this.encoding;
    if (encoding === undefined) {
      // Two bytes tell the encoding, three a UTF-8 BOM; a shorter start waits for the next chunk.
      if (chunk.length < UTF8_BOM_LENGTH) {
        this.held = chunk;
        return '';
      }
      encoding = this.start(chunk);
      if (encoding === 'utf-8' && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
        chunk = chunk.subarray(UTF8_BOM_LENGTH);
    }
    if (encoding !== 'utf-8') return encoding.decode(chunk, { stream: true });
    if (isAscii(chunk)) return chunk.toString('latin1');
    const whole = wholeUtf8(chunk);
    if (whole < chunk.length) this.held = Buffer.from(chunk.subarray(whole));
    this.utf8 ??= new TextDecoder('utf-8', { ignoreBOM: true });
    return this.utf8.decode(chunk.subarray(0, whole));
  }

  /** The text of the bytes still waiting: an unfinished sequence at the end reads as U+FFFD, as TextDecoder reads it. */
  end(): string {
    const held = this.held ?? Buffer.alloc(0);
    this.held = undefined;
    const encoding = this.encoding ?? this.start(held);
    if (encoding !== 'utf-8') return encoding.decode(held);
    const start = held[0] === 0xef && held[1] === 0xbb && held[2] === 0xbf ? UTF8_BOM_LENGTH : 0;
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(held.subarray(start));
  }

  private start(head: Buffer): 'utf-8' | TextDecoder {
    const name = encodingOf(head);
    this.encoding = name === 'utf-8' ? name : new TextDecoder(name);
    return this.encoding;
  }
}

/**
 * How many of the bytes end on a whole UTF-8 sequence: all but a last sequence that the end cuts short. A byte that is
 * not a continuation byte (10xxxxxx) always starts decoding afresh, whatever came before it, so text cut there decodes
 * in two pieces exactly as in one.
 */
function wholeUtf8(bytes: Uint8Array): number {
  const length = bytes.length;
  let k = length - 1;
  while (k >= 0 && k > length - 4 && (bytes[k] & 0xc0) === 0x80) k--;
  if (k < 0) return length;
  const lead = bytes[k];
  const needs = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return length - k < needs ? k : length;
}
