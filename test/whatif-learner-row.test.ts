// One learner's row against the fake Excel host: following the selection, working out the cells a what-if changes in
// the sheet's own marks and lists, and writing exactly those (plus the row's own result cells) after checking that
// the row still holds what was read.
import assert from 'node:assert/strict';
import { columnLetters } from '../src/cohort/address';
import { RESULT_HEADERS } from '../src/cohort/results';
import type { Grid, LearnerRecord } from '../src/cohort/types';
import { checkSheet, inspectSheet, type CheckSettings, type SheetInspection } from '../src/excel/check-sheet';
import type { HostRun } from '../src/excel/host';
import { planRowChanges } from '../src/cohort/row-edits';
import { sheetChoices, type Choices, type UnitChoice } from '../src/cohort/unit-choices';
import { applyRowChanges } from '../src/excel/apply-row';
import { followSelection, readSelection } from '../src/excel/selection';
import { RESULTS_SHEET } from '../src/cohort/results-sheet';
import { CheckFailed } from '../src/excel/progress';
import { NOT_COUNTED_HEADER } from '../src/cohort/unit-highlight';
import { embeddedCatalogue, type Catalogue } from '../src/rules/catalogue';
import type { FakeExcel, FakeSheet } from './fake-excel';
import { sampleGrid } from './fake-excel/sample';
import { catalogueWithExample, exampleGrid, fakeWith, workbookGrid } from './whatif-fixtures';

function settingsFor(catalogue: Catalogue = embeddedCatalogue()): CheckSettings {
  return { catalogue, scope: 'sheet', place: 'beside' };
}

function learnerAt(inspection: SheetInspection, row: number): LearnerRecord {
  const record = inspection.reading.learners.find((l) => l.row === row);
  assert.ok(record, `a learner on row ${row}`);
  return record;
}

function choose(record: LearnerRecord, changes: Record<string, UnitChoice>): Choices {
  const choices: Record<string, UnitChoice> = { ...sheetChoices(record) };
  for (const [ref, choice] of Object.entries(changes)) {
    if (choice === 'none') delete choices[ref];
    else choices[ref] = choice;
  }
  return choices;
}

function intendedOf(choices: Choices): { achieved: string[]; planned: string[] } {
  const entries = Object.entries(choices);
  return {
    achieved: entries.filter(([, c]) => c === 'achieved').map(([r]) => r),
    planned: entries.filter(([, c]) => c === 'planned').map(([r]) => r),
  };
}

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

/** A host without Workbook.onSelectionChanged, as Excel 2013 (before ExcelApi 1.2) is. */
function withoutSelectionEvents(fake: FakeExcel): HostRun {
  return (batch) =>
    fake.run((context) =>
      batch({
        sync: () => context.sync(),
        workbook: {
          worksheets: context.workbook.worksheets,
          application: context.workbook.application,
          customXmlParts: context.workbook.customXmlParts,
          getSelectedRange: () => context.workbook.getSelectedRange(),
        },
      }),
    );
}

describe('what-if: the selected learner row', () => {
  it('reads the active sheet and the first row of the selection', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake } = fakeWith(grid, sheetName);
    fake.book.select(sheetName, 'C7:F9');
    assert.deepEqual(await readSelection(fake.run), { sheetName, row: 7, address: 'C7:F9' });
  });

  it('tells a listener each new selection, and stops when asked', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake } = fakeWith(grid, sheetName);
    const seen: number[] = [];
    let resolveNext: () => void = () => undefined;
    const stop = await followSelection(fake.run, (selection) => {
      seen.push(selection.row);
      resolveNext();
    });
    assert.ok(stop, 'the fake host reports selection changes');
    const next = () => new Promise<void>((resolve) => (resolveNext = resolve));
    let arrived = next();
    fake.book.select(sheetName, 'B5');
    await arrived;
    arrived = next();
    fake.book.select(sheetName, 'A12');
    await arrived;
    assert.deepEqual(seen, [5, 12]);
    stop();
    fake.book.select(sheetName, 'A20');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(seen, [5, 12]);
  });

  it('says null where Excel cannot report selection changes, so the pane offers its list instead', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake } = fakeWith(grid, sheetName);
    assert.equal(await followSelection(withoutSelectionEvents(fake), () => undefined), null);
  });
});

describe('what-if: cells a choice changes', () => {
  it("writes only the unit cells whose state changed, in the sheet's A and P, and empties a unit no longer taken", async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 4); // CC003: 5 achieved, 4 planned
    const [planned] = record.planned;
    const choices = choose(record, { [planned]: 'achieved', 'K/503/0421': 'planned', [record.achieved[0]]: 'none' });
    const { changes, notWritten } = planRowChanges(
      { grid: inspection.read.grid, reading: inspection.reading, record },
      choices,
      { catalogue: embeddedCatalogue() },
    );
    assert.deepEqual(notWritten, []);
    const byUnit = new Map(changes.map((c) => [c.units[0], c] as const));
    assert.equal(changes.length, 3);
    assert.equal(byUnit.get(planned)?.after, 'A');
    assert.equal(byUnit.get(planned)?.before, 'P');
    assert.equal(byUnit.get('K/503/0421')?.after, 'P');
    assert.equal(byUnit.get(record.achieved[0])?.after, '');
    const header = inspection.read.grid.values[0];
    for (const change of changes) {
      assert.equal(change.row, 4);
      assert.equal(
        header[change.column - 1],
        change.units[0],
        `column ${columnLetters(change.column)} is headed by its unit`,
      );
    }
  });

  it('spells marks the way the sheet does (✓, In progress) and names units that have no column', async () => {
    const { grid, sheetName } = await workbookGrid('layouts/matrix-spellings.xlsx');
    const { fake } = fakeWith(grid, sheetName);
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = inspection.reading.learners[0];
    const missing = record.qualification!.units.find(
      (u) => !inspection.reading.unitColumns.some((c) => c.refs.includes(u.ref)),
    );
    assert.ok(missing, 'the sheet leaves out some units');
    const [achieved] = record.achieved;
    const choices = choose(record, { [achieved]: 'planned', [missing.ref]: 'planned' });
    const { changes, notWritten } = planRowChanges(
      { grid: inspection.read.grid, reading: inspection.reading, record },
      choices,
      { catalogue: embeddedCatalogue() },
    );
    assert.deepEqual(
      changes.map((c) => c.after),
      ['In progress'],
    );
    assert.deepEqual(
      notWritten.map((n) => n.ref),
      [missing.ref],
    );
    assert.match(notWritten[0].reason, new RegExp(`no column for unit ${missing.ref.replace(/\//g, '\\/')}`));
    const back = choose(record, { [record.planned[0] ?? achieved]: 'achieved' });
    const other = planRowChanges({ grid: inspection.read.grid, reading: inspection.reading, record }, back, {
      catalogue: embeddedCatalogue(),
    });
    assert.ok(other.changes.every((c) => c.after === '✓'));
  });

  it('writes a sheet\'s non-blank "not taken" mark where most untaken unit cells hold one', async () => {
    const values: Grid['values'] = [
      ['Learner ID', 'Qualification', 'D/503/0352', 'T/503/0342', 'K/503/0421', 'H/503/0403'],
      ['L1', '600/5106/1', 'A', '-', '-', '-'],
      ['L2', '600/5106/1', 'A', 'A', '-', '-'],
    ];
    const { fake } = fakeWith({ values, top: 1, left: 1 });
    const inspection = await inspectSheet(fake.run, settingsFor());
    const record = learnerAt(inspection, 3);
    const { changes } = planRowChanges(
      { grid: inspection.read.grid, reading: inspection.reading, record },
      choose(record, { 'T/503/0342': 'none' }),
      { catalogue: embeddedCatalogue() },
    );
    assert.deepEqual(
      changes.map((c) => [c.cell, c.after]),
      [['D3', '-']],
    );
  });
});

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
    assert.equal(mismatch.outcome.resultsSheet, undefined);
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
