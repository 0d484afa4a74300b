// A streaming tokenizer for the XML of a workbook's parts. Sheets run to tens of megabytes, so neither a DOM nor a
// general-purpose parser: text arrives in chunks, tags are found with indexOf, and each token carries its offsets in
// the decoded text so a writer can copy the source untouched around the places it changes.
// Names are local names: SpreadsheetML written with a prefix (`<x:c>`, as the Open XML SDK writes) reads as `<c>`.

/** Attribute values by local name (entity-decoded); namespace declarations (`xmlns`, `xmlns:x`) are left out. */
export type XmlAttributes = Readonly<Record<string, string>>;

export interface XmlOpenTag {
  /** Local name, without any prefix. */
  name: string;
  /** The prefix as written (`x` for `<x:c>`), or '' when none. */
  prefix: string;
  attributes: XmlAttributes;
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

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Ends of a name: space, `/`, `>`, `=`. */
function isNameEnd(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 47 || code === 62 || code === 61;
}

function splitName(qname: string): { prefix: string; name: string } {
  const colon = qname.indexOf(':');
  return colon === -1 ? { prefix: '', name: qname } : { prefix: qname.slice(0, colon), name: qname.slice(colon + 1) };
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
  private readonly open: string[] = [];
  private rootSeen = false;
  private rootClosed = false;

  constructor(private readonly handler: XmlHandler) {}

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
    if (used < this.buffer.length) throw this.error('ends in the middle of a tag (the part is cut short)', this.base + used);
    this.base += used;
    this.buffer = '';
    if (!this.rootSeen) throw this.error('holds no XML element', this.base);
    if (this.open.length > 0) throw this.error(`ends before <${this.open[this.open.length - 1]}> is closed (the part is cut short)`, this.base);
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
        if (!final) return i;
        this.emitText(s, i, length);
        return length;
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
        if (!isSpace(s.charCodeAt(k))) this.fail(this.rootSeen ? 'text after the last element' : 'text before the first element', k);
      }
      return;
    }
    if (this.handler.text) this.handler.text({ text: decodeEntities(lineEnds(s.slice(from, to))), start: this.base + from, end: this.base + to });
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
      if (this.handler.text) this.handler.text({ text: s.slice(from + 9, at), start: this.base + from, end: this.base + at + 3 });
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
    const qname = s.slice(from + 2, gt).trimEnd();
    const { prefix, name } = splitName(qname);
    const expected = this.open.pop();
    if (expected !== qname) {
      this.fail(expected === undefined ? `</${qname}> closes no element` : `</${qname}> where </${expected}> was expected`, from);
    }
    if (this.open.length === 0) this.rootClosed = true;
    if (this.handler.close) this.handler.close({ name, prefix, start: this.base + from, end: this.base + gt + 1 });
    return gt + 1;
  }

  private openTag(s: string, from: number): number {
    const length = s.length;
    let i = from + 1;
    while (i < length && !isNameEnd(s.charCodeAt(i))) i++;
    if (i >= length) return INCOMPLETE;
    const qname = s.slice(from + 1, i);
    if (qname.length === 0) this.fail("a '<' that starts no tag (write it as &lt;)", from);
    let attributes: Record<string, string> | undefined;
    for (;;) {
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      const code = s.charCodeAt(i);
      if (code === 62 /* > */ || code === 47 /* / */) break;
      const nameStart = i;
      while (i < length && !isNameEnd(s.charCodeAt(i))) i++;
      const attributeName = s.slice(nameStart, i);
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      if (s.charCodeAt(i) !== 61 /* = */ || attributeName.length === 0) this.fail(`attribute ${attributeName || 'without a name'} in <${qname}> has no value`, nameStart);
      i++;
      while (i < length && isSpace(s.charCodeAt(i))) i++;
      if (i >= length) return INCOMPLETE;
      const quote = s[i];
      if (quote !== '"' && quote !== "'") this.fail(`attribute ${attributeName} in <${qname}> is not quoted`, i);
      const close = s.indexOf(quote, i + 1);
      if (close === -1) return INCOMPLETE;
      if (!attributeName.startsWith('xmlns')) {
        attributes ??= {};
        attributes[splitName(attributeName).name] = decodeEntities(attributeSpaces(s.slice(i + 1, close)));
      }
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
    if (!selfClosing) this.open.push(qname);
    else if (this.open.length === 0) this.rootClosed = true;
    const { prefix, name } = splitName(qname);
    if (this.handler.open) this.handler.open({ name, prefix, attributes: attributes ?? NO_ATTRIBUTES, selfClosing, start: this.base + from, end: this.base + i + 1 });
    return i + 1;
  }
}

/** Tokenizes a whole text at once. */
export function tokenizeXml(text: string, handler: XmlHandler): void {
  const tokenizer = new XmlTokenizer(handler);
  tokenizer.write(text);
  tokenizer.end();
}
