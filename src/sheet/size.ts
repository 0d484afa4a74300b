// How far a sheet may run before it is refused rather than read. A stray value far right or far down (Ctrl+End lands
// on XFD1048576) stretches the used range to billions of cells: the command line would run out of memory and the
// add-in would read for hours. A real cohort is far smaller: 50,000 learners by 60 columns is 3 million cells.
import { cellAddress, type CellRange } from './address';

export const MAX_SHEET_CELLS = 10_000_000;

/** Why a sheet whose used cells span `used` is not read, naming its last cell and what to do; undefined when it may be read. */
export function oversizeMessage(sheetName: string, used: CellRange): string | undefined {
  const rows = used.bottom - used.top + 1;
  const columns = used.right - used.left + 1;
  if (rows * columns <= MAX_SHEET_CELLS) return undefined;
  return (
    `sheet "${sheetName}": its used cells run to ${cellAddress(used.bottom, used.right)} (${rows.toLocaleString('en-GB')} rows by ` +
    `${columns.toLocaleString('en-GB')} columns), far beyond any cohort or rules sheet; in Excel press Ctrl+End to find the stray cell, ` +
    `delete the rows and columns beyond the data, save, and check again`
  );
}
