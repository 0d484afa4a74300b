// A workbook's sheets as the command line reads them (src/workbook), for tests that start from a sample file or a
// workbook exceljs builds in memory.
import { promises as fs } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { Grid } from '../../src/sheet/types';
import { Workbook } from '../../src/workbook/workbook';

/** The grid of one sheet (the first unless named) of a package's bytes. */
export async function gridOfPackage(bytes: Buffer, sheetName?: string): Promise<{ grid: Grid; sheetName: string }> {
  const workbook = await Workbook.open(bytes);
  try {
    const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.worksheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName ?? ''}`);
    const reading = await workbook.readSheet(sheet);
    if (reading.kind !== 'grid') throw new Error(`sheet ${sheet.name} is too large to read`);
    return { grid: reading.grid, sheetName: sheet.name };
  } finally {
    workbook.close();
  }
}

export async function gridOfFile(file: string, sheetName?: string): Promise<{ grid: Grid; sheetName: string }> {
  return gridOfPackage(await fs.readFile(file), sheetName);
}

/** An exceljs workbook written out and read back as the command line reads a file. */
export async function gridOfExcelJs(
  workbook: ExcelJS.Workbook,
  sheetName?: string,
): Promise<{ grid: Grid; sheetName: string }> {
  return gridOfPackage(Buffer.from(await workbook.xlsx.writeBuffer()), sheetName);
}
