import assert from 'node:assert/strict';
import { readCohort } from '../src/cohort/read/read';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { grid } from './fixtures/cohort-fixtures';
import { readingMessage } from '../src/cohort/read/reading-words';

const catalogue = embeddedCatalogue();

describe('reading cohorts of the embedded qualifications', () => {
  it('reads OCR unit numbers for 10266 and 10267 learners on one sheet, each by their own qualification', () => {
    const reading = readCohort(
      grid([
        [null, null, 'Units', null, null, null],
        [
          'Candidate No',
          'Qualification',
          1,
          'Unit 4',
          'U10',
          'Principles of legal, requlatory and ethical requirements of a contact centre',
        ],
        ['C1', '10266', 'A', 'P', 'A', 'A'],
        ['C2', 'OCR Level 3 Certificate in Principles of Contact Centre Operations', 'A', 'A', 'P', 'P'],
      ]),
      { catalogue },
    );
    const [l2, l3] = reading.learners;
    assert.equal(l2.qualification?.id, '10266');
    assert.deepEqual(l2.achieved, ['T/503/0356', '10266-U10', '10266-U11']);
    assert.deepEqual(l2.planned, ['10266-U4']);
    assert.equal(l3.qualification?.id, '10267');
    assert.deepEqual(l3.achieved, ['F/503/0358', '10267-U4']);
    assert.deepEqual(l3.planned, ['10267-U10', '10267-U14']);
    assert.deepEqual(reading.warnings, []);
  });

  it('reports a 10267-only unit marked for a 10266 learner', () => {
    const reading = readCohort(
      grid([
        ['Learner ID', 'Qual', 'Unit 13'],
        ['1', '10266', 'A'],
      ]),
      { catalogue },
    );
    assert.deepEqual(
      reading.learners[0].problems.map((p) => [p.code, p.cell, p.units]),
      [['unit-not-in-qualification', 'C2', ['10267-U13']]],
    );
  });

  it('asks for the reference when an IQ title fits two units (the Using Email pair)', () => {
    const reading = readCohort(
      grid([
        ['Learner ID', 'Qualification', 'Using Email', 'M/502/4300'],
        ['1', '600/5106/1', 'A', null],
      ]),
      { catalogue },
    );
    assert.ok(reading.warnings.some((w) => w.cell === 'C1' && /M\/502\/4300, J\/502\/4299/.test(readingMessage(w))));
    assert.deepEqual(
      reading.learners[0].problems.map((p) => [p.code, p.cell, p.units]),
      [['ambiguous-header', 'C2', ['M/502/4300', 'J/502/4299']]],
    );
  });

  it('finds 600/5106/1 by every spelling of its number and by its title', () => {
    const spellings = [
      '600/5106/1',
      '6005106 1',
      '600-5106-1',
      '60051061',
      'IQ Level 2 NVQ Certificate In Contact Centre Operations (QCF)',
      'iq level 2 nvq certificate in contact centre operations',
    ];
    const reading = readCohort(
      grid([['Learner ID', 'Qualification', 'L/601/0933'], ...spellings.map((s, i) => [String(i), s, 'A'])]),
      { catalogue },
    );
    assert.deepEqual(
      reading.learners.map((l) => l.qualification?.id),
      spellings.map(() => '600/5106/1'),
    );
  });
});
