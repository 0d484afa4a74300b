// The qualification model every other part speaks: qualifications, units, groups and rules as data, a learner's
// units and the results the engine gives, levels, unit keys, and the codes of what can be wrong with a definition.
// Types and small pure helpers only; it imports nothing.
export { type DefinitionProblem, type PathSegment, type ProblemData } from './definition-problems';
export { levelLabel } from './levels';
export {
  type BarredRule,
  type Evaluation,
  type FactOrigin,
  type FactSource,
  type FactUse,
  type GroupDefinition,
  type LearnerResult,
  type LearnerUnits,
  type Level,
  type LiteralLevelNote,
  type LevelFilter,
  type Measure,
  type OverMax,
  type QualificationDefinition,
  type Rule,
  type RuleKind,
  type RuleNote,
  type RuleOutcome,
  type RuleResult,
  type Status,
  type SuppliedFacts,
  type UnitDefinition,
  type UnitFact,
  type UnitLeftOut,
  type Violation,
  type ViolationCode,
  type EquivalentUnit,
} from './model';
export { unitKey } from './unit-key';
