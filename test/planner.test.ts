import assert from 'node:assert/strict';
import { embeddedCatalogue } from '../src/rules/catalogue/index';
import { barredClashes, checkUnits, evaluateUnits } from '../src/rules/engine/evaluate';
import type { LearnerUnits, QualificationDefinition } from '../src/rules/model/model';
import { planCompletion, type CostMeasure, type Plan } from '../src/rules/planner/planner';
import { indexQualification } from '../src/rules/engine/qualification-index';
import { iqContactCentre, iqWithoutSalesLevels, randomLearner, seeded } from './planner-fixtures';
import { qualification, unit } from './support/builders';

const nobody: LearnerUnits = { achieved: [], planned: [] };

function creditsOf(q: QualificationDefinition, refs: readonly string[], measure: CostMeasure = 'credits'): number {
  const byRef = new Map(q.units.map((u) => [u.ref, u] as const));
  return refs.reduce(
    (sum, ref) =>
      sum +
      (measure === 'units' ? 1 : ((measure === 'credits' ? byRef.get(ref)?.credits : byRef.get(ref)?.glh) ?? NaN)),
    0,
  );
}

/** The units that count for the learner (one per barred set, as the engine chooses) with the plan's units added. */
function withPlan(q: QualificationDefinition, learner: LearnerUnits, plan: Plan): string[] {
  const taken = [...new Set([...learner.achieved, ...learner.planned])];
  return [...evaluateUnits(q, taken).counted, ...plan.add];
}

describe('completion planner', () => {
  describe('on a qualification shaped like 600/5106/1', () => {
    const iq = iqContactCentre();
    const random = seeded(42);
    const learners = [nobody, ...Array.from({ length: 150 }, () => randomLearner(iq, random))];

    it('gives plans that the engine finds meet every rule, or leave undecided only what the plan says it relies on', () => {
      let certain = 0;
      for (const learner of learners) {
        for (const plan of planCompletion(iq, learner).plans) {
          const evaluation = evaluateUnits(iq, withPlan(iq, learner, plan));
          assert.ok(
            evaluation.rules.every((r) => r.outcome !== 'unmet'),
            JSON.stringify({ learner, plan }),
          );
          if (plan.reliesOnUnknown.length === 0) {
            certain++;
            assert.ok(evaluation.rules.every((r) => r.outcome === 'met'));
          } else {
            const undecided = evaluation.rules.filter((r) => r.outcome === 'unknown').flatMap((r) => r.undecidedBy);
            assert.ok(undecided.length > 0 && undecided.every((ref) => plan.reliesOnUnknown.includes(ref)));
          }
        }
      }
      assert.ok(certain > 100, `${certain} plans relying on nothing unknown`);
    });

    it('makes a learner without a barred clash on track once the best plan relying on nothing unknown is planned', () => {
      let checked = 0;
      for (const learner of learners) {
        if (barredClashes(indexQualification(iq), new Set([...learner.achieved, ...learner.planned])).length > 0)
          continue;
        const [best] = planCompletion(iq, learner).plans;
        if (!best || best.reliesOnUnknown.length > 0 || best.add.length === 0) continue;
        const status = checkUnits(iq, {
          achieved: learner.achieved,
          planned: [...learner.planned, ...best.add],
        }).status;
        assert.ok(status === 'on-track' || status === 'achieved', status);
        checked++;
      }
      assert.ok(checked > 50);
    });

    it('returns distinct plans, best first, costed as the credits they add, none holding another', () => {
      for (const learner of learners) {
        const { plans } = planCompletion(iq, learner);
        assert.ok(plans.length >= 1 && plans.length <= 3);
        plans.forEach((plan, i) => {
          assert.equal(plan.cost, creditsOf(iq, plan.add));
          if (i === 0) return;
          const before = plans[i - 1];
          const rank = (p: Plan): number => (p.reliesOnUnknown.length > 0 ? 1 : 0);
          assert.ok(rank(before) < rank(plan) || (rank(before) === rank(plan) && before.cost <= plan.cost));
        });
        // A plan may hold another only when it relies on nothing unknown and the one it holds does.
        for (const a of plans) {
          for (const b of plans) {
            if (a === b || !a.add.every((ref) => b.add.includes(ref))) continue;
            assert.ok(
              a.reliesOnUnknown.length > 0 && b.reliesOnUnknown.length === 0,
              'no plan holds another of its kind',
            );
          }
        }
      }
    });

    it('costs 29 credits for a learner with nothing yet: 6 mandatory, 12 from B, and 11 at a known level 2 beyond the mandatory 4', () => {
      const { plans } = planCompletion(iq, nobody);
      assert.equal(plans[0].cost, 6 + 12 + 11);
      assert.deepEqual(plans[0].reliesOnUnknown, []);
      for (const plan of plans)
        assert.ok(plan.add.includes('D/503/0352') && plan.add.includes('T/503/0342'), 'both mandatory units');
    });

    it('costs exactly the 28 credits the rules ask for once a centre supplies level 2 for every unit', () => {
      const known = iqContactCentre(Object.fromEntries(iq.units.map((u) => [u.ref, 2])));
      const { plans } = planCompletion(known, nobody);
      assert.equal(plans.length, 3);
      for (const plan of plans) assert.equal(plan.cost, 28);
    });

    it('gives one empty plan of cost 0 to a learner who meets every rule already', () => {
      const [best] = planCompletion(iq, nobody).plans;
      assert.deepEqual(planCompletion(iq, { achieved: best.add, planned: [] }).plans, [
        { add: [], cost: 0, reliesOnUnknown: [] },
      ]);
      assert.deepEqual(planCompletion(iq, { achieved: [], planned: best.add }).plans, [
        { add: [], cost: 0, reliesOnUnknown: [] },
      ]);
    });

    it('never adds a unit barred with one the learner holds', () => {
      const learner = { achieved: ['J/502/4299', 'A/502/4378'], planned: ['T/502/4296'] };
      const { plans } = planCompletion(iq, learner, { maxPlans: 10 });
      assert.equal(plans.length, 10);
      for (const plan of plans)
        for (const barred of ['M/502/4300', 'F/502/4379', 'A/502/4297']) assert.ok(!plan.add.includes(barred));
    });

    it('plans for the unit the engine counts when the learner holds a barred pair, and says to resolve the clash first', () => {
      const learner = { achieved: ['L/601/1225'], planned: ['F/502/4396'] };
      const counted = evaluateUnits(iq, ['L/601/1225', 'F/502/4396']).counted;
      const result = planCompletion(iq, learner);
      const dropped = ['L/601/1225', 'F/502/4396'].filter((ref) => !counted.includes(ref));
      assert.deepEqual(result.setAside, dropped);
      assert.match(result.resolveFirst ?? '', new RegExp(`C1 first: keep .*give up ${dropped[0]}`));
      for (const plan of result.plans) {
        assert.ok(evaluateUnits(iq, [...counted, ...plan.add]).rules.every((r) => r.outcome === 'met'));
      }
    });

    it("names a level rule that the qualification's units cannot meet", () => {
      const q = iqContactCentre();
      // More than all the units' credits together, even if every unknown level were 2.
      q.rules = q.rules.map((r) => (r.kind === 'levelCredits' ? { ...r, min: 500 } : r));
      const result = planCompletion(q, nobody);
      assert.deepEqual(result.plans, []);
      assert.match(
        result.noPlanReason ?? '',
        /15 of which must be at level 2" cannot be met: the qualification's units give at most \d+ credits at level 2, 500 needed/,
      );
    });

    it('says when the units a learner took bar every way to meet the level rule', () => {
      // With every other level known to be 1, level 2 credits come from T/503/0342 and the ITQ units alone; this
      // learner's level 1 ITQ units bar M/502/4300, F/502/4379 and A/502/4297, leaving 4 + 3 + 2 credits.
      const withoutSales = iqWithoutSalesLevels();
      const levels = Object.fromEntries(withoutSales.units.filter((u) => u.level === null).map((u) => [u.ref, 1]));
      const q = iqContactCentre(levels);
      const result = planCompletion(q, { achieved: ['J/502/4299', 'A/502/4378'], planned: ['T/502/4296'] });
      assert.deepEqual(result.plans, []);
      assert.match(
        result.noPlanReason ?? '',
        /level 2" cannot be met: the units still open to this learner give at most 9 credits at level 2, 15 needed/,
      );
    });

    it('relies on unknown levels, and says on which units, when no plan can be sure of the level rule', () => {
      const learner = { achieved: ['J/502/4299', 'A/502/4378'], planned: ['T/502/4296'] };
      const withoutSales = iqWithoutSalesLevels();
      const { plans } = planCompletion(withoutSales, learner);
      assert.equal(plans.length, 3);
      for (const plan of plans) {
        assert.ok(plan.reliesOnUnknown.length > 0);
        const byRef = new Map(withoutSales.units.map((u) => [u.ref, u] as const));
        assert.ok(plan.reliesOnUnknown.every((ref) => byRef.get(ref)?.level === null));
        assert.ok(
          plan.add.some((ref) => plan.reliesOnUnknown.includes(ref)),
          'the plan counts on some of its own units',
        );
      }
    });

    it('costs by GLH or by number of units when asked, and each measure finds a plan no dearer in its own terms', () => {
      for (const learner of learners.slice(0, 40)) {
        const best = (measure: CostMeasure): Plan => planCompletion(iq, learner, { cost: measure }).plans[0];
        const [byCredits, byGlh, byUnits] = [best('credits'), best('glh'), best('units')];
        assert.equal(byGlh.cost, creditsOf(iq, byGlh.add, 'glh'));
        assert.equal(byUnits.cost, byUnits.add.length);
        if ([byCredits, byGlh, byUnits].every((p) => p.reliesOnUnknown.length === 0)) {
          assert.ok(byGlh.cost <= creditsOf(iq, byCredits.add, 'glh'));
          assert.ok(byUnits.cost <= byCredits.add.length);
          assert.ok(byCredits.cost <= creditsOf(iq, byGlh.add));
        }
      }
    });
  });

  describe('on the shipped qualifications', () => {
    for (const q of embeddedCatalogue().qualifications) {
      it(`gives every learner of ${q.id} plans the engine agrees with, or a reason`, () => {
        const random = seeded(7);
        for (const learner of [nobody, ...Array.from({ length: 60 }, () => randomLearner(q, random))]) {
          const result = planCompletion(q, learner);
          assert.equal(result.plans.length === 0, result.noPlanReason !== undefined);
          for (const plan of result.plans) {
            const evaluation = evaluateUnits(q, withPlan(q, learner, plan));
            assert.ok(
              evaluation.rules.every(
                (r) =>
                  r.outcome === 'met' ||
                  (r.outcome === 'unknown' && r.undecidedBy.every((ref) => plan.reliesOnUnknown.includes(ref))),
              ),
            );
          }
        }
      });
    }
  });

  describe('ranking and unknown values', () => {
    it('breaks ties by fewer units, then by the order of units in the qualification', () => {
      const q = qualification(
        [unit('U1', 'A', 1), unit('U2', 'A', 1), unit('U3', 'A', 2), unit('U4', 'A', 2)],
        [{ id: 't', kind: 'totalCredits', min: 2, text: '2 credits' }],
      );
      const { plans } = planCompletion(q, nobody, { maxPlans: 4 });
      assert.deepEqual(
        plans.map((p) => p.add),
        [['U3'], ['U4'], ['U1', 'U2']],
      );
      assert.deepEqual(
        planCompletion(q, nobody, { maxPlans: 2 }).plans.map((p) => p.add),
        [['U3'], ['U4']],
      );
    });

    it('leaves out a plan that holds a cheaper plan, even when it is among the cheapest sets', () => {
      const q = qualification(
        [unit('U1', 'A', 3), unit('U2', 'A', 1), unit('U3', 'A', 4)],
        [{ id: 't', kind: 'totalCredits', min: 3, text: '3 credits' }],
      );
      const { plans } = planCompletion(q, nobody, { maxPlans: 5 });
      assert.deepEqual(
        plans.map((p) => p.add),
        [['U1'], ['U3']],
      );
    });

    it('puts plans built on known values before cheaper ones that hope an unknown level is right', () => {
      const q = qualification(
        [unit('U1', 'A', 2, null), unit('U2', 'A', 5, 2)],
        [{ id: 'l', kind: 'levelCredits', level: 2, orAbove: false, min: 2, text: '2 at level 2' }],
      );
      const { plans } = planCompletion(q, nobody);
      assert.deepEqual(plans, [
        { add: ['U2'], cost: 5, reliesOnUnknown: [] },
        { add: ['U1'], cost: 2, reliesOnUnknown: ['U1'] },
      ]);
    });

    it('costs a unit of unknown GLH as the dearest known GLH and marks the plan as relying on it', () => {
      const q = qualification(
        [unit('U1', 'A', 3, 2, null), unit('U2', 'A', 3, 2, 20), unit('U3', 'A', 3, 2, 30)],
        [{ id: 't', kind: 'totalCredits', min: 3, text: '3 credits' }],
      );
      const { plans } = planCompletion(q, nobody, { cost: 'glh' });
      assert.deepEqual(plans, [
        { add: ['U2'], cost: 20, reliesOnUnknown: [] },
        { add: ['U3'], cost: 30, reliesOnUnknown: [] },
        { add: ['U1'], cost: 30, reliesOnUnknown: ['U1'] },
      ]);
    });

    it("plans with units of unknown credits, within a group's stated total, when the catalogue has no unit credits", () => {
      // Shaped like OCR 10266: three mandatory units of 7 credits together, optional units of unknown credits.
      const q = qualification(
        [
          unit('A1', 'A', null, null),
          unit('A2', 'A', null, null),
          unit('A3', 'A', null, null),
          unit('B4', 'B', null, null),
          unit('B5', 'B', null, null),
        ],
        [
          { id: 'total', kind: 'totalCredits', min: 13, text: 'at least 13 credits' },
          { id: 'mand', kind: 'mandatory', group: 'A', text: 'three mandatory units from Group A (7 credits)' },
          {
            id: 'b',
            kind: 'groupCredits',
            groups: ['B'],
            min: 6,
            text: 'a minimum of 6 credits from optional Group B',
          },
          { id: 'bar', kind: 'barred', units: ['B4', 'B5'], text: 'unit 4 or 5' },
        ],
      );
      q.groups[0].totalCredits = 7;
      const { plans, noPlanReason } = planCompletion(q, nobody);
      assert.equal(noPlanReason, undefined);
      assert.deepEqual(
        plans.map((p) => p.add),
        [
          ['A1', 'A2', 'A3', 'B4'],
          ['A1', 'A2', 'A3', 'B5'],
        ],
      );
      // No unit has known credits, so each costs 1: the plan's cost counts units.
      assert.equal(plans[0].cost, 4);
      assert.deepEqual(plans[0].reliesOnUnknown, ['A1', 'A2', 'A3', 'B4']);
    });

    it('does not add a second unit of unknown credits from a group whose stated total the first can already use up', () => {
      // G states 5 credits for its two units of unknown credits: together they still give at most 5.
      const q = qualification(
        [unit('G1', 'A', null), unit('G2', 'A', null), unit('K1', 'B', 2)],
        [{ id: 't', kind: 'totalCredits', min: 7, text: '7 credits' }],
      );
      q.groups[0].totalCredits = 5;
      const { plans } = planCompletion(q, nobody, { maxPlans: 5 });
      assert.deepEqual(
        plans.map((p) => p.add),
        [
          ['G1', 'K1'],
          ['G2', 'K1'],
        ],
      );
    });

    it('says a mandatory unit barred with a unit the learner took cannot be added', () => {
      const q = qualification(
        [unit('M1', 'A', 2), unit('X1', 'B', 2)],
        [
          { id: 'mand', kind: 'mandatory', group: 'A', text: 'the mandatory unit' },
          { id: 'bar', kind: 'barred', units: ['M1', 'X1'], text: 'M1 or X1' },
        ],
      );
      const result = planCompletion(q, { achieved: ['X1'], planned: [] });
      assert.deepEqual(result.plans, []);
      assert.match(
        result.noPlanReason ?? '',
        /mandatory unit M1 is barred with X1 \(set bar\), which the learner has taken/,
      );
    });
  });
  describe('maxima', () => {
    it('keeps within a forbidding maximum counting the units a not-counted maximum sets aside, as the engine does', () => {
      // At most 4 credits of group C count; at most 2 units of B and C together may be taken at all. C1 and C2 are
      // taken: C2 is set aside, yet the forbidding maximum sums it, so adding B1 (3 units of B and C) would make the
      // learner's choice forbidden. The plan takes the credits from group A instead.
      const q = qualification(
        [unit('C1', 'C', 4), unit('C2', 'C', 4), unit('B1', 'B', 4), unit('A1', 'A', 5)],
        [
          { id: 'total', kind: 'totalCredits', min: 8, text: 'at least 8 credits' },
          {
            id: 'max-C',
            kind: 'sum',
            of: 'credits',
            groups: ['C'],
            min: 0,
            max: 4,
            overMax: 'not-counted',
            text: 'at most 4 from C count',
          },
          {
            id: 'two-BC',
            kind: 'sum',
            of: 'units',
            groups: ['B', 'C'],
            min: 0,
            max: 2,
            overMax: 'forbidden',
            text: 'not more than two units from B and C',
          },
        ],
      );
      const result = planCompletion(q, { achieved: ['C1', 'C2'], planned: [] }, { maxPlans: 3 });
      assert.deepEqual(result.setAside, ['C2']);
      assert.deepEqual(
        result.plans.map((p) => p.add),
        [['A1']],
      );
      // The engine agrees: with B1 the learner is forbidden, with A1 on track.
      const withB1 = evaluateUnits(q, ['C1', 'C2', 'B1']);
      assert.ok(withB1.rules.some((r) => r.ruleId === 'two-BC' && r.overBy !== undefined));
      const withA1 = evaluateUnits(q, ['C1', 'C2', 'A1']);
      assert.ok(withA1.rules.every((r) => r.outcome === 'met' && r.overBy === undefined));
    });
  });
});
