// The registration file as a sheet of its own: ready learners in the bulk registration template's columns. Never the
// cohort sheet; a sheet of the same name is reused only when it holds an earlier export (its header is the template's).
// Every cell is text, so Excel keeps a ULN's ten digits and a dd/mm/yyyy date exactly as written.
import { rangeAddress } from '../sheet';
import { REGISTRATION_COLUMNS } from '../registration';
import { describeExcelError } from './errors';
import type { HostCellInput, HostRun } from './host';
import { CheckFailed } from './progress';
import { lookOf } from './rules-sheet';

export const REGISTRATION_SHEET = 'qualcheck registration';
/** The names tried in turn when a sheet of the first name holds someone's data. */
export const REGISTRATION_SHEET_NAMES = [
  REGISTRATION_SHEET,
  ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${REGISTRATION_SHEET} ${n}`),
];
const WIDTH = REGISTRATION_COLUMNS.length;
const ROWS_PER_SYNC = 2_000;

/** Whether a sheet's first row is the template header this add-in writes (so the sheet is an earlier export). */
export function isRegistrationHeader(row: readonly HostCellInput[] | undefined): boolean {
  if (!row) return false;
  return REGISTRATION_COLUMNS.every((label, i) => String(row[i] ?? '').trim() === label);
}

export interface RegistrationSheetWritten {
  sheetName: string;
  /** A1 range written, header included. */
  range: string;
  learners: number;
  /** Whether an earlier export of the same name was replaced (else the sheet is new). */
  replaced: boolean;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Writes `rows` (the template header, then one row per ready learner) to a registration sheet, never `cohortSheet`.
 * The sheet is not activated: the cohort stays in front, and the pane links to what was written.
 */
export async function writeRegistrationSheet(
  run: HostRun,
  rows: readonly (readonly string[])[],
  cohortSheet: string,
): Promise<RegistrationSheetWritten> {
  if (rows.length === 0 || !isRegistrationHeader(rows[0]))
    throw new Error('registration rows must start with the template header');
  let sheetName = REGISTRATION_SHEET;
  try {
    return await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const candidates = REGISTRATION_SHEET_NAMES.filter((name) => !sameName(name, cohortSheet)).map((name) => ({
        name,
        sheet: sheets.getItemOrNullObject(name).load('name'),
      }));
      await context.sync();
      const heads = candidates.map((c) => ({
        ...c,
        head: c.sheet.isNullObject
          ? null
          : c.sheet.getRange(rangeAddress({ top: 1, left: 1, bottom: 1, right: WIDTH })).load('values'),
      }));
      const protections = heads.map((h) => (h.head ? h.sheet.protection.load('protected') : null));
      if (heads.some((h) => h.head)) await context.sync();
      const choice = heads.find((h) => !h.head || isRegistrationHeader(h.head.values[0]));
      if (!choice) {
        throw new CheckFailed(
          `Sheets "${REGISTRATION_SHEET}" to "${REGISTRATION_SHEET} 9" all hold other data. Rename or delete one of them, then export again. Nothing was written.`,
          null,
        );
      }
      sheetName = choice.sheet.isNullObject ? choice.name : choice.sheet.name;
      const replaced = choice.head !== null;
      if (replaced && protections[heads.indexOf(choice)]?.protected) {
        throw new CheckFailed(
          `Sheet "${sheetName}" is protected, so the export cannot replace it. Unprotect it (Review > Unprotect Sheet), then export again. Nothing was written.`,
          null,
        );
      }
      const target = replaced ? sheets.getItem(sheetName) : sheets.add(choice.name);
      if (replaced) target.getRange().clear('All');
      for (let first = 0; first < rows.length; first += ROWS_PER_SYNC) {
        const chunk = rows.slice(first, first + ROWS_PER_SYNC);
        const range = target.getRange(
          rangeAddress({ top: first + 1, left: 1, bottom: first + chunk.length, right: WIDTH }),
        );
        // Text format before the values, in the same batch: Excel then stores `9276308686` and `01/06/1990` as typed.
        range.numberFormat = chunk.map(() => new Array<string>(WIDTH).fill('@'));
        range.values = chunk.map((row) => [...row]);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per ROWS_PER_SYNC rows on purpose: a whole cohort in one request could pass Excel's request size limit
        await context.sync();
      }
      const header = lookOf(target.getRange(rangeAddress({ top: 1, left: 1, bottom: 1, right: WIDTH })));
      if (header) header.font.bold = true;
      lookOf(target.getRange(rangeAddress({ top: 1, left: 1, bottom: rows.length, right: WIDTH })))?.autofitColumns();
      await context.sync();
      return {
        sheetName,
        range: rangeAddress({ top: 1, left: 1, bottom: rows.length, right: WIDTH }),
        learners: rows.length - 1,
        replaced,
      };
    });
  } catch (error) {
    throw describeExcelError(error, { sheetName, beside: false, written: null });
  }
}
