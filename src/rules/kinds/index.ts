// The registry of rule kinds: everything that names a kind reads it from here.
import type {
  BarredRule,
  Measure,
  QualificationDefinition,
  Rule,
  RuleKind,
  RuleResult,
  UnitDefinition,
} from '../model';
import { barred } from './barred';
import { group } from './group';
import { level } from './level';
import { mandatory } from './mandatory';
import { sum } from './sum';
import { total } from './total';
import type {
  AnyKind,
  CreditKind,
  KindSheet,
  ResultWords,
  RuleCheck,
  RuleJsonOf,
  RuleOf,
  RuleResolver,
  RuleSheetValues,
  SumBounds,
} from './types';

export type {
  AnyCreditKind,
  AnyKind,
  BarredKind,
  CreditKind,
  KindSheet,
  LevelJson,
  RuleCheck,
  RuleJsonOf,
  RuleOf,
  RuleResolver,
  RuleSheetColumn,
  RuleSheetValues,
  SumBounds,
  UnitsKind,
} from './types';
export { levelFilterOf, levelFilterParts, levelFilterWords, type LevelMatch } from './sum';
export { measureName, measureWord } from './credit-words';
export { atLevel, levelName } from './level-words';
export { levelWhere } from './level';

/** Every kind, in the order the rules sheet and messages list them. */
export const KINDS = {
  totalCredits: total,
  levelCredits: level,
  mandatory,
  groupCredits: group,
  barred,
  sum,
} as const satisfies {
  [K in RuleKind]: AnyKind & { kind: K };
};

export const KIND_NAMES = Object.keys(KINDS) as RuleKind[];

/** A rule that adds up a measure over the units it counts (every counting kind but a mandatory group). */
export type CreditRule = RuleOf<'totalCredits'> | RuleOf<'levelCredits'> | RuleOf<'groupCredits'> | RuleOf<'sum'>;
/** A rule decided met, unmet or unknown: every rule but a barred set. */
export type CountingRule = Exclude<Rule, BarredRule>;

export function isCreditRule(rule: Rule): rule is CreditRule {
  return KINDS[rule.kind].family === 'credits';
}

/** Whether the rule is a set of units of which only one counts. */
export function isBarredRule(rule: Rule): rule is BarredRule {
  return KINDS[rule.kind].family === 'exclusive';
}

// TypeScript cannot see that `KINDS[rule.kind]` takes `rule`; the casts that say so are in the functions below.

type Credit = CreditKind<CreditRule['kind']>;
/** The fields every kind has, for a rule of any kind. */
interface Common {
  label: string;
  code: AnyKind['code'];
  sheet: KindSheet<RuleKind>;
  fromJson(json: unknown, base: Pick<Rule, 'id' | 'text' | 'note'>, resolve: RuleResolver): Rule;
  describe(rule: Rule): string;
  groupsNamed(rule: Rule): readonly string[];
  checkTargets?(rule: Rule, check: RuleCheck): void;
  checkInAll?(rule: Rule, check: RuleCheck): void;
}

function common(kind: RuleKind): Common {
  return KINDS[kind] as unknown as Common;
}

/** Whether the unit's credits count toward a credit rule: yes, no, or null when its unknown level decides. */
export function creditCounts(rule: CreditRule, unit: UnitDefinition): boolean | null {
  return (KINDS[rule.kind] as Credit).counts(rule as never, unit);
}

/** What a credit rule adds up: credits, GLH or units. */
export function measureOf(rule: CreditRule): Measure {
  return (KINDS[rule.kind] as Credit).measure(rule as never);
}

/** A credit rule's minimum (0 when it has none) and maximum. */
export function boundsOf(rule: CreditRule): SumBounds {
  return (KINDS[rule.kind] as Credit).bounds(rule as never);
}

/** Whether the unit's level, and its group, decide whether it counts toward a credit rule. */
export function factsDeciding(rule: CreditRule): { level: boolean; group: boolean } {
  const kind = KINDS[rule.kind] as Credit;
  return { level: kind.usesLevel(rule as never), group: kind.usesGroup(rule as never) };
}

/** What a credit rule counts, in words: `credits at level 2`, `credits from Optional Group B and Optional Group C`. */
export function whatCounts(rule: CreditRule, q: QualificationDefinition): string {
  return (KINDS[rule.kind] as Credit).whatCounts(rule as never, q);
}

/** The units a credit rule counts, in words: `all the units`, `the units at level 2`. */
export function unitsCounted(rule: CreditRule, q: QualificationDefinition): string {
  return (KINDS[rule.kind] as Credit).unitsCounted(rule as never, q);
}

/** The label of the figure a credit rule shows beside the credits (`at level 2`), if its kind has one. */
export function figureOf(rule: Rule): string | undefined {
  if (!isCreditRule(rule)) return undefined;
  return (KINDS[rule.kind] as Credit).figure?.(rule as never);
}

/** Whether a rule counts every unit: its minimum is the qualification's total. */
export function countsAll(rule: Rule): boolean {
  return isCreditRule(rule) && (KINDS[rule.kind] as Credit).countsAll(rule as never);
}

/** The words of a counting rule's result (without the note of centre-supplied facts). */
export function resultWords(
  result: RuleResult,
  rule: CountingRule,
  q: QualificationDefinition,
  unit: (ref: string) => UnitDefinition | undefined,
): string {
  return (KINDS[rule.kind].words as ResultWords<RuleKind>)(result, rule as never, q, unit);
}

/** When the rules cannot all be met and this one is the first left unmet: the field to correct, and what to do. */
export function unsatisfiable(rule: CountingRule): { field: string; fix: string } {
  return KINDS[rule.kind].unsatisfiable;
}

/** The rule from its JSON (whose shape the schema accepted), its names resolved. */
export function ruleFromJson(
  json: RuleJsonOf<RuleKind>,
  base: Pick<Rule, 'id' | 'text' | 'note'>,
  resolve: RuleResolver,
): Rule {
  return common(json.kind).fromJson(json, base, resolve);
}

/** A rule in words, as a reviewer would read it beside the specification. */
export function describeRule(rule: Rule): string {
  return common(rule.kind).describe(rule);
}

/** The groups a rule names. */
export function groupsNamed(rule: Rule): readonly string[] {
  return common(rule.kind).groupsNamed(rule);
}

/** The rule's values in the rules sheet's columns. */
export function ruleSheetValues(rule: Rule): RuleSheetValues {
  return common(rule.kind).sheet.values(rule as never);
}

/** How the rules sheet reads a kind. */
export function kindSheet(kind: RuleKind): KindSheet<RuleKind> {
  return common(kind).sheet;
}

/** The kind's own checks of a rule, in the phase named. */
export function checkRule(rule: Rule, phase: 'checkTargets' | 'checkInAll', check: RuleCheck): void {
  common(rule.kind)[phase]?.(rule, check);
}

/** The refs of the units a counting rule needs every one of (none for a credit rule), in definition order. */
export function unitsNeeded(rule: CountingRule, q: QualificationDefinition): string[] {
  const kind = KINDS[rule.kind];
  return kind.family === 'units' ? kind.needs(rule as never, q) : [];
}

/** The units of a barred set. */
export function setMembers(rule: BarredRule): readonly string[] {
  return KINDS[rule.kind].members(rule);
}
export { type KindSchema, level, text } from './schema-parts';
