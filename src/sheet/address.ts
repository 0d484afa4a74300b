// A1 addresses: every message the reader gives names a cell the user can go to.

/** `1` -> `A`, `27` -> `AA`. Columns are 1-based as in Excel. */
export function columnLetters(column: number): string {
  let n = Math.floor(column);
  if (!(n >= 1)) return '?';
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `cellAddress(7, 2)` is `B7`: row first, as the reader walks rows. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** 1-based sheet coordinates of a rectangle. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `AA` -> `27`; undefined when the text is not column letters. */
export function columnNumber(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `B7` -> `{row: 7, column: 2}`; accepts `$B$7` and a sheet prefix (`'Cohort 1'!B7`). */
export function parseCellAddress(text: string): { row: number; column: number } | undefined {
  return plainCellAddress(text) ?? cellAddressByRule(text);
}

/**
 * The common spelling, letters then digits with any `$` among them, read without a regular expression or a copy:
 * a worksheet function filled down parses two addresses per call. Anything else (spaces, a bad address) is left to
 * `cellAddressByRule`, which decides.
 */
function plainCellAddress(text: string): { row: number; column: number } | undefined {
  const corner = cellCornerAt(text, text.lastIndexOf('!') + 1);
  return corner !== undefined && corner.end === text.length ? { row: corner.row, column: corner.column } : undefined;
}

/**
 * One cell address read from `start` in the common spelling (letters then digits, `$` anywhere), up to a `:` or the
 * end of the text: its row and column, and where it ends. Undefined for anything else.
 */
export function cellCornerAt(text: string, start: number): { row: number; column: number; end: number } | undefined {
  let column = 0;
  let letters = 0;
  let row = 0;
  let digits = 0;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 58 /* : */) break;
    if (code === 36 /* $ */) continue;
    if (code >= 48 && code <= 57) {
      if (letters === 0) return undefined;
      row = row * 10 + code - 48;
      digits++;
      continue;
    }
    const upper = code & ~32;
    if (upper < 65 || upper > 90 || digits > 0) return undefined;
    column = column * 26 + upper - 64;
    letters++;
  }
  if (letters === 0 || letters > 3 || digits === 0 || digits > 7 || row < 1) return undefined;
  return { row, column, end: i };
}

/** The address rule as written: after the sheet, without `$`, trimmed, 1-3 letters then 1-7 digits, rows from 1. */
export function cellAddressByRule(text: string): { row: number; column: number } | undefined {
  const bare = text
    .slice(text.lastIndexOf('!') + 1)
    .replace(/\$/g, '')
    .trim();
  const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(bare);
  if (!m) return undefined;
  const column = columnNumber(m[1]);
  const row = Number(m[2]);
  if (column === undefined || row < 1) return undefined;
  return { row, column };
}

/** `B2:D9` (or a single cell `B2`) -> its rectangle; undefined when it is not an A1 range. */
export function parseRange(text: string): CellRange | undefined {
  const bare = text.slice(text.lastIndexOf('!') + 1);
  const parts = bare.split(':');
  if (parts.length > 2) return undefined;
  const a = parseCellAddress(parts[0]);
  const b = parts.length === 2 ? parseCellAddress(parts[1]) : a;
  if (!a || !b) return undefined;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

export function rangeAddress(range: CellRange): string {
  const first = cellAddress(range.top, range.left);
  const last = cellAddress(range.bottom, range.right);
  return first === last ? first : `${first}:${last}`;
}

export function intersectRanges(a: CellRange, b: CellRange): CellRange | undefined {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : undefined;
}

export function rangeContains(outer: CellRange, inner: CellRange): boolean {
  return (
    inner.top >= outer.top && inner.left >= outer.left && inner.bottom <= outer.bottom && inner.right <= outer.right
  );
}
