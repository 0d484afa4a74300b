// The registry of rule kinds: everything that names a kind reads it from here.
import type { QualificationDefinition, Rule, RuleKind, UnitDefinition } from '../model';
import { barred } from './barred';
import { group } from './group';
import { level } from './level';
import { mandatory } from './mandatory';
import { total } from './total';
import type { AnyKind, CreditKind, RuleOf } from './types';

export type { AnyCreditKind, AnyKind, BarredKind, CreditKind, RuleOf, UnitsKind } from './types';
export { atLevel, levelName } from './level-words';
export { levelWhere } from './level';

/** Every kind, in the order the rules sheet and messages list them. */
export const KINDS = {
  totalCredits: total,
  levelCredits: level,
  mandatory,
  groupCredits: group,
  barred,
} as const satisfies {
  [K in RuleKind]: AnyKind & { kind: K };
};

export const KIND_NAMES = Object.keys(KINDS) as RuleKind[];

export type CreditRule = RuleOf<'totalCredits'> | RuleOf<'levelCredits'> | RuleOf<'groupCredits'>;

export function isCreditRule(rule: Rule): rule is CreditRule {
  return KINDS[rule.kind].family === 'credits';
}

// TypeScript cannot see that `KINDS[rule.kind]` takes `rule`; the casts that say so are in these three functions.

/** Whether the unit's credits count toward a credit rule: yes, no, or null when its unknown level decides. */
export function creditCounts(rule: CreditRule, unit: UnitDefinition): boolean | null {
  return (KINDS[rule.kind] as CreditKind<CreditRule['kind']>).counts(rule as never, unit);
}

/** What a credit rule counts, in words: `credits at level 2`, `credits from Optional Group B and Optional Group C`. */
export function whatCounts(rule: CreditRule, q: QualificationDefinition): string {
  return (KINDS[rule.kind] as CreditKind<CreditRule['kind']>).whatCounts(rule as never, q);
}

/** The units a credit rule counts, in words: `all the units`, `the units at level 2`. */
export function unitsCounted(rule: CreditRule, q: QualificationDefinition): string {
  return (KINDS[rule.kind] as CreditKind<CreditRule['kind']>).unitsCounted(rule as never, q);
}
