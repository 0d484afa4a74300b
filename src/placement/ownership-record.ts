// What qualcheck wrote beside a cohort, remembered in the workbook so the next check can tell its own cells from a
// person's: one block per sheet (where the result columns went) with a short fingerprint of every cell written.
// The add-in keeps it in a custom XML part (Office.js customXmlParts), the command line in the same part of the
// package (customXml/itemN.xml); both read and write it only through these functions, so the format is one.
//
// Size: a written cell costs 3 characters (18 bits of a hash), an empty one 1, so 50,000 learners by 8 result
// columns stay near 1.2 MB at worst and far less with the empty cells a cohort has (centre values, violations).
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

/** What a written value reads back as: Excel keeps a text that starts with an apostrophe without it. */
function readBack(value: string | number | boolean | null): CellValue {
  if (typeof value === 'string' && value.startsWith("'")) return value.slice(1);
  return value;
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

/** The block a write leaves beside the data. */
export function ownedBlockOf(written: WrittenBlock): OwnedBlock {
  const rows = written.firstRow - written.headerRow - 1 + written.rows.length;
  const cells = written.header.map((head, c) => {
    const column = [fingerprint(head)];
    // Rows between the header and the first written row (none today) were not written: recorded as empty.
    for (let r = written.headerRow + 1; r < written.firstRow; r++) column.push(EMPTY_FINGERPRINT);
    for (const row of written.rows) column.push(fingerprint(readBack(row[c] ?? null)));
    return column.join('');
  });
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

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g,
    (_, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name] ?? '';
    },
  );
}

/** The record as the XML of its custom part (root element in OWNERSHIP_NAMESPACE, one line per block and column). */
export function serialiseOwnership(record: OwnershipRecord): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<ownership xmlns="${OWNERSHIP_NAMESPACE}">`,
  ];
  for (const b of record.blocks) {
    lines.push(
      `<block sheet="${escapeXml(b.sheet)}" headerRow="${b.headerRow}" firstColumn="${b.firstColumn}" columns="${b.columns}" rows="${b.rows}">`,
    );
    for (const column of b.cells) lines.push(`<column>${column}</column>`);
    lines.push('</block>');
  }
  for (const e of record.elsewhere ?? [])
    lines.push(`<elsewhere sheet="${escapeXml(e.sheet)}" resultsSheet="${escapeXml(e.resultsSheet)}"/>`);
  lines.push('</ownership>');
  return lines.join('\n');
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1].replace(/^.*:/, ''), unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

function whole(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Reads the XML `serialiseOwnership` writes, with any namespace prefix Excel or another tool may give it. A block
 * that does not add up (a column of the wrong length) is dropped: its cells count as never written by qualcheck,
 * so nothing in them is overwritten on its word. Undefined when the text is not an ownership record at all.
 */
export function parseOwnership(xml: string): OwnershipRecord | undefined {
  const root = /<(?:[\w.-]+:)?ownership\b([^>]*)>/.exec(xml);
  if (!root || !root[1].includes(OWNERSHIP_NAMESPACE)) return undefined;
  const blocks: OwnedBlock[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?block\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?block\s*>/g)) {
    const a = attributes(m[1]);
    const [headerRow, firstColumn, columns, rows] = ['headerRow', 'firstColumn', 'columns', 'rows'].map((k) =>
      whole(a.get(k)),
    );
    const sheet = a.get('sheet');
    if (sheet === undefined || !headerRow || !firstColumn || !columns || rows === undefined) continue;
    const cells = [...m[2].matchAll(/<(?:[\w.-]+:)?column\s*>([^<]*)<\/(?:[\w.-]+:)?column\s*>/g)].map((c) =>
      c[1].trim(),
    );
    if (cells.length !== columns || cells.some((c) => splitFingerprints(c)?.length !== rows + 1)) continue;
    blocks.push({ sheet, headerRow, firstColumn, columns, rows, cells });
  }
  const elsewhere: { sheet: string; resultsSheet: string }[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?elsewhere\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    const sheet = a.get('sheet');
    const resultsSheet = a.get('resultsSheet');
    if (sheet !== undefined && resultsSheet !== undefined) elsewhere.push({ sheet, resultsSheet });
  }
  return elsewhere.length > 0 ? { blocks, elsewhere } : { blocks };
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
  const columns = block.cells.map((c) => {
    const split = splitFingerprints(c) ?? [];
    while (split.length < rows + 1) split.push(EMPTY_FINGERPRINT);
    return split;
  });
  for (const c of inColumns)
    columns[c.column - block.firstColumn][c.row - block.headerRow] = fingerprint(readBack(c.value));
  return { ...block, rows, cells: columns.map((c) => c.join('')) };
}

/** The record with one sheet's block replaced: its results are beside the data again. */
export function withBlock(record: OwnershipRecord, block: OwnedBlock): OwnershipRecord {
  const elsewhere = (record.elsewhere ?? []).filter((e) => e.sheet !== block.sheet);
  return {
    blocks: [...record.blocks.filter((b) => b.sheet !== block.sheet), block],
    ...(elsewhere.length > 0 ? { elsewhere } : {}),
  };
}
