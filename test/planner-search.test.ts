// The completion planner's branch and bound (src/rules/planner/search.ts) on qualifications small enough to work out
// by hand: which plans it finds and in what order, and how many searches under a rising cost cap it needs, which
// shows where its lower bound starts the cap. Each case's bound is worked out in its comment from the formula at the
// top of src/rules/planner/search-bound.ts, for prices λ ≥ 0 per credit rule:
//   bound = Σ_r λ_r · shortfall_r − Σ_u max(0, Σ_r λ_r · credits_{u,r} − cost_u)
// and beside it the least cost of whole units covering each rule's shortfall within each maximum's room
// (src/rules/planner/cover.ts), barred sets aside.
// With whole-number costs the bound is rounded up. The cap starts at the root's bound; a search that ends with fewer
// than k plans raises it (to at least the least cost that went over it) and searches again.
import assert from 'node:assert/strict';
import type { QualificationDefinition, Rule } from '../src/rules/model/model';
import { PlanSearch } from '../src/rules/planner/search';
import { canHelp, type SearchMode } from '../src/rules/planner/tally';
import { costTable, shapeOf, type CostMeasure } from '../src/rules/planner/shape';
import { qualification, unit } from './support/builders';

const TOTAL_10: Rule = { id: 'total', kind: 'totalCredits', min: 10, text: 'at least 10 credits' };

/** Searches for a learner with no units, every unit that can help a candidate, as the planner sets it up. */
function search(q: QualificationDefinition, measure: CostMeasure, k: number, mode: SearchMode = 'known') {
  const shape = shapeOf(q);
  const { cost, known } = costTable(q, measure);
  const planSearch = new PlanSearch(shape, cost, known, mode);
  const candidates = shape.units.map((_, u) => u).filter((u) => planSearch.pool[u] === 1);
  // Every unit that can help is a candidate: the search's pool, as the planner sets it up.
  assert.deepEqual(
    candidates,
    shape.units.map((_, u) => u).filter((u) => canHelp(shape, mode, u) && (mode === 'hopeful' || known[u] === 1)),
  );
  const plans = planSearch.run({ base: [], candidates, forcedCost: 0, forcedCostUnknown: false }, k).map((plan) => ({
    add: plan.units.map((u) => shape.units[u].ref),
    cost: plan.cost,
  }));
  return { plans, rounds: planSearch.rounds };
}

describe('planner search (branch and bound)', () => {
  it('starts the cap at the fractional-knapsack bound, and finds the cheapest plan in one search when that bound is met', () => {
    // Cost = credits. One rule, shortfall 10; every unit's cost per credit is 1, so the only price tried is λ = 1:
    //   1 · 10 − (max(0, 7 − 7) + max(0, 3 − 3) + max(0, 1 − 1)) = 10.
    // The cap starts at 10 and A + B (7 + 3 credits, cost 10) fits under it: one search.
    const q = qualification([unit('A', 'A', 7), unit('B', 'A', 3), unit('C', 'A', 1)], [TOTAL_10]);
    assert.deepEqual(search(q, 'credits', 1), { plans: [{ add: ['A', 'B'], cost: 10 }], rounds: 1 });
  });

  it('rounds the bound up for whole-number costs and keeps the k best plans in tie-break order', () => {
    // Cost = 1 per unit. Credits A 7, B 3, C 6, D 4; shortfall 10. Prices tried: 1/7, 1/6, 1/4, 1/3.
    //   λ = 1/7: 10/7 − max(0, 7/7 − 1) − ... = 1.43          λ = 1/6: 10/6 − (7/6 − 1) = 1.5
    //   λ = 1/4: 10/4 − (7/4 − 1) − (6/4 − 1) = 1.25           λ = 1/3: 10/3 − (7/3 − 1) − (6/3 − 1) − (4/3 − 1) = 0.67
    // Rounded up, 1.43 gives 2: no single unit has 10 credits, so every plan adds two. Two-unit plans with 10 or more:
    // A+B, A+C, A+D and C+D, all cost 2. Units are tried in definition order, "add" first, so the three kept are the
    // first three found, and C+D (same cost and size as the third) is cut. One search, under the cap of 2.
    const q = qualification([unit('A', 'A', 7), unit('B', 'A', 3), unit('C', 'A', 6), unit('D', 'A', 4)], [TOTAL_10]);
    assert.deepEqual(search(q, 'units', 3), {
      plans: [
        { add: ['A', 'B'], cost: 2 },
        { add: ['A', 'C'], cost: 2 },
        { add: ['A', 'D'], cost: 2 },
      ],
      rounds: 1,
    });
  });

  it('starts the cap at the least cost of whole units when the dual bound reads credits as divisible', () => {
    // Cost = GLH. A and B: 6 credits, 6 GLH each; C: 10 credits, 100 GLH. Shortfall 10.
    //   λ = 1 (A's and B's cost per credit): 1 · 10 − 0 − 0 − max(0, 10 − 100) = 10
    //   λ = 10 (C's): 10 · 10 − max(0, 60 − 6) − max(0, 60 − 6) − max(0, 100 − 100) = −8
    // The dual bound is 10, but no plan costs 10: whole units reach 10 credits at 12 GLH at least (A + B), which the
    // whole-unit bound (src/rules/planner/cover.ts) sees, so the cap starts at 12 and one search finds A + B.
    const q = qualification([unit('A', 'A', 6, 2, 6), unit('B', 'A', 6, 2, 6), unit('C', 'A', 10, 2, 100)], [TOTAL_10]);
    assert.deepEqual(search(q, 'glh', 1), { plans: [{ add: ['A', 'B'], cost: 12 }], rounds: 1 });
  });

  it('respects a maximum in the least cost of whole units: past its room a unit adds nothing', () => {
    // Cost = GLH. C1 and C2 (group C): 6 credits, 6 GLH each; B: 10 credits, 20 GLH; D: 4 credits, 9 GLH. Shortfall
    // 10, and at most 6 credits from group C count. The dual bound is 10 at most (λ = 1: 10 − 0). Read without the
    // maximum, whole units reach 10 credits at 12 GLH (C1 + C2), but C2 would not count beside C1: within group C's
    // room of 6 credits the least is C1 + D, 15 GLH, so the cap starts at 15 and one search finds C1 + D.
    const max6: Rule = {
      id: 'max-C',
      kind: 'sum',
      of: 'credits',
      groups: ['C'],
      min: 0,
      max: 6,
      overMax: 'not-counted',
      text: 'at most 6 credits from group C count',
    };
    const q = qualification(
      [unit('C1', 'C', 6, 2, 6), unit('C2', 'C', 6, 2, 6), unit('B', 'B', 10, 2, 20), unit('D', 'A', 4, 2, 9)],
      [TOTAL_10, max6],
    );
    assert.deepEqual(search(q, 'glh', 1), { plans: [{ add: ['C1', 'D'], cost: 15 }], rounds: 1 });
  });

  it('raises the cap when the cheapest plan costs more than the bound', () => {
    // Cost = GLH. A and A2: 6 credits, 6 GLH each, barred together; B: 5 credits, 7 GLH; C: 10 credits, 100 GLH.
    // Shortfall 10. The whole-unit bound ignores barred sets: A + A2 reach 10 credits at 12 GLH, so the cap starts
    // at 12 (over the dual bound, at most 10 with λ = 1). The first search finds nothing under 12 (A and A2 are
    // barred) and the least cost over the cap is 13 (A + B), so the cap rises to 13 and the second search finds A + B.
    const barred: Rule = { id: 'X', kind: 'barred', units: ['A', 'A2'], text: 'not both A and A2' };
    const q = qualification(
      [unit('A', 'A', 6, 2, 6), unit('A2', 'A', 6, 2, 6), unit('B', 'A', 5, 2, 7), unit('C', 'A', 10, 2, 100)],
      [TOTAL_10, barred],
    );
    assert.deepEqual(search(q, 'glh', 1), { plans: [{ add: ['A', 'B'], cost: 13 }], rounds: 2 });
  });

  it('prices the rules together, so credits of a group and credits at a level from different units add up', () => {
    // Cost = 1 per unit. Group B credits ≥ 4, level 2 credits ≥ 4. B1 is in group B at level 1 (4 credits), L1 in
    // group A at level 2 (4 credits). Each rule alone: λ = 1/4 gives 1/4 · 4 − max(0, 1/4 · 4 − 1) = 1, so either
    // rule alone says "at least one unit". Together, λ_B = λ_L = 1/4:
    //   1/4 · 4 + 1/4 · 4 − max(0, 1/4 · 4 − 1) − max(0, 1/4 · 4 − 1) = 2,
    // the true cost, so the first search, capped at 2, finds B1 + L1 (with a single rule's bound it would start at 1
    // and need a second search).
    const q = qualification(
      [unit('B1', 'B', 4, 1), unit('L1', 'A', 4, 2)],
      [
        { id: 'b', kind: 'groupCredits', groups: ['B'], min: 4, text: 'at least 4 credits from group B' },
        { id: 'l', kind: 'levelCredits', level: 2, orAbove: false, min: 4, text: 'at least 4 credits at level 2' },
      ],
    );
    assert.deepEqual(search(q, 'units', 1), { plans: [{ add: ['B1', 'L1'], cost: 2 }], rounds: 1 });
  });

  it('stops before searching when the units ahead cannot cover a shortfall', () => {
    // Shortfall 20; all the units can give is 7 + 3 = 10, so the root is cut: no plan and no search at all.
    const q = qualification([unit('A', 'A', 7), unit('B', 'A', 3)], [{ ...TOTAL_10, min: 20 }]);
    assert.deepEqual(search(q, 'credits', 3), { plans: [], rounds: 0 });
  });

  it('counts a unit of unknown credits only when hoping, and never adds a unit the plan does not need', () => {
    // Group A states no total, so U's unknown credits could be any number: hoping, U alone may meet the rule. In the
    // 'known' search U adds nothing and A alone (7) is short of 10: no plan. Hoping, U alone is a plan (cost 1); A + U
    // is not, since U alone already meets the rule and A would be a unit the plan does not need.
    const q = qualification([unit('A', 'A', 7), unit('U', 'A', null)], [TOTAL_10]);
    assert.deepEqual(search(q, 'units', 3, 'known').plans, []);
    assert.deepEqual(search(q, 'units', 3, 'hopeful').plans, [{ add: ['U'], cost: 1 }]);
  });
});
