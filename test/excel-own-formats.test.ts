// The add-in next to a person's cells on the fake host: qualcheck's conditional formats are replaced rule by rule
// (a user's rule over the unit or status cells stays, in its place among the rules), and a cell holding a formula
// is never empty to the writer, even when its value reads as empty.
import assert from 'node:assert/strict';
import { columnLetters } from '../src/sheet/address';
import { isStatusRuleFormula, STATUS_STYLE } from '../src/cohort/verdict/results';
import { isHighlightFormula } from '../src/placement/unit-highlight';
import { type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type FakeConditionalFormat, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { cohortOf, sampleGrid } from './fake-excel/sample';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };

async function cohort(learners: number): Promise<{ fake: FakeExcel; sheet: FakeSheet }> {
  const { grid } = await sampleGrid();
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet('Cohort'), cohortOf(grid, learners));
  return { fake, sheet };
}

function columnOf(sheet: FakeSheet, header: string): number {
  for (let c = 0; c < 200; c++) if (sheet.value(0, c) === header) return c + 1;
  assert.fail(`no column headed ${header}`);
}

/** qualcheck's rules as the package writer recognises them: status rules inside the status column, the highlight. */
function ownRules(sheet: FakeSheet, status: number): FakeConditionalFormat[] {
  return sheet.conditionalFormats.filter((cf) => {
    if (cf.type === 'Custom') return isHighlightFormula(cf.customFormula ?? '');
    const inStatus = cf.ranges.length === 1 && cf.ranges[0].column === status - 1 && cf.ranges[0].columns === 1;
    return cf.type === 'CellValue' && inStatus && isStatusRuleFormula(cf.cellValueRule?.formula1 ?? '');
  });
}

describe("The add-in's conditional formats and formula cells next to a person's (fake host)", function () {
  this.timeout(60_000);

  it("replaces only its own rules on each check: the user's rules over the unit and status cells stay, in order", async () => {
    const { fake, sheet } = await cohort(20);
    const first = await checkSheet(fake.run, settings);
    const status = columnOf(sheet, 'qualcheck: status');
    const units = first.reading.unitColumns.map((u) => u.column);
    const left = Math.min(...units);
    const right = Math.max(...units);
    const user: FakeConditionalFormat[] = [
      // On the unit cells, as cf-user-rule-dropped.xlsx has it.
      {
        id: 1001,
        type: 'CellValue',
        ranges: [{ row: 1, column: left - 1, rows: 20, columns: right - left + 1 }],
        anchor: { row: 1, column: left - 1 },
        fill: '#112233',
        cellValueRule: { formula1: '="A"', operator: 'EqualTo' },
      },
      // Over the whole row, status column included, with a status word: the user's, for it reaches past the column.
      {
        id: 1002,
        type: 'CellValue',
        ranges: [{ row: 1, column: 0, rows: 20, columns: status + 2 }],
        anchor: { row: 1, column: 0 },
        fill: '#445566',
        cellValueRule: { formula1: '="invalid"', operator: 'EqualTo' },
      },
      // Over the status cells alone, with the user's own words.
      {
        id: 1003,
        type: 'CellValue',
        ranges: [{ row: 1, column: status - 1, rows: 20, columns: 1 }],
        anchor: { row: 1, column: status - 1 },
        fill: '#778899',
        cellValueRule: { formula1: '="see Sam"', operator: 'EqualTo' },
      },
    ];
    sheet.conditionalFormats.unshift(user[0]);
    sheet.conditionalFormats.splice(3, 0, user[1]);
    sheet.conditionalFormats.push(user[2]);
    const copies = JSON.stringify(user);
    const theirs = (cf: FakeConditionalFormat) => cf.id >= 1001 && cf.id <= 1003;

    const second = await checkSheet(fake.run, settings);
    await checkSheet(fake.run, settings);

    assert.equal(columnOf(sheet, 'qualcheck: status'), status, 'the results stay where they were');
    assert.equal(
      JSON.stringify(sheet.conditionalFormats.filter(theirs)),
      copies,
      "the user's rules, unchanged and in their order",
    );
    const own = ownRules(sheet, status);
    assert.equal(own.filter((cf) => cf.type === 'CellValue').length, 5, 'five status rules, replaced not added');
    assert.equal(own.filter((cf) => cf.type === 'Custom').length, 1, 'one highlight');
    assert.equal(sheet.conditionalFormats.length, 6 + user.length, 'nothing else added');
    for (const { record, result } of second.checks) {
      const cell = `${columnLetters(status)}${record.row}`;
      assert.equal(sheet.conditionalStyleAt(cell)?.fill, STATUS_STYLE[result.status].fill, `colour of ${cell}`);
    }
    const unitCell = `${columnLetters(left)}2`;
    if (sheet.at(unitCell) === 'A') assert.equal(sheet.conditionalStyleAt(unitCell)?.fill, '#112233');
  });

  it('keeps a formula that reads as empty in a result cell it wrote, names it, and sends the results elsewhere', async () => {
    const { fake, sheet } = await cohort(12);
    const first = await checkSheet(fake.run, settings);
    const violations = columnOf(sheet, 'qualcheck: violations');
    const clean = first.checks.find((c) => c.result.violations.length === 0);
    assert.ok(clean, 'a learner with no violations (an empty violations cell)');
    const cell = `${columnLetters(violations)}${clean.record.row}`;
    assert.equal(sheet.at(cell), undefined);
    sheet.putFormula(cell, '=""');

    const again = await checkSheet(fake.run, settings);
    assert.equal(sheet.formulaAt(cell), '=""', 'the formula is kept');
    assert.equal(again.target, 'sheet', 'the results went elsewhere');
    assert.ok(
      again.notices.some((n) => n.includes(cell)),
      `a notice names ${cell}: ${again.notices.join(' | ')}`,
    );
  });

  it('does not take a column for results where a cell holds a formula that reads as empty', async () => {
    const { fake, sheet } = await cohort(12);
    const { reading } = await checkSheet(fake.run, { ...settings, place: 'sheet' });
    const beside = columnLetters(reading.lastColumn + 1);
    sheet.putFormula(`${beside}4`, '=IF(TRUE,"","x")');
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(sheet.formulaAt(`${beside}4`), '=IF(TRUE,"","x")', 'the formula is kept');
    if (outcome.target === 'columns')
      assert.ok(columnOf(sheet, 'qualcheck: status') > reading.lastColumn + 1, 'the results start right of it');
    assert.ok(
      outcome.target === 'sheet' ? outcome.notices.some((n) => n.includes(`${beside}4`)) : true,
      `named when it sent the results elsewhere: ${outcome.notices.join(' | ')}`,
    );
  });
});
