// Checks one learner's units against a qualification's rules of combination: the compiled evaluator decides, and
// this file turns its buffers into the results the rest of qualcheck reads.
import { compileQualification, IF_LEVEL, UNKNOWN_CREDITS, type CompiledQualification } from './compiled';
import { evaluatorOf, MET, UNMET, Verdicts } from './evaluate-compiled';
import { KINDS } from './kinds';
import type {
  BarredRule,
  Evaluation,
  LearnerResult,
  LearnerUnits,
  QualificationDefinition,
  RuleKind,
  RuleOutcome,
  RuleResult,
  Status,
  Violation,
} from './model';
import { creditRuleFactUses, type FactUse } from './provenance';
import type { QualificationIndex } from './qualification-index';
import { ruleMessage } from './rule-words';

/** The barred sets of which the units hold more than one, with those units in definition order. */
export function barredClashes(index: QualificationIndex, refs: ReadonlySet<string>): { set: BarredRule; taken: string[] }[] {
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

  /** The unit facts the rule used that a centre supplied, with where each came from. */
  get uses(): FactUse[] {
    const { compiled, counted } = this.context;
    if (!counted.some((u) => compiled.centreSupplied[u] === 1)) return [];
    const rule = compiled.rules.find((r) => r.id === this.ruleId);
    if (rule === undefined || rule.kind === 'mandatory') return [];
    return creditRuleFactUses(rule, counted.map((u) => compiled.units[u]));
  }

  get message(): string {
    return ruleMessage(this.context.compiled, this, this.uses);
  }
}

/** Refs of the counted units (in the order given) that rule r counts only if their unknown values allow. */
function uncertainUnits(compiled: CompiledQualification, r: number, counted: readonly number[]): string[] {
  if (compiled.creditRules[r] === undefined) return NONE as string[];
  const row = r * compiled.units.length;
  let refs: string[] | undefined;
  for (const u of counted) {
    const how = compiled.counts[row + u];
    if (how === IF_LEVEL || how === UNKNOWN_CREDITS) (refs ??= []).push(compiled.units[u].ref);
  }
  return refs ?? (NONE as string[]);
}

function missingUnits(compiled: CompiledQualification, r: number, verdicts: Verdicts): string[] {
  let refs: string[] | undefined;
  for (let i = compiled.needStart[r]; i < compiled.needStart[r + 1]; i++) {
    const u = compiled.needs[i];
    if (verdicts.counted[u] === 0) (refs ??= []).push(compiled.units[u].ref);
  }
  return refs ?? (NONE as string[]);
}

/** The results of `verdicts` for units given in `order`, as the `Evaluation` the rest of qualcheck reads. */
function evaluationOf(verdicts: Verdicts, order: readonly number[]): Evaluation {
  const compiled = verdicts.compiled;
  const counted = order.filter((u) => verdicts.counted[u] === 1);
  const notCounted = order.filter((u) => verdicts.counted[u] === 0).map((u) => compiled.units[u].ref);
  const context: EvaluationContext = { compiled, counted };
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
      rule.kind === 'mandatory' ? missingUnits(compiled, r, verdicts) : (NONE as string[]),
      uncertain,
    );
  });
  return { rules, credits: verdicts.credits, counted: counted.map((u) => compiled.units[u].ref), notCounted };
}

/** Unit indexes of the refs the qualification knows, first occurrence kept, in the order given. */
function positionsOf(compiled: CompiledQualification, refs: readonly string[]): number[] {
  const out: number[] = [];
  for (const ref of refs) {
    const u = compiled.position.get(ref);
    if (u !== undefined && !out.includes(u)) out.push(u);
  }
  return out;
}

const buffers = new WeakMap<CompiledQualification, Verdicts>();

function evaluatePositions(compiled: CompiledQualification, units: readonly number[]): Evaluation {
  const evaluator = evaluatorOf(compiled);
  let verdicts = buffers.get(compiled);
  if (!verdicts) buffers.set(compiled, (verdicts = new Verdicts(compiled)));
  evaluator.evaluate(units, units.length, verdicts);
  const evaluation = evaluationOf(verdicts, units);
  evaluator.clear(units, units.length, verdicts);
  return evaluation;
}

/**
 * Evaluates every rule on a set of units the qualification knows. Where a barred set holds more than one of them,
 * each choice of the one that counts is tried, and the choice that serves the learner best is kept: a centre should
 * never see a learner fail because the checker picked the wrong unit of a pair.
 */
export function evaluateUnits(qualification: QualificationDefinition, refs: readonly string[]): Evaluation {
  const compiled = compileQualification(qualification);
  return evaluatePositions(compiled, positionsOf(compiled, refs));
}

function ruleViolations(evaluation: Evaluation): Violation[] {
  const decided: Violation[] = [];
  const undecided: Violation[] = [];
  for (const r of evaluation.rules) {
    if (r.outcome === 'met') continue;
    if (r.outcome === 'unknown') undecided.push({ code: 'undecidable', message: r.message, units: r.undecidedBy, ruleId: r.ruleId });
    else {
      const kind = KINDS[r.kind];
      decided.push({ code: kind.code, message: r.message, units: r.missingUnits, ruleId: r.ruleId });
    }
  }
  // Decided shortfalls first: they are what a learner must act on; undecidable rules wait for data.
  return [...decided, ...undecided];
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
  const compiled = compileQualification(qualification);
  const index = compiled.index;
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
      code: KINDS.barred.code,
      message: `${taken.join(' and ')} are barred together (set ${set.id}): only one can count, keep one`,
      units: taken,
      ruleId: set.id,
    });
  }
  const achievedEval = evaluatePositions(compiled, positionsOf(compiled, achieved));
  const plannedEval = evaluatePositions(compiled, positionsOf(compiled, all));
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
