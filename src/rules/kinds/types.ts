// What every rule kind tells the rest of qualcheck. One module per kind implements it; `index.ts` is the registry.
// Evaluator, planner, definition checks, rules sheet and what-if read kinds only through these fields, so a new kind
// is one more module here.
import type { QualificationDefinition, Rule, RuleKind, RuleResult, UnitDefinition, ViolationCode } from '../model';
import type { KindSchema } from './schema-parts';

export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

interface KindBase<K extends RuleKind> {
  kind: K;
  /** The kind as the rules sheet writes it. */
  label: string;
  /** Other spellings the rules sheet accepts for the kind (compared without case, spaces or punctuation). */
  spellings: readonly string[];
  /** The JSON schema of the kind's own fields in a definition. */
  schema: KindSchema;
}

/** A kind that adds up the credits of the units that count toward it and asks for at least `min`. */
export interface CreditKind<K extends 'totalCredits' | 'levelCredits' | 'groupCredits'> extends KindBase<K> {
  family: 'credits';
  /** Violation code when the rule is unmet. */
  code: ViolationCode;
  /** Whether the unit's credits count toward the rule: yes, no, or null when that rests on its unknown level. */
  counts(rule: RuleOf<K>, unit: UnitDefinition): boolean | null;
  /** Whether the unit's level decides if it counts (its level is a fact the rule uses). */
  usesLevel: boolean;
  /** Whether the unit's group decides if it counts. */
  usesGroup: boolean;
  /** What the rule counts, in words: `credits at level 2`. */
  whatCounts(rule: RuleOf<K>, q: QualificationDefinition): string;
  /** The units the rule counts, in words: `the units at level 2`. */
  unitsCounted(rule: RuleOf<K>, q: QualificationDefinition): string;
}

/** A kind that needs every unit of a group. */
export interface UnitsKind extends KindBase<'mandatory'> {
  family: 'units';
  code: ViolationCode;
  /** The refs of the units the rule needs, in definition order. */
  needs(rule: RuleOf<'mandatory'>, q: QualificationDefinition): string[];
  words(result: RuleResult, q: QualificationDefinition): string;
}

/** A set of units of which only one counts; taking more than one is not allowed. */
export interface BarredKind extends KindBase<'barred'> {
  family: 'barred';
  code: ViolationCode;
  members(rule: RuleOf<'barred'>): readonly string[];
}

export type AnyCreditKind = CreditKind<'totalCredits'> | CreditKind<'levelCredits'> | CreditKind<'groupCredits'>;
export type AnyKind = AnyCreditKind | UnitsKind | BarredKind;
