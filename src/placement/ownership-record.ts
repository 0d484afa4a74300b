// What qualcheck wrote beside a cohort, remembered in the workbook so the next check can tell its own cells from a
// person's: one block per sheet (where the result columns went) with a short fingerprint of every cell written.
// The add-in keeps it in custom XML parts (Office.js customXmlParts), the command line in the same parts of the
// package (customXml/itemN.xml); both read and write them only through these functions, so the format is one.
//
// Size: a written cell costs 3 characters (18 bits of a hash), an empty one 1, so 50,000 learners by 8 result
// columns stay near 1.2 MB at worst and far less with the empty cells a cohort has (centre values, violations). A block
// of many rows is kept in parts of PART_ROWS rows (a few KB each), so changing one row rewrites one part.
import type { CellValue } from '../sheet';

export const OWNERSHIP_NAMESPACE = 'urn:qualcheck:ownership:1';

/** One rectangle of result cells qualcheck wrote: its header row and the rows below it, column by column. */
export interface OwnedBlock {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  columns: number;
  /** Rows written below the header row (the block covers headerRow..headerRow + rows). */
  rows: number;
  /** One string per column: the fingerprints of its header cell and then each row, as `fingerprint` gives them. */
  cells: string[];
}

export interface OwnershipRecord {
  blocks: OwnedBlock[];
  /**
   * Cohort sheets whose last check wrote its results to a results sheet instead of beside the data, and that sheet's
   * name: What-if's Apply updates the learner there, and never the columns beside the data that check left behind.
   * Written as `<elsewhere sheet=".." resultsSheet=".."/>`, which a reader that predates it skips.
   */
  elsewhere?: { sheet: string; resultsSheet: string }[];
}

/** The cells a write puts beside the data, in the shape of a write plan (src/placement/placement.ts WritePlan). */
export interface WrittenBlock {
  sheetName: string;
  headerRow: number;
  firstColumn: number;
  header: readonly string[];
  firstRow: number;
  rows: readonly (readonly (string | number | boolean | null)[])[];
}

/** Stands for an empty cell: not a character of the hash alphabet, so the encoding stays readable one cell at a time. */
export const EMPTY_FINGERPRINT = '.';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const WIDTH = 3;
const PIECE = /^[A-Za-z0-9_-]{3}$/;

/** Fingerprints are ASCII: their bytes read as UTF-8 are their characters. */
const ASCII = new TextDecoder();

const NUMBER_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** FNV-1a over a kind letter and UTF-16 code units: quick, and spread well enough for 18 bits. */
function hash(kind: string, text: string): number {
  let h = Math.imul(0x811c9dc5 ^ kind.charCodeAt(0), 0x01000193) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The hash of what a cell shows, or null when it is empty. A number and the same number typed as text are one (Excel
 * turns typed digits into numbers); a date, an error and a boolean are each their own kind.
 */
function cellHash(value: CellValue | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return hash('d', value.toISOString());
  if (typeof value === 'object') return hash('e', value.error);
  if (typeof value === 'boolean') return hash('b', String(value));
  if (typeof value === 'number') return hash('n', String(value));
  if (value.length === 0 || value.trim() === '') return null;
  const c = value.charCodeAt(0);
  if ((c === 45 || (c >= 48 && c <= 57) || c === 32) && NUMBER_TEXT.test(value))
    return hash('n', String(Number(value.trim())));
  return hash('s', value);
}

/** A cell's fingerprint: `.` when empty, else three characters (18 bits) of a hash of what it shows. */
export function fingerprint(value: CellValue | undefined): string {
  const full = cellHash(value);
  if (full === null) return EMPTY_FINGERPRINT;
  const h = full >>> (32 - 6 * WIDTH);
  return ALPHABET[(h >>> 12) & 63] + ALPHABET[(h >>> 6) & 63] + ALPHABET[h & 63];
}

/** fingerprintCode of an empty cell (`.`); a written cell's code is its fingerprint's 18 bits (0 or more). */
export const EMPTY_CODE = -1;
/** What recordedCodes gives for a cell the record has no fingerprint of. */
export const NOT_RECORDED = -2;

/** A cell's fingerprint as a number, equal for two cells exactly when their fingerprints are: no string is made. */
export function fingerprintCode(value: CellValue | undefined): number {
  const full = cellHash(value);
  return full === null ? EMPTY_CODE : full >>> (32 - 6 * WIDTH);
}

/** ALPHABET's characters by code unit, -1 for any other. */
const ALPHABET_INDEX = (() => {
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) index[ALPHABET.charCodeAt(i)] = i;
  return index;
})();

/**
 * A column's fingerprints as fingerprintCode gives them, one per cell (`splitFingerprints` with no string per cell);
 * undefined when the string is not one `fingerprint` makes.
 */
export function fingerprintCodes(column: string): Int32Array | undefined {
  const count = fingerprintCount(column);
  if (count === undefined) return undefined;
  const codes = new Int32Array(count);
  let i = 0;
  for (let n = 0; n < count; n++) {
    if (column.charCodeAt(i) === 46) {
      codes[n] = EMPTY_CODE;
      i++;
      continue;
    }
    const a = ALPHABET_INDEX[column.charCodeAt(i)];
    const b = ALPHABET_INDEX[column.charCodeAt(i + 1)];
    const c = ALPHABET_INDEX[column.charCodeAt(i + 2)];
    codes[n] = (a << 12) | (b << 6) | c;
    i += WIDTH;
  }
  return codes;
}

/** What a written value reads back as: Excel keeps a text that starts with an apostrophe without it. */
function readBack(value: string | number | boolean | null): CellValue {
  if (typeof value === 'string' && value.startsWith("'")) return value.slice(1);
  return value;
}

/** Whether character `c` is one of ALPHABET's (PIECE's letters). */
function inAlphabet(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

/**
 * How many cells a column's fingerprints stand for, counted with no copy (`splitFingerprints(column)?.length`);
 * undefined when the string is not one `fingerprint` makes.
 */
export function fingerprintCount(column: string): number | undefined {
  let n = 0;
  let i = 0;
  while (i < column.length) {
    if (column.charCodeAt(i) !== 46) {
      if (
        i + WIDTH > column.length ||
        !inAlphabet(column.charCodeAt(i)) ||
        !inAlphabet(column.charCodeAt(i + 1)) ||
        !inAlphabet(column.charCodeAt(i + 2))
      )
        return undefined;
      i += WIDTH;
    } else i++;
    n++;
  }
  return n;
}

/** Splits a column's fingerprints back into one per cell; undefined when the string is not one `fingerprint` makes. */
export function splitFingerprints(column: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < column.length) {
    if (column[i] === EMPTY_FINGERPRINT) {
      out.push(EMPTY_FINGERPRINT);
      i++;
      continue;
    }
    const piece = column.slice(i, i + WIDTH);
    if (!PIECE.test(piece)) return undefined;
    out.push(piece);
    i += WIDTH;
  }
  return out;
}

/**
 * Where the fingerprint of a column's cell `index` (0: the header) starts in the column's text, found without splitting
 * it (a column may hold 50,000 rows): the column's length when `index` is one past its last cell, undefined beyond.
 */
function offsetOf(column: string, index: number, from = { index: 0, offset: 0 }): number | undefined {
  let i = from.offset;
  for (let n = from.index; n < index; n++) {
    if (i >= column.length) return undefined;
    i += column.charCodeAt(i) === 46 ? 1 : WIDTH;
  }
  return i <= column.length ? i : undefined;
}

/** The fingerprint of a column's cell `index` (0: the header), or undefined when the column has no such cell. */
export function fingerprintAt(column: string, index: number): string | undefined {
  const at = offsetOf(column, index);
  if (at === undefined || at >= column.length) return undefined;
  return column[at] === EMPTY_FINGERPRINT ? EMPTY_FINGERPRINT : column.slice(at, at + WIDTH);
}

/** The text of a column's cells `from` to `to` (exclusive), as `fingerprint` gives them one after the other. */
export function columnSpan(column: string, from: number, to: number): string {
  const start = offsetOf(column, from) ?? column.length;
  const end = offsetOf(column, to, { index: from, offset: start }) ?? column.length;
  return column.slice(start, end);
}

/**
 * `columnSpan` for consecutive spans of one column, found in one walk along it: span k is cells `cuts[k]` to
 * `cuts[k + 1]` (exclusive), `cuts` ascending. A record of 50,000 rows is written in 200 parts.
 */
export function columnSpans(column: string, cuts: readonly number[]): string[] {
  const spans: string[] = [];
  let index = 0;
  let offset = 0;
  /** Where cell `to` starts, walking on from the last cut; the column's length past its end. */
  const reach = (to: number): number => {
    for (; index < to && offset < column.length; index++) offset += column.charCodeAt(offset) === 46 ? 1 : WIDTH;
    return index < to ? column.length : Math.min(offset, column.length);
  };
  let start = reach(cuts[0] ?? 0);
  for (let k = 1; k < cuts.length; k++) {
    const end = reach(cuts[k]);
    spans.push(column.slice(start, end));
    start = end;
  }
  return spans;
}

/** The block a write leaves beside the data. */
export function ownedBlockOf(written: WrittenBlock): OwnedBlock {
  const rows = written.firstRow - written.headerRow - 1 + written.rows.length;
  // A result column holds few distinct values (statuses, credit totals): each is fingerprinted once, so recording a
  // write of 20,000 rows is not the longest task of a check.
  // Each column's text is put together as bytes and read as text once: no string is made per cell. The rows are
  // read one after the other (not a column at a time), each print put in its column's bytes.
  const known = new Map<string | number | boolean | null, string>();
  const fingerprintOf = (value: string | number | boolean | null): string => {
    let print = known.get(value);
    if (print === undefined) known.set(value, (print = fingerprint(readBack(value))));
    return print;
  };
  const width = written.header.length;
  const gap = Math.max(0, written.firstRow - written.headerRow - 1);
  const bytes = written.header.map(() => new Uint8Array(WIDTH * (1 + written.rows.length) + gap));
  const at = written.header.map(() => 0);
  const put = (c: number, print: string) => {
    const column = bytes[c];
    let i = at[c];
    column[i++] = print.charCodeAt(0);
    if (print.length === WIDTH) {
      column[i++] = print.charCodeAt(1);
      column[i++] = print.charCodeAt(2);
    }
    at[c] = i;
  };
  written.header.forEach((head, c) => {
    put(c, fingerprint(head));
    // Rows between the header and the first written row (none today) were not written: recorded as empty.
    for (let r = 0; r < gap; r++) put(c, EMPTY_FINGERPRINT);
  });
  // A column repeats its values row after row (statuses, credit totals): its last value's print is at hand.
  const lastValue: (string | number | boolean | null | undefined)[] = written.header.map(() => undefined);
  const lastPrint = written.header.map(() => '');
  for (const row of written.rows) {
    for (let c = 0; c < width; c++) {
      const value = row[c] ?? null;
      if (value !== lastValue[c] || lastPrint[c] === '') {
        lastValue[c] = value;
        lastPrint[c] = fingerprintOf(value);
      }
      put(c, lastPrint[c]);
    }
  }
  const cells = bytes.map((column, c) => ASCII.decode(column.subarray(0, at[c])));
  return {
    sheet: written.sheetName,
    headerRow: written.headerRow,
    firstColumn: written.firstColumn,
    columns: written.header.length,
    rows,
    cells,
  };
}

/** The record after a write beside the data: that sheet's block replaced, every other sheet's kept. */
export function recordWrite(previous: OwnershipRecord | null, written: WrittenBlock): OwnershipRecord {
  return withBlock(previous ?? { blocks: [] }, ownedBlockOf(written));
}

/**
 * The record after a cohort sheet's results went to a results sheet: its block (cells qualcheck wrote beside the
 * data, still its own to replace later) is kept, and the sheet is noted as having its results elsewhere.
 */
export function recordElsewhere(
  previous: OwnershipRecord | null,
  sheet: string,
  resultsSheet: string,
): OwnershipRecord {
  // Already noted: the same record, so a host that saves only a changed record writes nothing.
  if (previous && resultsElsewhere(previous, sheet) === resultsSheet) return previous;
  const record = previous ?? { blocks: [] };
  const others = (record.elsewhere ?? []).filter((e) => e.sheet !== sheet);
  return { ...record, elsewhere: [...others, { sheet, resultsSheet }] };
}

/** The results sheet a cohort sheet's last check wrote to, when it wrote to one. */
export function resultsElsewhere(record: OwnershipRecord | null, sheet: string): string | undefined {
  return record?.elsewhere?.find((e) => e.sheet === sheet)?.resultsSheet;
}

/**
 * The record after a write beside the data stopped (cancelled) after its first `rowsWritten` rows: those rows as
 * written, and the rows below as the previous record had them, since an earlier check's results there are still
 * qualcheck's. Without a previous block of the same place and width, only the rows written are recorded.
 */
export function recordPartialWrite(
  previous: OwnershipRecord | null,
  written: WrittenBlock,
  rowsWritten: number,
): OwnershipRecord {
  const reached = { ...written, rows: written.rows.slice(0, rowsWritten) };
  const block = ownedBlockOf(reached);
  const before = blockFor(previous, written.sheetName);
  const samePlace =
    before?.headerRow === block.headerRow &&
    before.firstColumn === block.firstColumn &&
    before.columns === block.columns;
  if (!before || !samePlace || before.rows <= block.rows) return recordWrite(previous, reached);
  const cells: string[] = [];
  for (const [c, column] of block.cells.entries()) {
    const now = splitFingerprints(column);
    const old = splitFingerprints(before.cells[c] ?? '');
    if (!now || !old) return recordWrite(previous, reached);
    cells.push([...now, ...old.slice(now.length)].join(''));
  }
  return withBlock(previous ?? { blocks: [] }, { ...block, rows: before.rows, cells });
}

/** The block recorded for a sheet, if any. */
export function blockFor(record: OwnershipRecord | null, sheetName: string): OwnedBlock | undefined {
  return record?.blocks.find((b) => b.sheet === sheetName);
}

/**
 * The block after qualcheck rewrote some of its cells (the What-if tab's Apply refreshes one learner's results): each
 * written cell inside the block's columns gets its new fingerprint; a row below the block extends it.
 */
export function rewriteCells(
  block: OwnedBlock,
  cells: readonly { row: number; column: number; value: string | number | boolean | null }[],
): OwnedBlock {
  const inColumns = cells.filter(
    (c) => c.column >= block.firstColumn && c.column < block.firstColumn + block.columns && c.row > block.headerRow,
  );
  if (inColumns.length === 0) return block;
  const rows = Math.max(block.rows, ...inColumns.map((c) => c.row - block.headerRow));
  // Each cell is changed in place in its column's text: Apply rewrites one row of a block of up to 50,000.
  const columns = block.cells.map((c) => c + EMPTY_FINGERPRINT.repeat(rows - block.rows));
  for (const c of inColumns) {
    const j = c.column - block.firstColumn;
    const column = columns[j];
    const at = offsetOf(column, c.row - block.headerRow);
    if (at === undefined || at >= column.length) continue;
    const width = column[at] === EMPTY_FINGERPRINT ? 1 : WIDTH;
    columns[j] = column.slice(0, at) + fingerprint(readBack(c.value)) + column.slice(at + width);
  }
  return { ...block, rows, cells: columns };
}

/** The record with one sheet's block replaced: its results are beside the data again. */
export function withBlock(record: OwnershipRecord, block: OwnedBlock): OwnershipRecord {
  const elsewhere = (record.elsewhere ?? []).filter((e) => e.sheet !== block.sheet);
  return {
    blocks: [...record.blocks.filter((b) => b.sheet !== block.sheet), block],
    ...(elsewhere.length > 0 ? { elsewhere } : {}),
  };
}
