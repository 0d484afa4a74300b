import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageOn, dateOfAge, formatUkDate, isIsoDate, readDate } from '../src/sheet/dates';

const on2025 = { referenceYear: 2025 };

describe('reading a date of birth', () => {
  it('reads dd/mm/yyyy day first: 03/04/2005 is 3 April, never 4 March', () => {
    assert.equal(readDate('03/04/2005').date, '2005-04-03');
    assert.equal(readDate('04/03/2005').date, '2005-03-04');
  });

  it('reads d/m/yyyy, dots and dashes the same way', () => {
    assert.equal(readDate('3/4/2005').date, '2005-04-03');
    assert.equal(readDate('3.4.2005').date, '2005-04-03');
    assert.equal(readDate('03-04-2005').date, '2005-04-03');
  });

  it('reads ISO yyyy-mm-dd', () => {
    assert.equal(readDate('2005-04-03').date, '2005-04-03');
    assert.equal(readDate('2005-04-03T00:00:00').date, '2005-04-03');
  });

  it('reads a day and a month name', () => {
    assert.equal(readDate('3 April 2005').date, '2005-04-03');
    assert.equal(readDate('03-Apr-2005').date, '2005-04-03');
    assert.equal(readDate('3 Sept 2005').date, '2005-09-03');
  });

  it('reads a two-digit year as the latest such year not after the reference year, and says so', () => {
    const r = readDate('3/4/05', on2025);
    assert.equal(r.date, '2005-04-03');
    assert.match(r.note ?? '', /2005/);
    assert.equal(readDate('3/4/25', on2025).date, '2025-04-03');
    assert.equal(readDate('3/4/26', on2025).date, '1926-04-03');
    assert.equal(readDate('3/4/98', on2025).date, '1998-04-03');
    assert.equal(readDate('3/4/00', { referenceYear: 2000 }).date, '2000-04-03');
  });

  it('rejects 31/02/2005 and names the value', () => {
    const r = readDate('31/02/2005');
    assert.equal(r.date, undefined);
    assert.equal(r.problem?.code, 'bad-date');
    assert.match(r.problem?.message ?? '', /31\/02\/2005/);
    assert.match(r.problem?.message ?? '', /February 2005 has 28 days/);
  });

  it('accepts 29/02 in a leap year only', () => {
    assert.equal(readDate('29/02/2004').date, '2004-02-29');
    assert.equal(readDate('29/02/2005').problem?.code, 'bad-date');
    assert.equal(readDate('29/02/2000').date, '2000-02-29');
    assert.equal(readDate('29/02/1900').problem?.code, 'bad-date');
  });

  it('reports a month-first date rather than swapping it', () => {
    const r = readDate('04/25/2005');
    assert.equal(r.date, undefined);
    assert.match(r.problem?.message ?? '', /day first/);
    assert.match(r.problem?.message ?? '', /25\/04\/2005/);
  });

  it('reports text it cannot read, booleans and formula errors', () => {
    assert.equal(readDate('next Tuesday').problem?.code, 'bad-date');
    assert.equal(readDate('38445').problem?.code, 'bad-date');
    assert.equal(readDate('3 Foo 2005').problem?.code, 'bad-date');
    assert.equal(readDate(true).problem?.code, 'bad-date');
    assert.match(readDate({ error: '#VALUE!' }).problem?.message ?? '', /#VALUE!/);
  });

  it('gives neither a date nor a problem for a blank cell', () => {
    assert.deepEqual(readDate(null), {});
    assert.deepEqual(readDate('  '), {});
    assert.deepEqual(readDate(undefined), {});
  });

  it('reads an Excel date as exceljs gives it, midnight UTC, dropping any time of day', () => {
    assert.equal(readDate(new Date(Date.UTC(2005, 3, 3))).date, '2005-04-03');
    assert.equal(readDate(new Date(Date.UTC(2005, 3, 3, 23, 59))).date, '2005-04-03');
    assert.equal(readDate(new Date(Number.NaN)).problem?.code, 'bad-date');
  });
});

describe('Excel date serials', () => {
  it('reads serials after the 1900 leap-year bug', () => {
    assert.equal(readDate(38445).date, '2005-04-03');
    assert.equal(readDate(61).date, '1900-03-01');
    assert.equal(readDate(45658).date, '2025-01-01');
  });

  it('reads serials before the bug without its extra day', () => {
    assert.equal(readDate(1).date, '1900-01-01');
    assert.equal(readDate(59).date, '1900-02-28');
  });

  it('rejects serial 60, the 29/02/1900 that Excel counts but the calendar lacks', () => {
    assert.match(readDate(60).problem?.message ?? '', /29\/02\/1900/);
  });

  it('drops the time of day from a serial', () => {
    assert.equal(readDate(38445.75).date, '2005-04-03');
  });

  it("rejects serials outside Excel's dates", () => {
    assert.equal(readDate(0).problem?.code, 'bad-date');
    assert.equal(readDate(-5).problem?.code, 'bad-date');
    assert.equal(readDate(20050403).problem?.code, 'bad-date');
  });

  it('reads 1904 serials four years and a day on', () => {
    assert.equal(readDate(0, { dateSystem: 1904 }).date, '1904-01-01');
    assert.equal(readDate(38445 - 1462, { dateSystem: 1904 }).date, '2005-04-03');
  });

  it('agrees with a day count for every serial from 61 on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => {
        const date = readDate(serial).date ?? '';
        const days = (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
        assert.equal(days, serial);
      }),
    );
  });
});

describe('age on a date', () => {
  it('counts the birthday itself as the new age, and the day before as the old one', () => {
    assert.equal(ageOn('2000-06-15', '2018-06-15'), 18);
    assert.equal(ageOn('2000-06-15', '2018-06-14'), 17);
    assert.equal(ageOn('2000-06-15', '2018-06-16'), 18);
  });

  it('makes someone born on 29 February a year older on 1 March in a common year', () => {
    assert.equal(ageOn('2004-02-29', '2022-02-28'), 17);
    assert.equal(ageOn('2004-02-29', '2022-03-01'), 18);
    assert.equal(ageOn('2004-02-29', '2024-02-29'), 20);
    assert.equal(dateOfAge('2004-02-29', 18), '2022-03-01');
    assert.equal(dateOfAge('2004-02-29', 20), '2024-02-29');
  });

  it('is never reached before the date dateOfAge gives, and always on it', () => {
    const isoDates = fc
      .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(isoDates, fc.integer({ min: 1, max: 80 }), (dob, years) => {
        const reached = dateOfAge(dob, years);
        assert.equal(ageOn(dob, reached), years);
        const dayBefore = new Date(Date.parse(`${reached}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        assert.equal(ageOn(dob, dayBefore), years - 1);
      }),
    );
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    assert.throws(() => ageOn('15/06/2000', '2018-06-15'), /YYYY-MM-DD/);
  });
});

describe('date helpers', () => {
  it('formats ISO dates as dd/mm/yyyy and knows real dates', () => {
    assert.equal(formatUkDate('2005-04-03'), '03/04/2005');
    assert.equal(isIsoDate('2005-04-03'), true);
    assert.equal(isIsoDate('2005-02-30'), false);
    assert.equal(isIsoDate('03/04/2005'), false);
  });
});
