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

/**
 * Counts problems as learners' results arrive, so a caller can spread a large cohort over several turns of the event
 * loop; `finish` then says which are shared. Problems are keyed by code, then message, so no joined key is built.
 */
export class SharedProblemTally<C extends string = RegistrationProblemCode> {
  private readonly counts = new Map<string, Map<string, SharedProblem<C>>>();
  private results = 0;

  add(results: readonly { problems: readonly { code: C; message: string }[] }[]): void {
    this.results += results.length;
    for (const result of results) {
      for (const problem of result.problems) {
        let byMessage = this.counts.get(problem.code);
        if (!byMessage) this.counts.set(problem.code, (byMessage = new Map()));
        const entry = byMessage.get(problem.message);
        if (entry) entry.learners++;
        else byMessage.set(problem.message, { code: problem.code, message: problem.message, learners: 1 });
      }
    }
  }

  /** The shared problems, most learners first, and whether a learner's problem is one of them. */
  finish(): { shared: SharedProblem<C>[]; isShared: (problem: { code: string; message: string }) => boolean } {
    const at = Math.max(SHARED_AT, this.results * SHARED_SHARE);
    const shared: SharedProblem<C>[] = [];
    for (const byMessage of this.counts.values())
      for (const problem of byMessage.values()) if (problem.learners >= at) shared.push(problem);
    shared.sort((a, b) => b.learners - a.learners);
    const sharedByCode = new Map<string, Set<string>>();
    for (const problem of shared) {
      const messages = sharedByCode.get(problem.code) ?? new Set<string>();
      sharedByCode.set(problem.code, messages.add(problem.message));
    }
    return { shared, isShared: (problem) => sharedByCode.get(problem.code)?.has(problem.message) ?? false };
  }
}

/** The shared problems, most learners first, and whether a learner's problem is one of them. */
export function sharedProblems<C extends string>(
  results: readonly { problems: readonly { code: C; message: string }[] }[],
): { shared: SharedProblem<C>[]; isShared: (problem: { code: string; message: string }) => boolean } {
  const tally = new SharedProblemTally<C>();
  tally.add(results);
  return tally.finish();
}
