// Whether a reading the pane already holds (the last check's) still describes one learner's row, so What-if can open
// on the learner without reading the sheet again: in one sync, the active sheet's name, the header row and the
// learner's row, over the columns the reading took, compared cell by cell with what was read, and whether the workbook
// has a rules sheet. Anything else (another sheet active, a row inserted above, the header edited, the learner's row
// edited, a rules sheet added, renamed or deleted) says the reading is stale, and the caller reads the sheet again
// rather than show a learner from it. Edits inside the rules sheet are heard as they happen (rules-sheet-edits.ts).
import { cellAddress, rangeAddress, gridValue } from '../sheet';
import { sameValue } from '../whatif';
import { RULES_SHEET_NAME } from '../rules-sheet';
import type { SheetInspection } from './active-sheet';
import type { HostCellInput, HostRun } from './host';
import { cellValueFromHost } from './read-sheet';

/**
 * Why a held reading no longer describes the learner's row; null when it still does. Data: the pane words it
 * (stalenessWords in src/taskpane/check/reading-words.ts).
 */
export type Staleness =
  | { kind: 'no-columns' }
  | { kind: 'other-sheet'; sheetName: string }
  | { kind: 'header-changed'; cell: string }
  | { kind: 'row-changed'; row: number; cell: string }
  /** The reading used no rules sheet and the workbook has one now, or the other way round. */
  | { kind: 'rules-sheet-added'; sheetName: string }
  | { kind: 'rules-sheet-gone'; sheetName: string }
  | null;

/** One sync: the header row and `row` of the sheet the reading was made of, against the reading's grid. */
export async function learnerRowStaleness(
  run: HostRun,
  inspection: Pick<SheetInspection, 'read' | 'reading' | 'rulesSheet'>,
  row: number,
): Promise<Staleness> {
  const { read, reading } = inspection;
  const left = reading.firstColumn;
  const right = reading.lastColumn;
  if (right < left) return { kind: 'no-columns' };
  return run(async (context) => {
    // The active sheet's cells, whichever sheet that is: its name, read in the same sync, says whether they are the
    // reading's (a range of a sheet since deleted would fail the whole batch).
    const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
    const header = sheet.getRange(rangeAddress({ top: reading.headerRow, left, bottom: reading.headerRow, right }));
    const learner = sheet.getRange(rangeAddress({ top: row, left, bottom: row, right }));
    header.load('values');
    learner.load('values');
    // Looked up as a check looks it up (queueRulesLookup in rules-sheet.ts).
    const rules = context.workbook.worksheets.getItemOrNullObject(RULES_SHEET_NAME).load('name');
    await context.sync();
    if (sheet.name !== read.sheetName) return { kind: 'other-sheet', sheetName: sheet.name };
    const used = inspection.rulesSheet?.sheetName;
    if (rules.isNullObject && used !== undefined) return { kind: 'rules-sheet-gone', sheetName: used };
    if (!rules.isNullObject && used === undefined) return { kind: 'rules-sheet-added', sheetName: rules.name };
    const differs = (sheetRow: number, values: readonly (readonly HostCellInput[])[]) => {
      const now = values[0] ?? [];
      for (let c = left; c <= right; c++)
        if (!sameValue(gridValue(read.grid, sheetRow, c), cellValueFromHost(now[c - left])))
          return cellAddress(sheetRow, c);
      return null;
    };
    const headerCell = differs(reading.headerRow, header.values);
    if (headerCell) return { kind: 'header-changed', cell: headerCell };
    const rowCell = differs(row, learner.values);
    if (rowCell) return { kind: 'row-changed', row, cell: rowCell };
    return null;
  });
}
