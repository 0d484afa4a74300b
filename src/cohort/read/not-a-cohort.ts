// A sheet whose every row under the header is a total (a summary table, a pivot table pasted as values) is not a
// cohort: the rows name totals, not people. Refused with a line that says why, rather than "no learner rows follow".
import type { CohortReading, Grid } from '../../sheet';

/** What a total row says in its first text cell: Excel's own pivot and subtotal words. */
const TOTAL = /^\s*(?:grand\s+total|totals?|sub-?total|(?:sum|count|average|max|min)\s+of\b)/i;

/** The first text of the row, left to right: where a row names itself. */
function firstText(grid: Grid, row: number): string | undefined {
  for (const value of grid.values[row - grid.top] ?? []) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Why the rows under the reading's header are not learners at all (every one a total), or undefined. */
export function totalsOnlyReason(reading: CohortReading, grid: Grid): string | undefined {
  if (reading.headerRow === 0) return undefined;
  const labels: string[] = [];
  for (let row = reading.headerRow + 1; row < grid.top + grid.values.length; row++) {
    const cells = grid.values[row - grid.top] ?? [];
    if (cells.every((v) => v === null || v === undefined || v === '')) continue;
    const label = firstText(grid, row);
    if (label === undefined || !TOTAL.test(label)) return undefined;
    labels.push(label);
  }
  if (labels.length === 0) return undefined;
  const shown = [...new Set(labels)].slice(0, 3).map((l) => `"${l}"`);
  return `every row under the header is a total (${shown.join(', ')}), not a learner: the sheet summarises other data; check the sheet that holds one row per learner`;
}
