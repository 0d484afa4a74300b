import assert from 'node:assert/strict';
import { readCohort } from '../src/cohort/read/read';
import type { CellValue } from '../src/sheet/types';
import { grid, summary, testCatalogue } from './fixtures/cohort-fixtures';
import { readingMessage } from '../src/cohort/read/reading-words';

const catalogue = testCatalogue();
const read = (values: CellValue[][], qualification?: string) => readCohort(grid(values), { catalogue, qualification });
const codes = (problems: { code?: string }[]) => problems.map((p) => p.code);

describe('reading a list cohort', () => {
  it('reads one cell of units with a mark per unit, split by commas, semicolons and line breaks', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['1', '600/0001/1', 'L/601/0933 (A), d/503/0352 (P);T 503 0342 [Ach]\nH/503/0403 (12/03/2013)'],
    ]);
    assert.equal(reading.layout, 'list');
    assert.deepEqual(reading.unitColumns, []);
    const [learner] = reading.learners;
    assert.deepEqual(learner.achieved, ['L/601/0933', 'T/503/0342', 'H/503/0403']);
    assert.deepEqual(learner.planned, ['D/503/0352']);
    assert.equal(learner.marks.find((m) => m.ref === 'H/503/0403')?.achievedOn, '2013-03-12');
    assert.ok(learner.marks.every((m) => m.cell === 'C2'));
    assert.deepEqual(learner.problems, []);
  });

  it('reads units listed without a mark in a Units column as planned', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Chosen units'],
      ['1', '600/0001/1', 'L/601/0933, D/503/0352'],
    ]);
    assert.deepEqual(reading.learners[0].planned, ['L/601/0933', 'D/503/0352']);
    assert.deepEqual(reading.learners[0].achieved, []);
  });

  it('reads separate Achieved units and Planned units columns', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units achieved', 'Planned units'],
      ['1', '600/0001/1', 'L/601/0933; D/503/0352', 'T/503/0342'],
      ['2', '600/0001/1', null, 'L/601/0933'],
    ]);
    assert.deepEqual(summary(reading.learners), [
      {
        learnerId: '1',
        qualification: '600/0001/1',
        achieved: ['D/503/0352', 'L/601/0933'],
        planned: ['T/503/0342'],
        problems: [],
      },
      { learnerId: '2', qualification: '600/0001/1', achieved: [], planned: ['L/601/0933'], problems: [] },
    ]);
  });

  it("reads unit numbers and titles in a list by the learner's qualification", () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['a', '10901', '1 (A), Unit 4 (P), U2'],
      ['b', '10902', '4 (A); Principles of incident management (A)'],
    ]);
    assert.deepEqual(reading.learners[0].achieved, ['L2-U1']);
    assert.deepEqual(reading.learners[0].planned, ['L2-U4', 'L2-U2']);
    assert.deepEqual(reading.learners[1].achieved, ['L3-U4', 'L3-U5']);
  });

  it("reports a listed unit no qualification knows, and one outside the learner's qualification", () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['1', '10901', 'Unit 1 (A), Z/999/9999 (A), Unit 5 (A)'],
    ]);
    const [learner] = reading.learners;
    assert.deepEqual(learner.achieved, ['L2-U1']);
    assert.deepEqual(
      learner.problems.map((p) => [p.code, p.cell, p.units]),
      [
        ['unknown-unit', 'C2', ['Z/999/9999']],
        ['unit-not-in-qualification', 'C2', ['L3-U5']],
      ],
    );
  });

  it('reports an unrecognised mark in a list and reads that unit as not taken', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['1', '600/0001/1', 'L/601/0933 (maybe), D/503/0352 (N)'],
    ]);
    assert.deepEqual(reading.learners[0].achieved, []);
    assert.deepEqual(reading.learners[0].planned, []);
    assert.deepEqual(codes(reading.learners[0].problems), ['unrecognised-mark']);
    assert.match(readingMessage(reading.learners[0].problems[0]), /"maybe"/);
  });

  it('reports a unit listed twice for a learner', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Achieved units', 'Planned units'],
      ['1', '600/0001/1', 'L/601/0933', 'L6010933'],
    ]);
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933']);
    assert.deepEqual(reading.learners[0].planned, []);
    assert.deepEqual(codes(reading.learners[0].problems), ['duplicate-unit']);
  });

  it('reports a formula error in a list cell', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['1', '600/0001/1', { error: '#VALUE!' }],
    ]);
    assert.deepEqual(
      reading.learners[0].problems.map((p) => [p.code, p.cell]),
      [['formula-error', 'C2']],
    );
  });

  it('keeps a bracket that belongs to a unit title', () => {
    const withBrackets = testCatalogue().withDefinitions([
      {
        ...testCatalogue().qualifications[0],
        units: [{ ref: 'Q/100/0001', title: 'Using Email (advanced)', credits: 1, glh: 1, level: 2, group: 'A' }],
      },
    ]);
    const reading = readCohort(
      grid([
        ['Learner ID', 'Qualification', 'Units achieved'],
        ['1', '600/0001/1', 'Using Email (advanced)'],
      ]),
      { catalogue: withBrackets },
    );
    assert.deepEqual(reading.learners[0].achieved, ['Q/100/0001']);
    assert.deepEqual(reading.learners[0].problems, []);
  });

  it('prefers unit columns when a sheet has both, and says the list is not read', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'Units'],
      ['1', '600/0001/1', 'A', 'D/503/0352 (A)'],
    ]);
    assert.equal(reading.layout, 'matrix');
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933']);
    assert.ok(reading.warnings.some((w) => w.cell === 'D1' && w.code === 'unknown-header'));
  });

  it('gives the same learners as the matrix holding the same units', () => {
    const matrix = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352', 'T/503/0342'],
      ['1', '600/0001/1', 'A', 'P', null],
      ['2', '600/0001/1', null, 'A', 'A'],
    ]);
    const list = read([
      ['Learner ID', 'Qualification', 'Units'],
      ['1', '600/0001/1', 'D/503/0352 (P), L/601/0933 (A)'],
      ['2', '600/0001/1', 'T/503/0342 (A); D/503/0352 (A)'],
    ]);
    assert.deepEqual(summary(list.learners), summary(matrix.learners));
  });
});
