import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { CellValue, LearnerRecord } from '../src/sheet/types';
import type { QualificationDefinition } from '../src/rules/model/model';
import { checkRegistration } from '../src/registration/learner-problems';
import { readDate } from '../src/sheet/dates';
import { REGISTRATION_COLUMNS, registrationCsv, registrationRows } from '../src/registration';
import { readUln, ulnCheckDigit } from '../src/registration/uln';

const q10266: QualificationDefinition = {
  id: '10266',
  title: 'OCR Level 2 Certificate in Principles of Contact Centre Operations',
  awardingBody: 'OCR',
  level: 2,
  groups: [],
  units: [],
  rules: [],
};

function record(
  row: number,
  fields: { id: string; first: string; last: string; uln: CellValue; dob: CellValue; sex?: string },
): LearnerRecord {
  return {
    row,
    learnerId: fields.id,
    firstName: fields.first,
    lastName: fields.last,
    uln: fields.uln,
    dateOfBirth: fields.dob,
    sex: fields.sex,
    qualificationText: '10266',
    qualification: q10266,
    achieved: [],
    planned: [],
    marks: [],
    problems: [],
    cells: { learnerId: `A${row}`, uln: `D${row}` },
  };
}

const DATE = '2025-09-01';

/** A distinct valid ULN for each index. */
function ulnFor(i: number): string {
  for (let p = 500_000_000 + i * 100; ; p++) {
    const digit = ulnCheckDigit(String(p));
    if (digit !== null) return `${p}${digit}`;
  }
}
const cohort = [
  record(2, {
    id: 'C001',
    first: 'Zoë',
    last: "O'Brien",
    uln: 9276308686,
    dob: new Date(Date.UTC(2001, 3, 3)),
    sex: 'Female',
  }),
  record(3, { id: 'C002', first: 'Bad', last: 'Uln', uln: '9999999999', dob: '03/04/2001' }),
  record(4, { id: 'C003', first: 'José', last: 'Núñez-García', uln: null, dob: '29/02/2004', sex: 'm' }),
  record(5, { id: 'C004', first: 'Łukasz', last: 'Smith', uln: '1000000000', dob: 37000 }),
];

describe('registration export', () => {
  const results = checkRegistration(cohort, { date: DATE });

  it('lays out the header and ready learners only, dates as dd/mm/yyyy and sex as M or F', () => {
    const rows = registrationRows(results);
    assert.deepEqual(rows, [
      [...REGISTRATION_COLUMNS],
      ['C001', '9276308686', 'Zoë', "O'Brien", '03/04/2001', 'F', '10266'],
      ['C003', '', 'José', 'Núñez-García', '29/02/2004', 'M', '10266'],
      ['C004', '1000000000', 'Łukasz', 'Smith', '19/04/2001', '', '10266'], // serial 37000: 36526 is 01/01/2000, +474 days,
    ]);
  });

  it('writes UTF-8 with a byte-order mark and CRLF line ends', () => {
    const csv = registrationCsv(registrationRows(results));
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.ok(csv.includes('Zoë'));
    assert.ok(csv.includes('\r\n'));
    assert.equal(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
  });

  it('writes each ULN as its plain 10 digits: no formula wrapper, apostrophe or exponent', () => {
    const csv = registrationCsv(registrationRows(results));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[1], "C001,9276308686,Zoë,O'Brien,03/04/2001,F,10266");
    assert.ok(!/E\+/i.test(csv));
  });

  it('reads back as the same learners: export, parse, read again', () => {
    const csv = registrationCsv(registrationRows(results));
    const parsed: string[][] = parse(csv, { bom: true });
    assert.deepEqual(parsed[0], [...REGISTRATION_COLUMNS]);
    const ready = results.filter((r) => r.ready).map((r) => r.learner);
    assert.equal(parsed.length - 1, ready.length);
    parsed.slice(1).forEach(([ref, uln, first, last, dob, sex, qualification], i) => {
      const l = ready[i];
      assert.equal(ref, l.centreRef);
      assert.equal(readUln(uln).uln, l.uln);
      assert.equal(first, l.firstName);
      assert.equal(last, l.lastName);
      assert.equal(readDate(dob).date, l.dateOfBirth);
      assert.equal(sex === '' ? undefined : sex, l.sex);
      assert.equal(qualification, l.qualification);
    });
  });

  it('round-trips any ready cohort, names with commas and quotes in references included', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzàéïõüçñøłABCZ');
    const name = fc.array(letters, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
    const ref = fc
      .string({ unit: fc.constantFrom(...'AB1,"\' x'), minLength: 1, maxLength: 10 })
      .filter((s) => s.trim() !== '' && !/^[=+\-@]/.test(s.trim()));
    const dob = fc.integer({ min: 1, max: 30 * 365 }).map((days) => new Date(Date.UTC(1980, 0, 1) + days * 86_400_000));
    const learners = fc.uniqueArray(fc.record({ id: ref, first: name, last: name, dob }), {
      maxLength: 8,
      selector: (l) => l.id.trim().toUpperCase(),
    });
    fc.assert(
      fc.property(learners, (ls) => {
        const records = ls.map((l, i) => record(i + 2, { ...l, uln: ulnFor(i) }));
        const out = checkRegistration(records, { date: DATE });
        const ready = out.filter((r) => r.ready).map((r) => r.learner);
        const parsed: string[][] = parse(registrationCsv(registrationRows(out)), { bom: true });
        assert.deepEqual(
          parsed.slice(1).map(([id, uln, first, last, dob]) => ({ id, uln, first, last, dob: readDate(dob).date })),
          ready.map((l) => ({ id: l.centreRef, uln: l.uln, first: l.firstName, last: l.lastName, dob: l.dateOfBirth })),
        );
        assert.equal(ready.length, ls.length);
      }),
    );
  });
});
