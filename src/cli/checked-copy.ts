// Writes the owned result columns into a copy of the workbook by patching its package: the cohort sheet gets its
// result cells and formats, styles.xml the formats' dxfs, and a results sheet (when the results go to one) its part
// and entries; every other part is copied as it was. Where the results go, and whose cells they may take, is decided
// by the same use case the add-in calls (src/placement/results-writer.ts): this file only reads what it asks for and
// writes what it returns, so a workbook checked from the command line looks as if the add-in had checked it.
import { promises as fs } from 'node:fs';
import { parseRange } from '../sheet';
import type { LearnerCheck } from '../cohort/verdict';
import { resultRows, resultsBlock, STATUS_STYLE, STATUSES } from '../cohort/verdict';
import type { CellRange, CohortReading, Grid } from '../sheet';
import {
  isOwnershipNamespace,
  ownershipParts,
  recordOfParts,
  type OwnershipRecord,
  decideResultsWrite,
  chooseResultsSheet,
  RESULTS_SHEET,
  RESULTS_SHEET_NAMES,
  type ResultsSheetFound,
  CellsAround,
  NOT_COUNTED_STYLE,
  withNotCounted,
} from '../placement';
import type { WritePlan } from '../placement';
import {
  addWorkbookPart,
  emptySheetXml,
  findCustomXmlParts,
  freePartName,
  listSheetInAppProperties,
  PackageEdit,
  PartTooLargeError,
  patchSheet,
  planFormats,
  RowSpansMismatch,
  putCustomXmlParts,
  readWorkbookInfo,
  sheetPart,
  STYLES_CONTENT_TYPE,
  withDifferentialFormats,
  withSheetEntry,
  WorkbookFileError,
  WorkbookPackage,
  WORKSHEET_CONTENT_TYPE,
  XML_DECLARATION,
  XmlSyntaxError,
  type RowWrites,
  type SheetRows,
  type SheetRowSpans,
  type SheetWrites,
  type WorkbookInfo,
  type WrittenValue,
} from '../workbook';
import { outWriteError } from './out-file';
import { UserError } from './user-error';

export { RESULTS_SHEET };

export interface WriteOutcome {
  /** Where the results went: the cohort sheet's columns, or a separate sheet because those columns held the user's data. */
  target: 'columns' | 'sheet';
  sheetName: string;
  firstColumn: number;
  reason?: string;
}

/** What the writer needs to know of the workbook as read. */
export interface CheckedWorkbook {
  /** The workbook file checked, and the copy to write. */
  file: string;
  out: string;
  /** The cohort sheet's name. */
  sheetName: string;
  grid: Grid;
  /** Where the cohort sheet's rows lie in its part, as the reader found them. */
  rows?: SheetRowSpans;
  reading: CohortReading;
  checks: readonly LearnerCheck[];
  /** The first three cells of row 1 of a sheet, to tell a results sheet qualcheck wrote from one of the user's. */
  firstCells(sheetName: string): Promise<unknown[]> | unknown[];
}

/** A result value as a cell gets it: nothing for an empty one, a truth value in words. */
function writtenValue(value: string | number | boolean | null): WrittenValue {
  return value === '' || value === null ? null : typeof value === 'boolean' ? String(value) : value;
}

/**
 * A plan row's values as cells get them. A row with no truth value is given as it is (the sheet patch writes nothing
 * for an empty text, as for null): no copy is made of 50,000 rows of results.
 */
function writtenValues(values: readonly (string | number | boolean | null)[]): readonly WrittenValue[] {
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'boolean') return values.map(writtenValue);
  return values as readonly WrittenValue[];
}

/**
 * The cells a plan writes or empties, by sheet row and column, made a row at a time from the plan's rows as the sheet
 * patch comes to them: no second copy of the results is held. Cells of stale ranges (results an earlier check left
 * where this one writes none) are emptied, over anything the plan puts there.
 */
function planRows(plan: WritePlan): SheetRows {
  const stale = new Map<number, Map<number, WrittenValue>>();
  for (const range of plan.staleRanges) {
    const area = parseRange(range);
    if (!area) continue;
    for (let r = area.top; r <= area.bottom; r++) {
      let cells = stale.get(r);
      if (!cells) stale.set(r, (cells = new Map()));
      for (let c = area.left; c <= area.right; c++) cells.set(c, null);
    }
  }
  const columnsOf = (length: number) => Array.from({ length }, (_, i) => plan.firstColumn + i);
  const columns = columnsOf(plan.header.length);
  const lastRow = plan.firstRow + plan.rows.length - 1;
  const numbers = new Set<number>(stale.keys());
  if (plan.header.length > 0) numbers.add(plan.headerRow);
  plan.rows.forEach((values, i) => {
    if (values.length > 0) numbers.add(plan.firstRow + i);
  });
  const planned = (row: number): RowWrites | undefined => {
    if (row >= plan.firstRow && row <= lastRow && plan.rows[row - plan.firstRow].length > 0) {
      const values = plan.rows[row - plan.firstRow];
      return {
        columns: values.length === columns.length ? columns : columnsOf(values.length),
        values: writtenValues(values),
      };
    }
    return row === plan.headerRow && plan.header.length > 0 ? { columns, values: plan.header } : undefined;
  };
  return {
    numbers: [...numbers].sort((a, b) => a - b),
    // Without cells to empty, the plan's rows say where its cells are: no row's cells are made to find out.
    ...(stale.size === 0 ? { extent: () => planExtent(plan) } : {}),
    cells(row) {
      const written = planned(row);
      const emptied = stale.get(row);
      if (!emptied) return written;
      const cells = new Map<number, WrittenValue>();
      written?.columns.forEach((column, i) => cells.set(column, written.values[i]));
      for (const column of emptied.keys()) cells.set(column, null);
      const all = [...cells.keys()].sort((a, b) => a - b);
      return { columns: all, values: all.map((c) => cells.get(c) ?? null) };
    },
  };
}

/** The rows and columns of the cells a plan (with no stale ranges) writes something into, as planRows gives them. */
function planExtent(plan: WritePlan): CellRange | undefined {
  let top = Infinity;
  let bottom = 0;
  let left = Infinity;
  let right = 0;
  const take = (row: number, values: readonly (string | number | boolean | null)[]) => {
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      if (value === null || value === '') continue;
      const column = plan.firstColumn + k;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
      left = Math.min(left, column);
      right = Math.max(right, column);
    }
  };
  // The header row's cells are the header unless a row of the plan falls on it (as planRows reads them).
  const lastRow = plan.firstRow + plan.rows.length - 1;
  const headerIsRow =
    plan.headerRow >= plan.firstRow &&
    plan.headerRow <= lastRow &&
    plan.rows[plan.headerRow - plan.firstRow].length > 0;
  if (!headerIsRow) take(plan.headerRow, plan.header);
  plan.rows.forEach((values, i) => take(plan.firstRow + i, values));
  return bottom === 0 ? undefined : { top, bottom, left, right };
}

/** The cells a plan writes or empties, its formats, and the widths of its columns. */
function sheetWrites(plan: WritePlan): SheetWrites {
  const widths = new Map<number, number>();
  plan.header.forEach((_, i) =>
    widths.set(plan.firstColumn + i, i === plan.statusColumn ? 14 : plan.sentenceColumns.includes(i) ? 60 : 16),
  );
  return { rows: planRows(plan), formats: [], statusColumn: plan.firstColumn + plan.statusColumn, widths };
}

// A stylesheet for a package that has none (the few programs that write no styles.xml), with Excel's defaults.
const MINIMAL_STYLES =
  `${XML_DECLARATION}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The dxf ids of the status formats (in STATUSES order) and of the unit highlight, added to styles.xml as needed. */
async function differentialFormats(edit: PackageEdit, info: WorkbookInfo): Promise<number[]> {
  const formats = [...STATUSES.map((s) => STATUS_STYLE[s]), NOT_COUNTED_STYLE];
  let part = info.relationships.find((r) => r.type === 'styles' && r.part !== undefined && edit.has(r.part))?.part;
  if (part === undefined) {
    part = freePartName(edit.partNames(), `${folderOf(info.part)}styles`, '.xml').replace(
      /styles1\.xml$/,
      'styles.xml',
    );
    await addWorkbookPart(edit, info, part, 'styles', STYLES_CONTENT_TYPE);
    edit.setText(part, MINIMAL_STYLES);
  }
  const styles = await edit.text(part);
  const { xml, ids } = withDifferentialFormats(styles ?? MINIMAL_STYLES, formats);
  if (xml !== styles) edit.setText(part, xml);
  return ids;
}

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

/** A results sheet the tool wrote before is reused; one of the user's with that name is left alone. */
async function resultsSheetInCopy(
  info: WorkbookInfo,
  input: CheckedWorkbook,
): Promise<{ name: string; create: boolean }> {
  const found = new Map<string, ResultsSheetFound>();
  for (const name of RESULTS_SHEET_NAMES) {
    const sheet = info.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!sheet) break;
    const firstCells = sheet.kind === 'worksheet' ? await input.firstCells(sheet.name) : null;
    found.set(name, { name: sheet.name, firstCells });
  }
  const chosen = chooseResultsSheet((name) => found.get(name));
  if (chosen) return chosen;
  throw new UserError(
    `sheets "${RESULTS_SHEET}" to "${RESULTS_SHEET} 9" all hold other data; rename one of them and check again`,
  );
}

/**
 * A learner's result row with each text held once: a text made of pieces (a message with its units and figures put
 * in) is kept by V8 as a tree of those pieces, several times the size of its characters, and the many learners with
 * the same words share one copy. At 50,000 learners the trees were 200 MB of the peak memory of `check --out`. The
 * texts that follow from a learner's units are made once for all learners with those units (resultRows); the rest (a
 * plan's words, a row with a problem) are found by their characters in a map, which makes each one piece.
 */
function resultRowOnce(): (check: LearnerCheck) => (string | number)[] {
  const texts = new Map<string, string>();
  return resultRows(undefined, (text) => {
    if (text === '') return text;
    const known = texts.get(text);
    if (known !== undefined) return known;
    texts.set(text, text);
    return text;
  });
}

/**
 * Writes the results where a previous run put them, or right of the data; when any of those cells holds something
 * the tool did not write, to a separate results sheet instead: the user's data is never overwritten.
 */
export async function writeCheckedCopy(input: CheckedWorkbook): Promise<WriteOutcome> {
  const { reading, checks, grid } = input;
  const bytes = await fs.readFile(input.file);
  const pkg = await WorkbookPackage.open(bytes);
  try {
    const info = await readWorkbookInfo(pkg);
    if (!info)
      throw new WorkbookFileError(
        'the workbook is damaged and cannot be read (it has no workbook part); open and re-save it in Excel',
      );
    const block = withNotCounted(resultsBlock(reading, checks, undefined, resultRowOnce()), reading, checks, grid);
    // Which result cells are qualcheck's is what the record of its last write says, cell by cell.
    const stored = new Map<string, string>();
    for (const part of await findCustomXmlParts(pkg, info, isOwnershipNamespace))
      if (!stored.has(part.namespace)) stored.set(part.namespace, part.xml);
    const record = recordOfParts(stored) ?? null;
    const { plan, record: after } = await decideResultsWrite(
      { sheetName: input.sheetName, reading, checks, block, place: 'beside', record },
      { cellsAround: () => new CellsAround([grid]), resultsSheet: () => resultsSheetInCopy(info, input) },
    );
    const copy = { bytes, pkg, info, file: input.file, out: input.out, sheetName: input.sheetName, rows: input.rows };
    await writePlan(copy, plan, after);
    return { target: plan.target, sheetName: plan.sheetName, firstColumn: plan.firstColumn, reason: plan.reason };
  } finally {
    pkg.close();
  }
}

/** The package being copied, and where. */
export interface PackageCopy {
  bytes: Buffer;
  pkg: WorkbookPackage;
  info: WorkbookInfo;
  file: string;
  out: string;
  /** The cohort sheet, which a plan for columns beside the data writes into. */
  sheetName: string;
  /** Where the cohort sheet's rows lie in its part, as the reader found them. */
  rows?: SheetRowSpans;
}

/** Writes the copy with the plan's cells, formats and (for a results sheet) its part and entries, and the record. */
export async function writePlan(
  copy: PackageCopy,
  plan: WritePlan,
  record: OwnershipRecord | null = null,
): Promise<void> {
  const { pkg, info } = copy;
  const edit = new PackageEdit(pkg);
  const writes = sheetWrites(plan);
  let spansInUse: SheetRowSpans | undefined;
  writes.formats = planFormats(plan, await differentialFormats(edit, info));
  if (record) await putCustomXmlParts(edit, info, ownershipParts(record), isOwnershipNamespace);
  if (plan.target === 'columns') {
    const sheet = info.sheets.find((s) => s.name === copy.sheetName);
    if (!sheet)
      throw new WorkbookFileError(
        `the workbook is damaged and cannot be read (sheet "${copy.sheetName}" is not in workbook.xml); open and re-save it in Excel`,
      );
    const part = sheetPart(pkg, sheet);
    const entry = pkg.entry(part);
    // The reader's offsets serve only the bytes it read (the same CRC-32 and size).
    spansInUse =
      copy.rows?.crc32 === entry?.crc32 && copy.rows?.size === entry?.uncompressedSize ? copy.rows : undefined;
    edit.setContent(part, (original) => patchSheet(original, writes, spansInUse));
  } else {
    const existing = plan.sheet?.create ? undefined : info.sheets.find((s) => s.name === plan.sheetName);
    const part = existing
      ? sheetPart(pkg, existing)
      : freePartName(edit.partNames(), `${folderOf(info.part)}worksheets/sheet`, '.xml');
    if (!existing) {
      const id = await addWorkbookPart(edit, info, part, 'worksheet', WORKSHEET_CONTENT_TYPE);
      const workbook = await edit.text(info.part);
      edit.setText(info.part, withSheetEntry(workbook ?? '', plan.sheetName, id));
      await listSheetInAppProperties(edit, info, plan.sheetName);
    }
    edit.setContent(part, () => patchSheet([Buffer.from(emptySheetXml())], writes));
  }
  try {
    await edit.write(copy.bytes, copy.out).catch(async (error: unknown) => {
      // Offsets that do not fit the part (text decoded otherwise than the reader did): the copy is made again, the
      // part scanned by the writer itself.
      if (!(error instanceof RowSpansMismatch)) throw error;
      spansInUse = undefined;
      await edit.write(copy.bytes, copy.out);
    });
  } catch (error) {
    // A part found damaged while it is copied (its CRC-32): the file's fault, named as when it is read; no copy is left.
    if (error instanceof WorkbookFileError) throw new UserError(`${copy.file}: ${error.message}`);
    if (error instanceof XmlSyntaxError || error instanceof PartTooLargeError) {
      throw new UserError(
        `--out ${copy.out}: not written: ${copy.file} ${error.message}; open and re-save it in Excel, then check again`,
      );
    }
    throw outWriteError(copy.out, error);
  }
}
