// What-if opened after a check, in headless Chromium against the fake Excel host: it starts from the check's reading
// and reads only the selected learner's row and the header to confirm it (no read of the whole sheet), and when the
// sheet changed since the check (a row inserted above the learner) it reads the sheet again and shows the learner now
// on the row, never the one the check found there.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sampleGrid } from '../fake-excel/sample';
import type { RecordedPage } from './support';
import { hostQuiet, paneSession, selectOnSheet, workbookOfGrid } from './pane-session';

const combobox = (page: Page) => page.locator('input[role="combobox"]');

/** Checks the sheet from the Check tab, then selects `address` on it (as a click in Excel would). */
async function checkThenSelect(page: Page, sheetName: string, address: string): Promise<void> {
  await page.getByTestId('check').click();
  await page.getByTestId('undo-continue').click();
  await page.getByTestId('summary-heading').waitFor();
  await selectOnSheet(page, sheetName, address);
}

/** The syncs since the last call: how many, and the cells' values read in them (responses, in bytes). */
async function syncsSince(page: Page): Promise<{ syncs: number; responseBytes: number }> {
  return page.evaluate(() => {
    const stats = window.__qualcheckFake!.stats;
    const out = { syncs: stats.count, responseBytes: stats.syncs.reduce((n, s) => n + s.responseBytes, 0) };
    stats.reset();
    return out;
  });
}

describe('What-if opened after a check, in headless Chromium', function () {
  this.timeout(240_000);
  const session = paneSession();

  async function openChecked(): Promise<{ page: Page; sheetName: string; recorded: RecordedPage }> {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOfGrid(grid, sheetName));
    const { page } = recorded;
    await page.goto(session().paneUrl);
    await page.getByTestId('found-panel').waitFor();
    return { page, sheetName, recorded };
  }

  it('reads only the learner’s row and the header to show the learner the check found', async () => {
    const { page, sheetName, recorded } = await openChecked();
    // What-if seen once before the check: the pane has asked Excel to tell it of selection changes (once per pane).
    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.getByRole('combobox', { name: 'Learner' }).waitFor();
    await page.getByRole('tab', { name: 'Check cohort' }).click();
    await checkThenSelect(page, sheetName, 'C8');
    await hostQuiet(page);
    await syncsSince(page);

    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.startsWith('CC007'),
    );
    await page.locator('[data-testid^="unit-"]').first().waitFor();
    const open = await syncsSince(page);
    // A read of the sheet would take at least three (the sheet, its cells, the rules sheet).
    assert.ok(open.syncs <= 2, `${open.syncs} syncs to open What-if on a learner after a check`);
    assert.ok(open.responseBytes < 4096, `${open.responseBytes} bytes read to open What-if`);
    assert.deepEqual(recorded.consoleErrors, []);
    await page.context().close();
  });

  it('reads the sheet again when a row was inserted above the learner since the check, and shows who is on the row now', async () => {
    const { page, sheetName } = await openChecked();
    await checkThenSelect(page, sheetName, 'A8');
    // A row inserted at row 5 in Excel: CC006, on row 7 when the check read it, is on row 8 now.
    const moved = await page.evaluate((name) => {
      const sheet = window.__qualcheckFake!.book.sheet(name)!;
      for (const rows of [sheet.cells, sheet.formats, sheet.formulas]) rows.splice(4, 0, []);
      return sheet.cells[7][0];
    }, sheetName);
    assert.equal(moved, 'CC006');
    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.startsWith('CC006'),
    );
    assert.match((await combobox(page).inputValue()) ?? '', /^CC006 .*\(row 8\)/);
    await page.context().close();
  });
});
