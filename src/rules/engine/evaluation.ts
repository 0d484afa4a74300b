// One evaluation of a learner's units as the engine keeps it: credits and the units counted and not, by index, with
// its rules' results built when read (all of them, or one rule's) and what tells two evaluations of the same units.
import type { CompiledQualification } from './compiled';
import { ruleResultAt, ruleResults, RulesContext } from './rule-results';
import type { Verdicts } from './verdicts';
import type { Evaluation, LearnerResult, RuleOutcome, RuleResult } from '../model';

const OUTCOMES: readonly RuleOutcome[] = ['met', 'unmet', 'unknown'];

/**
 * One evaluation: credits and the units that count are data; the rules' results are built from those units when
 * first read (where they are shown), the evaluator having decided the status already.
 */
export class CompiledEvaluation implements Evaluation {
  readonly credits: number;
  // What it keeps, by unit index, to name the units and build its rules' results when they are read: private
  // fields, out of sight of `deepEqual`.
  readonly #compiled: CompiledQualification;
  readonly #counted: number[];
  readonly #notCounted: number[] | undefined;
  // The level rule's figures (see `levelFigures`): the credits at level of every learner read them, which would
  // otherwise decide the evaluation's rules again. One small integer, its known figure times 4 plus its outcome, or
  // -1 when there is no level rule or its figure is not such an integer (then its result is built when read).
  readonly #level: number;

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
    this.#level = levelOf(verdicts);
  }

  /** The known figure and outcome of the rule with id `ruleId` when it is the level rule, else undefined. */
  levelFigures(ruleId: string): { known: number; outcome: RuleOutcome } | undefined {
    const level = this.#compiled.levelRule;
    if (this.#level < 0 || this.#compiled.rules[level].id !== ruleId) return undefined;
    const outcome = this.#level & 3;
    return { known: (this.#level - outcome) / 4, outcome: OUTCOMES[outcome] };
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

  /**
   * What its rules' results are built from, made each time they are read and not kept with the evaluation (which
   * every learner's result holds to the end of a run): the rules decided again are known by its list of units.
   */
  private get context(): RulesContext {
    return new RulesContext(this.#compiled, this.#counted, this.#notCounted ?? NO_UNITS);
  }
}

export const NO_UNITS: readonly number[] = Object.freeze([]);

/** The level rule's known figure and outcome packed in one small integer (see `#level`), or -1. */
function levelOf(verdicts: Verdicts): number {
  const level = verdicts.compiled.levelRule;
  if (level < 0) return -1;
  const known = verdicts.known[level];
  return Number.isInteger(known) && known >= 0 && known < 1 << 28 ? known * 4 + verdicts.outcome[level] : -1;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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

/**
 * The result of the rule with id `ruleId` in an evaluation, or undefined when it has none: for words that name one
 * rule, without building the others' results where the engine made the evaluation.
 */
export function ruleResultOf(evaluation: Evaluation, ruleId: string): RuleResult | undefined {
  if (!(evaluation instanceof CompiledEvaluation)) return evaluation.rules.find((r) => r.ruleId === ruleId);
  const r = evaluation.ruleIndex(ruleId);
  return r < 0 ? undefined : evaluation.ruleAt(r);
}

/**
 * The known figure and outcome of the rule with id `ruleId` in an evaluation, or undefined when it has no such rule:
 * `ruleResultOf`'s, read from what the evaluation kept of its level rule without deciding its rules again.
 */
export function ruleFigures(
  evaluation: Evaluation,
  ruleId: string,
): { known: number; outcome: RuleOutcome } | undefined {
  if (evaluation instanceof CompiledEvaluation) {
    const kept = evaluation.levelFigures(ruleId);
    if (kept !== undefined) return kept;
  }
  return ruleResultOf(evaluation, ruleId);
}
