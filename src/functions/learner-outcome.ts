// What reading one learner's row gives a worksheet function: the learner's record, a blank row (nothing to show), or
// an error for Excel to show as `#VALUE!`. Its own module because the session keeps outcomes and the formulas make
// them: each imports this, neither the other's behaviour for the type. The session keeps the result cells, not the
// record or its check.
import type { ResultHeader } from '../cohort/verdict';
import type { LearnerRecord } from '../sheet';

export type LearnerOutcome = { record: LearnerRecord } | { blank: true } | { error: string };

/** A learner's result cells, by column, as far as they have been worked out. */
export type KeptCells = Partial<Record<ResultHeader, string | number>>;

/** What a session keeps of a learner's outcome: the result cells of a checked learner, not the check. */
export type KeptOutcome = { cells: KeptCells } | { blank: true } | { error: string };
