// What-if opened after a check starts from the check's reading and confirms it against the sheet for one learner
// (src/excel/reading-confirm.ts), on the strict fake Excel host: one sync, the header row and the learner's row only,
// and any change that moves or alters what the reading says of the learner is caught, so the pane reads the sheet
// again instead of showing another learner's cells.
import assert from 'node:assert/strict';
import { inspectSheet } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { learnerRowStaleness, type Staleness } from '../src/excel/reading-confirm';
import { editRulesSheet } from '../src/excel/rules-sheet';
import { stalenessWords } from '../src/taskpane/check/reading-words';
import type { FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { exampleGrid, catalogueWithExample, fakeWith, learnerAt, settingsFor } from './whatif-fixtures';

/** Inserts an empty sheet row at `row` (the fake keeps its rows from 0), moving every cell at or below it down one, as Excel's Insert does. */
function insertRow(sheet: FakeSheet, row: number): void {
  for (const rows of [sheet.cells, sheet.formats, sheet.formulas]) if (rows.length >= row) rows.splice(row - 1, 0, []);
}

/** The pane's words for a staleness ('' when the reading is current), for the assertions on what a user would read. */
function words(staleness: Staleness): string {
  return staleness ? stalenessWords(staleness) : '';
}

async function checked() {
  const { catalogue } = catalogueWithExample();
  const { fake, sheet } = fakeWith(exampleGrid());
  fake.book.activeSheet = 'Cohort';
  const outcome = await checkSheet(fake.run, settingsFor(catalogue));
  fake.stats.reset();
  return { fake, sheet, catalogue, inspection: { read: outcome.read, reading: outcome.reading } };
}

describe('What-if confirming the last check’s reading for one learner (Office.js adapter, fake host)', () => {
  it('finds the reading current right after the check, in one sync that reads two rows and writes nothing', async () => {
    const { fake, sheet, inspection } = await checked();
    const before = sheet.snapshot();
    assert.equal(learnerAt(inspection, 3).learnerId, 'EX2');
    assert.equal(await learnerRowStaleness(fake.run, inspection, 3), null);
    assert.equal(fake.stats.count, 1);
    assert.equal(fake.stats.syncs[0].writes, 0);
    assert.ok(fake.stats.syncs[0].responseBytes < 1024, `${fake.stats.syncs[0].responseBytes} bytes`);
    assert.deepEqual(sheet.snapshot(), before);
  });

  it('says the reading is stale when a row was inserted above the learner, so another learner is on their row', async () => {
    const { fake, sheet, inspection } = await checked();
    insertRow(sheet, 2);
    assert.equal(sheet.at('A3'), 'EX1', 'the fake moved EX1 down to row 3');
    const stale = await learnerRowStaleness(fake.run, inspection, 3);
    assert.deepEqual(stale, { kind: 'row-changed', row: 3, cell: 'A3' });
    assert.match(words(stale), /row 3 changed \(A3\)/);
  });

  it('says the reading is stale when a row was inserted above the header', async () => {
    const { fake, sheet, inspection } = await checked();
    insertRow(sheet, 1);
    const stale = await learnerRowStaleness(fake.run, inspection, 3);
    assert.deepEqual(stale, { kind: 'header-changed', cell: 'A1' });
    assert.match(words(stale), /the header changed \(A1\)/);
  });

  it('says the reading is stale when a header cell was edited', async () => {
    const { fake, sheet, inspection } = await checked();
    sheet.put('E1', [['A/000/0009']]);
    const stale = await learnerRowStaleness(fake.run, inspection, 2);
    assert.deepEqual(stale, { kind: 'header-changed', cell: 'E1' });
    assert.match(words(stale), /the header changed \(E1\)/);
  });

  it('says the reading is stale when the learner’s own row was edited since the check', async () => {
    const { fake, sheet, inspection } = await checked();
    sheet.put('G3', [['A']]);
    const stale = await learnerRowStaleness(fake.run, inspection, 3);
    assert.deepEqual(stale, { kind: 'row-changed', row: 3, cell: 'G3' });
    assert.match(words(stale), /row 3 changed \(G3\)/);
  });

  it('says the reading is stale when another sheet is active, even one holding the same cells', async () => {
    const { fake, inspection } = await checked();
    fillSheet(fake.book.addSheet('Copy'), exampleGrid());
    fake.book.activeSheet = 'Copy';
    const stale = await learnerRowStaleness(fake.run, inspection, 3);
    assert.deepEqual(stale, { kind: 'other-sheet', sheetName: 'Copy' });
    assert.match(words(stale), /sheet "Copy" is the active one now/);
  });

  it('says the reading is stale when a rules sheet was added since, or the one it used is gone', async () => {
    const { fake, catalogue, inspection } = await checked();
    await editRulesSheet(fake.run, [catalogueWithExample().example]);
    const added = await learnerRowStaleness(fake.run, inspection, 3);
    assert.deepEqual(added, { kind: 'rules-sheet-added', sheetName: 'Qualification rules' });
    assert.equal(words(added), 'sheet “Qualification rules” now holds qualification data');
    const withRules = await inspectSheet(fake.run, settingsFor(catalogue));
    assert.equal(await learnerRowStaleness(fake.run, withRules, 3), null);
    fake.book.userDeletesSheet('Qualification rules');
    const gone = await learnerRowStaleness(fake.run, withRules, 3);
    assert.deepEqual(gone, { kind: 'rules-sheet-gone', sheetName: 'Qualification rules' });
    assert.equal(words(gone), 'sheet “Qualification rules” of qualification data is gone');
  });

  it('does not mind a change elsewhere on the sheet: another learner’s row, or the results the check wrote', async () => {
    const { fake, sheet, catalogue, inspection } = await checked();
    sheet.put('G2', [['A']]);
    assert.equal(await learnerRowStaleness(fake.run, inspection, 3), null);
    // A full read now (results included) confirms the same way.
    const fresh = await inspectSheet(fake.run, settingsFor(catalogue));
    assert.equal(await learnerRowStaleness(fake.run, fresh, 3), null);
  });
});
