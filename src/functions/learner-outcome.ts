// What checking one learner's row gives a worksheet function: the learner's check, a blank row (nothing to show), or
// an error for Excel to show as `#VALUE!`. Its own module because the session keeps outcomes and the formulas make
// them: each imports this, neither the other's behaviour for the type. The session keeps the result cells, not the check.
import type { LearnerCheck, ResultHeader } from '../cohort/verdict';

export type LearnerOutcome = { check: LearnerCheck } | { blank: true } | { error: string };

/** A learner's result cells, by column, as far as they have been worked out. */
export type KeptCells = Partial<Record<ResultHeader, string | number>>;

/** What a session keeps of a learner's outcome: the result cells of a checked learner, not the check. */
export type KeptOutcome = { cells: KeptCells } | { blank: true } | { error: string };
