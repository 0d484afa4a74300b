// TEMPORARY, until `--out` patches the package (issue 12, item 2): the checked copy is still written by loading the
// input into exceljs. Reading for the check no longer goes through exceljs; only this path does, and only with --out.
import type { LearnerCheck } from '../cohort/check';
import type { CohortReading, Grid } from '../cohort/types';
import { outWriteError } from './out-file';
import { UserError } from './user-error';
import { writeResults, type WriteOutcome } from './write-results';

export async function writeCopyWithExcelJs(
  file: string,
  out: string,
  sheetName: string,
  grid: Grid,
  reading: CohortReading,
  checks: readonly LearnerCheck[],
): Promise<WriteOutcome> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    throw new UserError(`--out ${out}: cannot be written: this workbook cannot be copied yet (exceljs does not read it); check it without --out`);
  }
  const worksheet = workbook.getWorksheet(sheetName);
  if (!worksheet) throw new UserError(`--out ${out}: cannot be written: sheet "${sheetName}" was not found in the copy; check it without --out`);
  const outcome = writeResults(workbook, worksheet, grid, reading, checks);
  try {
    await workbook.xlsx.writeFile(out);
  } catch (error) {
    throw outWriteError(out, error);
  }
  return outcome;
}
