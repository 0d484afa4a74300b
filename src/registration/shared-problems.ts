// A problem many learners share word for word (the qualification closed on the registration date) is said once, above
// the list, by the pane and the command line alike, rather than on every learner.
import type { RegistrationProblemCode } from './result';

export interface SharedProblem<C extends string = RegistrationProblemCode> {
  code: C;
  message: string;
  learners: number;
}

/** Problems said in the same words for at least this many learners, and a quarter of the cohort, are said once. */
const SHARED_AT = 3;
const SHARED_SHARE = 0.25;

function sharedKey(problem: { code: string; message: string }): string {
  return `${problem.code}\u0000${problem.message}`;
}

/** The shared problems, most learners first, and whether a learner's problem is one of them. */
export function sharedProblems<C extends string>(
  results: readonly { problems: readonly { code: C; message: string }[] }[],
): { shared: SharedProblem<C>[]; isShared: (problem: { code: string; message: string }) => boolean } {
  const counts = new Map<string, SharedProblem<C>>();
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
    shared: [...sharedKeys].map((key) => counts.get(key) as SharedProblem<C>).sort((a, b) => b.learners - a.learners),
    isShared: (problem) => sharedKeys.has(sharedKey(problem)),
  };
}
