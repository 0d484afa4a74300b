// Writes a WritePlan through Office.js: one sync to check the target, one per chunk of rows (values, with calculation
// suspended, and the source rows of the next chunk read back to catch a sheet changed meanwhile), one for formats. What
// the formats need to know (the unit cells' own conditional formats) is read along with the first two, and a caller's
// work (the ownership record) rides in the first and last, so none of it costs a sync of its own.
import { columnLetters, rangeAddress } from '../sheet';
import { isStatusRuleFormula, STATUS_STYLE, STATUSES, statusWord } from '../cohort/verdict';
import type { CellValue } from '../sheet';
import { describeExcelError, mergeInTheWay } from './errors';
import { mergedAreasIn } from './merged-areas';
import type { HostConditionalFormat, HostContext, HostRange, HostRun, HostWorksheet } from './host';
import type { WritePlan } from '../placement';
import { CheckCancelled, CheckFailed, type Progress, type WrittenRows } from './progress';
import { cellValueFromHost } from './read-sheet';
import { isHighlightFormula, NOT_COUNTED_STYLE } from '../placement';

/** The cohort's key column as it was read, to notice a sheet edited (rows inserted, sorted) while the check ran. */
export interface SourceCheck {
  sheetName: string;
  /** 1-based key column (the learner id, else the first column read). */
  column: number;
  expected: (row: number) => CellValue;
  /** Source rows behind plan rows `first..last` (0-based indexes into `plan.rows`). */
  rowsFor: (first: number, last: number) => { top: number; bottom: number };
}

export interface WriteOptions {
  targetBytes?: number;
  maxChunkRows?: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /**
   * The caller's work batched with the writes: called before the first sync to queue what it reads, it returns what
   * to queue into the last sync, given the rows written by then (all of them, or fewer after a cancel).
   */
  alongside?: (context: HostContext) => (written: WrittenRows) => void;
  /** Whether the rows a cancelled write does not reach hold an earlier check's results (for the cancel message). */
  earlierResults?: boolean;
}

export const WRITE_DEFAULTS = { targetBytes: 1_500_000, maxChunkRows: 5_000 } as const;

export interface WriteOutcome {
  written: WrittenRows;
  chunks: number;
}

/** Splits rows into chunks whose JSON stays near `targetBytes`. */
export function chunkRows(
  rows: readonly unknown[][],
  targetBytes: number,
  maxRows: number,
): { first: number; last: number }[] {
  const chunks: { first: number; last: number }[] = [];
  let first = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const size = JSON.stringify(row).length + 1;
    if (i > first && (bytes + size > targetBytes || i - first >= maxRows)) {
      chunks.push({ first, last: i - 1 });
      first = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (rows.length > 0) chunks.push({ first, last: rows.length - 1 });
  return chunks;
}

function same(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !(a instanceof Date) && !(b instanceof Date))
    return a.error === b.error;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

function show(value: CellValue): string {
  if (value === null) return 'empty';
  if (typeof value === 'object' && !(value instanceof Date)) return value.error;
  return `"${String(value)}"`;
}

interface Probe {
  top: number;
  range: HostRange;
}

function queueProbe(sheet: HostWorksheet, source: SourceCheck, chunk: { first: number; last: number }): Probe {
  const { top, bottom } = source.rowsFor(chunk.first, chunk.last);
  const range = sheet.getRange(rangeAddress({ top, left: source.column, bottom, right: source.column })).load('values');
  return { top, range };
}

function compareProbe(probe: Probe, source: SourceCheck): string | undefined {
  const values = probe.range.values;
  for (let i = 0; i < values.length; i++) {
    const row = probe.top + i;
    const now = cellValueFromHost(values[i][0]);
    const was = source.expected(row);
    if (!same(now, was))
      return `${columnLetters(source.column)}${row} was ${show(was)} when the check read it and is ${show(now)} now`;
  }
  return undefined;
}

function addStatusFormats(range: HostRange): void {
  for (const status of STATUSES) {
    const format = range.conditionalFormats.add('CellValue');
    format.cellValue.format.fill.color = STATUS_STYLE[status].fill;
    format.cellValue.format.font.color = STATUS_STYLE[status].font;
    format.cellValue.rule = { formula1: `="${statusWord(status)}"`, operator: 'EqualTo' };
  }
}

/** A format read for recognising qualcheck's own: what decides it is read in the write's second sync. */
interface ReadFormat {
  format: HostConditionalFormat;
  isOwn: () => boolean;
}

/**
 * qualcheck's own conditional formats are replaced rule by rule, as the package writer replaces them: the status rules
 * (a cell-value rule equal to a status word, over one range inside the status column) and the unit highlight (its
 * formula). Every other rule over those cells, the user's, stays with its place among the rules; clearing the status
 * cells' formats instead would cut the user's rules there. The formats' kinds are read in the write's first sync, what
 * recognises them in its second (the first chunk), and the swap is made in the last.
 */
class OwnFormatSwap {
  private read: ReadFormat[] | null = null;

  constructor(
    private readonly units: HostRange | null,
    private readonly highlight: { formula: string } | undefined,
    private readonly status: HostRange | null,
    private readonly statusColumn: number,
  ) {
    units?.conditionalFormats.load('items/type');
    status?.conditionalFormats.load('items/type');
  }

  /** After the first sync: queues the reads that recognise qualcheck's rules. Whether there are any to read. */
  queueRecognise(): boolean {
    const custom = (this.units?.conditionalFormats.items ?? [])
      .filter((format) => format.type === 'Custom')
      .map((format): ReadFormat => {
        const rule = format.custom.rule.load('formula');
        return { format, isOwn: () => isHighlightFormula(rule.formula) };
      });
    const cellValue = (this.status?.conditionalFormats.items ?? [])
      .filter((format) => format.type === 'CellValue')
      .map((format): ReadFormat => {
        const rule = format.cellValue.load('rule');
        const range = format.getRangeOrNullObject().load('columnIndex,columnCount');
        return {
          format,
          isOwn: () =>
            !range.isNullObject &&
            range.columnCount === 1 &&
            range.columnIndex === this.statusColumn - 1 &&
            rule.rule.operator === 'EqualTo' &&
            isStatusRuleFormula(rule.rule.formula1),
        };
      });
    this.read = [...custom, ...cellValue];
    return this.read.length > 0;
  }

  /** After the recognising sync: queues the delete of qualcheck's rules and the add of the new ones. */
  queueSwap(statusCells: HostRange | null): void {
    for (const { format, isOwn } of this.read ?? []) if (isOwn()) format.delete();
    if (this.units && this.highlight) {
      const added = this.units.conditionalFormats.add('Custom');
      added.custom.rule.formula = this.highlight.formula;
      added.custom.format.fill.color = NOT_COUNTED_STYLE.fill;
      added.custom.format.font.color = NOT_COUNTED_STYLE.font;
    }
    if (statusCells) addStatusFormats(statusCells);
  }
}

export async function writeResults(
  run: HostRun,
  plan: WritePlan,
  source: SourceCheck,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const settings = { ...WRITE_DEFAULTS, ...options };
  const chunks = chunkRows(plan.rows, settings.targetBytes, settings.maxChunkRows);
  const width = plan.header.length;
  const left = plan.firstColumn;
  const right = left + width - 1;
  const lastRow = plan.firstRow + plan.rows.length - 1;
  let written: WrittenRows | null = null;
  const setting = () => ({ sheetName: plan.sheetName, beside: plan.target === 'columns', written, lastRow });

  return run(async (context: HostContext) => {
    try {
      const sheets = context.workbook.worksheets;
      const sourceSheet = sheets.getItem(source.sheetName);
      let target: HostWorksheet;
      if (plan.sheet?.create) target = sheets.add(plan.sheet.name);
      else target = plan.target === 'columns' ? sourceSheet : sheets.getItem(plan.sheetName);
      if (plan.sheet && !plan.sheet.create) target.getRange().clear('All');
      target.protection.load('protected');
      let probe: Probe | null = chunks.length > 0 ? queueProbe(sourceSheet, source, chunks[0]) : null;
      const statusColumn = left + plan.statusColumn;
      const swap = new OwnFormatSwap(
        plan.highlight ? target.getRange(plan.highlight.range) : null,
        plan.highlight,
        plan.rows.length > 0
          ? target.getRange(
              rangeAddress({ top: plan.firstRow, left: statusColumn, bottom: lastRow, right: statusColumn }),
            )
          : null,
        statusColumn,
      );
      const finishAlongside = options.alongside?.(context);
      await context.sync();
      if (target.protection.protected)
        throw describeExcelError({ code: 'AccessDenied', message: 'protected' }, setting());
      // The formulas are read with the first chunk; with no chunk to write, in a sync of their own.
      if (swap.queueRecognise() && chunks.length === 0) await context.sync();

      /** Queues the formats (and the caller's last work) for the rows written so far, and sends them. */
      const finish = async (rows: WrittenRows) => {
        options.onProgress?.({ phase: 'formatting', done: 0, total: 1 });
        swap.queueSwap(
          rows.lastRow >= rows.firstRow
            ? target.getRange(
                rangeAddress({ top: rows.firstRow, left: statusColumn, bottom: rows.lastRow, right: statusColumn }),
              )
            : null,
        );
        finishAlongside?.(rows);
        await context.sync();
        options.onProgress?.({ phase: 'formatting', done: 1, total: 1 });
      };

      for (const [k, chunk] of chunks.entries()) {
        if (options.signal?.aborted) {
          // The rows already written keep their colours (and the record of what was written), as a finished check's do.
          if (written) await finish(written);
          throw new CheckCancelled('writing', written, options.earlierResults ?? false);
        }
        const change = probe ? compareProbe(probe, source) : undefined;
        if (change) {
          throw new CheckFailed(
            `The sheet changed while the check ran (${change}), so the results would land on the wrong learners. ` +
              `${written ? `Results for rows ${written.firstRow}–${written.lastRow} were written; rows ${written.lastRow + 1}–${lastRow} were not.` : 'Nothing was written.'} Check again.`,
            written,
          );
        }
        context.workbook.application.suspendApiCalculationUntilNextSync();
        if (k === 0)
          target.getRange(rangeAddress({ top: plan.headerRow, left, bottom: plan.headerRow, right })).values = [
            plan.header,
          ];
        const top = plan.firstRow + chunk.first;
        const bottom = plan.firstRow + chunk.last;
        for (const offset of plan.textColumns) {
          const column = left + offset;
          target.getRange(rangeAddress({ top, left: column, bottom, right: column })).numberFormat = Array.from(
            { length: bottom - top + 1 },
            () => ['@'],
          );
        }
        target.getRange(rangeAddress({ top, left, bottom, right })).values = plan.rows.slice(
          chunk.first,
          chunk.last + 1,
        );
        probe = k + 1 < chunks.length ? queueProbe(sourceSheet, source, chunks[k + 1]) : null;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk on purpose: it keeps each request under Excel's size limit and reads back the next chunk's learner IDs, so a sheet changed meanwhile stops the writes
        await context.sync();
        written = {
          sheetName: plan.sheetName,
          range: rangeAddress({ top: plan.headerRow, left, bottom, right }),
          firstRow: plan.firstRow,
          lastRow: bottom,
        };
        options.onProgress?.({ phase: 'writing', done: chunk.last + 1, total: plan.rows.length });
      }

      for (const stale of plan.staleRanges) target.getRange(stale).clear('Contents');
      const all: WrittenRows = written ?? {
        sheetName: plan.sheetName,
        range: rangeAddress({ top: plan.headerRow, left, bottom: plan.headerRow, right }),
        firstRow: plan.firstRow,
        lastRow: plan.firstRow - 1,
      };
      await finish(all);
      return { written: all, chunks: chunks.length };
    } catch (error) {
      throw describeExcelError(error, { ...setting(), merged: await mergesInBlock(context, plan, error) });
    }
  });
}

/**
 * The merged areas over the result columns beside the data, after Excel refused the write for a merge, so the words
 * can name them: a merge made while the check ran, or anywhere before ExcelApi 1.13 (then none can be named).
 */
async function mergesInBlock(context: HostContext, plan: WritePlan, error: unknown): Promise<string[] | undefined> {
  if (plan.target !== 'columns' || !mergeInTheWay(error)) return undefined;
  const block = {
    top: plan.headerRow,
    left: plan.firstColumn,
    bottom: plan.firstRow + Math.max(plan.rows.length - 1, 0),
    right: plan.firstColumn + plan.header.length - 1,
  };
  try {
    return await mergedAreasIn(context, context.workbook.worksheets.getItem(plan.sheetName), rangeAddress(block));
  } catch {
    // Naming the cells is a courtesy: a failure to ask leaves Excel's refusal, worded without them, as the report.
    return undefined;
  }
}
