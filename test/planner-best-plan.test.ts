// The lean search for one plan (best-plan.ts) against the branch and bound it stands in for (search.ts): on the same
// learner's units, both must give the same plan (the same units, cost and size), or no plan, for every cost measure.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { embeddedCatalogue } from '../src/rules/catalogue/index';
import type { LearnerUnits, QualificationDefinition } from '../src/rules/model/model';
import { BestPlanSearch } from '../src/rules/planner/best-plan';
import { PlanSearch, type FoundPlan } from '../src/rules/planner/search';
import { costTable, shapeOf, type CostMeasure } from '../src/rules/planner/shape';
import {
  arbitraryLearner,
  arbitraryQualification,
  arbitrarySumQualification,
  iqContactCentre,
  randomLearner,
  seeded,
} from './planner-fixtures';

const MEASURES: readonly CostMeasure[] = ['credits', 'glh', 'units'];

/**
 * Both searches' plan for a learner, on the input the planner gives them: the taken units and the missing mandatory
 * ones as the base, every unit of the pool not taken and not barred with the base as a candidate. Learners the
 * planner answers before searching (a barred clash, a mandatory unit barred) give undefined.
 */
function bothPlans(
  q: QualificationDefinition,
  learner: LearnerUnits,
  measure: CostMeasure,
): { lean: FoundPlan | null; search: FoundPlan | null } | undefined {
  const shape = shapeOf(q);
  const { cost, known } = costTable(q, measure);
  const search = new PlanSearch(shape, cost, known, 'known');
  const lean = new BestPlanSearch(shape, cost, search.pool);
  if (!lean.applies) return undefined;
  const taken = new Set<number>();
  for (const ref of [...learner.achieved, ...learner.planned]) {
    const u = shape.position.get(ref);
    if (u !== undefined) taken.add(u);
  }
  const base = [...taken];
  let forcedCost = 0;
  for (const m of shape.mandatory)
    if (!taken.has(m.unit)) {
      if (known[m.unit] === 0) return undefined;
      base.push(m.unit);
      forcedCost += cost[m.unit];
    }
  const barred = new Set(base.flatMap((u) => shape.barredWith[u].map((b) => b.unit)));
  if (base.some((u) => barred.has(u))) return undefined;
  const candidates: number[] = [];
  for (let u = 0; u < shape.units.length; u++)
    if (search.pool[u] === 1 && !taken.has(u) && !base.includes(u) && !barred.has(u)) candidates.push(u);
  const found = search.run({ base, candidates, forcedCost, forcedCostUnknown: false }, 1);
  return { lean: lean.run(base, base.length, candidates, candidates.length, forcedCost), search: found[0] ?? null };
}

function assertSame(q: QualificationDefinition, learner: LearnerUnits, measure: CostMeasure): boolean {
  const both = bothPlans(q, learner, measure);
  if (!both) return false;
  assert.deepEqual(both.lean, both.search, `${q.id}, ${measure}: ${JSON.stringify(learner)}`);
  return true;
}

describe('planner: the lean search for one plan gives the same plan as the branch and bound', () => {
  it('on thousands of generated learners of 600/5106/1, for every cost measure', () => {
    const q = embeddedCatalogue().qualifications.find((x) => x.id === '600/5106/1') ?? iqContactCentre();
    const random = seeded(27);
    let compared = 0;
    let withPlan = 0;
    for (let i = 0; i < 3000; i++) {
      const learner = i === 0 ? { achieved: [], planned: [] } : randomLearner(q, random);
      for (const measure of MEASURES) {
        if (assertSame(q, learner, measure)) compared++;
        if (bothPlans(q, learner, measure)?.lean) withPlan++;
      }
    }
    // Most learners reach the comparison (a third hold a barred clash), and most of those have a plan to compare.
    assert.ok(compared > 5000, `compared ${compared}`);
    assert.ok(withPlan > compared / 2, `with a plan ${withPlan} of ${compared}`);
  });

  it('on generated qualifications without maxima (sums of credits, GLH or units, levels, barred sets)', () => {
    let compared = 0;
    for (const arbitrary of [arbitrarySumQualification(), arbitraryQualification(10)]) {
      fc.assert(
        fc.property(
          arbitrary.chain((q) => fc.tuple(fc.constant(q), arbitraryLearner(q), fc.constantFrom(...MEASURES))),
          ([q, learner, measure]) => {
            if (assertSame(q, learner, measure)) compared++;
          },
        ),
        { numRuns: 1500, seed: 27 },
      );
    }
    assert.ok(compared > 300, `compared ${compared}`);
  });
});
