// The separate results sheet's names and header, and which name a check writes to: the first of the names that is
// free or already holds qualcheck's results. The add-in and the command line each look at the workbook their own
// way and hand over what they found.
import { isResultHeader } from '../cohort/verdict';

/** Same name as the command line's results sheet, so a workbook checked by either looks the same. */
export const RESULTS_SHEET = 'qualcheck results';
/** Where a results sheet may be: the first of these that is free or already the add-in's own. */
export const RESULTS_SHEET_NAMES: readonly string[] = [
  RESULTS_SHEET,
  ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${RESULTS_SHEET} ${n}`),
];
export const RESULTS_SHEET_LEAD = ['Row', 'Learner ID'];

/** Whether a sheet's first header cells are those of a results sheet the add-in wrote (so it may be cleared). */
export function isResultsSheetHeader(values: readonly unknown[]): boolean {
  return values[0] === RESULTS_SHEET_LEAD[0] && values[1] === RESULTS_SHEET_LEAD[1] && isResultHeader(values[2]);
}

/** What a workbook has under one of the results sheet's names. */
export interface ResultsSheetFound {
  /** The sheet's name as the workbook spells it. */
  name: string;
  /** Row 1 from column A, or null when that name is not a worksheet (a chart sheet). */
  firstCells: readonly unknown[] | null;
}

/**
 * The results sheet to write: the first name no sheet has (created), or the first sheet already holding qualcheck's
 * results (reused); undefined when every name holds other data. `found` says what is under a name, if anything.
 */
export function chooseResultsSheet(
  found: (name: string) => ResultsSheetFound | undefined,
): { name: string; create: boolean } | undefined {
  for (const name of RESULTS_SHEET_NAMES) {
    const sheet = found(name);
    if (!sheet) return { name, create: true };
    if (sheet.firstCells && isResultsSheetHeader(sheet.firstCells)) return { name: sheet.name, create: false };
  }
  return undefined;
}
