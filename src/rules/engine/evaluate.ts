// Checks one learner's units against a qualification's rules of combination: the compiled evaluator decides, and
// this file turns its buffers into the results the rest of qualcheck reads.
import { compileQualification, type CompiledQualification } from './compiled';
import { decideLearner, evaluatorOf, LearnerVerdicts, MET, UNKNOWN, UNMET, Verdicts } from './evaluate-compiled';
import { KINDS } from '../kinds';
import type {
  BarredRule,
  Evaluation,
  FactUse,
  LearnerResult,
  LearnerUnits,
  QualificationDefinition,
  RuleKind,
  RuleOutcome,
  RuleResult,
  Status,
  UnitLeftOut,
  Violation,
  ViolationCode,
} from '../model';
import { creditRuleFactUses, neededUnitFactUses } from './provenance';
import type { QualificationIndex } from './qualification-index';
import { ruleMessage, strangerWords } from './rule-words';

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

const OUTCOMES: readonly RuleOutcome[] = ['met', 'unmet', 'unknown'];
const NONE: readonly string[] = Object.freeze([]);

/** What one evaluation shares with its rules' results: enough to make their words and facts when they are shown. */
interface EvaluationContext {
  compiled: CompiledQualification;
  /** Units that count, by index. */
  counted: readonly number[];
  /** Units taken but left out of the count, by index. */
  notCounted: readonly number[];
  /** Units taken, by index. */
  taken: readonly number[];
  /** 1 for each rule whose forbidding maximum the taken units pass. */
  over: Uint8Array;
}

/** One rule's result: data, with its words and the facts it used made when read. */
class CompiledRuleResult implements RuleResult {
  constructor(
    private readonly context: EvaluationContext,
    readonly ruleId: string,
    readonly kind: RuleKind,
    readonly text: string,
    readonly outcome: RuleOutcome,
    readonly known: number,
    readonly required: number,
    readonly mostPossible: number | null,
    readonly undecidedBy: string[],
    readonly missingUnits: string[],
    readonly uncertain: string[],
  ) {}

  /** Units this rule's maximum left out of the count: those left out that it counts (none without such a maximum). */
  get leftOut(): string[] | undefined {
    const { compiled, notCounted } = this.context;
    const r = this.index;
    if (r < 0 || compiled.limit[r] === Infinity || compiled.forbidsOver[r] === 1 || notCounted.length === 0)
      return undefined;
    const refs = refsWhere(compiled, notCounted, 0, notCounted.length, compiled.counts, r * compiled.units.length, 0);
    const all = notCounted.map((u) => compiled.units[u].ref);
    return all.filter((ref) => !refs.includes(ref));
  }

  /** The chosen units its forbidding maximum counts, when they pass it. */
  get overBy(): string[] | undefined {
    const { compiled, taken, over } = this.context;
    const r = this.index;
    if (r < 0 || over[r] !== 1) return undefined;
    return overUnits(compiled, r, taken);
  }

  private get index(): number {
    return this.context.compiled.rules.findIndex((rule) => rule.id === this.ruleId);
  }

  /** The unit facts the rule used, each with where it came from (a centre, or the qualification's definition). */
  get uses(): FactUse[] {
    return this.factUses(false);
  }

  get message(): string {
    return ruleMessage(this.context.compiled, this, this.factUses(true));
  }

  private factUses(centreOnly: boolean): FactUse[] {
    const { compiled, counted } = this.context;
    if (centreOnly && !counted.some((u) => compiled.centreSupplied[u] === 1)) return [];
    const r = compiled.rules.findIndex((rule) => rule.id === this.ruleId);
    if (r < 0) return [];
    const rule = compiled.creditRules[r];
    const origin = compiled.qualification.origin;
    if (rule !== undefined)
      return creditRuleFactUses(
        rule,
        counted.map((u) => compiled.units[u]),
        origin,
        centreOnly,
      );
    const needed = Array.from(
      compiled.needs.subarray(compiled.needStart[r], compiled.needStart[r + 1]),
      (u) => compiled.units[u],
    );
    const uses = neededUnitFactUses(needed, origin);
    return centreOnly ? uses.filter((use) => use.where.from !== 'definition') : uses;
  }
}

/** Refs of the taken units that rule r counts (or may count), in the order given. */
function overUnits(compiled: CompiledQualification, r: number, taken: readonly number[]): string[] {
  const n = compiled.units.length;
  return taken.filter((u) => compiled.counts[r * n + u] !== 0).map((u) => compiled.units[u].ref);
}

/** Refs of the counted units (in the order given) that rule r counts only if their unknown values allow. */
function uncertainUnits(compiled: CompiledQualification, r: number, counted: readonly number[]): string[] {
  if (compiled.creditRules[r] === undefined) return NONE as string[];
  return refsWhere(compiled, counted, 0, counted.length, compiled.uncertain, r * compiled.units.length);
}

function missingUnits(compiled: CompiledQualification, r: number, verdicts: Verdicts): string[] {
  return refsWhere(compiled, compiled.needs, compiled.needStart[r], compiled.needStart[r + 1], verdicts.counted, 0, 0);
}

/**
 * Refs of the units from `units[from]` to `units[to - 1]` whose flag `flags[offset + u]` is `wanted`, in an array of
 * exactly their number (these lists are made for every learner).
 */
function refsWhere(
  compiled: CompiledQualification,
  units: ArrayLike<number>,
  from: number,
  to: number,
  flags: Uint8Array,
  offset = 0,
  wanted = 1,
): string[] {
  let count = 0;
  for (let i = from; i < to; i++) if (flags[offset + units[i]] === wanted) count++;
  if (count === 0) return NONE as string[];
  const refs = new Array<string>(count);
  let at = 0;
  for (let i = from; i < to; i++) if (flags[offset + units[i]] === wanted) refs[at++] = compiled.units[units[i]].ref;
  return refs;
}

/** Kept clear between uses: `ruleResults` may run while a learner's buffers hold another learner. */
const ruleBuffers = new WeakMap<CompiledQualification, Verdicts>();

/** The rule results of the taken units with those counted as the evaluation chose, built when first read. */
function ruleResults(
  compiled: CompiledQualification,
  taken: readonly number[],
  counted: readonly number[],
  notCounted: readonly number[],
): RuleResult[] {
  const evaluator = evaluatorOf(compiled);
  let verdicts = ruleBuffers.get(compiled);
  if (!verdicts) ruleBuffers.set(compiled, (verdicts = new Verdicts(compiled)));
  const countedFlags = new Uint8Array(compiled.units.length);
  for (const u of counted) countedFlags[u] = 1;
  evaluator.evaluateCounting(taken, taken.length, countedFlags, verdicts);
  const context: EvaluationContext = { compiled, counted, notCounted, taken, over: verdicts.over.slice() };
  const rules = compiled.rules.map((rule, r) => {
    const outcome = verdicts.outcome[r];
    const uncertain = uncertainUnits(compiled, r, counted);
    const most = verdicts.most[r];
    return new CompiledRuleResult(
      context,
      rule.id,
      rule.kind,
      rule.text,
      OUTCOMES[outcome],
      verdicts.known[r],
      compiled.required[r],
      Number.isFinite(most) ? most : null,
      outcome === MET || outcome === UNMET ? (NONE as string[]) : uncertain,
      compiled.creditRules[r] === undefined ? missingUnits(compiled, r, verdicts) : (NONE as string[]),
      uncertain,
    );
  });
  evaluator.clear(taken, taken.length, verdicts);
  return rules;
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

  constructor(verdicts: Verdicts, order: ArrayLike<number>, count: number) {
    const counted: number[] = [];
    let notCounted: number[] | undefined;
    for (let i = 0; i < count; i++) {
      const u = order[i];
      if (verdicts.counted[u] === 1) counted.push(u);
      else (notCounted ??= []).push(u);
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
    const rules = ruleResults(
      this.#compiled,
      [...this.#counted, ...(this.#notCounted ?? [])],
      this.#counted,
      this.#notCounted ?? [],
    );
    recentRules.pop();
    recentRules.unshift({ evaluation: this, rules });
    return rules;
  }
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
  readonly #evaluation: Evaluation;
  readonly #rule: number;

  constructor(
    readonly code: ViolationCode,
    readonly units: string[],
    readonly ruleId: string,
    evaluation: Evaluation,
    rule: number,
  ) {
    this.#evaluation = evaluation;
    this.#rule = rule;
  }

  get message(): string {
    return this.#evaluation.rules[this.#rule].message;
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

/** Checks one learner: achieved units alone, then achieved plus planned, and the status that follows. */
export function checkUnits(qualification: QualificationDefinition, learner: LearnerUnits): LearnerResult {
  const compiled = compileQualification(qualification);
  const buffers = buffersOf(compiled);
  // A unit both achieved and planned is achieved: planning it again changes nothing.
  decideLearner(evaluatorOf(compiled), learner.achieved, learner.planned, buffers);
  const violations: Violation[] = [];
  if (buffers.strangers > 0) {
    const strangers = [...new Set([...learner.achieved, ...learner.planned])].filter(
      (ref) => !compiled.lookup.has(ref),
    );
    violations.push(new StrangerViolation(strangers, qualification.id));
  }
  if (buffers.clashes > 0) violations.push(...clashViolations(compiled, buffers.withPlanned.taken));
  const status = verdictStatus(buffers);
  const achieved = new CompiledEvaluation(buffers.achieved, buffers.units, buffers.achievedCount);
  const withPlanned = new CompiledEvaluation(buffers.withPlanned, buffers.units, buffers.count);
  const leftAside = achieved.notCountedUnits.length > 0 || withPlanned.notCountedUnits.length > 0;
  const notCounted = leftAside ? [...new Set([...achieved.notCounted, ...withPlanned.notCounted])] : [];
  const result: LearnerResult = {
    qualification: qualification.id,
    status,
    achieved,
    withPlanned,
    violations: withRuleViolations(violations, buffers.withPlanned, withPlanned),
    notCounted,
  };
  const equivalents = equivalentsHeld(qualification, learner);
  if (equivalents.length > 0) result.equivalents = equivalents;
  const leftOut = leftAside && compiled.caps.length > 0 ? unitsLeftOut(compiled, buffers, notCounted) : [];
  if (leftOut.length > 0) result.leftOut = leftOut;
  return result;
}

/** The learner's units of other qualifications that count as units of this one, each with the unit it counts as. */
function equivalentsHeld(q: QualificationDefinition, learner: LearnerUnits): { ref: string; countsAs: string }[] {
  if (q.equivalents === undefined || q.equivalents.length === 0) return [];
  const held = new Set([...learner.achieved, ...learner.planned]);
  return q.equivalents.filter((e) => held.has(e.ref)).map(({ ref, countsAs }) => ({ ref, countsAs }));
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
