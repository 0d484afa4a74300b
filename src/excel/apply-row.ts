// Writing one learner's row for the what-if panel: the cells a choice changes (planned in src/whatif/row-edits.ts)
// and the row's owned result cells, after checking that the row still holds what the pane read and that the new
// cells read back as the units chosen. Every other cell of the sheet is left as it is.
import { cellAddress, rangeAddress, shownText, gridValue, isBlank, gridWith } from '../sheet';
import type { LearnerCheck } from '../cohort/verdict';
import {
  keptInParts,
  resultsElsewhere,
  type OwnershipRecord,
  abandonedResults,
  learnerResultsPlace,
  mayClearAbandoned,
  mayRewriteResultCell,
  recordAfterApply,
  recordAfterClear,
  notCountedText,
} from '../placement';
import type { ReadOptions } from '../cohort/read';
import { ownedResultCells, readsBackAs, recheckRow, sameValue, valueInWords, type OwnedCell } from '../whatif';
import type { CellChange } from '../whatif';
import type { CellValue, CohortReading, Grid, LearnerRecord } from '../sheet';
import { describeExcelError } from './errors';
import type { HostCellInput, HostCellValue, HostRun } from './host';
import { queueRowOwnershipRead, readOwnership, readOwnershipIn, saveOwnership } from './ownership-part';
import { type CheckCancelled, CheckFailed, slicePause } from './progress';
import { cellValueFromHost } from './read-sheet';
import { findResultsSheetRow } from './results-sheet-row';

export interface ApplyRequest {
  sheetName: string;
  /** The grid the pane read (owned result columns included) and its reading. */
  grid: Grid;
  reading: CohortReading;
  record: LearnerRecord;
  changes: readonly CellChange[];
  /** The learner's units as chosen, to check the written row reads back as them before anything is written. */
  intended: { achieved: readonly string[]; planned: readonly string[] };
  options: ReadOptions;
}

export interface ApplyOutcome {
  /** The grid and reading as the sheet now holds them. */
  grid: Grid;
  reading: CohortReading;
  check: LearnerCheck;
  written: CellChange[];
  /** Owned result cells of the learner that were brought up to date (none when the workbook has none for them). */
  results: { cell: string; header: string; value: HostCellInput }[];
  /**
   * Set when the learner's results are on a separate results sheet (`results` are then its cells): not written when
   * it is protected, or when it has no row for the learner (`noRow`).
   */
  resultsSheet?: { name: string; written: boolean; noRow?: boolean };
  /** The learner's result cells beside the data (`AV9–BC9`) that an earlier check left: out of date, not written. */
  outOfDate?: string;
  /** Result cells of the learner a person changed since qualcheck wrote them: left as they are. */
  kept?: string[];
  /**
   * The result columns beside the data (`AV1:BC21`) that an earlier check left, cleared because every cell still held
   * what qualcheck wrote there (then `outOfDate` is unset).
   */
  cleared?: string;
}

/** Abandoned result columns up to this many cells are read to see whether Apply may clear them (one read, small). */
const MAX_ABANDONED_CELLS = 50_000;

/** What a cell holds to the writer: a formula whose value reads as empty is its formula, never empty. */
function heldValue(value: HostCellInput | undefined, formula: HostCellValue | undefined): CellValue {
  const held = cellValueFromHost(value);
  return isBlank(held) && typeof formula === 'string' && formula.startsWith('=') ? formula : held;
}

/**
 * Writes the changed cells of one learner's row, and the row's owned result cells when the sheet has them. Before
 * writing it checks that the row and the header still hold what the pane read (else nothing is written) and that the
 * new cells read back as the units chosen. Three syncs: read the row, read the header and the ownership record's parts
 * that hold the row, write the cells and those parts of the record; three more to find the learner's row on a
 * separate results sheet when the cohort sheet has no result columns. With an ownership record, a result cell a person
 * changed since the last check is kept (`kept`), and the record then notes the cells refreshed. The whole record is
 * read (two syncs more) only where the results went to a results sheet, and stored whole (two more) only where the
 * workbook's record is of the format before parts or the block outgrows its head.
 */
function failure(sheetName: string, error: unknown): CheckFailed | CheckCancelled {
  return describeExcelError(error, { sheetName, beside: false, written: null, task: 'apply' });
}

export async function applyRowChanges(run: HostRun, request: ApplyRequest): Promise<ApplyOutcome> {
  const { grid, reading, record, changes, sheetName } = request;
  const patched = gridWith(
    grid,
    changes.map((c) => ({ row: c.row, column: c.column, value: c.after === '' ? null : c.after })),
  );
  const { reading: after, check } = await recheckRow(patched, record.row, request.options, slicePause(), reading);
  const cells = changes.map((c) => c.cell).join(', ');
  if (!readsBackAs(check, request.intended)) {
    throw new CheckFailed(
      `Writing ${cells || 'the row'} would not read back as the units chosen for ${record.learnerId}, so nothing was written. Change the cells by hand, or read the sheet again.`,
      null,
    );
  }

  const left = reading.firstColumn;
  const right = reading.lastColumn;
  let outcome: ApplyOutcome;
  /** The record after the write when it is stored whole after the batch (null: nothing more to store). */
  let storeWhole: (() => Promise<OwnershipRecord | null>) | undefined;
  try {
    outcome = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const recordOfRow = queueRowOwnershipRead(context, sheetName, record.row);
      const protection = sheet.protection.load('protected');
      const rowRange = sheet
        .getRange(rangeAddress({ top: record.row, left, bottom: record.row, right }))
        .load('values');
      const used = sheet.getUsedRangeOrNullObject(true).load('columnIndex,columnCount');
      await context.sync();
      if (protection.protected) throw failure(sheetName, { code: 'AccessDenied', message: 'protected' });
      const now = rowRange.values[0] ?? [];
      for (let c = left; c <= right; c++) {
        const was = gridValue(grid, record.row, c);
        const is = cellValueFromHost(now[c - left]);
        if (!sameValue(was, is)) {
          throw new CheckFailed(
            `${cellAddress(record.row, c)} was ${valueInWords(was)} when the pane read the sheet and is ${valueInWords(is)} now, so nothing was written. Read the sheet again, then apply.`,
            null,
          );
        }
      }
      recordOfRow.readText();
      const usedRight = used.isNullObject ? right : Math.max(right, used.columnIndex + used.columnCount);
      const header = sheet
        .getRange(rangeAddress({ top: reading.headerRow, left, bottom: reading.headerRow, right: usedRight }))
        .load('values');
      // Its formulas too (one row): a formula whose value reads as empty is the person's, never an empty result cell.
      const wholeRow = sheet
        .getRange(rangeAddress({ top: record.row, left, bottom: record.row, right: usedRight }))
        .load('values,formulas');
      await context.sync();
      const rowOwnership = recordOfRow.done();
      // Results on a results sheet: the columns the last check left beside the data are judged cell by cell against the
      // whole record, so it is read whole (two syncs); else the parts that hold the row are all Apply needs.
      const whole = resultsElsewhere(rowOwnership.record, sheetName) !== undefined;
      const ownership = whole ? await readOwnershipIn(context) : rowOwnership.record;
      const place = learnerResultsPlace(ownership, sheetName);
      const block = place.at === 'beside' ? place.block : undefined;
      // Columns the last check left beside the data when it moved the results: read, to clear them if still qualcheck's.
      const abandoned = place.at === 'sheet' ? abandonedResults(ownership, sheetName, MAX_ABANDONED_CELLS) : undefined;
      const abandonedCells = abandoned && sheet.getRange(rangeAddress(abandoned.area)).load('values,formulas');
      if (abandonedCells) await context.sync();
      const headerValues = header.values[0] ?? [];
      for (let c = left; c <= right; c++) {
        const was = gridValue(grid, reading.headerRow, c);
        if (!sameValue(was, cellValueFromHost(headerValues[c - left]))) {
          throw new CheckFailed(
            `The header in row ${reading.headerRow} changed since the pane read the sheet (${cellAddress(reading.headerRow, c)}), so nothing was written. Read the sheet again.`,
            null,
          );
        }
      }

      const notCounted = () => notCountedText(check, after, patched);
      const headed = ownedResultCells(headerValues, left, check, notCounted);
      const rowNow = wholeRow.values[0] ?? [];
      const rowFormulas = wholeRow.formulas[0] ?? [];
      const held = (column: number) => heldValue(rowNow[column - left], rowFormulas[column - left]);
      // Beside the data, a result cell is written only while it is qualcheck's (results-writer.ts decides).
      const mayWrite = (o: OwnedCell) =>
        place.at === 'beside' &&
        mayRewriteResultCell(
          { block, reading: after },
          {
            row: record.row,
            column: o.column,
            header: o.header,
            now: held(o.column),
            next: o.value,
          },
        );
      const owned = headed.filter(mayWrite);
      const kept =
        place.at === 'beside' ? headed.filter((o) => !mayWrite(o)).map((o) => cellAddress(record.row, o.column)) : [];
      // Results on a separate sheet: that sheet's row for this learner, when there is one (three more syncs). Where the
      // last check wrote them there, the columns beside the data are an earlier check's: never written, said so.
      const onSheet = place.at === 'sheet' ? place.name : undefined;
      const elsewhere =
        onSheet !== undefined || headed.length === 0
          ? await findResultsSheetRow(context, record.row, record.learnerId, onSheet)
          : undefined;
      const clear =
        abandoned &&
        abandonedCells &&
        mayClearAbandoned(abandoned, (r, c) => {
          const i = r - abandoned.area.top;
          const j = c - abandoned.area.left;
          return heldValue(abandonedCells.values[i]?.[j], abandonedCells.formulas[i]?.[j]);
        })
          ? abandoned.area
          : undefined;
      const outOfDate =
        onSheet !== undefined && headed.length > 0 && !clear
          ? `${cellAddress(record.row, headed[0].column)}–${cellAddress(record.row, headed[headed.length - 1].column)}`
          : undefined;
      const results = elsewhere
        ? {
            sheet: context.workbook.worksheets.getItem(elsewhere.sheetName),
            row: elsewhere.row,
            cells: elsewhere.protected ? [] : ownedResultCells(elsewhere.header, 1, check, notCounted),
          }
        : { sheet, row: record.row, cells: owned };

      context.workbook.application.suspendApiCalculationUntilNextSync();
      for (const change of changes) sheet.getRange(change.cell).values = [[change.after]];
      if (clear) sheet.getRange(rangeAddress(clear)).clear('Contents');
      for (const cell of results.cells)
        results.sheet.getRange(cellAddress(results.row, cell.column)).values = [[cell.value]];
      // The refreshed result cells are qualcheck's as written now: the record follows, so the next check replaces them.
      const written = elsewhere ? [] : owned.map((o) => ({ row: record.row, column: o.column, value: o.value }));
      const next =
        clear && ownership ? recordAfterClear(ownership, sheetName) : recordAfterApply(ownership, sheetName, written);
      if (next && !whole && rowOwnership.storedInParts === keptInParts(next, sheetName)) rowOwnership.queueSave(next);
      else if (next && whole) storeWhole = () => Promise.resolve(next);
      else if (next) {
        // A record of the format before parts with a block of many rows, or a block grown past its head: stored whole
        // in parts, from the whole record (the one read here holds only this row's part of other blocks).
        storeWhole = async () => recordAfterApply(await readOwnership(run), sheetName, written);
      }
      await context.sync();
      const finalGrid = gridWith(
        patched,
        owned.map((o) => ({
          row: record.row,
          column: o.column,
          value: o.value === '' ? null : typeof o.value === 'string' ? shownText(o.value) : o.value,
        })),
      );
      return {
        grid: finalGrid,
        reading: after,
        check,
        written: [...changes],
        results: results.cells.map((o) => ({
          cell: cellAddress(results.row, o.column),
          header: o.header,
          value: o.value,
        })),
        resultsSheet: elsewhere
          ? { name: elsewhere.sheetName, written: !elsewhere.protected }
          : onSheet !== undefined
            ? { name: onSheet, written: false, noRow: true }
            : undefined,
        ...(kept.length > 0 ? { kept } : {}),
        ...(outOfDate ? { outOfDate } : {}),
        ...(clear ? { cleared: rangeAddress(clear) } : {}),
      };
    });
  } catch (error) {
    throw failure(sheetName, error);
  }
  if (storeWhole) {
    try {
      const next = await storeWhole();
      if (next) await saveOwnership(run, next);
    } catch (error) {
      throw failure(sheetName, error);
    }
  }
  return outcome;
}
