// The workbook layer's answers as the command line gives them: a damaged file or a sheet too large to read is one
// line naming the file; nothing of a library's own error text reaches the user.
import { oversizeMessage } from '../sheet';
import type { Grid } from '../sheet';
import { WorkbookFileError, type SheetEntry, type SheetRowSpans, type Workbook } from '../workbook';
import { UserError } from './user-error';

/** Runs `read`, turning what the workbook layer says is wrong with the file into a UserError naming it. */
export async function explained<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof WorkbookFileError) throw new UserError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The sheet's grid with where its rows lie in its part (for a writer that patches it), or why it is too large to read
 * (sheet-size.ts's message, without the file name).
 */
export async function readGridOrExplain(
  workbook: Workbook,
  sheet: SheetEntry,
  file: string,
): Promise<{ grid: Grid; rows: SheetRowSpans } | { tooLarge: string }> {
  const reading = await explained(file, () => workbook.readSheet(sheet));
  if (reading.kind === 'grid') return { grid: reading.grid, rows: reading.rows };
  // The grid runs from A1, so its size does too, as the add-in counts a used range.
  return {
    tooLarge:
      oversizeMessage(sheet.name, { top: 1, left: 1, bottom: reading.used.bottom, right: reading.used.right }) ??
      `sheet "${sheet.name}" is too large to read`,
  };
}
