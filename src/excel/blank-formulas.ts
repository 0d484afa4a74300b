// Formula cells that read as empty (`=""`, or a formula whose value is an empty text) where a plan would write beside
// the data. Values alone cannot tell them from empty cells, and the writer must never take one for empty: the package
// path finds them in the sheet XML; here they are read through `formulas` (ExcelApi 1.1), only over the cells the plan
// writes or clears, never the whole sheet, so a check's reads stay the size of its results.
import { parseRange, rangeAddress, type CellRange, isBlank } from '../sheet';
import type { WritePlan } from '../placement';
import type { CellValue, Grid } from '../sheet';
import type { HostRange, HostRun } from './host';
import { isPayloadError, READ_DEFAULTS } from './read-sheet';

export type BlankFormula = NonNullable<Grid['blankFormulas']>[number];

/**
 * What a cell's formula costs in the response, guessed from the value the check read: an empty cell a few bytes (most
 * of these are empty), a formula or a value about its text. A piece Excel still refuses is read again in halves.
 */
const EMPTY_CELL_BYTES = 3;
const NUMBER_BYTES = 12;

/** The areas a beside-the-data plan writes (its block, header row included) or clears (stale results below it). */
export function writtenAreas(plan: WritePlan): CellRange[] {
  const block = {
    top: plan.headerRow,
    left: plan.firstColumn,
    bottom: plan.firstRow + plan.rows.length - 1,
    right: plan.firstColumn + plan.header.length - 1,
  };
  const stale = plan.staleRanges.map(parseRange).filter((r): r is CellRange => r !== undefined);
  return [block, ...stale];
}

/**
 * The formula cells in `areas` whose value, as the check read it, is blank (`readsBlank`); `valueAt` gives that value,
 * to size each read near `targetBytes` (READ_DEFAULTS, as the sheet's own read), in as few syncs as that allows.
 */
export async function blankFormulasIn(
  run: HostRun,
  sheetName: string,
  areas: readonly CellRange[],
  valueAt: (row: number, column: number) => CellValue,
  targetBytes: number = READ_DEFAULTS.targetBytes,
): Promise<BlankFormula[]> {
  const found: BlankFormula[] = [];
  const pieces: CellRange[] = [];
  for (const area of areas) {
    let top = area.top;
    let bytes = 0;
    for (let row = area.top; row <= area.bottom; row++) {
      let rowBytes = 0;
      for (let column = area.left; column <= area.right; column++) rowBytes += cellBytes(valueAt(row, column));
      if (row > top && bytes + rowBytes > targetBytes) {
        pieces.push({ ...area, top, bottom: row - 1 });
        top = row;
        bytes = 0;
      }
      bytes += rowBytes;
    }
    if (area.bottom >= area.top) pieces.push({ ...area, top });
  }
  if (pieces.length === 0) return found;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    while (pieces.length > 0) {
      const piece = pieces.shift() as CellRange;
      const range: HostRange = sheet.getRange(rangeAddress(piece)).load('formulas');
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per piece on purpose: it keeps each response under Excel's size limit
        await context.sync();
      } catch (error) {
        // Formulas longer than their values guessed: the piece is read again in halves (a read changes nothing).
        if (isPayloadError(error) && piece.bottom > piece.top) {
          const middle = Math.floor((piece.top + piece.bottom) / 2);
          pieces.unshift({ ...piece, bottom: middle }, { ...piece, top: middle + 1 });
          continue;
        }
        throw error;
      }
      range.formulas.forEach((line, i) =>
        line.forEach((formula, j) => {
          const row = piece.top + i;
          const column = piece.left + j;
          if (typeof formula === 'string' && formula.startsWith('=') && isBlank(valueAt(row, column)))
            found.push({ row, column, formula: formula.slice(1) });
        }),
      );
    }
  });
  return found;
}

function cellBytes(value: CellValue): number {
  if (isBlank(value)) return EMPTY_CELL_BYTES;
  return typeof value === 'string' ? value.length + EMPTY_CELL_BYTES : NUMBER_BYTES;
}
