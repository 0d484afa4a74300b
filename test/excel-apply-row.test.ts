// Applying a what-if to one learner's row against the fake Excel host (src/excel/apply-row.ts): writing exactly the
// cells a choice changes, in the sheet's own marks and lists, plus the row's own result cells, after checking that
// the row still holds what was read.
import assert from 'node:assert/strict';
import { columnLetters, parseCellAddress } from '../src/sheet/address';
import { checkLearner } from '../src/cohort/verdict/learner-result';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { RESULTS_SHEET } from '../src/placement/results-sheet';
import { planRowChanges } from '../src/whatif/row-edits';
import type { LearnerRecord } from '../src/sheet/types';
import { sheetChoices, type Choices } from '../src/whatif/unit-choices';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import { OWNERSHIP_NAMESPACE, type OwnershipRecord } from '../src/placement/ownership-record';
import { isOwnershipNamespace, recordOfParts, rowsPartNamespace } from '../src/placement/ownership-xml';
import { applyRowChanges } from '../src/excel/apply-row';
import { inspectSheet, type CheckSettings, type SheetInspection } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { CheckFailed } from '../src/excel/progress';
import { embeddedCatalogue } from '../src/rules/catalogue';
import type { FakeExcel, FakeSheet } from './fake-excel';
import { cohortOf, sampleGrid } from './fake-excel/sample';
import { rootNamespace } from './fake-excel/book';
import {
  catalogueWithExample,
  choose,
  exampleGrid,
  fakeWith,
  intendedOf,
  learnerAt,
  settingsFor,
  workbookGrid,
} from './whatif-fixtures';

/** Plans the row's changes, applies them, and returns the outcome with the sheet's cells before and after. */
async function applyOn(
  fake: FakeExcel,
  sheet: FakeSheet,
  inspection: SheetInspection,
  record: LearnerRecord,
  choices: Choices,
  catalogue = embeddedCatalogue(),
) {
  const options = { catalogue };
  const planned = planRowChanges({ grid: inspection.read.grid, reading: inspection.reading, record }, choices, options);
  const before = sheet.snapshot();
  const outcome = await applyRowChanges(fake.run, {
    sheetName: inspection.read.sheetName,
    grid: inspection.read.grid,
    reading: inspection.reading,
    record,
    changes: planned.changes,
    intended: intendedOf(choices),
    options,
  });
  return { planned, outcome, before, after: sheet.snapshot() };
}

/** Cells whose value differs between two snapshots. */
function differences(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const cells = new Set([...before.keys(), ...after.keys()]);
  return [...cells].filter((cell) => before.get(cell) !== after.get(cell)).sort();
}

/** The 1-based row of a learner on the results sheet, found by its Row and Learner ID cells. */
function resultsRowOf(results: FakeSheet, record: LearnerRecord): number {
  for (let r = 1; r < 10_000; r++) {
    if (results.value(r, 0) === record.row && results.value(r, 1) === record.learnerId) return r + 1;
  }
  assert.fail(`no results row for ${record.learnerId}`);
}

function columnOf(sheet: FakeSheet, header: string): number {
  for (let c = 0; c < 200; c++) if (sheet.value(0, c) === header) return c + 1;
  assert.fail(`no column headed ${header}`);
}

describe("what-if: applying a learner's row", function () {
  this.timeout(60_000);

  it("writes the changed unit cells and the row's own result cells, and nothing else; a full check agrees with them", async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    await checkSheet(fake.run, settingsFor());
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 5);
    const choices = choose(record, { 'K/503/0421': 'planned', 'H/600/9660': 'achieved' });
    const { planned, outcome, before, after } = await applyOn(fake, sheet, inspection, record, choices);
    assert.equal(planned.changes.length, 2);

    const owned = [...RESULT_HEADERS, NOT_COUNTED_HEADER].map((h) => columnLetters(columnOf(sheet, h)));
    const changedCells = differences(before, after);
    const unitCells = planned.changes.map((c) => c.cell);
    for (const cell of changedCells) {
      const letters = cell.replace(/\d+$/, '');
      assert.ok(unitCells.includes(cell) || (owned.includes(letters) && cell === `${letters}5`), `${cell} changed`);
    }
    for (const change of planned.changes) assert.equal(sheet.at(change.cell), change.after);
    assert.ok(outcome.results.length >= RESULT_HEADERS.length, "the row's result cells were updated");

    // A full check of the sheet as it now is writes the same in that row: the re-check was the check's own.
    const rowResults = () => owned.map((letters) => sheet.at(`${letters}5`));
    const afterApply = rowResults();
    assert.equal(sheet.at(`${columnLetters(columnOf(sheet, 'qualcheck: status'))}5`), outcome.check.result.status);
    const recheck = await checkSheet(fake.run, settingsFor());
    assert.equal(
      recheck.target,
      'columns',
      "the cells Apply refreshed are recorded as qualcheck's, not taken for a person's",
    );
    assert.deepEqual(rowResults(), afterApply);
  });

  it('keeps a result cell of the row that a person typed into since the check, and says so', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    await checkSheet(fake.run, settingsFor());
    const next = `${columnLetters(columnOf(sheet, 'qualcheck: next step'))}5`;
    sheet.put(next, [['ring Ben on Monday']]);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 5);
    const { outcome } = await applyOn(fake, sheet, inspection, record, choose(record, { 'H/600/9660': 'achieved' }));
    assert.equal(sheet.at(next), 'ring Ben on Monday');
    assert.deepEqual(outcome.kept, [next]);
    assert.equal(
      sheet.at(`${columnLetters(columnOf(sheet, 'qualcheck: status'))}5`),
      outcome.check.result.status,
      'the other result cells were refreshed',
    );
  });

  it('re-reads as exactly the units chosen, and the panel can go on from the grid it returns', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 8);
    const choices = choose(record, { 'D/601/1553': 'planned' });
    const { outcome, before, after } = await applyOn(fake, sheet, inspection, record, choices);
    assert.deepEqual(differences(before, after), [
      `${columnLetters(inspection.read.grid.values[0].indexOf('D/601/1553') + 1)}8`,
    ]);
    assert.deepEqual(outcome.results, [], 'a sheet never checked has no result cells to update');
    const fresh = await inspectSheet(fake.run, settingsFor());
    const reread = learnerAt(fresh, 8);
    assert.deepEqual(sheetChoices(reread), choices);
    assert.deepEqual(outcome.grid.values, fresh.read.grid.values);
  });

  it('writes nothing when the row changed since it was read, and says which cell', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 6);
    sheet.put('B6', [['Someone else']]);
    const snapshot = sheet.snapshot();
    await assert.rejects(
      () => applyOn(fake, sheet, inspection, record, choose(record, { 'K/503/0421': 'planned' })),
      (error: unknown) =>
        error instanceof CheckFailed &&
        /B6 was "Ewa" .* is "Someone else" now, so nothing was written/.test(error.message),
    );
    assert.deepEqual(sheet.snapshot(), snapshot);
  });

  it('writes nothing on a protected sheet and says how to unprotect it', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    sheet.protected = true;
    const record = learnerAt(inspection, 2);
    const snapshot = sheet.snapshot();
    await assert.rejects(
      () => applyOn(fake, sheet, inspection, record, choose(record, { 'K/503/0421': 'planned' })),
      (error: unknown) =>
        error instanceof CheckFailed && /protected.*Unprotect Sheet.*Nothing was written/.test(error.message),
    );
    assert.deepEqual(sheet.snapshot(), snapshot);
  });

  it('rewrites a Units cell in its own separators and bracket marks, changing marks in place', async () => {
    const { grid, sheetName } = await workbookGrid('layouts/list-marked.xlsx');
    const { fake, sheet } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 3); // "D/503/0352 (A); M/502/4300 (P); …"
    const cell = record.marks[0].cell;
    const original = String(sheet.at(cell));
    const choices = choose(record, { 'M/502/4300': 'achieved', 'F/502/4379': 'none', 'K/503/0421': 'planned' });
    const { planned, before, after } = await applyOn(fake, sheet, inspection, record, choices);
    assert.deepEqual(
      planned.changes.map((c) => c.cell),
      [cell],
    );
    assert.deepEqual(differences(before, after), [cell]);
    const written = String(sheet.at(cell));
    assert.equal(
      written,
      original.replace('M/502/4300 (P)', 'M/502/4300 (A)').replace('F/502/4379 (P); ', '') + '; K/503/0421 (P)',
      'same separator, marks in brackets as the sheet writes them, order kept',
    );
    const reread = learnerAt(await inspectSheet(fake.run, settingsFor()), 3);
    assert.deepEqual(sheetChoices(reread), choices);
  });

  it('moves units between Achieved units and Planned units cells, one per line as the sheet lists them', async () => {
    const { grid, sheetName } = await workbookGrid('layouts/list-achieved-planned.xlsx');
    const { fake, sheet } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 4); // achieved D/503/0352; planned K/503/0385, T/503/0342
    const choices = choose(record, { 'K/503/0385': 'achieved', 'H/503/0403': 'planned' });
    const { before, after } = await applyOn(fake, sheet, inspection, record, choices);
    assert.deepEqual(differences(before, after), ['G4', 'H4']);
    assert.equal(sheet.at('G4'), 'D/503/0352\nK/503/0385');
    assert.equal(sheet.at('H4'), 'T/503/0342\nH/503/0403');
    assert.deepEqual(sheetChoices(learnerAt(await inspectSheet(fake.run, settingsFor()), 4)), choices);
  });

  it("brings the learner's row on a separate results sheet up to date, as a full check would write it", async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const onSheet: CheckSettings = { ...settingsFor(), place: 'sheet' };
    await checkSheet(fake.run, onSheet);
    const results = fake.book.sheet(RESULTS_SHEET);
    assert.ok(results, 'the check made a results sheet');
    const inspection = await inspectSheet(fake.run, onSheet);
    const record = learnerAt(inspection, 9); // CC008: barred pair, invalid until one is dropped
    const resultsRow = resultsRowOf(results, record);
    const choices = choose(record, { [record.achieved[record.achieved.length - 1]]: 'none', 'K/503/0421': 'planned' });
    const resultsBefore = results.snapshot();
    const { planned, outcome, before, after } = await applyOn(fake, sheet, inspection, record, choices);

    assert.deepEqual(
      differences(before, after),
      planned.changes.map((c) => c.cell).sort(),
      'on the cohort sheet only the unit cells changed',
    );
    assert.deepEqual(outcome.resultsSheet, { name: RESULTS_SHEET, written: true });
    const changedThere = differences(resultsBefore, results.snapshot());
    assert.ok(changedThere.length > 0, 'the results sheet row changed');
    for (const cell of changedThere)
      assert.equal(Number(cell.replace(/^[A-Z]+/, '')), resultsRow, `${cell} is on the learner's results row`);
    assert.deepEqual(
      outcome.results.map((r) => Number(r.cell.replace(/^[A-Z]+/, ''))),
      outcome.results.map(() => resultsRow),
    );

    const rowThere = () => Array.from({ length: 12 }, (_, c) => results.value(resultsRow - 1, c));
    const afterApply = rowThere();
    await checkSheet(fake.run, onSheet);
    assert.deepEqual(rowThere(), afterApply, 'a full check writes the same results for that learner');
  });

  it('keeps a result cell of the row holding a formula that reads as empty, and says so', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    await checkSheet(fake.run, settingsFor());
    const next = `${columnLetters(columnOf(sheet, 'qualcheck: next step'))}5`;
    sheet.putFormula(next, '=IF(TRUE,"","ring Ben")');
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 5);
    const { outcome } = await applyOn(fake, sheet, inspection, record, choose(record, { 'H/600/9660': 'achieved' }));
    assert.equal(sheet.formulaAt(next), '=IF(TRUE,"","ring Ben")', 'the formula is kept');
    assert.deepEqual(outcome.kept, [next]);
  });

  it('after a check sent the results to the results sheet, updates the row there, never the columns it left', async () => {
    // Issue 22: Check; type into a result cell of row 5; Check again (results go to the results sheet); Apply on row 9.
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    await checkSheet(fake.run, settingsFor());
    const typed = `${columnLetters(columnOf(sheet, 'qualcheck: status'))}5`;
    sheet.put(typed, [['on hold - see Sam']]);
    const moved = await checkSheet(fake.run, settingsFor());
    assert.equal(moved.target, 'sheet');
    const results = fake.book.sheet(RESULTS_SHEET);
    assert.ok(results, 'the second check made a results sheet');

    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 9); // CC008: barred pair, invalid until one is dropped
    const resultsRow = resultsRowOf(results, record);
    const status = columnLetters(columnOf(results, 'qualcheck: status'));
    assert.equal(results.at(`${status}${resultsRow}`), 'invalid');
    const barred = checkLearner(record).violations.filter((v) => v.code === 'barred-combination');
    const choices = choose(record, Object.fromEntries(barred.map((v) => [v.units[0], 'none' as const])));
    const resultsBefore = results.snapshot();
    const { planned, outcome, before, after } = await applyOn(fake, sheet, inspection, record, choices);

    assert.deepEqual(
      differences(before, after),
      planned.changes.map((c) => c.cell).sort(),
      'on the cohort sheet only the unit cells changed: the abandoned result columns were not written',
    );
    assert.equal(sheet.at(typed), 'on hold - see Sam');
    assert.deepEqual(outcome.resultsSheet, { name: RESULTS_SHEET, written: true });
    assert.notEqual(outcome.check.result.status, 'invalid');
    assert.equal(
      results.at(`${status}${resultsRow}`),
      outcome.check.result.status,
      'the row there says the new status',
    );
    for (const cell of differences(resultsBefore, results.snapshot()))
      assert.equal(Number(cell.replace(/^[A-Z]+/, '')), resultsRow, `${cell} is on the learner's results row`);
    // What the notice is made from: where it wrote, and which cells beside the data are out of date.
    assert.ok(outcome.results.every((r) => r.cell.endsWith(String(resultsRow))));
    const besideFirst = columnLetters(columnOf(sheet, RESULT_HEADERS[0]));
    assert.match(outcome.outOfDate ?? '', new RegExp(`^${besideFirst}9–[A-Z]+9$`));
  });

  it('clears the result columns a check left beside the data when every cell is still as qualcheck wrote it', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    await checkSheet(fake.run, settingsFor());
    const left = columnOf(sheet, RESULT_HEADERS[0]);
    const right = columnOf(sheet, NOT_COUNTED_HEADER);
    const moved = await checkSheet(fake.run, { ...settingsFor(), place: 'sheet' });
    assert.equal(moved.target, 'sheet');
    const abandoned = () =>
      [...sheet.snapshot().keys()].filter((cell) => {
        const column = parseCellAddress(cell)?.column ?? 0;
        return column >= left && column <= right;
      });
    assert.ok(abandoned().length > 0, 'the first check’s columns are still there');

    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 9);
    const barred = checkLearner(record).violations.filter((v) => v.code === 'barred-combination');
    const choices = choose(record, Object.fromEntries(barred.map((v) => [v.units[0], 'none' as const])));
    const { outcome } = await applyOn(fake, sheet, inspection, record, choices);

    assert.deepEqual(abandoned(), [], 'every cell of the abandoned columns was cleared');
    assert.equal(outcome.outOfDate, undefined);
    assert.match(outcome.cleared ?? '', new RegExp(`^${columnLetters(left)}1:${columnLetters(right)}\\d+$`));
    assert.deepEqual(outcome.resultsSheet, { name: RESULTS_SHEET, written: true });
    // The record no longer holds them: the next check beside the data takes the free columns again.
    const again = await checkSheet(fake.run, settingsFor());
    assert.equal(again.target, 'columns');
    assert.equal(columnOf(sheet, RESULT_HEADERS[0]), left);
  });

  it("leaves a results sheet alone when its row is another learner's, and a protected one unwritten, saying so", async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const onSheet: CheckSettings = { ...settingsFor(), place: 'sheet' };
    await checkSheet(fake.run, onSheet);
    const results = fake.book.sheet(RESULTS_SHEET);
    assert.ok(results);
    const inspection = await inspectSheet(fake.run, onSheet);

    const first = learnerAt(inspection, 5);
    results.put(`B${resultsRowOf(results, first)}`, [['SOMEONE-ELSE']]);
    const untouched = results.snapshot();
    const mismatch = await applyOn(fake, sheet, inspection, first, choose(first, { 'K/503/0421': 'planned' }));
    assert.deepEqual(mismatch.outcome.results, []);
    assert.deepEqual(mismatch.outcome.resultsSheet, { name: RESULTS_SHEET, written: false, noRow: true });
    assert.deepEqual(results.snapshot(), untouched);

    const second = learnerAt(inspection, 6);
    results.protected = true;
    const { outcome, planned, before, after } = await applyOn(
      fake,
      sheet,
      inspection,
      second,
      choose(second, { 'K/503/0421': 'planned' }),
    );
    assert.deepEqual(
      differences(before, after),
      planned.changes.map((c) => c.cell).sort(),
      "the learner's own cells were still written",
    );
    assert.deepEqual(outcome.resultsSheet, { name: RESULTS_SHEET, written: false });
    assert.deepEqual(outcome.results, []);
    assert.deepEqual(results.snapshot(), untouched);
  });

  it('works for a qualification loaded from a rules file (JSON)', async () => {
    const { catalogue, example } = catalogueWithExample();
    const { fake, sheet } = fakeWith(exampleGrid());
    const settings = settingsFor(catalogue);
    const inspection = await inspectSheet(fake.run, settings);
    const record = learnerAt(inspection, 3);
    assert.equal(record.qualification, example);
    const choices = choose(record, { 'A/000/0002': 'planned', 'A/000/0004': 'achieved' });
    const { planned, before, after } = await applyOn(fake, sheet, inspection, record, choices, catalogue);
    assert.deepEqual(differences(before, after), planned.changes.map((c) => c.cell).sort());
    assert.deepEqual(differences(before, after), ['E3', 'G3']);
    assert.deepEqual(sheetChoices(learnerAt(await inspectSheet(fake.run, settings), 3)), choices);
  });
});

/** The workbook's ownership record parts by namespace. */
function recordParts(fake: FakeExcel): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of fake.book.customXmlParts) {
    const namespace = rootNamespace(part.xml);
    if (namespace !== undefined && isOwnershipNamespace(namespace)) out.set(namespace, part.xml);
  }
  return out;
}

/** The record as every workbook kept it before parts: one part, each column whole (header and every row). */
function recordBeforeParts(record: OwnershipRecord): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<ownership xmlns="${OWNERSHIP_NAMESPACE}">`,
  ];
  for (const b of record.blocks) {
    lines.push(
      `<block sheet="${b.sheet}" headerRow="${b.headerRow}" firstColumn="${b.firstColumn}" columns="${b.columns}" rows="${b.rows}">`,
      ...b.cells.map((c) => `<column>${c}</column>`),
      '</block>',
    );
  }
  lines.push('</ownership>');
  return lines.join('\n');
}

describe('what-if: Apply and the ownership record of a cohort of 600 learners', function () {
  this.timeout(120_000);
  /** The sample's fifth row again, in the record's second part of rows (sheet rows 251-500). */
  const ROW = 5 + 34 * 8;
  const CHOICES = { 'K/503/0421': 'planned', 'H/600/9660': 'achieved' } as const;

  async function checked() {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 600), sheetName);
    const first = await checkSheet(fake.run, settingsFor());
    assert.equal(first.target, 'columns');
    return { fake, sheet, sheetName };
  }

  async function applyAtRow(fake: FakeExcel, sheet: FakeSheet) {
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, ROW);
    return applyOn(fake, sheet, inspection, record, choose(record, { ...CHOICES }));
  }

  it("rewrites only the part of the record that holds the learner's row; a re-check knows its cells from a person's", async () => {
    const { fake, sheet, sheetName } = await checked();
    const before = recordParts(fake);
    assert.equal(before.size, 4, 'the head and three parts of rows (2-250, 251-500, 501-601)');
    const { outcome } = await applyAtRow(fake, sheet);
    assert.equal(outcome.kept, undefined);
    assert.ok(outcome.results.length >= RESULT_HEADERS.length);
    const after = recordParts(fake);
    const changed = [...after.keys()].filter((ns) => after.get(ns) !== before.get(ns));
    assert.deepEqual(changed, [rowsPartNamespace(sheetName, ROW)]);

    const status = `${columnLetters(columnOf(sheet, 'qualcheck: status'))}${ROW}`;
    assert.equal(sheet.at(status), outcome.check.result.status);
    const again = await checkSheet(fake.run, settingsFor());
    assert.equal(
      again.target,
      'columns',
      "the cells Apply wrote are qualcheck's: the results go beside the data again",
    );
    assert.equal(sheet.at(status), outcome.check.result.status);

    sheet.put(status, [['see Sam']]);
    const typed = await checkSheet(fake.run, settingsFor());
    assert.equal(typed.target, 'sheet', "a person's words in a cell Apply wrote are theirs: the results go elsewhere");
    assert.equal(sheet.at(status), 'see Sam');
  });

  it('reads the record of a workbook checked before parts, and keeps it in parts from then on', async () => {
    const { fake, sheet, sheetName } = await checked();
    const record = recordOfParts(recordParts(fake));
    assert.ok(record && record.blocks[0].rows === 600);
    fake.book.customXmlParts.splice(0);
    fake.book.addCustomXmlPart(recordBeforeParts(record));
    const { outcome } = await applyAtRow(fake, sheet);
    assert.equal(outcome.kept, undefined, "every result cell of the row was proven qualcheck's by the old record");
    const after = recordParts(fake);
    assert.equal(after.size, 4, 'stored in parts');
    assert.match(after.get(OWNERSHIP_NAMESPACE) ?? '', /rowsInParts="250"/);
    assert.ok(after.has(rowsPartNamespace(sheetName, ROW)));

    const again = await checkSheet(fake.run, settingsFor());
    assert.equal(again.target, 'columns', "the old record's cells and Apply's are qualcheck's");
    const next = `${columnLetters(columnOf(sheet, 'qualcheck: next step'))}400`;
    sheet.put(next, [['ring Ben on Monday']]);
    const typed = await checkSheet(fake.run, settingsFor());
    assert.equal(typed.target, 'sheet');
    assert.equal(sheet.at(next), 'ring Ben on Monday');
  });
});
