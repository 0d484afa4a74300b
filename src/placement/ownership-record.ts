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
function columnSpan(column: string, from: number, to: number): string {
  const start = offsetOf(column, from) ?? column.length;
  const end = offsetOf(column, to, { index: from, offset: start }) ?? column.length;
  return column.slice(start, end);
}

/** The block a write leaves beside the data. */
export function ownedBlockOf(written: WrittenBlock): OwnedBlock {
  const rows = written.firstRow - written.headerRow - 1 + written.rows.length;
  // A result column holds few distinct values (statuses, credit totals): each is fingerprinted once, so recording a
  // write of 20,000 rows is not the longest task of a check.
  const known = new Map<string | number | boolean | null, string>();
  const fingerprintOf = (value: string | number | boolean | null): string => {
    let print = known.get(value);
    if (print === undefined) known.set(value, (print = fingerprint(readBack(value))));
    return print;
  };
  const cells = written.header.map((head, c) => {
    const column = [fingerprint(head)];
    // Rows between the header and the first written row (none today) were not written: recorded as empty.
    for (let r = written.headerRow + 1; r < written.firstRow; r++) column.push(EMPTY_FINGERPRINT);
    for (const row of written.rows) column.push(fingerprintOf(row[c] ?? null));
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

/**
 * Rows of a block are kept in parts of this many sheet rows once the block has more (rows 1-250 in one part, 251-500
 * in the next, ...), each a custom XML part of its own: What-if's Apply on one learner then reads and rewrites one
 * small part instead of the whole record. A block of at most this many rows stays whole in the record's first part,
 * as every record was before parts (`urn:qualcheck:ownership:1` with full columns), so such a record reads as it
 * always did. Changing the number would change which part holds a row: a new format, with a namespace of its own.
 */
export const PART_ROWS = 250;
const ROWS_NAMESPACE = `${OWNERSHIP_NAMESPACE}:rows:`;

/** One custom XML part of the record: the head (OWNERSHIP_NAMESPACE) or a part of a block's rows. */
export interface RecordPart {
  namespace: string;
  xml: string;
}

/** Whether a custom XML part's namespace is one of the record's (its head or a part of rows). */
export function isOwnershipNamespace(namespace: string | undefined): boolean {
  return namespace === OWNERSHIP_NAMESPACE || (namespace?.startsWith(ROWS_NAMESPACE) ?? false);
}

/** The namespace of the part that holds a sheet row's fingerprints when its block is kept in parts. */
export function rowsPartNamespace(sheet: string, row: number): string {
  // Percent-encoded down to letters, digits and `-_.%`: nothing in it for XML to escape, so every reader finds it.
  const name = encodeURIComponent(sheet).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${ROWS_NAMESPACE}${name}:${Math.floor((row - 1) / PART_ROWS)}`;
}

/** Whether a block's rows are kept in parts of their own, not in the record's head. */
function inParts(block: OwnedBlock): boolean {
  return block.rows > PART_ROWS;
}

/** The sheet rows of each part of a block's rows, first to last: each part is `PART_ROWS` rows of the sheet at most. */
function partRanges(block: OwnedBlock): { first: number; last: number }[] {
  const top = block.headerRow + 1;
  const bottom = block.headerRow + block.rows;
  const out: { first: number; last: number }[] = [];
  for (let first = top; first <= bottom;) {
    const last = Math.min(bottom, (Math.floor((first - 1) / PART_ROWS) + 1) * PART_ROWS);
    out.push({ first, last });
    first = last + 1;
  }
  return out;
}

function blockHeadXml(b: OwnedBlock): string[] {
  const parted = inParts(b);
  const lines = [
    `<block sheet="${escapeXml(b.sheet)}" headerRow="${b.headerRow}" firstColumn="${b.firstColumn}" columns="${b.columns}" rows="${b.rows}"${parted ? ` rowsInParts="${PART_ROWS}"` : ''}>`,
  ];
  // In parts, the head keeps each column's header fingerprint only: a reader of the format before parts finds the
  // column too short and drops the block, so it takes none of those cells for qualcheck's.
  for (const column of b.cells) lines.push(`<column>${parted ? (fingerprintAt(column, 0) ?? '') : column}</column>`);
  lines.push('</block>');
  return lines;
}

/** The record's head: one line per block and column, whole for a block of at most PART_ROWS rows. */
export function serialiseOwnership(record: OwnershipRecord): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<ownership xmlns="${OWNERSHIP_NAMESPACE}">`,
  ];
  for (const b of record.blocks) lines.push(...blockHeadXml(b));
  for (const e of record.elsewhere ?? [])
    lines.push(`<elsewhere sheet="${escapeXml(e.sheet)}" resultsSheet="${escapeXml(e.resultsSheet)}"/>`);
  lines.push('</ownership>');
  return lines.join('\n');
}

/** A part of a block's rows as XML: `columns` hold the fingerprints of the block's columns in those rows. */
function rowsPartXml(block: OwnedBlock, columns: readonly string[][], range: { first: number; last: number }): string {
  const namespace = rowsPartNamespace(block.sheet, range.first);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<rows xmlns="${escapeXml(namespace)}" sheet="${escapeXml(block.sheet)}" firstRow="${range.first}" lastRow="${range.last}">`,
  ];
  for (const column of columns) lines.push(`<column>${column.join('')}</column>`);
  lines.push('</rows>');
  return lines.join('\n');
}

/**
 * The record as the custom XML parts a workbook keeps: the head first, then the parts of rows of each block kept in
 * parts. The command line and the add-in write exactly these parts.
 */
export function ownershipParts(record: OwnershipRecord): RecordPart[] {
  const parts: RecordPart[] = [{ namespace: OWNERSHIP_NAMESPACE, xml: serialiseOwnership(record) }];
  for (const block of record.blocks) {
    if (!inParts(block)) continue;
    const columns = block.cells.map((c) => splitFingerprints(c) ?? []);
    for (const range of partRanges(block)) {
      const rows = columns.map((c) => c.slice(range.first - block.headerRow, range.last - block.headerRow + 1));
      parts.push({ namespace: rowsPartNamespace(block.sheet, range.first), xml: rowsPartXml(block, rows, range) });
    }
  }
  return parts;
}

/**
 * The parts of the record that hold a sheet's row: the head, and the part of rows when the sheet's block keeps its
 * rows in parts and the row is one of them. What-if's Apply writes only these, and only those that changed.
 */
export function ownershipPartsOfRow(record: OwnershipRecord, sheet: string, row: number): RecordPart[] {
  const parts: RecordPart[] = [{ namespace: OWNERSHIP_NAMESPACE, xml: serialiseOwnership(record) }];
  const block = blockFor(record, sheet);
  if (!block || !inParts(block)) return parts;
  const range = partRanges(block).find((r) => r.first <= row && row <= r.last);
  if (!range) return parts;
  // Only this part's cells are read out of the columns: the record may stand for 50,000 rows.
  const columns = block.cells.map(
    (c) => splitFingerprints(columnSpan(c, range.first - block.headerRow, range.last - block.headerRow + 1)) ?? [],
  );
  parts.push({ namespace: rowsPartNamespace(sheet, row), xml: rowsPartXml(block, columns, range) });
  return parts;
}

/** Whether the sheet's block keeps its rows in parts. */
export function keptInParts(record: OwnershipRecord | null, sheet: string): boolean {
  const block = blockFor(record, sheet);
  return block !== undefined && inParts(block);
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

function columnsOf(body: string): string[] {
  return [...body.matchAll(/<(?:[\w.-]+:)?column\s*>([^<]*)<\/(?:[\w.-]+:)?column\s*>/g)].map((c) => c[1].trim());
}

/**
 * The fingerprints of a part of rows, one text per column, when it is the part expected there: its sheet, its first
 * row, one column per block column and one fingerprint per row. A part that ends before the range does (written
 * before What-if's Apply extended the block below it) stands for its rows, the rest read as empty; undefined otherwise.
 */
function rowsOfPart(
  xml: string | undefined,
  sheet: string,
  columns: number,
  range: { first: number; last: number },
): string[] | undefined {
  if (xml === undefined) return undefined;
  const root = /<(?:[\w.-]+:)?rows\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?rows\s*>/.exec(xml);
  if (!root) return undefined;
  const a = attributes(root[1]);
  const last = whole(a.get('lastRow'));
  if (a.get('sheet') !== sheet || whole(a.get('firstRow')) !== range.first) return undefined;
  if (last === undefined || last < range.first || last > range.last) return undefined;
  const cells = columnsOf(root[2]);
  const count = last - range.first + 1;
  if (cells.length !== columns || cells.some((c) => splitFingerprints(c)?.length !== count)) return undefined;
  const rest = EMPTY_FINGERPRINT.repeat(range.last - last);
  return cells.map((c) => c + rest);
}

/**
 * Reads the record's head as `serialiseOwnership` writes it, with any namespace prefix Excel or another tool may give
 * it, and the rows of a block kept in parts from `rowsPart` (the text of the part in a namespace, when the workbook
 * has it). A block that does not add up (a column of the wrong length) is dropped, and a part of rows that is missing
 * or does not add up reads as empty cells: such cells count as never written by qualcheck, so nothing in them is
 * overwritten on the record's word. Undefined when the text is not an ownership record at all.
 */
export function parseOwnership(
  xml: string,
  rowsPart: (namespace: string) => string | undefined = () => undefined,
): OwnershipRecord | undefined {
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
    const cells = columnsOf(m[2]);
    if (cells.length !== columns) continue;
    const parted = a.get('rowsInParts');
    if (parted === undefined) {
      if (cells.some((c) => splitFingerprints(c)?.length !== rows + 1)) continue;
      blocks.push({ sheet, headerRow, firstColumn, columns, rows, cells });
      continue;
    }
    // Parts of another size are of a format this reader does not know: none of their cells are proven qualcheck's.
    if (whole(parted) !== PART_ROWS || rows <= PART_ROWS) continue;
    const heads = cells.map(splitFingerprints);
    if (heads.some((h) => h?.length !== 1)) continue;
    const block: OwnedBlock = { sheet, headerRow, firstColumn, columns, rows, cells: [] };
    const assembled = heads.map((h) => [h![0]]);
    for (const range of partRanges(block)) {
      const part = rowsOfPart(rowsPart(rowsPartNamespace(sheet, range.first)), sheet, columns, range);
      const missing = EMPTY_FINGERPRINT.repeat(range.last - range.first + 1);
      for (const [c, column] of assembled.entries()) column.push(part?.[c] ?? missing);
    }
    blocks.push({ ...block, cells: assembled.map((c) => c.join('')) });
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
 * Whether the record's head (its XML) keeps a sheet's block in parts of rows; false when it keeps the block whole (as
 * every record before parts did) or has none for the sheet.
 */
export function headKeepsInParts(xml: string, sheet: string): boolean {
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?block\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.get('sheet') === sheet) return a.has('rowsInParts');
  }
  return false;
}

/**
 * Reads the record from the texts of the workbook's custom XML parts in its namespaces (head and parts of rows),
 * keyed by namespace; undefined when there is no head. More than one part of a namespace: the first is read.
 */
export function recordOfParts(parts: ReadonlyMap<string, string>): OwnershipRecord | undefined {
  const head = parts.get(OWNERSHIP_NAMESPACE);
  return head === undefined ? undefined : parseOwnership(head, (namespace) => parts.get(namespace));
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
