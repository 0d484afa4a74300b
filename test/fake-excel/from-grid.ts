// Puts a reader Grid (as the command line reads it from an .xlsx) into a fake sheet, the way Excel would hold it:
// dates as serial numbers with a date format, errors as their text, blanks as nothing.
import type { Grid } from '../../src/sheet/types';
import type { FakeCell, FakeSheet } from './book';

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function excelSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH) / DAY_MS;
}

export function fillSheet(sheet: FakeSheet, grid: Grid): FakeSheet {
  grid.values.forEach((row, i) => {
    row?.forEach((value, j) => {
      const r = grid.top - 1 + i;
      const c = grid.left - 1 + j;
      let cell: FakeCell | undefined;
      if (value === null || value === undefined) cell = undefined;
      else if (value instanceof Date) {
        cell = excelSerial(value);
        sheet.setNumberFormat(r, c, 'dd/mm/yyyy');
      } else if (typeof value === 'object') cell = value.error;
      else cell = value;
      sheet.setValue(r, c, cell);
      const format = grid.numberFormats?.[i]?.[j];
      if (format && !(value instanceof Date)) sheet.setNumberFormat(r, c, format);
    });
  });
  for (const row of grid.hiddenRows ?? []) sheet.hiddenRows.add(row - 1);
  for (const column of grid.hiddenColumns ?? []) sheet.hiddenColumns.add(column - 1);
  for (const table of grid.tables ?? []) sheet.addTable(table.name, table.range);
  return sheet;
}
