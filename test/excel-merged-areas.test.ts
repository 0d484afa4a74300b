// Merged cells where the results would go, through the Office.js adapter on the fake host. Excel keeps a merged
// area's value in its upper-left cell only (Range.merge), so the adapter asks for the merged areas where Excel can
// say (ExcelApi 1.13) and places the results round them, naming them; an older Excel writes as it always did.
import assert from 'node:assert/strict';
import { columnLetters } from '../src/sheet/address';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { CheckFailed } from '../src/excel/progress';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { cohortOf, sampleGrid } from './fake-excel/sample';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };

/** The sample's first 30 learners on a fake host with ExcelApi `excelApi`, standing as `Office` for the test. */
async function cohortOn(excelApi: string): Promise<{ fake: FakeExcel; sheet: FakeSheet; last: number }> {
  const { grid } = await sampleGrid();
  const fake = createFakeExcel(undefined, { excelApi });
  const sheet = fillSheet(fake.book.addSheet('Cohort'), cohortOf(grid, 30));
  return { fake, sheet, last: grid.values[0].length };
}

/** What the cells (`AX20`, ...) hold, in order. */
function held(sheet: FakeSheet, cells: string[]): unknown[] {
  const all = Object.fromEntries(sheet.snapshot());
  return cells.map((a) => all[a] ?? null);
}

describe('Merged cells where the results would go (Office.js adapter, fake host)', function () {
  this.timeout(120_000);
  let uninstall: (() => void) | undefined;
  afterEach(() => {
    uninstall?.();
    uninstall = undefined;
  });

  it('with ExcelApi 1.13, puts the results right of a merge inside their columns and leaves the merge as it was', async () => {
    const { fake, sheet, last } = await cohortOn('1.13');
    uninstall = fake.installRequirements();
    const [from, to] = [columnLetters(last + 2), columnLetters(last + 3)];
    sheet.merge(`${from}20:${to}21`).put(`${from}20`, [['note']]);
    const cells = [`${from}20`, `${to}20`, `${from}21`, `${to}21`];
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.deepEqual(held(sheet, cells), ['note', null, null, null]);
    assert.equal(sheet.value(0, last + 3), RESULT_HEADERS[0], 'the results start right of the merge');
    assert.equal(sheet.value(0, last) ?? null, null, 'nothing is written left of the merge');
  });

  it('with ExcelApi 1.13, sends the results to the results sheet, naming the cells, for a merge made in them since', async () => {
    const { fake, sheet, last } = await cohortOn('1.13');
    uninstall = fake.installRequirements();
    assert.equal((await checkSheet(fake.run, settings)).target, 'columns');
    const [from, to] = [columnLetters(last + 2), columnLetters(last + 3)];
    sheet.merge(`${from}20:${to}21`);
    const cells = [`${from}20`, `${to}20`, `${from}21`, `${to}21`];
    const before = held(sheet, cells);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'sheet');
    assert.ok(
      outcome.notices.some((n) => n.includes(`because cells ${from}20:${to}21 are merged`)),
      outcome.notices.join(' | '),
    );
    assert.deepEqual(held(sheet, cells), before, 'nothing is written into the merged cells');
  });

  it('with ExcelApi 1.13, puts the results right of a merge across the data edge, so Excel refuses nothing', async () => {
    const { fake, sheet, last } = await cohortOn('1.13');
    uninstall = fake.installRequirements();
    const [from, to] = [columnLetters(last), columnLetters(last + 1)];
    sheet.merge(`${from}25:${to}25`);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.equal(sheet.value(0, last) ?? null, null, 'nothing is written in the merge');
    assert.equal(sheet.value(0, last + 1), RESULT_HEADERS[0], 'the results start right of the merge');
  });

  it('names the merged cells when a merge made during the check stops the write', async () => {
    const { fake, sheet, last } = await cohortOn('1.13');
    uninstall = fake.installRequirements();
    const [from, to] = [columnLetters(last + 1), columnLetters(last + 2)];
    fake.book.beforeSync = () => {
      if (fake.stats.syncs.some((s) => s.writes > 0) && sheet.merged.length === 0) sheet.merge(`${from}21:${to}22`);
    };
    await assert.rejects(checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } }), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, new RegExp(`Cells ${from}21:${to}22 on sheet "Cohort" are merged and in the way`));
      assert.match(
        error.message,
        /Unmerge them, or choose 'On a separate results sheet' in Settings, then check again/,
      );
      return true;
    });
  });

  it('without ExcelApi 1.13, never asks for merged areas and words Excel refusal as before', async () => {
    const { fake, sheet, last } = await cohortOn('1.6');
    uninstall = fake.installRequirements();
    const [from, to] = [columnLetters(last), columnLetters(last + 1)];
    sheet.merge(`${from}25:${to}25`);
    await assert.rejects(checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } }), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(
        error.message,
        /A merged cell is in the way of the results on sheet "Cohort"\. Unmerge the cells right/,
      );
      return true;
    });
  });

  it('without ExcelApi 1.13, writes through a merge inside the result columns as before (a fake asked for merged areas would fail)', async () => {
    const { fake, sheet, last } = await cohortOn('1.6');
    uninstall = fake.installRequirements();
    const [from, to] = [columnLetters(last + 2), columnLetters(last + 3)];
    sheet.merge(`${from}20:${to}21`);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.equal(sheet.value(0, last), RESULT_HEADERS[0], 'the results start right of the data');
    assert.deepEqual(held(sheet, [`${to}20`, `${from}21`, `${to}21`]), [null, null, null]);
  });
});
