// The verdict on each learner: the reader's record and the engine's evaluation joined into a result (status,
// credits, violations, the units not counted) and its next step, with the result columns' words. Pure.
export { checkCohort, checkLearner, learnerFigures, type LearnerCheck } from './learner-result';
export { planInWords } from './next-step';
export {
  cohortJson,
  type CohortJson,
  type CohortSummary,
  isResultHeader,
  isStatusRuleFormula,
  learnerQualification,
  NOT_COUNTED_HEADER,
  RESULT_HEADERS,
  resultCell,
  type ResultHeader,
  resultRow,
  resultRows,
  resultsBlock,
  type ResultsBlock,
  STATUS_STYLE,
  STATUSES,
  statusWord,
  summarise,
} from './results';
