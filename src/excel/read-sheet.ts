// Reads the active sheet (its used range, or the selected table or range) into the reader's Grid, in chunks of rows
// sized so no response comes near Excel's payload limit, with one sync per chunk (two when some of its rows are hidden).
// Number formats only tell a date serial from a number, so they are read only where a cell holds a number: for the
// columns that held numbers in the chunk before, with the chunk's values; for any other number, in the next sync.
import { rangeAddress, type CellRange, oversizeMessage } from '../sheet';
import type { CellValue, Grid, ReadScope } from '../sheet';
import type { HostCellInput, HostContext, HostRange, HostRun } from './host';
import { isHostError } from './host';
import { locate, toRange } from './read-area';
import { CheckCancelled, CheckFailed, type Progress, yieldToUi } from './progress';

export type { ReadScope };

export interface SheetRead {
  grid: Grid;
  /** Whether the block read is the whole used range (so every cell outside it is empty). */
  wholeSheet: boolean;
  sheetName: string;
  /** The A1 range read (without the sheet name). */
  range: string;
  /** In words, for the pane: `used range A1:F31`, `table Learners (A3:F40)`, `selection B2:H90`. */
  source: string;
  chunks: number;
  /** How many pivot tables the sheet holds: a sheet with one is a summary Excel made, not a cohort. */
  pivotTables: number;
}

export interface ReadSheetOptions {
  scope?: ReadScope;
  /** Read only this part of the used range (1-based sheet rectangle); for cells beside a table or selection. */
  area?: CellRange;
  /** Rows of the first chunk, before the next chunks are sized from the bytes the first one cost. */
  firstChunkCells?: number;
  maxChunkRows?: number;
  /** Bytes a chunk's response should stay near; Excel on the web fails a request or response over about 5 MB. */
  targetBytes?: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /**
   * Other reads to queue into the first sync (the one that finds the sheet); the function it gives back is awaited
   * once the block is read, in the same batch, so what it read can lead to more reads without a batch of its own.
   */
  alongside?: (context: HostContext) => () => Promise<void>;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

// 2.5 MB leaves room under Excel's 5 MB (and the fake host's 4 MB) for a chunk whose texts the estimate undercounts.
export const READ_DEFAULTS = { firstChunkCells: 40_000, maxChunkRows: 20_000, targetBytes: 2_500_000 } as const;

const EXCEL_ERROR =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;

/** Office.js gives `""` for an empty cell and the error text (`#N/A`) for an error; the reader wants null and `{error}`. */
export function cellValueFromHost(value: HostCellInput | undefined): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && EXCEL_ERROR.test(value)) return { error: value };
  return value;
}

/**
 * About what a chunk's values cost on the wire, without serialising them: a text its length and quotes, anything else
 * a number's worth. Non-ASCII texts cost more than counted; a chunk Excel refuses is read again in halves.
 */
function estimateBytes(values: readonly (readonly HostCellInput[])[]): number {
  let bytes = 2;
  for (const row of values) {
    bytes += 3;
    for (const value of row) bytes += typeof value === 'string' ? value.length + 3 : 12;
  }
  return bytes;
}

/** A block of cells whose number formats are still to be read, relative to the read block. */
interface FormatRun {
  row: number;
  column: number;
  rows: number;
}

/** Vertical runs of number cells in the given columns of a chunk (rows `first`.. of the block); gaps of a few cells are bridged. */
function numberRuns(
  values: readonly (readonly HostCellInput[])[],
  first: number,
  columns: Iterable<number>,
): FormatRun[] {
  const runs: FormatRun[] = [];
  for (const column of columns) {
    let open: FormatRun | null = null;
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i][column] !== 'number') continue;
      if (open && first + i - (open.row + open.rows) <= RUN_GAP) open.rows = first + i - open.row + 1;
      else runs.push((open = { row: first + i, column, rows: 1 }));
    }
  }
  return runs;
}

const RUN_GAP = 4;

/** Columns where at least half the chunk's rows hold a number: the next chunk reads their formats with its values. */
function numberColumns(values: readonly (readonly HostCellInput[])[], width: number): number[] {
  const counts = new Array<number>(width).fill(0);
  for (const row of values) for (let j = 0; j < width; j++) if (typeof row[j] === 'number') counts[j]++;
  return counts.flatMap((n, j) => (n * 2 >= values.length && n > 0 ? [j] : []));
}

export function isPayloadError(error: unknown): boolean {
  return isHostError(error) && /PayloadSizeLimitExceeded/.test(error.code);
}

/** Reads the block in chunks. Hidden rows and columns are asked for in bulk and only row by row where a chunk mixes both. */
export async function readSheet(run: HostRun, options: ReadSheetOptions = {}): Promise<SheetRead> {
  return run(async (context) => {
    const finishAlongside = options.alongside?.(context);
    const read = await readBlock(context, options);
    await finishAlongside?.();
    return read;
  });
}

async function readBlock(context: HostContext, options: ReadSheetOptions): Promise<SheetRead> {
  const settings = { ...READ_DEFAULTS, ...options };
  const located = await locate(context, options.scope ?? 'sheet', options.area);
  const grid: Grid = {
    sheetName: located.sheetName,
    values: [],
    top: 1,
    left: 1,
    numberFormats: [],
    hiddenRows: [],
    hiddenColumns: [],
    tables: located.tables,
  };
  if (!located.box)
    return {
      grid,
      wholeSheet: located.wholeSheet === true,
      sheetName: located.sheetName,
      range: 'A1',
      source: located.source,
      chunks: 0,
      pivotTables: located.pivotTables,
    };

  const box = located.box;
  const tooLarge = oversizeMessage(located.sheetName, toRange(box));
  if (tooLarge) throw new CheckFailed(`Nothing was read or written: ${tooLarge}.`, null);
  const sheet = context.workbook.worksheets.getItem(located.sheetName);
  const left = box.columnIndex + 1;
  const right = box.columnIndex + box.columnCount;
  grid.top = box.rowIndex + 1;
  grid.left = left;
  const values = grid.values;
  const formats = grid.numberFormats as string[][];
  const hiddenRows = grid.hiddenRows as number[];

  const width = box.columnCount;
  const formatsOf = (row: number) => (formats[row] ??= []);
  const formatLoad = (run: FormatRun) => ({
    run,
    range: sheet
      .getRange(
        rangeAddress({
          top: grid.top + run.row,
          left: left + run.column,
          bottom: grid.top + run.row + run.rows - 1,
          right: left + run.column,
        }),
      )
      .load('numberFormat'),
  });
  const keepFormats = (loads: { run: FormatRun; range: HostRange }[]) => {
    for (const { run, range } of loads) {
      const got = range.numberFormat;
      for (let i = 0; i < run.rows; i++)
        if (typeof values[run.row + i]?.[run.column] === 'number')
          formatsOf(run.row + i)[run.column] = got[i]?.[0] ?? '';
    }
  };
  /** Formats of number cells the last sync could not ask for yet; they ride along with the next sync. */
  let owed: FormatRun[] = [];
  let predicted: number[] = [];

  let rows = Math.max(1, Math.min(settings.maxChunkRows, Math.floor(settings.firstChunkCells / width)));
  let done = 0;
  let chunks = 0;
  while (done < box.rowCount) {
    if (options.signal?.aborted) throw new CheckCancelled('reading', null);
    const count = Math.min(rows, box.rowCount - done);
    const top = grid.top + done;
    const chunk = sheet.getRange(rangeAddress({ top, left, bottom: top + count - 1, right }));
    // Hidden columns are the same for every chunk: the first one reads them.
    if (chunks === 0) chunk.load('values,rowHidden,columnHidden');
    else chunk.load('values,rowHidden');
    const owedLoads = owed.map(formatLoad);
    const strips = predicted.map((column) => ({ column, range: chunk.getColumn(column).load('numberFormat') }));
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk on purpose: a chunk is sized to stay near 2.5 MB, under Excel's limit on one request's response
      await context.sync();
    } catch (error) {
      // A chunk of unusually long texts: halve it and read again (reads change nothing, so a retry is safe).
      if (isPayloadError(error) && count > 1) {
        rows = Math.max(1, Math.floor(count / 2));
        continue;
      }
      throw error;
    }
    // The response of a sync (megabytes, parsed by Office.js) and the chunk's reading here are two tasks, not one long
    // one: at 20,000 learners the two together held the pane's thread for over 100 ms.
    await yieldToUi();
    keepFormats(owedLoads);
    const chunkValues = chunk.values;
    for (let i = 0; i < count; i++) {
      values.push((chunkValues[i] ?? []).map(cellValueFromHost));
      formatsOf(done + i);
    }
    for (const { column, range } of strips) {
      const got = range.numberFormat;
      for (let i = 0; i < count; i++)
        if (typeof chunkValues[i]?.[column] === 'number') formatsOf(done + i)[column] = got[i]?.[0] ?? '';
    }
    const stripped = new Set(predicted);
    owed = numberRuns(
      chunkValues,
      done,
      Array.from({ length: width }, (_, j) => j).filter((j) => !stripped.has(j)),
    );
    predicted = numberColumns(chunkValues, width);
    await readHidden(
      context,
      chunk,
      top,
      count,
      chunks === 0 ? width : 0,
      left,
      hiddenRows,
      grid.hiddenColumns as number[],
    );
    chunks++;
    done += count;
    const bytesPerRow = estimateBytes(chunkValues) / count;
    rows = Math.max(1, Math.min(settings.maxChunkRows, Math.floor(settings.targetBytes / Math.max(1, bytesPerRow))));
    options.onProgress?.({ phase: 'reading', done, total: box.rowCount });
  }
  if (owed.length > 0) {
    const loads = owed.map(formatLoad);
    await context.sync();
    keepFormats(loads);
  }
  return {
    grid,
    wholeSheet: located.wholeSheet === true,
    sheetName: located.sheetName,
    range: rangeAddress(toRange(box)),
    source: located.source,
    chunks,
    pivotTables: located.pivotTables,
  };
}

/** One extra sync, only when the chunk mixes hidden and visible rows (or, for the first chunk, columns). */
async function readHidden(
  context: HostContext,
  chunk: HostRange,
  top: number,
  count: number,
  columnCount: number,
  left: number,
  hiddenRows: number[],
  hiddenColumns: number[],
): Promise<void> {
  const rowsMixed = chunk.rowHidden === null;
  const columnsMixed = columnCount > 0 && chunk.columnHidden === null;
  if (!rowsMixed && chunk.rowHidden) for (let i = 0; i < count; i++) hiddenRows.push(top + i);
  if (columnCount > 0 && !columnsMixed && chunk.columnHidden)
    for (let j = 0; j < columnCount; j++) hiddenColumns.push(left + j);
  if (!rowsMixed && !columnsMixed) return;
  const rowProbes = rowsMixed ? Array.from({ length: count }, (_, i) => chunk.getRow(i).load('rowHidden')) : [];
  const columnProbes = columnsMixed
    ? Array.from({ length: columnCount }, (_, j) => chunk.getColumn(j).load('columnHidden'))
    : [];
  await context.sync();
  rowProbes.forEach((probe, i) => {
    if (probe.rowHidden) hiddenRows.push(top + i);
  });
  columnProbes.forEach((probe, j) => {
    if (probe.columnHidden) hiddenColumns.push(left + j);
  });
}
