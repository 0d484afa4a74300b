// Running sums of every rule over a set of units that changes one unit at a time: what the allocation search reads at
// each step (a unit left out, then taken back) instead of summing every rule again. It decides exactly as the
// evaluator's `decide` does on the same units: known and most of each rule's measure (unknown credits sharing their
// group's stated total, counted once per group), the mandatory units counted, credits and size.
import type { CompiledQualification } from './compiled';
import * as codes from './compiled';

const COUNTED = codes.COUNTED;
const IF_LEVEL = codes.IF_LEVEL;
const UNKNOWN_CREDITS = codes.UNKNOWN_CREDITS;
// The evaluator's outcomes (evaluate-compiled.ts, which imports this file).
const MET = 0;
const UNMET = 1;
const UNKNOWN = 2;

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

export class AllocationTally {
  private readonly known: Float64Array;
  private readonly ifLevel: Float64Array;
  private readonly capped: Float64Array;
  private readonly unbounded: Int32Array;
  private readonly slotCount: Int32Array;
  /** 1 where rule r (mandatory) needs unit u, at `r * units + u`. */
  private readonly needed: Uint8Array;
  private readonly S: number;
  private credits = 0;
  private size = 0;

  constructor(private readonly compiled: CompiledQualification) {
    const R = compiled.rules.length;
    const n = compiled.units.length;
    this.S = compiled.slotLeft.length;
    this.known = new Float64Array(R);
    this.ifLevel = new Float64Array(R);
    this.capped = new Float64Array(R);
    this.unbounded = new Int32Array(R);
    this.slotCount = new Int32Array(R * this.S);
    this.needed = new Uint8Array(R * n);
    for (let r = 0; r < R; r++)
      for (let i = compiled.needStart[r]; i < compiled.needStart[r + 1]; i++)
        this.needed[r * n + compiled.needs[i]] = 1;
  }

  clear(): void {
    this.known.fill(0);
    this.ifLevel.fill(0);
    this.capped.fill(0);
    this.unbounded.fill(0);
    this.slotCount.fill(0);
    this.credits = 0;
    this.size = 0;
  }

  /** Adds unit u to the set (`by` 1) or takes it out (`by` -1). */
  add(u: number, by: 1 | -1): void {
    const c = this.compiled;
    const n = c.units.length;
    const { counts, value, ruleSlot, slotLeft, creditRules } = c;
    this.credits += by * c.credits[u];
    this.size += by;
    for (let r = 0; r < creditRules.length; r++) {
      const at = r * n + u;
      if (creditRules[r] === undefined) {
        this.known[r] += by * this.needed[at];
        continue;
      }
      const how = counts[at];
      if (how === COUNTED) this.known[r] += by * value[at];
      else if (how === IF_LEVEL) this.ifLevel[r] += by * value[at];
      else if (how === UNKNOWN_CREDITS) {
        const slot = ruleSlot[at];
        const k = r * this.S + slot;
        const first = by === 1 ? this.slotCount[k]++ === 0 : --this.slotCount[k] === 0;
        if (!first) continue;
        if (slotLeft[slot] === Infinity) this.unbounded[r] += by;
        else this.capped[r] += by * slotLeft[slot];
      }
    }
  }

  /**
   * Every rule's verdict on the set, as `decide` gives it. `takenKnown` and `takenMost` are each forbidding maximum's
   * sums over all the units taken; `optimistic` reads every maximum that leaves units out as kept within.
   */
  decide(out: TallyVerdicts, takenKnown: Float64Array, takenMost: Float64Array, optimistic: boolean): void {
    const { creditRules } = this.compiled;
    let met = 0;
    let unmet = 0;
    let forbidden = 0;
    for (let r = 0; r < creditRules.length; r++) {
      const known = this.known[r];
      const most = creditRules[r] === undefined ? known : this.mostOf(r);
      const verdict = judgeRule(this.compiled, out, r, known, most, takenKnown, takenMost, optimistic);
      if (verdict === MET) met++;
      else if (verdict === UNMET) unmet++;
      forbidden += out.over[r];
    }
    out.met = met;
    out.unmet = unmet;
    out.forbidden = forbidden;
    out.credits = this.credits;
    out.size = this.size;
  }

  private mostOf(r: number): number {
    return this.unbounded[r] > 0 ? Infinity : this.known[r] + this.ifLevel[r] + this.capped[r];
  }
}

/**
 * Rule r's verdict from its sums over the units that count (`known`, and `most` with unknown values at their most),
 * written into `out` with them: MET, UNMET or UNKNOWN against its minimum, then its maximum. A forbidding maximum is
 * judged on every unit taken (`takenKnown`, `takenMost`); passed, the rule is UNMET and `over` is set. One that leaves
 * units out is UNKNOWN when unknown values could pass it, unless `optimistic` (the allocation search's bound).
 */
export function judgeRule(
  c: CompiledQualification,
  out: TallyVerdicts,
  r: number,
  known: number,
  most: number,
  takenKnown: Float64Array,
  takenMost: Float64Array,
  optimistic: boolean,
): number {
  const least = c.required[r];
  out.known[r] = known;
  out.most[r] = most;
  let verdict = known >= least ? MET : most < least ? UNMET : UNKNOWN;
  out.over[r] = 0;
  const max = c.limit[r];
  if (max !== Infinity) {
    const forbids = c.forbidsOver[r] === 1;
    if (forbids && takenKnown[r] > max) {
      verdict = UNMET;
      out.over[r] = 1;
    } else if ((forbids ? takenMost[r] : most) > max && verdict === MET && (forbids || !optimistic)) verdict = UNKNOWN;
  }
  out.outcome[r] = verdict;
  return verdict;
}
