// What Excel hands a worksheet function (ranges as 2-D arrays of values, with their addresses when asked for) as
// the grids the cohort reader reads: the header row where it is, the learner's row at the learner's own cells, so
// every message about the learner names the cell the user sees.
import { cellCornerAt, parseRange, type CellRange } from '../sheet';
import type { CellValue, Grid } from '../sheet';

// Copied once: an imported binding read on every call costs a call per read where modules are transpiled (the bench
// runs them so), as the engine's inner loops note.
const cornerAt = cellCornerAt;
const rangeOfText = parseRange;

/** A range argument as Excel passes it: its values, and its address (`Cohort!E1:AQ1`) when the function asks for it. */
export interface FormulaRange {
  values: readonly (readonly unknown[])[];
  address?: string;
}

/**
 * Excel passes a date as its serial number and a function sees no number format, so a whole number that is a day
 * between 1990 and 2099 in a unit or learner cell is read as a date; any other number is read as the number it is.
 */
const FIRST_DATE_SERIAL = 32_874; // 01/01/1990
const LAST_DATE_SERIAL = 73_415; // 31/12/2099
const DATE_FORMAT = 'dd/mm/yyyy';

export function isDateSerial(value: unknown): boolean {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= FIRST_DATE_SERIAL && value <= LAST_DATE_SERIAL
  );
}

/** A value of a range argument as the reader takes it: blanks as null, anything Excel-specific (an error object) as null. */
export function formulaCell(value: unknown): CellValue {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  return null;
}

export function rangeOf(range: FormulaRange | undefined): CellRange | undefined {
  return range?.address ? parseRange(range.address) : undefined;
}

/**
 * The top-left cell of a range as Excel spells its address (`Cohort!$E$2:$AQ$2`), read in place: every call of a
 * column filled down gives its own learner's address, and `parseRange` copies and splits it. Any other spelling is
 * left to `parseRange`, which decides.
 */
function topLeftOf(address: string): { top: number; left: number } | undefined {
  const first = cornerAt(address, address.lastIndexOf('!') + 1);
  if (first && first.end === address.length) return { top: first.row, left: first.column };
  const second = first && cornerAt(address, first.end + 1);
  if (first && second && second.end === address.length)
    return { top: Math.min(first.row, second.row), left: Math.min(first.column, second.column) };
  return rangeOfText(address);
}

/** The last header range parsed, and its top-left corner: every call of a column filled down names the same one. */
let lastHeaders: { address: string; at: { top: number; left: number } | undefined } | undefined;

function headersCornerOf(address: string): { top: number; left: number } | undefined {
  if (lastHeaders?.address !== address) {
    const at = parseRange(address);
    lastHeaders = { address, at: at ? { top: at.top, left: at.left } : undefined };
  }
  return lastHeaders.at;
}

/** The A1 address of a range without its sheet, or a description when Excel did not give one. */
export function rangeName(range: FormulaRange, otherwise: string): string {
  const at = range.address;
  return at ? at.slice(at.lastIndexOf('!') + 1).replace(/\$/g, '') : otherwise;
}

/** Where a formula's header row and learner row are on the sheet. */
export interface LearnerPlace {
  /** The header row where it is on the sheet, or directly above the learner when its address is not known. */
  header: { top: number; left: number };
  /** The learner's row and first column (row 2, column A when not known). */
  learner: { top: number; left: number };
}

/** Where the one-row `headers` and the one-row `marks` are, or why they cannot be read together. */
export function learnerPlace(headers: FormulaRange, marks: FormulaRange): LearnerPlace | { error: string } {
  if (headers.values.length !== 1)
    return {
      error: `headers must be one row of unit headers, such as $E$1:$AQ$1 (${rangeName(headers, 'the range')} has ${headers.values.length} rows)`,
    };
  if (marks.values.length !== 1)
    return {
      error: `marks must be one learner's row, such as E2:AQ2 (${rangeName(marks, 'the range')} has ${marks.values.length} rows)`,
    };
  const width = headers.values[0].length;
  if (marks.values[0].length !== width) {
    return {
      error: `headers (${width} cells) and marks (${marks.values[0].length} cells) must be as wide as each other: give both the same columns`,
    };
  }
  const at = marks.address ? topLeftOf(marks.address) : undefined;
  const learner = { top: at && at.top >= 2 ? at.top : 2, left: at?.left ?? 1 };
  const own = headers.address ? headersCornerOf(headers.address) : undefined;
  return { header: own ?? { top: learner.top - 1, left: learner.left }, learner };
}

/** The header row of a formula as a grid, where `learnerPlace` placed it. */
export function headerGrid(headers: FormulaRange, place: LearnerPlace['header']): Grid {
  return { values: [headers.values[0].map(formulaCell)], top: place.top, left: place.left };
}

/**
 * The learner's row at its own cells, under a first row that stands for the header: the header is read once
 * (`CohortHeader`), so that row is left empty. Number formats are given only to a row holding a date serial, and
 * only to its date cells: a call filled down 5,000 rows should not make 5,000 rows of empty formats.
 */
export function learnerGrid(marks: FormulaRange, place: LearnerPlace['learner']): Grid {
  const cells = marks.values[0];
  const row = new Array<CellValue>(cells.length);
  // Only a date serial's cell has a format: a cell without one reads as a cell of no date format, as '' does. The
  // array grows to the last date cell only (a date of birth near the left makes a short one), not to the row's width.
  let formats: string[] | undefined;
  // `formulaCell` and `isDateSerial` written out: this loop runs for every cell of every row a column reads, most of
  // them before the code is optimised, where two calls per cell were a share of the row's cost.
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    if (typeof value === 'string') row[i] = value === '' ? null : value;
    else if (typeof value === 'number') {
      if (!Number.isFinite(value)) row[i] = null;
      else {
        row[i] = value;
        if (Number.isInteger(value) && value >= FIRST_DATE_SERIAL && value <= LAST_DATE_SERIAL)
          (formats ??= [])[i] = DATE_FORMAT;
      }
    } else row[i] = typeof value === 'boolean' ? value : null;
  }
  const grid: Grid = { values: [[], row], top: place.top - 1, left: place.left };
  if (formats) grid.numberFormats = [[], formats];
  return grid;
}

/** A block of the "Qualification rules" sheet, where it is on that sheet (A1 when not known), for its cells to be named. */
export function rulesGrid(rules: FormulaRange): Grid {
  const at = rangeOf(rules);
  return { values: rules.values.map((row) => row.map(formulaCell)), top: at?.top ?? 1, left: at?.left ?? 1 };
}
