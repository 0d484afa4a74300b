// The engine proper: every rule of a compiled qualification decided on one set of units, into buffers set up once
// per qualification, so a learner's evaluation allocates nothing per rule. Where a barred set holds more than one of
// the units, each choice of the one that counts is tried, and the choice that serves the learner best is kept (most
// rules met, then fewest unmet, then most credits; the first such choice in odometer order).
import * as codes from './compiled';
import type { CompiledQualification } from './compiled';

// Copied once: an imported binding read in the inner loop costs a call per read where modules are transpiled.
const NOT_COUNTED = codes.NOT_COUNTED;
const COUNTED = codes.COUNTED;
const IF_LEVEL = codes.IF_LEVEL;
const UNKNOWN_CREDITS = codes.UNKNOWN_CREDITS;

export const MET = 0;
export const UNMET = 1;
export const UNKNOWN = 2;

/** One evaluation's results, rule by rule in the compiled qualification's order. */
export class Verdicts {
  /** MET, UNMET or UNKNOWN per rule. */
  readonly outcome: Uint8Array;
  /** Credits (or mandatory units) counted from known values. */
  readonly known: Float64Array;
  /** The most the rule could count with every unknown value favourable; Infinity when unbounded. */
  readonly most: Float64Array;
  /** 1 for each unit that counts (taken, and not set aside by a barred set). */
  readonly counted: Uint8Array;
  /** 1 for each unit taken. */
  readonly taken: Uint8Array;
  met = 0;
  unmet = 0;
  /** Known credits of the units that count. */
  credits = 0;

  constructor(readonly compiled: CompiledQualification) {
    const R = compiled.rules.length;
    const n = compiled.units.length;
    this.outcome = new Uint8Array(R);
    this.known = new Float64Array(R);
    this.most = new Float64Array(R);
    this.counted = new Uint8Array(n);
    this.taken = new Uint8Array(n);
  }
}

/** Evaluates learners' unit sets against one compiled qualification, reusing its scratch buffers. */
export class Evaluator {
  private readonly scratch: Verdicts;
  private readonly dropped: Uint8Array;
  /** The units of the evaluation that are not dropped, in order. */
  private readonly live: Int32Array;
  private readonly slotSeen: Int32Array;
  private generation = 0;
  /** Clashes: barred sets holding more than one taken unit, their taken members in `clashUnits`. */
  private readonly clashStart: Int32Array;
  private readonly clashLength: Int32Array;
  private readonly clashUnits: Int32Array;
  private readonly choice: Int32Array;
  private clashCount = 0;

  /** How many barred sets held more than one of the units of the last evaluation. */
  get lastClashes(): number {
    return this.clashCount;
  }

  constructor(readonly compiled: CompiledQualification) {
    this.scratch = new Verdicts(compiled);
    this.dropped = new Uint8Array(compiled.units.length);
    this.live = new Int32Array(compiled.units.length);
    this.slotSeen = new Int32Array(compiled.slotLeft.length);
    const sets = compiled.barredSets.length;
    this.clashStart = new Int32Array(sets);
    this.clashLength = new Int32Array(sets);
    this.clashUnits = new Int32Array(compiled.barredUnits.length);
    this.choice = new Int32Array(sets);
  }

  /**
   * Decides every rule on the first `count` units of `units` (unit indexes, no repeats) into `out`. `out.counted`
   * and `out.taken` are set for those units and must be clear of any others (`clear` does that).
   */
  evaluate(units: ArrayLike<number>, count: number, out: Verdicts): void {
    const { taken } = out;
    for (let i = 0; i < count; i++) taken[units[i]] = 1;
    this.findClashes(taken);
    if (this.clashCount === 0) {
      this.decide(units, count, out);
      return;
    }
    const { choice, dropped, clashStart, clashLength, clashUnits, scratch } = this;
    const clashes = this.clashCount;
    choice.fill(0, 0, clashes);
    let first = true;
    for (;;) {
      for (let c = 0; c < clashes; c++) {
        for (let j = 0; j < clashLength[c]; j++) if (j !== choice[c]) dropped[clashUnits[clashStart[c] + j]] = 1;
      }
      this.decide(units, count, scratch);
      if (first || better(scratch, out)) {
        out.outcome.set(scratch.outcome);
        out.known.set(scratch.known);
        out.most.set(scratch.most);
        out.met = scratch.met;
        out.unmet = scratch.unmet;
        out.credits = scratch.credits;
        for (let i = 0; i < count; i++) out.counted[units[i]] = dropped[units[i]] ^ 1;
        first = false;
      }
      for (let c = 0; c < clashes; c++)
        for (let j = 0; j < clashLength[c]; j++) dropped[clashUnits[clashStart[c] + j]] = 0;
      let c = 0;
      while (c < clashes && ++choice[c] >= clashLength[c]) choice[c++] = 0;
      if (c === clashes) break;
    }
    for (let i = 0; i < count; i++) scratch.counted[units[i]] = 0;
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

  /** Every rule on the taken units that are not dropped. */
  private decide(units: ArrayLike<number>, count: number, out: Verdicts): void {
    const c = this.compiled;
    const n = c.units.length;
    const { dropped, slotSeen } = this;
    const { counts, credits: unitCredits, slotOf, slotLeft, creditRules, required, needStart, needs } = c;
    const { counted, outcome } = out;
    const live = this.live;
    let credits = 0;
    let liveCount = 0;
    for (let i = 0; i < count; i++) {
      const u = units[i];
      counted[u] = dropped[u] ^ 1;
      if (dropped[u] === 0) {
        credits += unitCredits[u];
        live[liveCount++] = u;
      }
    }
    let met = 0;
    let unmet = 0;
    let generation = this.generation;
    const ruleCount = creditRules.length;
    for (let r = 0; r < ruleCount; r++) {
      let known = 0;
      let extra = 0;
      if (creditRules[r] !== undefined) {
        generation++;
        const row = r * n;
        for (let i = 0; i < liveCount; i++) {
          const u = live[i];
          const how = counts[row + u];
          if (how === NOT_COUNTED) continue;
          if (how === COUNTED) known += unitCredits[u];
          else if (how === IF_LEVEL) extra += unitCredits[u];
          else if (how === UNKNOWN_CREDITS) {
            // Unknown credits of a group's units share what its stated total leaves, counted once per group.
            const slot = slotOf[u];
            if (slotSeen[slot] !== generation) {
              slotSeen[slot] = generation;
              extra += slotLeft[slot];
            }
          }
        }
      } else {
        for (let i = needStart[r]; i < needStart[r + 1]; i++) known += counted[needs[i]];
      }
      const least = required[r];
      const most = known + extra;
      out.known[r] = known;
      out.most[r] = most;
      if (known >= least) {
        outcome[r] = MET;
        met++;
      } else if (most < least) {
        outcome[r] = UNMET;
        unmet++;
      } else outcome[r] = UNKNOWN;
    }
    this.generation = generation;
    out.met = met;
    out.unmet = unmet;
    out.credits = credits;
  }
}

/** Best first: most rules met, then fewest unmet, then most credits. */
function better(a: Verdicts, b: Verdicts): boolean {
  if (a.met !== b.met) return a.met > b.met;
  if (a.unmet !== b.unmet) return a.unmet < b.unmet;
  return a.credits > b.credits;
}

const evaluators = new WeakMap<CompiledQualification, Evaluator>();

/** The qualification's evaluator, set up once. */
export function evaluatorOf(compiled: CompiledQualification): Evaluator {
  let evaluator = evaluators.get(compiled);
  if (!evaluator) evaluators.set(compiled, (evaluator = new Evaluator(compiled)));
  return evaluator;
}

/** Both evaluations of one learner, achieved units alone and with planned ones, in buffers reused learner to learner. */
export class LearnerVerdicts {
  readonly achieved: Verdicts;
  readonly withPlanned: Verdicts;
  /** The learner's units the qualification knows, by index: achieved first, then planned. */
  readonly units: Int32Array;
  achievedCount = 0;
  count = 0;
  /** Units the qualification does not know. */
  strangers = 0;
  /** Barred sets of which the learner holds more than one unit. */
  clashes = 0;

  constructor(readonly compiled: CompiledQualification) {
    this.achieved = new Verdicts(compiled);
    this.withPlanned = new Verdicts(compiled);
    this.units = new Int32Array(compiled.units.length);
  }
}

/**
 * Decides every rule for one learner into `out`, on achieved units and on achieved plus planned (a unit both achieved
 * and planned is achieved). Nothing is allocated: the refs are looked up, the buffers reused.
 */
export function decideLearner(
  evaluator: Evaluator,
  achieved: readonly string[],
  planned: readonly string[],
  out: LearnerVerdicts,
): void {
  const { position } = evaluator.compiled;
  evaluator.clear(out.units, out.achievedCount, out.achieved);
  evaluator.clear(out.units, out.count, out.withPlanned);
  const seen = out.withPlanned.taken;
  let count = 0;
  let strangers = 0;
  for (let pass = 0; pass < 2; pass++) {
    const refs = pass === 0 ? achieved : planned;
    for (let i = 0; i < refs.length; i++) {
      const u = position.get(refs[i]);
      if (u === undefined) strangers++;
      else if (seen[u] === 0) {
        seen[u] = 1;
        out.units[count++] = u;
      }
    }
    if (pass === 0) out.achievedCount = count;
  }
  out.count = count;
  out.strangers = strangers;
  evaluator.evaluate(out.units, out.achievedCount, out.achieved);
  evaluator.evaluate(out.units, count, out.withPlanned);
  out.clashes = evaluator.lastClashes;
}
