// One function per rule kind, each reading like the sentence it checks. They see only the units that count
// (barred sets already resolved) and say met, unmet, or unknown when a credit or level the catalogue lacks decides it.
import type {
  GroupCreditsRule,
  LevelCreditsRule,
  MandatoryRule,
  QualificationDefinition,
  Rule,
  RuleOutcome,
  RuleResult,
  TotalCreditsRule,
  UnitDefinition,
} from './model';
import type { QualificationIndex } from './qualification-index';
import { creditRuleProvenance } from './provenance';

export type CreditRule = TotalCreditsRule | LevelCreditsRule | GroupCreditsRule;

/** Whether a unit's level puts its credits into a level rule: yes, no, or not known. */
function levelCounts(rule: LevelCreditsRule, unit: UnitDefinition): boolean | null {
  if (unit.level === null) return null;
  return rule.orAbove ? unit.level >= rule.level : unit.level === rule.level;
}

export function levelName(level: number): string {
  return level === 0 ? 'Entry level' : `level ${level}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Adds up credits of the counted units the rule takes in. Units whose credits, or whose level for a level rule, are
 * unknown go into `uncertain`, with the most they could add.
 */
function creditTally(
  index: QualificationIndex,
  rule: CreditRule,
  counted: readonly UnitDefinition[],
): { known: number; uncertain: UnitDefinition[]; mostExtra: number } {
  let known = 0;
  let mostExtra = 0;
  const uncertain: UnitDefinition[] = [];
  // Unknown credits of units in a group with a stated total share what is left of that total.
  const unknownByGroup = new Map<string, number>();
  for (const unit of counted) {
    if (rule.kind === 'groupCredits' && !rule.groups.includes(unit.group)) continue;
    const inLevel = rule.kind === 'levelCredits' ? levelCounts(rule, unit) : true;
    if (inLevel === false) continue;
    if (inLevel === true && unit.credits !== null) {
      known += unit.credits;
      continue;
    }
    uncertain.push(unit);
    if (unit.credits !== null) mostExtra += unit.credits;
    else unknownByGroup.set(unit.group, (unknownByGroup.get(unit.group) ?? 0) + (index.creditCeiling.get(unit.ref) ?? Infinity));
  }
  for (const [group, extra] of unknownByGroup) mostExtra += Math.min(extra, index.unknownCreditsLeft.get(group) ?? Infinity);
  return { known, uncertain, mostExtra };
}

function creditOutcome(known: number, min: number, mostPossible: number): RuleOutcome {
  if (known >= min) return 'met';
  if (mostPossible < min) return 'unmet';
  return 'unknown';
}

/** What a credit rule counts, in words: `credits at level 2`, `credits from Optional Group B and Optional Group C`. */
export function whatCounts(rule: CreditRule, qualification: QualificationDefinition): string {
  switch (rule.kind) {
    case 'totalCredits':
      return 'credits';
    case 'levelCredits':
      return `credits ${rule.orAbove ? 'at or above' : 'at'} ${levelName(rule.level)}`;
    case 'groupCredits': {
      const titles = rule.groups.map((g) => qualification.groups.find((x) => x.id === g)?.title ?? g);
      return `credits from ${titles.join(' and ')}`;
    }
  }
}

function creditRule(index: QualificationIndex, rule: CreditRule, counted: readonly UnitDefinition[]): RuleResult {
  const { known, uncertain, mostExtra } = creditTally(index, rule, counted);
  const mostPossible = known + mostExtra;
  const outcome = creditOutcome(known, rule.min, mostPossible);
  const what = whatCounts(rule, index.qualification);
  let message: string;
  if (outcome === 'met') message = `${known} of ${rule.min} ${what}: met`;
  else if (outcome === 'unmet') {
    const short = rule.min - (uncertain.length > 0 ? mostPossible : known);
    message = `${known} of ${rule.min} ${what}: ${plural(short, 'credit')} short`;
    if (uncertain.length > 0) message += ` even if ${uncertain.map((u) => u.ref).join(', ')} counted in full`;
  } else {
    const noCredits = uncertain.filter((u) => u.credits === null).map((u) => u.ref);
    const noLevel = uncertain.filter((u) => u.credits !== null).map((u) => u.ref);
    const gaps = [
      ...(noLevel.length > 0 ? [`level of ${noLevel.join(', ')}`] : []),
      ...(noCredits.length > 0 ? [`credits${rule.kind === 'levelCredits' ? ' or level' : ''} of ${noCredits.join(', ')}`] : []),
    ];
    message = `${known} of ${rule.min} ${what} known; cannot be decided: ${gaps.join(' and ')} unknown`;
  }
  // Say when the verdict rests on values a centre supplied, so a reviewer knows which facts to check.
  const provenance = creditRuleProvenance(rule, counted);
  if (provenance !== '') message += ` (${provenance})`;
  return {
    ruleId: rule.id,
    kind: rule.kind,
    text: rule.text,
    outcome,
    known,
    required: rule.min,
    mostPossible: Number.isFinite(mostPossible) ? mostPossible : null,
    undecidedBy: outcome === 'unknown' ? uncertain.map((u) => u.ref) : [],
    missingUnits: [],
    message,
  };
}

export function totalCredits(index: QualificationIndex, rule: TotalCreditsRule, counted: readonly UnitDefinition[]): RuleResult {
  return creditRule(index, rule, counted);
}

export function levelCredits(index: QualificationIndex, rule: LevelCreditsRule, counted: readonly UnitDefinition[]): RuleResult {
  return creditRule(index, rule, counted);
}

export function groupCredits(index: QualificationIndex, rule: GroupCreditsRule, counted: readonly UnitDefinition[]): RuleResult {
  return creditRule(index, rule, counted);
}

export function mandatory(index: QualificationIndex, rule: MandatoryRule, counted: readonly UnitDefinition[]): RuleResult {
  const required = index.groupUnits.get(rule.group) ?? [];
  const have = new Set(counted.map((u) => u.ref));
  const missingUnits = required.filter((u) => !have.has(u.ref)).map((u) => u.ref);
  const known = required.length - missingUnits.length;
  const title = index.qualification.groups.find((g) => g.id === rule.group)?.title ?? rule.group;
  return {
    ruleId: rule.id,
    kind: rule.kind,
    text: rule.text,
    outcome: missingUnits.length === 0 ? 'met' : 'unmet',
    known,
    required: required.length,
    mostPossible: known,
    undecidedBy: [],
    missingUnits,
    message:
      missingUnits.length === 0
        ? `all ${plural(required.length, 'unit')} of ${title}: met`
        : `${title}: missing ${missingUnits.join(', ')}`,
  };
}

/** Evaluates one non-barred rule on the units that count. Barred sets are settled before, in `evaluate.ts`. */
export function evaluateRule(index: QualificationIndex, rule: Exclude<Rule, { kind: 'barred' }>, counted: readonly UnitDefinition[]): RuleResult {
  switch (rule.kind) {
    case 'totalCredits':
      return totalCredits(index, rule, counted);
    case 'levelCredits':
      return levelCredits(index, rule, counted);
    case 'groupCredits':
      return groupCredits(index, rule, counted);
    case 'mandatory':
      return mandatory(index, rule, counted);
  }
}
