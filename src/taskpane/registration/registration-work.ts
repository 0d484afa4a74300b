// Registration prep for a whole cohort without freezing the pane: the learners are checked a slice at a time, with the
// pane free to paint (and to take a new date) between slices. The rule check of each learner's units does not depend
// on the date, so it is made once per reading and kept while only the date changes.
import type { LearnerRecord } from '../../sheet';
import { sliceClock, yieldToUi } from '../../excel/progress';
import {
  checkEachLearner,
  type RegistrationProblem,
  type RegistrationResult,
  type UnitCheck,
} from '../../registration';
import { finishingSteps } from '../../registration';
import { routeCheck } from '../../registration';
import { sharedProblems, type SharedProblem } from '../../registration';

/** Learners checked between two looks at the clock (sliceClock): a millisecond or two of work. */
const BATCH = 25;

/** The rule checks of a reading's learners, made on first use and kept with the reading. */
const routes = new WeakMap<readonly LearnerRecord[], Map<LearnerRecord, UnitCheck>>();

export type { SharedProblem };

export interface RegistrationView {
  results: RegistrationResult[];
  ready: RegistrationResult[];
  heldBack: RegistrationResult[];
  shared: SharedProblem[];
  /** Whether a learner's problem is one of `shared` (shown once above the list, not on every learner). */
  isShared: (problem: RegistrationProblem) => boolean;
}

function viewOf(results: RegistrationResult[]): RegistrationView {
  return {
    results,
    ready: results.filter((r) => r.ready),
    heldBack: results.filter((r) => !r.ready),
    ...sharedProblems(results),
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
