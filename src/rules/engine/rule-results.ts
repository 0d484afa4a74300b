// One rule's result for a learner's units: data, with the units over, uncertain or missing named from the compiled
// evaluator's buffers, and its words and facts made when read. The evaluation in evaluate.ts builds them.
import type { CompiledQualification } from './compiled';
import { evaluatorOf } from './evaluate-compiled';
import { MET, UNMET, Verdicts } from './verdicts';
import type { FactUse, RuleKind, RuleOutcome, RuleResult } from '../model';
import { creditRuleFactUses, neededUnitFactUses } from './provenance';
import { ruleMessage } from './rule-words';

const OUTCOMES: readonly RuleOutcome[] = ['met', 'unmet', 'unknown'];
export const NONE: readonly string[] = Object.freeze([]);

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
export function overUnits(compiled: CompiledQualification, r: number, taken: readonly number[]): string[] {
  const n = compiled.units.length;
  return taken.filter((u) => compiled.counts[r * n + u] !== 0).map((u) => compiled.units[u].ref);
}

/** Refs of the counted units (in the order given) that rule r counts only if their unknown values allow. */
export function uncertainUnits(compiled: CompiledQualification, r: number, counted: readonly number[]): string[] {
  if (compiled.creditRules[r] === undefined) return NONE as string[];
  return refsWhere(compiled, counted, 0, counted.length, compiled.uncertain, r * compiled.units.length);
}

export function missingUnits(compiled: CompiledQualification, r: number, verdicts: Verdicts): string[] {
  return refsWhere(compiled, compiled.needs, compiled.needStart[r], compiled.needStart[r + 1], verdicts.counted, 0, 0);
}

/**
 * Refs of the units from `units[from]` to `units[to - 1]` whose flag `flags[offset + u]` is `wanted`, in an array of
 * exactly their number (these lists are made for every learner).
 */
export function refsWhere(
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
export function ruleResults(
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
