// The lower bounds of the planner's branch and bound (search.ts) at a node: the least cost, and the fewest units, any
// completion from a candidate on can have, and whether some rule can still be reached at all.
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
import { CoverBound, type CoverCap } from './cover';
import { poolMembers, poolOf, suffixGains } from './pool';
import type { QualificationShape } from './shape';
import { gains, type SearchMode } from './tally';

const EPS = 1e-9;

/**
 * The bounds of one search (qualification, cost measure and mode), reused for every learner: what does not depend on
 * the learner (both lower bounds over the pool) is set up once. The bounds are built over the `pool`, every unit that
 * can ever be a candidate in this mode, read from the first pool unit at or after a candidate: the units ahead of a
 * learner's candidate are among those, and more units to choose from only lower a least cost, so the bounds stay
 * lower bounds (a learner's taken units are counted as available, which makes them a little weaker than bounds built
 * per learner, and far cheaper).
 */
export class SearchBound {
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
  readonly cover: CoverBound;
  /** Price vectors, at `p * R + r`, and per price vector the suffix sums of its penalty, at `p * (P + 1) + row`. */
  private prices = new Float64Array(0);
  private priceCount = 0;
  private suffixPenalty = new Float64Array(0);

  // The learner's candidates, set by `setUp`.
  private n = 0;
  /** Per candidate, its pool row (`poolRow` of its position), and the pool's length past the last candidate. */
  private readonly row: Int32Array;
  /** The price vector that last cut a branch: tried first, since neighbouring branches tend to fall to the same. */
  private lastCut = 0;
  /** Per rule, suffix sums and suffix maxima of what the candidates can add, at `r * (n + 1) + i`. */
  private readonly suffixGain: Float64Array;
  private readonly suffixMaxGain: Float64Array;
  /** Whether every cost of the learner's search is a whole number (then bounds are rounded up). */
  integerCosts = true;
  /** Per rule, what the undecided units ahead that are barred by a chosen unit could have added. */
  private readonly blockedAhead: Float64Array;
  private readonly unboundedBlockedAhead: Int32Array;
  /** Set by `bound`. */
  least = 0;
  fewest = 0;

  constructor(
    shape: QualificationShape,
    private readonly cost: Float64Array,
    costKnown: Uint8Array,
    mode: SearchMode,
  ) {
    const R = (this.R = shape.creditRules.length);
    const N = shape.units.length;
    this.gain = gains(shape, mode).gain;
    const pool = poolOf(poolMembers(shape, costKnown, mode), R, this.gain, cost);
    this.pool = pool.member;
    this.poolRow = pool.row;
    const P = (this.P = pool.size);
    const { gain: poolGain, cost: poolCost, wholeCosts: whole } = pool;
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
    this.row = new Int32Array(N + 1);
    this.suffixGain = new Float64Array(R * (N + 1));
    this.suffixMaxGain = new Float64Array(R * (N + 1));
    this.blockedAhead = new Float64Array(R);
    this.unboundedBlockedAhead = new Int32Array(R);
  }

  /** Dual bound at price vector p, from pool row `row` on, for the shortfalls in `short`. */
  private dualBound(p: number, row: number, short: Float64Array): number {
    const R = this.R;
    let sum = 0;
    for (let r = 0; r < R; r++) {
      const price = this.prices[p * R + r];
      if (price > 0) sum += price * short[r];
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
  setUp(candidates: readonly number[], forcedCost: number): void {
    const { R } = this;
    const n = (this.n = candidates.length);
    this.lastCut = 0;
    let integerCosts = Number.isInteger(forcedCost);
    for (let i = 0; i < n; i++) {
      const u = candidates[i];
      this.row[i] = this.poolRow[u];
      if (!this.poolWholeCosts) integerCosts &&= Number.isInteger(this.cost[u]);
    }
    this.row[n] = this.P;
    this.integerCosts = integerCosts;
    this.blockedAhead.fill(0);
    this.unboundedBlockedAhead.fill(0);
    suffixGains(R, this.gain, candidates, n, this.suffixGain, this.suffixMaxGain);
  }

  /** Counts a barred unit ahead in (or out of) `blockedAhead`; unbounded gains are counted apart, never subtracted. */
  countAhead(u: number, by: 1 | -1): void {
    const at = u * this.R;
    for (let r = 0; r < this.R; r++) {
      const g = this.gain[at + r];
      if (g === Infinity) this.unboundedBlockedAhead[r] += by;
      else this.blockedAhead[r] += by * g;
    }
  }

  /**
   * Sets `least`, the least cost any completion from candidate i on can have, and `fewest`, the fewest units it can
   * add, for the rules' `shortfalls` and the cover tables' `room` vector; false when some rule can no longer be
   * reached (the units ahead that are not barred cannot cover its shortfall). Stops at the first price vector whose
   * bound is over `enough`: that alone cuts the branch.
   */
  bound(i: number, cost: number, enough: number, shortfalls: Float64Array, room: number): boolean {
    const { n, R } = this;
    let fewest = 0;
    for (let r = 0; r < R; r++) {
      const short = shortfalls[r];
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
      const covered = this.cover.least(row, shortfalls, room);
      let bound = cost + this.cover.costOf(covered);
      if (this.integerCosts) bound = Math.ceil(bound - EPS);
      if (bound > least) least = bound;
      coverCost = bound;
      coverFewest = this.cover.unitsOf(covered);
    }
    for (let q = 0; q < this.priceCount && least <= enough + EPS; q++) {
      const p = (q + this.lastCut) % this.priceCount;
      let bound = cost + this.dualBound(p, row, shortfalls);
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
}
