// What the worksheet functions keep for as long as Excel keeps their runtime (one workbook session): the catalogue
// with each rules block a formula names put over it, read and compiled once, not once per call, and each header row
// read once. Filling a column down 5,000 rows asks for the same block and the same header 5,000 times.
import type { Catalogue } from '../rules/catalogue';
import { embeddedCatalogue } from '../rules/catalogue';
import { CohortHeader, type ReadLookups, unitIndexFor } from '../cohort/read';
import { unitFigures } from '../rules/engine';
import { applyRulesSheet } from '../rules-sheet';
import { formulaCell, type FormulaRange, headerGrid, type LearnerPlace, rangeName, rulesGrid } from './formula-grid';
import type { CellValue } from '../sheet';
import type { KeptOutcome } from './learner-outcome';

export type CatalogueChoice = { catalogue: Catalogue } | { error: string };

/** A session holds this many rules blocks before it starts again: a workbook names one or two. */
const BLOCKS_KEPT = 32;
/**
 * And this many learners' checks: a row's STATUS, CREDITS, NEXTSTEP and VIOLATIONS read and check it once, and a
 * recalculation of unchanged rows (opening the workbook) checks nothing again. Under 1 KB each (the result cells
 * and the row as read, not the check).
 */
const LEARNERS_KEPT = 10_000;
/** And this many header rows for each catalogue: a workbook's formulas name one or a few. */
const HEADERS_KEPT = 64;

/**
 * A learner's outcome, with the row it was worked out from as the reader read it (`learnerGrid`'s row: blanks as
 * null): the same row read at the same place under the same header gives the same outcome.
 */
interface KeptLearner {
  row: readonly CellValue[];
  outcome: KeptOutcome;
}

/** A header read for a session, with a number that stands for it (and so for its catalogue) in learners' keys. */
export interface SessionHeader {
  header: CohortHeader;
  id: number;
}

// Copied once: an imported binding read on every call costs a call per read where modules are transpiled (the bench
// runs them so), as the engine's inner loops note.
const cellOf = formulaCell;

/**
 * A key for a row of cell values, one to one: each value by its type, a text by its length too, so no text can
 * pass for two cells.
 */
export function cellsKey(values: readonly unknown[]): string {
  let key = '';
  for (const v of values) {
    if (typeof v === 'string') key += `s${v.length}:${v}`;
    else if (typeof v === 'number') key += `n${v};`;
    else if (typeof v === 'boolean') key += v ? 't' : 'f';
    else key += '-';
  }
  return key;
}

/** A cell's place as one number, exact for every row and column a sheet can have (1,048,576 by 16,384). */
function placeKey(at: { top: number; left: number }): number {
  return at.top * 16_385 + at.left;
}

/** Whether two rows hold the same values as Excel passes them (texts, numbers, booleans; anything else differs). */
function sameRow(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether Excel's `cells` read as `row` (each cell's `formulaCell`). The row the reader is given, number formats
 * included (`learnerGrid`), follows from these values alone, so cells that read as a kept row give its outcome.
 */
function readsAs(row: readonly CellValue[], cells: readonly unknown[]): boolean {
  if (row.length !== cells.length) return false;
  for (let i = 0; i < cells.length; i++) if (row[i] !== cellOf(cells[i])) return false;
  return true;
}

function sameBlock(a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) if (!sameRow(a[r], b[r])) return false;
  return true;
}

/** A copy of a range's values: Excel hands each call its own arrays, which the session does not hold on to. */
function copyOf(values: readonly (readonly unknown[])[]): unknown[][] {
  return values.map((row) => row.slice());
}

/**
 * What the first formula of a session would otherwise work out once, done when the session is made (as Excel loads
 * the functions, before any cell asks): the catalogue's index of unit headers, the reader's mark and qualification
 * lookups (lent to every header read against it), and each qualification compiled with its evaluator and buffers
 * (its figures for a learner with no units). The first STATUS of a column took 12.5 ms, about half of it this, and
 * counted in the column's mean.
 */
function prepare(catalogue: Catalogue): ReadLookups {
  unitIndexFor(catalogue);
  for (const qualification of catalogue.qualifications) unitFigures(qualification, { achieved: [], planned: [] });
  return CohortHeader.lookups({ catalogue });
}

export class FunctionSession {
  private readonly withRules = new Map<string, CatalogueChoice>();
  /** By header id, then by place (`placeKey`). */
  private readonly learners = new Map<number, Map<number, KeptLearner>>();
  private learnersKept = 0;
  private readonly headers = new WeakMap<Catalogue, Map<string, SessionHeader>>();
  private headersRead = 0;
  // The last rules block and header row asked about, compared cell by cell before any key is made: the calls of a
  // column filled down follow one another with the same block and header, and making a key is most of their cost.
  private lastBlock?: { address?: string; values: unknown[][]; choice: CatalogueChoice };
  private lastHeader?: {
    catalogue: Catalogue;
    top: number;
    left: number;
    qualification?: string;
    values: unknown[];
    entry: SessionHeader;
  };

  /** The session's own catalogue as a choice, made once: a formula without a rules block asks for it every call. */
  private readonly own: CatalogueChoice;

  /** Each catalogue's reading lookups, made once (`CohortHeader.lookups`) for all its header rows. */
  private readonly lookups = new WeakMap<Catalogue, ReadLookups>();

  constructor(readonly catalogue: Catalogue = embeddedCatalogue()) {
    this.own = { catalogue };
    this.lookups.set(catalogue, prepare(catalogue));
  }

  private lookupsFor(catalogue: Catalogue): ReadLookups {
    let lookups = this.lookups.get(catalogue);
    if (!lookups) this.lookups.set(catalogue, (lookups = CohortHeader.lookups({ catalogue })));
    return lookups;
  }

  /** The catalogue a formula checks against: the session's own, or with the formula's rules block over it. */
  catalogueFor(rules: FormulaRange | undefined): CatalogueChoice {
    if (!rules) return this.own;
    const last = this.lastBlock;
    if (last && last.address === rules.address && sameBlock(last.values, rules.values)) return last.choice;
    if (rules.values.every((row) => row.every((v) => v === '' || v === null || v === undefined))) return this.own;
    // Keyed by where the block is and what it holds: a centre's edit to the block makes a new entry.
    const key = `${rules.address ?? ''}\u0000${JSON.stringify(rules.values)}`;
    let choice = this.withRules.get(key);
    if (!choice) {
      choice = this.readRules(rules);
      if (this.withRules.size >= BLOCKS_KEPT) this.withRules.clear();
      this.withRules.set(key, choice);
    }
    this.lastBlock = { address: rules.address, values: copyOf(rules.values), choice };
    return choice;
  }

  /**
   * The header row of a formula read against `catalogue`, the first time this row of values at this place is asked
   * about: a changed header (or qualification) is a new key, read afresh.
   */
  headerFor(
    catalogue: Catalogue,
    headers: FormulaRange,
    place: LearnerPlace['header'],
    qualification: string | undefined,
  ): SessionHeader {
    const last = this.lastHeader;
    if (
      last &&
      last.catalogue === catalogue &&
      last.top === place.top &&
      last.left === place.left &&
      last.qualification === qualification &&
      sameRow(last.values, headers.values[0])
    )
      return last.entry;
    let kept = this.headers.get(catalogue);
    if (!kept) {
      kept = new Map();
      this.headers.set(catalogue, kept);
    }
    const key = `${place.top},${place.left}\u0000${qualification ?? ''}\u0000${cellsKey(headers.values[0])}`;
    let entry = kept.get(key);
    if (!entry) {
      const header = CohortHeader.read(
        headerGrid(headers, place),
        { catalogue, qualification },
        this.lookupsFor(catalogue),
      );
      entry = { header, id: ++this.headersRead };
      if (kept.size >= HEADERS_KEPT) kept.clear();
      kept.set(key, entry);
    }
    this.lastHeader = { catalogue, ...place, qualification, values: headers.values[0].slice(), entry };
    return entry;
  }

  /** How many header rows the session has read: each distinct one once. */
  get headerReadings(): number {
    return this.headersRead;
  }

  /**
   * What is kept for a learner's cells under header `header` (a `SessionHeader`'s id) at `at`, when these cells read
   * as the row it was worked out from. One entry per header and place, so an edited row replaces its entry (`keep`).
   * A key spelling out the cells weighed 2.7 KB, and every byte kept is copied by the garbage collector, whose pauses
   * were most of a column's mean time per call.
   */
  kept(header: number, at: { top: number; left: number }, cells: readonly unknown[]): KeptOutcome | undefined {
    const kept = this.learners.get(header)?.get(placeKey(at));
    return kept && readsAs(kept.row, cells) ? kept.outcome : undefined;
  }

  /**
   * Keeps `outcome` for `row` at this place from now on: the learner's cells as the reader was given them
   * (`learnerGrid`'s row), held as they are rather than copied, as nothing changes a row once read.
   */
  keep(header: number, at: { top: number; left: number }, row: readonly CellValue[], outcome: KeptOutcome): void {
    let under = this.learners.get(header);
    if (!under) {
      under = new Map();
      this.learners.set(header, under);
    }
    const key = placeKey(at);
    if (!under.has(key) && ++this.learnersKept > LEARNERS_KEPT) {
      this.learners.clear();
      this.learnersKept = 1;
      under = new Map();
      this.learners.set(header, under);
    }
    under.set(key, { row, outcome });
  }

  private readRules(rules: FormulaRange): CatalogueChoice {
    const use = applyRulesSheet(this.catalogue, rulesGrid(rules));
    if (use.errors.length > 0) {
      const [first] = use.errors;
      const more =
        use.errors.length > 1
          ? ` (and ${use.errors.length - 1} more problem${use.errors.length > 2 ? 's' : ''} in the block)`
          : '';
      const at = rangeName(rules, '');
      return { error: `rules block${at ? ` ${at}` : ''}: ${first.cell}: ${first.message}${more}` };
    }
    return { catalogue: use.catalogue };
  }
}
