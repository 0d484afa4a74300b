// The Office.js adapter: the only folder that touches Excel. The task pane and the ribbon's commands reach it here:
// running a job against the host, checking the active sheet, applying one learner's changes, following the
// selection, reading and editing the rules sheet, writing the registration sheet, and telling whether a reading
// kept since the check still holds. The rules sheet's event wiring is loaded on demand (rules-sheet-edits.ts).
export { applyRowChanges, type ApplyOutcome } from './apply-row';
export { checkSheet } from './check-job';
export { inspectSheet, selectCell, type CheckOutcome, type CheckSettings, type SheetInspection } from './active-sheet';
export { excelApiLoaded, officeRun, type HostRun } from './host';
export { CheckCancelled, CheckFailed, sliceClock, yieldToUi, type Progress, type WrittenRows } from './progress';
export { learnerRowStaleness, type Staleness } from './reading-confirm';
export { writeRegistrationSheet, type RegistrationSheetWritten } from './registration-sheet';
export { editRulesSheet, workbookRules, type RulesSheetEdit, type WorkbookRules } from './rules-sheet';
export { followSelection, readSelection, type SelectedCell } from './selection';
export { refusalWords } from './sheet-refusal';
