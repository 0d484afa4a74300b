// The qualification model and the engine's results. Every other module speaks these types;
// nothing here knows about rows, columns, Office or files.

/** QCF level: 0 stands for Entry level, 1..8 for levels 1 to 8. `null` means the catalogue does not know it. */
export type Level = number;

export interface GroupDefinition {
  id: string;
  title: string;
  /**
   * Total credits of all the group's units together, when the specification states it but not the units'
   * own credits (OCR 10266: "three mandatory units from Group A (7 credits)"). It bounds unknown unit credits.
   */
  totalCredits?: number;
}

export interface UnitDefinition {
  /** QCF unit reference (`L/601/0933`) where known, otherwise a stable id such as `10266-U4`. */
  ref: string;
  title: string;
  credits: number | null;
  glh: number | null;
  level: Level | null;
  /** Id of the group the unit belongs to. */
  group: string;
  /** The awarding body's own unit number (OCR "Unit 4"). */
  number?: number;
  /** Extra spellings a cohort sheet may use in a header for this unit. */
  aliases?: string[];
  /** Where the unit's facts come from, for people (specification, public listing, inference, a centre's rules sheet). */
  source?: string;
  /** Which of the unit's facts a centre supplied, and from where; absent when every fact is the catalogue's. */
  supplied?: SuppliedFacts;
}

/** A fact of a unit that a centre may supply in place of the catalogue's. */
export type UnitFact = 'title' | 'group' | 'number' | 'credits' | 'glh' | 'level';

/** Where a centre's value came from: the workbook's rules sheet, or a rules file (named by its file name). */
export type FactOrigin = { from: 'rules sheet' } | { from: 'rules file'; file: string };

export type SuppliedFacts = Partial<Record<UnitFact, FactOrigin>>;

/** Where a fact a rule used came from: a centre (its rules sheet or a rules file), or the qualification's definition. */
export type FactSource = FactOrigin | { from: 'definition'; origin?: string };

export interface FactUse {
  unit: UnitDefinition;
  fact: UnitFact;
  where: FactSource;
}

interface RuleBase {
  /** Stable id for reporting; the loader fills `rule-N` when a definition leaves it out. */
  id: string;
  /** The sentence of the specification this rule comes from. */
  text: string;
  /** How the sentence was read where it is open to more than one reading (shown to users beside the text). */
  note?: RuleNote;
}

/**
 * A note qualcheck words itself, so that each surface can name its own way to change the reading: a level rule the
 * catalogue reads as exactly its level. `quoted` is the specification's own words ("at level 2").
 */
export interface LiteralLevelNote {
  reading: 'exactly-level';
  quoted: string;
  level: number;
}

/** A rule's note: text as a centre (or the catalogue) wrote it, or a note qualcheck words where it is shown. */
export type RuleNote = string | LiteralLevelNote;

export interface TotalCreditsRule extends RuleBase {
  kind: 'totalCredits';
  min: number;
}
export interface LevelCreditsRule extends RuleBase {
  kind: 'levelCredits';
  level: Level;
  orAbove: boolean;
  min: number;
}
export interface MandatoryRule extends RuleBase {
  kind: 'mandatory';
  group: string;
}
export interface GroupCreditsRule extends RuleBase {
  kind: 'groupCredits';
  groups: string[];
  min: number;
}
export interface BarredRule extends RuleBase {
  kind: 'barred';
  units: string[];
}

/** What a rule adds up over the units it counts: their credits, their guided learning hours, or their number. */
export type Measure = 'credits' | 'glh' | 'units';

/** Which units a rule counts by their level: at exactly a level, at it or above, at it or below. */
export type LevelFilter = { exactly: Level } | { atLeast: Level } | { atMost: Level };

/**
 * What happens to a learner whose units that pass a rule's filters add up to more than its maximum: `not-counted`,
 * whole units are left out of the count until the sum is at most the maximum; `forbidden`, the learner has made a
 * choice the rules forbid.
 */
export type OverMax = 'not-counted' | 'forbidden';

/**
 * The general rule: the measure summed over the units that pass every filter given (groups, named units, a level;
 * none means every unit) is at least `min` and at most `max` (a definition gives at least one of them).
 */
export interface SumRule extends RuleBase {
  kind: 'sum';
  of: Measure;
  groups?: string[];
  units?: string[];
  level?: LevelFilter;
  /** The least the measure must add up to; 0 when the definition gives no minimum. */
  min: number;
  max?: number;
  overMax: OverMax;
}

export type Rule = TotalCreditsRule | LevelCreditsRule | MandatoryRule | GroupCreditsRule | BarredRule | SumRule;
export type RuleKind = Rule['kind'];

export interface QualificationDefinition {
  /** Ofqual qualification number (`600/5106/1`) or the awarding body's code when that is all there is. */
  id: string;
  title: string;
  awardingBody: string;
  level: Level;
  /** Other identifiers people write for this qualification (OCR scheme code `10266`). */
  codes?: string[];
  /** ISO dates (YYYY-MM-DD); registration is open from `from` to `to` inclusive. */
  operational?: { from?: string; to?: string };
  minAge?: number;
  glh?: { min: number; max: number };
  groups: GroupDefinition[];
  units: UnitDefinition[];
  rules: Rule[];
  /**
   * Units of other qualifications that count as one of this qualification's units (`countsAs`, a ref of this
   * definition) for its learners: the rules of combination name them as equivalences.
   */
  equivalents?: EquivalentUnit[];
  /** Where the definition came from: `embedded`, a JSON file path, a rules sheet. */
  origin?: string;
}

/** A unit of another qualification that counts as one of this qualification's units. */
export interface EquivalentUnit {
  ref: string;
  title: string;
  /** The ref of the unit of this qualification it counts as. */
  countsAs: string;
}

// ---- Engine input and output ----

/** What one learner has: unit refs (as in the definition) achieved, and planned or in progress. */
export interface LearnerUnits {
  achieved: string[];
  planned: string[];
}

export type RuleOutcome = 'met' | 'unmet' | 'unknown';

export interface RuleResult {
  ruleId: string;
  kind: RuleKind;
  /** The specification sentence the rule comes from. */
  text: string;
  outcome: RuleOutcome;
  /** Credits (or, for a mandatory group, units) counted from values the catalogue knows. */
  known: number;
  /** What the rule asks for: a credit minimum, or the number of mandatory units. */
  required: number;
  /** The most the rule could count if every unknown value were as favourable as possible; null when unbounded. */
  mostPossible: number | null;
  /** Units whose unknown credits or level keep the rule from being decided. */
  undecidedBy: string[];
  /** Units the rule still needs (mandatory units not taken). */
  missingUnits: string[];
  /** Counted units whose unknown credits or level leave what they add to the rule open, decided or not. */
  uncertain?: string[];
  /** Units this rule's maximum left out of the count (`overMax: not-counted`). */
  readonly leftOut?: readonly string[];
  /** The chosen units that pass the filters of a forbidding maximum, when they add up to more than it allows. */
  readonly overBy?: readonly string[];
  /** The unit facts a centre supplied that the rule's verdict used, each with where it came from. */
  readonly uses?: readonly FactUse[];
  /** A sentence for people: what is met or missing. */
  message: string;
}

/** The evaluation of all rules on one set of units (achieved only, or achieved plus planned). */
export interface Evaluation {
  rules: RuleResult[];
  /** Known credits of the units that count. */
  credits: number;
  /** Units that count (one chosen per barred set). */
  counted: string[];
  /** Units taken but not counted: another unit of their barred set counts, or a maximum leaves them out. */
  notCounted: string[];
}

/** A unit left out of the count by a rule's maximum (`overMax: not-counted`), with the rule. */
export interface UnitLeftOut {
  unit: string;
  ruleId: string;
}

export type Status = 'achieved' | 'on-track' | 'incomplete' | 'invalid' | 'needs-data';

export type ViolationCode =
  | 'missing-mandatory'
  | 'group-min-credits'
  | 'total-min-credits'
  | 'level-min-credits'
  | 'barred-combination'
  | 'sum-min'
  | 'over-maximum'
  | 'unknown-unit'
  | 'unit-not-in-qualification'
  | 'duplicate-unit'
  | 'unknown-qualification'
  | 'unrecognised-mark'
  | 'undecidable'
  // problems of the sheet, not of the learner's choices (src/cohort/verdict/learner-result.ts decides their status)
  | 'ambiguous-header'
  | 'missing-qualification';

export interface Violation {
  code: ViolationCode;
  message: string;
  units: string[];
  ruleId?: string;
}

export interface LearnerResult {
  qualification: string;
  status: Status;
  achieved: Evaluation;
  withPlanned: Evaluation;
  violations: Violation[];
  /** Units not counted in either evaluation because of barred sets or maxima. */
  notCounted: string[];
  /** Present when a maximum left units out: each such unit with the rule that left it out. */
  leftOut?: UnitLeftOut[];
  /** Present when a learner holds units of another qualification that count as units of this one. */
  equivalents?: { ref: string; countsAs: string }[];
}
