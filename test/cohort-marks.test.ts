import assert from 'node:assert/strict';
import { cellAddress, columnLetters, parseRange } from '../src/sheet/address';
import { isDateFormat, isoFromExcelSerial, isoFromText } from '../src/sheet/dates';
import { DEFAULT_MARKS, MarkReader, MarkStyleCounter, markText, parseMarkVocabulary } from '../src/cohort/read/marks';

describe('cohort addresses', () => {
  it('names columns as Excel does, past Z and ZZ', () => {
    assert.deepEqual([1, 26, 27, 52, 702, 703, 16384].map(columnLetters), ['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
    assert.equal(cellAddress(7, 2), 'B7');
  });

  it('reads A1 ranges in either corner order and with a sheet name', () => {
    assert.deepEqual(parseRange("'Cohort 1'!$D$9:B2"), { top: 2, left: 2, bottom: 9, right: 4 });
    assert.equal(parseRange('not a range'), undefined);
  });
});

describe('cohort dates', () => {
  it('reads Excel serials on both sides of the 1900 leap-year bug', () => {
    assert.equal(isoFromExcelSerial(1), '1900-01-01');
    assert.equal(isoFromExcelSerial(59), '1900-02-28');
    assert.equal(isoFromExcelSerial(61), '1900-03-01');
    assert.equal(isoFromExcelSerial(41345), '2013-03-12');
  });

  it('reads text dates day first and refuses impossible ones', () => {
    assert.equal(isoFromText('12/03/2013'), '2013-03-12');
    assert.equal(isoFromText('1-3-13'), '2013-03-01');
    assert.equal(isoFromText('12 March 2013'), '2013-03-12');
    assert.equal(isoFromText('2013-03-12'), '2013-03-12');
    assert.equal(isoFromText('31/02/2013'), undefined);
    assert.equal(isoFromText('13/13/2013'), undefined);
  });

  it('tells date formats from number and time formats', () => {
    for (const f of ['dd/mm/yyyy', 'd-mmm-yy', '[$-809]dd mmmm yyyy', 'mmm yyyy', 'yyyy-mm-dd'])
      assert.ok(isDateFormat(f), f);
    for (const f of ['General', '0', '0.00', '#,##0', 'h:mm', 'mm:ss', '"day" 0', '@', undefined])
      assert.ok(!isDateFormat(f), String(f));
  });
});

describe('unit marks', () => {
  const reader = new MarkReader();

  it('reads every default spelling of achieved, planned and not taken, whatever the case', () => {
    for (const m of ['A', 'a', 'Ach', 'ACHIEVED', 'y', 'Yes', '✓', '✔', 'complete', 'Completed', ' A ']) {
      assert.equal(reader.read(m).state, 'achieved', m);
    }
    for (const m of ['P', 'planned', 'IP', 'In progress', 'in-progress', 'X', 'x', 'Registered', 'r']) {
      assert.equal(reader.read(m).state, 'planned', m);
    }
    for (const m of [null, '', '  ', 'N', 'no', '-', '0', 0]) assert.equal(reader.read(m).state, 'none', String(m));
  });

  it('reads a date as achieved on that date: an Excel date, a date-formatted serial, or UK text', () => {
    assert.deepEqual(reader.read(new Date(Date.UTC(2013, 2, 12))), { state: 'achieved', achievedOn: '2013-03-12' });
    assert.deepEqual(reader.read(41345, 'dd/mm/yyyy'), { state: 'achieved', achievedOn: '2013-03-12' });
    assert.deepEqual(reader.read('04/05/2013'), { state: 'achieved', achievedOn: '2013-05-04' });
  });

  it('does not take a bare number for a date when the cell is not formatted as one', () => {
    assert.equal(reader.read(41345).state, 'unrecognised');
    assert.equal(reader.read(41345, 'General').state, 'unrecognised');
  });

  it('reports anything else as unrecognised and formula errors as errors', () => {
    assert.deepEqual(reader.read('Q'), { state: 'unrecognised', text: 'Q' });
    assert.equal(reader.read(2).state, 'unrecognised');
    assert.equal(reader.read(true).state, 'unrecognised');
    assert.equal(reader.read('31/02/2013').state, 'unrecognised');
    assert.deepEqual(reader.read({ error: '#N/A' }), { state: 'error', error: '#N/A' });
  });
});

describe('a centre marks vocabulary', () => {
  it('adds the file words to the defaults and moves a word to the state the file gives it', () => {
    const { vocabulary, errors } = parseMarkVocabulary({ achieved: ['Done', 'x'], notTaken: ['n/a'] });
    assert.deepEqual(errors, []);
    assert.ok(vocabulary);
    const reader = new MarkReader(vocabulary);
    assert.equal(reader.read('done').state, 'achieved');
    assert.equal(reader.read('X').state, 'achieved');
    assert.equal(reader.read('N/A').state, 'none');
    assert.equal(reader.read('P').state, 'planned');
    assert.ok(!vocabulary.planned.includes('x'));
  });

  it('replaces the defaults when asked, and can turn dates off', () => {
    const { vocabulary } = parseMarkVocabulary({
      achieved: ['Passed'],
      planned: ['Booked'],
      replaceDefaults: true,
      datesMeanAchieved: false,
    });
    assert.ok(vocabulary);
    const reader = new MarkReader(vocabulary);
    assert.equal(reader.read('A').state, 'unrecognised');
    assert.equal(reader.read('passed').state, 'achieved');
    assert.equal(reader.read('').state, 'none');
    assert.equal(reader.read('12/03/2013').state, 'unrecognised');
  });

  it('names the field of every mistake in the file', () => {
    assert.equal(parseMarkVocabulary([]).vocabulary, undefined);
    const { vocabulary, errors } = parseMarkVocabulary({
      achieved: 'A',
      planned: ['P', {}],
      notTaken: ['P'],
      colour: 'red',
      replaceDefaults: 'yes',
    });
    assert.equal(vocabulary, undefined);
    assert.ok(errors.some((e) => e.startsWith('marks.achieved:')));
    assert.ok(errors.some((e) => e.startsWith('marks.planned[1]:')));
    assert.ok(errors.some((e) => e.includes('"colour"')));
    assert.ok(errors.some((e) => e.startsWith('marks.replaceDefaults:')));
    assert.ok(errors.some((e) => e.includes('"P" is in both planned and notTaken')));
  });

  it('keeps the default vocabulary the issue lists', () => {
    assert.deepEqual(
      [...DEFAULT_MARKS.achieved],
      ['A', 'Ach', 'Achieved', 'Y', 'Yes', '✓', '✔', 'Complete', 'Completed'],
    );
    assert.deepEqual([...DEFAULT_MARKS.planned], ['P', 'Planned', 'IP', 'In progress', 'x', 'Registered', 'R']);
  });
});

describe('mark style', () => {
  it('writes a mark back in the spelling the sheet uses most', () => {
    const counter = new MarkStyleCounter();
    counter.note('Y', 'achieved', 5);
    counter.note('A', 'achieved', 2);
    counter.note('IP', 'planned');
    const style = counter.style();
    assert.equal(markText('achieved', style), 'Y');
    assert.equal(markText('planned', style), 'IP');
    assert.equal(markText('none', style), '');
    assert.equal(markText('planned'), 'P');
  });
});
