// A centre's definition in the general rule's shapes, end to end through the command line: sums of GLH and units,
// a maximum that leaves units out, one that forbids, named units with a level filter, and an equivalent unit of
// another qualification under its own header.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCheck } from '../src/cli/check';
import type { LearnerJson } from '../src/cohort/verdict/results';
import { readQualificationDefinitions } from '../src/rules/definition/definition';
import { planCompletion } from '../src/rules/planner/planner';
import { DEFINITION } from './fixtures/sum-definition';
import { tempFolder } from './support/temp-folder';

const HEADERS = ['Learner', 'Qualification', 'Y/600/1234', 'L/503/0394', 'K/503/0385', 'T/503/0001', 'T/503/0002'];
const LEARNERS: (string | null)[][] = [
  // The equivalent stands for the mandatory unit; both C units are taken, one is left out by the maximum.
  ['L1', '999/0001/1', 'A', 'A', 'A', 'A', null],
  // Two units of Group D: a choice the rules forbid.
  ['L2', '999/0001/1', 'A', 'A', null, 'A', 'A'],
  // Without the equivalent, the mandatory unit is missing.
  ['L3', '999/0001/1', null, 'A', 'A', 'A', null],
];

describe('command line: a definition of sums, maxima and an equivalent unit', function () {
  this.timeout(60_000);
  const tmp = tempFolder('sum');
  let learners: LearnerJson[];

  before(async () => {
    const rules = path.join(tmp(), 'centre.json');
    await fs.writeFile(rules, JSON.stringify(DEFINITION));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cohort');
    sheet.addRow(HEADERS);
    for (const row of LEARNERS) sheet.addRow(row);
    const file = path.join(tmp(), 'cohort.xlsx');
    await workbook.xlsx.writeFile(file);
    learners = (await runCheck(file, { rules: [rules], json: true })).json.learners;
  });

  it('counts the equivalent as the unit it stands for, leaves a unit out past a maximum and names the rule', () => {
    const [l1] = learners;
    assert.equal(l1.status, 'achieved');
    assert.deepEqual(l1.equivalents, [{ ref: 'Y/600/1234', countsAs: 'K/503/0421' }]);
    assert.equal(l1.equivalentsText, 'Y/600/1234 counted as K/503/0421');
    // Either unit of Group C meets every rule alone; K/503/0385 counts more credits, so L/503/0394 is left out.
    assert.deepEqual(l1.leftOut, [{ unit: 'L/503/0394', ruleId: 'max-C' }]);
    assert.deepEqual(l1.notCounted, ['L/503/0394']);
    // 4 (equivalent) + 4 (K/503/0385) + 2 (T/503/0001): the unit left out adds nothing.
    assert.deepEqual(l1.credits, { achieved: 10, withPlanned: 10 });
  });

  it('gives a learner past a forbidding maximum the status invalid, with the code, the rule and the units', () => {
    const l2 = learners[1];
    assert.equal(l2.status, 'invalid');
    const over = l2.violations.find((v) => v.code === 'over-maximum');
    assert.deepEqual(over && { ruleId: over.ruleId, units: over.units }, {
      ruleId: 'one-D',
      units: ['T/503/0001', 'T/503/0002'],
    });
    assert.match(over?.message ?? '', /more than the 1 unit from Optional Group D allowed/);
  });

  it('says what a learner without the equivalent still needs, in each rule’s measure', () => {
    const l3 = learners[2];
    assert.equal(l3.status, 'incomplete');
    const codes = l3.violations.map((v) => `${v.code} ${v.ruleId ?? ''}`);
    assert.deepEqual(codes, ['missing-mandatory mandatory', 'sum-min glh', 'sum-min named']);
    // One unit of Group C counts (the maximum leaves the other out): 25 + 10 GLH.
    assert.match(l3.violations[1].message, /^35 of 60 GLH: 25 GLH short/);
  });

  it('plans for the unit an equivalent stands for as held, and never past a maximum', () => {
    const [q] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;
    const result = planCompletion(q, { achieved: ['Y/600/1234', 'T/503/0001'], planned: [] });
    // 40 GLH held; 20 more from one unit of Group C (both would pass its maximum), none from Group D (one allowed).
    assert.deepEqual(
      result.plans.map((p) => ({ add: p.add, cost: p.cost })),
      [
        { add: ['L/503/0394'], cost: 3 },
        { add: ['K/503/0385'], cost: 4 },
      ],
    );
  });
});
