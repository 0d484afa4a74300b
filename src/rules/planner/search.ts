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
// The lower bounds (the dual of covering every rule's shortfall, and cover.ts's whole-unit tables) are in
// search-bound.ts.
import { CountedUnits } from './counted-units';
import { SearchBound } from './search-bound';
import type { QualificationShape } from './shape';
import { gains, Tally, type SearchMode } from './tally';
import { twinClasses } from './twins';

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
 */
export class PlanSearch {
  /** Per rule, the least of its measure it asks for (the shape's `min`). */
  private readonly min: Float64Array;
  private readonly R: number;
  /** What unit u can add to rule r at best in this mode, at `u * R + r`. */
  private readonly gain: Float64Array;
  /** 1 for each unit position that can be a candidate in this mode (it helps, and in 'known' its cost is known). */
  readonly pool: Uint8Array;
  /** The lower bounds, over the pool. */
  private readonly bounds: SearchBound;
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
  private readonly short: Float64Array;
  private readonly chosen: number[] = [];
  private found: FoundPlan[] = [];
  private cap = Infinity;
  private nextCap = Infinity;
  /** For `allCount`: the engine's choice of the units that count, and the plan's units. */
  private readonly counted: CountedUnits;
  private readonly planUnits: Int32Array;
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
    this.bounds = new SearchBound(shape, cost, costKnown, mode);
    this.pool = this.bounds.pool;
    const twins = twinClasses(shape, cost, costKnown);
    this.twinClass = twins.of;
    this.twinLast = new Int32Array(twins.count);

    this.tally = new Tally(shape);
    this.taken = new Tally(shape);
    this.candidateIndex = new Int32Array(N).fill(-1);
    this.blocked = new Int32Array(N);
    this.planUnits = new Int32Array(N);
    this.counted = new CountedUnits(shape.index.qualification);
    this.nextTwin = new Int32Array(N);
    this.short = new Float64Array(R);
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
    const { caps, strides } = this.bounds.cover;
    let v = 0;
    for (let c = 0; c < caps.length; c++) {
      const r = caps[c].rule;
      const used = this.withAside && this.shape.forbids[r] === 1 ? this.taken.known[r] : this.tally.known[r];
      const left = Math.floor(caps[c].limit - used + EPS);
      v += (left < 0 ? 0 : left) * strides[c];
    }
    return v;
  }

  /** Sets up the learner's candidates for the bounds: only a search with something to find needs this. */
  private setUpCandidates(): void {
    const { n } = this;
    const { candidates, forcedCost } = this.input;
    for (let i = 0; i < n; i++) this.blocked[i] = 0;
    this.bounds.setUp(candidates, forcedCost);
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
    // The engine's own allocation, on unit positions, into buffers kept for this: no refs, sets or result objects
    // per plan.
    const { base, candidates } = this.input;
    const units = this.planUnits;
    let count = 0;
    for (const u of base) units[count++] = u;
    for (const i of this.chosen) units[count++] = candidates[i];
    const counted = this.counted.decide(units, count);
    let all = true;
    for (let i = 0; i < count && all; i++) all = counted[units[i]] === 1;
    this.counted.clear(units, count);
    return all;
  }

  /** The bounds' `bound` for the learner's shortfalls and maxima's room (search-bound.ts). */
  private bound(i: number, cost: number, enough: number): boolean {
    this.computeShortfalls();
    const { cover } = this.bounds;
    return this.bounds.bound(i, cost, enough, this.short, !cover.empty && cover.rooms > 1 ? this.room() : 0);
  }

  /** Whether some completion from candidate i on could cost at most the cap and be among the k best. */
  private promising(i: number, cost: number): boolean {
    const full = this.found.length >= this.k;
    const kth = this.found[this.k - 1];
    if (!this.bound(i, cost, full ? Math.min(this.cap, kth.cost) : this.cap)) return false;
    if (this.bounds.least > this.cap + EPS) {
      this.nextCap = Math.min(this.nextCap, this.bounds.least);
      return false;
    }
    if (!full) return true;
    if (this.bounds.least > kth.cost + EPS) return false;
    if (!this.bounds.integerCosts) return true;
    return !(this.bounds.least === kth.cost && this.chosen.length + this.bounds.fewest >= kth.size);
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

  /** Counts a barred candidate ahead in (or out of) the bounds' units ahead. */
  private countAhead(j: number, by: 1 | -1): void {
    this.bounds.countAhead(this.input.candidates[j], by);
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
        if (!this.bound(0, input.forcedCost, Infinity) || this.bounds.least === Infinity) return this.found;
        this.cap = this.bounds.least;
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
