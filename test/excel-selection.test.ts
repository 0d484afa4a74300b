// Following the selection for the what-if panel (src/excel/selection.ts) against the fake Excel host: the active
// sheet and first row of the selection, each change told to the listeners, and hosts that cannot report changes.
import assert from 'node:assert/strict';
import type { HostRun } from '../src/excel/host';
import { followSelection, readSelection } from '../src/excel/selection';
import type { FakeExcel } from './fake-excel';
import { sampleGrid } from './fake-excel/sample';
import { fakeWith } from './whatif-fixtures';

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
