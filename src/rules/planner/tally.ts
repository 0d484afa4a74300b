// What the planner's search counts: running credit tallies of a set of units, rule by rule (the engine's counting,
// from the shape), and what each unit can add to each rule at best, set up once per qualification.
import type { QualificationShape } from './shape';

/**
 * 'known': every rule met on known values, and no unit of unknown cost added (a plan that relies on nothing unknown).
 * 'hopeful': no rule unmet, reading unknown credits and levels as favourably as the engine's bounds allow.
 */
export type SearchMode = 'known' | 'hopeful';

/** Running credit tallies for one set of units, rule by rule, from the shape (the engine's compiled counting table). */
export class Tally {
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

  /** Back to no units, for the next learner. */
  clear(): void {
    this.known.fill(0);
    this.ifLevel.fill(0);
    this.capped.fill(0);
    this.unbounded.fill(0);
    this.slotCount.fill(0);
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

  /** `most(r)` as it would be without unit u, which the tally holds. */
  mostWithout(r: number, u: number): number {
    const at = u * this.R + r;
    const s = this.shape.slot[at];
    let unbounded = this.unbounded[r];
    let capped = this.capped[r];
    if (s >= 0 && this.slotCount[r * this.S + s] === 1) {
      if (this.shape.slotLeft[s] === Infinity) unbounded--;
      else capped -= this.shape.slotLeft[s];
    }
    return unbounded > 0
      ? Infinity
      : this.known[r] - this.shape.known[at] + this.ifLevel[r] - this.shape.ifLevel[at] + capped;
  }

  knownWithout(r: number, u: number): number {
    return this.known[r] - this.shape.known[u * this.R + r];
  }

  allKnownMet(): boolean {
    const { min } = this.shape;
    for (let r = 0; r < this.R; r++) if (this.known[r] < min[r]) return false;
    return true;
  }

  noneUnmet(): boolean {
    const { min } = this.shape;
    for (let r = 0; r < this.R; r++) if (this.most(r) < min[r]) return false;
    return true;
  }

  /**
   * Whether the units keep within every maximum: their known sum never passes one (adding units cannot undo that);
   * in 'known' mode, not even with unknown values read at their most (the maximum is met on known values).
   * `forbidding` true checks only the maxima that forbid, false only the others; left out, all of them.
   */
  withinLimits(mode: SearchMode, forbidding?: boolean): boolean {
    const { limit, forbids } = this.shape;
    for (let r = 0; r < this.R; r++) {
      if (limit[r] === Infinity) continue;
      if (forbidding !== undefined && (forbids[r] === 1) !== forbidding) continue;
      if ((mode === 'known' ? this.most(r) : this.known[r]) > limit[r]) return false;
    }
    return true;
  }

  /** Whether some maximum that leaves units out could be passed if unknown values were at their most. */
  mayPassLimit(): boolean {
    const { limit, forbids } = this.shape;
    for (let r = 0; r < this.R; r++) if (limit[r] !== Infinity && !forbids[r] && this.most(r) > limit[r]) return true;
    return false;
  }
}

/** Per unit and rule (at `u * R + r`), what the unit can add at best in a mode, and whether it adds to any rule. */
export interface Gains {
  gain: Float64Array;
  helps: Uint8Array;
}

const gainsOf = new WeakMap<QualificationShape, Record<SearchMode, Gains>>();

/** What each unit can add to each rule at best, in each mode: set up once per qualification, read by every search. */
export function gains(shape: QualificationShape, mode: SearchMode): Gains {
  let both = gainsOf.get(shape);
  if (!both) {
    const of = (m: SearchMode): Gains => {
      const R = shape.creditRules.length;
      const n = shape.units.length;
      const gain = new Float64Array(n * R);
      const helps = new Uint8Array(n);
      for (let at = 0; at < n * R; at++) {
        const s = shape.slot[at];
        // A rule without a minimum (a maximum alone) needs nothing: adding to it helps nothing.
        if (shape.min[at % R] === 0) continue;
        gain[at] =
          m === 'known' ? shape.known[at] : shape.known[at] + shape.ifLevel[at] + (s >= 0 ? shape.slotLeft[s] : 0);
        if (gain[at] > 0) helps[Math.floor(at / R)] = 1;
      }
      return { gain, helps };
    };
    gainsOf.set(shape, (both = { known: of('known'), hopeful: of('hopeful') }));
  }
  return both[mode];
}

/** Whether adding the unit can change any rule's verdict in this mode; units that cannot are never in a minimal plan. */
export function canHelp(shape: QualificationShape, mode: SearchMode, u: number): boolean {
  return gains(shape, mode).helps[u] === 1;
}
