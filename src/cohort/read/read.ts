// The cohort reader: a grid of cell values in, one record per learner and a warning for every problem out.
// It never throws and never guesses silently: what it cannot read is named by cell with what to do about it.
// Over 400 lines as one job: finding the header, reading the rows below it and naming what cannot be read share
// the header, the unit columns and the warnings as the rows go by; the parts of a row are read in their own modules.
import { dropTrailingNotes, isNoteRow } from './footer-rows';
import type { Catalogue } from '../../rules/catalogue';
import type { QualificationDefinition } from '../../rules/model';
import type { CellValue, CohortLayout, CohortReading, Grid, LearnerRecord, ReadWarning } from '../../sheet';
import {
  cellAddress,
  columnLetters,
  intersectRanges,
  rangeAddress,
  chooseTable,
  gridRange,
  gridWidth,
  isBlank,
} from '../../sheet';
import { type LearnerField, learnerFieldOf, mayBeLearnerHeading } from './columns';
import { Addresses, catalogueIds, type ReadContext } from './context';
import { findHeader, type Header, HEADER_SEARCH_ROWS, type HeaderColumn, mergedRanges } from './header';
import { type DefaultQualification, fieldText, LearnerRows } from './learner-row';
import { ListUnits } from './list';
import { DEFAULT_MARKS, MarkReader, type MarkVocabulary } from './marks';
import { MatrixUnits, prepareUnitColumns, type UnitColumn } from './matrix';
import { QualificationResolver } from './qualification';
import { unitIndexFor } from './unit-index';
import { UnitTally } from './unit-tally';

export interface ReadOptions {
  catalogue: Catalogue;
  /** The qualification for learners whose row names none (or when the sheet has no qualification column). */
  qualification?: string;
  marks?: MarkVocabulary;
}

export function readCohort(grid: Grid, options: ReadOptions): CohortReading {
  const steps = readerSteps(grid, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * `readCohort` in slices of ROWS_PER_SLICE learner rows, awaiting `pause` between them: the pane reads a large cohort
 * without holding the page for the whole of it. The reading is the same, to the last warning; what `pause` throws
 * (a cancel) is the caller's.
 */
export async function readCohortInSlices(
  grid: Grid,
  options: ReadOptions,
  pause: () => Promise<void>,
): Promise<CohortReading> {
  const steps = readerSteps(grid, options);
  let step = steps.next();
  while (!step.done) {
    await pause();
    step = steps.next();
  }
  return step.value;
}

/**
 * A header row read once, to read rows under it one grid at a time: a worksheet function filled down a column reads
 * one learner's row under the same header thousands of times, and finding and resolving the header is most of the
 * work of reading a row. A row is read as `readCohort` reads it under the same header (the same records, problems
 * and cells); the header is looked for in the header's own grid only, not among the rows read under it.
 */
export class CohortHeader {
  private readonly found: { prepared: PreparedHeader } | { reading: CohortReading };
  /** Reads one row at a time under this header (`learnerUnder`), made on its first row. */
  private rowReader?: CohortReader;

  private constructor(
    private readonly options: ReadOptions,
    private readonly lookups: Lookups,
    found: { prepared: PreparedHeader } | { reading: CohortReading },
  ) {
    // Rows are read under the header as the first row of their grid.
    this.found =
      'prepared' in found
        ? { prepared: { ...found.prepared, header: { ...found.prepared.header, rowIndex: 0 } } }
        : found;
  }

  /**
   * The header in `grid`, the header row alone; with `lookups` (`CohortHeader.lookups` of the same catalogue and
   * marks), read with them rather than lookups of its own.
   */
  static read(grid: Grid, options: ReadOptions, lookups?: ReadLookups): CohortHeader {
    const reader = new CohortReader(grid, options, lookups);
    return new CohortHeader(options, reader.lookups, reader.readHeader());
  }

  /**
   * What reading a header and rows under it looks up, made once for `options`' catalogue and marks, to be lent to
   * every header read with them: a worksheet function's session reads each distinct header row once, and making the
   * mark and qualification lookups was about 2 ms of a column's first call.
   */
  static lookups(options: Pick<ReadOptions, 'catalogue' | 'marks'>): ReadLookups {
    return new CohortReader({ values: [], top: 1, left: 1 }, { catalogue: options.catalogue, marks: options.marks })
      .lookups;
  }

  /** 1-based sheet row of the header; 0 when the grid has none. */
  get headerRow(): number {
    return 'prepared' in this.found ? this.found.prepared.header.row : 0;
  }

  /**
   * The learner of a two-row `grid` under the header, as `learnersUnder` gives it: its first row stands for the
   * header's row, its second is the learner's. Undefined where `learnersUnder` gives none (a blank row, a repeated
   * header, a totals row, a note). A worksheet function reads one row per call, so what reads a row is made once for
   * the header and kept (`CohortReader.learnerOn`), not made again for every row.
   */
  learnerUnder(grid: Grid): LearnerRecord | undefined {
    const found = this.found;
    if ('reading' in found) return undefined;
    this.rowReader ??= new CohortReader(grid, this.options, this.lookups);
    return this.rowReader.learnerOn(grid, found.prepared);
  }

  /**
   * `learnerUnder(grid)`'s qualification, units and problems alone, for a caller that shows only what is worked out
   * from them (a status, credits): the same reading with every cell address left out (''), so a row read per call
   * makes no address string per mark and field.
   */
  unitsUnder(grid: Grid): LearnerUnitsRead | undefined {
    const found = this.found;
    if ('reading' in found) return undefined;
    this.rowReader ??= new CohortReader(grid, this.options, this.lookups);
    return this.rowReader.learnerOn(grid, found.prepared, false);
  }

  /**
   * The learners of `grid` under the header, as `readCohort` reads them: its first row stands for the header's row
   * (its cells are not read again), the rest are read as learners at `grid.top + 1` onwards. Only the learners are
   * given: the sheet's warnings and figures are the whole sheet's to tell, not a row's.
   */
  learnersUnder(grid: Grid): LearnerRecord[] {
    const found = this.found;
    if ('reading' in found) return [];
    const steps = new CohortReader(grid, this.options, this.lookups).readLearners(found.prepared);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }
}

/** What `CohortHeader.unitsUnder` gives of a learner's row: what decides a status, no cell addresses. */
export type LearnerUnitsRead = Pick<
  LearnerRecord,
  'qualification' | 'qualificationText' | 'achieved' | 'planned' | 'problems'
>;

/**
 * The reader's slices, with a last guard so the pane and the CLI always get an answer (the property test checks it is
 * never reached).
 */
function* readerSteps(grid: Grid, options: ReadOptions): Generator<void, CohortReading> {
  try {
    return yield* new CohortReader(grid, options).read();
  } catch (error) {
    const top = Number.isFinite(grid?.top) ? grid.top : 1;
    const left = Number.isFinite(grid?.left) ? grid.left : 1;
    const reason = error instanceof Error ? error.message : String(error);
    return emptyReading(top, left, [
      {
        cell: cellAddress(top, left),
        problem: { kind: 'reader-failure', reason },
      },
    ]);
  }
}

/** Rows read between two calls of `readCohortInSlices`'s pause: a few milliseconds; the caller decides when to yield. */
export const ROWS_PER_SLICE = 100;

function emptyReading(top: number, left: number, warnings: ReadWarning[]): CohortReading {
  return {
    layout: 'matrix',
    headerRow: 0,
    firstColumn: left,
    lastColumn: left,
    lastRow: top - 1,
    learners: [],
    warnings,
    unitColumns: [],
    hiddenRows: 0,
    hiddenColumns: 0,
  };
}

/** Headings compared as a person reads them: case and spacing aside. */
function heading(value: CellValue | undefined): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value).trim().replace(/\s+/g, ' ').toLowerCase()
    : '';
}

/** Whether a row holds, in every column read, the heading of the header row: the same header again. */
function sameHeadings(row: CellValue[], used: readonly HeaderColumn[]): boolean {
  return used.every((c) => heading(row[c.index]) === heading(c.text));
}

/** A row read as a learner that holds no unit at all: a title above a pasted header, not a learner. */
function isTitleRow(record: LearnerRecord): boolean {
  return (
    record.marks.length === 0 &&
    record.problems.every(
      (p) =>
        p.code === 'missing-learner-id' || p.code === 'unknown-qualification' || p.code === 'missing-qualification',
    )
  );
}

const TOTALS = /^\s*(grand\s+)?(totals?|sum|count|average|mean)\s*:?\s*$/i;

/**
 * Whether `TOTALS` could match `text`, by its first character alone: a text starting with a digit, or with an ASCII
 * letter none of its words start with (g, t, s, c, a, m), cannot. Run on every learner cell of every row before the
 * regex, which most ids and names (CC001, Khan) skip: a worksheet function reads one row per call, mostly before the
 * code is optimised. Any other first character (a space of any kind, a letter outside ASCII) is left to the regex.
 */
function mayBeTotal(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20; // ASCII letters to lower case; digits and '' (NaN | 0x20 is 0x20) as they were
  if (c >= 0x30 && c <= 0x39) return false;
  if (c < 0x61 || c > 0x7a) return true;
  return c === 0x67 || c === 0x74 || c === 0x73 || c === 0x63 || c === 0x61 || c === 0x6d;
}

/** What `readRows` needs of a header, worked out once from it: its columns by role and how the rows are read. */
interface PreparedHeader {
  header: Header;
  layout: CohortLayout;
  learnerColumns: Map<LearnerField, HeaderColumn>;
  listColumns: HeaderColumn[];
  unitColumns: UnitColumn[];
  unknownColumns: HeaderColumn[];
  /** The columns read, left to right. */
  used: HeaderColumn[];
  fallback: DefaultQualification | undefined;
}

/** The lookups of one catalogue and vocabulary, which a header read once lends to every reading of rows under it. */
type Lookups = Pick<ReadContext, 'index' | 'resolver' | 'marks'> & { tally: UnitTally };

/** `Lookups` as others hold them (`CohortHeader.lookups`), without reaching inside. */
export type ReadLookups = Readonly<Lookups>;

/** What reading rows under a prepared header uses, made from it once per reading (or once per header, a row at a time). */
interface RowParts {
  prepared: PreparedHeader;
  addresses: Addresses;
  rows: LearnerRows;
  units: MatrixUnits | ListUnits;
  /** Grid columns of the columns read: a row blank in all of them is no learner. */
  usedIndexes: number[];
  firstLearnerColumn: HeaderColumn | undefined;
  /** The learner columns as a list, read by position for each row (`totalsCell`) rather than through the map. */
  learnerList: HeaderColumn[];
}

// Copied once: an imported binding read for every cell costs a call per read where modules are transpiled.
const blankCell = isBlank;

function blankIn(row: readonly CellValue[], usedIndexes: readonly number[]): boolean {
  for (const i of usedIndexes) if (!blankCell(row[i])) return false;
  return true;
}

class CohortReader {
  private readonly context: ReadContext;
  /** The parts `learnerOn` last read a row with, kept for the next row under the same header. */
  private parts?: RowParts;
  /** Each learner's units as their row is read (it keeps nothing of one learner for the next). */
  private readonly tally: UnitTally;

  constructor(
    grid: Grid,
    private readonly options: ReadOptions,
    lookups?: Lookups,
    warnings: ReadWarning[] = [],
  ) {
    this.context = {
      grid,
      catalogue: options.catalogue,
      index: lookups?.index ?? unitIndexFor(options.catalogue),
      resolver: lookups?.resolver ?? new QualificationResolver(options.catalogue),
      marks: lookups?.marks ?? new MarkReader(options.marks ?? DEFAULT_MARKS),
      warnings,
    };
    this.tally = lookups?.tally ?? new UnitTally();
  }

  get lookups(): Lookups {
    return { ...this.context, tally: this.tally };
  }

  private get grid(): Grid {
    return this.context.grid;
  }

  private get warnings(): ReadWarning[] {
    return this.context.warnings;
  }

  /** Reads the grid, stopping (a `yield`) after every ROWS_PER_SLICE rows of learners. */
  *read(): Generator<void, CohortReading> {
    const found = this.readHeader();
    if ('reading' in found) return found.reading;
    return { ...(yield* this.readRows(found.prepared)), ...found.table };
  }

  /** The header and what it says of the columns under it, or the reading of a grid without one. */
  readHeader(): { prepared: PreparedHeader; table: { table?: string } } | { reading: CohortReading } {
    const choice = chooseTable(this.grid);
    this.context.grid = choice.grid;
    const g = this.grid;
    if (choice.table && choice.others.length > 0) {
      const at = gridRange(g);
      this.warnings.push({
        cell: at ? cellAddress(at.top, at.left) : cellAddress(g.top, g.left),
        problem: {
          kind: 'several-tables',
          table: { name: choice.table.name, range: choice.table.range },
          others: choice.others.map((t) => ({ name: t.name, range: t.range })),
        },
      });
    }
    const width = gridWidth(g);
    const search = width > 0 ? findHeader(g, width, this.context.index) : {};
    const table = choice.table ? { table: choice.table.name } : {};
    if (!search.header) {
      this.noHeader(search.nearMiss);
      return { reading: { ...emptyReading(g.top, g.left, this.warnings), ...table } };
    }
    this.warnings.push(...search.header.warnings);
    return { prepared: this.prepare(search.header), table };
  }

  private noHeader(nearMiss: { row: number; fields: string[]; unitLike: HeaderColumn[] } | undefined): void {
    const g = this.grid;
    const range = gridRange(g);
    if (nearMiss) {
      this.warnings.push({
        cell: cellAddress(nearMiss.row, range?.left ?? g.left),
        code: 'no-header',
        problem: {
          kind: 'header-without-units',
          row: nearMiss.row,
          fields: nearMiss.fields,
          unknown: nearMiss.unitLike.map((c) => ({ cell: c.cell, text: c.text })),
        },
      });
      return;
    }
    const searched = range
      ? rangeAddress({ ...range, bottom: Math.min(range.bottom, range.top + HEADER_SEARCH_ROWS - 1) })
      : cellAddress(g.top, g.left);
    this.warnings.push({
      cell: cellAddress(range?.top ?? g.top, range?.left ?? g.left),
      code: 'no-header',
      problem: { kind: 'no-header', searched },
    });
  }

  private unknownUnitHeader(column: HeaderColumn): void {
    this.warnings.push({
      cell: column.cell,
      code: 'unknown-header',
      problem: { kind: 'unknown-unit-header', header: { cell: column.cell, text: column.text } },
    });
  }

  /** The header's columns by role, with a warning for each the rows cannot be read by. */
  private prepare(header: Header): PreparedHeader {
    const g = this.grid;
    const learnerColumns = new Map<LearnerField, HeaderColumn>();
    const unitHeaders: HeaderColumn[] = [];
    const listColumns: HeaderColumn[] = [];
    for (const column of header.columns) {
      if (column.role.kind === 'learner') learnerColumns.set(column.role.field, column);
      else if (column.role.kind === 'unit') unitHeaders.push(column);
      else if (column.role.kind === 'list') listColumns.push(column);
    }
    const layout = unitHeaders.length > 0 ? 'matrix' : 'list';
    if (layout === 'matrix') {
      for (const list of listColumns) {
        this.warnings.push({
          cell: list.cell,
          code: 'unknown-header',
          problem: { kind: 'list-beside-unit-columns', header: { cell: list.cell, text: list.text } },
        });
      }
    }
    const unitColumns = layout === 'matrix' ? prepareUnitColumns(this.context, unitHeaders) : [];
    const unknownColumns = this.warnUnknownHeaders(header, unitColumns);

    const used = [...learnerColumns.values(), ...(layout === 'matrix' ? unitHeaders : listColumns)].sort(
      (a, b) => a.index - b.index,
    );
    if (!['learnerId', 'centreRef', 'candidateNo'].some((f) => learnerColumns.has(f as LearnerField))) {
      this.warnings.push({
        cell: cellAddress(header.row, used[0]?.column ?? g.left),
        code: 'missing-learner-id',
        problem: { kind: 'no-learner-id-column', row: header.row },
      });
    }
    const fallback = this.defaultQualification(header, learnerColumns, unitColumns);
    return { header, layout, learnerColumns, listColumns, unitColumns, unknownColumns, used, fallback };
  }

  /** The rows under the header (at the prepared header's row of this grid), stopping after every ROWS_PER_SLICE. */
  *readRows(prepared: PreparedHeader): Generator<void, CohortReading> {
    const learners = yield* this.readLearners(prepared);
    for (const learner of learners) for (const problem of learner.problems) this.warnings.push(problem);

    const { header, layout, unitColumns, used } = prepared;
    const g = this.grid;
    const lastRow = learners.length > 0 ? learners[learners.length - 1].row : header.row;
    this.warnMergedData(header, used, lastRow);
    const hiddenRows = new Set(g.hiddenRows ?? []);
    const hiddenColumns = new Set(g.hiddenColumns ?? []);
    return {
      layout,
      headerRow: header.row,
      firstColumn: used.length > 0 ? used[0].column : g.left,
      lastColumn: used.length > 0 ? used[used.length - 1].column : g.left,
      lastRow,
      learners,
      warnings: this.warnings,
      unitColumns: unitColumns.map((u) => ({ column: u.header.column, header: u.header.text, refs: u.refs })),
      hiddenRows: hiddenRows.size === 0 ? 0 : learners.filter((l) => hiddenRows.has(l.row)).length,
      hiddenColumns: used.filter((c) => hiddenColumns.has(c.column)).length,
      markStyle: this.context.marks.style(),
    };
  }

  /** The learners under the header, each with their problems; the sheet's own warnings go to the context. */
  private rowParts(prepared: PreparedHeader): RowParts {
    const { layout, learnerColumns, listColumns, unitColumns, unknownColumns, used } = prepared;
    const addresses = new Addresses(this.grid);
    return {
      prepared,
      addresses,
      rows: new LearnerRows(this.context, addresses, learnerColumns, prepared.fallback),
      units:
        layout === 'matrix'
          ? new MatrixUnits(this.context, addresses, unitColumns, unknownColumns)
          : new ListUnits(this.context, addresses, listColumns),
      usedIndexes: used.map((c) => c.index),
      firstLearnerColumn: used.find((c) => c.role.kind === 'learner'),
      learnerList: [...learnerColumns.values()],
    };
  }

  /**
   * The learner on row 1 of `grid`, under `prepared` (whose header is row 0), as `readLearners` reads a grid of that
   * one row: undefined for a blank row, a repeated header, a totals row or a note. The parts it reads with are made
   * on the first row and kept, `grid` put under them; the sheet's warnings a row gives are not kept (as
   * `CohortHeader.learnersUnder` gives none). Without `named`, every cell address in the record is ''.
   */
  learnerOn(grid: Grid, prepared: PreparedHeader, named = true): LearnerRecord | undefined {
    this.context.grid = grid;
    this.context.warnings.length = 0;
    let parts = this.parts;
    if (parts?.prepared === prepared) parts.addresses.moveTo(grid);
    else this.parts = parts = this.rowParts(prepared);
    parts.addresses.named = named;
    const { learnerColumns } = prepared;
    const row = grid.values[1] ?? [];
    if (blankIn(row, parts.usedIndexes)) return undefined;
    const first = parts.firstLearnerColumn;
    if (first && this.repeatsHeader(row, first, learnerColumns)) return undefined;
    if (this.totalsCell(1, row, parts.learnerList)) return undefined;
    const record = parts.rows.read(1, row);
    const tally = this.tally;
    tally.begin(record, parts.addresses);
    parts.units.read(tally, record.qualification, 1, row);
    tally.finish();
    return isNoteRow(record, row, learnerColumns) ? undefined : record;
  }

  *readLearners(prepared: PreparedHeader): Generator<void, LearnerRecord[]> {
    const { header, learnerColumns, used } = prepared;
    const g = this.grid;
    const { addresses, rows, units, usedIndexes, firstLearnerColumn, learnerList } = this.rowParts(prepared);
    const tally = this.tally;
    const learners: LearnerRecord[] = [];
    let lastBlank = header.rowIndex;
    let lastHeader = header.rowIndex;
    for (let r = header.rowIndex + 1; r < g.values.length; r++) {
      if ((r - header.rowIndex) % ROWS_PER_SLICE === 0) yield;
      const row = g.values[r] ?? [];
      if (blankIn(row, usedIndexes)) {
        lastBlank = r;
        continue;
      }
      if (firstLearnerColumn && this.repeatsHeader(row, firstLearnerColumn, learnerColumns)) {
        // Title rows of the next export ("Cohort B"), after a blank row and with no unit in them, are not learners.
        if (lastBlank > lastHeader) {
          while (
            learners.length > 0 &&
            learners[learners.length - 1].row > g.top + lastBlank &&
            isTitleRow(learners[learners.length - 1])
          )
            learners.pop();
        }
        const at = cellAddress(g.top + r, firstLearnerColumn.column);
        if (sameHeadings(row, used)) {
          this.warnings.push({
            cell: at,
            problem: {
              kind: 'header-repeated',
              row: g.top + r,
              heading: { cell: at, text: fieldText(row[firstLearnerColumn.index]) ?? '' },
              headerRow: header.row,
            },
          });
          lastHeader = r;
          lastBlank = r;
          continue;
        }
        this.warnings.push({
          cell: at,
          code: 'unknown-header',
          problem: {
            kind: 'second-cohort-header',
            row: g.top + r,
            heading: { cell: at, text: fieldText(row[firstLearnerColumn.index]) ?? '' },
          },
        });
        break;
      }
      const totals = this.totalsCell(r, row, learnerList);
      if (totals) {
        this.warnings.push({
          cell: totals.cell,
          problem: { kind: 'totals-row', row: g.top + r, total: totals },
        });
        continue;
      }
      const record = rows.read(r, row);
      tally.begin(record, addresses);
      units.read(tally, record.qualification, r, row);
      tally.finish();
      learners.push(record);
    }
    const notes = dropTrailingNotes(
      learners,
      (l) => g.values[l.row - g.top] ?? [],
      learnerColumns,
      used[0]?.column ?? g.left,
    );
    if (notes) this.warnings.push(notes);
    return learners;
  }

  /**
   * Headers that name no known unit are reported when they look like a unit, sit among unit columns, or hold marks;
   * the reported ones are given back, so a learner's mark under one is named as theirs too.
   */
  private warnUnknownHeaders(header: Header, unitColumns: UnitColumn[]): HeaderColumn[] {
    const firstUnit = unitColumns[0]?.header.index ?? Infinity;
    const lastUnit = unitColumns[unitColumns.length - 1]?.header.index ?? -Infinity;
    const reported: HeaderColumn[] = [];
    for (const column of header.columns) {
      if (column.role.kind !== 'other') continue;
      const among = column.index > firstUnit && column.index < lastUnit;
      if (column.role.looksLikeUnit || among || this.holdsMarks(header, column)) {
        this.unknownUnitHeader(column);
        reported.push(column);
      }
    }
    return reported;
  }

  private holdsMarks(header: Header, column: HeaderColumn): boolean {
    const g = this.grid;
    let filled = 0;
    let marks = 0;
    for (let r = header.rowIndex + 1; r < g.values.length && filled < 50; r++) {
      const value = g.values[r]?.[column.index];
      if (typeof value !== 'string' || value.trim() === '') continue;
      filled++;
      const reading = this.context.marks.read(value);
      if ((reading.state === 'achieved' && !reading.achievedOn) || reading.state === 'planned') marks++;
    }
    return marks >= 3 && marks >= filled * 0.6;
  }

  private defaultQualification(
    header: Header,
    learnerColumns: Map<LearnerField, HeaderColumn>,
    unitColumns: UnitColumn[],
  ): DefaultQualification | undefined {
    const chosen = this.options.qualification?.trim();
    const at = header.columns[0]?.cell ?? cellAddress(header.row, this.grid.left);
    if (chosen) {
      const qualification = this.context.resolver.resolve(chosen) ?? null;
      if (!qualification) {
        this.warnings.push({
          cell: learnerColumns.get('qualification')?.cell ?? at,
          code: 'unknown-qualification',
          problem: { kind: 'chosen-qualification-unknown', chosen, catalogue: catalogueIds(this.context) },
        });
      }
      return { text: chosen, qualification };
    }
    if (learnerColumns.has('qualification') || unitColumns.length === 0) return undefined;
    // Without a qualification column or a choice, a sheet whose every unit column belongs to one qualification is read
    // as that qualification, and says so.
    let common: Set<QualificationDefinition> | undefined;
    for (const column of unitColumns) {
      const own = new Set(column.byQualification.keys());
      common = common ? new Set([...common].filter((q) => own.has(q))) : own;
    }
    if (!common || common.size !== 1) return undefined;
    const [only] = common;
    this.warnings.push({
      cell: at,
      problem: { kind: 'one-qualification-assumed', id: only.id, title: only.title },
    });
    return { text: only.id, qualification: only };
  }

  /** The cell saying `Total` (or `Count`, `Average`) in a learner column, when the row sums up the rows above. */
  private totalsCell(
    r: number,
    row: CellValue[],
    learnerColumns: readonly HeaderColumn[],
  ): { cell: string; text: string } | undefined {
    // By position: a for-of over the map makes an iterator result per column of every row before optimisation.
    for (let i = 0; i < learnerColumns.length; i++) {
      const column = learnerColumns[i];
      const value = row[column.index];
      if (typeof value === 'string' && value.length < 20 && mayBeTotal(value) && TOTALS.test(value)) {
        return { cell: cellAddress(this.grid.top + r, column.column), text: value.trim() };
      }
    }
    return undefined;
  }

  /** A row whose learner cells repeat the header's headings is the header of a second cohort below the first. */
  private repeatsHeader(
    row: CellValue[],
    first: HeaderColumn,
    learnerColumns: Map<LearnerField, HeaderColumn>,
  ): boolean {
    const value = row[first.index];
    if (typeof value !== 'string' || first.role.kind !== 'learner' || !mayBeLearnerHeading(value)) return false;
    if (learnerFieldOf(value) !== first.role.field) return false;
    let same = 0;
    for (const [field, column] of learnerColumns) {
      const cell = row[column.index];
      if (typeof cell === 'string' && learnerFieldOf(cell) === field) same++;
    }
    return same * 2 >= learnerColumns.size;
  }

  /** Merged cells among learner rows hold their value in the first cell only; the rest read blank. */
  private warnMergedData(header: Header, used: HeaderColumn[], lastRow: number): void {
    if (used.length === 0 || lastRow <= header.row) return;
    const area = { top: header.row + 1, bottom: lastRow, left: used[0].column, right: used[used.length - 1].column };
    for (const m of mergedRanges(this.grid)) {
      const inside = intersectRanges(m, area);
      if (!inside) continue;
      this.warnings.push({
        cell: cellAddress(inside.top, inside.left),
        problem: {
          kind: 'merged-cells',
          range: rangeAddress(inside),
          first: cellAddress(m.top, m.left),
          fromColumn: columnLetters(inside.left),
          toColumn: columnLetters(inside.right),
        },
      });
    }
  }
}
