import assert from 'node:assert/strict';
import { checkLearner, type LearnerCheck } from '../src/cohort/verdict/learner-result';
import { defaultNextStep, learnerPlans, planInWords, planNextStep } from '../src/cohort/verdict/next-step';
import { resultsBlock } from '../src/cohort/verdict/results';
import type { CohortReading } from '../src/sheet/types';
import type { QualificationDefinition } from '../src/rules/model/model';
import { planCompletion } from '../src/rules/planner/planner';
import { iqContactCentre, iqWithoutSalesLevels } from './planner-fixtures';
import { record, unit } from './support/builders';

function check(q: QualificationDefinition | null, achieved: string[], planned: string[] = [], row = 2): LearnerCheck {
  const r = record(q, achieved, planned, row);
  return { record: r, result: checkLearner(r) };
}

/** Two units that together make the 10 credits asked for, as in the example. */
const pair: QualificationDefinition = {
  id: 'T/2',
  title: 'Pair',
  awardingBody: 'Test',
  level: 2,
  groups: [{ id: 'A', title: 'Group A' }],
  units: [unit('K/503/0421', 'A', 7), unit('H/600/9660', 'A', 3), unit('X/000/0001', 'A', 1)],
  rules: [{ id: 't', kind: 'totalCredits', min: 10, text: 'at least 10 credits' }],
};

describe('next step from the completion planner', () => {
  const iq = iqContactCentre();

  it("names the best plan's units with their credits for an incomplete learner", () => {
    const c = check(pair, []);
    assert.equal(c.result.status, 'incomplete');
    assert.equal(planNextStep(c), 'add K/503/0421 (7 cr) and H/600/9660 (3 cr)');
  });

  it('lists longer plans with commas and says when the plan counts on unit data the catalogue lacks', () => {
    const withoutSales = iqWithoutSalesLevels();
    const c = check(withoutSales, ['J/502/4299', 'A/502/4378'], ['T/502/4296']);
    const [best] = learnerPlans(c).plans;
    const text = planNextStep(c);
    assert.ok(best.add.length >= 3 && best.reliesOnUnknown.length > 0);
    assert.ok(text.startsWith('add '));
    for (const ref of best.add)
      assert.ok(text.includes(`${ref} (${withoutSales.units.find((u) => u.ref === ref)?.credits} cr)`), ref);
    assert.equal(
      (text.match(/ and /g) ?? []).length,
      2,
      'one "and" before the last unit, one before the last unit relied on',
    );
    assert.match(text, /; this counts on unit data the catalogue lacks for .+ \(supply it to be sure\)$/);
  });

  it('gives the plans in the JSON for any learner with a qualification, planned once', () => {
    const c = check(iq, ['K/503/0421']);
    const plans = learnerPlans(c);
    assert.equal(learnerPlans(c), plans, 'the same result object the second time');
    assert.deepEqual(plans, planCompletion(iq, { achieved: ['K/503/0421'], planned: [] }));
  });

  it('says no plan exists, and why, when the rules cannot be met', () => {
    const q = { ...pair, rules: [{ id: 't', kind: 'totalCredits' as const, min: 12, text: 'at least 12 credits' }] };
    const c = check(q, []);
    assert.equal(
      planNextStep(c),
      'no plan exists: "at least 12 credits" cannot be met: the qualification\'s units give at most 11 credits, 12 needed; check the qualification\'s definition',
    );
  });

  it('keeps the default advice for learners who are not incomplete', () => {
    const achieved = check(pair, ['K/503/0421', 'H/600/9660']);
    const onTrack = check(pair, ['K/503/0421'], ['H/600/9660']);
    const invalid = check(pair, ['K/503/0421', 'Z/999/9999']);
    for (const c of [achieved, onTrack, invalid]) assert.equal(planNextStep(c), defaultNextStep(c.result));
    assert.deepEqual(
      [achieved, onTrack, invalid].map((c) => c.result.status),
      ['achieved', 'on-track', 'invalid'],
    );
  });

  it('explains that a learner without a recognised qualification cannot be planned for', () => {
    const c = check(null, []);
    assert.deepEqual(learnerPlans(c).plans, []);
    assert.match(learnerPlans(c).noPlanReason ?? '', /^C2: the qualification is not recognised/);
    assert.equal(planNextStep(c), defaultNextStep(c.result));
  });

  it('writes unknown credits as such, and an empty plan as nothing to add', () => {
    const units = [unit('U1', 'A', null)];
    assert.equal(
      planInWords(units, { add: ['U1'], cost: 1, reliesOnUnknown: ['U1'] }),
      'add U1 (credits unknown); this counts on unit data the catalogue lacks for U1 (supply it to be sure)',
    );
    assert.equal(planInWords(units, { add: [], cost: 0, reliesOnUnknown: [] }), 'every rule is met');
  });

  it('fills the next step column of the results block when passed to it', () => {
    const checks = [check(pair, [], [], 2), check(pair, ['K/503/0421', 'H/600/9660'], [], 3)];
    const reading = {
      headerRow: 1,
      lastRow: 3,
      learners: checks.map((c) => c.record),
      warnings: [],
    } as unknown as CohortReading;
    const block = resultsBlock(reading, checks, planNextStep);
    const column = block.header.indexOf('qualcheck: next step');
    assert.deepEqual(
      block.rows.map((row) => row[column]),
      ['add K/503/0421 (7 cr) and H/600/9660 (3 cr)', 'claim the certificate'],
    );
  });
});
