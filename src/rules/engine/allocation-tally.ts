// Running sums of every rule over a set of units that changes one unit at a time: what the evaluator reads for a
// learner's units (achieved, then with the planned added), for each choice of the units of clashing barred sets, and
// at each step of the allocation search (a unit left out, then taken back), instead of summing every rule again. It
// decides exactly as summing every rule over the same units would: known and most of each rule's measure (unknown
// credits sharing their group's stated total, counted once per group), the mandatory units counted, credits and size.
// Each unit's part in each rule is listed with the unit (only the rules it counts toward), so adding a unit costs what
// it counts for, not a pass over every rule. Measures are whole numbers, so the sums are exact however often a unit is
// taken out and put back.
import type { CompiledQualification } from './compiled';
import * as codes from './compiled';

const COUNTED = codes.COUNTED;
const IF_LEVEL = codes.IF_LEVEL;
const NOT_COUNTED = codes.NOT_COUNTED;
// The evaluator's outcomes (evaluate-compiled.ts, which imports this file).
const MET = 0;
const UNMET = 1;
const UNKNOWN = 2;
/** Unmet, and past a forbidding maximum. */
const OVER = 3;

/** Where the tally writes a verdict: the evaluator's `Verdicts`, without its unit flags. */
export interface TallyVerdicts {
  readonly outcome: Uint8Array;
  readonly known: Float64Array;
  readonly most: Float64Array;
  readonly over: Uint8Array;
  met: number;
  unmet: number;
  forbidden: number;
  credits: number;
  size: number;
}

/** What ranks one choice of the units that count above another (evaluate-compiled.ts's `better`). */
export interface Rank {
  met: number;
  unmet: number;
  credits: number;
  size: number;
}

export class AllocationTally {
  private readonly known: Float64Array;
  private readonly ifLevel: Float64Array;
  private readonly capped: Float64Array;
  private readonly unbounded: Int32Array;
  /** How many units of the set share each rule's slot of unknown values, at `r * slots + slot`. */
  private readonly slotCount: Int32Array;
  /** Whether any unit's value is unknown to some rule (else `slotCount` stays all 0). */
  private readonly anyUnknown: boolean;
  /**
   * Unit u's parts, from `partStart[u]` to `partStart[u + 1]`: the rule, how the unit counts toward it (COUNTED,
   * IF_LEVEL or UNKNOWN_CREDITS; a mandatory rule's needed unit is COUNTED, once for each time the rule lists it), its
   * value (for an unknown value, what its slot leaves) and, for an unknown value, its place in `slotCount`.
   */
  private readonly partStart: Int32Array;
  private readonly partRule: Int32Array;
  private readonly partHow: Uint8Array;
  private readonly partValue: Float64Array;
  private readonly partSlot: Int32Array;
  private readonly unitCredits: Float64Array;
  private credits = 0;
  private size = 0;
  /** How many times a unit was added or taken out: the sums are as they were while this is unchanged. */
  changes = 0;

  constructor(private readonly compiled: CompiledQualification) {
    const R = compiled.rules.length;
    const n = compiled.units.length;
    const slots = compiled.slotLeft.length;
    const { counts, value, ruleSlot, slotLeft, creditRules, needStart, needs } = compiled;
    this.unitCredits = compiled.credits;
    this.known = new Float64Array(R);
    this.ifLevel = new Float64Array(R);
    this.capped = new Float64Array(R);
    this.unbounded = new Int32Array(R);
    this.slotCount = new Int32Array(R * slots);
    const needed = new Int32Array(R * n);
    for (let r = 0; r < R; r++) for (let i = needStart[r]; i < needStart[r + 1]; i++) needed[r * n + needs[i]]++;
    const rule: number[] = [];
    const how: number[] = [];
    const partValue: number[] = [];
    const slot: number[] = [];
    this.partStart = new Int32Array(n + 1);
    for (let u = 0; u < n; u++) {
      this.partStart[u] = rule.length;
      for (let r = 0; r < R; r++) {
        const at = r * n + u;
        const code = creditRules[r] === undefined ? (needed[at] > 0 ? COUNTED : NOT_COUNTED) : counts[at];
        if (code === NOT_COUNTED) continue;
        rule.push(r);
        how.push(code);
        if (creditRules[r] === undefined) partValue.push(needed[at]);
        else partValue.push(code === COUNTED || code === IF_LEVEL ? value[at] : slotLeft[ruleSlot[at]]);
        slot.push(code === COUNTED || code === IF_LEVEL ? 0 : r * slots + ruleSlot[at]);
      }
    }
    this.partStart[n] = rule.length;
    this.partRule = Int32Array.from(rule);
    this.partHow = Uint8Array.from(how);
    this.partValue = Float64Array.from(partValue);
    this.partSlot = Int32Array.from(slot);
    this.anyUnknown = how.some((code) => code !== COUNTED && code !== IF_LEVEL);
  }

  /** Empties the set. */
  clear(): void {
    // Once per learner, over a handful of rules: a plain loop costs less than four calls of `fill`.
    const { known, ifLevel, capped, unbounded } = this;
    for (let r = 0; r < known.length; r++) {
      known[r] = 0;
      ifLevel[r] = 0;
      capped[r] = 0;
      unbounded[r] = 0;
    }
    if (this.anyUnknown) this.slotCount.fill(0);
    this.credits = 0;
    this.size = 0;
  }

  /** Adds unit u to the set (`by` 1) or takes it out (`by` -1). */
  add(u: number, by: 1 | -1): void {
    this.credits += by * this.unitCredits[u];
    this.size += by;
    this.changes++;
    const { partRule, partHow, partValue, partSlot, known, ifLevel, slotCount } = this;
    const end = this.partStart[u + 1];
    for (let j = this.partStart[u]; j < end; j++) {
      const r = partRule[j];
      const how = partHow[j];
      if (how === COUNTED) known[r] += by * partValue[j];
      else if (how === IF_LEVEL) ifLevel[r] += by * partValue[j];
      else {
        // Unknown values of a slot's units share what its stated total leaves: counted while any of them is in.
        const k = partSlot[j];
        const first = by === 1 ? slotCount[k]++ === 0 : --slotCount[k] === 0;
        if (!first) continue;
        if (partValue[j] === Infinity) this.unbounded[r] += by;
        else this.capped[r] += by * partValue[j];
      }
    }
  }

  /** Rule r's sum of known values over the set. */
  knownOf(r: number): number {
    return this.known[r];
  }

  /** Rule r's sum over the set with every unknown value at its most (Infinity when unbounded). */
  mostOf(r: number): number {
    return this.unbounded[r] > 0 ? Infinity : this.known[r] + this.ifLevel[r] + this.capped[r];
  }

  /**
   * Every rule's verdict on the set, written into `out` with its sums. `takenKnown` and `takenMost` are each forbidding
   * maximum's sums over all the units taken.
   */
  decide(out: TallyVerdicts, takenKnown: Float64Array, takenMost: Float64Array): void {
    const rules = this.known.length;
    let met = 0;
    let unmet = 0;
    let forbidden = 0;
    for (let r = 0; r < rules; r++) {
      const known = this.known[r];
      const most = this.mostOf(r);
      const verdict = this.verdict(r, known, most, takenKnown, takenMost, false);
      out.known[r] = known;
      out.most[r] = most;
      out.over[r] = verdict === OVER ? 1 : 0;
      out.outcome[r] = verdict === OVER ? UNMET : verdict;
      if (verdict === MET) met++;
      else if (verdict === UNMET) unmet++;
      else if (verdict === OVER) {
        unmet++;
        forbidden++;
      }
    }
    out.met = met;
    out.unmet = unmet;
    out.forbidden = forbidden;
    out.credits = this.credits;
    out.size = this.size;
  }

  /**
   * How the set ranks, as `decide` would find it, without writing each rule's verdict: how many rules it meets and
   * leaves unmet, its credits and size. `optimistic` reads every maximum that leaves units out as kept within (the
   * allocation search's bound).
   */
  rank(out: Rank, takenKnown: Float64Array, takenMost: Float64Array, optimistic: boolean): void {
    const rules = this.known.length;
    let met = 0;
    let unmet = 0;
    for (let r = 0; r < rules; r++) {
      const verdict = this.verdict(r, this.known[r], this.mostOf(r), takenKnown, takenMost, optimistic);
      if (verdict === MET) met++;
      else if (verdict !== UNKNOWN) unmet++;
    }
    out.met = met;
    out.unmet = unmet;
    out.credits = this.credits;
    out.size = this.size;
  }

  /**
   * Rule r's verdict from its sums over the units that count (`known`, and `most` with unknown values at their most):
   * MET, UNMET or UNKNOWN against its minimum, then its maximum. A forbidding maximum is judged on every unit taken
   * (`takenKnown`, `takenMost`); passed, the rule is OVER (unmet). One that leaves units out is UNKNOWN when unknown
   * values could pass it, unless `optimistic` (the allocation search's bound).
   */
  private verdict(
    r: number,
    known: number,
    most: number,
    takenKnown: Float64Array,
    takenMost: Float64Array,
    optimistic: boolean,
  ): number {
    const c = this.compiled;
    const least = c.required[r];
    const verdict = known >= least ? MET : most < least ? UNMET : UNKNOWN;
    const max = c.limit[r];
    if (max === Infinity) return verdict;
    if (c.forbidsOver[r] === 1) {
      if (takenKnown[r] > max) return OVER;
      return takenMost[r] > max && verdict === MET ? UNKNOWN : verdict;
    }
    return most > max && verdict === MET && !optimistic ? UNKNOWN : verdict;
  }
}
