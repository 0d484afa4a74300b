// The planner: the cheapest ways for a learner to complete (by credits, GLH or units), searched over the compiled
// qualification with the engine as judge. Pure.
export { type CostMeasure, type Plan, planCompletion, type PlanResult } from './planner';
