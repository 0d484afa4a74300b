// Registration prep: each learner's row checked for what an awarding body's bulk registration would reject (ULN,
// names, dates, route of units), the problems several rows share, and the rows of the upload file. Pure.
export { REGISTRATION_COLUMNS } from './columns';
export { finishingSteps } from './duplicates';
export { registrationCsv, registrationRows } from './export';
export { checkEachLearner, checkRegistration } from './learner-problems';
export type {
  RegistrationField,
  RegistrationLearner,
  RegistrationNote,
  RegistrationOptions,
  RegistrationProblem,
  RegistrationProblemCode,
  RegistrationResult,
  UnitCheck,
} from './result';
export { routeCheck } from './route';
export { SharedProblemTally, sharedProblems, type SharedProblem } from './shared-problems';
