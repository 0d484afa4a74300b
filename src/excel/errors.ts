// Errors from Excel, said in words a centre administrator can act on, with what was written before the check stopped.
import { isHostError } from './host';
import { CheckCancelled, CheckFailed, type WrittenRows } from './progress';

export function writtenSentence(written: WrittenRows | null, lastRow?: number): string {
  if (!written) return 'Nothing was written.';
  const rest =
    lastRow !== undefined && lastRow > written.lastRow ? ` Rows ${written.lastRow + 1}–${lastRow} were not.` : '';
  return `Results for rows ${written.firstRow}–${written.lastRow} were written (${written.sheetName}!${written.range}).${rest}`;
}

/**
 * What was being done when Excel refused, in the words its messages need: a check writing a cohort's results, or the
 * What-if applying one learner's row (whose writes go in one batch after the row was read, so a refusal writes nothing).
 */
export type ExcelTask = 'check' | 'apply';

interface TaskWords {
  /** What a protected sheet stops. */
  cannot: string;
  /** What to do once the way is clear, lower case (`check again`). */
  again: string;
  /** After the sheet's name, when it is gone. */
  gone: string;
  /** Before the message of an error that is not Excel's. */
  stopped: string;
  /** After an error Excel reported with a code these words do not know. */
  unexplained: string;
  /** After an error that is not Excel's. */
  unexplainedOther: string;
}

/** `done` says what was written before the error. */
function taskWords(task: ExcelTask, done: string): TaskWords {
  return task === 'apply'
    ? {
        cannot: 'the row cannot be changed',
        again: 'apply again',
        gone: 'was renamed or deleted. Open the cohort sheet, read it again and apply again.',
        stopped: 'The row could not be written',
        unexplained: 'Read the sheet again to see what the row holds.',
        unexplainedOther: 'Read the sheet again and check the row.',
      }
    : {
        cannot: 'the results cannot be written there',
        again: 'check again',
        gone: `was renamed, moved or deleted during the check. Open the cohort sheet and check again. ${done}`,
        stopped: 'The check stopped',
        unexplained: done,
        unexplainedOther: done,
      };
}

export interface ErrorSetting {
  /** The sheet the results were going to. */
  sheetName: string;
  /** Whether they were going to columns beside the data (so a results sheet is the way round a blockage). */
  beside: boolean;
  written: WrittenRows | null;
  /** Last row the results were meant to reach, to say which rows were not written. */
  lastRow?: number;
  /** What was being done; a check unless said. */
  task?: ExcelTask;
  /** The merged areas where the results were going (`AX20:AY21`), when Excel could say (ExcelApi 1.13). */
  merged?: readonly string[];
}

/** Whether Excel's refusal says a merged area is in the way (by its message, or by a code naming the conflict). */
export function mergeInTheWay(error: unknown): boolean {
  return isHostError(error) && (error.code === 'MergedRangeConflict' || /merg/i.test(error.message));
}

/** Turns whatever a batch threw into a CheckFailed (or passes a cancel or an already-worded failure through). */
export function describeExcelError(error: unknown, where: ErrorSetting): CheckFailed | CheckCancelled {
  if (error instanceof CheckFailed || error instanceof CheckCancelled) return error;
  const done = writtenSentence(where.written, where.lastRow);
  const words = taskWords(where.task ?? 'check', done);
  // A sheet that appears, a request too large and a merge in the way are what writing a cohort's results meets.
  const writesResults = (where.task ?? 'check') === 'check';
  const orSheet = where.beside ? ", or choose 'On a separate results sheet' in Settings" : '';
  if (!isHostError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new CheckFailed(`${words.stopped}: ${message}. ${words.unexplainedOther}`, where.written);
  }
  const code = error.code;
  switch (code) {
    case 'AccessDenied':
      return new CheckFailed(
        `Sheet "${where.sheetName}" is protected, so ${words.cannot}. Unprotect it (Review > Unprotect Sheet)${orSheet}, then ${words.again}. ${done}`,
        where.written,
        code,
      );
    case 'InvalidOperationInCellEditMode':
      return new CheckFailed(
        `Excel is editing a cell. Press Enter or Esc to leave the cell, then ${words.again}. ${done}`,
        where.written,
        code,
      );
    case 'ItemNotFound':
    case 'InvalidReference':
      return new CheckFailed(`Sheet "${where.sheetName}" ${words.gone}`, where.written, code);
    case 'ItemAlreadyExists':
      if (!writesResults) break;
      return new CheckFailed(
        `A sheet named "${where.sheetName}" appeared during the check. Check again. ${done}`,
        where.written,
        code,
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      if (!writesResults) break;
      return new CheckFailed(
        `Excel refused a request as too large (${code}). Select a smaller part of the cohort (a table or a block of rows) and check it. ${done}`,
        where.written,
        code,
      );
    default:
      if (writesResults && mergeInTheWay(error)) {
        const merged = where.merged ?? [];
        const which =
          merged.length === 0
            ? `A merged cell is in the way of the results on sheet "${where.sheetName}". Unmerge the cells right of the data`
            : `Cells ${merged.join(', ')} on sheet "${where.sheetName}" are merged and in the way of the results. Unmerge them`;
        return new CheckFailed(`${which}${orSheet}, then check again. ${done}`, where.written, code);
      }
  }
  return new CheckFailed(
    `Excel reported an error (${code}: ${error.message}). ${words.unexplained}`,
    where.written,
    code,
  );
}
