// JSON files a centre writes by hand (--rules, --marks): a syntax error is named by line and column, on one line, because
// JSON.parse gives only an offset, or no place at all, and quotes the file across several lines.
import { UserError } from './user-error';

const BOM = '\uFEFF';

/** Where the first syntax error of `text` is (an offset), and what was found there; undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): { offset: number; found: string } | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] < ' ') fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m === null) return fail();
    i += m[0].length;
  };
  /** An object's or an array's members from its opening bracket: none, or each followed by a comma or the close. */
  const members = (close: '}' | ']', member: () => void): void => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail();
    }
  };
  const property = () => {
    space();
    if (text[i] !== '"') fail();
    string();
    space();
    if (text[i] !== ':') fail();
    i++;
    value();
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') return members('}', property);
    if (ch === '[') return members(']', value);
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    return { offset, found: offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset]) };
  }
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The JSON value of a hand-written file, or a UserError naming the file, the line and column of the first syntax
 * error and what to look for there. `shouldHold` says what an empty file should have held.
 */
export function parseJsonFile(text: string, file: string, shouldHold: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    if (body.trim() === '') throw new UserError(`${file}: is empty; it should hold ${shouldHold}`);
    const error = jsonSyntaxError(body) ?? { offset: body.length, found: 'the end of the file' };
    const { line, column } = lineAndColumn(body, error.offset);
    throw new UserError(
      `${file}: line ${line}, column ${column}: not valid JSON (found ${error.found}); check for a missing or extra comma, quote or bracket there or just before`,
    );
  }
}
