// Writes a WritePlan through Office.js: one sync to check the target, one per chunk of rows (values, with calculation
// suspended, and the source rows of the next chunk read back to catch a sheet changed meanwhile), one for formats.
import { columnLetters, rangeAddress } from '../cohort/address';
import { STATUS_STYLE, STATUSES } from '../cohort/results';
import type { CellValue } from '../cohort/types';
import { describeExcelError } from './errors';
import type { HostContext, HostRange, HostRun, HostWorksheet } from './host';
import type { WritePlan } from '../cohort/placement';
import { CheckCancelled, CheckFailed, type Progress, type WrittenRows } from './progress';
import { cellValueFromHost } from './read-sheet';
import { isHighlightFormula, NOT_COUNTED_STYLE } from '../cohort/unit-highlight';

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

function statusFormats(range: HostRange): void {
  range.conditionalFormats.clearAll();
  for (const status of STATUSES) {
    const format = range.conditionalFormats.add('CellValue');
    format.cellValue.format.fill.color = STATUS_STYLE[status].fill;
    format.cellValue.format.font.color = STATUS_STYLE[status].font;
    format.cellValue.rule = { formula1: `="${status}"`, operator: 'EqualTo' };
  }
}

/**
 * Replaces the add-in's own highlight on the unit cells, leaving any format of the user's there as it is: two syncs,
 * one to read the formulas of the custom formats on the range, one to delete the add-in's and add the new one.
 */
async function replaceHighlight(context: HostContext, units: HostRange, formula: string): Promise<void> {
  const custom = units.conditionalFormats.items.filter((format) => format.type === 'Custom');
  const rules = custom.map((format) => format.custom.rule.load('formula'));
  if (rules.length > 0) await context.sync();
  custom.forEach((format, i) => {
    if (isHighlightFormula(rules[i].formula)) format.delete();
  });
  const highlight = units.conditionalFormats.add('Custom');
  highlight.custom.rule.formula = formula;
  highlight.custom.format.fill.color = NOT_COUNTED_STYLE.fill;
  highlight.custom.format.font.color = NOT_COUNTED_STYLE.font;
  await context.sync();
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
      await context.sync();
      if (target.protection.protected)
        throw describeExcelError({ code: 'AccessDenied', message: 'protected' }, setting());

      for (const [k, chunk] of chunks.entries()) {
        if (options.signal?.aborted) throw new CheckCancelled('writing', written);
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

      options.onProgress?.({ phase: 'formatting', done: 0, total: 1 });
      for (const stale of plan.staleRanges) target.getRange(stale).clear('Contents');
      if (plan.rows.length > 0) {
        const status = left + plan.statusColumn;
        statusFormats(
          target.getRange(rangeAddress({ top: plan.firstRow, left: status, bottom: lastRow, right: status })),
        );
      }
      const units = plan.highlight ? target.getRange(plan.highlight.range) : null;
      units?.conditionalFormats.load('items/type');
      await context.sync();
      if (units && plan.highlight) await replaceHighlight(context, units, plan.highlight.formula);
      options.onProgress?.({ phase: 'formatting', done: 1, total: 1 });
      return {
        written: written ?? {
          sheetName: plan.sheetName,
          range: rangeAddress({ top: plan.headerRow, left, bottom: plan.headerRow, right }),
          firstRow: plan.firstRow,
          lastRow: plan.firstRow - 1,
        },
        chunks: chunks.length,
      };
    } catch (error) {
      throw describeExcelError(error, setting());
    }
  });
}
