// The pane's and the ribbon's Check: the sheet read and inspected (active-sheet.ts), then the engine learner by learner,
// the owned result columns (or the results sheet) and their conditional formats written, and the record of what
// qualcheck wrote saved. Apart from active-sheet.ts so the task pane loads it when Check is first pressed, not with its
// first view.
import { parseCellAddress, parseRange, rangeAddress, type CellRange, gridValue } from '../sheet';
import { checkLearner, type LearnerCheck, resultRow, resultsBlock, summarise } from '../cohort/verdict';
import { readingMessage } from '../cohort/read';
import type { CohortReading, Grid } from '../sheet';
import { describeExcelError } from './errors';
import { mergedAreasIn } from './merged-areas';
import type { HostRun } from './host';
import {
  decideResultsWrite,
  chooseResultsSheet,
  RESULTS_SHEET,
  RESULTS_SHEET_NAMES,
  CellsAround,
  withNotCounted,
  notCountedText,
  cellCount,
  rangesInWords,
} from '../placement';
import type { WritePlan, OwnershipRecord } from '../placement';
import { blankFormulasIn, writtenAreas, type BlankFormula } from './blank-formulas';
import { CheckCancelled, CheckFailed, sliceClock, yieldToUi } from './progress';
import { MAX_COLUMNS, MAX_ROWS, readSheet, type SheetRead } from './read-sheet';
import { refusalWords } from './sheet-refusal';
import { writeResults, type SourceCheck, type WriteOptions } from './write-plan';
import { queueOwnershipSave, readOwnership } from './ownership-part';

import { inspectSheet, type CheckOutcome, type CheckSettings, type RunControls } from './active-sheet';

/**
 * Runs the engine learner by learner, and makes each one's result row (its next step is a plan: the costly part) and
 * the headers of their units that do not count, yielding every SLICE_MS so the progress bar moves and Cancel is heard:
 * made after the loop, in one piece, the not-counted lists of 20,000 learners were a long task.
 */
export async function checkLearners(
  reading: CohortReading,
  grid: Grid,
  controls: RunControls = {},
): Promise<{
  checks: LearnerCheck[];
  rows: Map<LearnerCheck, (string | number)[]>;
  notCounted: Map<LearnerCheck, string>;
}> {
  const checks: LearnerCheck[] = [];
  const rows = new Map<LearnerCheck, (string | number)[]>();
  const notCounted = new Map<LearnerCheck, string>();
  const total = reading.learners.length;
  const clock = sliceClock();
  for (const [i, record] of reading.learners.entries()) {
    const check = { record, result: checkLearner(record) };
    checks.push(check);
    rows.set(check, resultRow(check));
    notCounted.set(check, notCountedText(check, reading, grid));
    if (clock.due() || i === total - 1) {
      controls.onProgress?.({ phase: 'checking', done: i + 1, total });
      await yieldToUi();
      if (controls.signal?.aborted) throw new CheckCancelled('checking', null);
    }
  }
  return { checks, rows, notCounted };
}

/** The learner id column (where the sheet has one) is what a sorted or shifted sheet changes first. */
function sourceCheck(
  read: SheetRead,
  reading: CohortReading,
  checks: readonly LearnerCheck[],
  plan: WritePlan,
): SourceCheck {
  const idCell = checks.find((c) => c.record.cells.learnerId)?.record.cells.learnerId;
  const column = (idCell && parseCellAddress(idCell)?.column) || reading.firstColumn;
  return {
    sheetName: read.sheetName,
    column,
    expected: (row) => gridValue(read.grid, row, column),
    rowsFor:
      plan.target === 'columns'
        ? (first, last) => ({ top: plan.firstRow + first, bottom: plan.firstRow + last })
        : (first, last) => ({ top: checks[first].record.row, bottom: checks[last].record.row }),
  };
}

/** Cells right of a table or selection are outside what was read: read them too before deciding they are free. */
async function cellsAround(
  run: HostRun,
  read: SheetRead,
  reading: CohortReading,
  controls: RunControls,
): Promise<CellsAround> {
  let grids = [read.grid];
  if (!read.wholeSheet) {
    let width = 0;
    for (const row of read.grid.values) if (row) width = Math.max(width, row.length);
    const right = read.grid.left + width;
    const area = { top: reading.headerRow, left: right, bottom: MAX_ROWS, right: MAX_COLUMNS };
    const beyond = await readSheet(run, { scope: 'sheet', area, signal: controls.signal, ...controls.tuning });
    grids = [read.grid, beyond.grid];
  }
  const cells = new CellsAround(grids);
  const merges = await mergesRightOf(run, read.sheetName, reading, cells.bottom);
  return merges.length > 0 ? new CellsAround(grids, merges) : cells;
}

/**
 * The merged areas right of the data, from the header row to the last row anything is in: where the results may go.
 * None where Excel cannot say (before ExcelApi 1.13); then a merge there stops the write and errors.ts words it.
 */
async function mergesRightOf(
  run: HostRun,
  sheetName: string,
  reading: CohortReading,
  bottom: number,
): Promise<CellRange[]> {
  const area = {
    top: reading.headerRow,
    left: reading.lastColumn + 1,
    bottom: Math.max(reading.lastRow, bottom, reading.headerRow),
    right: MAX_COLUMNS,
  };
  if (area.left > area.right) return [];
  try {
    const found = await run((context) =>
      mergedAreasIn(context, context.workbook.worksheets.getItem(sheetName), rangeAddress(area)),
    );
    return (found ?? []).flatMap((a) => parseRange(a) ?? []);
  } catch (error) {
    throw describeExcelError(error, { sheetName, beside: false, written: null });
  }
}

async function resultsSheetName(run: HostRun): Promise<{ name: string; create: boolean }> {
  return run(async (context) => {
    const sheets = RESULTS_SHEET_NAMES.map((name) => ({
      name,
      sheet: context.workbook.worksheets.getItemOrNullObject(name).load('name'),
    }));
    await context.sync();
    const heads = sheets.map(({ name, sheet }) => ({
      name,
      exists: !sheet.isNullObject,
      head: sheet.isNullObject ? null : sheet.getRange('A1:C1').load('values'),
    }));
    if (heads.some((h) => h.head)) await context.sync();
    const found = new Map(heads.map((h) => [h.name, h]));
    const chosen = chooseResultsSheet((name) => {
      const h = found.get(name);
      return h?.exists ? { name, firstCells: h.head?.values[0] ?? null } : undefined;
    });
    if (chosen) return chosen;
    throw new CheckFailed(
      `Sheets "${RESULTS_SHEET}" to "${RESULTS_SHEET} 9" all hold other data. Rename one of them, then check again.`,
      null,
    );
  });
}

export async function checkSheet(
  run: HostRun,
  settings: CheckSettings,
  controls: RunControls = {},
): Promise<CheckOutcome> {
  const inspection = await inspectSheet(run, settings, controls);
  const { read, reading } = inspection;
  if (inspection.refusal)
    throw new CheckFailed(`${refusalWords(read.sheetName, inspection.refusal)} Nothing was written.`, null);
  if (reading.learners.length === 0) {
    const why = reading.warnings[0] ? ` ${reading.warnings[0].cell}: ${readingMessage(reading.warnings[0])}` : '';
    throw new CheckFailed(
      `No learners found on sheet "${read.sheetName}" (${read.source}); nothing was written.${why}`,
      null,
    );
  }
  const { checks, rows, notCounted } = await checkLearners(reading, read.grid, controls);
  if (controls.signal?.aborted) throw new CheckCancelled('checking', null);
  const block = withNotCounted(
    resultsBlock(reading, checks, undefined, (check) => rows.get(check) ?? resultRow(check)),
    reading,
    checks,
    read.grid,
    (check) => notCounted.get(check) ?? notCountedText(check, reading, read.grid),
  );
  const notices: string[] = [];

  let ownership: OwnershipRecord | null;
  try {
    ownership = await readOwnership(run);
  } catch (error) {
    throw describeExcelError(error, { sheetName: read.sheetName, beside: false, written: null });
  }
  let around: CellsAround | undefined;
  const request = { sheetName: read.sheetName, reading, checks, block, place: settings.place, record: ownership };
  const host = {
    cellsAround: async () => (around ??= await cellsAround(run, read, reading, controls)),
    resultsSheet: async () => {
      try {
        return await resultsSheetName(run);
      } catch (error) {
        throw describeExcelError(error, { sheetName: RESULTS_SHEET, beside: false, written: null });
      }
    },
    pause: yieldToUi,
  };
  let decision = await decideResultsWrite(request, host);
  // A formula whose value reads as empty is the person's, never a free cell: the cells the plan would write are read
  // for formulas, and where one is found the decision is made again knowing it (each round knows more cells, so it ends).
  while (decision.plan.target === 'columns' && around) {
    const known = around;
    let found: BlankFormula[];
    try {
      found = await blankFormulasIn(run, read.sheetName, writtenAreas(decision.plan), (row, column) =>
        known.value(row, column),
      );
    } catch (error) {
      throw describeExcelError(error, { sheetName: read.sheetName, beside: false, written: null });
    }
    if (found.length === 0) break;
    around = known.withBlankFormulas(found);
    decision = await decideResultsWrite(request, host);
  }
  const { plan } = decision;
  if (plan.target === 'sheet' && plan.reason)
    notices.push(
      `The results went to sheet "${plan.sheetName}" because ${plan.reason}; the cohort sheet was left as it was.`,
    );

  // The record of the cells written is saved in the write's own syncs: looked up with the first, stored with the last
  // (after a cancel, for the rows written by then).
  const writeOptions: WriteOptions = {
    onProgress: controls.onProgress,
    signal: controls.signal,
    ...controls.tuning,
    earlierResults: decision.earlierResults,
    alongside: (context) => {
      const save = queueOwnershipSave(context);
      return (rows) => {
        const next = decision.recordAfter(rows.lastRow - plan.firstRow + 1);
        if (next && next !== ownership) save(next);
      };
    },
  };
  const outcome = await writeResults(run, plan, sourceCheck(read, reading, checks, plan), writeOptions);
  if (plan.staleRanges.length > 0)
    notices.push(`Results of an earlier check below the last learner were cleared (${plan.staleRanges.join(', ')}).`);
  if (plan.kept && plan.kept.length > 0) {
    notices.push(
      `Cells changed since qualcheck wrote them were kept as they are (${cellCount(plan.kept)}: ${rangesInWords(plan.kept)}).`,
    );
  }
  return {
    ...inspection,
    checks,
    summary: summarise(checks),
    written: outcome.written,
    target: plan.target,
    notices,
  };
}
