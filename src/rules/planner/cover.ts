// A lower bound for the planner's search that sees whole units: per credit rule, the least cost of the units ahead
// whose credits reach a shortfall (a dynamic programme over the small whole-number totals, once per search), added up
// over rules that no candidate counts toward together. The dual bound of search.ts reads credits as divisible
// (needing 3 credits from units of 4 and 5 costs 3 there, 4 here), and that gap is where the search spent its nodes.
//
// Why the sum holds: rules that share no candidate are met by disjoint sets of added units, so any completion costs at
// least the sum of what each rule alone costs at least. Barred partners are ignored (more units to choose from only
// lowers each figure), so the bound stays a lower bound.

/** The largest shortfall tabled for a rule; a rule further short keeps to the dual bound alone. */
const MOST_SHORT = 1024;
/**
 * With whole-number costs, a table holds cost · SIZE + units, so that it bounds cost first and then, among the
 * cheapest, the number of units (what the tie-break compares next). More candidates than this keep to cost alone.
 */
const SIZE = 4096;

export class CoverBound {
  /** Per tabled rule, the least cost from candidate i on to add at least s, at `i * (top + 1) + s`. */
  private readonly tables: Float64Array[] = [];
  private readonly tops: number[] = [];
  /** Rule index of each table. */
  private readonly rules: number[] = [];
  /** Sets of tables (indices into `tables`) whose rules no candidate counts toward together. */
  private readonly sets: number[][] = [];
  readonly empty: boolean;
  /** SIZE when the tables count units too, else 0. */
  private readonly size: number;

  constructor(n: number, R: number, gain: Float64Array, cost: Float64Array, short: Float64Array, wholeCosts: boolean) {
    this.size = wholeCosts && n < SIZE ? SIZE : 0;
    for (let r = 0; r < R; r++) {
      const top = short[r];
      if (top <= 0 || top > MOST_SHORT || !Number.isInteger(top)) continue;
      let whole = true;
      for (let i = 0; i < n && whole; i++) whole = Number.isInteger(gain[i * R + r]) && cost[i] >= 0;
      if (!whole) continue;
      const width = top + 1;
      const table = new Float64Array((n + 1) * width);
      // Past the last candidate only a rule already met costs nothing.
      for (let s = 1; s <= top; s++) table[n * width + s] = Infinity;
      for (let i = n - 1; i >= 0; i--) {
        const g = gain[i * R + r];
        const c = this.size > 0 ? cost[i] * this.size + 1 : cost[i];
        const row = i * width;
        const next = row + width;
        for (let s = 0; s <= top; s++) {
          const without = table[next + s];
          const withIt = c + table[next + (s > g ? s - g : 0)];
          table[row + s] = withIt < without ? withIt : without;
        }
      }
      this.tables.push(table);
      this.tops.push(top);
      this.rules.push(r);
    }
    const T = this.tables.length;
    // Sets are made of the first ten tables at most; beyond those, each rule alone.
    const B = Math.min(T, 10);
    // Bit a of shared[b]: some candidate counts toward the rules of tables a and b both.
    const shared = new Int32Array(B);
    for (let i = 0; i < n; i++) {
      let counts = 0;
      for (let a = 0; a < B; a++) if (gain[i * R + this.rules[a]] > 0) counts |= 1 << a;
      for (let a = 0; a < B; a++) if (counts & (1 << a)) shared[a] |= counts & ~(1 << a);
    }
    // Every largest set of pairwise apart rules: a set within another sums less, as no cost is negative.
    const apartSets: number[] = [];
    for (let mask = 1; mask < 1 << B; mask++) {
      let apart = true;
      for (let a = 0; a < B && apart; a++) if (mask & (1 << a)) apart = (shared[a] & mask) === 0;
      if (apart) apartSets.push(mask);
    }
    for (const mask of apartSets) {
      if (apartSets.some((other) => other !== mask && (other & mask) === mask)) continue;
      const members: number[] = [];
      for (let a = 0; a < B; a++) if (mask & (1 << a)) members.push(a);
      this.sets.push(members);
    }
    for (let a = B; a < T; a++) this.sets.push([a]);
    this.empty = this.sets.length === 0;
  }

  /** Whether rule r has a table (its shortfall at the root is a whole number, as are its units' credits). */
  tabled(r: number): boolean {
    return this.rules.includes(r);
  }

  /**
   * The least any completion from candidate i on costs to cover the shortfalls in `short` (rule by rule); with
   * whole-number costs, as cost · SIZE + units (read it with `costOf` and `unitsOf`): no completion is cheaper, and
   * none as cheap has fewer units.
   */
  least(i: number, short: Float64Array): number {
    let best = 0;
    for (const set of this.sets) {
      let sum = 0;
      for (const t of set) {
        const s = short[this.rules[t]];
        if (s <= 0) continue;
        const top = this.tops[t];
        sum += this.tables[t][i * (top + 1) + (s < top ? s : top)];
      }
      if (sum > best) best = sum;
    }
    return best;
  }

  costOf(least: number): number {
    return this.size > 0 ? Math.floor(least / this.size) : least;
  }

  /** The fewest units a completion costing exactly `costOf(least)` adds (0 when the tables count cost alone). */
  unitsOf(least: number): number {
    return this.size > 0 ? least - Math.floor(least / this.size) * this.size : 0;
  }
}
