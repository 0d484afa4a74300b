// A streaming tokenizer for the XML of a workbook's parts. Sheets run to tens of megabytes, so neither a DOM nor a
// general-purpose parser: text arrives in chunks, tags are found with indexOf, and each token carries its offsets in
// the decoded text so a writer can copy the source untouched around the places it changes.
// Names are local names: SpreadsheetML written with a prefix (`<x:c>`, as the Open XML SDK writes) reads as `<c>`.

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
  /** Entity-decoded text; CDATA sections arrive as their content. */
  text: string;
  start: number;
  end: number;
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
function lineEnds(raw: string): string {
  return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
}

/** In an attribute value a tab or line end reads as a space (XML 1.0 §3.3.3). */
function attributeSpaces(raw: string): string {
  if (raw.indexOf('\n') === -1 && raw.indexOf('\r') === -1 && raw.indexOf('\t') === -1) return raw;
  return raw.replace(/\r\n|[\t\n\r]/g, ' ');
}

/** True when `s[from, to)` holds no entity and no control character (tab, line end): it stands as written. */
function plain(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = s.charCodeAt(k);
    if (code === 38 || code < 32) return false;
  }
  return true;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Ends of a name: space, `/`, `>`, `=`. */
function isNameEnd(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 47 || code === 62 || code === 61;
}

interface XmlName {
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
class NameTable {
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
class OpenTagToken implements XmlOpenTag {
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

  attribute(name: string): string | undefined {
    // The last of a name written twice wins, as in `attributes`.
    for (let k = this.count - 1; k >= 0; k--) {
      const written = this.names[k];
      if (!written.declaration && written.name === name) return this.value(k);
    }
    return undefined;
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

/** Longer than any entity or character reference (`&#x10FFFF;`), so a `&` further back is not one cut short. */
const LONGEST_REFERENCE = 12;

/**
 * Where the text `s[from, to)` stops being complete: at a `&` whose reference the chunk cut, or at a final `\r` that
 * may be half of `\r\n`; `to` when neither.
 */
function unfinishedTextEnd(s: string, from: number, to: number): number {
  let end = to;
  if (end > from && s.charCodeAt(end - 1) === 13 /* \r */) end--;
  const amp = s.lastIndexOf('&', end - 1);
  if (amp >= from && end - amp < LONGEST_REFERENCE && s.indexOf(';', amp) === -1) return amp;
  return end;
}

/** Marks a token that runs past the end of the text seen so far. */
const INCOMPLETE = -1;

/**
 * Push text in with `write`, then call `end`. Tokens go to the handler as soon as they are complete; a token cut by a
 * chunk boundary waits for the next chunk. Throws XmlSyntaxError for text that is not well-formed XML.
 */
export class XmlTokenizer {
  private buffer = '';
  /** Offset in the whole text of `buffer[0]`. */
  private base = 0;
  private readonly open: XmlName[] = [];
  private readonly names = new NameTable();
  private rootSeen = false;
  private rootClosed = false;
  private readonly openToken = new OpenTagToken();
  private readonly closeToken: XmlCloseTag = { name: '', prefix: '', start: 0, end: 0 };
  private readonly textToken: XmlText = { text: '', start: 0, end: 0 };

  constructor(private readonly handler: XmlHandler) {}

  private emit(text: string, start: number, end: number): void {
    const token = this.textToken;
    token.text = text;
    token.start = start;
    token.end = end;
    this.handler.text?.(token);
  }

  /**
   * Offset in the whole text up to which every token has been handed out: what lies before it can be passed on by a
   * writer, what follows waits for the next chunk.
   */
  get consumed(): number {
    return this.base;
  }

  /** How many elements are open at this point. */
  get depth(): number {
    return this.open.length;
  }

  write(chunk: string): void {
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    const used = this.scan(false);
    this.buffer = this.buffer.slice(used);
    this.base += used;
  }

  end(): void {
    const used = this.scan(true);
    if (used < this.buffer.length)
      throw this.error('ends in the middle of a tag (the part is cut short)', this.base + used);
    this.base += used;
    this.buffer = '';
    if (!this.rootSeen) throw this.error('holds no XML element', this.base);
    if (this.open.length > 0)
      throw this.error(
        `ends before <${this.open[this.open.length - 1].qname}> is closed (the part is cut short)`,
        this.base,
      );
  }

  private error(what: string, offset: number): XmlSyntaxError {
    return new XmlSyntaxError(`is not well-formed XML: ${what}, at character ${offset}`);
  }

  /** Emits every complete token in the buffer; returns how many characters were used. */
  private scan(final: boolean): number {
    const s = this.buffer;
    const length = s.length;
    let i = 0;
    while (i < length) {
      const lt = s.indexOf('<', i);
      if (lt === -1) {
        if (final) {
          this.emitText(s, i, length);
          return length;
        }
        // Text with no tag after it yet goes to the handler now, in pieces (every handler joins a text's pieces, as
        // for CDATA), so a long run of text is neither held nor searched again when the next chunk comes: linear
        // time and bounded memory whatever its length. Only an entity or line end the chunk cut waits.
        const keep = unfinishedTextEnd(s, i, length);
        if (keep > i) this.emitText(s, i, keep);
        return keep;
      }
      if (lt > i) this.emitText(s, i, lt);
      i = lt;
      if (i + 1 >= length) return final ? this.fail('ends in the middle of a tag', i) : i;
      const next = s.charCodeAt(i + 1);
      let end: number;
      if (next === 47 /* / */) end = this.closeTag(s, i);
      else if (next === 63 /* ? */) end = this.skipUntil(s, i, '?>');
      else if (next === 33 /* ! */) end = this.markup(s, i, final);
      else end = this.openTag(s, i);
      if (end === INCOMPLETE) return final ? this.fail('ends in the middle of a tag', i) : i;
      i = end;
    }
    return i;
  }

  private fail(what: string, at: number): never {
    throw this.error(what, this.base + at);
  }

  private emitText(s: string, from: number, to: number): void {
    if (this.open.length === 0) {
      // Outside the root element only white space may stand (a BOM is dropped by the decoder).
      for (let k = from; k < to; k++) {
        if (!isSpace(s.charCodeAt(k)))
          this.fail(this.rootSeen ? 'text after the last element' : 'text before the first element', k);
      }
      return;
    }
    if (this.handler.text) {
      const raw = s.slice(from, to);
      this.emit(plain(s, from, to) ? raw : decodeEntities(lineEnds(raw)), this.base + from, this.base + to);
    }
  }

  private skipUntil(s: string, from: number, terminator: string): number {
    const at = s.indexOf(terminator, from + 2);
    return at === -1 ? INCOMPLETE : at + terminator.length;
  }

  /** Comments, CDATA and a document type declaration (skipped: no entity it declares is ever expanded). */
  private markup(s: string, from: number, final: boolean): number {
    if (s.startsWith('<!--', from)) return this.skipUntil(s, from, '-->');
    if (s.startsWith('<![CDATA[', from)) {
      const at = s.indexOf(']]>', from + 9);
      if (at === -1) return INCOMPLETE;
      if (this.open.length === 0) this.fail('text outside the root element', from);
      if (this.handler.text) this.emit(s.slice(from + 9, at), this.base + from, this.base + at + 3);
      return at + 3;
    }
    if (s.startsWith('<!DOCTYPE', from)) {
      const bracket = s.indexOf('[', from);
      const close = s.indexOf('>', from);
      if (close === -1) return INCOMPLETE;
      if (bracket !== -1 && bracket < close) {
        const at = s.indexOf(']', bracket);
        if (at === -1) return INCOMPLETE;
        const gt = s.indexOf('>', at);
        return gt === -1 ? INCOMPLETE : gt + 1;
      }
      return close + 1;
    }
    if (!final && s.length - from < 9) return INCOMPLETE;
    return this.fail('an unknown <! declaration', from);
  }

  private closeTag(s: string, from: number): number {
    const gt = s.indexOf('>', from + 2);
    if (gt === -1) return INCOMPLETE;
    const expected = this.open.pop();
    let to = gt;
    while (to > from + 2 && isSpace(s.charCodeAt(to - 1))) to--;
    if (expected === undefined || to - from - 2 !== expected.qname.length || !s.startsWith(expected.qname, from + 2)) {
      const qname = s.slice(from + 2, to);
      this.fail(
        expected === undefined
          ? `</${qname}> closes no element`
          : `</${qname}> where </${expected.qname}> was expected`,
        from,
      );
    }
    if (this.open.length === 0) this.rootClosed = true;
    if (this.handler.close) {
      const token = this.closeToken;
      token.name = expected.name;
      token.prefix = expected.prefix;
      token.start = this.base + from;
      token.end = this.base + gt + 1;
      this.handler.close(token);
    }
    return gt + 1;
  }

  private openTag(s: string, from: number): number {
    const length = s.length;
    let i = from + 1;
    while (i < length && !isNameEnd(s.charCodeAt(i))) i++;
    if (i >= length) return INCOMPLETE;
    if (i === from + 1) this.fail("a '<' that starts no tag (write it as &lt;)", from);
    const element = this.names.take(s, from + 1, i);
    const qname = element.qname;
    const token = this.openToken;
    token.reset(s);
    for (;;) {
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      const code = s.charCodeAt(i);
      if (code === 62 /* > */ || code === 47 /* / */) break;
      const nameStart = i;
      while (i < length && !isNameEnd(s.charCodeAt(i))) i++;
      const attribute = i > nameStart ? this.names.take(s, nameStart, i) : undefined;
      const attributeName = attribute?.qname ?? '';
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      if (s.charCodeAt(i) !== 61 /* = */ || attributeName.length === 0)
        this.fail(`attribute ${attributeName || 'without a name'} in <${qname}> has no value`, nameStart);
      i++;
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attributeName} in <${qname}> is not quoted`, i);
      const close = s.indexOf(quote, i + 1);
      if (close === -1) return INCOMPLETE;
      if (attribute) token.add(attribute, i + 1, close);
      i = close + 1;
    }
    let selfClosing = false;
    if (s.charCodeAt(i) === 47) {
      if (i + 1 >= length) return INCOMPLETE;
      if (s.charCodeAt(i + 1) !== 62) this.fail(`'/' inside <${qname}>`, i);
      selfClosing = true;
      i++;
    }
    if (this.rootClosed && this.open.length === 0) this.fail(`a second root element <${qname}>`, from);
    this.rootSeen = true;
    if (!selfClosing) this.open.push(element);
    else if (this.open.length === 0) this.rootClosed = true;
    if (this.handler.open) {
      token.name = element.name;
      token.prefix = element.prefix;
      token.selfClosing = selfClosing;
      token.start = this.base + from;
      token.end = this.base + i + 1;
      this.handler.open(token);
    }
    return i + 1;
  }
}

/** Tokenizes a whole text at once. */
export function tokenizeXml(text: string, handler: XmlHandler): void {
  const tokenizer = new XmlTokenizer(handler);
  tokenizer.write(text);
  tokenizer.end();
}
