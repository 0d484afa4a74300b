// A learner's row on a separate results sheet ("qualcheck results"), so that What-if's Apply can bring it up to date
// as it does result columns beside the data. The results sheet names no cohort sheet, so a row is only taken when
// both its "Row" and its "Learner ID" cells are this learner's: a results sheet from another cohort is left alone.
import { rangeAddress, oversizeMessage } from '../sheet';
import type { HostContext, HostRange, HostWorksheet } from './host';
import { isResultsSheetHeader, RESULTS_SHEET_NAMES } from '../placement';
import { rangeCells } from './read-area';

export interface ResultsSheetRow {
  sheetName: string;
  /** 1-based sheet row of the learner on the results sheet. */
  row: number;
  /** The results sheet's header row, from column A. */
  header: unknown[];
  /** The sheet is protected: the row was found but cannot be written. */
  protected: boolean;
}

/**
 * Three syncs: which results sheets exist, their used ranges, then their header rows and Row / Learner ID columns.
 * `only` names the one results sheet to look in (the one the last check wrote to), when it is known.
 */
export async function findResultsSheetRow(
  context: HostContext,
  row: number,
  learnerId: string,
  only?: string,
): Promise<ResultsSheetRow | undefined> {
  const names = only === undefined ? RESULTS_SHEET_NAMES : [only];
  const candidates = names.map((name) => ({
    name,
    sheet: context.workbook.worksheets.getItemOrNullObject(name).load('name'),
  }));
  await context.sync();
  // Nothing may be asked of a sheet that is not there: Excel fails the whole batch with ItemNotFound.
  const existing = candidates
    .filter(({ sheet }) => !sheet.isNullObject)
    .map(({ name, sheet }) => ({
      name,
      sheet,
      used: sheet.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'),
    }));
  if (existing.length === 0) return undefined;
  await context.sync();
  const read: { name: string; sheet: HostWorksheet; header: HostRange; keys: HostRange }[] = [];
  for (const { name, sheet, used } of existing) {
    if (used.isNullObject) continue;
    // The sheet's header is in row 1 from column A; its learners' Row and Learner ID below, in A and B.
    const cells = { ...rangeCells(used), top: 1, left: 1 };
    // A results sheet stretched by a stray cell is not worth reading for one row: the next check rewrites it.
    if (cells.bottom < 2 || oversizeMessage(name, cells)) continue;
    sheet.protection.load('protected');
    const header = sheet.getRange(rangeAddress({ ...cells, bottom: 1 })).load('values');
    const keys = sheet.getRange(rangeAddress({ top: 2, left: 1, bottom: cells.bottom, right: 2 })).load('values');
    read.push({ name, sheet, header, keys });
  }
  if (read.length === 0) return undefined;
  await context.sync();
  for (const { name, sheet, header, keys } of read) {
    const head = header.values[0] ?? [];
    if (!isResultsSheetHeader(head)) continue;
    const at = keys.values.findIndex(([r, id]) => Number(r) === row && String(id).trim() === learnerId);
    if (at >= 0) return { sheetName: name, row: at + 2, header: head, protected: sheet.protection.protected };
  }
  return undefined;
}
