// The engine proper: every rule of a compiled qualification decided on one set of units, into buffers set up once
// per qualification, so a learner's evaluation allocates nothing per rule. Where a barred set holds more than one of
// the units, each choice of the one that counts is tried, and the choice that serves the learner best is kept (most
// rules met, then fewest unmet, then most credits; the first such choice in odometer order).
// Where a maximum that leaves units out (`overMax: not-counted`) could be passed, which units count is an allocation:
// every set of the units at stake (those of the clashing barred sets and those the maximum counts) that keeps at most
// one unit of each barred set and keeps each such maximum's known sum within it is searched, depth first, and the best
// kept: most rules met, then fewest unmet, then most credits, then fewest units left out (the first found on ties,
// keeping before leaving out, units of more credits first). A branch is cut when even keeping every unit still
// undecided could not beat the best found (minimums only come nearer with more units).
// Every sum is kept running (allocation-tally.ts): a learner's achieved units are added once, the planned ones on top
// of them, and each choice or step adds or takes out only the units it changes, then reads every rule in one pass over
// the rules, not over the units.
import * as codes from './compiled';
import type { CompiledQualification } from './compiled';
import { AllocationTally, type Rank } from './allocation-tally';
import { Verdicts } from './verdicts';

// Copied once: an imported binding read in the inner loop costs a call per read where modules are transpiled.
const NOT_COUNTED = codes.NOT_COUNTED;
const COUNTED = codes.COUNTED;

/** Evaluates learners' unit sets against one compiled qualification, reusing its scratch buffers. */
export class Evaluator {
  /** How the choice at hand ranks: it is decided in full only when it ranks above the best so far. */
  private readonly scratch: Rank = { met: 0, unmet: 0, credits: 0, size: 0 };
  /** The allocation search's bound on what a branch can reach. */
  private readonly bound: Rank = { met: 0, unmet: 0, credits: 0, size: 0 };
  /** The running sums of the units that count: after `evaluate`, of all its units. */
  private readonly tally: AllocationTally;
  private readonly dropped: Uint8Array;
  /** How many clashing sets leave each unit out, in the current choice. */
  private readonly leftOutBy: Int32Array;
  /** Clashes: barred sets holding more than one taken unit, their taken members in `clashUnits`. */
  private readonly clashStart: Int32Array;
  private readonly clashLength: Int32Array;
  private readonly clashUnits: Int32Array;
  private readonly choice: Int32Array;
  private clashCount = 0;
  /** The allocation search's state: units at stake, the maxima at stake and their kept known sums. */
  private readonly stake: Int32Array;
  private stakeCount = 0;
  private readonly capAtStake: Uint8Array;
  private readonly capKept: Float64Array;
  private readonly clashKept: Int32Array;
  private found = false;
  /** The sums' `changes` when `bound` was last set. */
  private boundAt = -1;
  /** Each forbidding maximum's known and most sums over all the units taken, set by `sumTaken`. */
  private readonly takenKnown: Float64Array;
  private readonly takenMost: Float64Array;

  /** How many barred sets held more than one of the units of the last evaluation. */
  get lastClashes(): number {
    return this.clashCount;
  }

  constructor(readonly compiled: CompiledQualification) {
    this.tally = new AllocationTally(compiled);
    this.dropped = new Uint8Array(compiled.units.length);
    this.leftOutBy = new Int32Array(compiled.units.length);
    const sets = compiled.barredSets.length;
    this.clashStart = new Int32Array(sets);
    this.clashLength = new Int32Array(sets);
    this.clashUnits = new Int32Array(compiled.barredUnits.length);
    this.choice = new Int32Array(sets);
    this.stake = new Int32Array(compiled.units.length);
    this.capAtStake = new Uint8Array(compiled.rules.length);
    this.capKept = new Float64Array(compiled.rules.length);
    this.takenKnown = new Float64Array(compiled.rules.length);
    this.takenMost = new Float64Array(compiled.rules.length);
    this.clashKept = new Int32Array(sets);
  }

  /**
   * Decides every rule on the first `count` units of `units` (unit indexes, no repeats) into `out`. `out.counted`
   * and `out.taken` are set for those units and must be clear of any others (`clear` does that). With `from` > 0, the
   * first `from` units are those of the evaluation just made (a learner's achieved units, before the planned ones are
   * added): their sums are kept.
   */
  evaluate(units: ArrayLike<number>, from: number, count: number, out: Verdicts): void {
    const { taken, counted } = out;
    const tally = this.tally;
    if (from === 0) tally.clear();
    for (let i = 0; i < count; i++) taken[units[i]] = 1;
    for (let i = from; i < count; i++) tally.add(units[i], 1);
    this.sumTaken();
    this.findClashes(taken);
    if (this.compiled.caps.length > 0 && this.capsAtStake()) {
      this.allocate(units, count, out);
      return;
    }
    for (let i = 0; i < count; i++) counted[units[i]] = 1;
    if (this.clashCount === 0) {
      tally.decide(out, this.takenKnown, this.takenMost);
      return;
    }
    // Each choice of the one unit that counts in each clashing set, in odometer order. The sums hold the units no
    // set leaves out (a unit of two sets counts only when both choose it).
    const { choice, clashStart, clashLength, clashUnits, scratch } = this;
    const clashes = this.clashCount;
    for (let c = 0; c < clashes; c++) choice[c] = 0;
    for (let c = 0; c < clashes; c++)
      for (let j = 1; j < clashLength[c]; j++) this.leaveOut(clashUnits[clashStart[c] + j]);
    let first = true;
    for (;;) {
      tally.rank(scratch, this.takenKnown, this.takenMost, false);
      if (first || better(scratch, out)) {
        tally.decide(out, this.takenKnown, this.takenMost);
        for (let c = 0; c < clashes; c++)
          for (let j = 0; j < clashLength[c]; j++) {
            const u = clashUnits[clashStart[c] + j];
            counted[u] = this.leftOutBy[u] === 0 ? 1 : 0;
          }
        first = false;
      }
      let c = 0;
      for (; c < clashes; c++) {
        const at = clashStart[c];
        this.leaveOut(clashUnits[at + choice[c]]);
        if (++choice[c] < clashLength[c]) {
          this.putBack(clashUnits[at + choice[c]]);
          break;
        }
        choice[c] = 0;
        this.putBack(clashUnits[at]);
      }
      if (c === clashes) break;
    }
    // Every unit back in the sums.
    for (let c = 0; c < clashes; c++)
      for (let j = 1; j < clashLength[c]; j++) this.putBack(clashUnits[clashStart[c] + j]);
  }

  /** A clashing set leaves unit u out: it leaves the sums with the first set that does. */
  private leaveOut(u: number): void {
    if (this.leftOutBy[u]++ === 0) this.tally.add(u, -1);
  }

  /** A clashing set takes unit u back: it is back in the sums when no set leaves it out. */
  private putBack(u: number): void {
    if (--this.leftOutBy[u] === 0) this.tally.add(u, 1);
  }

  /**
   * Decides every rule on the first `count` units of `units` with the units `counted` flags 0 left out, as an
   * earlier `evaluate` chose: how a result's rules are read again when shown. `out` must be clear of other units.
   */
  evaluateCounting(units: ArrayLike<number>, count: number, counted: Uint8Array, out: Verdicts): void {
    const tally = this.tally;
    tally.clear();
    for (let i = 0; i < count; i++) {
      out.taken[units[i]] = 1;
      tally.add(units[i], 1);
    }
    this.sumTaken();
    for (let i = 0; i < count; i++) {
      out.counted[units[i]] = counted[units[i]];
      if (counted[units[i]] === 0) tally.add(units[i], -1);
    }
    tally.decide(out, this.takenKnown, this.takenMost);
    // The sums hold every unit again, as after `evaluate`.
    for (let i = 0; i < count; i++) if (counted[units[i]] === 0) tally.add(units[i], 1);
  }

  /** Each forbidding maximum's sums over all the units taken (the sums' units): what a choice the rules forbid is judged on. */
  private sumTaken(): void {
    const { forbids } = this.compiled;
    for (let k = 0; k < forbids.length; k++) {
      const r = forbids[k];
      this.takenKnown[r] = this.tally.knownOf(r);
      this.takenMost[r] = this.tally.mostOf(r);
    }
  }

  /** Whether a maximum that leaves units out could be passed by all the units (the sums' units): marks those maxima. */
  private capsAtStake(): boolean {
    const { caps, limit } = this.compiled;
    let any = false;
    for (let k = 0; k < caps.length; k++) {
      const r = caps[k];
      this.capAtStake[r] = this.tally.mostOf(r) > limit[r] ? 1 : 0;
      if (this.capAtStake[r]) any = true;
    }
    return any;
  }

  /**
   * The best allocation (see the head of this file): the units at stake are those of clashing barred sets and those
   * a maximum at stake counts; every other unit always counts (leaving it out could only lose).
   */
  private allocate(units: ArrayLike<number>, count: number, out: Verdicts): void {
    const c = this.compiled;
    const n = c.units.length;
    const { caps, counts, value } = c;
    let stakeCount = 0;
    for (let k = 0; k < caps.length; k++) this.capKept[caps[k]] = 0;
    for (let s = 0; s < this.clashCount; s++) this.clashKept[s] = 0;
    for (let i = 0; i < count; i++) {
      const u = units[i];
      let atStake = this.clashCount > 0 && this.clashesOf(u, -1) > 0;
      for (let k = 0; k < caps.length && !atStake; k++) {
        const r = caps[k];
        if (this.capAtStake[r] && counts[r * n + u] !== NOT_COUNTED) atStake = true;
      }
      if (atStake) this.stake[stakeCount++] = u;
      else
        for (let k = 0; k < caps.length; k++) {
          const r = caps[k];
          if (counts[r * n + u] === COUNTED) this.capKept[r] += value[r * n + u];
        }
    }
    // Units of more credits first: the first allocation found (keeping before leaving out) is then near the best,
    // and the bound cuts more of the rest. Ties keep the units' own order.
    const credits = c.credits;
    const stake = this.stake;
    for (let i = 1; i < stakeCount; i++) {
      const u = stake[i];
      let j = i - 1;
      while (j >= 0 && credits[stake[j]] < credits[u]) {
        stake[j + 1] = stake[j];
        j--;
      }
      stake[j + 1] = u;
    }
    this.stakeCount = stakeCount;
    this.found = false;
    this.boundAt = -1;
    // The sums hold every unit; the search leaves them so.
    this.search(0, units, count, out);
  }

  /**
   * The credits that no allocation below can count: for each maximum of credits at stake, what its surely counted
   * units add past it in `v` (the largest such excess, so that overlapping maxima are not taken off twice).
   */
  private creditsPastCaps(): number {
    const { caps, measureIsCredits, limit } = this.compiled;
    let past = 0;
    for (let k = 0; k < caps.length; k++) {
      const r = caps[k];
      const excess = this.tally.knownOf(r) - limit[r];
      if (this.capAtStake[r] && measureIsCredits[r] === 1 && excess > past) past = excess;
    }
    return past;
  }

  /** How many clashing barred sets hold unit u; with `kept` >= 0, only those already keeping that many units. */
  private clashesOf(u: number, kept: number): number {
    let sets = 0;
    for (let s = 0; s < this.clashCount; s++) {
      const start = this.clashStart[s];
      for (let j = start; j < start + this.clashLength[s]; j++) {
        if (this.clashUnits[j] !== u) continue;
        if (kept < 0 || this.clashKept[s] === kept) sets++;
        break;
      }
    }
    return sets;
  }

  private markKept(u: number, by: 1 | -1): void {
    for (let s = 0; s < this.clashCount; s++) {
      const start = this.clashStart[s];
      for (let j = start; j < start + this.clashLength[s]; j++)
        if (this.clashUnits[j] === u) {
          this.clashKept[s] += by;
          break;
        }
    }
    const { caps, counts, value } = this.compiled;
    const n = this.compiled.units.length;
    for (let k = 0; k < caps.length; k++) {
      const r = caps[k];
      if (counts[r * n + u] === COUNTED) this.capKept[r] += by * value[r * n + u];
    }
  }

  /** Whether keeping unit u leaves every barred set with at most one kept unit and every maximum within. */
  private mayKeep(u: number): boolean {
    if (this.clashCount > 0 && this.clashesOf(u, -1) !== this.clashesOf(u, 0)) return false;
    const { caps, counts, value, limit } = this.compiled;
    const n = this.compiled.units.length;
    for (let k = 0; k < caps.length; k++) {
      const r = caps[k];
      if (counts[r * n + u] === COUNTED && this.capKept[r] + value[r * n + u] > limit[r]) return false;
    }
    return true;
  }

  private search(i: number, units: ArrayLike<number>, count: number, out: Verdicts): void {
    if (i === this.stakeCount) {
      const scratch = this.scratch;
      this.tally.rank(scratch, this.takenKnown, this.takenMost, false);
      if (!this.found || better(scratch, out)) {
        this.tally.decide(out, this.takenKnown, this.takenMost);
        for (let j = 0; j < count; j++) out.counted[units[j]] = this.dropped[units[j]] ^ 1;
        this.found = true;
      }
      return;
    }
    // The best any allocation below can do: every unit still undecided kept, every maximum read as kept within.
    // Minimums only come nearer with more units, so a branch whose bound cannot beat the best found is cut.
    if (this.found) {
      // Keeping a unit leaves the sums as they were: the bound of the node above holds.
      if (this.boundAt !== this.tally.changes) {
        this.tally.rank(this.bound, this.takenKnown, this.takenMost, true);
        this.bound.credits -= this.creditsPastCaps();
        this.boundAt = this.tally.changes;
      }
      if (!better(this.bound, out)) return;
    }
    const u = this.stake[i];
    if (this.mayKeep(u)) {
      this.markKept(u, 1);
      this.search(i + 1, units, count, out);
      this.markKept(u, -1);
    }
    this.dropped[u] = 1;
    this.tally.add(u, -1);
    this.search(i + 1, units, count, out);
    this.tally.add(u, 1);
    this.dropped[u] = 0;
  }

  /** Clears what `evaluate` set in `out` for these units, so `out` can take the next learner. */
  clear(units: ArrayLike<number>, count: number, out: Verdicts): void {
    for (let i = 0; i < count; i++) {
      out.taken[units[i]] = 0;
      out.counted[units[i]] = 0;
    }
  }

  /** The barred sets of which more than one unit is taken, with those units in the set's order. */
  private findClashes(taken: Uint8Array): void {
    const { barredStart, barredUnits } = this.compiled;
    let clashes = 0;
    let at = 0;
    for (let s = 0; s + 1 < barredStart.length; s++) {
      const start = at;
      for (let i = barredStart[s]; i < barredStart[s + 1]; i++)
        if (taken[barredUnits[i]]) this.clashUnits[at++] = barredUnits[i];
      if (at - start > 1) {
        this.clashStart[clashes] = start;
        this.clashLength[clashes++] = at - start;
      } else at = start;
    }
    this.clashCount = clashes;
  }
}

/**
 * Best first: most rules met, then fewest unmet, then most credits, then most units counted (fewest left out: only
 * units of no credits, or of unknown credits, can tie on the rest).
 */
function better(a: Rank, b: Rank): boolean {
  if (a.met !== b.met) return a.met > b.met;
  if (a.unmet !== b.unmet) return a.unmet < b.unmet;
  if (a.credits !== b.credits) return a.credits > b.credits;
  return a.size > b.size;
}

const evaluators = new WeakMap<CompiledQualification, Evaluator>();

/** The qualification's evaluator, set up once. */
export function evaluatorOf(compiled: CompiledQualification): Evaluator {
  let evaluator = evaluators.get(compiled);
  if (!evaluator) evaluators.set(compiled, (evaluator = new Evaluator(compiled)));
  return evaluator;
}
