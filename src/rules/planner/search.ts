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
// 4 and 5 cost 4, not 3; and it respects maxima (a unit's measure past a maximum's room adds nothing), which the dual
// bound leaves out (dropping a constraint only lowers a least cost, so it stays a lower bound). Each node takes the
// larger of the two.
import { compileQualification, evaluatorOf, Verdicts, type Evaluator } from '../engine';
import { CoverBound, type CoverCap } from './cover';
import type { QualificationShape } from './shape';
import { gains, Tally, type SearchMode } from './tally';

export interface SearchInput {
  /** Units that count already, plus mandatory units every plan must add, by position. */
  base: readonly number[];
  /** Units that may be added, by position, in definition order; each one of the search's `pool`. */
  candidates: readonly number[];
  /** Cost of the mandatory units in `base` that the learner does not have yet. */
  forcedCost: number;
  /** Whether any of those forced units has an unknown cost. */
  forcedCostUnknown: boolean;
  /**
   * Units the learner keeps that do not count (set aside by a barred set or a maximum): a forbidding maximum sums
   * every unit chosen, these too, as the engine does, so a plan must keep within it with them.
   */
  aside?: readonly number[];
}

export interface FoundPlan {
  /** Positions of the added candidates (forced mandatory units not included), in definition order. */
  units: number[];
  cost: number;
  size: number;
}

const EPS = 1e-9;

/**
 * One search per qualification, cost measure and mode, reused for every learner: what does not depend on the
 * learner (both lower bounds, twin classes, buffers) is set up once, so a learner pays only for its own search.
 * The bounds are built over the `pool`, every unit that can ever be a candidate in this mode, read from the first
 * pool unit at or after a candidate: the units ahead of a learner's candidate are among those, and more units to
 * choose from only lower a least cost, so the bounds stay lower bounds (a learner's taken units are counted as
 * available, which makes them a little weaker than bounds built per learner, and far cheaper).
 */
export class PlanSearch {
  /** Per rule, the least of its measure it asks for (the shape's `min`). */
  private readonly min: Float64Array;
  private readonly R: number;
  /** What unit u can add to rule r at best in this mode, at `u * R + r`. */
  private readonly gain: Float64Array;
  /** 1 for each unit position that can be a candidate in this mode (it helps, and in 'known' its cost is known). */
  readonly pool: Uint8Array;
  /** Per unit position, the index among pool units of the first at or after it (the pool's length past the end). */
  private readonly poolRow: Int32Array;
  private readonly P: number;
  private readonly poolWholeCosts: boolean;
  /** The whole-unit bound per rule (cover.ts), over the pool, for shortfalls up to each rule's minimum. */
  private readonly cover: CoverBound;
  /** Price vectors, at `p * R + r`, and per price vector the suffix sums of its penalty, at `p * (P + 1) + row`. */
  private prices = new Float64Array(0);
  private priceCount = 0;
  private suffixPenalty = new Float64Array(0);
  /** Per unit position, its twin class (see `twinClasses`), -1 for none; and the number of classes. */
  private readonly twinClass: Int32Array;
  private readonly twinLast: Int32Array;

  // The learner's search, set by `run`.
  private input: SearchInput = { base: [], candidates: [], forcedCost: 0, forcedCostUnknown: false };
  private n = 0;
  private k = 1;
  private readonly tally: Tally;
  /** The counted units, the forced ones, the chosen ones and the set-aside ones: what a forbidding maximum sums. */
  private readonly taken: Tally;
  private withAside = false;
  /** Per unit position, its index among the candidates, -1 when it is not one (reset after each search). */
  private readonly candidateIndex: Int32Array;
  private readonly blocked: Int32Array;
  /**
   * For one plan only (k = 1): the next candidate interchangeable with candidate i (see `twinClasses`), -1 when none.
   * Leaving i out leaves its later twins out too: a plan with a later twin and without i loses the tie to the same
   * plan with i instead, so the best plan never looks like that.
   */
  private readonly nextTwin: Int32Array;
  private useTwins = false;
  /** Per candidate, its pool row (`poolRow` of its position), and the pool's length past the last candidate. */
  private readonly row: Int32Array;
  /** The price vector that last cut a branch: tried first, since neighbouring branches tend to fall to the same. */
  private lastCut = 0;
  /** Per rule, suffix sums and suffix maxima of what the candidates can add, at `r * (n + 1) + i`. */
  private readonly suffixGain: Float64Array;
  private readonly suffixMaxGain: Float64Array;
  private readonly short: Float64Array;
  private integerCosts = true;
  private readonly chosen: number[] = [];
  private found: FoundPlan[] = [];
  /** Per rule, what the undecided units ahead that are barred by a chosen unit could have added. */
  private readonly blockedAhead: Float64Array;
  private readonly unboundedBlockedAhead: Int32Array;
  private cap = Infinity;
  private nextCap = Infinity;
  /** For `allCount`: the engine's evaluator and a verdicts buffer (made on first use), and the plan's units. */
  private engine: { evaluator: Evaluator; verdicts: Verdicts } | undefined;
  private readonly planUnits: Int32Array;
  /** Set by `bound`. */
  private least = 0;
  private fewest = 0;
  /** Nodes visited and searches under a rising cost cap in the last `run`, for the benchmark. */
  nodes = 0;
  rounds = 0;

  constructor(
    private readonly shape: QualificationShape,
    private readonly cost: Float64Array,
    private readonly costKnown: Uint8Array,
    private readonly mode: SearchMode,
  ) {
    this.min = shape.min;
    const R = (this.R = shape.creditRules.length);
    const N = shape.units.length;
    this.gain = gains(shape, mode).gain;
    const helps = gains(shape, mode).helps;
    const mandatory = new Uint8Array(N);
    for (const m of shape.mandatory) mandatory[m.unit] = 1;
    this.pool = new Uint8Array(N);
    this.poolRow = new Int32Array(N + 1);
    let P = 0;
    for (let u = 0; u < N; u++) {
      this.poolRow[u] = P;
      if (helps[u] === 1 && !mandatory[u] && (mode === 'hopeful' || costKnown[u] === 1)) {
        this.pool[u] = 1;
        P++;
      }
    }
    this.poolRow[N] = P;
    this.P = P;
    const poolGain = new Float64Array(P * R);
    const poolCost = new Float64Array(P);
    let whole = true;
    for (let u = 0, i = 0; u < N; u++) {
      if (!this.pool[u]) continue;
      poolCost[i] = cost[u];
      whole &&= Number.isInteger(cost[u]);
      for (let r = 0; r < R; r++) poolGain[i * R + r] = this.gain[u * R + r];
      i++;
    }
    this.poolWholeCosts = whole;
    const tops = shape.min;
    // Every maximum, with what each pool unit counts toward it for certain: a plan keeps within it (see cover.ts).
    const maxima: CoverCap[] = [];
    for (let r = 0; r < R; r++) {
      if (shape.limit[r] === Infinity) continue;
      const use = new Float64Array(P);
      for (let u = 0, i = 0; u < N; u++) if (this.pool[u]) use[i++] = shape.known[u * R + r];
      maxima.push({ rule: r, use, limit: shape.limit[r] });
    }
    this.cover = new CoverBound(P, R, poolGain, poolCost, tops, whole, maxima);
    this.buildPrices(poolGain, poolCost, tops);
    const twins = twinClasses(shape, cost, costKnown);
    this.twinClass = twins.of;
    this.twinLast = new Int32Array(twins.count);

    this.tally = new Tally(shape);
    this.taken = new Tally(shape);
    this.candidateIndex = new Int32Array(N).fill(-1);
    this.blocked = new Int32Array(N);
    this.planUnits = new Int32Array(N);
    this.nextTwin = new Int32Array(N);
    this.row = new Int32Array(N + 1);
    this.suffixGain = new Float64Array(R * (N + 1));
    this.suffixMaxGain = new Float64Array(R * (N + 1));
    this.short = new Float64Array(R);
    this.blockedAhead = new Float64Array(R);
    this.unboundedBlockedAhead = new Int32Array(R);
  }

  private computeShortfalls(): void {
    for (let r = 0; r < this.R; r++) {
      const have = this.mode === 'known' ? this.tally.known[r] : this.tally.most(r);
      this.short[r] = Math.max(0, this.min[r] - have);
    }
  }

  /**
   * The cover tables' room vector: what each tabled maximum has left, its limit less the known measure of the units
   * that count toward it (a forbidding one sums the set-aside units too, as `withinLimits` does).
   */
  private room(): number {
    const { caps, strides } = this.cover;
    let v = 0;
    for (let c = 0; c < caps.length; c++) {
      const r = caps[c].rule;
      const used = this.withAside && this.shape.forbids[r] === 1 ? this.taken.known[r] : this.tally.known[r];
      const left = Math.floor(caps[c].limit - used + EPS);
      v += (left < 0 ? 0 : left) * strides[c];
    }
    return v;
  }

  /** Dual bound at price vector p, from pool row `row` on, for the shortfalls in `short`. */
  private dualBound(p: number, row: number): number {
    const R = this.R;
    let sum = 0;
    for (let r = 0; r < R; r++) {
      const price = this.prices[p * R + r];
      if (price > 0) sum += price * this.short[r];
    }
    return sum - this.suffixPenalty[p * (this.P + 1) + row];
  }

  /** The price vectors of the dual bound, chosen for the largest shortfalls (each rule's minimum). */
  private buildPrices(gain: Float64Array, cost: Float64Array, short: Float64Array): void {
    const { P, R } = this;
    const vectors: Float64Array[] = [];
    const singles: { r: number; price: number }[] = [];
    for (let r = 0; r < R; r++) {
      const breakpoints = new Set<number>();
      for (let i = 0; i < P; i++) {
        const g = gain[i * R + r];
        if (g > 0 && Number.isFinite(g) && cost[i] > 0) breakpoints.add(cost[i] / g);
      }
      for (const b of breakpoints) singles.push({ r, price: b });
    }
    // A rule without a minimum needs nothing, so its prices add nothing. A rule alone at any price bounds no higher
    // than its fractional knapsack, which its whole-unit table (cover.ts) already bounds from above.
    for (const { r, price } of singles) {
      if (short[r] <= 0 || this.cover.tabled(r)) continue;
      const vector = new Float64Array(R);
      vector[r] = price;
      vectors.push(vector);
    }
    // Each rule's best single price for its whole minimum, then the rules together at those prices: all subsets of
    // up to six rules, pairs beyond that. A single price's bound is read straight off the pool.
    const best = new Float64Array(R);
    const bestBound = new Float64Array(R).fill(-Infinity);
    for (const { r, price } of singles) {
      let bound = price * short[r];
      for (let i = 0; i < P; i++) bound -= Math.max(0, price * gain[i * R + r] - cost[i]);
      if (bound > bestBound[r]) [bestBound[r], best[r]] = [bound, price];
    }
    const useful = [...best.keys()].filter((r) => best[r] > 0 && short[r] > 0);
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
    // A vector that bounds no higher than the whole-unit tables for the rules' full minimums is dropped: a lower
    // bound left out only weakens the cut, and these were read at every node for nothing.
    const coverAtRoot = this.cover.empty ? 0 : this.cover.costOf(this.cover.least(0, short));
    for (const members of together) {
      const vector = new Float64Array(R);
      let bound = 0;
      for (const r of members) {
        vector[r] = best[r];
        bound += best[r] * short[r];
      }
      for (let i = 0; i < P; i++) {
        let worth = 0;
        for (const r of members) worth += vector[r] * gain[i * R + r];
        bound -= Math.max(0, worth - cost[i]);
      }
      if (bound > coverAtRoot + EPS) vectors.push(vector);
    }
    this.priceCount = vectors.length;
    this.prices = new Float64Array(vectors.length * R);
    this.suffixPenalty = new Float64Array(vectors.length * (P + 1));
    vectors.forEach((vector, p) => {
      this.prices.set(vector, p * R);
      for (let i = P - 1; i >= 0; i--) {
        let worth = 0;
        for (let r = 0; r < R; r++) if (vector[r] > 0) worth += vector[r] * gain[i * R + r];
        this.suffixPenalty[p * (P + 1) + i] = this.suffixPenalty[p * (P + 1) + i + 1] + Math.max(0, worth - cost[i]);
      }
    });
  }

  /** Sets up the learner's candidates for the bounds: only a search with something to find needs this. */
  private setUpCandidates(): void {
    const { R, n } = this;
    const { candidates, forcedCost } = this.input;
    let integerCosts = Number.isInteger(forcedCost);
    for (let i = 0; i < n; i++) {
      const u = candidates[i];
      this.row[i] = this.poolRow[u];
      this.blocked[i] = 0;
      if (!this.poolWholeCosts) integerCosts &&= Number.isInteger(this.cost[u]);
    }
    this.row[n] = this.P;
    this.integerCosts = integerCosts;
    this.blockedAhead.fill(0);
    this.unboundedBlockedAhead.fill(0);
    const { gain, suffixGain, suffixMaxGain } = this;
    for (let r = 0; r < R; r++) {
      const at = r * (n + 1);
      suffixGain[at + n] = 0;
      suffixMaxGain[at + n] = 0;
      for (let i = n - 1; i >= 0; i--) {
        const g = gain[candidates[i] * R + r];
        suffixGain[at + i] = suffixGain[at + i + 1] + g;
        suffixMaxGain[at + i] = suffixMaxGain[at + i + 1] > g ? suffixMaxGain[at + i + 1] : g;
      }
    }
    this.useTwins = this.k === 1 && this.twinLast.length > 0;
    if (this.useTwins) {
      this.twinLast.fill(-1);
      for (let i = 0; i < n; i++) {
        this.nextTwin[i] = -1;
        const c = this.twinClass[candidates[i]];
        if (c < 0) continue;
        if (this.twinLast[c] >= 0) this.nextTwin[this.twinLast[c]] = i;
        this.twinLast[c] = i;
      }
    }
  }

  /** Whether the units keep within every maximum, a forbidding one summing the set-aside units too. */
  private withinLimits(mode: SearchMode): boolean {
    if (!this.withAside) return this.tally.withinLimits(mode);
    return this.tally.withinLimits(mode, false) && this.taken.withinLimits(mode, true);
  }

  private valid(): boolean {
    if (!this.withinLimits(this.mode)) return false;
    return this.mode === 'known' ? this.tally.allKnownMet() : this.tally.noneUnmet();
  }

  /**
   * Whether the engine counts every unit of the plan: past a maximum that leaves units out only if unknown values
   * are at their most, the engine may still leave a unit out, and a plan never proposes a unit that would not count.
   */
  private allCount(): boolean {
    if (!this.shape.leavesOut || !this.tally.mayPassLimit()) return true;
    // The engine's own allocation, on unit positions (the shape's are the compiled form's) into buffers kept for
    // this: no refs, sets or result objects per plan.
    if (!this.engine) {
      const compiled = compileQualification(this.shape.index.qualification);
      this.engine = { evaluator: evaluatorOf(compiled), verdicts: new Verdicts(compiled) };
    }
    const { evaluator, verdicts } = this.engine;
    const { base, candidates } = this.input;
    const units = this.planUnits;
    let count = 0;
    for (const u of base) units[count++] = u;
    for (const i of this.chosen) units[count++] = candidates[i];
    evaluator.evaluate(units, 0, count, verdicts);
    let all = true;
    for (let i = 0; i < count && all; i++) all = verdicts.counted[units[i]] === 1;
    evaluator.clear(units, count, verdicts);
    return all;
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
    const row = this.row[i];
    let least = this.integerCosts ? Math.ceil(cost - EPS) : cost;
    // No completion costs less than coverCost, and none costing exactly that adds fewer than coverFewest units.
    let coverCost = -1;
    let coverFewest = 0;
    if (!this.cover.empty) {
      const covered = this.cover.least(row, this.short, this.cover.rooms > 1 ? this.room() : 0);
      let bound = cost + this.cover.costOf(covered);
      if (this.integerCosts) bound = Math.ceil(bound - EPS);
      if (bound > least) least = bound;
      coverCost = bound;
      coverFewest = this.cover.unitsOf(covered);
    }
    for (let q = 0; q < this.priceCount && least <= enough + EPS; q++) {
      const p = (q + this.lastCut) % this.priceCount;
      let bound = cost + this.dualBound(p, row);
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
    return (this.mode === 'known' ? this.tally.knownWithout(r, u) : this.tally.mostWithout(r, u)) >= this.min[r];
  }

  /**
   * Whether a chosen unit is already needed by no rule: every rule it adds to is met without it. Adding units only
   * keeps those rules met, so the unit stays unneeded in every plan below, and no plan below is minimal.
   */
  private holdsRedundantUnit(): boolean {
    const { R, gain } = this;
    const { candidates } = this.input;
    for (const i of this.chosen) {
      const at = candidates[i] * R;
      let needed = false;
      for (let r = 0; r < R && !needed; r++) needed = gain[at + r] > 0 && !this.metWithout(r, i);
      if (!needed) return true;
    }
    return false;
  }

  /** A hopeful plan that in fact relies on nothing unknown belongs to the 'known' search, not this one. */
  private reliesOnNothing(): boolean {
    if (this.input.forcedCostUnknown) return false;
    for (const i of this.chosen) if (!this.costKnown[this.input.candidates[i]]) return false;
    return this.tally.allKnownMet() && this.withinLimits('known');
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
    const at = this.input.candidates[j] * this.R;
    for (let r = 0; r < this.R; r++) {
      const g = this.gain[at + r];
      if (g === Infinity) this.unboundedBlockedAhead[r] += by;
      else this.blockedAhead[r] += by * g;
    }
  }

  private block(i: number, by: 1 | -1): void {
    const barred = this.shape.barredWith[this.input.candidates[i]];
    for (let b = 0; b < barred.length; b++) {
      const j = this.candidateIndex[barred[b].unit];
      if (j < 0) continue;
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

  private add(u: number): void {
    this.tally.add(u);
    if (this.withAside) this.taken.add(u);
  }

  private remove(u: number): void {
    this.tally.remove(u);
    if (this.withAside) this.taken.remove(u);
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
      this.add(u);
      // Past a maximum, a unit would not count (or is not allowed): no plan below keeps within it.
      if (this.withinLimits(this.mode) && !this.holdsRedundantUnit()) {
        this.block(i, 1);
        this.visit(i + 1, cost + this.cost[u]);
        this.block(i, -1);
      }
      this.remove(u);
      this.chosen.pop();
      if (this.useTwins && this.nextTwin[i] >= 0) {
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
   * The k best plans for one learner. Searches under a cost cap that starts at the root's lower bound and rises, at
   * least to the least bound that went over it and by a step that doubles each time, until k plans fit under it or
   * nothing was cut by it.
   */
  run(input: SearchInput, k: number): FoundPlan[] {
    this.input = input;
    this.k = k;
    this.n = input.candidates.length;
    this.nodes = 0;
    this.rounds = 0;
    this.lastCut = 0;
    this.found = [];
    this.tally.clear();
    for (const u of input.base) this.tally.add(u);
    const aside = input.aside ?? [];
    this.withAside = aside.length > 0 && this.shape.forbidsAny;
    if (this.withAside) {
      this.taken.clear();
      for (const u of input.base) this.taken.add(u);
      for (const u of aside) this.taken.add(u);
    }
    // Units already past a maximum stay past it whatever is added: no plan.
    if (!this.withinLimits(this.mode)) return this.found;
    const { candidates } = input;
    for (let i = 0; i < this.n; i++) this.candidateIndex[candidates[i]] = i;
    try {
      if (this.valid()) this.cap = input.forcedCost;
      else {
        this.setUpCandidates();
        if (!this.bound(0, input.forcedCost, Infinity) || this.least === Infinity) return this.found;
        this.cap = this.least;
      }
      let step = 0;
      for (;;) {
        this.rounds++;
        this.found.length = 0;
        this.nextCap = Infinity;
        this.visit(0, input.forcedCost);
        if (this.found.length >= this.k || this.nextCap === Infinity) return this.found;
        step = step === 0 ? this.nextCap - this.cap : 2 * step;
        this.cap = Math.max(this.nextCap, this.cap + step);
      }
    } finally {
      for (let i = 0; i < this.n; i++) this.candidateIndex[candidates[i]] = -1;
    }
  }
}

/**
 * Per unit position, a class of the units interchangeable with it, or -1: the same cost (and whether it is known),
 * the same counting toward every rule (known credits, credits depending on a level, group slot, uncertainty) and in no
 * barred set, so swapping one for another changes no verdict, cost or size. None when a maximum leaves units out:
 * which unit the engine leaves out can depend on which of them is held.
 */
function twinClasses(
  shape: QualificationShape,
  cost: Float64Array,
  costKnown: Uint8Array,
): { of: Int32Array; count: number } {
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
  return { of, count: ids.size };
}
