// What-if on one learner's row: the unit choices a person makes, the cells a choice changes (in the sheet's own
// marks or list separators), and the learner's result checked again from the row as it will be. Pure.
export { type CellChange, type RowChanges } from './row-changes';
export { planRowChanges } from './row-edits';
export { type OwnedCell, ownedResultCells, readsBackAs, recheckRow, sameValue, valueInWords } from './row-recheck';
export { changedUnits, type Choices, sheetChoices, type UnitChoice } from './unit-choices';
