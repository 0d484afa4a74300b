// Planning the cells a what-if choice changes on one learner's row (src/whatif/row-edits.ts), on sheets read through
// the fake Excel host: unit cells in the sheet's own marks, and the units it has no cell for.
import assert from 'node:assert/strict';
import { columnLetters } from '../src/sheet/address';
import { planRowChanges } from '../src/whatif/row-edits';
import type { Grid } from '../src/sheet/types';
import { inspectSheet } from '../src/excel/active-sheet';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { sampleGrid } from './fake-excel/sample';
import { choose, fakeWith, learnerAt, settingsFor, workbookGrid } from './whatif-fixtures';

/**
 * The cells written when the second learner (sheet row 3) no longer takes T/503/0342, on a sheet of four units whose
 * learners' rows are `rows`: the spelling of "not taken" is the sheet's own.
 */
async function notTakenChanges(rows: Grid['values']): Promise<(string | number | boolean | null)[][]> {
  const values: Grid['values'] = [
    ['Learner ID', 'Qualification', 'D/503/0352', 'T/503/0342', 'K/503/0421', 'H/503/0403'],
    ...rows,
  ];
  const { fake } = fakeWith({ values, top: 1, left: 1 });
  const inspection = await inspectSheet(fake.run, settingsFor());
  const record = learnerAt(inspection, 3);
  const { changes } = planRowChanges(
    { grid: inspection.read.grid, reading: inspection.reading, record },
    choose(record, { 'T/503/0342': 'none' }),
    { catalogue: embeddedCatalogue() },
  );
  return changes.map((c) => [c.cell, c.after]);
}

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
    assert.deepEqual(
      await notTakenChanges([
        ['L1', '600/5106/1', 'A', '-', '-', '-'],
        ['L2', '600/5106/1', 'A', 'A', '-', '-'],
      ]),
      [['D3', '-']],
    );
  });

  it('counts a "not taken" mark however it is padded, and cells of spaces as empty, when choosing the spelling', async () => {
    // `-` twice; N four times, in three spellings that read alike.
    assert.deepEqual(
      await notTakenChanges([
        ['L1', '600/5106/1', 'A', '-', '-', 'N'],
        ['L2', '600/5106/1', 'A', 'A', ' N ', 'N '],
        ['L3', '600/5106/1', 'A', 'A', 'A', 'N'],
      ]),
      [['D3', 'N']],
    );
    // `-` twice; cells of spaces three times: most untaken cells are empty.
    assert.deepEqual(
      await notTakenChanges([
        ['L1', '600/5106/1', 'A', '-', '-', '  '],
        ['L2', '600/5106/1', 'A', 'A', ' ', ' '],
      ]),
      [['D3', '']],
    );
  });
});
