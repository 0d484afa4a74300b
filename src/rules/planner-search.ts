// Branch and bound over the units a learner can still add, in definition order, trying "add" before "leave out".
// That order visits candidate plans in the order of the tie-break (earlier units first), so once k plans are held a
// branch is dropped as soon as its lower bound cannot beat the k-th: a plan found later with the same cost and size
// would lose the tie anyway.
//
// The lower bound is the linear-programming dual of "cover every credit rule's shortfall": for prices λ ≥ 0 per rule,
//   Σ_r λ_r · shortfall_r − Σ_{candidates u} max(0, Σ_r λ_r · credits_{u,r} − cost_u)
// is at most the cost of any completion. The penalty part depends only on which units are still undecided, which in a
// fixed order is a suffix, so it is summed once per learner and read in O(1) per node. Prices tried: every
// cost-per-credit breakpoint of each single rule (which gives the exact fractional-knapsack bound for that rule), and
// the rules together at their best single prices (which sees that group B credits and level 2 credits come from
// different units).
import type { CreditRule, QualificationShape } from './planner-shape';

/**
 * 'known': every rule met on known values, and no unit of unknown cost added (a plan that relies on nothing unknown).
 * 'hopeful': no rule unmet, reading unknown credits and levels as favourably as the engine's bounds allow.
 */
export type SearchMode = 'known' | 'hopeful';

export interface SearchInput {
  shape: QualificationShape;
  /** Units that count already, plus mandatory units every plan must add, by position. */
  base: readonly number[];
  /** Units that may be added, by position, in definition order. */
  candidates: readonly number[];
  /** Cost and cost-known flag per unit position (whole qualification). */
  cost: Float64Array;
  costKnown: Uint8Array;
  /** Cost of the mandatory units in `base` that the learner does not have yet. */
  forcedCost: number;
  /** Whether any of those forced units has an unknown cost. */
  forcedCostUnknown: boolean;
}

export interface FoundPlan {
  /** Positions of the added candidates (forced mandatory units not included), in definition order. */
  units: number[];
  cost: number;
  size: number;
}

const EPS = 1e-9;

/** Running credit tallies for one set of units, rule by rule, as `rule-kinds.ts` would count them. */
class Tally {
  readonly known: Float64Array;
  readonly ifLevel: Float64Array;
  /** Sum of the stated-total credits left of the group slots that have at least one unit of unknown credits. */
  readonly capped: Float64Array;
  /** Number of slots without a stated total that have a unit of unknown credits (then the rule is unbounded). */
  readonly unbounded: Int32Array;
  readonly slotCount: Int32Array;
  readonly R: number;
  readonly S: number;

  constructor(private readonly shape: QualificationShape) {
    this.R = shape.creditRules.length;
    this.S = shape.slotLeft.length;
    this.known = new Float64Array(this.R);
    this.ifLevel = new Float64Array(this.R);
    this.capped = new Float64Array(this.R);
    this.unbounded = new Int32Array(this.R);
    this.slotCount = new Int32Array(this.R * this.S);
  }

  add(u: number): void {
    const { known, ifLevel, slot, slotLeft } = this.shape;
    const R = this.R;
    for (let r = 0; r < R; r++) {
      const at = u * R + r;
      this.known[r] += known[at];
      this.ifLevel[r] += ifLevel[at];
      const s = slot[at];
      if (s >= 0 && this.slotCount[r * this.S + s]++ === 0) {
        if (slotLeft[s] === Infinity) this.unbounded[r]++;
        else this.capped[r] += slotLeft[s];
      }
    }
  }

  remove(u: number): void {
    const { known, ifLevel, slot, slotLeft } = this.shape;
    const R = this.R;
    for (let r = 0; r < R; r++) {
      const at = u * R + r;
      this.known[r] -= known[at];
      this.ifLevel[r] -= ifLevel[at];
      const s = slot[at];
      if (s >= 0 && --this.slotCount[r * this.S + s] === 0) {
        if (slotLeft[s] === Infinity) this.unbounded[r]--;
        else this.capped[r] -= slotLeft[s];
      }
    }
  }

  /** The most rule r could count if every unknown value were favourable (the engine's `mostPossible`). */
  most(r: number): number {
    return this.unbounded[r] > 0 ? Infinity : this.known[r] + this.ifLevel[r] + this.capped[r];
  }

  allKnownMet(rules: readonly CreditRule[]): boolean {
    for (let r = 0; r < this.R; r++) if (this.known[r] < rules[r].min) return false;
    return true;
  }

  noneUnmet(rules: readonly CreditRule[]): boolean {
    for (let r = 0; r < this.R; r++) if (this.most(r) < rules[r].min) return false;
    return true;
  }
}

/** What one unit can add to rule r at best, in the search's mode. */
function gain(shape: QualificationShape, mode: SearchMode, u: number, r: number): number {
  const at = u * shape.creditRules.length + r;
  if (mode === 'known') return shape.known[at];
  const s = shape.slot[at];
  return shape.known[at] + shape.ifLevel[at] + (s >= 0 ? shape.slotLeft[s] : 0);
}

/** Whether adding the unit can change any rule's verdict in this mode; units that cannot are never in a minimal plan. */
export function canHelp(shape: QualificationShape, mode: SearchMode, u: number): boolean {
  for (let r = 0; r < shape.creditRules.length; r++) if (gain(shape, mode, u, r) > 0) return true;
  return false;
}

export class PlanSearch {
  private readonly tally: Tally;
  private readonly rules: readonly CreditRule[];
  private readonly R: number;
  private readonly n: number;
  /** Candidate index (not position) of each candidate's barred partners among the candidates. */
  private readonly partners: number[][];
  private readonly blocked: Int32Array;
  private readonly candCost: Float64Array;
  private readonly candCostKnown: Uint8Array;
  /** Per price vector p, suffix sums of the penalty from candidate i on, at `p * (n + 1) + i`. */
  private readonly prices: Float64Array[] = [];
  private suffixPenalty = new Float64Array(0);
  /** Per rule, suffix sums and suffix maxima of what the candidates can add, at `r * (n + 1) + i`. */
  private readonly suffixGain: Float64Array;
  private readonly suffixMaxGain: Float64Array;
  private readonly integerCosts: boolean;
  private readonly chosen: number[] = [];
  private readonly found: FoundPlan[] = [];
  /** Nodes visited, for the benchmark. */
  nodes = 0;

  constructor(
    private readonly input: SearchInput,
    private readonly mode: SearchMode,
    private readonly k: number,
  ) {
    const { shape, candidates } = input;
    this.rules = shape.creditRules;
    this.R = this.rules.length;
    this.n = candidates.length;
    this.tally = new Tally(shape);
    for (const u of input.base) this.tally.add(u);
    const candidateIndex = new Map(candidates.map((u, i) => [u, i] as const));
    this.partners = candidates.map((u) =>
      shape.barredWith[u].map((b) => candidateIndex.get(b.unit)).filter((i): i is number => i !== undefined),
    );
    this.blocked = new Int32Array(this.n);
    this.candCost = Float64Array.from(candidates, (u) => input.cost[u]);
    this.candCostKnown = Uint8Array.from(candidates, (u) => input.costKnown[u]);
    this.integerCosts = this.candCost.every((c) => Number.isInteger(c)) && Number.isInteger(input.forcedCost);

    const n = this.n;
    const R = this.R;
    this.suffixGain = new Float64Array(R * (n + 1));
    this.suffixMaxGain = new Float64Array(R * (n + 1));
    for (let r = 0; r < R; r++) {
      for (let i = n - 1; i >= 0; i--) {
        const g = gain(shape, mode, candidates[i], r);
        this.suffixGain[r * (n + 1) + i] = this.suffixGain[r * (n + 1) + i + 1] + g;
        this.suffixMaxGain[r * (n + 1) + i] = Math.max(this.suffixMaxGain[r * (n + 1) + i + 1], g);
      }
    }
    this.buildPrices();
  }

  private shortfall(r: number): number {
    const have = this.mode === 'known' ? this.tally.known[r] : this.tally.most(r);
    return Math.max(0, this.rules[r].min - have);
  }

  private penaltyOf(price: Float64Array, i: number): number {
    const { shape, candidates } = this.input;
    let worth = 0;
    for (let r = 0; r < this.R; r++) if (price[r] > 0) worth += price[r] * gain(shape, this.mode, candidates[i], r);
    return Math.max(0, worth - this.candCost[i]);
  }

  /** Dual bound at one price vector, from candidate i on. */
  private dualBound(p: number, i: number): number {
    const price = this.prices[p];
    let sum = 0;
    for (let r = 0; r < this.R; r++) if (price[r] > 0) sum += price[r] * this.shortfall(r);
    return sum - this.suffixPenalty[p * (this.n + 1) + i];
  }

  private buildPrices(): void {
    const n = this.n;
    const R = this.R;
    const best = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const breakpoints = new Set<number>();
      for (let i = 0; i < n; i++) {
        const g = gain(this.input.shape, this.mode, this.input.candidates[i], r);
        if (g > 0 && Number.isFinite(g) && this.candCost[i] > 0) breakpoints.add(this.candCost[i] / g);
      }
      let bestBound = -Infinity;
      for (const b of [...breakpoints].sort((x, y) => x - y)) {
        const price = new Float64Array(R);
        price[r] = b;
        const p = this.addPrice(price);
        const bound = this.dualBound(p, 0);
        if (bound > bestBound) [bestBound, best[r]] = [bound, b];
      }
    }
    // Rules together at their best single prices: all subsets of up to 6 rules, pairs beyond that.
    const useful = [...best.keys()].filter((r) => best[r] > 0);
    const together: number[][] = [];
    if (useful.length <= 6) {
      for (let mask = 1; mask < 1 << useful.length; mask++) {
        const members = useful.filter((_, j) => mask & (1 << j));
        if (members.length >= 2) together.push(members);
      }
    } else {
      for (let a = 0; a < useful.length; a++) for (let b = a + 1; b < useful.length; b++) together.push([useful[a], useful[b]]);
    }
    for (const members of together) {
      const price = new Float64Array(R);
      for (const r of members) price[r] = best[r];
      this.addPrice(price);
    }
  }

  private addPrice(price: Float64Array): number {
    const n = this.n;
    const p = this.prices.length;
    this.prices.push(price);
    const grown = new Float64Array((p + 1) * (n + 1));
    grown.set(this.suffixPenalty);
    for (let i = n - 1; i >= 0; i--) grown[p * (n + 1) + i] = grown[p * (n + 1) + i + 1] + this.penaltyOf(price, i);
    this.suffixPenalty = grown;
    return p;
  }

  private valid(): boolean {
    return this.mode === 'known' ? this.tally.allKnownMet(this.rules) : this.tally.noneUnmet(this.rules);
  }

  /** Whether some completion from candidate i on could still be among the k best. */
  private promising(i: number, cost: number): boolean {
    const n = this.n;
    let bound = 0;
    let fewest = 0;
    for (let r = 0; r < this.R; r++) {
      const short = this.shortfall(r);
      if (short <= 0) continue;
      if (short > this.suffixGain[r * (n + 1) + i] + EPS) return false;
      fewest = Math.max(fewest, 1, Math.ceil(short / this.suffixMaxGain[r * (n + 1) + i] - EPS));
    }
    if (this.found.length < this.k) return true;
    for (let p = 0; p < this.prices.length; p++) bound = Math.max(bound, this.dualBound(p, i));
    let least = cost + bound;
    const kth = this.found[this.k - 1];
    if (this.integerCosts) least = Math.ceil(least - EPS);
    else return least <= kth.cost + EPS;
    if (least > kth.cost) return false;
    return !(least === kth.cost && this.chosen.length + fewest >= kth.size);
  }

  private isMinimal(): boolean {
    for (const i of this.chosen) {
      const u = this.input.candidates[i];
      this.tally.remove(u);
      const stillValid = this.valid();
      this.tally.add(u);
      if (stillValid) return false;
    }
    return true;
  }

  /** A hopeful plan that in fact relies on nothing unknown belongs to the 'known' search, not this one. */
  private reliesOnNothing(): boolean {
    if (this.input.forcedCostUnknown) return false;
    for (const i of this.chosen) if (!this.candCostKnown[i]) return false;
    return this.tally.allKnownMet(this.rules);
  }

  private record(cost: number): void {
    if (!this.isMinimal()) return;
    if (this.mode === 'hopeful' && this.reliesOnNothing()) return;
    const plan: FoundPlan = { units: this.chosen.map((i) => this.input.candidates[i]), cost, size: this.chosen.length };
    let at = this.found.length;
    // Found in tie-break order, so an equal plan found later goes after.
    while (at > 0 && (this.found[at - 1].cost > cost + EPS || (Math.abs(this.found[at - 1].cost - cost) <= EPS && this.found[at - 1].size > plan.size))) at--;
    this.found.splice(at, 0, plan);
    if (this.found.length > this.k) this.found.pop();
  }

  private visit(i: number, cost: number): void {
    this.nodes++;
    if (this.valid()) {
      this.record(cost);
      return;
    }
    if (i === this.n || !this.promising(i, cost)) return;
    if (this.blocked[i] === 0) {
      const u = this.input.candidates[i];
      this.chosen.push(i);
      this.tally.add(u);
      for (const j of this.partners[i]) this.blocked[j]++;
      this.visit(i + 1, cost + this.candCost[i]);
      for (const j of this.partners[i]) this.blocked[j]--;
      this.tally.remove(u);
      this.chosen.pop();
    }
    this.visit(i + 1, cost);
  }

  run(): FoundPlan[] {
    this.visit(0, this.input.forcedCost);
    return this.found;
  }
}
