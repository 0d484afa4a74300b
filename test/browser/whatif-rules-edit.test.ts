// What-if after a check, when the centre types into the "Qualification rules" sheet in Excel, in headless Chromium on
// the fake host (ExcelApi 1.7, so edits are heard): the pane starts What-if from the check's reading while nothing
// changed (two syncs at most), and uses the rule as typed once the rules sheet is edited, whether the tab was hidden
// (it reads when shown) or on show (it reads at once), with no "Read the sheet again".
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EXAMPLE_UNIT_VALUES, OCR_SAMPLES } from '../../scripts/make-ocr-sample';
import { OCR_10266 } from '../../src/rules/catalogue/ocr-10266';
import { RULES_SHEET_NAME, rulesSheetGrid } from '../../src/rules-sheet/write';
import type { CellValue } from '../../src/sheet/types';
import { gridOfFile } from '../support/sheet-grid';
import type { WorkbookSpec } from './host/entry';
import { hostQuiet, startPaneSession, type PaneSession } from './pane-session';
import { ROOT } from './support';

/** The OCR 10266 cohort beside a rules sheet for 10266 whose unit credits and levels are not filled in yet. */
async function workbook(): Promise<{ spec: WorkbookSpec; sheetName: string }> {
  const { grid, sheetName } = await gridOfFile(path.join(ROOT, OCR_SAMPLES.cohort));
  const plain = (rows: CellValue[][]) =>
    rows.map((row) =>
      row.map((value) => (value instanceof Date || (value !== null && typeof value === 'object') ? null : value)),
    );
  const cells = plain(grid.values);
  const rules = plain(rulesSheetGrid([OCR_10266]).values);
  return {
    spec: {
      sheets: [
        { name: sheetName, cells },
        { name: RULES_SHEET_NAME, cells: rules },
      ],
      active: sheetName,
      excelApi: '1.7',
    },
    sheetName,
  };
}

/** Types unit values into the rules sheet as a person does in Excel, a cell at a time (each edit fires onChanged). */
function typeUnits(page: Page, values: { ref: string; credits: number | string; level?: number }[]): Promise<number> {
  return page.evaluate(
    ({ sheetName, values }) => {
      const book = window.__qualcheckFake!.book;
      const sheet = book.sheet(sheetName)!;
      const header = sheet.cells.findIndex((row) => row?.[0] === 'Unit ref');
      const labels = (sheet.cells[header] ?? []).map((v) => String(v ?? ''));
      // Column letters of the two columns (A to Z: the units table is narrower).
      const credits = String.fromCharCode(65 + labels.indexOf('Credits'));
      const level = String.fromCharCode(65 + labels.indexOf('Level'));
      let typed = 0;
      for (let r = header + 1; r < sheet.cells.length; r++) {
        const unit = values.find((v) => v.ref === sheet.value(r, 0));
        if (!unit) continue;
        book.typeInto(sheetName, `${credits}${r + 1}`, [[unit.credits]]);
        if (unit.level !== undefined) book.typeInto(sheetName, `${level}${r + 1}`, [[unit.level]]);
        typed++;
      }
      return typed;
    },
    { sheetName: RULES_SHEET_NAME, values },
  );
}

function syncsSince(page: Page): Promise<number> {
  return page.evaluate(() => {
    const stats = window.__qualcheckFake!.stats;
    const count = stats.count;
    stats.reset();
    return count;
  });
}

/** The status What-if shows for the learner, once it is `wanted` (or the last one seen, after the wait). */
async function shownStatus(page: Page, wanted: string): Promise<string | null> {
  const status = page.getByTestId('whatif-status');
  await status.waitFor();
  await page
    .waitForFunction(
      (want) => document.querySelector('[data-testid="whatif-status"]')?.getAttribute('data-status') === want,
      wanted,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  return status.getAttribute('data-status');
}

describe('What-if after the rules sheet is edited in Excel, in headless Chromium', function () {
  this.timeout(240_000);
  let session: PaneSession;

  before(async () => {
    session = await startPaneSession();
  });

  after(async () => {
    await session?.close();
  });

  it('uses the rule as typed, read again only when the rules sheet changed', async () => {
    const { spec, sheetName } = await workbook();
    const recorded = await session.withWorkbook(spec);
    const { page } = recorded;
    await page.goto(session.paneUrl);
    await page.getByTestId('found-panel').waitFor();
    // What-if seen once before the check: the pane has asked Excel to tell it of selection changes (once per pane).
    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.getByRole('combobox', { name: 'Learner' }).waitFor();
    await page.getByRole('tab', { name: 'Check cohort' }).click();
    await page.getByTestId('check').click();
    await page.getByTestId('undo-continue').click();
    await page.getByTestId('summary-heading').waitFor();
    // OC001, on row 2, took units 1-4 and 10: with their credits unknown, needs-data.
    await page.evaluate((sheet) => window.__qualcheckFake!.book.select(sheet, 'C2'), sheetName);
    await hostQuiet(page);
    await syncsSince(page);

    // Nothing changed since the check: What-if starts from its reading.
    await page.getByRole('tab', { name: 'What-if' }).click();
    assert.equal(await shownStatus(page, 'needs-data'), 'needs-data');
    await hostQuiet(page);
    const open = await syncsSince(page);
    assert.ok(open <= 2, `${open} syncs to open What-if after a check with nothing changed`);

    // The tab hidden, the centre types every unit's credits and level from the handbook into the rules sheet.
    await page.getByRole('tab', { name: 'Check cohort' }).click();
    const values = OCR_10266.units.map((u) => ({ ref: u.ref, ...EXAMPLE_UNIT_VALUES[u.number ?? 0] }));
    assert.equal(await typeUnits(page, values), OCR_10266.units.length);
    await page.getByRole('tab', { name: 'What-if' }).click();
    assert.equal(await shownStatus(page, 'achieved'), 'achieved', 'What-if uses the credits typed since the check');

    // With What-if on show, unit 1's credits emptied again: the learner cannot be decided.
    await typeUnits(page, [{ ref: OCR_10266.units[0].ref, credits: '' }]);
    assert.equal(await shownStatus(page, 'needs-data'), 'needs-data', 'What-if on show reads again at once');

    assert.deepEqual(recorded.consoleErrors, []);
    await page.context().close();
  });
});
