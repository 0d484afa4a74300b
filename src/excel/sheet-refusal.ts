// Sheets that look like a cohort to the reader but are summaries of one: a pivot table (its field labels
// read as units, "Grand Total" as a learner) and a table whose every row is a total. The pane and the ribbon's Check
// now refuse both in one sentence, as the command line does, and write nothing.
import { totalsOnlyReason } from '../cohort/read';
import type { CohortReading, Grid } from '../sheet';

/** Why the sheet read is not a cohort although rows were found in it. */
export type SheetRefusal = { kind: 'pivot-table' } | { kind: 'totals'; reason: string };

export function sheetRefusal(pivotTables: number, reading: CohortReading, grid: Grid): SheetRefusal | undefined {
  if (pivotTables > 0) return { kind: 'pivot-table' };
  const reason = totalsOnlyReason(reading, grid);
  return reason ? { kind: 'totals', reason } : undefined;
}

/** The refusal in one sentence, naming the sheet. */
export function refusalWords(sheetName: string, refusal: SheetRefusal, within = false): string {
  const sheet = `${within ? 'sheet' : 'Sheet'} “${sheetName}”`;
  if (refusal.kind === 'pivot-table')
    return `${sheet} holds a pivot table, a summary Excel makes of other data (its field labels are not units, “Grand Total” is not a learner), so it is not a cohort; check the sheet with one row per learner.`;
  return `${sheet} is not a cohort of learners: ${refusal.reason}.`;
}
