// Registration prep for a whole cohort without freezing the pane: the learners are checked a slice at a time, with the
// pane free to paint (and to take a new date) between slices. The rule check of each learner's units does not depend
// on the date, so it is made once per reading and kept while only the date changes.
import type { LearnerRecord } from '../../sheet';
import { sliceClock, yieldToUi } from '../../excel';
import {
  checkEachLearner,
  finishingSteps,
  routeCheck,
  SharedProblemTally,
  type RegistrationProblem,
  type RegistrationResult,
  type SharedProblem,
  type UnitCheck,
} from '../../registration';

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

function viewOf(results: RegistrationResult[], tally: SharedProblemTally): RegistrationView {
  return {
    results,
    ready: results.filter((r) => r.ready),
    heldBack: results.filter((r) => !r.ready),
    ...tally.finish(),
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
  // Problems are counted a slice at a time too: at 20,000 learners one count over all of them was a task of 250 ms.
  const tally = new SharedProblemTally();
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
  // After the finishing steps, which add the problems found across learners (duplicates).
  for (let i = 0; i < results.length; i += BATCH) {
    if (clock.due()) {
      await yieldToUi();
      if (stale()) return null;
    }
    tally.add(results.slice(i, i + BATCH));
  }
  await yieldToUi();
  if (stale()) return null;
  return viewOf(results, tally);
}
