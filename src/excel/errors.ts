// Errors from Excel, said in words a centre administrator can act on, with what was written before the check stopped.
import { isHostError } from './host';
import { CheckCancelled, CheckFailed, type WrittenRows } from './progress';

export function writtenSentence(written: WrittenRows | null, lastRow?: number): string {
  if (!written) return 'Nothing was written.';
  const rest =
    lastRow !== undefined && lastRow > written.lastRow ? ` Rows ${written.lastRow + 1}–${lastRow} were not.` : '';
  return `Results for rows ${written.firstRow}–${written.lastRow} were written (${written.sheetName}!${written.range}).${rest}`;
}

export interface ErrorSetting {
  /** The sheet the results were going to. */
  sheetName: string;
  /** Whether they were going to columns beside the data (so a results sheet is the way round a blockage). */
  beside: boolean;
  written: WrittenRows | null;
  /** Last row the results were meant to reach, to say which rows were not written. */
  lastRow?: number;
}

/** Turns whatever a batch threw into a CheckFailed (or passes a cancel or an already-worded failure through). */
export function describeExcelError(error: unknown, where: ErrorSetting): CheckFailed | CheckCancelled {
  if (error instanceof CheckFailed || error instanceof CheckCancelled) return error;
  const done = writtenSentence(where.written, where.lastRow);
  const orSheet = where.beside ? ", or choose 'On a separate results sheet' in Settings" : '';
  if (!isHostError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new CheckFailed(`The check stopped: ${message}. ${done}`, where.written);
  }
  const code = error.code;
  switch (code) {
    case 'AccessDenied':
      return new CheckFailed(
        `Sheet "${where.sheetName}" is protected, so the results cannot be written there. Unprotect it (Review > Unprotect Sheet)${orSheet}, then check again. ${done}`,
        where.written,
        code,
      );
    case 'InvalidOperationInCellEditMode':
      return new CheckFailed(
        `Excel is editing a cell. Press Enter or Esc to leave the cell, then check again. ${done}`,
        where.written,
        code,
      );
    case 'ItemNotFound':
    case 'InvalidReference':
      return new CheckFailed(
        `Sheet "${where.sheetName}" was renamed, moved or deleted during the check. Open the cohort sheet and check again. ${done}`,
        where.written,
        code,
      );
    case 'ItemAlreadyExists':
      return new CheckFailed(
        `A sheet named "${where.sheetName}" appeared during the check. Check again. ${done}`,
        where.written,
        code,
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new CheckFailed(
        `Excel refused a request as too large (${code}). Select a smaller part of the cohort (a table or a block of rows) and check it. ${done}`,
        where.written,
        code,
      );
    default:
      if (/merg/i.test(error.message) || code === 'MergedRangeConflict') {
        return new CheckFailed(
          `A merged cell is in the way of the results on sheet "${where.sheetName}". Unmerge the cells right of the data${orSheet}, then check again. ${done}`,
          where.written,
          code,
        );
      }
      return new CheckFailed(`Excel reported an error (${code}: ${error.message}). ${done}`, where.written, code);
  }
}
