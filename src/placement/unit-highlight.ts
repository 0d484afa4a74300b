// Unit cells that do not count (the other units of a barred set, units outside the learner's qualification) are
// highlighted by one conditional format over the unit columns, not by painting cells. Its formula needs, on each row,
// the headers of those units: an owned column lists them, readable on its own as "units not counted".
import { cellAddress, columnLetters, parseCellAddress, rangeAddress, gridValue } from '../sheet';
import type { LearnerCheck } from '../cohort/verdict';
import { NOT_COUNTED_HEADER, type ResultsBlock } from '../cohort/verdict';

import type { CohortReading, Grid } from '../sheet';
import type { WritePlan } from './placement';

export const NOT_COUNTED_STYLE = { fill: '#FCE4D6', font: '#843C0C' } as const;
/** Codes whose units the learner took but that cannot count towards the qualification. */
const OUTSIDE_CODES: ReadonlySet<string> = new Set(['unit-not-in-qualification', 'unknown-unit', 'ambiguous-header']);
const SEPARATOR = ', ';

function headerText(grid: Grid, row: number, column: number): string {
  const value = gridValue(grid, row, column);
  if (value === null) return '';
  if (value instanceof Date || typeof value === 'object') return '';
  return String(value);
}

/** The headers of a learner's unit cells that do not count, as the sheet spells them, joined by ", ". */
export function notCountedText(check: LearnerCheck, reading: CohortReading, grid: Grid): string {
  const { record, result } = check;
  const cells = new Set<string>();
  const notCounted = new Set(result.notCounted);
  for (const mark of record.marks) if (notCounted.has(mark.ref)) cells.add(mark.cell);
  for (const problem of record.problems) if (problem.code && OUTSIDE_CODES.has(problem.code)) cells.add(problem.cell);
  const headers: string[] = [];
  for (const cell of cells) {
    const at = parseCellAddress(cell);
    if (!at || at.row !== record.row) continue;
    const text = headerText(grid, reading.headerRow, at.column);
    if (text !== '' && !headers.includes(text)) headers.push(text);
  }
  return headers.join(SEPARATOR);
}

/** The unit columns as one rectangle of sheet columns, or null for a sheet that lists units in a cell. */
export function unitColumnSpan(reading: CohortReading): { left: number; right: number } | null {
  if (reading.layout !== 'matrix' || reading.unitColumns.length === 0) return null;
  const columns = reading.unitColumns.map((u) => u.column);
  return { left: Math.min(...columns), right: Math.max(...columns) };
}

/**
 * The format's formula for the unit cells `left..` from `firstRow`: a cell is highlighted when it is not empty and its
 * column's header is one of those its row lists in the helper column. FIND matches exactly (no wildcards, case kept).
 */
export function highlightFormula(headerRow: number, firstRow: number, left: number, helperColumn: number): string {
  const cell = cellAddress(firstRow, left);
  const header = `${columnLetters(left)}$${headerRow}`;
  const helper = `$${columnLetters(helperColumn)}${firstRow}`;
  return `=AND(${cell}<>"",ISNUMBER(FIND("${SEPARATOR}"&${header}&",","${SEPARATOR}"&${helper}&",")))`;
}

/** Whether a custom format's formula is one this add-in wrote (so a new check may replace it). */
export function isHighlightFormula(formula: string): boolean {
  return /^=AND\([A-Z]+\d+<>"",ISNUMBER\(FIND\(", "&[A-Z]+\$\d+&",",", "&\$[A-Z]+\d+&","\)\)\)$/.test(formula);
}

/**
 * The owned columns plus the one that lists, per learner, the unit columns that do not count. `textOf` gives a
 * learner's list when it was made already (the pane makes it with the learner's result row, a slice at a time).
 * The block's rows are the block's own (resultsBlock makes them for it): the column is added to them in place, as a
 * copy of every row would be 20,000 arrays of garbage at a check of 20,000 learners, collected in the pane's thread.
 */
export function withNotCounted(
  block: ResultsBlock,
  reading: CohortReading,
  checks: readonly LearnerCheck[],
  grid: Grid,
  textOf: (check: LearnerCheck) => string = (check) => notCountedText(check, reading, grid),
): ResultsBlock {
  const { rows } = block;
  for (const row of rows) row.push(null);
  for (const check of checks) {
    const row = rows[check.record.row - reading.headerRow - 1];
    if (row) row[row.length - 1] = textOf(check);
  }
  return { ...block, header: [...block.header, NOT_COUNTED_HEADER] };
}

export function unitHighlight(reading: CohortReading, plan: WritePlan): WritePlan['highlight'] {
  const span = unitColumnSpan(reading);
  if (!span || plan.rows.length === 0) return undefined;
  const helper = plan.firstColumn + plan.header.indexOf(NOT_COUNTED_HEADER);
  const lastRow = plan.firstRow + plan.rows.length - 1;
  return {
    range: rangeAddress({ top: plan.firstRow, left: span.left, bottom: lastRow, right: span.right }),
    formula: highlightFormula(plan.headerRow, plan.firstRow, span.left, helper),
  };
}
