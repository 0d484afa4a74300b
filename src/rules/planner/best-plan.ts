// A fast exact path for the commonest question: the one best plan that relies on nothing unknown, for a qualification
// without maxima whose costs are whole numbers (600/5106/1 in credits, GLH or units). It walks the candidates in
// definition order, adding before leaving out, as search.ts does, so among plans of equal cost and size the first
// found is the one the tie-break prefers (its first differing unit comes earlier), and a branch is cut as soon as its
// lower bound on (cost, size) cannot beat the plan held; under a cost cap that starts at the root's lower bound and
// rises, as there. Before that it looks only for a plan at the root's lower bounds on both cost and size (most
// learners have one): the first found is the best, and the search stops there. What it drops is search.ts's work per node that one plan without maxima does not need (k plans,
// tallies of unknown values, limits, the redundancy test, price vectors summed over the units ahead):
// - Units interchangeable for every rule (the same cost, the same known credits toward every rule, in no barred set)
//   form a class; leaving one out leaves its later twins out too, since the same plan with the earlier twin wins.
// - Bounds read in O(rules): the whole-unit bound of cover.ts over the pool from the candidate on (built once per
//   qualification), the dual bound at price vectors with zero penalty over the pool (each rule alone at its cheapest
//   cost per credit, and rules together whose units are apart, such as group B credits and level 2 credits), for cost
//   and for the number of units, and the fewest units the best unit ahead of each rule needs.
// With positive costs the best plan is minimal; with a unit of cost 0, a plan holding a redundant one has more units
// and loses on size, as it does in search.ts's minimality.
import { CoverBound } from './cover';
import { poolOf, suffixGains } from './pool';
import type { FoundPlan } from './search';
import type { QualificationShape } from './shape';
import { gains } from './tally';

const EPS = 1e-9;
/** Subsets of rules priced together are tried up to this many rules; beyond it, each rule alone. */
const MAX_RULES_TOGETHER = 8;

export class BestPlanSearch {
  /** Whether this path gives search.ts's answer for the qualification: no maxima, whole-number costs in the pool. */
  readonly applies: boolean;
  private readonly R: number;
  private readonly gain: Float64Array;
  private readonly min: Float64Array;
  /** Per unit position, bit r set when the unit adds to rule r. */
  private readonly helpsRules: Int32Array;
  /** Per unit position, its class of interchangeable units, or -1 (out of the pool, or in a barred set). */
  private readonly classOf: Int32Array;
  /** Per class, how many of its units the branch has left out (then its later units are left out too). */
  private readonly closed: Int32Array;
  /** Per unit position, the index among pool units of the first at or after it: the cover bound's row. */
  private readonly poolRow: Int32Array;
  private readonly cover: CoverBound;
  private readonly prices: Float64Array;
  private readonly priceCount: number;
  private readonly sizePrices: Float64Array;
  private readonly sizePriceCount: number;

  // The learner's search.
  private candidates: ArrayLike<number> = [];
  private n = 0;
  private readonly short: Float64Array;
  /** Per rule, suffix sums and maxima of what the candidates can add, at `r * (n + 1) + i`. */
  private readonly suffixGain: Float64Array;
  private readonly suffixMax: Float64Array;
  /** Per unit position, how many chosen units bar it. */
  private readonly blocked: Int32Array;
  private readonly chosen: number[] = [];
  private best: number[] = [];
  private bestCost = Infinity;
  private bestSize = Infinity;
  private cap = Infinity;
  private nextCap = Infinity;
  /** Set by `leastCost`: the cover tables' least cost (-1 when not read) and the fewest units at that cost. */
  private coverCost = -1;
  private coverUnits = 0;
  /**
   * The root's lower bounds: no plan costs less than `rootCost`, and none costing exactly that adds fewer than
   * `rootFewest` units (-1 until read, at the start of the search). A plan found at both is the best.
   */
  private rootCost = Infinity;
  private rootCoverCost = -1;
  private rootCoverUnits = 0;
  private rootFewest = -1;
  /** Set when the plan held is proved the best: the search stops. */
  private done = false;
  /** Nodes visited in the last `run`, for the benchmark. */
  nodes = 0;

  constructor(
    private readonly shape: QualificationShape,
    private readonly cost: Float64Array,
    private readonly pool: Uint8Array,
  ) {
    const R = (this.R = shape.creditRules.length);
    const N = shape.units.length;
    this.gain = gains(shape, 'known').gain;
    this.min = shape.min;
    // Rules are read as bits of a 32-bit number.
    let applies = shape.limit.every((l) => l === Infinity) && R <= 31;
    for (let u = 0; u < N; u++) if (pool[u] && !(Number.isInteger(cost[u]) && cost[u] >= 0)) applies = false;
    this.applies = applies;

    this.helpsRules = new Int32Array(N);
    for (let u = 0; u < N; u++)
      for (let r = 0; r < R && r < 31; r++) if (this.gain[u * R + r] > 0) this.helpsRules[u] |= 1 << r;
    this.classOf = new Int32Array(N).fill(-1);
    const ids = new Map<string, number>();
    for (let u = 0; u < N; u++) {
      if (!pool[u] || shape.barredWith[u].length > 0) continue;
      let key = `${cost[u]}`;
      for (let r = 0; r < R; r++) key += `/${this.gain[u * R + r]}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      this.classOf[u] = id;
    }
    this.closed = new Int32Array(ids.size);

    const poolRows = poolOf(pool, R, this.gain, cost);
    this.poolRow = poolRows.row;
    this.cover = new CoverBound(poolRows.size, R, poolRows.gain, poolRows.cost, this.min, true);
    // Prices per credit that the cover tables bound at least as high are left out: read at every node for nothing.
    this.prices = priceVectors(shape, this.gain, pool, cost, (rules) => this.cover.boundsTogether(rules));
    this.priceCount = this.prices.length / R;
    // The same bound for the number of units: each unit costs 1.
    this.sizePrices = priceVectors(shape, this.gain, pool, new Float64Array(N).fill(1));
    this.sizePriceCount = this.sizePrices.length / R;

    this.short = new Float64Array(R);
    this.suffixGain = new Float64Array(R * (N + 1));
    this.suffixMax = new Float64Array(R * (N + 1));
    this.blocked = new Int32Array(N);
  }

  /**
   * The best plan adding candidates (by position, in definition order, each of the pool and not barred with `base`)
   * to `base`, or null when none exists.
   */
  run(
    base: ArrayLike<number>,
    baseCount: number,
    candidates: ArrayLike<number>,
    candidateCount: number,
    forcedCost: number,
  ): FoundPlan | null {
    const { R, gain, short, shape } = this;
    this.nodes = 0;
    for (let r = 0; r < R; r++) short[r] = this.min[r];
    for (let i = 0; i < baseCount; i++) for (let r = 0; r < R; r++) short[r] -= shape.known[base[i] * R + r];
    // Bit r: rule r short. A rule met by the base stays met, and its sums over the candidates are never read.
    let open = 0;
    for (let r = 0; r < R; r++) {
      if (short[r] <= EPS) short[r] = 0;
      else open |= 1 << r;
    }
    if (open === 0) return { units: [], cost: forcedCost, size: 0 };
    this.n = candidateCount;
    this.candidates = candidates;
    // The maxima are read for the root's fewest units, before the search: worked out with the sums.
    suffixGains(R, gain, candidates, candidateCount, this.suffixGain, this.suffixMax, open);
    this.bestCost = Infinity;
    this.bestSize = Infinity;
    this.chosen.length = 0;
    // Under a cost cap that starts at the root's lower bound and rises to the least bound that went over it: the
    // first plans found in definition order can be dear, and until one is held they cut nothing.
    this.cap = this.n === 0 ? 0 : this.leastCost(0, Infinity);
    if (this.cap === Infinity) return null;
    this.rootCost = this.cap;
    this.rootCoverCost = this.coverCost;
    this.rootCoverUnits = this.coverUnits;
    this.rootFewest = -1;
    this.done = false;
    // First only plans of the root's least cost and fewest units, as if one were held with a unit more: the first found
    // is the best (none is cheaper or smaller, and the first of equal plans found is the tie-break's). Searching for
    // any plan first can walk far through dearer or larger ones before it.
    if (this.n > 0) {
      this.bestCost = this.cap;
      this.bestSize = this.rootAtLeast() + 1;
      this.nextCap = Infinity;
      this.visit(0, 0);
      if (this.done) return { units: this.best, cost: forcedCost + this.bestCost, size: this.bestSize };
      this.bestCost = Infinity;
      this.bestSize = Infinity;
    }
    for (;;) {
      this.nextCap = Infinity;
      this.visit(0, 0);
      if (this.bestCost < Infinity || this.nextCap === Infinity) break;
      this.cap = this.nextCap;
    }
    if (this.bestCost === Infinity) return null;
    // `best` is a copy made when it was found, never written to after.
    return { units: this.best, cost: forcedCost + this.bestCost, size: this.bestSize };
  }

  /**
   * The least cost any completion from candidate i on adds, at least (the price vectors', then the cover tables'
   * bound); over `enough`, the first bound over it. Sets `coverCost` and `coverUnits` when the tables were read.
   */
  private leastCost(i: number, enough: number): number {
    const least = this.priceCount > 0 ? dualBound(this.prices, this.priceCount, this.R, this.short) : 0;
    this.coverCost = -1;
    if (least > enough || this.cover.empty) return least;
    const covered = this.cover.least(this.poolRow[this.candidates[i]], this.short);
    this.coverCost = this.cover.costOf(covered);
    this.coverUnits = this.cover.unitsOf(covered);
    return this.coverCost > least ? this.coverCost : least;
  }

  /** Whether some completion from candidate i on could beat the plan held on cost, or on size at equal cost. */
  private promising(i: number, cost: number): boolean {
    const { R, short, n } = this;
    for (let r = 0; r < R; r++) {
      const s = short[r];
      if (s > EPS && s > this.suffixGain[r * (n + 1) + i] + EPS) return false;
    }
    const enough = this.bestCost < this.cap ? this.bestCost : this.cap;
    const least = this.leastCost(i, enough - cost);
    const lowest = cost + least;
    if (lowest > this.cap) {
      if (lowest < this.nextCap) this.nextCap = lowest;
      return false;
    }
    if (lowest !== this.bestCost) return lowest < this.bestCost;
    // As cheap as the plan held at best: a plan found later with the same cost and size loses the tie-break to it, so
    // the branch must be able to add fewer units. None as cheap as the cover bound adds fewer units than it says.
    const fewest = this.fewest(i, this.coverCost === least ? this.coverUnits : 0);
    return this.chosen.length + fewest < this.bestSize;
  }

  /**
   * The fewest units any completion from candidate i on adds, at least, at the cost the bound read (`atCost`: the
   * cover tables' fewest units when that cost is theirs, else 0).
   */
  private fewest(i: number, atCost: number): number {
    const { R, short, n } = this;
    let fewest = atCost;
    for (let r = 0; r < R; r++) {
      const s = short[r];
      if (s <= EPS) continue;
      const f = Math.ceil(s / this.suffixMax[r * (n + 1) + i] - EPS);
      if (f > fewest) fewest = f;
    }
    const sizeBound = dualBound(this.sizePrices, this.sizePriceCount, R, short);
    return sizeBound > fewest ? sizeBound : fewest;
  }

  /**
   * The fewest units a plan of the root's least cost adds, at least: read once, at the root (nothing chosen, so
   * `short` holds the root's shortfalls), then kept.
   */
  private rootAtLeast(): number {
    if (this.rootFewest < 0)
      this.rootFewest = this.fewest(0, this.rootCoverCost === this.rootCost ? this.rootCoverUnits : 0);
    return this.rootFewest;
  }

  private visit(i: number, cost: number): void {
    if (this.done) return;
    this.nodes++;
    const { R, short, gain, candidates, n, helpsRules } = this;
    // Bit r: rule r still short.
    let open = 0;
    for (let r = 0; r < R; r++) if (short[r] > EPS) open |= 1 << r;
    if (open === 0) {
      const size = this.chosen.length;
      if (cost > this.cap) {
        if (cost < this.nextCap) this.nextCap = cost;
        return;
      }
      if (cost < this.bestCost || (cost === this.bestCost && size < this.bestSize)) {
        this.bestCost = cost;
        this.bestSize = size;
        this.best = this.chosen.slice();
        if (cost === this.rootCost && size <= this.rootAtLeast()) this.done = true;
      }
      return;
    }
    // Units barred by a chosen one, left out with an earlier twin, or adding to no rule still short are passed over.
    for (; i < n; i++) {
      const u = candidates[i];
      if ((helpsRules[u] & open) === 0 || this.blocked[u] > 0) continue;
      const c = this.classOf[u];
      if (c < 0 || this.closed[c] === 0) break;
    }
    if (i === n || !this.promising(i, cost)) return;
    const u = candidates[i];
    const barred = this.shape.barredWith[u];
    this.chosen.push(u);
    for (let r = 0; r < R; r++) short[r] -= gain[u * R + r];
    for (const b of barred) this.blocked[b.unit]++;
    this.visit(i + 1, cost + this.cost[u]);
    for (const b of barred) this.blocked[b.unit]--;
    for (let r = 0; r < R; r++) short[r] += gain[u * R + r];
    this.chosen.pop();
    const c = this.classOf[u];
    if (c >= 0) this.closed[c]++;
    this.visit(i + 1, cost);
    if (c >= 0) this.closed[c]--;
  }
}

/** The largest dual bound over the price vectors for the shortfalls, rounded up (costs are whole numbers). */
function dualBound(prices: Float64Array, count: number, R: number, short: Float64Array): number {
  let least = 0;
  for (let p = 0; p < count; p++) {
    let sum = 0;
    for (let r = 0; r < R; r++) if (short[r] > 0) sum += prices[p * R + r] * short[r];
    if (sum > least) least = sum;
  }
  return Math.ceil(least - EPS);
}
/**
 * Price vectors with zero penalty over the pool: each rule priced at its cheapest cost per credit, alone and with any
 * other rules whose units are apart enough that no unit is worth more than it costs at those prices. Then any
 * completion costs at least the shortfalls at those prices, read without sums over the units ahead.
 */
function priceVectors(
  shape: QualificationShape,
  gain: Float64Array,
  pool: Uint8Array,
  cost: Float64Array,
  dominated: (rules: readonly number[]) => boolean = () => false,
): Float64Array {
  const R = shape.creditRules.length;
  const N = shape.units.length;
  const ratio = new Float64Array(R).fill(Infinity);
  for (let u = 0; u < N; u++)
    for (let r = 0; r < R; r++) {
      const g = gain[u * R + r];
      if (pool[u] && g > 0) ratio[r] = Math.min(ratio[r], cost[u] / g);
    }
  const priced = [...ratio.keys()].filter((r) => shape.min[r] > 0 && ratio[r] > 0 && Number.isFinite(ratio[r]));
  const groups =
    priced.length <= MAX_RULES_TOGETHER
      ? Array.from({ length: (1 << priced.length) - 1 }, (_, m) => priced.filter((_, j) => (m + 1) & (1 << j)))
      : priced.map((r) => [r]);
  const vectors: number[][] = [];
  for (const members of groups) {
    let zero = true;
    for (let u = 0; u < N && zero; u++) {
      if (!pool[u]) continue;
      let worth = 0;
      for (const r of members) worth += ratio[r] * gain[u * R + r];
      if (worth > cost[u] + EPS) zero = false;
    }
    // A vector inside a larger one bounds no higher: keep only the largest (found later, as masks grow).
    if (zero) vectors.push(members);
  }
  const kept = vectors.filter(
    (a) => !vectors.some((b) => b.length > a.length && a.every((r) => b.includes(r))) && !dominated(a),
  );
  const prices = new Float64Array(kept.length * R);
  kept.forEach((members, p) => {
    for (const r of members) prices[p * R + r] = ratio[r];
  });
  return prices;
}
