// Writes the owned result columns into a copy of the workbook. Where they go is decided by the same plan the add-in
// follows (src/excel/placement.ts), so a workbook checked from the command line looks as if the add-in had checked it.
import type ExcelJS from 'exceljs';
import { columnLetters, parseRange, rangeAddress } from '../cohort/address';
import type { LearnerCheck } from '../cohort/check';
import { resultsBlock, STATUS_STYLE, STATUSES } from '../cohort/results';
import type { CohortReading, Grid } from '../cohort/types';
import { isResultsSheetHeader, planBeside, planResultsSheet, RESULTS_SHEET, RESULTS_SHEET_NAMES, SheetCells, type WritePlan } from '../excel/placement';
import { isHighlightFormula, NOT_COUNTED_STYLE, unitHighlight, withNotCounted } from '../excel/unit-highlight';
import { UserError } from './user-error';

export { RESULTS_SHEET };

export interface WriteOutcome {
  /** Where the results went: the cohort sheet's columns, or a separate sheet because those columns held the user's data. */
  target: 'columns' | 'sheet';
  sheetName: string;
  firstColumn: number;
  reason?: string;
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function fill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(hex) } };
}

type Formats = ExcelJS.ConditionalFormattingOptions[];

function formatsOf(worksheet: ExcelJS.Worksheet): Formats {
  return (worksheet as unknown as { conditionalFormattings?: Formats }).conditionalFormattings ?? [];
}

/** Drops the conditional formats an earlier run wrote (status column, unit highlight), so a second run adds none. */
function dropOwnFormats(worksheet: ExcelJS.Worksheet, statusColumn: number): void {
  const formats = formatsOf(worksheet);
  const letters = columnLetters(statusColumn);
  const status = new RegExp(`^${letters}\\d+:${letters}\\d+$`);
  for (let i = formats.length - 1; i >= 0; i--) {
    const f = formats[i];
    const ours = status.test(f.ref) || f.rules.some((r) => r.type === 'expression' && (r.formulae ?? []).some((x) => isHighlightFormula(`=${String(x).replace(/^=/, '')}`)));
    if (ours) formats.splice(i, 1);
  }
}

/** A results sheet the tool wrote before is reused; one of the user's with that name is left alone. */
function resultsSheetName(workbook: ExcelJS.Workbook): { name: string; create: boolean } {
  for (const name of RESULTS_SHEET_NAMES) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) return { name, create: true };
    const head = [1, 2, 3].map((c) => sheet.getRow(1).getCell(c).value);
    if (isResultsSheetHeader(head)) return { name, create: false };
  }
  throw new UserError(`sheets "${RESULTS_SHEET}" to "${RESULTS_SHEET} 9" all hold other data; rename one of them and check again`);
}

function applyPlan(workbook: ExcelJS.Workbook, cohortSheet: ExcelJS.Worksheet, plan: WritePlan): void {
  let worksheet = cohortSheet;
  if (plan.sheet) {
    const existing = workbook.getWorksheet(plan.sheet.name);
    if (existing) workbook.removeWorksheet(existing.id);
    worksheet = workbook.addWorksheet(plan.sheet.name);
  }
  const header = worksheet.getRow(plan.headerRow);
  plan.header.forEach((text, i) => {
    header.getCell(plan.firstColumn + i).value = text;
  });
  plan.rows.forEach((values, r) => {
    const row = worksheet.getRow(plan.firstRow + r);
    values.forEach((value, i) => {
      const cell = row.getCell(plan.firstColumn + i);
      cell.value = value === '' ? null : value;
      if (plan.textColumns.includes(i)) cell.numFmt = '@';
    });
  });
  for (const stale of plan.staleRanges) {
    const range = parseRange(stale);
    if (!range) continue;
    for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) worksheet.getRow(r).getCell(c).value = null;
  }

  const statusColumn = plan.firstColumn + plan.statusColumn;
  dropOwnFormats(worksheet, statusColumn);
  if (plan.rows.length > 0) {
    const lastRow = plan.firstRow + plan.rows.length - 1;
    worksheet.addConditionalFormatting({
      ref: rangeAddress({ top: plan.firstRow, left: statusColumn, bottom: lastRow, right: statusColumn }),
      rules: STATUSES.map((status, i) => ({
        type: 'cellIs' as const,
        operator: 'equal' as const,
        formulae: [`"${status}"`],
        priority: i + 1,
        style: { fill: fill(STATUS_STYLE[status].fill), font: { color: { argb: argb(STATUS_STYLE[status].font) } } },
      })),
    });
  }
  if (plan.highlight) {
    worksheet.addConditionalFormatting({
      ref: plan.highlight.range,
      rules: [
        {
          type: 'expression',
          // exceljs writes the formula as stored in the file, without the leading '='.
          formulae: [plan.highlight.formula.replace(/^=/, '')],
          priority: STATUSES.length + 1,
          style: { fill: fill(NOT_COUNTED_STYLE.fill), font: { color: { argb: argb(NOT_COUNTED_STYLE.font) } } },
        },
      ],
    });
  }
  plan.header.forEach((text, i) => {
    worksheet.getColumn(plan.firstColumn + i).width = i === plan.statusColumn ? 14 : /violations|next step/.test(text) ? 60 : 16;
  });
}

/**
 * Writes the results where a previous run put them, or right of the data; when any of those cells holds something
 * the tool did not write, to a separate results sheet instead: the user's data is never overwritten.
 */
export function writeResults(workbook: ExcelJS.Workbook, worksheet: ExcelJS.Worksheet, grid: Grid, reading: CohortReading, checks: readonly LearnerCheck[]): WriteOutcome {
  const block = withNotCounted(resultsBlock(reading, checks), reading, checks, grid);
  const beside = planBeside(new SheetCells([grid]), worksheet.name, reading, block);
  let plan: WritePlan;
  if ('blockedBy' in beside) {
    const sheet = resultsSheetName(workbook);
    plan = planResultsSheet(sheet.name, sheet.create, reading, checks, block, beside.blockedBy);
  } else {
    plan = beside;
    plan.highlight = unitHighlight(reading, plan);
  }
  applyPlan(workbook, worksheet, plan);
  return { target: plan.target, sheetName: plan.sheetName, firstColumn: plan.firstColumn, reason: plan.reason };
}
