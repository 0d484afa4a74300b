// Where the results go and whose cell it is: beside the data or on the "qualcheck results" sheet, decided from the
// cells already there and the ownership record of what qualcheck wrote before; the unit highlight's formats; and
// the plan of a write the add-in and the command line carry out alike. Pure: the hosts only read and write cells.
export { CellsAround } from './cells-around';
export { readWithoutOwnedColumns, withoutOwnedColumns } from './owned-columns';
export { OWNERSHIP_NAMESPACE, type OwnershipRecord, resultsElsewhere } from './ownership-record';
export {
  parseOwnership,
  serialiseOwnership,
  headKeepsInParts,
  isOwnershipNamespace,
  keptInParts,
  ownershipParts,
  ownershipPartsOfRow,
  recordOfParts,
  rowsPartNamespace,
} from './ownership-xml';
export { cellCount, rangesInWords } from './ownership';
export { type ResultsPlace, type WritePlan } from './placement';
export {
  chooseResultsSheet,
  isResultsSheetHeader,
  RESULTS_SHEET,
  RESULTS_SHEET_NAMES,
  type ResultsSheetFound,
} from './results-sheet';
export {
  abandonedResults,
  decideResultsWrite,
  learnerResultsPlace,
  mayClearAbandoned,
  mayRewriteResultCell,
  recordAfterApply,
  recordAfterClear,
} from './results-writer';
export { isHighlightFormula, NOT_COUNTED_STYLE, notCountedText, withNotCounted } from './unit-highlight';
