// The "Qualification rules" sheet: definitions written as blocks of cells a centre edits, read back into definitions
// with each problem on the cell to correct, and laid over the catalogue. It needs only the grid basics and the
// engine's definitions (src/sheet, src/rules), nothing of the cohort. Pure.
export { applyRulesSheet, type RulesSheetUse } from './apply';
export { argb, RULES_SHEET_COLOURS } from './colours';
export { RULES_SHEET_NAME } from './layout';
export { isRulesSheetName, rulesSheetGrid, type RulesSheetLayout } from './write';
