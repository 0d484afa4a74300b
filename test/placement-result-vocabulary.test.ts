// Without the ownership record, a result cell is qualcheck's only while it holds what qualcheck would write there
// (src/placement/result-vocabulary.ts); and the record notes a sheet whose results went to a results sheet, in a form a
// reader that predates it skips (src/placement/ownership-record.ts).
import assert from 'node:assert/strict';
import { recordElsewhere, recordWrite, resultsElsewhere } from '../src/placement/ownership-record';
import { parseOwnership, serialiseOwnership } from '../src/placement/ownership-xml';
import { heldAsQualcheckWrites, type ResultWords } from '../src/placement/result-vocabulary';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';

const words: ResultWords = { units: new Set(['T/502/4296', 'A/502/4297', 'Unit 4']) };
const [achieved, , level, status, violations, nextStep, centreValues] = RESULT_HEADERS;

describe('result cells without the record: what qualcheck would write there', () => {
  it("takes qualcheck's own shapes as qualcheck's", () => {
    const own: [string, string | number][] = [
      [achieved, 48],
      [level, '3 known at level 2'],
      [status, 'on-track'],
      [violations, 'T/502/4296 and A/502/4297 are barred together (set C4): only one can count, keep one'],
      [violations, 'Cell F14 is blank, so row 14 has no qualification. Fill in its qualification number.'],
      [nextStep, 'add D/503/0352 (2 cr) and F/502/4379 (4 cr)'],
      [nextStep, 'claim the certificate'],
      [centreValues, 'level of H/503/0403 from your rules sheet'],
      [NOT_COUNTED_HEADER, 'T/502/4296, Unit 4'],
    ];
    for (const [header, value] of own) assert.ok(heldAsQualcheckWrites(header, value, undefined, words), `${value}`);
  });

  it("takes a person's words, a formula, a date and a number in a words column as the person's", () => {
    const theirs: [string, string | number | Date][] = [
      [achieved, 'see Sam'],
      [level, 'n/a'],
      [status, 'on hold - see Sam'],
      [violations, 'IQA sampled, fine'],
      [nextStep, 'ring Ben on Monday about his portfolio'],
      [centreValues, 'checked'],
      [NOT_COUNTED_HEADER, 'checked by JS'],
      [violations, 42],
      [achieved, '=1+1'],
      [status, new Date(2013, 5, 1)],
      ['qualcheck: something new', 'anything'],
    ];
    for (const [header, value] of theirs)
      assert.equal(heldAsQualcheckWrites(header, value, undefined, words), false, `${String(value)}`);
  });

  it("takes what this check writes in the cell as qualcheck's, whatever its shape", () => {
    assert.ok(heldAsQualcheckWrites(nextStep, 'no plan exists: x', 'no plan exists: x', words));
    assert.ok(heldAsQualcheckWrites(violations, '=odd', "'=odd", words));
  });
});

describe('the record of results sent to a results sheet', () => {
  const block = {
    sheetName: 'Cohort',
    headerRow: 1,
    firstColumn: 4,
    header: [status],
    firstRow: 2,
    rows: [['achieved']],
  };

  it('round-trips, and a write beside the data again clears it', () => {
    const moved = recordElsewhere(recordWrite(null, block), 'Cohort', 'qualcheck results');
    const parsed = parseOwnership(serialiseOwnership(moved));
    assert.equal(resultsElsewhere(parsed ?? null, 'Cohort'), 'qualcheck results');
    assert.equal(parsed?.blocks.length, 1, 'the block of the columns left beside the data is kept');
    assert.equal(resultsElsewhere(recordWrite(parsed ?? null, block), 'Cohort'), undefined);
    // Noted again as it was: the same record, so the add-in does not store it again.
    assert.equal(recordElsewhere(moved, 'Cohort', 'qualcheck results'), moved);
    assert.notEqual(recordElsewhere(moved, 'Cohort', 'qualcheck results 2'), moved);
  });

  it('is an element a reader of the first format skips: the blocks read as before', () => {
    const xml = serialiseOwnership(recordElsewhere(recordWrite(null, block), 'Cohort', 'qualcheck results'));
    const withoutIt = xml.replace(/<elsewhere[^>]*\/>\n?/, '');
    assert.deepEqual(parseOwnership(withoutIt)?.blocks, parseOwnership(xml)?.blocks);
  });
});
