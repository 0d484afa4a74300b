// Checks one learner's units against a qualification's rules of combination: the compiled evaluator decides, and
// this file turns its buffers into the results the rest of qualcheck reads.
import { compileQualification, type CompiledQualification } from './compiled';
import { evaluatorOf } from './evaluate-compiled';
import { decideLearner, LearnerVerdicts } from './learner-verdicts';
import { UNKNOWN, UNMET, Verdicts } from './verdicts';
import { KINDS } from '../kinds';
import type {
  BarredRule,
  Evaluation,
  LearnerResult,
  LearnerUnits,
  QualificationDefinition,
  Status,
  UnitLeftOut,
  Violation,
  ViolationCode,
} from '../model';
import type { QualificationIndex } from './qualification-index';
import { strangerWords } from './rule-words';
import { missingUnits, NONE, overUnits, refsWhere, uncertainUnits } from './rule-results';
import { CompiledEvaluation } from './evaluation';

/** The barred sets of which the units hold more than one, with those units in definition order. */
export function barredClashes(
  index: QualificationIndex,
  refs: ReadonlySet<string>,
): { set: BarredRule; taken: string[] }[] {
  const clashes: { set: BarredRule; taken: string[] }[] = [];
  for (const set of index.barredSets) {
    const taken = set.units.filter((ref) => refs.has(ref));
    if (taken.length > 1) clashes.push({ set, taken });
  }
  return clashes;
}

/**
 * A learner's result as its units decide it: a number for results of which every word (of its rules, its violations,
 * its status) follows from its two evaluations' units, counted and not, in their order; two results with the same
 * units have the same number (`sameUnits` tells apart two that only share it). Undefined for a result that says more
 * than its units decide: a violation not the engine's (a reading problem), a unit the qualification lacks (named by
 * the learner's refs). For words that many learners share, made once.
 */
export function unitsHash(result: LearnerResult): number | undefined {
  const { achieved, withPlanned, violations } = result;
  if (!(achieved instanceof CompiledEvaluation) || !(withPlanned instanceof CompiledEvaluation)) return undefined;
  for (const v of violations) if (!(v instanceof RuleViolation) && !(v instanceof ClashViolation)) return undefined;
  return withPlanned.unitsHash(achieved.unitsHash(2166136261));
}

const learnerBuffers = new WeakMap<CompiledQualification, LearnerVerdicts>();

function buffersOf(compiled: CompiledQualification): LearnerVerdicts {
  let buffers = learnerBuffers.get(compiled);
  if (!buffers) learnerBuffers.set(compiled, (buffers = new LearnerVerdicts(compiled)));
  return buffers;
}

/**
 * Evaluates every rule on a set of units the qualification knows. Where a barred set holds more than one of them,
 * each choice of the one that counts is tried, and the choice that serves the learner best is kept: a centre should
 * never see a learner fail because the checker picked the wrong unit of a pair.
 */
export function evaluateUnits(qualification: QualificationDefinition, refs: readonly string[]): Evaluation {
  const compiled = compileQualification(qualification);
  const buffers = buffersOf(compiled);
  decideLearner(evaluatorOf(compiled), refs, NONE, buffers);
  return new CompiledEvaluation(buffers.withPlanned, buffers.units, buffers.count);
}

/** A rule the learner's units do not meet, as a violation; its words are the rule's, made when read. */
class RuleViolation implements Violation {
  readonly #evaluation: CompiledEvaluation;
  readonly #rule: number;

  constructor(
    readonly code: ViolationCode,
    readonly units: string[],
    readonly ruleId: string,
    evaluation: CompiledEvaluation,
    rule: number,
  ) {
    this.#evaluation = evaluation;
    this.#rule = rule;
  }

  get message(): string {
    return this.#evaluation.ruleAt(this.#rule).message;
  }
}

/**
 * `first` and `second`, then a violation for each rule `verdicts` does not meet, decided shortfalls first: they are what a learner
 * must act on; undecidable rules wait for data. The list is made at its size, as it is made for every learner.
 */
function withRuleViolations(
  first: readonly Violation[],
  second: readonly Violation[],
  verdicts: Verdicts,
  evaluation: CompiledEvaluation,
): Violation[] {
  const { compiled, outcome } = verdicts;
  const rules = compiled.rules.length;
  const list = new Array<Violation>(first.length + second.length + rules - verdicts.met);
  for (let i = 0; i < first.length; i++) list[i] = first[i];
  for (let i = 0; i < second.length; i++) list[first.length + i] = second[i];
  let at = first.length + second.length;
  for (let r = 0; r < rules; r++) {
    if (outcome[r] !== UNMET) continue;
    const rule = compiled.rules[r];
    // Passing a forbidding maximum is a choice to undo, named with the units; falling short, units to add.
    if (verdicts.over[r] === 1) {
      const taken = [...evaluation.countedUnits, ...evaluation.notCountedUnits];
      list[at++] = new RuleViolation('over-maximum', overUnits(compiled, r, taken), rule.id, evaluation, r);
      continue;
    }
    list[at++] = new RuleViolation(
      KINDS[rule.kind].code,
      compiled.creditRules[r] === undefined ? missingUnits(compiled, r, verdicts) : (NONE as string[]),
      rule.id,
      evaluation,
      r,
    );
  }
  for (let r = 0; r < rules; r++) {
    if (outcome[r] !== UNKNOWN) continue;
    list[at++] = new RuleViolation(
      'undecidable',
      uncertainUnits(compiled, r, evaluation.countedUnits),
      compiled.rules[r].id,
      evaluation,
      r,
    );
  }
  return list;
}

function allMet(evaluation: Evaluation): boolean {
  return evaluation.rules.every((r) => r.outcome === 'met');
}

/**
 * The learner's status, first match wins: invalid, achieved, incomplete, on-track, needs-data.
 * `forbidden` says whether the learner made a choice the rules forbid.
 */
export function decideStatus(forbidden: boolean, achieved: Evaluation, withPlanned: Evaluation): Status {
  return statusFrom(
    forbidden,
    allMet(achieved),
    withPlanned.rules.some((r) => r.outcome === 'unmet'),
    allMet(withPlanned),
  );
}

function statusFrom(
  forbidden: boolean,
  achievedAllMet: boolean,
  unmetWithPlanned: boolean,
  allMetWithPlanned: boolean,
): Status {
  if (forbidden) return 'invalid';
  if (achievedAllMet) return 'achieved';
  if (unmetWithPlanned) return 'incomplete';
  if (allMetWithPlanned) return 'on-track';
  return 'needs-data';
}

/**
 * `decideStatus` on the compiled evaluator's buffers: a unit the qualification lacks, a barred clash, or units past a
 * forbidding maximum forbid.
 */
export function verdictStatus(v: LearnerVerdicts): Status {
  const rules = v.compiled.rules.length;
  return statusFrom(
    v.strangers > 0 || v.clashes > 0 || v.withPlanned.forbidden > 0,
    v.achieved.met === rules,
    v.withPlanned.unmet > 0,
    v.withPlanned.met === rules,
  );
}

/** A learner holding more than one unit of a barred set; its words are its kind's, made when read. */
class ClashViolation implements Violation {
  readonly code: ViolationCode;
  readonly ruleId: string;
  readonly #set: BarredRule;

  constructor(
    readonly units: string[],
    set: BarredRule,
  ) {
    this.code = KINDS[set.kind].code;
    this.ruleId = set.id;
    this.#set = set;
  }

  get message(): string {
    return KINDS[this.#set.kind].clashWords(this.units, this.#set.id);
  }
}

/** Units the learner holds that the qualification does not have: data, worded when read. */
class StrangerViolation implements Violation {
  readonly code = 'unit-not-in-qualification';
  /** Out of sight of `deepEqual`, like the words made from it. */
  readonly #qualification: string;

  constructor(
    readonly units: string[],
    qualification: string,
  ) {
    this.#qualification = qualification;
  }

  get message(): string {
    return strangerWords(this.units, this.#qualification);
  }
}

/** A violation for each barred set of which the learner holds more than one unit, those units in the set's order. */
function clashViolations(compiled: CompiledQualification, taken: Uint8Array): Violation[] {
  const { barredSets, barredStart, barredUnits } = compiled;
  const violations: Violation[] = [];
  for (let s = 0; s < barredSets.length; s++) {
    const both = refsWhere(compiled, barredUnits, barredStart[s], barredStart[s + 1], taken);
    if (both.length > 1) violations.push(new ClashViolation(both, barredSets[s]));
  }
  return violations;
}

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/** Checks one learner: achieved units alone, then achieved plus planned, and the status that follows. */
export function checkUnits(qualification: QualificationDefinition, learner: LearnerUnits): LearnerResult {
  const compiled = compileQualification(qualification);
  const buffers = buffersOf(compiled);
  // A unit both achieved and planned is achieved: planning it again changes nothing.
  decideLearner(evaluatorOf(compiled), learner.achieved, learner.planned, buffers);
  // Most learners hold no unit the qualification lacks and no barred pair: then no list is made for them.
  let strangers = NO_VIOLATIONS;
  if (buffers.strangers > 0) {
    const refs = [...new Set([...learner.achieved, ...learner.planned])].filter((ref) => !compiled.lookup.has(ref));
    strangers = [new StrangerViolation(refs, qualification.id)];
  }
  const clashes = buffers.clashes > 0 ? clashViolations(compiled, buffers.withPlanned.taken) : NO_VIOLATIONS;
  const status = verdictStatus(buffers);
  const achieved = new CompiledEvaluation(buffers.achieved, buffers.units, buffers.achievedCount);
  const withPlanned = new CompiledEvaluation(buffers.withPlanned, buffers.units, buffers.count);
  const leftAside = achieved.notCountedUnits.length > 0 || withPlanned.notCountedUnits.length > 0;
  const notCounted = leftAside
    ? unionRefs(compiled, achieved.notCountedUnits, withPlanned.notCountedUnits)
    : (NONE as string[]);
  const result: LearnerResult = {
    qualification: qualification.id,
    status,
    achieved,
    withPlanned,
    violations: withRuleViolations(strangers, clashes, buffers.withPlanned, withPlanned),
    notCounted,
  };
  if (qualification.equivalents !== undefined && qualification.equivalents.length > 0) {
    const equivalents = equivalentsHeld(qualification.equivalents, learner);
    if (equivalents.length > 0) result.equivalents = equivalents;
  }
  if (leftAside && compiled.caps.length > 0) {
    const leftOut = unitsLeftOut(compiled, buffers, notCounted);
    if (leftOut.length > 0) result.leftOut = leftOut;
  }
  return result;
}

/**
 * The refs of units `a` then those of `b` not in `a`, in a list made at its size: units not counted by either
 * evaluation, a few for the learners who have any (no set or copies made per learner).
 */
function unionRefs(compiled: CompiledQualification, a: readonly number[], b: readonly number[]): string[] {
  let size = a.length;
  for (let j = 0; j < b.length; j++) if (!a.includes(b[j])) size++;
  const refs = new Array<string>(size);
  for (let i = 0; i < a.length; i++) refs[i] = compiled.units[a[i]].ref;
  let at = a.length;
  for (let j = 0; j < b.length; j++) if (!a.includes(b[j])) refs[at++] = compiled.units[b[j]].ref;
  return refs;
}

/** The learner's units of other qualifications that count as units of this one, each with the unit it counts as. */
function equivalentsHeld(
  equivalents: NonNullable<QualificationDefinition['equivalents']>,
  learner: LearnerUnits,
): { ref: string; countsAs: string }[] {
  const held = new Set([...learner.achieved, ...learner.planned]);
  return equivalents.filter((e) => held.has(e.ref)).map(({ ref, countsAs }) => ({ ref, countsAs }));
}

/** `Y/600/1234 counted as K/503/0421`: what a result says of the equivalents a learner holds. */
export function equivalentWords(equivalents: readonly { ref: string; countsAs: string }[]): string {
  return equivalents.map((e) => `${e.ref} counted as ${e.countsAs}`).join('; ');
}

/**
 * The units a maximum left out, each with the first rule whose maximum counts it: those not counted that no clashing
 * barred set holds (a barred set's own unit is not counted because another of the set counts).
 */
function unitsLeftOut(compiled: CompiledQualification, buffers: LearnerVerdicts, notCounted: string[]): UnitLeftOut[] {
  const clashing = new Set(clashViolations(compiled, buffers.withPlanned.taken).flatMap((v) => v.units));
  const n = compiled.units.length;
  const leftOut: UnitLeftOut[] = [];
  for (const ref of notCounted) {
    if (clashing.has(ref)) continue;
    const u = compiled.position.get(ref) as number;
    const r = compiled.caps.find((cap) => compiled.counts[cap * n + u] !== 0);
    if (r !== undefined) leftOut.push({ unit: ref, ruleId: compiled.rules[r].id });
  }
  return leftOut;
}
