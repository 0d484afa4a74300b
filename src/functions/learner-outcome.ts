// What checking one learner's row gives a worksheet function: the learner's check, a blank row (nothing to show), or
// an error for Excel to show as `#VALUE!`. Its own module because the session keeps outcomes and the formulas make
// them: each imports this, neither the other's behaviour for the type.
import type { LearnerCheck } from '../cohort/verdict';

export type LearnerOutcome = { check: LearnerCheck } | { blank: true } | { error: string };
