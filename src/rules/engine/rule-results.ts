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
export interface EvaluationContext {
  compiled: CompiledQualification;
  /** Units that count, by index. */
  counted: readonly number[];
  /** Units taken but left out of the count, by index. */
  notCounted: readonly number[];
  /** Units taken, by index: those counted, then those left out. */
  readonly taken: readonly number[];
}

/** One rule's result: data, with its words and the facts it used made when read. */
class CompiledRuleResult implements RuleResult {
  // Out of sight of `deepEqual`: the rule's index, and whether the taken units pass its forbidding maximum.
  readonly #r: number;
  readonly #over: boolean;

  constructor(
    private readonly context: EvaluationContext,
    r: number,
    over: boolean,
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
  ) {
    this.#r = r;
    this.#over = over;
  }

  /** Units this rule's maximum left out of the count: those left out that it counts (none without such a maximum). */
  get leftOut(): string[] | undefined {
    const { compiled, notCounted } = this.context;
    const r = this.#r;
    if (compiled.limit[r] === Infinity || compiled.forbidsOver[r] === 1 || notCounted.length === 0) return undefined;
    const refs = refsWhere(compiled, notCounted, 0, notCounted.length, compiled.counts, r * compiled.units.length, 0);
    const all = notCounted.map((u) => compiled.units[u].ref);
    return all.filter((ref) => !refs.includes(ref));
  }

  /** The chosen units its forbidding maximum counts, when they pass it. */
  get overBy(): string[] | undefined {
    if (!this.#over) return undefined;
    return overUnits(this.context.compiled, this.#r, this.context.taken);
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
    const r = this.#r;
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

/** The context of an evaluation's rules' results: `taken` made when first read (a maximum's units over it). */
export class RulesContext implements EvaluationContext {
  #taken: number[] | undefined;

  constructor(
    readonly compiled: CompiledQualification,
    readonly counted: readonly number[],
    readonly notCounted: readonly number[],
  ) {}

  get taken(): readonly number[] {
    return (this.#taken ??= [...this.counted, ...this.notCounted]);
  }
}

/**
 * The verdicts of one evaluation decided again, per qualification, and which evaluation they hold: the rules of the
 * evaluation read last are read again from them (a learner's violations are worded one rule at a time), and the
 * buffers are cleared of its units only when another evaluation is decided. Nothing is allocated per evaluation.
 */
class Redecided {
  readonly verdicts: Verdicts;
  /** The units the verdicts hold, and the counted ones flagged, by unit index. */
  readonly units: Int32Array;
  readonly countedFlags: Uint8Array;
  count = 0;
  /** The counted units' list of the evaluation they hold: one list per evaluation, shared by its contexts. */
  holder: readonly number[] | undefined;

  constructor(compiled: CompiledQualification) {
    this.verdicts = new Verdicts(compiled);
    this.units = new Int32Array(compiled.units.length);
    this.countedFlags = new Uint8Array(compiled.units.length);
  }
}

/** Kept apart from a learner's buffers: rules are read again while those hold another learner. */
const redecided = new WeakMap<CompiledQualification, Redecided>();

/** The verdicts of the evaluation `context` describes, decided again with its units counted as it chose. */
function verdictsOf(context: EvaluationContext): Verdicts {
  const { compiled, counted, notCounted } = context;
  let slot = redecided.get(compiled);
  if (!slot) redecided.set(compiled, (slot = new Redecided(compiled)));
  if (slot.holder === counted) return slot.verdicts;
  const evaluator = evaluatorOf(compiled);
  const { units, countedFlags, verdicts } = slot;
  evaluator.clear(units, slot.count, verdicts);
  let count = 0;
  for (let i = 0; i < counted.length; i++) {
    units[count++] = counted[i];
    countedFlags[counted[i]] = 1;
  }
  for (let i = 0; i < notCounted.length; i++) units[count++] = notCounted[i];
  evaluator.evaluateCounting(units, count, countedFlags, verdicts);
  for (let i = 0; i < counted.length; i++) countedFlags[counted[i]] = 0;
  slot.count = count;
  slot.holder = counted;
  return verdicts;
}

/** Rule r's result in the evaluation `context` describes, from its verdicts decided again. */
function resultOf(context: EvaluationContext, verdicts: Verdicts, r: number): RuleResult {
  const { compiled, counted } = context;
  const rule = compiled.rules[r];
  const outcome = verdicts.outcome[r];
  const uncertain = uncertainUnits(compiled, r, counted);
  const most = verdicts.most[r];
  return new CompiledRuleResult(
    context,
    r,
    verdicts.over[r] === 1,
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
}

/** The rule results of the evaluation `context` describes (its units counted as it chose), built when first read. */
export function ruleResults(context: EvaluationContext): RuleResult[] {
  const verdicts = verdictsOf(context);
  const rules = new Array<RuleResult>(context.compiled.rules.length);
  for (let r = 0; r < rules.length; r++) rules[r] = resultOf(context, verdicts, r);
  return rules;
}

/** Rule r's result alone, for a caller that shows one rule (a violation's words, the credits at a level). */
export function ruleResultAt(context: EvaluationContext, r: number): RuleResult {
  return resultOf(context, verdictsOf(context), r);
}
