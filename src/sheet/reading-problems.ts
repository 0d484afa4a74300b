// What the reader can find wrong with a sheet, as data: a kind and the values the words need (cells, rows, units,
// the header's text). Nothing here is English: each surface words a problem once (reading-words.ts, with the
// surface's own vocabulary for its controls), so no surface has to read a sentence back to change a phrase.

/** What the marks in unit cells mean for a reading (marks.ts reads by it), so the words can say what a cell may hold. */
export interface KnownMarks {
  achieved: readonly string[];
  planned: readonly string[];
  notTaken: readonly string[];
  /** Whether a date in a unit cell (Excel date, date-formatted serial, or `dd/mm/yyyy` text) means achieved on that date. */
  datesMeanAchieved: boolean;
}

/** A header cell and the text it holds. */
export interface HeadingAt {
  cell: string;
  text: string;
}

/** Problems of the sheet as a whole: its tables, its header, its layout. */
type SheetProblem =
  /** The reader's own code failed; `reason` is the error it gave. */
  | { kind: 'reader-failure'; reason: string }
  | { kind: 'several-tables'; table: { name: string; range: string }; others: { name: string; range: string }[] }
  /** `unknown`: the row's headers that look like units but name none the catalogue knows. */
  | { kind: 'header-without-units'; row: number; fields: string[]; unknown: HeadingAt[] }
  | { kind: 'no-header'; searched: string }
  | { kind: 'unknown-unit-header'; header: HeadingAt }
  | { kind: 'list-beside-unit-columns'; header: HeadingAt }
  | { kind: 'no-learner-id-column'; row: number }
  | { kind: 'header-repeated'; row: number; heading: HeadingAt; headerRow: number }
  | { kind: 'second-cohort-header'; row: number; heading: HeadingAt }
  | { kind: 'second-cohort-heading'; heading: HeadingAt }
  /** `field`: the learner field's label (columns.ts FIELD_LABEL); `first`: the cell of the column that is read. */
  | { kind: 'field-column-twice'; heading: HeadingAt; field: string; first: string }
  | { kind: 'merged-header'; range: string }
  | { kind: 'merged-cells'; range: string; first: string; fromColumn: string; toColumn: string }
  | { kind: 'totals-row'; row: number; total: HeadingAt }
  /** `rows`: the sheet rows dropped, in order. */
  | { kind: 'trailing-notes'; rows: number[] }
  /** `catalogue`: the ids of the qualifications the catalogue holds. */
  | { kind: 'chosen-qualification-unknown'; chosen: string; catalogue: readonly string[] }
  | { kind: 'one-qualification-assumed'; id: string; title: string }
  | { kind: 'unit-column-twice'; first: HeadingAt; second: HeadingAt; unit: string }
  /** `units`: the refs of `qualification` the header fits. */
  | { kind: 'header-fits-several'; header: HeadingAt; qualification: string; units: string[] };

/** Problems of one learner's row. `unit` is the unit as the sheet names it: its ref, or its header or listed text. */
type RowProblem =
  /** `field`: the learner field's label (columns.ts FIELD_LABEL). */
  | { kind: 'field-formula-error'; field: string; error: string }
  | { kind: 'mark-formula-error'; error: string; unit: string }
  | { kind: 'list-formula-error'; error: string }
  /** `named`: the learner's name, when the row gives one. */
  | { kind: 'no-learner-id'; row: number; named?: string }
  | { kind: 'no-learner-id-or-name'; row: number }
  /** `sharing`: the ids of the qualifications whose title it is. */
  | { kind: 'qualification-title-shared'; written: string; sharing: string[] }
  | { kind: 'qualification-unknown'; written: string; catalogue: readonly string[] }
  | { kind: 'chosen-qualification-not-in-catalogue'; row: number; chosen: string }
  | { kind: 'qualification-blank'; row: number }
  | { kind: 'no-qualification-column'; row: number }
  /** `how`: a mark in a unit's column, or an entry in a list of units. */
  | { kind: 'unit-not-in-qualification'; unit: string; qualification: string; how: 'marked' | 'listed' }
  | { kind: 'marked-under-ambiguous-header'; header: HeadingAt; qualification: string; units: string[] }
  | { kind: 'marked-under-unknown-header'; state: 'achieved' | 'planned'; header: HeadingAt }
  | { kind: 'listed-unit-unknown'; text: string }
  | { kind: 'listed-unit-ambiguous'; text: string; qualification: string; units: string[] }
  /** `first`, `second`: the two cells; `how`: two unit columns, or one list (where the cells may be the same). */
  | { kind: 'unit-twice'; unit: string; learner: string; first: string; second: string; how: 'marked' | 'listed' }
  /** `marks`: what the marks mean for this reading, so the words can say what the cell may hold. */
  | { kind: 'unrecognised-mark'; text: string; unit: string; marks: KnownMarks };

export type ReadingProblem = SheetProblem | RowProblem;
export type ReadingProblemKind = ReadingProblem['kind'];
