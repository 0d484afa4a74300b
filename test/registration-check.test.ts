import assert from 'node:assert/strict';
import type { LearnerRecord } from '../src/sheet/types';
import type { QualificationDefinition } from '../src/rules/model/model';
import { checkRegistration } from '../src/registration/learner-problems';
import type { RegistrationResult } from '../src/registration/result';

/** The registration facts of 600/5106/1, without its units: enough for registration prep. */
const nvq: QualificationDefinition = {
  id: '600/5106/1',
  title: 'IQ Level 2 NVQ Certificate in Contact Centre Operations (QCF)',
  awardingBody: 'IQ',
  level: 2,
  operational: { from: '2012-05-24', to: '2013-12-31' },
  minAge: 18,
  groups: [],
  units: [],
  rules: [],
};
const OPEN = '2013-06-01';

let nextRow = 2;
/** A learner who is ready to register for 600/5106/1 on OPEN, with the given changes. */
function learner(changes: Partial<LearnerRecord> = {}): LearnerRecord {
  const row = changes.row ?? nextRow++;
  return {
    row,
    learnerId: `L${row}`,
    firstName: 'Ann',
    lastName: `Smith${String.fromCharCode(65 + (row % 26))}`,
    uln: '9276308686',
    dateOfBirth: '15/06/1990',
    sex: 'F',
    qualificationText: '600/5106/1',
    qualification: nvq,
    achieved: [],
    planned: [],
    marks: [],
    problems: [],
    cells: {
      learnerId: `A${row}`,
      firstName: `B${row}`,
      lastName: `C${row}`,
      uln: `D${row}`,
      dateOfBirth: `E${row}`,
      sex: `F${row}`,
      qualification: `G${row}`,
    },
    ...changes,
  };
}

function one(record: LearnerRecord, date = OPEN): RegistrationResult {
  return checkRegistration([record], { date })[0];
}

function codes(result: RegistrationResult): string[] {
  return result.problems.map((p) => p.code);
}

describe('registration prep', () => {
  it('finds a complete learner ready, with the fields the template wants', () => {
    const r = one(learner({ row: 5, uln: 9276308686, sex: 'Female', dateOfBirth: new Date(Date.UTC(1990, 5, 15)) }));
    assert.deepEqual(r.problems, []);
    assert.equal(r.ready, true);
    assert.deepEqual(r.learner, {
      centreRef: 'L5',
      uln: '9276308686',
      firstName: 'Ann',
      lastName: 'SmithF',
      dateOfBirth: '1990-06-15',
      sex: 'F',
      qualification: '600/5106/1',
    });
  });

  describe('ULN', () => {
    it('keeps a learner with an invalid ULN off the file and names the cell', () => {
      const r = one(learner({ row: 7, uln: '9276308687' }));
      assert.equal(r.ready, false);
      assert.deepEqual(codes(r), ['invalid-uln']);
      assert.equal(r.problems[0].cell, 'D7');
      assert.match(r.problems[0].message, /D7/);
    });

    it('reports a placeholder ULN', () => {
      assert.deepEqual(codes(one(learner({ uln: 9999999999 }))), ['placeholder-uln']);
    });

    it('lets a blank ULN through with a note that one will be issued', () => {
      const r = one(learner({ uln: null }));
      assert.equal(r.ready, true);
      assert.equal(r.learner.uln, undefined);
      assert.match(r.notes.map((n) => n.message).join(), /issue/);
    });

    it('names both rows when two learners share a ULN', () => {
      const [a, b, c] = checkRegistration(
        [learner({ row: 3 }), learner({ row: 9, uln: '9276 308 686' }), learner({ row: 4, uln: null })],
        { date: OPEN },
      );
      assert.deepEqual(codes(a), ['duplicate-uln']);
      assert.deepEqual(codes(b), ['duplicate-uln']);
      assert.match(a.problems[0].message, /row 9/);
      assert.match(b.problems[0].message, /row 3/);
      assert.equal(a.problems[0].cell, 'D3');
      assert.deepEqual(codes(c), []);
    });

    it('names at most five other rows when many learners share a ULN, and says how many more', () => {
      const results = checkRegistration(
        Array.from({ length: 40 }, (_, i) => learner({ row: 100 + i })),
        { date: OPEN },
      );
      assert.equal(
        results[0].problems[0].message,
        'ULN 9276308686 (cell D100) is also given on rows 101, 102, 103, 104, 105 and 34 more (L101, L102, L103, L104, L105, …): each learner has their own ULN',
      );
      assert.match(results[3].problems[0].message, /rows 100, 101, 102, 104, 105 and 34 more/);
    });

    it('does not call two blank or two placeholder ULNs duplicates', () => {
      const results = checkRegistration(
        [
          learner({ uln: null }),
          learner({ uln: null }),
          learner({ uln: '9999999999' }),
          learner({ uln: '9999999999' }),
        ],
        { date: OPEN },
      );
      assert.deepEqual(results.map(codes), [[], [], ['placeholder-uln'], ['placeholder-uln']]);
    });
  });

  describe('duplicates', () => {
    it('reports the same learner reference twice, in any case', () => {
      const [a, b] = checkRegistration(
        [learner({ learnerId: 'AB12', uln: null }), learner({ learnerId: 'ab12 ', uln: null })],
        { date: OPEN },
      );
      assert.deepEqual(codes(a), ['duplicate-learner-ref']);
      assert.deepEqual(codes(b), ['duplicate-learner-ref']);
      assert.equal(a.ready, false);
    });

    it('warns about the same name and date of birth on two rows without holding them back', () => {
      const [a, b] = checkRegistration(
        [
          learner({ row: 20, lastName: 'Jones', uln: null }),
          learner({ row: 21, lastName: ' jones', firstName: 'ANN', dateOfBirth: 33039, uln: null }),
        ],
        { date: OPEN },
      );
      assert.deepEqual(codes(a), ['possible-duplicate']);
      assert.equal(a.problems[0].severity, 'warning');
      assert.match(a.problems[0].message, /row 21/);
      assert.deepEqual(codes(b), ['possible-duplicate']);
      assert.equal(a.ready, true);
      assert.equal(b.ready, true);
    });

    it('does not warn when the dates of birth differ', () => {
      const results = checkRegistration(
        [learner({ lastName: 'Jones' }), learner({ lastName: 'Jones', uln: null, dateOfBirth: '16/06/1990' })],
        { date: OPEN },
      );
      assert.deepEqual(results.map(codes), [[], []]);
    });
  });

  describe('date of birth and age', () => {
    it('requires a date of birth', () => {
      const r = one(learner({ row: 30, dateOfBirth: null }));
      assert.deepEqual(codes(r), ['bad-date']);
      assert.match(r.problems[0].message, /E30/);
    });

    it('reports an impossible date with the value', () => {
      const r = one(learner({ dateOfBirth: '31/02/1990' }));
      assert.deepEqual(codes(r), ['bad-date']);
      assert.match(r.problems[0].message, /31\/02\/1990/);
    });

    it('reports a date of birth after the registration date, and an age over 100', () => {
      assert.deepEqual(codes(one(learner({ dateOfBirth: '02/06/2013' }))), ['bad-date']);
      assert.deepEqual(codes(one(learner({ dateOfBirth: '01/06/1912' }))), ['bad-date']);
      assert.deepEqual(codes(one(learner({ dateOfBirth: '02/06/1912' }))), [], 'exactly 100 is allowed');
    });

    it('lets an 18-year-old register on the 18th birthday, not the day before', () => {
      const record = learner({ dateOfBirth: '15/06/1995' });
      assert.deepEqual(codes(one(record, '2013-06-15')), []);
      const dayBefore = one(record, '2013-06-14');
      assert.deepEqual(codes(dayBefore), ['under-min-age']);
      assert.match(dayBefore.problems[0].message, /17/);
      assert.match(dayBefore.problems[0].message, /15\/06\/2013/);
    });

    it('reads a two-digit year against the registration date and notes it', () => {
      const r = one(learner({ dateOfBirth: '15/06/95' }), '2013-06-15');
      assert.equal(r.learner.dateOfBirth, '1995-06-15');
      assert.match(r.notes.map((n) => n.message).join(), /1995/);
    });

    it('skips the age check for a qualification without a minimum age', () => {
      assert.deepEqual(
        codes(one(learner({ dateOfBirth: '15/06/2000', qualification: { ...nvq, minAge: undefined } }))),
        [],
      );
    });
  });

  describe('qualification', () => {
    it('refuses registration on 600/5106/1 after 31/12/2013, saying tracking still works', () => {
      assert.deepEqual(codes(one(learner(), '2013-12-31')), []);
      const r = one(learner({ row: 40 }), '2014-01-01');
      assert.deepEqual(codes(r), ['qualification-closed']);
      assert.equal(r.problems[0].cell, 'G40');
      // Registration is still open on 31/12/2013, so the message must not say it closed on that day.
      assert.match(r.problems[0].message, /until 31\/12\/2013/);
      assert.doesNotMatch(r.problems[0].message, /closed[^.]* on 31\/12\/2013/);
      assert.match(r.problems[0].message, /[Tt]racking/);
    });

    it('refuses registration before the qualification opens', () => {
      assert.deepEqual(codes(one(learner(), '2012-05-23')), ['qualification-closed']);
      assert.deepEqual(codes(one(learner(), '2012-05-24')), []);
    });

    it("keeps a learner with an unknown qualification off the file, with the reader's message", () => {
      const r = one(
        learner({
          qualification: null,
          qualificationText: 'NVQ something',
          problems: [
            {
              cell: 'G50',
              code: 'unknown-qualification',
              problem: { kind: 'qualification-unknown', written: 'NVQ something', catalogue: ['600/5106/1'] },
            },
          ],
        }),
      );
      assert.equal(r.ready, false);
      assert.deepEqual(codes(r), ['unknown-qualification']);
      assert.equal(r.problems[0].cell, 'G50');
      assert.match(
        r.problems[0].message,
        /^Cell G50 names the qualification "NVQ something", which is not in the catalogue/,
      );
    });

    it('reports an invalid route from the unit check, and skips it when the route is fine', () => {
      const record = learner({ achieved: ['A', 'B'] });
      const bad = checkRegistration([record], {
        date: OPEN,
        unitCheck: (r) => ({ ok: r.achieved.length > 2, reason: 'barred pair A/B', code: 'barred-combination' }),
      })[0];
      assert.deepEqual(codes(bad), ['barred-combination']);
      assert.match(bad.problems[0].message, /barred pair A\/B/);
      const plain = checkRegistration([record], { date: OPEN, unitCheck: () => ({ ok: false }) })[0];
      assert.deepEqual(codes(plain), ['invalid-route']);
      const good = checkRegistration([record], { date: OPEN, unitCheck: () => ({ ok: true }) })[0];
      assert.deepEqual(codes(good), []);
    });

    it('refuses a registration date that is not a date', () => {
      assert.throws(() => checkRegistration([], { date: '31/12/2013' }), /YYYY-MM-DD/);
    });
  });

  describe('field lengths and characters', () => {
    it('reports a centre reference over 10, a first name over 20 and a last name over 30, with length and limit', () => {
      const r = one(learner({ learnerId: 'ABCDEFGHIJK', firstName: 'A'.repeat(21), lastName: 'B'.repeat(31) }));
      assert.deepEqual(codes(r), ['field-too-long', 'field-too-long', 'field-too-long']);
      assert.deepEqual(
        r.problems.map((p) => p.field),
        ['centreRef', 'firstName', 'lastName'],
      );
      assert.match(r.problems[0].message, /Centre learner ref.*11 characters.*at most 10/);
      assert.match(r.problems[1].message, /First name.*21 characters.*at most 20/);
      assert.match(r.problems[2].message, /Last name.*31 characters.*at most 30/);
    });

    it('accepts fields exactly at their limits, counting an accent typed as two code points once', () => {
      const decomposed = 'e\u0301'.repeat(20);
      const r = one(learner({ learnerId: 'ABCDEFGHIJ', firstName: decomposed, lastName: 'B'.repeat(30) }));
      assert.deepEqual(codes(r), []);
      assert.equal(r.learner.firstName, decomposed, 'the name is exported as typed');
    });

    it('counts an emoji of several code points as the one character a person sees, and names it whole', () => {
      const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one family emoji: five code points
      const thumb = '\u{1F44D}\u{1F3FD}'; // thumbs up with a skin tone: two code points
      const r = one(
        learner({ learnerId: `ABCDEFGH${family}`, firstName: `Ann${thumb}`, lastName: `${'B'.repeat(29)}${family}` }),
      );
      assert.deepEqual(
        codes(r),
        ['bad-characters', 'bad-characters'],
        'nine, four and thirty characters: none too long',
      );
      assert.match(r.problems[0].message, new RegExp(`: '${thumb}'\\. `));
      assert.match(r.problems[1].message, new RegExp(`: '${family}'\\. `));
      const long = one(learner({ learnerId: 'ABCDEFGHIJ', firstName: `${'n\u0308'.repeat(20)}${thumb}` }));
      assert.deepEqual(codes(long), ['field-too-long', 'bad-characters']);
      assert.match(long.problems[0].message, /is 21 characters/);
    });

    it('accepts accented Latin letters, hyphens, apostrophes and spaces in names', () => {
      assert.deepEqual(codes(one(learner({ firstName: 'Zoë-Élodie', lastName: "O'Brien Núñez" }))), []);
      assert.deepEqual(codes(one(learner({ firstName: 'Łukasz', lastName: 'Øster' }))), []);
    });

    it('reports characters a template cannot carry, naming them, and leaves the name as typed', () => {
      const r = one(learner({ firstName: 'Ann2', lastName: 'Smith (nee Jones)' }));
      assert.deepEqual(codes(r), ['bad-characters', 'bad-characters']);
      assert.match(r.problems[0].message, /'2'/);
      assert.match(r.problems[1].message, /'\(', '\)'/);
      assert.equal(r.learner.lastName, 'Smith (nee Jones)');
      assert.deepEqual(codes(one(learner({ firstName: 'Анна' }))), ['bad-characters']);
      assert.deepEqual(codes(one(learner({ lastName: 'O\u2019Brien' }))), ['bad-characters']);
    });

    it('reports a name or reference Excel would read as a formula', () => {
      assert.deepEqual(codes(one(learner({ lastName: '-Smith' }))), ['bad-characters']);
      assert.deepEqual(codes(one(learner({ learnerId: '=HYPERLINK' }))), ['bad-characters']);
    });
  });

  describe('names', () => {
    it('splits a two-word full name into first and last name, with a note', () => {
      const r = one(learner({ firstName: undefined, lastName: undefined, fullName: ' Ann  Smith ' }));
      assert.deepEqual(codes(r), []);
      assert.equal(r.learner.firstName, 'Ann');
      assert.equal(r.learner.lastName, 'Smith');
      assert.equal(r.notes.length, 1);
    });

    it('splits "Last, First names" at the comma', () => {
      const r = one(learner({ firstName: undefined, lastName: undefined, fullName: 'Smith-Jones, Mary Ann' }));
      assert.deepEqual(codes(r), []);
      assert.equal(r.learner.firstName, 'Mary Ann');
      assert.equal(r.learner.lastName, 'Smith-Jones');
    });

    it('reports a full name of three words rather than guessing where the last name starts', () => {
      const r = one(
        learner({
          row: 60,
          firstName: undefined,
          lastName: undefined,
          fullName: 'Mary Ann Smith',
          cells: { name: 'B60' },
        }),
      );
      assert.deepEqual(codes(r), ['missing-name']);
      assert.equal(r.problems[0].cell, 'B60');
      assert.equal(r.ready, false);
    });

    it('reports a missing first or last name', () => {
      assert.deepEqual(codes(one(learner({ firstName: '  ' }))), ['missing-name']);
      assert.deepEqual(codes(one(learner({ lastName: undefined }))), ['missing-name']);
    });
  });

  describe('sex', () => {
    it('takes M, F, Male and Female in any case, and a blank', () => {
      assert.deepEqual(
        ['m', 'F', 'male', 'FEMALE', undefined].map((sex) => one(learner({ sex })).learner.sex),
        ['M', 'F', 'M', 'F', undefined],
      );
    });

    it('reports anything else, naming the cell', () => {
      const r = one(learner({ row: 70, sex: 'X' }));
      assert.deepEqual(codes(r), ['bad-sex']);
      assert.equal(r.problems[0].cell, 'F70');
    });
  });
});
