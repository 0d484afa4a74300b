// The cohort reader's contract: a grid of cell values in, learner records and warnings out.
// The same types serve the command line (exceljs) and the add-in (Office.js); neither is imported here.
import type { QualificationDefinition, ViolationCode } from '../rules/model';
import type { ReadingProblem } from './reading-problems';

/** A formula whose cached value is an Excel error (`#N/A`, `#REF!`). */
export interface CellError {
  error: string;
}

/** What a cell holds once read: Excel dates arrive as `Date` from exceljs, or as serial numbers from Office.js. */
export type CellValue = string | number | boolean | Date | CellError | null;

/** What a write puts in a cell: text (a leading `'` keeps a formula-like text as text), a number or a boolean. */
export type CellInput = string | number | boolean | null;

/** What to read: the active sheet's used range, or the table (or range) the user selected on it. */
export type ReadScope = 'sheet' | 'selection';

/** A rectangle of a sheet. `top`/`left` are the 1-based sheet row and column of `values[0][0]`. */
export interface Grid {
  sheetName?: string;
  values: CellValue[][];
  top: number;
  left: number;
  /** Number formats parallel to `values`, when the host gives them (to tell a date serial from a number). */
  numberFormats?: string[][];
  /** 1-based sheet rows and columns that are hidden. */
  hiddenRows?: number[];
  hiddenColumns?: number[];
  /** Merged areas as A1 ranges (`B2:D2`). */
  merged?: string[];
  /** Excel tables (ListObjects) on the sheet, as name and A1 range, header row included. */
  tables?: { name: string; range: string }[];
  /**
   * Cells holding a formula whose value reads as empty (no cached value, or an empty text), with the formula as
   * written (empty for a shared formula's followers). The reader takes them as empty; the writer never does.
   */
  blankFormulas?: { row: number; column: number; formula: string }[];
}

export type UnitState = 'achieved' | 'planned';

export interface UnitMark {
  /** Unit ref as in the qualification definition. */
  ref: string;
  state: UnitState;
  /** A1 address of the cell the mark came from (the reader's marks work it out when asked). */
  readonly cell: string;
  /** ISO date when the mark was a date of achievement. */
  achievedOn?: string;
}

/**
 * A problem found while reading, tied to a cell. `code` sorts it (the violation codes README lists, where one fits:
 * the verdict weighs it by its code); `problem` says what was found, as data, for each surface to word
 * (reading-words.ts).
 */
export interface ReadWarning {
  cell: string;
  code?: ViolationCode | 'no-header' | 'merged-header' | 'formula-error' | 'missing-learner-id' | 'unknown-header';
  problem: ReadingProblem;
}

export interface LearnerRecord {
  /** 1-based sheet row. */
  row: number;
  learnerId: string;
  firstName?: string;
  lastName?: string;
  fullName?: string;
  /** As the sheet holds them: registration prep decides what is valid. */
  uln?: CellValue;
  dateOfBirth?: CellValue;
  sex?: string;
  /** The qualification text from the sheet, or the default the user chose. */
  qualificationText: string | null;
  /** The catalogue entry it names, or null when unknown (then `problems` holds `unknown-qualification`). */
  qualification: QualificationDefinition | null;
  achieved: string[];
  planned: string[];
  marks: UnitMark[];
  /** Problems that belong to this learner: they decide the status (see `src/cohort/verdict/learner-result.ts`). */
  problems: (ReadWarning & { units?: string[] })[];
  /**
   * A1 addresses of the learner's own fields, for "go to cell" links (the reader's records work them out when asked:
   * read them by name, not as a whole with `Object.keys` or a spread).
   */
  readonly cells: Partial<
    Record<'learnerId' | 'name' | 'firstName' | 'lastName' | 'uln' | 'dateOfBirth' | 'qualification' | 'sex', string>
  >;
}

export type CohortLayout = 'matrix' | 'list';

export interface CohortReading {
  layout: CohortLayout;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** 1-based sheet columns: first and last of the data the reader used. */
  firstColumn: number;
  lastColumn: number;
  /** 1-based sheet row of the last learner row read. */
  lastRow: number;
  learners: LearnerRecord[];
  /** Sheet-level warnings (headers, merged cells, skipped rows) and a copy of every learner problem. */
  warnings: ReadWarning[];
  /** Unit columns found: sheet column and the unit refs it stands for (several when it is ambiguous across qualifications). */
  unitColumns: { column: number; header: string; refs: string[] }[];
  hiddenRows: number;
  hiddenColumns: number;
  /** The Excel table read, when the grid held one (`grid.tables`). */
  table?: string;
  /** How the sheet spells its marks, to write one back in the same style. */
  markStyle?: MarkStyle;
}

/** The spelling a sheet uses for each state of a unit cell (its most used one). */
export interface MarkStyle {
  achieved: string;
  planned: string;
  notTaken: string;
}
