// The geometry of a grid: its rectangle on the sheet, cutting it to a range, and finding the tables it holds.
import type { CellValue, Grid } from './types';
import { type CellRange, intersectRanges, parseRange, rangeAddress, rangeContains } from './address';

/** Widest row: hosts give ragged rows when trailing cells are empty. */
export function gridWidth(grid: Grid): number {
  let width = 0;
  for (const row of grid.values) if (row && row.length > width) width = row.length;
  return width;
}

/** The sheet rectangle a grid covers; undefined for an empty grid. */
export function gridRange(grid: Grid): CellRange | undefined {
  const height = grid.values.length;
  const width = gridWidth(grid);
  if (height === 0 || width === 0) return undefined;
  return { top: grid.top, left: grid.left, bottom: grid.top + height - 1, right: grid.left + width - 1 };
}

/** Excel's error values, which Office.js hands over as text (`#N/A`) where exceljs gives `{error}`. */
const EXCEL_ERROR =
  /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/;

export function isExcelErrorText(text: string): boolean {
  return text.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(text.trim());
}

/** The error a cell holds (`#N/A`), whichever way the host gave it; undefined for any other value. */
export function cellError(value: CellValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return isExcelErrorText(value) ? value.trim() : undefined;
  if (typeof value === 'object' && !(value instanceof Date) && typeof value.error === 'string') return value.error;
  return undefined;
}

/** The value at a 1-based sheet row and column, or null outside the grid. */
export function gridValue(grid: Grid, row: number, column: number): CellValue {
  return grid.values[row - grid.top]?.[column - grid.left] ?? null;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The part of a grid inside `range` (an A1 range or a rectangle), with its formats, hidden lines and merges. */
export function subGrid(grid: Grid, range: CellRange | string): Grid {
  const wanted = typeof range === 'string' ? parseRange(range) : range;
  const own = gridRange(grid);
  const cut = wanted && own ? intersectRanges(own, wanted) : undefined;
  if (!cut)
    return {
      ...grid,
      values: [],
      numberFormats: undefined,
      top: wanted?.top ?? grid.top,
      left: wanted?.left ?? grid.left,
    };
  const r0 = cut.top - grid.top;
  const c0 = cut.left - grid.left;
  const width = cut.right - cut.left + 1;
  const values: CellValue[][] = [];
  const formats: string[][] | undefined = grid.numberFormats ? [] : undefined;
  for (let r = r0; r <= cut.bottom - grid.top; r++) {
    const row = grid.values[r] ?? [];
    const line: CellValue[] = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) line[c] = row[c0 + c] ?? null;
    values.push(line);
    if (formats && grid.numberFormats) {
      const frow = grid.numberFormats[r] ?? [];
      formats.push(frow.slice(c0, c0 + width));
    }
  }
  return {
    sheetName: grid.sheetName,
    values,
    top: cut.top,
    left: cut.left,
    numberFormats: formats,
    hiddenRows: grid.hiddenRows?.filter((r) => r >= cut.top && r <= cut.bottom),
    hiddenColumns: grid.hiddenColumns?.filter((c) => c >= cut.left && c <= cut.right),
    merged: grid.merged?.filter((m) => {
      const mr = parseRange(m);
      return mr !== undefined && intersectRanges(mr, cut) !== undefined;
    }),
    tables: grid.tables,
  };
}

export interface TableChoice {
  /** The grid to read: the one given, or cut to the table it holds. */
  grid: Grid;
  table?: { name: string; range: string };
  /** Other tables inside the grid the user may select instead. */
  others: { name: string; range: string }[];
}

/**
 * A grid cut to a table (or inside one) is read as it is. A grid that holds whole tables (a sheet's used range)
 * is cut to the first of them, top to bottom then left to right, and the others are named so the user can pick one.
 */
export function chooseTable(grid: Grid): TableChoice {
  const own = gridRange(grid);
  if (!own || !grid.tables || grid.tables.length === 0) return { grid, others: [] };
  const located = grid.tables
    .map((t) => ({ table: t, range: parseRange(t.range) }))
    .filter((t): t is { table: { name: string; range: string }; range: CellRange } => t.range !== undefined);
  const around = located.find((t) => rangeContains(t.range, own));
  if (around) return { grid, table: around.table, others: [] };
  const inside = located
    .filter((t) => rangeContains(own, t.range))
    .sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
  if (inside.length === 0) return { grid, others: [] };
  const [first, ...rest] = inside;
  return {
    grid: subGrid(grid, first.range),
    table: { name: first.table.name, range: rangeAddress(first.range) },
    others: rest.map((t) => t.table),
  };
}
