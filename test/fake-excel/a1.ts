// A1 addresses for the fake host. Written separately from the add-in's own helpers on purpose: a shared bug would
// otherwise agree with itself and pass.

/** 0-based rectangle of cells. */
export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses `B2`, `B2:D9` or `Sheet!B2:D9` (the sheet part is ignored). Throws on anything else. */
export function parseAddress(address: string): Rect {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [from, to = from] = bare.split(':');
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) throw new Error(`not an A1 address: ${address}`);
  const r1 = Number(a[2]) - 1;
  const r2 = Number(b[2]) - 1;
  const c1 = columnNumber(a[1]);
  const c2 = columnNumber(b[1]);
  return {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    columns: Math.abs(c2 - c1) + 1,
  };
}

export function rectAddress(rect: Rect): string {
  const first = `${columnLetters(rect.column)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.columns === 1) return first;
  return `${first}:${columnLetters(rect.column + rect.columns - 1)}${rect.row + rect.rows}`;
}

/** As Office.js gives `Range.address`: the sheet name, quoted when it is not a plain word. */
export function qualifiedAddress(sheet: string, rect: Rect): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${rectAddress(rect)}`;
}

export function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.column + inner.columns <= outer.column + outer.columns
  );
}

/** `a` without the cells of `b`, as up to four rectangles (how Excel trims a conditional format's range). */
export function subtract(a: Rect, b: Rect): Rect[] {
  if (!intersects(a, b)) return [a];
  const out: Rect[] = [];
  const top = b.row - a.row;
  if (top > 0) out.push({ row: a.row, column: a.column, rows: top, columns: a.columns });
  const bottom = a.row + a.rows - (b.row + b.rows);
  if (bottom > 0) out.push({ row: b.row + b.rows, column: a.column, rows: bottom, columns: a.columns });
  const midRow = Math.max(a.row, b.row);
  const midRows = Math.min(a.row + a.rows, b.row + b.rows) - midRow;
  const left = b.column - a.column;
  if (left > 0) out.push({ row: midRow, column: a.column, rows: midRows, columns: left });
  const right = a.column + a.columns - (b.column + b.columns);
  if (right > 0) out.push({ row: midRow, column: b.column + b.columns, rows: midRows, columns: right });
  return out;
}
