// The grid basics every surface shares: a sheet as a grid of cell values, cell addresses and ranges, dates as a
// sheet holds them, formula text, the largest sheet qualcheck reads, and the reader's contract (what a reading of a
// cohort gives back). Pure: nothing here knows Excel, a file or the page.
export {
  cellAddress,
  cellCornerAt,
  type CellRange,
  columnLetters,
  columnNumber,
  intersectRanges,
  parseCellAddress,
  parseRange,
  rangeAddress,
} from './address';
export {
  ageOn,
  dateOfAge,
  formatUkDate,
  isDateFormat,
  isIsoDate,
  isoDateProblem,
  isoFromDate,
  isoFromExcelSerial,
  isoFromText,
  readDate,
} from './dates';
export { asCellText, looksLikeFormula, shownText } from './formula-text';
export { gridWith } from './grid-patch';
export { cellError, chooseTable, gridRange, gridValue, gridWidth, isBlank, isExcelErrorText } from './grid';
export { MAX_SHEET_CELLS, oversizeMessage } from './size';
export {
  type CellInput,
  type CellValue,
  type CohortLayout,
  type CohortReading,
  type Grid,
  type LearnerRecord,
  type MarkStyle,
  type ReadScope,
  type ReadWarning,
  type UnitMark,
  type UnitState,
} from './types';
export { type HeadingAt, type KnownMarks, type ReadingProblem } from './reading-problems';
