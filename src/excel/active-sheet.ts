// The active sheet inspected: read, with the workbook's rules sheet, into what the reader finds, nothing written.
// Check (check-job.ts) starts here, and the pane's first view shows what was found. The pane and the ribbon command
// both come through here.
import { type LearnerCheck, type CohortSummary } from '../cohort/verdict';
import { HEADER_SEARCH_ROWS, readCohortInSlices } from '../cohort/read';
import type { MarkVocabulary } from '../cohort/read';
import type { CohortReading } from '../sheet';
import type { Catalogue } from '../rules/catalogue';
import { describeExcelError } from './errors';
import type { HostRun } from './host';
import { withoutOwnedColumns, RESULTS_SHEET_NAMES } from '../placement';
import type { ResultsPlace } from '../placement';
import { CheckCancelled, CheckFailed, type Progress, slicePause, type WrittenRows } from './progress';
import { readSheet, type ReadScope, type SheetRead } from './read-sheet';
import { REGISTRATION_SHEET_NAMES } from './registration-sheet';
import { queueRulesLookup, rulesOver, type RulesSheetFound, type WorkbookRules } from './rules-sheet';
import { sheetRefusal, type SheetRefusal } from './sheet-refusal';

export interface CheckSettings {
  catalogue: Catalogue;
  scope: ReadScope;
  /** Qualification for learners whose row names none. */
  qualification?: string;
  place: ResultsPlace;
  marks?: MarkVocabulary;
}

export interface RunControls {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Chunk sizes, for tests; the defaults suit Excel. */
  tuning?: { firstChunkCells?: number; maxChunkRows?: number; targetBytes?: number };
}

export interface SheetInspection {
  read: SheetRead;
  reading: CohortReading;
  /** The workbook's "Qualification rules" sheet, when it has one: its valid blocks were used over the catalogue. */
  rulesSheet?: WorkbookRules;
  /** Why the sheet is a summary, not a cohort (a pivot table, rows of totals); its reading then holds no learner. */
  refusal?: SheetRefusal;
}

export interface CheckOutcome extends SheetInspection {
  checks: LearnerCheck[];
  summary: CohortSummary;
  written: WrittenRows;
  target: 'columns' | 'sheet';
  /** Things the user should know about where the results went. */
  notices: string[];
}

/**
 * What one of qualcheck's own sheets is, when the active sheet is one: writing the rules sheet or the results sheet
 * leaves it active, and reading it as a cohort would find "learners" in it and write results into it.
 */
function ownSheet(sheetName: string, rulesSheet: WorkbookRules | null): string | null {
  if (rulesSheet && rulesSheet.sheetName === sheetName) return "qualcheck's qualification data";
  if (RESULTS_SHEET_NAMES.includes(sheetName)) return "where qualcheck writes a cohort's results";
  if (REGISTRATION_SHEET_NAMES.includes(sheetName)) return "qualcheck's registration export";
  return null;
}

export async function inspectSheet(
  run: HostRun,
  settings: CheckSettings,
  controls: RunControls = {},
): Promise<SheetInspection> {
  let read: SheetRead;
  let rulesSheet: WorkbookRules | null;
  try {
    // The rules sheet is looked up in the sync that finds the cohort's sheet, and read (when there is one) after it.
    let rulesFound: RulesSheetFound | null = null;
    read = await readSheet(run, {
      scope: settings.scope,
      onProgress: controls.onProgress,
      signal: controls.signal,
      ...controls.tuning,
      alongside: (context) => {
        const lookUp = queueRulesLookup(context);
        return async () => {
          rulesFound = await lookUp();
        };
      },
    });
    rulesSheet = await rulesOver(rulesFound, settings.catalogue);
  } catch (error) {
    throw describeExcelError(error, { sheetName: 'the active sheet', beside: false, written: null });
  }
  const own = ownSheet(read.sheetName, rulesSheet);
  if (own) {
    throw new CheckFailed(
      `Sheet "${read.sheetName}" is ${own}, not a cohort of learners. Open the sheet with your learners, then read or check it again. Nothing was written.`,
      null,
    );
  }
  // In slices, so the pane paints (and hears Cancel) while a large cohort is read.
  const grid = withoutOwnedColumns(read.grid, HEADER_SEARCH_ROWS);
  const found = await readCohortInSlices(
    grid,
    {
      catalogue: rulesSheet?.use.catalogue ?? settings.catalogue,
      qualification: settings.qualification,
      marks: settings.marks,
    },
    slicePause(() => {
      if (controls.signal?.aborted) throw new CheckCancelled('reading', null);
    }),
  );
  // A summary's rows are not learners: with none in the reading, no tab checks, plans or registers them.
  const refusal = sheetRefusal(read.pivotTables, found, grid);
  const reading = refusal ? { ...found, learners: [] } : found;
  return { read, reading, ...(rulesSheet && { rulesSheet }), ...(refusal && { refusal }) };
}

/** Selects a cell the pane names (a reading warning's "go to cell" link). */
export async function selectCell(run: HostRun, sheetName: string, address: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    await context.sync();
  });
}
