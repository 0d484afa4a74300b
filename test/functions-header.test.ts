// The worksheet functions read a header row once per session and each learner's row under it: the results are those
// of reading the whole sheet (header and every row together, as a check does), and a changed header is read afresh.
import assert from 'node:assert/strict';
import { columnLetters } from '../src/sheet/address';
import { checkLearner } from '../src/cohort/verdict/learner-result';
import { readCohort } from '../src/cohort/read/read';
import { RESULT_HEADERS, resultCell } from '../src/cohort/verdict/results';
import type { CellValue, Grid } from '../src/sheet/types';
import { formulaResult, type FormulaValue, type LearnerFormula } from '../src/functions/learner-formula';
import { FunctionSession } from '../src/functions/session';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { sampleGrid } from './fake-excel/sample';
import { excelRow } from './support/custom-functions';

const catalogue = embeddedCatalogue();

function rowAddress(row: number, width: number): string {
  return `Cohort!$A$${row}:$${columnLetters(width)}$${row}`;
}

/** The formula of sheet row `row` of `grid`, as Excel passes it with its header row `headerRow` ($A$1:... absolute). */
function formulaOf(grid: Grid, row: number, headerRow = grid.top): LearnerFormula {
  const width = grid.values[0].length;
  return {
    headers: { values: excelRow(grid.values[headerRow - grid.top], 1, width), address: rowAddress(headerRow, width) },
    marks: { values: excelRow(grid.values[row - grid.top], 1, width), address: rowAddress(row, width) },
  };
}

/** Every result column of every learner of `grid`, from one reading of the whole sheet. */
function wholeSheetResults(grid: Grid): Map<number, Record<string, FormulaValue>> {
  const reading = readCohort(grid, { catalogue });
  const results = new Map<number, Record<string, FormulaValue>>();
  for (const record of reading.learners) {
    const check = { record, result: checkLearner(record) };
    const cells: Record<string, FormulaValue> = {};
    for (const header of RESULT_HEADERS) cells[header] = resultCell(check, header);
    results.set(record.row, cells);
  }
  return results;
}

describe('QUALCHECK worksheet functions reading a header once', function () {
  this.timeout(60_000);
  let sample: Grid;

  before(async () => {
    ({ grid: sample } = await sampleGrid());
  });

  it('give every learner what reading the whole sheet gives, reading the header row once for all of them', () => {
    const session = new FunctionSession(catalogue);
    const expected = wholeSheetResults(sample);
    let compared = 0;
    for (const [row, cells] of expected) {
      if (cells['qualcheck: violations'].toString().includes('not in the catalogue')) continue; // #VALUE! in a formula
      for (const header of RESULT_HEADERS) {
        assert.deepEqual(
          formulaResult(session, formulaOf(sample, row), header),
          cells[header],
          `row ${row}: ${header}`,
        );
      }
      compared++;
    }
    assert.ok(compared >= expected.size - 1, `${compared} of ${expected.size} learners compared`);
    assert.equal(session.headerReadings, 1);
  });

  it('read a changed header afresh, and a header seen before from what was kept', () => {
    const session = new FunctionSession(catalogue);
    const row = sample.top + 1;
    const status = () => formulaResult(session, formulaOf(edited, row), 'qualcheck: status');
    const edited: Grid = { ...sample, values: sample.values.map((r) => r.slice()) };
    const before = status();
    assert.equal(session.headerReadings, 1);
    // The Qualification heading renamed: the row no longer says which qualification, so the learner cannot be checked.
    const q = edited.values[0].indexOf('Qualification');
    edited.values[0][q] = 'Notes';
    const renamed = status();
    assert.ok(typeof renamed === 'object', `an error once no column is headed Qualification: ${String(renamed)}`);
    assert.match(renamed.error, /^no qualification/);
    assert.equal(session.headerReadings, 2);
    edited.values[0][q] = 'Qualification';
    assert.equal(status(), before);
    assert.equal(session.headerReadings, 2, 'the first header was kept');
  });

  it('name the header cell where the header is, as reading the whole sheet does, whichever row the learner is on', () => {
    // A column headed by a unit reference the catalogue lacks, marked achieved on one learner's row.
    const values: CellValue[][] = [
      ['Learner ID', 'Qualification', 'L/601/0933', 'X/999/9999', 'L/601/0934'],
      ['L1', '600/5106/1', 'A', null, 'P'],
      ['L2', '600/5106/1', 'A', null, null],
      ['L3', '600/5106/1', 'P', 'A', 'A'],
    ];
    const grid: Grid = { values, top: 1, left: 1 };
    const expected = wholeSheetResults(grid);
    const violations = String(expected.get(4)?.['qualcheck: violations']);
    assert.match(violations, /under header D1 "X\/999\/9999"/);
    const session = new FunctionSession(catalogue);
    for (const [row, cells] of expected)
      assert.equal(
        formulaResult(session, formulaOf(grid, row), 'qualcheck: violations'),
        cells['qualcheck: violations'],
      );
  });

  it('keep a bounded number of header rows, reading each again once dropped', () => {
    const session = new FunctionSession(catalogue);
    const row = sample.top + 1;
    const headers = (i: number): Grid => {
      const values = sample.values.map((r) => r.slice());
      values[0] = [...values[0], `Notes ${i}`];
      values[row - sample.top] = [...values[row - sample.top], null];
      return { ...sample, values };
    };
    const first = formulaResult(session, formulaOf(headers(0), row), 'qualcheck: status');
    for (let i = 1; i <= 100; i++)
      assert.equal(formulaResult(session, formulaOf(headers(i), row), 'qualcheck: status'), first);
    assert.equal(session.headerReadings, 101);
    formulaResult(session, formulaOf(headers(0), row), 'qualcheck: status');
    assert.equal(session.headerReadings, 102, 'the first of 101 header rows was dropped');
  });
});
