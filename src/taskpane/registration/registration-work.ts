// Registration prep for a whole cohort without freezing the pane: the learners are checked a slice at a time, with the
// pane free to paint (and to take a new date) between slices. The rule check of each learner's units does not depend
// on the date, so it is made once per reading and kept while only the date changes.
import type { LearnerRecord } from '../../cohort/types';
import { sliceClock, yieldToUi } from '../../excel/progress';
import {
  checkEachLearner,
  type RegistrationProblem,
  type RegistrationResult,
  type UnitCheck,
} from '../../registration/check';
import { finishingSteps } from '../../registration/duplicates';
import { routeCheck } from '../../registration/route';

/** Learners checked between two looks at the clock (sliceClock): a millisecond or two of work. */
const BATCH = 25;

/** The rule checks of a reading's learners, made on first use and kept with the reading. */
const routes = new WeakMap<readonly LearnerRecord[], Map<LearnerRecord, UnitCheck>>();

/** A problem many learners share word for word (the qualification closed on the registration date): said once. */
export interface SharedProblem {
  code: RegistrationProblem['code'];
  message: string;
  learners: number;
}

export interface RegistrationView {
  results: RegistrationResult[];
  ready: RegistrationResult[];
  heldBack: RegistrationResult[];
  shared: SharedProblem[];
  /** Whether a learner's problem is one of `shared` (shown once above the list, not on every learner). */
  isShared: (problem: RegistrationProblem) => boolean;
}

/** Problems said in the same words for at least this many learners, and a quarter of the cohort, are said once. */
const SHARED_AT = 3;
const SHARED_SHARE = 0.25;

function sharedKey(problem: RegistrationProblem): string {
  return `${problem.code}\u0000${problem.message}`;
}

function viewOf(results: RegistrationResult[]): RegistrationView {
  const counts = new Map<string, SharedProblem>();
  for (const result of results) {
    for (const problem of result.problems) {
      const key = sharedKey(problem);
      const entry = counts.get(key);
      if (entry) entry.learners++;
      else counts.set(key, { code: problem.code, message: problem.message, learners: 1 });
    }
  }
  const sharedKeys = new Set(
    [...counts].filter(([, p]) => p.learners >= Math.max(SHARED_AT, results.length * SHARED_SHARE)).map(([key]) => key),
  );
  return {
    results,
    ready: results.filter((r) => r.ready),
    heldBack: results.filter((r) => !r.ready),
    shared: [...sharedKeys].map((key) => counts.get(key) as SharedProblem).sort((a, b) => b.learners - a.learners),
    isShared: (problem) => sharedKeys.has(sharedKey(problem)),
  };
}

/** Checks the learners for `date`, a slice per turn of the event loop; gives up (null) once `stale()` says so. */
export async function registrationView(
  learners: readonly LearnerRecord[],
  date: string,
  stale: () => boolean,
): Promise<RegistrationView | null> {
  let known = routes.get(learners);
  if (!known) routes.set(learners, (known = new Map()));
  const cache = known;
  const unitCheck = (record: LearnerRecord): UnitCheck => {
    let route = cache.get(record);
    if (!route) cache.set(record, (route = routeCheck(record)));
    return route;
  };
  const results: RegistrationResult[] = [];
  const clock = sliceClock();
  for (let i = 0; i < learners.length; i += BATCH) {
    if (clock.due()) {
      await yieldToUi();
      if (stale()) return null;
    }
    for (const result of checkEachLearner(learners.slice(i, i + BATCH), { date, unitCheck })) results.push(result);
  }
  for (const _ of finishingSteps(learners, results)) {
    if (!clock.due()) continue;
    await yieldToUi();
    if (stale()) return null;
  }
  await yieldToUi();
  if (stale()) return null;
  return viewOf(results);
}
