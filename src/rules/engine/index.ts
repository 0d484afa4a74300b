// The engine: a qualification compiled once, a learner's units evaluated against its rules (status, credits, the
// units counted and not), the rules' sentences, and the provenance of values a centre supplied. Pure.
export { compileQualification, COUNTED, IF_LEVEL, UNKNOWN_CREDITS } from './compiled';
export { barredClashes, checkUnits, equivalentWords, evaluateUnits, unitsHash } from './evaluate';
export { ruleFigures, ruleResultOf, sameUnits } from './evaluation';
export { evaluatorOf, type Evaluator } from './evaluate-compiled';
export { Verdicts } from './verdicts';
export { unitFigures, type UnitFigures } from './figures';
export {
  centreFacts,
  evaluationProvenance,
  plainSource,
  RULES_SHEET_ORIGIN,
  rulesFileOrigin,
  suppliedFromSource,
  type UnitFact,
  withProvenance,
} from './provenance';
export { type QualificationIndex } from './qualification-index';
