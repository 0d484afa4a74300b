// A streaming tokenizer for the XML of a workbook's parts. Sheets run to tens of megabytes, so neither a DOM nor a
// general-purpose parser: text arrives in chunks, tags are found with indexOf, and each token (xml-tokens.ts) carries
// its offsets in the decoded text so a writer can copy the source untouched around the places it changes.
import { damaged } from './errors';
import {
  decodeEntities,
  lineEnds,
  NameTable,
  OpenTagToken,
  PartTextDecoder,
  TextToken,
  plain as plainText,
  XmlSyntaxError,
  type XmlCloseTag,
  type XmlHandler,
  type XmlName,
} from './xml-tokens';

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Ends of a name: space, `/`, `>`, `=`. */
function isNameEnd(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 47 || code === 62 || code === 61;
}

/**
 * Called for every text in a sheet: held here as a function of this module, since a call through another module's
 * exports costs a property read per call where modules are compiled to CommonJS (tsx, mocha): measured
 * by bench/xml-scanner.ts when this file was split from xml-tokens.ts.
 */
const plain = plainText;

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
  private readonly textToken = new TextToken();

  /** For a part given as bytes (`writeBytes`). */
  private decoder: PartTextDecoder | undefined;

  constructor(private readonly handler: XmlHandler) {}

  /** Hands out the text `s[from, to)`, or `decoded` in its place when given. */
  private emit(s: string, from: number, to: number, decoded: string | undefined, start: number, end: number): void {
    const token = this.textToken;
    token.set(s, from, to, decoded);
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

  /**
   * Passes over the text up to offset `to` unread: a writer that knows from the reader's scan of the same text that
   * whole elements lie there (a sheet's rows) gives on only what follows them. Everything written so far must have
   * been handed out (the last write ended with a token), and the elements open stay open.
   */
  skipTo(to: number): void {
    if (this.buffer.length > 0 || to < this.base)
      throw new Error(`the tokenizer cannot pass over to ${to} from ${this.base + this.buffer.length}`);
    this.base = to;
  }

  write(chunk: string): void {
    let from = 0;
    if (this.buffer.length > 0) {
      // What the last chunk left (mostly a tag it cut) is finished in a small string of its own, with this chunk up to
      // its first '>': joined to the whole chunk, it would make a string copied whole on its first read (measured on
      // the 50,000-learner sheet: the copies of its 1 MB chunks cost more than their scan).
      const gt = chunk.indexOf('>');
      const head = this.buffer + (gt === -1 ? chunk : chunk.slice(0, gt + 1));
      this.buffer = head;
      const used = this.scan(false);
      this.base += used;
      this.buffer = head.slice(used);
      if (gt === -1) return;
      if (used < head.length) {
        // Not finished there (a comment or CDATA with a '>' in it, a '>' in a value): the rest joined to it.
        const rest = head.slice(used) + chunk.slice(gt + 1);
        this.buffer = rest;
        const more = this.scan(false);
        this.base += more;
        this.buffer = rest.slice(more);
        return;
      }
      from = gt + 1;
    }
    this.buffer = chunk;
    this.base -= from;
    const used = this.scan(false, from);
    this.buffer = chunk.slice(used);
    this.base += used;
  }

  /** Pushes in a part's bytes as they unpack, in place of its text: see PartTextDecoder. */
  writeBytes(chunk: Uint8Array): void {
    const text = (this.decoder ??= new PartTextDecoder()).decode(chunk);
    if (text.length > 0) this.write(text);
  }

  end(): void {
    if (this.decoder) {
      const rest = this.decoder.end();
      if (rest.length > 0) this.write(rest);
    }
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
  private scan(final: boolean, from = 0): number {
    const s = this.buffer;
    const length = s.length;
    let i = from;
    while (i < length) {
      // In a sheet a tag mostly follows a tag, or a short text: looked at before a search is called.
      const lt = s.charCodeAt(i) === 60 /* < */ ? i : s.indexOf('<', i);
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
      const decoded = plain(s, from, to) ? undefined : decodeEntities(lineEnds(s.slice(from, to)));
      this.emit(s, from, to, decoded, this.base + from, this.base + to);
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
      if (this.handler.text) this.emit(s, from + 9, at, undefined, this.base + from, this.base + at + 3);
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
      const quote = s.charCodeAt(i);
      if (quote !== 34 /* " */ && quote !== 39 /* ' */)
        this.fail(`attribute ${attributeName} in <${qname}> is not quoted`, i);
      // Values are short (a cell's r, s, t): looked through here rather than by a call to indexOf.
      let close = i + 1;
      while (close < length && s.charCodeAt(close) !== quote) close++;
      if (close === length) return INCOMPLETE;
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

/**
 * Streams a part's bytes (as `stream` hands them to its callback) through the tokenizer, which decodes them itself
 * (PartTextDecoder); XML that is not well formed is named as the part's damage.
 */
export async function tokenizePart(
  part: string,
  stream: (onChunk: (chunk: Uint8Array) => void) => Promise<void>,
  handler: XmlHandler,
): Promise<void> {
  const tokenizer = new XmlTokenizer(handler);
  try {
    await stream((chunk) => tokenizer.writeBytes(chunk));
    tokenizer.end();
  } catch (error) {
    const name = part.replace(/\\/g, '/').replace(/^\/+/, '');
    if (error instanceof XmlSyntaxError) throw damaged(`part ${name} ${error.message}`);
    throw error;
  }
}
