// Formula cells that read as empty (`=""`, or a formula whose value is an empty text) where a plan would write beside
// the data. Values alone cannot tell them from empty cells, and the writer must never take one for empty: the package
// path finds them in the sheet XML; here they are read through `formulas` (ExcelApi 1.1), only over the cells the plan
// writes or clears, never the whole sheet, so a check's reads stay the size of its results.
import { parseRange, rangeAddress, type CellRange } from '../sheet';
import type { WritePlan } from '../placement';
import type { Grid } from '../sheet';
import type { HostRange, HostRun } from './host';

export type BlankFormula = NonNullable<Grid['blankFormulas']>[number];

/** About a response's worth of formulas per sync: an empty cell costs a few bytes, and most of these are empty. */
const CELLS_PER_READ = 300_000;

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

/** The formula cells in `areas` whose value, as the check read it, is blank (`readsBlank`). */
export async function blankFormulasIn(
  run: HostRun,
  sheetName: string,
  areas: readonly CellRange[],
  readsBlank: (row: number, column: number) => boolean,
): Promise<BlankFormula[]> {
  const found: BlankFormula[] = [];
  const pieces: CellRange[] = [];
  for (const area of areas) {
    const width = area.right - area.left + 1;
    const rows = Math.max(1, Math.floor(CELLS_PER_READ / width));
    for (let top = area.top; top <= area.bottom; top += rows)
      pieces.push({ ...area, top, bottom: Math.min(area.bottom, top + rows - 1) });
  }
  if (pieces.length === 0) return found;
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    for (const piece of pieces) {
      const range: HostRange = sheet.getRange(rangeAddress(piece)).load('formulas');
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per piece on purpose: it keeps each response under Excel's size limit
      await context.sync();
      range.formulas.forEach((line, i) =>
        line.forEach((formula, j) => {
          const row = piece.top + i;
          const column = piece.left + j;
          if (typeof formula === 'string' && formula.startsWith('=') && readsBlank(row, column))
            found.push({ row, column, formula: formula.slice(1) });
        }),
      );
    }
  });
  return found;
}
