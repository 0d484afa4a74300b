// An exceljs worksheet as the reader's Grid: the same values Office.js would give the add-in, so the CLI and the
// pane read a sheet alike (merged areas hold their value in the first cell only, formulas give their cached result).
import type ExcelJS from 'exceljs';
import { oversizeMessage as sheetOversizeMessage } from '../cohort/sheet-size';
import type { CellValue, Grid } from '../cohort/types';

type Cell = ExcelJS.Cell;

function richText(value: { richText?: { text?: unknown }[] }): string {
  return (value.richText ?? []).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
}

/** One exceljs cell value as a reader value. */
export function cellValueOf(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? raw : null;
  if (typeof raw !== 'object') return null;
  const value = raw as Record<string, unknown>;
  if (typeof value.error === 'string') return { error: value.error };
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula never calculated (written by a script, not Excel) has no cached result: it reads as blank.
    return 'result' in value ? cellValueOf(value.result) : null;
  }
  if (Array.isArray(value.richText)) return richText(value as { richText: { text?: unknown }[] });
  if ('hyperlink' in value || 'text' in value) {
    const text = value.text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object') return cellValueOf(text);
    return null;
  }
  return null;
}

function isMergedAway(cell: Cell): boolean {
  return cell.isMerged && cell.master !== cell && cell.master.address !== cell.address;
}

function tableRange(table: unknown): { name: string; range: string } | undefined {
  const model = (table as { table?: Record<string, unknown>; model?: Record<string, unknown> }).table
    ?? (table as { model?: Record<string, unknown> }).model;
  if (!model) return undefined;
  const name = typeof model.name === 'string' ? model.name : undefined;
  const range = typeof model.tableRef === 'string' ? model.tableRef : typeof model.ref === 'string' ? model.ref : undefined;
  return name && range ? { name, range } : undefined;
}

/**
 * Merged areas as A1 ranges. exceljs keeps them in `_merges`; its public `model` has them too but builds a model of
 * every row to get there, which costs as much as the read itself on a large sheet.
 */
function mergedAreas(ws: ExcelJS.Worksheet): string[] {
  const own = (ws as unknown as { _merges?: Record<string, { range?: unknown }> })._merges;
  const ranges = own ? Object.values(own).map((m) => m?.range) : (ws.model as { merges?: unknown[] }).merges ?? [];
  return ranges.filter((m): m is string => typeof m === 'string');
}

/** The worksheet's cells from A1 to its last used cell, with number formats, hidden lines, merges and tables. */
export function gridFromWorksheet(ws: ExcelJS.Worksheet): Grid {
  const rowCount = ws.rowCount;
  const columnCount = ws.columnCount;
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r);
    const line = new Array<CellValue>(columnCount).fill(null);
    const formats = new Array<string>(columnCount).fill('');
    if (row.cellCount > 0) {
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > columnCount || isMergedAway(cell)) return;
        line[column - 1] = cellValueOf(cell.value);
        const format = cell.numFmt;
        if (typeof format === 'string') formats[column - 1] = format;
      });
    }
    values.push(line);
    numberFormats.push(formats);
  }
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= columnCount; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c);
  const merged = mergedAreas(ws);
  const tables = ws.getTables().map(tableRange).filter((t): t is { name: string; range: string } => t !== undefined);
  return {
    sheetName: ws.name,
    values,
    top: 1,
    left: 1,
    numberFormats,
    hiddenRows,
    hiddenColumns,
    merged,
    tables,
  };
}

/** Why the sheet is too large to read (see sheet-size.ts), or undefined. exceljs counts its used cells from A1. */
export function oversizeMessage(worksheet: ExcelJS.Worksheet): string | undefined {
  return sheetOversizeMessage(worksheet.name, { top: 1, left: 1, bottom: worksheet.rowCount, right: worksheet.columnCount });
}
