// The ownership record's format in custom XML parts: the head (OWNERSHIP_NAMESPACE) with one block per sheet, and a
// block of many rows kept in parts of PART_ROWS rows. Writing and reading the record's text is here; what the record
// says (blocks, fingerprints) is in ownership-record.ts.
import {
  blockFor,
  columnSpan,
  columnSpans,
  EMPTY_FINGERPRINT,
  fingerprintAt,
  fingerprintCount,
  OWNERSHIP_NAMESPACE,
  splitFingerprints,
  type OwnedBlock,
  type OwnershipRecord,
} from './ownership-record';

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
function rowsPartXml(
  block: OwnedBlock,
  namespace: string,
  columns: readonly string[],
  range: { first: number; last: number },
): string {
  let xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<rows xmlns="${escapeXml(namespace)}" sheet="${escapeXml(block.sheet)}" firstRow="${range.first}" lastRow="${range.last}">`;
  for (const column of columns) xml += `\n<column>${column}</column>`;
  return `${xml}\n</rows>`;
}

/**
 * The record as the custom XML parts a workbook keeps: the head first, then the parts of rows of each block kept in
 * parts. The command line and the add-in write exactly these parts.
 */
export function ownershipParts(record: OwnershipRecord): RecordPart[] {
  const parts: RecordPart[] = [{ namespace: OWNERSHIP_NAMESPACE, xml: serialiseOwnership(record) }];
  for (const block of record.blocks) {
    if (!inParts(block)) continue;
    const ranges = partRanges(block);
    // Each column is cut at the parts' first rows in one walk along it; a column that is not fingerprints gives
    // nothing to any part.
    const cuts = [
      ...ranges.map((r) => r.first - block.headerRow),
      ranges[ranges.length - 1].last - block.headerRow + 1,
    ];
    const spans = block.cells.map((c) => (fingerprintCount(c) === undefined ? undefined : columnSpans(c, cuts)));
    ranges.forEach((range, k) => {
      const namespace = rowsPartNamespace(block.sheet, range.first);
      const columns = spans.map((s) => s?.[k] ?? '');
      parts.push({ namespace, xml: rowsPartXml(block, namespace, columns, range) });
    });
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
  const columns = block.cells.map((c) => {
    const span = columnSpan(c, range.first - block.headerRow, range.last - block.headerRow + 1);
    return fingerprintCount(span) === undefined ? '' : span;
  });
  const namespace = rowsPartNamespace(sheet, row);
  parts.push({ namespace, xml: rowsPartXml(block, namespace, columns, range) });
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
  if (cells.length !== columns || cells.some((c) => fingerprintCount(c) !== count)) return undefined;
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
      if (cells.some((c) => fingerprintCount(c) !== rows + 1)) continue;
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
