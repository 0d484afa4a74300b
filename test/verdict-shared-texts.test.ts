// Result rows made learner after learner (resultRows) share the texts that follow from a learner's units: the rows
// must be those resultRow makes for each learner alone, and only learners with the same units share a text.
import assert from 'node:assert/strict';
import { checkLearner, type LearnerCheck } from '../src/cohort/verdict/learner-result';
import { resultRow, resultRows } from '../src/cohort/verdict/results';
import { ruleResultOf } from '../src/rules/engine';
import type { QualificationDefinition } from '../src/rules/model/model';
import { iqContactCentre } from './planner-fixtures';
import { record } from './support/builders';

function check(q: QualificationDefinition, achieved: string[], planned: string[] = [], row = 2): LearnerCheck {
  const r = record(q, achieved, planned, row);
  return { record: r, result: checkLearner(r) };
}

describe('result rows of a run', () => {
  const iq = iqContactCentre();
  const refs = iq.units.map((u) => u.ref);
  // Learners whose units differ, each twice (the second later in the run), and one with a unit of no qualification.
  const sets: [string[], string[]][] = [
    [refs.slice(0, 3), refs.slice(3, 5)],
    [refs.slice(0, 2), []],
    [refs.slice(1, 6), refs.slice(6, 9)],
    [[], refs.slice(0, 4)],
    [refs, []],
    [refs.slice(0, 3), ['Z/999/9999']],
  ];
  const checks = [...sets, ...sets].map(([achieved, planned], i) => check(iq, achieved, planned, i + 2));

  it('are the rows each learner has alone', () => {
    const rowOf = resultRows();
    for (const c of checks) assert.deepEqual(rowOf(c), resultRow(c), `row ${c.record.row}`);
  });

  it('give learners with the same units the same text, made once; others their own', () => {
    const made: string[] = [];
    const rowOf = resultRows(undefined, (text) => {
      made.push(text);
      return text;
    });
    const rows = checks.map(rowOf);
    const violations = 4;
    for (let i = 0; i < sets.length; i++) assert.equal(rows[i + sets.length][violations], rows[i][violations]);
    // Five sets of units share their texts; the learner with a stranger unit has theirs made both times.
    const strangerWords = rows[5][violations] as string;
    assert.match(strangerWords, /Z\/999\/9999 is not a unit of/);
    assert.equal(made.filter((t) => t === strangerWords).length, 2);
    const shared = rows[0][violations] as string;
    assert.notEqual(shared, '');
    assert.equal(made.filter((t) => t === shared).length, 1);
  });

  it("read one rule's result as the evaluation's whole list has it", () => {
    for (const c of checks)
      for (const rule of c.result.withPlanned.rules) {
        const one = ruleResultOf(c.result.withPlanned, rule.ruleId);
        assert.equal(one?.message, rule.message);
        assert.equal(one?.known, rule.known);
        assert.equal(one?.outcome, rule.outcome);
      }
    assert.equal(ruleResultOf(checks[0].result.achieved, 'no such rule'), undefined);
  });
});
