// A lower bound for the planner's search that sees whole units: per credit rule, the least cost of the units ahead
// whose credits reach a shortfall (a dynamic programme over the small whole-number totals, once per search), added up
// over rules that no candidate counts toward together. The dual bound of search-bound.ts reads credits as divisible
// (needing 3 credits from units of 4 and 5 costs 3 there, 4 here), and that gap is where the search spent its nodes.
//
// Why the sum holds: rules that share no candidate are met by disjoint sets of added units, so any completion costs at
// least the sum of what each rule alone costs at least. Barred partners are ignored (more units to choose from only
// lowers each figure), so the bound stays a lower bound.
//
// Maxima: a plan keeps within every maximum on known values (a unit past a maximum that leaves units out would not
// count, and past one that forbids the learner's choice is forbidden), so the units it adds use at most a maximum's
// room, its limit less what the held units already count toward it. The tables carry that room as a second index:
// the least cost from candidate i on to add at least s to the rule while the added units' known measure toward each
// tabled maximum stays within its room. Proof that it stays a lower bound: take any plan's added units from candidate
// i on; their known measure toward each maximum is at most the room (the plan keeps within the maximum on known
// values, and what is held counts toward it already, all values at least 0), and they add at least the shortfall; so
// they are one of the sets the table's minimum ranges over, and cost at least that minimum. A room read larger than
// it is (a maximum not tabled, or the held units' unknown values left out) only widens that range and lowers the
// minimum. Rules of an apart set are met by disjoint parts of the plan, each within the room, so the sum holds too.

/** The largest shortfall tabled for a rule; a rule further short keeps to the dual bound alone. */
const MOST_SHORT = 1024;
/**
 * With whole-number costs, a table holds cost · SIZE + units, so that it bounds cost first and then, among the
 * cheapest, the number of units (what the tie-break compares next). More candidates than this keep to cost alone.
 */
const SIZE = 4096;
/** The most room vectors (the product over tabled maxima of their limit plus one) the tables carry. */
const MOST_ROOMS = 64;
/** The most numbers all tables together may hold; past it the tables leave maxima out. */
const MOST_CELLS = 4_000_000;

/** A maximum the tables respect: what each pool unit uses of it for certain, and its limit. */
export interface CoverCap {
  rule: number;
  use: Float64Array;
  limit: number;
}

export class CoverBound {
  /**
   * Per tabled rule, the least cost from candidate i on to add at least s within room vector v, at
   * `(i * rooms + v) * (top + 1) + s`.
   */
  private readonly tables: Float64Array[] = [];
  /** The maxima tabled, and the stride of each in a room vector's index; `rooms` vectors in all. */
  readonly caps: readonly CoverCap[];
  readonly strides: number[] = [];
  readonly rooms: number;
  private readonly tops: number[] = [];
  /** Rule index of each table. */
  private readonly rules: number[] = [];
  /** Sets of tables (indices into `tables`) whose rules no candidate counts toward together. */
  private readonly sets: number[][] = [];
  /** The same sets flat, for `least`: set k's tables are `setTables[setStart[k]]` up to `setStart[k + 1]`. */
  private readonly setStart: Int32Array;
  private readonly setTables: Int32Array;
  readonly empty: boolean;
  /** SIZE when the tables count units too, else 0. */
  private readonly size: number;

  constructor(
    n: number,
    R: number,
    gain: Float64Array,
    cost: Float64Array,
    short: Float64Array,
    wholeCosts: boolean,
    maxima: readonly CoverCap[] = [],
  ) {
    this.size = wholeCosts && n < SIZE ? SIZE : 0;
    const tabled: number[] = [];
    let cells = 0;
    for (let r = 0; r < R; r++) {
      const top = short[r];
      if (top <= 0 || top > MOST_SHORT || !Number.isInteger(top)) continue;
      let whole = true;
      for (let i = 0; i < n && whole; i++) whole = Number.isInteger(gain[i * R + r]) && cost[i] >= 0;
      if (!whole) continue;
      tabled.push(r);
      cells += (n + 1) * (top + 1);
    }
    // Maxima of whole-number limits and uses, as many as the room vectors and the cells allow.
    const caps: CoverCap[] = [];
    let rooms = 1;
    for (const cap of maxima) {
      if (!Number.isInteger(cap.limit) || cap.limit < 0 || !cap.use.every((u) => Number.isInteger(u) && u >= 0))
        continue;
      if (!cap.use.some((u) => u > 0)) continue;
      const more = rooms * (cap.limit + 1);
      if (more > MOST_ROOMS || cells * more > MOST_CELLS) continue;
      this.strides.push(rooms);
      caps.push(cap);
      rooms = more;
    }
    this.caps = caps;
    this.rooms = rooms;
    // Per candidate and room vector, the room vector left after adding it (-1 when it does not fit).
    const after = new Int32Array(n * rooms);
    for (let i = 0; i < n; i++) {
      for (let v = 0; v < rooms; v++) {
        let left = v;
        for (let c = 0; c < caps.length && left >= 0; c++) {
          const room = Math.floor(v / this.strides[c]) % (caps[c].limit + 1);
          const use = caps[c].use[i];
          left = use > room ? -1 : left - use * this.strides[c];
        }
        after[i * rooms + v] = left;
      }
    }
    for (const r of tabled) {
      const top = short[r];
      const width = top + 1;
      const table = new Float64Array((n + 1) * rooms * width);
      // Past the last candidate only a rule already met costs nothing.
      for (let v = 0; v < rooms; v++) for (let s = 1; s <= top; s++) table[(n * rooms + v) * width + s] = Infinity;
      for (let i = n - 1; i >= 0; i--) {
        const g = gain[i * R + r];
        const c = this.size > 0 ? cost[i] * this.size + 1 : cost[i];
        for (let v = 0; v < rooms; v++) {
          const row = (i * rooms + v) * width;
          const next = row + rooms * width;
          const left = after[i * rooms + v];
          const nextLeft = ((i + 1) * rooms + left) * width;
          for (let s = 0; s <= top; s++) {
            const without = table[next + s];
            const withIt = left < 0 ? Infinity : c + table[nextLeft + (s > g ? s - g : 0)];
            table[row + s] = withIt < without ? withIt : without;
          }
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
    this.setStart = Int32Array.from([0, ...this.sets.map((_, k) => this.sets.slice(0, k + 1).flat().length)]);
    this.setTables = Int32Array.from(this.sets.flat());
  }

  /** Whether rule r has a table (its shortfall at the root is a whole number, as are its units' credits). */
  tabled(r: number): boolean {
    return this.rules.includes(r);
  }

  /**
   * Whether the tables bound these rules' shortfalls together at least as high as any prices per credit do: each
   * rule has a table and one set holds them all (rules apart: the sum of the least costs of whole units is at least
   * each rule's price per credit times its shortfall, added up).
   */
  boundsTogether(rules: readonly number[]): boolean {
    const tables = rules.map((r) => this.rules.indexOf(r));
    if (tables.some((t) => t < 0)) return false;
    return this.sets.some((set) => tables.every((t) => set.includes(t)));
  }

  /**
   * The least any completion from candidate i on costs to cover the shortfalls in `short` (rule by rule); with
   * whole-number costs, as cost · SIZE + units (read it with `costOf` and `unitsOf`): no completion is cheaper, and
   * none as cheap has fewer units.
   */
  least(i: number, short: Float64Array, room = this.rooms - 1): number {
    let best = 0;
    const at = i * this.rooms + room;
    const { setStart, setTables, rules, tops, tables } = this;
    for (let k = 0; k + 1 < setStart.length; k++) {
      let sum = 0;
      for (let j = setStart[k]; j < setStart[k + 1]; j++) {
        const t = setTables[j];
        const s = short[rules[t]];
        if (s <= 0) continue;
        const top = tops[t];
        sum += tables[t][at * (top + 1) + (s < top ? s : top)];
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
