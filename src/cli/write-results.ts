// Writes the owned result columns into a copy of the workbook, coloured by conditional formatting.
import type ExcelJS from 'exceljs';
import { columnLetters } from '../cohort/address';
import type { LearnerCheck } from '../cohort/check';
import { isResultHeader, resultsBlock, STATUS_STYLE, STATUSES, type ResultsBlock } from '../cohort/results';
import type { CohortReading } from '../cohort/types';

export const RESULTS_SHEET = 'qualcheck results';

export interface WriteOutcome {
  /** Where the results went: the cohort sheet's columns, or a separate sheet because those columns held the user's data. */
  target: 'columns' | 'sheet';
  sheetName: string;
  firstColumn: number;
  reason?: string;
}

function isBlank(value: ExcelJS.CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function statusFormatting(ref: string): ExcelJS.ConditionalFormattingOptions {
  return {
    ref,
    rules: STATUSES.map((status, i) => ({
      type: 'cellIs' as const,
      operator: 'equal' as const,
      formulae: [`"${status}"`],
      priority: i + 1,
      style: {
        fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(STATUS_STYLE[status].fill) } },
        font: { color: { argb: argb(STATUS_STYLE[status].font) } },
      },
    })),
  };
}

/** Drops conditional formats an earlier run put on the columns we now rewrite, so a second run adds none. */
function dropOwnFormatting(worksheet: ExcelJS.Worksheet, column: number): void {
  const letters = columnLetters(column);
  const own = new RegExp(`^${letters}\\d+:${letters}\\d+$`);
  const formats = (worksheet as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
  if (!formats) return;
  for (let i = formats.length - 1; i >= 0; i--) if (own.test(formats[i].ref)) formats.splice(i, 1);
}

function writeBlock(worksheet: ExcelJS.Worksheet, headerRow: number, firstColumn: number, block: ResultsBlock): void {
  const header = worksheet.getRow(headerRow);
  block.header.forEach((text, i) => {
    header.getCell(firstColumn + i).value = text;
  });
  block.rows.forEach((values, r) => {
    const row = worksheet.getRow(headerRow + 1 + r);
    values.forEach((value, i) => {
      row.getCell(firstColumn + i).value = value;
    });
  });
  const statusColumn = firstColumn + block.statusColumn;
  dropOwnFormatting(worksheet, statusColumn);
  if (block.rows.length > 0) {
    const letters = columnLetters(statusColumn);
    worksheet.addConditionalFormatting(statusFormatting(`${letters}${headerRow + 1}:${letters}${headerRow + block.rows.length}`));
  }
  for (let i = 0; i < block.header.length; i++) {
    const column = worksheet.getColumn(firstColumn + i);
    column.width = i === block.statusColumn ? 14 : i >= 4 ? 60 : 16;
  }
}

/**
 * Finds where the owned columns go: where a previous run put them, or right of the data. When any of those cells holds
 * something the add-in did not write, the results go to a separate sheet instead: the user's data is never overwritten.
 */
export function placeResults(worksheet: ExcelJS.Worksheet, reading: CohortReading, width: number): { firstColumn: number; free: boolean; reason?: string } {
  const header = worksheet.getRow(reading.headerRow);
  let firstColumn = reading.lastColumn + 1;
  for (let c = 1; c <= Math.max(worksheet.columnCount, reading.lastColumn + width); c++) {
    if (isResultHeader(header.getCell(c).value)) {
      firstColumn = c;
      break;
    }
  }
  const lastRow = Math.max(reading.lastRow, worksheet.rowCount);
  for (let c = firstColumn; c < firstColumn + width; c++) {
    const headerValue = header.getCell(c).value;
    if (!isBlank(headerValue) && !isResultHeader(headerValue)) {
      return { firstColumn, free: false, reason: `column ${columnLetters(c)} holds your data ("${String(headerValue)}")` };
    }
    if (isResultHeader(headerValue)) continue;
    for (let r = reading.headerRow + 1; r <= lastRow; r++) {
      if (!isBlank(worksheet.getRow(r).getCell(c).value)) {
        return { firstColumn, free: false, reason: `cell ${columnLetters(c)}${r} holds your data` };
      }
    }
  }
  return { firstColumn, free: true };
}

export function writeResults(workbook: ExcelJS.Workbook, worksheet: ExcelJS.Worksheet, reading: CohortReading, checks: readonly LearnerCheck[], nextStep?: (c: LearnerCheck) => string): WriteOutcome {
  const block = resultsBlock(reading, checks, nextStep);
  const place = placeResults(worksheet, reading, block.header.length);
  if (place.free) {
    writeBlock(worksheet, reading.headerRow, place.firstColumn, block);
    return { target: 'columns', sheetName: worksheet.name, firstColumn: place.firstColumn };
  }
  const existing = workbook.getWorksheet(RESULTS_SHEET);
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(RESULTS_SHEET);
  sheet.getRow(1).values = ['Row', 'Learner ID'];
  checks.forEach((check, i) => {
    sheet.getRow(i + 2).values = [check.record.row, check.record.learnerId];
  });
  const compact: ResultsBlock = { ...block, rows: checks.map((c) => block.rows[c.record.row - reading.headerRow - 1] ?? []) };
  writeBlock(sheet, 1, 3, compact);
  return { target: 'sheet', sheetName: RESULTS_SHEET, firstColumn: 3, reason: place.reason };
}
