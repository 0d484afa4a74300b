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
  RuleResult,
  Status,
  UnitLeftOut,
  Violation,
  ViolationCode,
} from '../model';
import type { QualificationIndex } from './qualification-index';
import { strangerWords } from './rule-words';
import {
  missingUnits,
  NONE,
  overUnits,
  refsWhere,
  ruleResultAt,
  ruleResults,
  RulesContext,
  uncertainUnits,
} from './rule-results';

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
 * One evaluation: credits and the units that count are data; the rules' results are built from those units when
 * first read (where they are shown), the evaluator having decided the status already.
 */
class CompiledEvaluation implements Evaluation {
  readonly credits: number;
  // What it keeps, by unit index, to name the units and build its rules' results when they are read: private
  // fields, out of sight of `deepEqual`.
  readonly #compiled: CompiledQualification;
  readonly #counted: number[];
  readonly #notCounted: number[] | undefined;
  #context: RulesContext | undefined;

  constructor(verdicts: Verdicts, order: ArrayLike<number>, count: number) {
    // Lists made at their size (one per learner and evaluation, kept with the result): no list grown and copied.
    let size = 0;
    for (let i = 0; i < count; i++) size += verdicts.counted[order[i]];
    const counted = new Array<number>(size);
    const notCounted = size === count ? undefined : new Array<number>(count - size);
    let c = 0;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const u = order[i];
      if (verdicts.counted[u] === 1) counted[c++] = u;
      else (notCounted as number[])[n++] = u;
    }
    this.credits = verdicts.credits;
    this.#compiled = verdicts.compiled;
    this.#counted = counted;
    this.#notCounted = notCounted;
  }

  /** Units that count, by index. */
  get countedUnits(): readonly number[] {
    return this.#counted;
  }

  get counted(): string[] {
    return this.#counted.map((u) => this.#compiled.units[u].ref);
  }

  get notCounted(): string[] {
    return this.#notCounted === undefined ? [] : this.#notCounted.map((u) => this.#compiled.units[u].ref);
  }

  /** Units left out of the count, by index. */
  get notCountedUnits(): readonly number[] {
    return this.#notCounted ?? [];
  }

  /** Built when read, and kept only among the last few read (see `recentRules`), not with the evaluation. */
  get rules(): RuleResult[] {
    const kept = recentRules.find((k) => k.evaluation === this);
    if (kept) return kept.rules;
    const rules = ruleResults(this.context);
    recentRules.pop();
    recentRules.unshift({ evaluation: this, rules });
    return rules;
  }

  /**
   * The result of rule r alone (by its index among the compiled rules), for words that name one rule: a violation's,
   * the credits at a level. The others are not built.
   */
  ruleAt(r: number): RuleResult {
    const kept = recentRules.find((k) => k.evaluation === this);
    return kept ? kept.rules[r] : ruleResultAt(this.context, r);
  }

  /** `hash` mixed with the units that count and those left out, in their order. */
  unitsHash(hash: number): number {
    let h = Math.imul(hash ^ this.#counted.length, 16777619);
    for (const u of this.#counted) h = Math.imul(h ^ u, 16777619);
    const left = this.#notCounted ?? NO_UNITS;
    h = Math.imul(h ^ left.length, 16777619);
    for (const u of left) h = Math.imul(h ^ u, 16777619);
    return h;
  }

  /** Whether `other` evaluated the same qualification's units, counting the same ones, in the same order. */
  sameUnits(other: CompiledEvaluation): boolean {
    return (
      this.#compiled === other.#compiled &&
      sameList(this.#counted, other.#counted) &&
      sameList(this.#notCounted ?? NO_UNITS, other.#notCounted ?? NO_UNITS)
    );
  }

  /** The index of the rule with id `ruleId` among the compiled rules, or -1. */
  ruleIndex(ruleId: string): number {
    return this.#compiled.rules.findIndex((rule) => rule.id === ruleId);
  }

  /** What its rules' results are built from, made when first read. */
  private get context(): RulesContext {
    return (this.#context ??= new RulesContext(this.#compiled, this.#counted, this.#notCounted ?? NO_UNITS));
  }
}

const NO_UNITS: readonly number[] = Object.freeze([]);

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/** Whether two results that `unitsHash` numbers have the same units, counted and not (see `unitsHash`). */
export function sameUnits(a: LearnerResult, b: LearnerResult): boolean {
  return (
    a.achieved instanceof CompiledEvaluation &&
    b.achieved instanceof CompiledEvaluation &&
    a.withPlanned instanceof CompiledEvaluation &&
    b.withPlanned instanceof CompiledEvaluation &&
    a.achieved.sameUnits(b.achieved) &&
    a.withPlanned.sameUnits(b.withPlanned)
  );
}

/**
 * The rule results of the evaluations read last, newest first. A learner's words read its two evaluations' results
 * several times (each violation's message, the next step, the centre values, the level's credits), so they are
 * built once for the learner; but a run over a cohort keeps no learner's results once it has moved on, which a
 * results field on each evaluation did (a fifth of `check --out`'s peak memory at 50,000 learners).
 */
const recentRules: { evaluation: CompiledEvaluation | undefined; rules: RuleResult[] }[] = Array.from(
  { length: 4 },
  () => ({ evaluation: undefined, rules: [] }),
);

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
 * `first`, then a violation for each rule `verdicts` does not meet, decided shortfalls first: they are what a learner
 * must act on; undecidable rules wait for data. The list is made at its size, as it is made for every learner.
 */
function withRuleViolations(
  first: readonly Violation[],
  verdicts: Verdicts,
  evaluation: CompiledEvaluation,
): Violation[] {
  const { compiled, outcome } = verdicts;
  const rules = compiled.rules.length;
  const list = new Array<Violation>(first.length + rules - verdicts.met);
  for (let i = 0; i < first.length; i++) list[i] = first[i];
  let at = first.length;
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

/**
 * The result of the rule with id `ruleId` in an evaluation, or undefined when it has none: for words that name one
 * rule, without building the others' results where the engine made the evaluation.
 */
export function ruleResultOf(evaluation: Evaluation, ruleId: string): RuleResult | undefined {
  if (!(evaluation instanceof CompiledEvaluation)) return evaluation.rules.find((r) => r.ruleId === ruleId);
  const r = evaluation.ruleIndex(ruleId);
  return r < 0 ? undefined : evaluation.ruleAt(r);
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
  let violations = NO_VIOLATIONS;
  if (buffers.strangers > 0) {
    const strangers = [...new Set([...learner.achieved, ...learner.planned])].filter(
      (ref) => !compiled.lookup.has(ref),
    );
    violations = [new StrangerViolation(strangers, qualification.id)];
  }
  if (buffers.clashes > 0) violations = [...violations, ...clashViolations(compiled, buffers.withPlanned.taken)];
  const status = verdictStatus(buffers);
  const achieved = new CompiledEvaluation(buffers.achieved, buffers.units, buffers.achievedCount);
  const withPlanned = new CompiledEvaluation(buffers.withPlanned, buffers.units, buffers.count);
  const leftAside = achieved.notCountedUnits.length > 0 || withPlanned.notCountedUnits.length > 0;
  const notCounted = leftAside ? [...new Set([...achieved.notCounted, ...withPlanned.notCounted])] : (NONE as string[]);
  const result: LearnerResult = {
    qualification: qualification.id,
    status,
    achieved,
    withPlanned,
    violations: withRuleViolations(violations, buffers.withPlanned, withPlanned),
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
