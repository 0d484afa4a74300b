// Checks one learner's units against a qualification's rules of combination.
import type {
  BarredRule,
  Evaluation,
  LearnerResult,
  LearnerUnits,
  QualificationDefinition,
  Rule,
  RuleResult,
  Status,
  UnitDefinition,
  Violation,
  ViolationCode,
} from './model';
import { indexQualification, type QualificationIndex } from './qualification-index';
import { evaluateRule } from './rule-kinds';

type CountingRule = Exclude<Rule, { kind: 'barred' }>;

function countingRules(q: QualificationDefinition): CountingRule[] {
  return q.rules.filter((r): r is CountingRule => r.kind !== 'barred');
}

interface Score {
  met: number;
  unmet: number;
  credits: number;
}

/** Best first: most rules met, then fewest unmet, then most credits. */
function better(a: Score, b: Score): boolean {
  if (a.met !== b.met) return a.met > b.met;
  if (a.unmet !== b.unmet) return a.unmet < b.unmet;
  return a.credits > b.credits;
}

function scoreOf(rules: RuleResult[], counted: readonly UnitDefinition[]): Score {
  let met = 0;
  let unmet = 0;
  for (const r of rules) {
    if (r.outcome === 'met') met++;
    else if (r.outcome === 'unmet') unmet++;
  }
  const credits = counted.reduce((sum, u) => sum + (u.credits ?? 0), 0);
  return { met, unmet, credits };
}

/** The barred sets of which the units hold more than one, with those units in definition order. */
export function barredClashes(index: QualificationIndex, refs: ReadonlySet<string>): { set: BarredRule; taken: string[] }[] {
  const clashes: { set: BarredRule; taken: string[] }[] = [];
  for (const set of index.barredSets) {
    const taken = set.units.filter((ref) => refs.has(ref));
    if (taken.length > 1) clashes.push({ set, taken });
  }
  return clashes;
}

/**
 * Evaluates every rule on a set of units the qualification knows. Where a barred set holds more than one of them,
 * each choice of the one that counts is tried, and the choice that serves the learner best is kept: a centre should
 * never see a learner fail because the checker picked the wrong unit of a pair.
 */
export function evaluateUnits(qualification: QualificationDefinition, refs: readonly string[]): Evaluation {
  const index = indexQualification(qualification);
  const taken = [...new Set(refs)].filter((ref) => index.units.has(ref));
  const takenSet = new Set(taken);
  const rules = countingRules(qualification);
  const clashes = barredClashes(index, takenSet);

  let best: { results: RuleResult[]; counted: UnitDefinition[]; notCounted: string[]; score: Score } | null = null;
  const choice = new Array<number>(clashes.length).fill(0);
  for (;;) {
    const dropped = new Set<string>();
    clashes.forEach((clash, i) => clash.taken.forEach((ref, j) => j !== choice[i] && dropped.add(ref)));
    const counted = taken.filter((ref) => !dropped.has(ref)).map((ref) => index.units.get(ref) as UnitDefinition);
    const results = rules.map((rule) => evaluateRule(index, rule, counted));
    const score = scoreOf(results, counted);
    if (best === null || better(score, best.score)) best = { results, counted, notCounted: [...dropped], score };
    // Next combination of choices, odometer style; the IQ qualification has at most 2^5 of them.
    let i = 0;
    while (i < clashes.length && ++choice[i] >= clashes[i].taken.length) choice[i++] = 0;
    if (i === clashes.length) break;
  }
  const chosen = best as NonNullable<typeof best>;
  const notCountedSet = new Set(chosen.notCounted);
  return {
    rules: chosen.results,
    credits: chosen.score.credits,
    counted: chosen.counted.map((u) => u.ref),
    notCounted: taken.filter((ref) => notCountedSet.has(ref)),
  };
}

const CODE_BY_KIND: Record<CountingRule['kind'], ViolationCode> = {
  totalCredits: 'total-min-credits',
  levelCredits: 'level-min-credits',
  groupCredits: 'group-min-credits',
  mandatory: 'missing-mandatory',
};

function ruleViolations(evaluation: Evaluation): Violation[] {
  const violations: Violation[] = [];
  for (const r of evaluation.rules) {
    if (r.outcome === 'met') continue;
    if (r.outcome === 'unknown') {
      violations.push({ code: 'undecidable', message: r.message, units: r.undecidedBy, ruleId: r.ruleId });
    } else {
      violations.push({ code: CODE_BY_KIND[r.kind as CountingRule['kind']], message: r.message, units: r.missingUnits, ruleId: r.ruleId });
    }
  }
  // Decided shortfalls first: they are what a learner must act on; undecidable rules wait for data.
  return [...violations.filter((v) => v.code !== 'undecidable'), ...violations.filter((v) => v.code === 'undecidable')];
}

function allMet(evaluation: Evaluation): boolean {
  return evaluation.rules.every((r) => r.outcome === 'met');
}

/**
 * The learner's status, first match wins: invalid, achieved, incomplete, on-track, needs-data.
 * `forbidden` says whether the learner made a choice the rules forbid.
 */
export function decideStatus(forbidden: boolean, achieved: Evaluation, withPlanned: Evaluation): Status {
  if (forbidden) return 'invalid';
  if (allMet(achieved)) return 'achieved';
  if (withPlanned.rules.some((r) => r.outcome === 'unmet')) return 'incomplete';
  if (allMet(withPlanned)) return 'on-track';
  return 'needs-data';
}

/** Checks one learner: achieved units alone, then achieved plus planned, and the status that follows. */
export function checkUnits(qualification: QualificationDefinition, learner: LearnerUnits): LearnerResult {
  const index = indexQualification(qualification);
  const achieved = [...new Set(learner.achieved)];
  const achievedSet = new Set(achieved);
  // A unit both achieved and planned is achieved: planning it again changes nothing.
  const planned = [...new Set(learner.planned)].filter((ref) => !achievedSet.has(ref));
  const all = [...achieved, ...planned];

  const violations: Violation[] = [];
  const strangers = all.filter((ref) => !index.units.has(ref));
  if (strangers.length > 0) {
    violations.push({
      code: 'unit-not-in-qualification',
      message: `${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not a unit of ${qualification.id}: remove ${
        strangers.length === 1 ? 'it' : 'them'
      } or check the learner's qualification`,
      units: strangers,
    });
  }
  for (const { set, taken } of barredClashes(index, new Set(all))) {
    violations.push({
      code: 'barred-combination',
      message: `${taken.join(' and ')} are barred together (set ${set.id}): only one can count, keep one`,
      units: taken,
      ruleId: set.id,
    });
  }
  const achievedEval = evaluateUnits(qualification, achieved);
  const plannedEval = evaluateUnits(qualification, all);
  violations.push(...ruleViolations(plannedEval));
  const notCounted = [...new Set([...achievedEval.notCounted, ...plannedEval.notCounted])];
  return {
    qualification: qualification.id,
    status: decideStatus(strangers.length > 0 || violations.some((v) => v.code === 'barred-combination'), achievedEval, plannedEval),
    achieved: achievedEval,
    withPlanned: plannedEval,
    violations,
    notCounted,
  };
}
