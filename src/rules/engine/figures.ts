// A learner's status and credits alone, for a caller that shows nothing else (the STATUS and CREDITS worksheet
// functions): the compiled evaluator's verdicts read straight from its reused buffers, without the result objects,
// violations and units counted that `checkUnits` builds from them. The same decision, so the same figures.
import { compileQualification, type CompiledQualification } from './compiled';
import { type Evaluator, evaluatorOf } from './evaluate-compiled';
import { decideLearner, LearnerVerdicts } from './learner-verdicts';
import { verdictStatus } from './evaluate';
import type { LearnerUnits, QualificationDefinition, Status } from '../model';

/** What `checkUnits` says of a learner's status and of the credits counted, achieved alone and with planned. */
export interface UnitFigures {
  status: Status;
  achievedCredits: number;
  withPlannedCredits: number;
}

/** Buffers of their own, so a figure never reads verdicts a `checkUnits` call in between has overwritten. */
const buffers = new WeakMap<CompiledQualification, LearnerVerdicts>();

/**
 * The qualification asked about last, with its evaluator and buffers: a column of formulas asks about one
 * qualification row after row, and three lookups by it per row were a share of a row's cost before optimisation.
 */
let lastUsed: { qualification: QualificationDefinition; evaluator: Evaluator; verdicts: LearnerVerdicts } | undefined;

/** `checkUnits(qualification, learner)`'s status and credits, allocating only the answer. */
export function unitFigures(qualification: QualificationDefinition, learner: LearnerUnits): UnitFigures {
  let last = lastUsed;
  if (last?.qualification !== qualification) {
    const compiled = compileQualification(qualification);
    let verdicts = buffers.get(compiled);
    if (!verdicts) buffers.set(compiled, (verdicts = new LearnerVerdicts(compiled)));
    lastUsed = last = { qualification, evaluator: evaluatorOf(compiled), verdicts };
  }
  const { verdicts } = last;
  decideLearner(last.evaluator, learner.achieved, learner.planned, verdicts);
  return {
    status: verdictStatus(verdicts),
    achievedCredits: verdicts.achieved.credits,
    withPlannedCredits: verdicts.withPlanned.credits,
  };
}
