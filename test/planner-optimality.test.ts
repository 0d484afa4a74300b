import assert from 'node:assert/strict';
import fc from 'fast-check';
import { barredClashes, evaluateUnits } from '../src/rules/engine/evaluate';
import type { LearnerUnits, QualificationDefinition, UnitDefinition } from '../src/rules/model/model';
import { planCompletion, type CostMeasure, type Plan } from '../src/rules/planner/planner';
import { indexQualification } from '../src/rules/engine/qualification-index';
import { arbitraryLearner, arbitraryQualification, arbitrarySumQualification } from './planner-fixtures';

/** The cost rule as the planner documents it, written out again so the test does not trust the planner's own. */
function costOf(
  q: QualificationDefinition,
  unit: UnitDefinition,
  measure: CostMeasure,
): { cost: number; known: boolean } {
  if (measure === 'units') return { cost: 1, known: true };
  const pick = (u: UnitDefinition): number | null => (measure === 'credits' ? u.credits : u.glh);
  const value = pick(unit);
  if (value !== null) return { cost: value, known: true };
  const knownValues = q.units.map(pick).filter((v): v is number => v !== null);
  return { cost: knownValues.length > 0 ? Math.max(...knownValues) : 1, known: false };
}

interface Candidate extends Plan {
  tier: number;
  positions: number[];
}

/**
 * Every subset of the units the learner does not hold, judged by the engine itself (`evaluateUnits`): a subset is a
 * plan that relies on nothing unknown (tier 0) when all rules are met and every added unit's cost is known, a plan
 * that relies on something unknown (tier 1) when no rule is unmet, otherwise no plan. Minimal: no proper subset is a
 * plan of the same tier or better.
 */
function exhaustivePlans(q: QualificationDefinition, learner: LearnerUnits, measure: CostMeasure, k: number): Plan[] {
  const index = indexQualification(q);
  const units = [...index.units.values()];
  const position = new Map(units.map((u, i) => [u.ref, i] as const));
  const taken = [...new Set([...learner.achieved, ...learner.planned])].filter((ref) => index.units.has(ref));
  // Plans are made for the units that count: a barred set's one, and those a maximum does not leave out.
  const counted = evaluateUnits(q, taken).counted;
  const open = units.filter((u) => !taken.includes(u.ref));
  const m = open.length;
  const tier = new Uint8Array(1 << m);
  const found: Candidate[] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    const add = open.filter((_, i) => mask & (1 << i));
    const all = [...counted, ...add.map((u) => u.ref)];
    tier[mask] = 2;
    if (barredClashes(index, new Set(all)).length > 0) continue;
    const evaluation = evaluateUnits(q, all);
    if (evaluation.rules.some((r) => r.outcome === 'unmet')) continue;
    // A forbidding maximum sums every unit the learner chose, those a barred set or a maximum sets aside too (the
    // engine's rule): a plan that takes the whole chosen set past one makes the learner's choice forbidden.
    if (evaluateUnits(q, [...taken, ...add.map((u) => u.ref)]).rules.some((r) => (r.overBy ?? []).length > 0)) continue;
    // A plan never adds a unit that would not count.
    if (evaluation.notCounted.length > 0) continue;
    const costs = add.map((u) => costOf(q, u, measure));
    const relies = new Set<string>(
      evaluation.rules.filter((r) => r.outcome === 'unknown').flatMap((r) => r.undecidedBy),
    );
    add.forEach((u, i) => costs[i].known || relies.add(u.ref));
    tier[mask] = relies.size === 0 ? 0 : 1;
    found.push({
      add: add.map((u) => u.ref),
      cost: costs.reduce((s, c) => s + c.cost, 0),
      reliesOnUnknown: [...relies].sort((a, b) => (position.get(a) as number) - (position.get(b) as number)),
      tier: tier[mask],
      positions: add.map((u) => position.get(u.ref) as number),
    });
  }
  // bestWithin[mask]: the best tier of mask or any of its subsets.
  const bestWithin = Uint8Array.from(tier);
  for (let mask = 1; mask < 1 << m; mask++) {
    for (let i = 0; i < m; i++)
      if (mask & (1 << i)) bestWithin[mask] = Math.min(bestWithin[mask], bestWithin[mask ^ (1 << i)]);
  }
  const maskOf = (c: Candidate): number =>
    c.add.reduce((mask, ref) => mask | (1 << open.findIndex((u) => u.ref === ref)), 0);
  const minimal = found.filter((c) => {
    const mask = maskOf(c);
    for (let i = 0; i < m; i++) if (mask & (1 << i) && bestWithin[mask ^ (1 << i)] <= c.tier) return false;
    return true;
  });
  const lexicographic = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  minimal.sort(
    (a, b) =>
      a.tier - b.tier || a.cost - b.cost || a.add.length - b.add.length || lexicographic(a.positions, b.positions),
  );
  return minimal.slice(0, k).map(({ add, cost, reliesOnUnknown }) => ({ add, cost, reliesOnUnknown }));
}

const measures: CostMeasure[] = ['credits', 'glh', 'units'];

describe('completion planner against exhaustive search', function () {
  this.timeout(300_000);

  it('returns exactly the k best distinct minimal plans that every subset of units yields, on generated qualifications', () => {
    let withPlans = 0;
    let relying = 0;
    let none = 0;
    fc.assert(
      fc.property(
        arbitraryQualification(12).chain((q) =>
          fc.tuple(fc.constant(q), arbitraryLearner(q), fc.constantFrom(...measures), fc.integer({ min: 1, max: 4 })),
        ),
        ([q, learner, measure, k]) => {
          const expected = exhaustivePlans(q, learner, measure, k);
          const result = planCompletion(q, learner, { cost: measure, maxPlans: k });
          assert.deepEqual(result.plans, expected);
          assert.equal(
            result.noPlanReason !== undefined,
            expected.length === 0,
            'a reason is given exactly when no plan exists',
          );
          if (expected.length > 0) withPlans++;
          else none++;
          if (expected.some((p) => p.reliesOnUnknown.length > 0)) relying++;
        },
      ),
      { numRuns: 600, seed: 20240606 },
    );
    // The generator must reach every case the comparison is about.
    assert.ok(
      withPlans > 50 && relying > 20 && none > 10,
      `cases: ${withPlans} with plans, ${relying} relying on unknowns, ${none} without`,
    );
  });

  it('returns exactly the k best plans on generated qualifications of sums of credits, GLH and units, with maxima', () => {
    let withPlans = 0;
    let none = 0;
    let capped = 0;
    fc.assert(
      fc.property(
        arbitrarySumQualification(10).chain((q) =>
          fc.tuple(fc.constant(q), arbitraryLearner(q), fc.constantFrom(...measures), fc.integer({ min: 1, max: 4 })),
        ),
        ([q, learner, measure, k]) => {
          const expected = exhaustivePlans(q, learner, measure, k);
          const result = planCompletion(q, learner, { cost: measure, maxPlans: k });
          assert.deepEqual(result.plans, expected);
          assert.equal(result.noPlanReason !== undefined, expected.length === 0);
          if (expected.length > 0) withPlans++;
          else none++;
          if (q.rules.some((r) => r.kind === 'sum' && r.max !== undefined) && expected.length > 0) capped++;
        },
      ),
      { numRuns: 600, seed: 2323 },
    );
    assert.ok(
      withPlans > 50 && none > 10 && capped > 50,
      `cases: ${withPlans} with plans, ${none} without, ${capped} with maxima`,
    );
  });

  it('finds the same optimal cost as exhaustive search for learners of random seeds too', () => {
    fc.assert(
      fc.property(
        arbitraryQualification(10).chain((q) =>
          fc.tuple(fc.constant(q), arbitraryLearner(q), fc.constantFrom(...measures)),
        ),
        ([q, learner, measure]) => {
          const expected = exhaustivePlans(q, learner, measure, 1);
          const [best] = planCompletion(q, learner, { cost: measure, maxPlans: 1 }).plans;
          assert.equal(best?.cost, expected[0]?.cost);
        },
      ),
      { numRuns: 300 },
    );
  });
});
