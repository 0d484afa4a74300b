// Issue 24: a pivot table and a table whose every row is a total look like a cohort to the reader but are summaries.
// The pane's reading refuses them in one sentence (Check and What-if off) and Check now writes nothing, as the
// command line does.
import assert from 'node:assert/strict';
import { inspectSheet, type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { CheckFailed } from '../src/excel/progress';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { notACohort } from '../src/taskpane/check/reading-words';
import type { Grid } from '../src/sheet/types';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { cohortOf, sampleGrid } from './fake-excel/sample';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };

/** The sample's first `learners` rows with each row's first text made a total's label. */
function asTotals(grid: Grid): Grid {
  const labels = ['Total', 'Grand Total'];
  const values = grid.values.map((row, i) => {
    if (i === 0 || !row) return row;
    const copy = row.slice();
    const first = copy.findIndex((v) => typeof v === 'string' && v.trim() !== '');
    copy[first] = labels[(i - 1) % labels.length];
    return copy;
  });
  return { ...grid, values };
}

async function sheetOn(
  excelApi: string,
  name: string,
  make: (g: Grid) => Grid,
): Promise<{ fake: FakeExcel; sheet: FakeSheet }> {
  const { grid } = await sampleGrid();
  const fake = createFakeExcel(undefined, { excelApi });
  const sheet = fillSheet(fake.book.addSheet(name), make(cohortOf(grid, 4)));
  return { fake, sheet };
}

/** Checks, expecting the refusal; returns its message after proving the sheet is cell for cell as it was. */
async function refusedCheck(fake: FakeExcel, sheet: FakeSheet): Promise<string> {
  const before = sheet.snapshot();
  const sheets = fake.book.sheets.length;
  const error = await checkSheet(fake.run, settings).then(
    () => assert.fail('the check should have been refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof CheckFailed, String(error));
  assert.deepEqual(sheet.snapshot(), before, 'no cell of the sheet was written');
  assert.equal(fake.book.sheets.length, sheets, 'no results sheet was added');
  return error.message;
}

describe('Summaries are not cohorts in the add-in (Office.js adapter, fake host)', function () {
  this.timeout(120_000);
  let uninstall: (() => void) | undefined;
  afterEach(() => {
    uninstall?.();
    uninstall = undefined;
  });

  it('checks the same sheet when its rows name learners (the control for the refusals below)', async () => {
    const { fake, sheet } = await sheetOn('1.6', 'Cohort', (g) => g);
    uninstall = fake.installRequirements();
    const inspection = await inspectSheet(fake.run, settings);
    assert.equal(inspection.refusal, undefined);
    assert.equal(notACohort(inspection), null);
    const before = sheet.snapshot().size;
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.reading.learners.length, 4);
    assert.ok(sheet.snapshot().size > before, 'the results were written');
  });

  it('refuses a sheet whose every row is a total, with the totals it found, and writes nothing', async () => {
    const { fake, sheet } = await sheetOn('1.6', 'Summary', asTotals);
    uninstall = fake.installRequirements();
    const inspection = await inspectSheet(fake.run, settings);
    assert.equal(inspection.refusal?.kind, 'totals');
    assert.equal(inspection.reading.learners.length, 0, 'no tab is offered the totals as learners');
    assert.match(
      notACohort(inspection) ?? '',
      /^Sheet “Summary” is not a cohort of learners: every row under the header is a total \("Total", "Grand Total"\), not a learner: .*one row per learner\.$/,
    );
    const message = await refusedCheck(fake, sheet);
    assert.match(message, /^Sheet “Summary” is not a cohort .*"Grand Total".* Nothing was written\.$/);
  });

  it('refuses a sheet that holds a pivot table, though its cells read as a cohort, and writes nothing', async () => {
    const { fake, sheet } = await sheetOn('1.6', 'PTTable', (g) => g);
    sheet.addPivotTable('PivotTable1');
    uninstall = fake.installRequirements();
    const inspection = await inspectSheet(fake.run, settings);
    assert.deepEqual(inspection.refusal, { kind: 'pivot-table' });
    assert.equal(inspection.reading.learners.length, 0);
    assert.match(
      notACohort(inspection) ?? '',
      /^Sheet “PTTable” holds a pivot table, .* so it is not a cohort; check the sheet with one row per learner\.$/,
    );
    const message = await refusedCheck(fake, sheet);
    assert.match(message, /^Sheet “PTTable” holds a pivot table, .* Nothing was written\.$/);
  });

  it('counts the pivot tables in the first sync, with the sheet and its tables, costing no sync of its own', async () => {
    const plain = await sheetOn('1.6', 'Cohort', (g) => g);
    await inspectSheet(plain.fake.run, settings);
    const pivot = await sheetOn('1.6', 'Cohort', (g) => g);
    pivot.sheet.addPivotTable('PivotTable1');
    await inspectSheet(pivot.fake.run, settings);
    assert.equal(pivot.fake.stats.count, plain.fake.stats.count);
  });
});
