// The QUALCHECK worksheet functions without Office: one learner's header and mark cells through the same reader and
// check as a cohort check, rendered by the result columns' own code. What a formula cannot use (a bad argument, an
// unknown qualification) comes back as an error message for Excel to show, never as an exception.
import { checkLearner, learnerFigures, resultCell, type ResultHeader, statusWord } from '../cohort/verdict';
import type { CohortHeader, LearnerUnitsRead } from '../cohort/read';
import type { Grid } from '../sheet';
import { QualificationResolver } from '../cohort/read';
import type { Catalogue } from '../rules/catalogue';
import { type FormulaRange, learnerGrid, learnerPlace, rangeName } from './formula-grid';
import type { KeptCells, KeptOutcome, LearnerOutcome } from './learner-outcome';
import type { FunctionSession } from './session';

export interface LearnerFormula {
  /** One row of headers: unit headers in any spelling the reader accepts, learner columns too if wanted. */
  headers: FormulaRange;
  /** The learner's cells under `headers`. */
  marks: FormulaRange;
  /** A qualification id, code or title, for a row without a Qualification cell; blank or omitted for none. */
  qualification?: unknown;
  /** A block (or the whole) of a "Qualification rules" sheet, whose values go over the catalogue's. */
  rules?: FormulaRange;
}

/** What a function returns: a result cell, or an error for Excel to show as `#VALUE!` with the message. */
export type FormulaValue = string | number | { error: string };

function qualificationText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

function catalogueIds(catalogue: Catalogue): string {
  return catalogue.qualifications.map((q) => q.id).join(', ') || 'none';
}

/** A resolver per catalogue: every row naming a qualification the catalogue lacks asks for one. */
const resolvers = new WeakMap<Catalogue, QualificationResolver>();

/**
 * Each catalogue's messages for the qualification texts it lacks, as made: a column filled down over learners of an
 * unknown qualification asks for the same message row after row, and making it looks up titles.
 */
const unknownMessages = new WeakMap<Catalogue, Map<string, string>>();
/** Distinct unknown texts kept per catalogue: a workbook names a few. */
const UNKNOWN_KEPT = 1000;

function unknownQualification(catalogue: Catalogue, text: string): string {
  let messages = unknownMessages.get(catalogue);
  if (!messages) unknownMessages.set(catalogue, (messages = new Map()));
  let message = messages.get(text);
  if (message === undefined) {
    message = unknownQualificationMessage(catalogue, text);
    if (messages.size < UNKNOWN_KEPT) messages.set(text, message);
  }
  return message;
}

function unknownQualificationMessage(catalogue: Catalogue, text: string): string {
  let resolver = resolvers.get(catalogue);
  if (!resolver) {
    resolver = new QualificationResolver(catalogue);
    resolvers.set(catalogue, resolver);
  }
  const sharing = resolver.sharing(text);
  if (sharing.length > 1)
    return `unknown qualification ${text}: a title ${sharing.map((q) => q.id).join(' and ')} share; give the qualification number`;
  return `unknown qualification ${text}: the catalogue has ${catalogueIds(catalogue)}; give one of these, or the rules block of its definition as the last argument`;
}

// Copied once: an imported binding read on every call costs a call per read where modules are transpiled (the
// bench runs them so), as the engine's inner loops note.
const figuresOf = learnerFigures;
const wordOf = statusWord;
const placeOf = learnerPlace;
const gridOf = learnerGrid;

/**
 * The result cells a session keeps for a learner's row once it is read, in place of the check: a kept check weighed
 * about 2.5 KB, and at 5,000 rows the garbage collector's copying of what is kept was most of a column's mean time
 * per call. The status and the two credit figures are worked out with the row (the engine's figures alone, without
 * the check's violations and units counted); the others (the violations' and level's words, the next step's planner,
 * the centre values) from a check of the row when first asked for, then kept too, so STATUS filled down does not pay
 * for words it does not show.
 */
function figureCells(record: LearnerUnitsRead): KeptCells {
  const figures = figuresOf(record);
  return {
    'qualcheck: status': wordOf(figures.status),
    'qualcheck: achieved credits': figures.achievedCredits,
    'qualcheck: credits with planned': figures.withPlannedCredits,
  };
}

function kept(outcome: RowOutcome<LearnerUnitsRead>): KeptOutcome {
  return 'record' in outcome ? { cells: figureCells(outcome.record) } : outcome;
}

/** The columns `figureCells` gives: a row read for one of these needs no cell addresses. */
const FIGURES: ReadonlySet<ResultHeader> = new Set<ResultHeader>([
  'qualcheck: status',
  'qualcheck: achieved credits',
  'qualcheck: credits with planned',
]);

/** Why a formula's header row cannot be read: it names no unit of the catalogue. */
function noUnits(formula: LearnerFormula, catalogue: Catalogue): { error: string } {
  const at = rangeName(formula.headers, '');
  return {
    error: `headers${at ? ` ${at}` : ''} name no unit of a qualification the catalogue has (${catalogueIds(catalogue)}): give the row of unit headers, such as L/601/0933`,
  };
}

/** A row's outcome, its record read with cell addresses (`learnerUnder`) or without (`unitsUnder`). */
type RowOutcome<R> = { record: R } | { blank: true } | { error: string };

function readRow(catalogue: Catalogue, header: CohortHeader, grid: Grid): LearnerOutcome {
  return outcomeOf(catalogue, header.learnerUnder(grid));
}

function outcomeOf<R extends LearnerUnitsRead>(catalogue: Catalogue, record: R | undefined): RowOutcome<R> {
  if (!record) return { blank: true };
  if (!record.qualification) {
    const text = record.qualificationText;
    if (text) return { error: unknownQualification(catalogue, text) };
    return {
      error: `no qualification: give it as the third argument (${catalogueIds(catalogue)}), or include the Qualification column in headers and marks`,
    };
  }
  return { record };
}

/**
 * The result column `header` for the formula's learner, read and checked as a cohort check reads and checks the same
 * row: blank for a row with nothing in it, as the column is.
 */
export function formulaResult(session: FunctionSession, formula: LearnerFormula, header: ResultHeader): FormulaValue {
  const choice = session.catalogueFor(formula.rules);
  if ('error' in choice) return choice;
  const place = placeOf(formula.headers, formula.marks);
  if ('error' in place) return place;
  const { catalogue } = choice;
  const qualification = qualificationText(formula.qualification);
  const read = session.headerFor(catalogue, formula.headers, place.header, qualification);
  if (read.header.headerRow === 0) return noUnits(formula, catalogue);
  // The header's number stands for the catalogue, the header row and the qualification; the rest is the row's.
  const cells = formula.marks.values[0];
  const at = place.learner;
  let cellsKept = session.kept(read.id, at, cells);
  let outcome: LearnerOutcome | undefined;
  if (!cellsKept) {
    const grid = gridOf(formula.marks, at);
    // STATUS and CREDITS show figures alone: their row is read without an address per mark and field.
    if (FIGURES.has(header)) cellsKept = kept(outcomeOf(catalogue, read.header.unitsUnder(grid)));
    else cellsKept = kept((outcome = readRow(catalogue, read.header, grid)));
    session.keep(read.id, at, grid.values[1], cellsKept);
  }
  if ('error' in cellsKept) return cellsKept;
  if ('blank' in cellsKept) return '';
  let value = cellsKept.cells[header];
  if (value === undefined) {
    outcome ??= readRow(catalogue, read.header, learnerGrid(formula.marks, at));
    if (!('record' in outcome)) return 'error' in outcome ? outcome : '';
    value = resultCell({ record: outcome.record, result: checkLearner(outcome.record) }, header);
    cellsKept.cells[header] = value;
  }
  return value;
}

const CREDITS: Record<string, ResultHeader> = {
  achieved: 'qualcheck: achieved credits',
  planned: 'qualcheck: credits with planned',
  level: 'qualcheck: credits at level',
};

/** Which credits CREDITS gives: achieved (the default), with planned units ("planned"), or at the rule's level ("level"). */
export function creditsColumn(which: unknown): ResultHeader | { error: string } {
  const key =
    typeof which === 'string' ? which.trim().toLowerCase() : which === null || which === undefined ? '' : String(which);
  if (key === '') return CREDITS.achieved;
  return CREDITS[key] ?? { error: `which must be "achieved", "planned" or "level" (it is "${String(which)}")` };
}
