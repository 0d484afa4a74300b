// Texts that learners with the same units share (the credits at a level, the violations, the centre values, the
// default next step), made once for the first of them and kept for the others, found by a small number the engine
// makes from the units (not by the text's characters, which would have it made and then looked up).
import { sameUnits, unitsHash } from '../../rules/engine';
import type { LearnerCheck } from './learner-result';

/** What was made for one learner, kept for the next with the same units. */
interface Kept<T> {
  check: LearnerCheck;
  value: T;
}

/** Whether two learners have the same qualification and their results the same units, counted and not. */
function same(a: LearnerCheck, b: LearnerCheck): boolean {
  return a.record.qualification === b.record.qualification && sameUnits(a.result, b.result);
}

/** Values made per learner, kept for learners whose results follow from the same units. One per run: never global. */
export class ByLearnerUnits<T> {
  readonly #kept = new Map<number, Kept<T> | Kept<T>[]>();
  /** Whether the last value `of` gave was one made for an earlier learner. */
  kept = false;
  /** Learners looked up, and those found; a run whose learners are all different stops looking (see `of`). */
  #looked = 0;
  #found = 0;
  #off = false;

  /**
   * The value made for an earlier learner with the same qualification and units as `check`'s, else `make()`'s, kept
   * when the learner's row raised no problem and the engine's result follows from its units alone. `kept` says
   * whether the value was made for an earlier learner. `make` is given the learner (no function made per learner).
   */
  of(check: LearnerCheck, make: (check: LearnerCheck) => T): T {
    this.kept = false;
    const { record } = check;
    if (this.#off || record.problems.length > 0 || record.qualification === null) return make(check);
    // Learners that share units share them early in a cohort; where a few thousand found almost none, each value is
    // made for its learner (the same texts), without the number, the lookup and the entry kept per learner.
    if (++this.#looked === GIVE_UP_AFTER && this.#found * 16 < GIVE_UP_AFTER) {
      this.#off = true;
      this.#kept.clear();
      return make(check);
    }
    const hash = unitsHash(check.result);
    if (hash === undefined) return make(check);
    const kept = this.#kept.get(hash);
    this.kept = true;
    if (kept !== undefined && !Array.isArray(kept) && same(kept.check, check)) return this.#foundOne(kept.value);
    if (Array.isArray(kept)) for (const k of kept) if (same(k.check, check)) return this.#foundOne(k.value);
    this.kept = false;
    const value = make(check);
    const fresh = { check, value };
    // A number two sets of units share (rare) keeps both.
    if (kept === undefined) this.#kept.set(hash, fresh);
    else if (Array.isArray(kept)) kept.push(fresh);
    else this.#kept.set(hash, [kept, fresh]);
    return value;
  }

  #foundOne(value: T): T {
    this.#found++;
    return value;
  }
}

/** How many learners are looked up before a run that found almost none of them stops looking. */
const GIVE_UP_AFTER = 4096;
