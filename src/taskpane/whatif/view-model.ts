// What the what-if panel shows, worked out without React or Office: the qualification's units grouped as its
// specification groups them, and for a set of unit choices the credits, each rule's outcome, the status and the
// completion planner's cheapest ways to finish. Runs on every toggle, so it stays small.
import { checkLearner, planInWords } from '../../cohort/verdict';
import type { LearnerRecord } from '../../sheet';
import { changedUnits, sheetChoices, type Choices, type UnitChoice } from '../../whatif';
import type {
  BarredRule,
  GroupDefinition,
  LearnerResult,
  LearnerUnits,
  QualificationDefinition,
  Rule,
  RuleNote,
  RuleOutcome,
  Status,
  UnitDefinition,
  UnitLeftOut,
  Violation,
} from '../../rules/model';
import { planCompletion, type CostMeasure, type Plan, type PlanResult } from '../../rules/planner';
import { countsAll, figureOf, groupsNamed, isBarredRule, KINDS, setMembers } from '../../rules/kinds';
import { levelLabel } from '../../rules/model';

export type { Choices, UnitChoice } from '../../whatif';
export { changedUnits };

/** One line of a group: a unit, or a barred set whose units are shown together because only one of them counts. */
export type SectionItem =
  | { kind: 'unit'; unit: UnitDefinition }
  /** `shownElsewhere`: units of the set already shown with an earlier set they are also barred in. */
  | { kind: 'set'; set: BarredRule; units: UnitDefinition[]; shownElsewhere: string[] };

export interface UnitSection {
  id: string;
  title: string;
  /** The rules that name this group, in the specification's words. */
  rules: Rule[];
  items: SectionItem[];
}

const sectionsByQualification = new WeakMap<QualificationDefinition, UnitSection[]>();

/**
 * The units by group in the definition's order; a barred set sits where its first unit would, in that unit's group,
 * with all its units (a set spanning groups shows each unit's group beside it). Every unit is shown once: a unit in
 * two barred sets is shown with the first, and the second names it.
 */
export function unitSections(q: QualificationDefinition): UnitSection[] {
  const cached = sectionsByQualification.get(q);
  if (cached) return cached;
  const setOf = new Map<string, BarredRule>();
  for (const rule of q.rules.filter(isBarredRule))
    for (const ref of setMembers(rule)) if (!setOf.has(ref)) setOf.set(ref, rule);
  const byRef = new Map(q.units.map((u) => [u.ref, u] as const));
  const known = new Set(q.groups.map((g) => g.id));
  const groups: GroupDefinition[] = [...q.groups];
  if (q.units.some((u) => !known.has(u.group))) groups.push({ id: '', title: 'Units in no group of the definition' });
  const placed = new Set<BarredRule>();
  const shown = new Set<string>();
  const sections = groups.map((group): UnitSection => {
    const items: SectionItem[] = [];
    for (const unit of q.units) {
      const inGroup = group.id === '' ? !known.has(unit.group) : unit.group === group.id;
      if (!inGroup || shown.has(unit.ref)) continue;
      const set = setOf.get(unit.ref);
      if (!set) {
        items.push({ kind: 'unit', unit });
        shown.add(unit.ref);
        continue;
      }
      if (placed.has(set)) continue;
      placed.add(set);
      const members = setMembers(set)
        .map((ref) => byRef.get(ref))
        .filter((u): u is UnitDefinition => u !== undefined);
      const units = members.filter((u) => !shown.has(u.ref));
      const shownElsewhere = members.filter((u) => shown.has(u.ref)).map((u) => u.ref);
      for (const u of units) shown.add(u.ref);
      items.push({ kind: 'set', set, units, shownElsewhere });
    }
    const rules = q.rules.filter((r) => groupsNamed(r).includes(group.id));
    return { id: group.id, title: group.title, rules, items };
  });
  const result = sections.filter((s) => s.items.length > 0);
  sectionsByQualification.set(q, result);
  return result;
}

/** A learner's units as the sheet has them. */
export const choicesOf = sheetChoices;

export function unitsOf(q: QualificationDefinition, choices: Choices): LearnerUnits {
  const achieved: string[] = [];
  const planned: string[] = [];
  for (const unit of q.units) {
    const choice = choices[unit.ref];
    if (choice === 'achieved') achieved.push(unit.ref);
    else if (choice === 'planned') planned.push(unit.ref);
  }
  return { achieved, planned };
}

export function withChoice(choices: Choices, ref: string, choice: UnitChoice): Choices {
  if ((choices[ref] ?? 'none') === choice) return choices;
  const next: Record<string, UnitChoice> = { ...choices };
  if (choice === 'none') delete next[ref];
  else next[ref] = choice;
  return next;
}

/** A plan's units added as planned (units already chosen keep their state). */
export function withPlan(choices: Choices, plan: Plan): Choices {
  let next = choices;
  for (const ref of plan.add) if ((next[ref] ?? 'none') === 'none') next = withChoice(next, ref, 'planned');
  return next;
}

export interface RuleLine {
  id: string;
  kind: Rule['kind'];
  /** The specification's sentence, and how it was read where that is open. */
  text: string;
  /** Worded where it is shown (status-words.ts paneNoteWords). */
  note?: RuleNote;
  /** With planned units counted; `achieved` is the same rule on achieved units alone. */
  outcome: RuleOutcome;
  achieved: RuleOutcome;
  /** A barred set: shown with the other sets of its sentence, not as a rule met or missing. */
  set: boolean;
  message: string;
}

export interface CreditFigure {
  achieved: number;
  withPlanned: number;
  /** Units counted whose credits (or, for the level figure, level) the catalogue does not know. */
  unknownAchieved: number;
  unknownWithPlanned: number;
  /** What the rule that counts every unit asks for, when there is one. */
  required?: number;
}

export interface WhatIf {
  status: Status;
  credits: CreditFigure;
  /** Credits at the level the level rule names, when the qualification has one. */
  level?: CreditFigure & { label: string };
  rules: RuleLine[];
  /** Units chosen that do not count, because another unit of their barred set does or a maximum leaves them out. */
  notCounted: string[];
  /** Why each of them does not count, in words: `C1 (past the maximum of rule cap)`. */
  notCountedWords: string;
  violations: Violation[];
  result: LearnerResult;
}

/** Each unit not counted with why: a maximum's rule, or its barred set. */
function notCountedWords(notCounted: readonly string[], leftOut: readonly UnitLeftOut[]): string {
  return notCounted
    .map((ref) => {
      const by = leftOut.find((l) => l.unit === ref);
      return by ? `${ref} (past the maximum of rule ${by.ruleId})` : `${ref} (another unit of the barred set counts)`;
    })
    .join(', ');
}

/** Row problems that still stand: a problem about units whose state the user has now chosen is settled by the choice. */
function standingProblems(record: LearnerRecord, touched: ReadonlySet<string>): LearnerRecord['problems'] {
  return record.problems.filter((p) => !(p.units && p.units.length > 0 && p.units.every((u) => touched.has(u))));
}

/** Counted units whose credits (or, with `level`, credits or level) the catalogue does not know. */
function unknownAmong(q: QualificationDefinition, refs: readonly string[], level = false): number {
  const byRef = new Map(q.units.map((u) => [u.ref, u] as const));
  return refs.filter((ref) => {
    const unit = byRef.get(ref);
    return unit !== undefined && (unit.credits === null || (level && unit.level === null));
  }).length;
}

/** Everything the results region shows for these choices: the engine's verdict, as the sheet's check would give it. */
export function whatIf(
  record: LearnerRecord,
  q: QualificationDefinition,
  choices: Choices,
  touched: ReadonlySet<string> = new Set(),
): WhatIf {
  const units = unitsOf(q, choices);
  const result = checkLearner({
    ...record,
    qualification: q,
    achieved: units.achieved,
    planned: units.planned,
    problems: standingProblems(record, touched),
  });
  const achievedById = new Map(result.achieved.rules.map((r) => [r.ruleId, r] as const));
  const plannedById = new Map(result.withPlanned.rules.map((r) => [r.ruleId, r] as const));
  const taken = new Set([...units.achieved, ...units.planned]);
  const notCounted = result.notCounted;

  const rules: RuleLine[] = q.rules.map((rule) => {
    if (isBarredRule(rule)) {
      const both = setMembers(rule).filter((ref) => taken.has(ref));
      const dropped = both.filter((ref) => notCounted.includes(ref));
      const message = KINDS[rule.kind].choiceWords(rule, both, dropped);
      const outcome: RuleOutcome = both.length > 1 ? 'unmet' : 'met';
      const line = { id: rule.id, kind: rule.kind, text: rule.text, note: rule.note, outcome, achieved: outcome };
      return { ...line, set: true, message };
    }
    const planned = plannedById.get(rule.id);
    const achieved = achievedById.get(rule.id);
    return {
      id: rule.id,
      kind: rule.kind,
      text: rule.text,
      note: rule.note,
      outcome: planned?.outcome ?? 'unknown',
      achieved: achieved?.outcome ?? 'unknown',
      set: false,
      message: planned?.message ?? '',
    };
  });

  const credits: CreditFigure = {
    achieved: result.achieved.credits,
    withPlanned: result.withPlanned.credits,
    unknownAchieved: unknownAmong(q, result.achieved.counted),
    unknownWithPlanned: unknownAmong(q, result.withPlanned.counted),
  };
  const levelRule = q.rules.find((r) => figureOf(r) !== undefined);
  let level: WhatIf['level'];
  if (levelRule) {
    const a = achievedById.get(levelRule.id);
    const p = plannedById.get(levelRule.id);
    level = {
      label: figureOf(levelRule) ?? '',
      achieved: a?.known ?? 0,
      withPlanned: p?.known ?? 0,
      unknownAchieved: unknownAmong(q, result.achieved.counted, true),
      unknownWithPlanned: unknownAmong(q, result.withPlanned.counted, true),
    };
  }
  const totalRule = q.rules.find(countsAll);
  const required = totalRule && plannedById.get(totalRule.id)?.required;
  return {
    status: result.status,
    credits: required === undefined ? credits : { ...credits, required },
    level,
    rules,
    notCounted,
    notCountedWords: notCountedWords(notCounted, result.leftOut ?? []),
    violations: result.violations,
    result,
  };
}

export interface PlanLine {
  plan: Plan;
  words: string;
  /** Units the plan adds that are not chosen yet (adding it changes these to planned). */
  adds: string[];
}

export interface Suggestions {
  plans: PlanLine[];
  noPlanReason?: string;
  resolveFirst?: string;
}

export const COST_WORDS: Record<CostMeasure, { one: string; many: string }> = {
  credits: { one: 'credit', many: 'credits' },
  glh: { one: 'guided learning hour', many: 'guided learning hours' },
  units: { one: 'unit', many: 'units' },
};

/** The planner's best three ways to complete from these choices, in words. */
export function suggestions(q: QualificationDefinition, choices: Choices, cost: CostMeasure): Suggestions {
  const result: PlanResult = planCompletion(q, unitsOf(q, choices), { cost, maxPlans: 3 });
  return {
    plans: result.plans.map((plan) => ({
      plan,
      words: planInWords(q.units, plan),
      adds: plan.add.filter((ref) => (choices[ref] ?? 'none') === 'none'),
    })),
    noPlanReason: result.noPlanReason,
    resolveFirst: result.resolveFirst,
  };
}

export function costText(cost: number, measure: CostMeasure): string {
  const words = COST_WORDS[measure];
  return `${cost} ${cost === 1 ? words.one : words.many}`;
}

/** `5 cr · 33 GLH · level 2`, with `?` for what the catalogue does not know. */
export function unitFacts(unit: UnitDefinition): string {
  const level = unit.level === null ? '?' : levelLabel(unit.level);
  return `${unit.credits ?? '?'} cr · ${unit.glh ?? '?'} GLH · level ${level}`;
}

/** The same facts for a screen reader, in words. */
export function unitFactsSpoken(unit: UnitDefinition): string {
  const credits =
    unit.credits === null ? 'credits unknown' : `${unit.credits} ${unit.credits === 1 ? 'credit' : 'credits'}`;
  const glh = unit.glh === null ? 'guided learning hours unknown' : `${unit.glh} guided learning hours`;
  const level = unit.level === null ? 'level unknown' : unit.level === 0 ? 'Entry level' : `level ${unit.level}`;
  return `${credits}, ${glh}, ${level}`;
}
