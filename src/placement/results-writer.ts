// The one place that decides where a check's results go and whose cells they may take: the command line's --out,
// the pane's Check, Check now from the ribbon, and What-if's Apply all come here. A host (the package patch in
// src/cli, the Office.js adapter in src/excel) reads what the decision asks for — the ownership record, the cells
// around the data, which results sheet is free — and writes what it returns: the plan (cells, formats, highlight)
// and the record that follows it. The cells themselves are judged in placement.ts (where), ownership.ts (with the
// record) and result-vocabulary.ts (without it).
import type { CellRange, CellInput, CellValue, CohortReading } from '../sheet';
import type { LearnerCheck, ResultsBlock } from '../cohort/verdict';
import { isBlank } from '../sheet';
import { cellsStillAsWritten, stillAsWritten } from './ownership';
import {
  blockFor,
  recordElsewhere,
  recordPartialWrite,
  recordWrite,
  resultsElsewhere,
  rewriteCells,
  withBlock,
  type OwnedBlock,
  type OwnershipRecord,
} from './ownership-record';
import { planBeside, planResultsSheet, type ResultsPlace, type WritePlan } from './placement';
import { heldAsQualcheckWrites, resultWordsOf } from './result-vocabulary';
import type { CellsAround } from './cells-around';
import { unitHighlight } from './unit-highlight';

/** What a check hands over: the cohort as read and checked, and its result columns. */
export interface ResultsWriteRequest {
  /** The cohort sheet. */
  sheetName: string;
  reading: CohortReading;
  checks: readonly LearnerCheck[];
  /** The result columns, not-counted column included (unit-highlight.ts withNotCounted). */
  block: ResultsBlock;
  /** Beside the data (the default), or on a results sheet because the user asked for one. */
  place: ResultsPlace;
  /** The ownership record as the workbook holds it; null when it has none (or another program dropped it). */
  record: OwnershipRecord | null;
}

/** What the decision asks of the host, only when it needs it. */
export interface ResultsWriteHost {
  /** The cells around the data: the cohort's rows and everything right of them, down to the sheet's last row. */
  cellsAround(): Promise<CellsAround> | CellsAround;
  /** The results sheet to write to (results-sheet.ts chooseResultsSheet over what the workbook has). */
  resultsSheet(): Promise<{ name: string; create: boolean }>;
  /**
   * Lets the host's other work run between the decision's two large steps (placing the block, then fingerprinting
   * every cell it writes for the record): the pane yields to its event loop, so neither is one long task.
   */
  pause?(): Promise<void>;
}

export interface ResultsWrite {
  plan: WritePlan;
  /** The record once the whole plan is written (null: keep none, as when none was there and none is needed). */
  record: OwnershipRecord | null;
  /** The record for a write stopped after `rows` of the plan's rows (a cancelled check). */
  recordAfter(rows: number): OwnershipRecord | null;
  /** Whether the record had results of an earlier check beside the data where this plan writes. */
  earlierResults: boolean;
}

export async function decideResultsWrite(request: ResultsWriteRequest, host: ResultsWriteHost): Promise<ResultsWrite> {
  const { sheetName, reading, checks, block, record } = request;
  const owned = blockFor(record, sheetName);
  const beside =
    request.place === 'beside' ? planBeside(await host.cellsAround(), sheetName, reading, block, owned) : null;
  if (beside && !('blockedBy' in beside)) {
    beside.highlight = unitHighlight(reading, beside);
    await host.pause?.();
    const after = recordWrite(record, beside);
    return {
      plan: beside,
      record: after,
      recordAfter: (rows) =>
        rows >= beside.rows.length ? after : recordPartialWrite(record, beside, Math.max(0, rows)),
      earlierResults: owned !== undefined,
    };
  }
  const reason = beside && 'blockedBy' in beside ? beside.blockedBy : undefined;
  const sheet = await host.resultsSheet();
  const plan = planResultsSheet(sheet.name, sheet.create, reading, checks, block, reason);
  // The cohort sheet's results are on the results sheet now: Apply goes there, not to columns left beside the data.
  const after = recordElsewhere(record, sheetName, sheet.name);
  return { plan, record: after, recordAfter: () => after, earlierResults: false };
}

/** Where What-if's Apply updates one learner's results: where the last check put them. */
export type LearnerResultsPlace =
  /** Beside the data: the result cells in the learner's row, under the result headers. */
  | { at: 'beside'; block?: OwnedBlock }
  /** On a results sheet: the learner's row there. Columns beside the data, if any, are an earlier check's. */
  | { at: 'sheet'; name: string };

export function learnerResultsPlace(record: OwnershipRecord | null, sheetName: string): LearnerResultsPlace {
  const elsewhere = resultsElsewhere(record, sheetName);
  if (elsewhere !== undefined) return { at: 'sheet', name: elsewhere };
  return { at: 'beside', block: blockFor(record, sheetName) };
}

/**
 * Whether Apply may write a result cell of the learner beside the data: with the record, while it is empty or still
 * as qualcheck wrote it; without one, while it holds what qualcheck would write there (result-vocabulary.ts).
 */
export function mayRewriteResultCell(
  place: { block?: OwnedBlock; reading: CohortReading },
  cell: { row: number; column: number; header: string; now: CellValue; next: CellInput },
): boolean {
  if (isBlank(cell.now)) return true;
  if (place.block) return stillAsWritten(place.block, cell.row, cell.column, cell.now);
  return heldAsQualcheckWrites(cell.header, cell.now, cell.next, resultWordsOf(place.reading));
}

/**
 * The record after Apply wrote the learner's result cells beside the data: those cells are qualcheck's as written now,
 * so the next check replaces them. Null when there is nothing to record: no record (the next check judges the cells
 * by what they hold), results on a results sheet (qualcheck's whole), or no cell written.
 */
export function recordAfterApply(
  record: OwnershipRecord | null,
  sheetName: string,
  written: readonly { row: number; column: number; value: CellInput }[],
): OwnershipRecord | null {
  const block = blockFor(record, sheetName);
  if (!record || !block || written.length === 0 || resultsElsewhere(record, sheetName) !== undefined) return null;
  return withBlock(record, rewriteCells(block, written));
}

/**
 * The result columns beside the data that a check left when it sent the results to a results sheet, as the record
 * holds them (header row included), when Apply could clear them: undefined when the results are beside the data,
 * when the record does not have them (then nothing proves them qualcheck's), or when they are more than `maxCells`.
 */
export function abandonedResults(
  record: OwnershipRecord | null,
  sheetName: string,
  maxCells: number,
): { block: OwnedBlock; area: CellRange } | undefined {
  if (resultsElsewhere(record, sheetName) === undefined) return undefined;
  const block = blockFor(record, sheetName);
  if (!block || (block.rows + 1) * block.columns > maxCells) return undefined;
  const area = {
    top: block.headerRow,
    left: block.firstColumn,
    bottom: block.headerRow + block.rows,
    right: block.firstColumn + block.columns - 1,
  };
  return { block, area };
}

/**
 * Whether abandoned result columns are provably qualcheck's, so Apply may clear them: every cell, header included, is
 * empty or holds what qualcheck wrote there. `cellAt` gives a formula cell as its formula, never as empty.
 */
export function mayClearAbandoned(
  { block, area }: { block: OwnedBlock; area: CellRange },
  cellAt: (row: number, column: number) => CellValue,
): boolean {
  const asWritten = cellsStillAsWritten(block);
  for (let r = area.top; r <= area.bottom; r++)
    for (let c = area.left; c <= area.right; c++) if (!asWritten(r, c, cellAt(r, c))) return false;
  return true;
}

/** The record once Apply cleared the abandoned columns: they are nobody's now; the results stay on the results sheet. */
export function recordAfterClear(record: OwnershipRecord, sheetName: string): OwnershipRecord {
  return { ...record, blocks: record.blocks.filter((b) => b.sheet !== sheetName) };
}
