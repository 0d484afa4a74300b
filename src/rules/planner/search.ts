// Branch and bound over the units a learner can still add, in definition order, trying "add" before "leave out".
// That order visits candidate plans in the order of the tie-break (earlier units first), so once k plans are held a
// branch is dropped as soon as its lower bound cannot beat the k-th: a plan found later with the same cost and size
// would lose the tie anyway.
//
// A branch is cut when:
// - a rule's shortfall is more than the units ahead that are not barred can give (no plan below);
// - a chosen unit is already needed by no rule it adds to (every plan below would hold a smaller plan);
// - its lower bound on cost is over the cost cap, or cannot beat the k-th plan held.
// The cost cap starts at the root's lower bound and rises (in growing steps) until k plans fit under it: without it
// the first plans found in unit order can be dear, and until k are held they cut nothing.
//
// The lower bound is the linear-programming dual of "cover every credit rule's shortfall": for prices λ ≥ 0 per rule,
//   Σ_r λ_r · shortfall_r − Σ_{candidates u} max(0, Σ_r λ_r · credits_{u,r} − cost_u)
// is at most the cost of any completion. The penalty part depends only on which units are still undecided, which in a
// fixed order is a suffix, so it is summed once per learner and read in O(1) per node. Prices tried: every
// cost-per-credit breakpoint of each single rule (which gives the exact fractional-knapsack bound for that rule), and
// the rules together at their best single prices (which sees that group B credits and level 2 credits come from
// different units).
// Beside it, the whole-unit bound of cover.ts (the least cost of whole units covering each rule's shortfall,
// added up over rules no candidate counts toward together) sees what the dual bound cannot: 3 credits from units of
// 4 and 5 cost 4, not 3. Each node takes the larger of the two.
import { evaluateUnits } from '../engine';
import { CoverBound } from './cover';
import type { CreditRule, QualificationShape } from './shape';
import { gains, Tally, type SearchMode } from './tally';

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
const NO_PARTNERS: number[] = [];

export class PlanSearch {
  private readonly tally: Tally;
  private readonly rules: readonly CreditRule[];
  private readonly R: number;
  private readonly n: number;
  /** Candidate index (not position) of each candidate's barred partners among the candidates. */
  private readonly partners: number[][];
  private readonly blocked: Int32Array;
  /** The whole-unit bound per rule (cover.ts), built for the shortfalls at the root. */
  private cover: CoverBound | undefined;
  /**
   * For one plan only (k = 1): the next candidate interchangeable with candidate i (see `twinsOf`), -1 when none.
   * Leaving i out leaves its later twins out too: a plan with a later twin and without i loses the tie to the same
   * plan with i instead, so the best plan never looks like that.
   */
  private readonly nextTwin: Int32Array;
  private readonly candCost: Float64Array;
  private readonly candCostKnown: Uint8Array;
  /** What candidate i can add to rule r at best, at `i * R + r`. */
  private readonly candGain: Float64Array;
  /** Price vectors, at `p * R + r`, and per price vector the suffix sums of its penalty, at `p * (n + 1) + i`. */
  private prices = new Float64Array(0);
  private priceCount = 0;
  private suffixPenalty = new Float64Array(0);
  /** The price vector that last cut a branch: tried first, since neighbouring branches tend to fall to the same. */
  private lastCut = 0;
  /** Per rule, suffix sums and suffix maxima of what the candidates can add, at `r * (n + 1) + i`. */
  private readonly suffixGain: Float64Array;
  private readonly suffixMaxGain: Float64Array;
  private readonly short: Float64Array;
  private readonly integerCosts: boolean;
  private readonly chosen: number[] = [];
  private readonly found: FoundPlan[] = [];
  /** Per rule, what the undecided units ahead that are barred by a chosen unit could have added. */
  private readonly blockedAhead: Float64Array;
  private readonly unboundedBlockedAhead: Int32Array;
  private cap = Infinity;
  private nextCap = Infinity;
  /** Set by `bound`. */
  private least = 0;
  private fewest = 0;
  /** Nodes visited and searches under a rising cost cap, for the benchmark. */
  nodes = 0;
  rounds = 0;

  constructor(
    private readonly input: SearchInput,
    private readonly mode: SearchMode,
    private readonly k: number,
  ) {
    const { shape, candidates } = input;
    this.rules = shape.creditRules;
    const R = (this.R = this.rules.length);
    const n = (this.n = candidates.length);
    this.tally = new Tally(shape);
    for (const u of input.base) this.tally.add(u);
    this.partners = new Array<number[]>(n).fill(NO_PARTNERS);
    if (shape.hasBarred) {
      const candidateIndex = new Int32Array(shape.units.length).fill(-1);
      for (let i = 0; i < n; i++) candidateIndex[candidates[i]] = i;
      for (let i = 0; i < n; i++) {
        const barred = shape.barredWith[candidates[i]];
        if (barred.length === 0) continue;
        const partners: number[] = [];
        for (const b of barred) if (candidateIndex[b.unit] >= 0) partners.push(candidateIndex[b.unit]);
        this.partners[i] = partners;
      }
    }
    this.blocked = new Int32Array(n);
    this.nextTwin = k === 1 ? twinsOf(input) : new Int32Array(0);
    this.blockedAhead = new Float64Array(R);
    this.unboundedBlockedAhead = new Int32Array(R);
    this.short = new Float64Array(R);
    this.candCost = new Float64Array(n);
    this.candCostKnown = new Uint8Array(n);
    this.candGain = new Float64Array(n * R);
    const { gain } = gains(shape, mode);
    let integerCosts = Number.isInteger(input.forcedCost);
    for (let i = 0; i < n; i++) {
      const u = candidates[i];
      this.candCost[i] = input.cost[u];
      this.candCostKnown[i] = input.costKnown[u];
      integerCosts &&= Number.isInteger(this.candCost[i]);
      for (let r = 0; r < R; r++) this.candGain[i * R + r] = gain[u * R + r];
    }
    this.integerCosts = integerCosts;

    this.suffixGain = new Float64Array(R * (n + 1));
    this.suffixMaxGain = new Float64Array(R * (n + 1));
    for (let r = 0; r < R; r++) {
      for (let i = n - 1; i >= 0; i--) {
        const g = this.candGain[i * R + r];
        this.suffixGain[r * (n + 1) + i] = this.suffixGain[r * (n + 1) + i + 1] + g;
        this.suffixMaxGain[r * (n + 1) + i] = Math.max(this.suffixMaxGain[r * (n + 1) + i + 1], g);
      }
    }
  }

  private computeShortfalls(): void {
    for (let r = 0; r < this.R; r++) {
      const have = this.mode === 'known' ? this.tally.known[r] : this.tally.most(r);
      this.short[r] = Math.max(0, this.rules[r].min - have);
    }
  }

  /** Dual bound at price vector p, from candidate i on, for the shortfalls in `short`. */
  private dualBound(p: number, i: number): number {
    const R = this.R;
    let sum = 0;
    for (let r = 0; r < R; r++) {
      const price = this.prices[p * R + r];
      if (price > 0) sum += price * this.short[r];
    }
    return sum - this.suffixPenalty[p * (this.n + 1) + i];
  }

  /** Sets up both lower bounds for the shortfalls at the root: only a search with something to find needs them. */
  private setUpBounds(): void {
    this.computeShortfalls();
    this.cover = new CoverBound(this.n, this.R, this.candGain, this.candCost, this.short, this.integerCosts);
    this.buildPrices();
  }

  private buildPrices(): void {
    const { n, R } = this;
    const vectors: Float64Array[] = [];
    const singles: { r: number; price: number }[] = [];
    for (let r = 0; r < R; r++) {
      const breakpoints = new Set<number>();
      for (let i = 0; i < n; i++) {
        const g = this.candGain[i * R + r];
        if (g > 0 && Number.isFinite(g) && this.candCost[i] > 0) breakpoints.add(this.candCost[i] / g);
      }
      for (const b of breakpoints) singles.push({ r, price: b });
    }
    // A rule met at the root stays met, so its prices add nothing. A rule alone at any price bounds no higher than
    // its fractional knapsack, which its whole-unit table (cover.ts) already bounds from above.
    for (const { r, price } of singles) {
      if (this.short[r] <= 0 || this.cover?.tabled(r)) continue;
      const vector = new Float64Array(R);
      vector[r] = price;
      vectors.push(vector);
    }
    // Each rule's best single price at the root, then the rules together at those prices: all subsets of up to six
    // rules, pairs beyond that. A single price's bound at the root is read straight off the candidates.
    const best = new Float64Array(R);
    const bestBound = new Float64Array(R).fill(-Infinity);
    for (const { r, price } of singles) {
      let bound = price * this.short[r];
      for (let i = 0; i < n; i++) bound -= Math.max(0, price * this.candGain[i * R + r] - this.candCost[i]);
      if (bound > bestBound[r]) [bestBound[r], best[r]] = [bound, price];
    }
    const useful = [...best.keys()].filter((r) => best[r] > 0 && this.short[r] > 0);
    const together: number[][] = [];
    if (useful.length <= 6) {
      for (let mask = 1; mask < 1 << useful.length; mask++) {
        const members = useful.filter((_, j) => mask & (1 << j));
        if (members.length >= 2) together.push(members);
      }
    } else {
      for (let a = 0; a < useful.length; a++)
        for (let b = a + 1; b < useful.length; b++) together.push([useful[a], useful[b]]);
    }
    for (const members of together) {
      const vector = new Float64Array(R);
      for (const r of members) vector[r] = best[r];
      vectors.push(vector);
    }
    this.setPrices(vectors);
  }

  private setPrices(vectors: readonly Float64Array[]): void {
    const { n, R } = this;
    this.priceCount = vectors.length;
    this.prices = new Float64Array(vectors.length * R);
    this.suffixPenalty = new Float64Array(vectors.length * (n + 1));
    vectors.forEach((vector, p) => {
      this.prices.set(vector, p * R);
      for (let i = n - 1; i >= 0; i--) {
        let worth = 0;
        for (let r = 0; r < R; r++) if (vector[r] > 0) worth += vector[r] * this.candGain[i * R + r];
        this.suffixPenalty[p * (n + 1) + i] =
          this.suffixPenalty[p * (n + 1) + i + 1] + Math.max(0, worth - this.candCost[i]);
      }
    });
  }

  private valid(): boolean {
    if (!this.tally.withinLimits(this.mode)) return false;
    return this.mode === 'known' ? this.tally.allKnownMet(this.rules) : this.tally.noneUnmet(this.rules);
  }

  /**
   * Whether the engine counts every unit of the plan: past a maximum that leaves units out only if unknown values
   * are at their most, the engine may still leave a unit out, and a plan never proposes a unit that would not count.
   */
  private allCount(): boolean {
    if (!this.input.shape.leavesOut || !this.tally.mayPassLimit()) return true;
    const { shape, base, candidates } = this.input;
    const refs = [...base, ...this.chosen.map((i) => candidates[i])].map((u) => shape.units[u].ref);
    return evaluateUnits(shape.index.qualification, refs).notCounted.length === 0;
  }

  /**
   * Sets `least`, the least cost any completion from candidate i on can have, and `fewest`, the fewest units it can
   * add; false when some rule can no longer be reached (the units ahead that are not barred cannot cover its
   * shortfall). Stops at the first price vector whose bound is over `enough`: that alone cuts the branch.
   */
  private bound(i: number, cost: number, enough: number): boolean {
    const { n, R } = this;
    this.computeShortfalls();
    let fewest = 0;
    for (let r = 0; r < R; r++) {
      const short = this.short[r];
      if (short <= 0) continue;
      // An unbounded unit ahead makes any shortfall reachable, unless it is barred; then nothing is known.
      const ahead = this.suffixGain[r * (n + 1) + i];
      if (ahead !== Infinity && short > ahead - this.blockedAhead[r] + EPS) return false;
      fewest = Math.max(fewest, 1, Math.ceil(short / this.suffixMaxGain[r * (n + 1) + i] - EPS));
    }
    let least = this.integerCosts ? Math.ceil(cost - EPS) : cost;
    // No completion costs less than coverCost, and none costing exactly that adds fewer than coverFewest units.
    let coverCost = -1;
    let coverFewest = 0;
    if (this.cover && !this.cover.empty) {
      const covered = this.cover.least(i, this.short);
      let bound = cost + this.cover.costOf(covered);
      if (this.integerCosts) bound = Math.ceil(bound - EPS);
      if (bound > least) least = bound;
      coverCost = bound;
      coverFewest = this.cover.unitsOf(covered);
    }
    for (let q = 0; q < this.priceCount && least <= enough + EPS; q++) {
      const p = (q + this.lastCut) % this.priceCount;
      let bound = cost + this.dualBound(p, i);
      if (this.integerCosts) bound = Math.ceil(bound - EPS);
      if (bound > least) least = bound;
      if (least > enough + EPS) {
        this.lastCut = p;
        break;
      }
    }
    this.least = least;
    this.fewest = least === coverCost ? Math.max(fewest, coverFewest) : fewest;
    return true;
  }

  /** Whether some completion from candidate i on could cost at most the cap and be among the k best. */
  private promising(i: number, cost: number): boolean {
    const full = this.found.length >= this.k;
    const kth = this.found[this.k - 1];
    if (!this.bound(i, cost, full ? Math.min(this.cap, kth.cost) : this.cap)) return false;
    if (this.least > this.cap + EPS) {
      this.nextCap = Math.min(this.nextCap, this.least);
      return false;
    }
    if (!full) return true;
    if (this.least > kth.cost + EPS) return false;
    if (!this.integerCosts) return true;
    return !(this.least === kth.cost && this.chosen.length + this.fewest >= kth.size);
  }

  /** Whether rule r would be met, in this search's sense, without candidate i (which is chosen). */
  private metWithout(r: number, i: number): boolean {
    const u = this.input.candidates[i];
    return (this.mode === 'known' ? this.tally.knownWithout(r, u) : this.tally.mostWithout(r, u)) >= this.rules[r].min;
  }

  /**
   * Whether a chosen unit is already needed by no rule: every rule it adds to is met without it. Adding units only
   * adds credits, so it stays unneeded in every plan below, and no plan below is minimal.
   */
  private holdsRedundantUnit(): boolean {
    const R = this.R;
    for (const i of this.chosen) {
      let needed = false;
      for (let r = 0; r < R && !needed; r++) needed = this.candGain[i * R + r] > 0 && !this.metWithout(r, i);
      if (!needed) return true;
    }
    return false;
  }

  /** A hopeful plan that in fact relies on nothing unknown belongs to the 'known' search, not this one. */
  private reliesOnNothing(): boolean {
    if (this.input.forcedCostUnknown) return false;
    for (const i of this.chosen) if (!this.candCostKnown[i]) return false;
    return this.tally.allKnownMet(this.rules) && this.tally.withinLimits('known');
  }

  /**
   * Records the chosen units as a plan. They are a minimal plan: each was checked, when the last was added, to be
   * needed by a rule it adds to (`holdsRedundantUnit`), so leaving any one out would leave a rule unmet.
   */
  private record(cost: number): void {
    if (this.mode === 'hopeful' && this.reliesOnNothing()) return;
    if (!this.allCount()) return;
    const plan: FoundPlan = { units: this.chosen.map((i) => this.input.candidates[i]), cost, size: this.chosen.length };
    let at = this.found.length;
    // Found in tie-break order, so an equal plan found later goes after.
    while (
      at > 0 &&
      (this.found[at - 1].cost > cost + EPS ||
        (Math.abs(this.found[at - 1].cost - cost) <= EPS && this.found[at - 1].size > plan.size))
    )
      at--;
    this.found.splice(at, 0, plan);
    if (this.found.length > this.k) this.found.pop();
  }

  /** Counts a barred unit ahead in (or out of) `blockedAhead`; unbounded gains are counted apart, never subtracted. */
  private countAhead(j: number, by: 1 | -1): void {
    for (let r = 0; r < this.R; r++) {
      const g = this.candGain[j * this.R + r];
      if (g === Infinity) this.unboundedBlockedAhead[r] += by;
      else this.blockedAhead[r] += by * g;
    }
  }

  private block(i: number, by: 1 | -1): void {
    for (const j of this.partners[i]) {
      const before = this.blocked[j];
      this.blocked[j] += by;
      // Only units ahead of i are still to be decided; those behind it were left out already.
      if (j > i && (before === 0 || this.blocked[j] === 0)) this.countAhead(j, by);
    }
  }

  /** Bars (or frees) the later twins of candidate i, as a chosen unit bars its partners. */
  private leaveOutTwins(i: number, by: 1 | -1): void {
    for (let j = this.nextTwin[i]; j >= 0; j = this.nextTwin[j]) {
      const before = this.blocked[j];
      this.blocked[j] += by;
      if (before === 0 || this.blocked[j] === 0) this.countAhead(j, by);
    }
  }

  private visit(i: number, cost: number): void {
    this.nodes++;
    if (this.valid()) {
      if (cost > this.cap + EPS) this.nextCap = Math.min(this.nextCap, cost);
      else this.record(cost);
      return;
    }
    if (i === this.n || !this.promising(i, cost)) return;
    const u = this.input.candidates[i];
    if (this.blocked[i] === 0) {
      this.chosen.push(i);
      this.tally.add(u);
      // Past a maximum, a unit would not count (or is not allowed): no plan below keeps within it.
      if (this.tally.withinLimits(this.mode) && !this.holdsRedundantUnit()) {
        this.block(i, 1);
        this.visit(i + 1, cost + this.candCost[i]);
        this.block(i, -1);
      }
      this.tally.remove(u);
      this.chosen.pop();
      if (this.nextTwin.length > 0 && this.nextTwin[i] >= 0) {
        this.leaveOutTwins(i, 1);
        this.visit(i + 1, cost);
        this.leaveOutTwins(i, -1);
      } else this.visit(i + 1, cost);
    } else {
      // A barred unit falls behind: it no longer counts among the units ahead.
      this.countAhead(i, -1);
      this.visit(i + 1, cost);
      this.countAhead(i, 1);
    }
  }

  /**
   * Searches under a cost cap that starts at the root's lower bound and rises, at least to the least bound that went
   * over it and by a step that doubles each time, until k plans fit under it or nothing was cut by it.
   */
  run(): FoundPlan[] {
    // Units already past a maximum stay past it whatever is added: no plan.
    if (!this.tally.withinLimits(this.mode)) return [];
    if (this.valid()) this.cap = this.input.forcedCost;
    else {
      this.setUpBounds();
      if (!this.bound(0, this.input.forcedCost, Infinity)) return [];
      this.cap = this.least;
    }
    let step = 0;
    for (;;) {
      this.rounds++;
      this.found.length = 0;
      this.nextCap = Infinity;
      this.visit(0, this.input.forcedCost);
      if (this.found.length >= this.k || this.nextCap === Infinity) return this.found;
      step = step === 0 ? this.nextCap - this.cap : 2 * step;
      this.cap = Math.max(this.nextCap, this.cap + step);
    }
  }
}

/**
 * Per unit position, a class of the units interchangeable with it, or -1: the same cost (and whether it is known),
 * the same counting toward every rule (known credits, credits depending on a level, group slot, uncertainty) and in no
 * barred set, so swapping one for another changes no verdict, cost or size. None when a maximum leaves units out:
 * which unit the engine leaves out can depend on which of them is held. Built once per qualification and cost measure.
 */
const twinClassesOf = new WeakMap<Float64Array, { of: Int32Array; count: number }>();

function twinClasses(input: SearchInput): { of: Int32Array; count: number } {
  const { shape, cost, costKnown } = input;
  let classes = twinClassesOf.get(cost);
  if (classes) return classes;
  const R = shape.creditRules.length;
  const of = new Int32Array(shape.units.length).fill(-1);
  const ids = new Map<string, number>();
  if (!shape.leavesOut) {
    for (let u = 0; u < of.length; u++) {
      if (shape.barredWith[u].length > 0) continue;
      let key = `${cost[u]}/${costKnown[u]}`;
      for (let at = u * R; at < u * R + R; at++)
        key += `/${shape.known[at]},${shape.ifLevel[at]},${shape.slot[at]},${shape.uncertain[at]}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      of[u] = id;
    }
  }
  classes = { of, count: ids.size };
  twinClassesOf.set(cost, classes);
  return classes;
}

/** Per candidate, the next candidate of its twin class (`twinClasses`), or -1. */
function twinsOf(input: SearchInput): Int32Array {
  const { candidates } = input;
  const classes = twinClasses(input);
  const next = new Int32Array(candidates.length).fill(-1);
  if (classes.count === 0) return next;
  const last = new Int32Array(classes.count).fill(-1);
  for (let i = 0; i < candidates.length; i++) {
    const c = classes.of[candidates[i]];
    if (c < 0) continue;
    if (last[c] >= 0) next[last[c]] = i;
    last[c] = i;
  }
  return next;
}
