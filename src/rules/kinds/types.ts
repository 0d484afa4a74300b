// What every rule kind tells the rest of qualcheck. One module per kind implements it; `index.ts` is the registry.
// Evaluator, planner, definition reading and checks, rules sheet, change list and what-if read kinds only through
// these fields, so a new kind is one more module here.
import type {
  Level,
  Measure,
  OverMax,
  QualificationDefinition,
  Rule,
  RuleKind,
  RuleResult,
  UnitDefinition,
  ViolationCode,
  ProblemData,
} from '../model';
import type { KindSchema } from './schema-parts';

export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

/** A level as written in JSON: 0..8, or "Entry" / "E" for Entry level. Checked and converted after the schema. */
export type LevelJson = number | string;

/** A level filter as written in JSON: `{"atLeast": 3}`, `{"exactly": "Entry"}`. */
export type LevelFilterJson = { exactly: LevelJson } | { atLeast: LevelJson } | { atMost: LevelJson };

/**
 * A rule of one kind as a definition writes it in JSON: the id may be left out, a level may be a word, a note is text
 * (qualcheck's own notes are written out in words: src/rules/catalogue/notes.ts); the general rule may leave out what
 * it adds up (credits) and what a maximum does (leaves units out).
 */
export type RuleJsonOf<K extends RuleKind> = K extends 'sum'
  ? Omit<RuleOf<'sum'>, 'id' | 'note' | 'level' | 'of' | 'overMax' | 'min'> & {
      id?: string;
      note?: string;
      min?: number;
      level?: LevelFilterJson;
      of?: Measure;
      overMax?: OverMax;
    }
  : Omit<RuleOf<K>, 'id' | 'note' | 'level'> & { id?: string; note?: string } & (RuleOf<K> extends {
        level: Level;
      }
        ? { level: LevelJson }
        : unknown);

/** Turns the names a rule's JSON holds into the definition's, reporting what it cannot resolve at the field given. */
export interface RuleResolver {
  level(value: LevelJson, field: string): Level;
  group(name: string, field: string, item?: number): string;
  unit(ref: string, field: string, item?: number): string;
}

/** What a definition check of one rule is given: the qualification, and where to report a problem of the rule. */
export interface RuleCheck {
  q: QualificationDefinition;
  /** The rules that count every unit, with their minimums: what every learner's credits must reach. */
  minimumsInAll: readonly { id: string; min: number }[];
  /** A problem of the rule, at one of its fields. */
  report(field: string, problem: ProblemData): void;
}

/** The rules sheet's columns a kind may fill, besides Rule id, Kind, Specification text and Note. */
export type RuleSheetColumn =
  'targets' | 'min' | 'level' | 'orAbove' | 'of' | 'units' | 'levelMatch' | 'max' | 'overMax';

/** A rule's values in the rules sheet's columns. */
export interface RuleSheetValues {
  targets?: readonly string[];
  min?: number;
  level?: Level;
  orAbove?: boolean;
  of?: Measure;
  units?: readonly string[];
  levelMatch?: 'exactly' | 'atLeast' | 'atMost';
  max?: number;
  overMax?: OverMax;
}

/** How the rules sheet writes and reads a kind. */
export interface KindSheet<K extends RuleKind> {
  /** The columns the kind fills (the others must stay empty). */
  columns: readonly RuleSheetColumn[];
  /** Of those, the ones that may be left empty. */
  optional?: readonly RuleSheetColumn[];
  values(rule: RuleOf<K>): RuleSheetValues;
  /**
   * The JSON field the Groups or units cell fills: `one` when it names exactly one; `needs` says, for an empty cell,
   * what belongs there (absent when an empty list is left for the definition checks to judge).
   */
  targets?: { field: string; one: boolean; needs?: string };
  /** For a kind without targets: what it counts instead, said to a cell that names some (`every unit`). */
  counts?: string;
}

interface KindBase<K extends RuleKind> {
  kind: K;
  /** The kind as the rules sheet writes it. */
  label: string;
  /** Other spellings the rules sheet accepts for the kind (compared without case, spaces or punctuation). */
  spellings: readonly string[];
  /** The JSON schema of the kind's own fields in a definition. */
  schema: KindSchema;
  sheet: KindSheet<K>;
  /** Violation code when the learner's units break the rule. */
  code: ViolationCode;
  /** The rule from its JSON, its names resolved. */
  fromJson(json: RuleJsonOf<K>, base: Pick<Rule, 'id' | 'text' | 'note'>, resolve: RuleResolver): RuleOf<K>;
  /** The rule in words, as a reviewer would read it beside the specification (the list of a centre's changes). */
  describe(rule: RuleOf<K>): string;
  /** The groups the rule names (the what-if view lists a group's rules with its units). */
  groupsNamed(rule: RuleOf<K>): readonly string[];
  /** Checks that what the rule names makes sense (run first, for every rule). */
  checkTargets?(rule: RuleOf<K>, check: RuleCheck): void;
  /** Checks of the rule against the minimums in all (run once groups' totals are checked). */
  checkInAll?(rule: RuleOf<K>, check: RuleCheck): void;
}

/** The words of a counting rule's result, made where it is shown; `unit` looks up a unit the result names. */
export type ResultWords<K extends RuleKind> = (
  result: RuleResult,
  rule: RuleOf<K>,
  q: QualificationDefinition,
  unit: (ref: string) => UnitDefinition | undefined,
) => string;

/** A kind whose rules are decided met, unmet or unknown (every kind but barred sets). */
interface CountingKind<K extends RuleKind> extends KindBase<K> {
  words: ResultWords<K>;
  /** When every rule could be met alone but not all together: the field to correct, and what to do. */
  unsatisfiable: { field: string; fix: string };
}

/** What a sum rule asks of its measure: at least `min` (0 when it asks for no least), at most `max` if given. */
export interface SumBounds {
  min: number;
  max?: number;
  overMax: OverMax;
}

/**
 * A kind that adds up a measure (credits, GLH or a count of units) over the units it counts, and asks for at least a
 * minimum, at most a maximum, or both. The engine, the planner and the provenance read a rule only through `measure`,
 * `counts` and `bounds`, so a kind that fills these is checked, planned and shown everywhere.
 */
export interface CreditKind<
  K extends 'totalCredits' | 'levelCredits' | 'groupCredits' | 'sum',
> extends CountingKind<K> {
  family: 'credits';
  /** What the rule adds up over the units it counts. */
  measure(rule: RuleOf<K>): Measure;
  /** The rule's minimum and maximum of its measure. */
  bounds(rule: RuleOf<K>): SumBounds;
  /** Whether the unit counts toward the rule: yes, no, or null when that rests on its unknown level. */
  counts(rule: RuleOf<K>, unit: UnitDefinition): boolean | null;
  /** Whether every unit counts: the rule's minimum is the qualification's total (shown beside the credits). */
  countsAll(rule: RuleOf<K>): boolean;
  /** Whether the unit's level decides if it counts (its level is a fact the rule uses). */
  usesLevel(rule: RuleOf<K>): boolean;
  /** Whether the unit's group decides if it counts. */
  usesGroup(rule: RuleOf<K>): boolean;
  /** What the rule counts, in words: `credits at level 2`. */
  whatCounts(rule: RuleOf<K>, q: QualificationDefinition): string;
  /** The units the rule counts, in words: `the units at level 2`. */
  unitsCounted(rule: RuleOf<K>, q: QualificationDefinition): string;
  /** A figure of its own beside the credits (what-if, results): its label, `at level 2`; absent for none. */
  figure?(rule: RuleOf<K>): string;
}

/** A kind that needs every unit of a group. */
export interface UnitsKind extends CountingKind<'mandatory'> {
  family: 'units';
  /** The refs of the units the rule needs, in definition order. */
  needs(rule: RuleOf<'mandatory'>, q: QualificationDefinition): string[];
}

/** A set of units of which only one counts; taking more than one is not allowed. */
export interface BarredKind extends KindBase<'barred'> {
  family: 'exclusive';
  members(rule: RuleOf<'barred'>): readonly string[];
  /** A learner's clash, in words: `A and B are barred together (set S): ...`. */
  clashWords(units: readonly string[], set: string): string;
  /** The set as the what-if view shows it for the units chosen, `dropped` those not counted. */
  choiceWords(rule: RuleOf<'barred'>, chosen: readonly string[], dropped: readonly string[]): string;
}

export type AnyCreditKind =
  CreditKind<'totalCredits'> | CreditKind<'levelCredits'> | CreditKind<'groupCredits'> | CreditKind<'sum'>;
export type AnyKind = AnyCreditKind | UnitsKind | BarredKind;
