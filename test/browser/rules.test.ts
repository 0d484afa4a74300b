// Issue 8's end to end, in the built pane in headless Chromium on the fake host: an OCR 10266 cohort is all
// needs-data; "Edit qualification data" writes the rules sheet; the centre fills in the unit credits and levels in the
// workbook; the next check decides every learner. Then a bad value is named by its cell, and the data goes out and
// in as JSON. Nothing leaves the machine.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { gridOfFile } from '../support/sheet-grid';
import { RULES_SHEET_NAME } from '../../src/rules-sheet/write';
import type { Grid } from '../../src/sheet/types';
import { definitionsJson } from '../../src/rules/definition/file';
import { OCR_10266 } from '../../src/rules/catalogue/ocr-10266';
import type { QualificationDefinition } from '../../src/rules/model/model';
import { EXAMPLE_UNIT_VALUES, OCR_SAMPLE_LEARNERS, OCR_SAMPLES } from '../../scripts/make-ocr-sample';
import { parseAddress } from '../fake-excel';
import type { WorkbookSpec } from './host/entry';
import { assertStayedLocal, paneSession } from './pane-session';
import { tempFolder } from '../support/temp-folder';
import { artifact, keepScreenshot, ROOT } from './support';

async function ocrCohort(): Promise<{ grid: Grid; sheetName: string }> {
  return gridOfFile(path.join(ROOT, OCR_SAMPLES.cohort));
}

function workbookOf(grid: Grid, sheetName: string): WorkbookSpec {
  const cells = grid.values.map((row) =>
    row.map((value) => (value instanceof Date || (value !== null && typeof value === 'object') ? null : value)),
  );
  return { sheets: [{ name: sheetName, cells }] };
}

/** Types values into the fake rules sheet as a person would: the unit's Credits and Level cells, found by its ref. */
function fillUnits(
  page: Page,
  sheetName: string,
  values: { ref: string; credits: number; level: number }[],
): Promise<string[]> {
  return page.evaluate(
    ({ sheetName, values }) => {
      const sheet = window.__qualcheckFake!.book.sheet(sheetName)!;
      const filled: string[] = [];
      let labels: string[] = [];
      for (let r = 0; r < sheet.cells.length; r++) {
        const first = sheet.value(r, 0);
        if (first === 'Unit ref') labels = (sheet.cells[r] ?? []).map((v) => String(v ?? ''));
        const unit = values.find((v) => v.ref === first);
        if (!unit || labels.length === 0) continue;
        sheet.setValue(r, labels.indexOf('Credits'), unit.credits);
        sheet.setValue(r, labels.indexOf('Level'), unit.level);
        filled.push(unit.ref);
      }
      return filled;
    },
    { sheetName, values },
  );
}

async function checkCohort(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Check cohort' }).click();
  await page.getByTestId('found-panel').waitFor();
  await page.getByTestId('check').click();
  // The undo warning shows before the first check only (its dialog comes in a chunk of its own, so a moment later).
  const warning = page.getByTestId('undo-continue');
  const summary = page.getByTestId('summary');
  await warning.or(summary).first().waitFor({ timeout: 60_000 });
  if (await warning.isVisible()) await warning.click();
  await summary.waitFor({ timeout: 60_000 });
}

async function statusCount(page: Page, status: string): Promise<number> {
  const text = (await page.getByTestId(`status-${status}`).textContent()) ?? '';
  return Number(/(\d+)$/.exec(text)?.[1]);
}

describe('qualification data tab in headless Chromium', function () {
  this.timeout(240_000);
  const session = paneSession();
  const tmp = tempFolder('pane-rules');

  it('takes an OCR 10266 cohort from all needs-data to decided statuses by filling credits and levels in the rules sheet', async () => {
    const { grid, sheetName } = await ocrCohort();
    const recorded = await session().withWorkbook(workbookOf(grid, sheetName), 420);
    const { page } = recorded;
    await page.goto(session().paneUrl);

    // Before: the catalogue has no OCR unit credits, so no learner can be decided.
    await checkCohort(page);
    assert.equal(await statusCount(page, 'needs-data'), OCR_SAMPLE_LEARNERS.length);
    assert.equal(await page.getByTestId('rules-sheet-used').count(), 0);

    // The centre writes the rules sheet for 10266 only.
    await page.getByRole('tab', { name: 'Qualification data' }).click();
    await page.getByTestId('rules-status').waitFor();
    assert.match((await page.getByTestId('rules-status').textContent()) ?? '', /has no “Qualification rules” sheet/);
    for (const box of await page.getByRole('checkbox').all()) {
      const label = (await box.evaluate((el) => el.closest('.fui-Checkbox')?.textContent ?? '')) ?? '';
      if (!label.startsWith('10266 ') && (await box.isChecked())) await box.uncheck();
    }
    await page.getByTestId('rules-edit').click();
    await page.getByTestId('rules-notice').waitFor();
    assert.match(
      (await page.getByTestId('rules-notice').textContent()) ?? '',
      /Wrote 10266 on a new sheet “Qualification rules”/,
    );
    const book = await page.evaluate(() => ({
      sheets: window.__qualcheckFake!.book.sheets.map((s) => s.name),
      active: window.__qualcheckFake!.book.activeSheet,
    }));
    // The cohort stays in front, so the next check reads it; the notice links to the first cell to fill in.
    assert.deepEqual(book, { sheets: [sheetName, RULES_SHEET_NAME], active: sheetName });

    // The centre types the values from the handbook into the highlighted cells.
    const values = OCR_10266.units.map((u) => ({ ref: u.ref, ...EXAMPLE_UNIT_VALUES[u.number ?? 0] }));
    assert.equal((await fillUnits(page, RULES_SHEET_NAME, values)).length, OCR_10266.units.length);
    await page.getByTestId('rules-refresh').click();
    await page.getByTestId('rules-provenance').waitFor();
    const changes = await page.getByTestId('rules-change').allTextContents();
    assert.equal(changes.length, OCR_10266.units.length * 2, 'one line per credit and per level');
    assert.ok(
      changes.includes(
        `10266 unit ${OCR_10266.units[0].ref} (Unit 1): credits was unknown, now ${EXAMPLE_UNIT_VALUES[1].credits}`,
      ),
      changes.join('\n'),
    );
    assert.match(
      (await page.getByTestId('rules-provenance').textContent()) ?? '',
      /\(Unit 1\): credits, level from your rules sheet/,
    );
    const shot = artifact('rules-sheet.png');
    await page.screenshot({ path: shot, fullPage: true });
    keepScreenshot(shot, 'rules-sheet.png');

    // After: the user checks again, with the cohort still in front; every learner is decided, as the sample says.
    await checkCohort(page);
    assert.equal(await statusCount(page, 'needs-data'), 0);
    for (const status of ['achieved', 'on-track', 'incomplete', 'invalid']) {
      assert.equal(
        await statusCount(page, status),
        OCR_SAMPLE_LEARNERS.filter((l) => l.withRules === status).length,
        status,
      );
    }
    const written = await page.evaluate(() => {
      const sheet = window.__qualcheckFake!.book.sheets[0];
      const status = (sheet.cells[0] ?? []).indexOf('qualcheck: status');
      return sheet.cells.slice(1).map((row) => row?.[status]);
    });
    assert.deepEqual(
      written,
      OCR_SAMPLE_LEARNERS.map((l) => l.withRules),
    );
    // Each status rests on the centre's values, and the row says so: an achieved learner has no rule message to carry it.
    const centreValues = await page.evaluate(() => {
      const sheet = window.__qualcheckFake!.book.sheets[0];
      const column = (sheet.cells[0] ?? []).indexOf('qualcheck: centre values');
      return sheet.cells.slice(1).map((row) => row?.[column]);
    });
    assert.equal(centreValues.length, OCR_SAMPLE_LEARNERS.length);
    for (const text of centreValues) assert.match(String(text), /^credits of .* from your rules sheet$/);
    assert.match(
      (await page.getByTestId('rules-sheet-used').textContent()) ?? '',
      /10266 comes from sheet “Qualification rules” \(22 changes/,
    );

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin, { blobs: true });
    await page.context().close();
  });

  it("names the cell of a bad value and selects it; exports the sheet as JSON and imports a qualification of the centre's own", async () => {
    const { grid, sheetName } = await ocrCohort();
    const recorded = await session().withWorkbook(workbookOf(grid, sheetName), 420);
    const { page } = recorded;
    await page.addInitScript(() => window.localStorage.setItem('qualcheck.undoWarningSeen.v1', 'yes'));
    await page.goto(session().paneUrl);
    await page.getByRole('tab', { name: 'Qualification data' }).click();
    await page.getByTestId('rules-status').waitFor();
    await page.getByTestId('rules-edit').click();
    await page.getByTestId('rules-notice').waitFor();

    const unit = OCR_10266.units[1];
    await fillUnits(page, RULES_SHEET_NAME, [{ ref: unit.ref, credits: -2, level: 1 }]);
    await page.getByTestId('rules-refresh').click();
    const problem = page.getByTestId('rules-problem').first();
    await problem.waitFor();
    const cell = ((await problem.locator('button').textContent()) ?? '').trim();
    assert.match((await problem.textContent()) ?? '', /-2/);
    await problem.locator('button').click();
    await page.waitForFunction(
      (rect) => {
        const selection = window.__qualcheckFake!.book.selection;
        return (
          selection !== null && selection.sheet === 'Qualification rules' && JSON.stringify(selection.rect) === rect
        );
      },
      JSON.stringify(parseAddress(cell)),
    );
    const credits = await page.evaluate(() => {
      const { sheet, rect } = window.__qualcheckFake!.book.selection!;
      return window.__qualcheckFake!.book.sheet(sheet)!.value(rect.row, rect.column);
    });
    assert.equal(credits, -2, `${cell} is the credits cell typed wrong`);

    // Correct it, export the sheet as JSON: the file holds the centre's values.
    await fillUnits(page, RULES_SHEET_NAME, [{ ref: unit.ref, credits: 2, level: 1 }]);
    await page.getByTestId('rules-refresh').click();
    await page.getByTestId('rules-provenance').waitFor();
    await page.getByTestId('rules-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rules-json-link').click()]);
    assert.match(
      (await page.getByTestId('rules-json-link-otherwise').textContent()) ?? '',
      /qualcheck rules export --rules WORKBOOK\.xlsx --out rules\.json/,
    );
    const saved = path.join(tmp(), download.suggestedFilename());
    await download.saveAs(saved);
    const exported = JSON.parse(await fs.readFile(saved, 'utf8')) as QualificationDefinition[];
    const ids = (Array.isArray(exported) ? exported : [exported]).map((q) => q.id);
    assert.ok(ids.includes('10266'), ids.join(', '));
    const ocr = (Array.isArray(exported) ? exported : [exported]).find((q) => q.id === '10266')!;
    assert.equal(ocr.units.find((u) => u.ref === unit.ref)?.credits, 2);

    // Import a qualification of the centre's own: it is added below, and 10266 stays as the centre left it.
    const own: QualificationDefinition = {
      ...OCR_10266,
      id: 'CENTRE-01',
      title: 'Our own contact centre certificate',
      codes: [],
    };
    const before = await page.evaluate(() =>
      JSON.stringify(window.__qualcheckFake!.book.sheet('Qualification rules')!.cells),
    );
    await page.getByTestId('rules-import-file').setInputFiles({
      name: 'centre.json',
      mimeType: 'application/json',
      buffer: Buffer.from(definitionsJson([own, OCR_10266])),
    });
    await page.getByTestId('rules-notice').filter({ hasText: 'centre.json' }).waitFor();
    const notice = (await page.getByTestId('rules-notice').textContent()) ?? '';
    assert.match(notice, /Added CENTRE-01 from centre\.json to the sheet/);
    assert.match(notice, /10266 is already on the sheet and was left exactly as it is/);
    await page.getByTestId('rules-status').filter({ hasText: 'CENTRE-01' }).waitFor();
    const after = JSON.parse(
      await page.evaluate(() => JSON.stringify(window.__qualcheckFake!.book.sheet('Qualification rules')!.cells)),
    ) as unknown[][];
    const kept = JSON.parse(before) as unknown[][];
    assert.ok(after.length > kept.length + 10, 'the new block is below');
    kept.forEach((row, r) => assert.deepEqual(after[r], row, `row ${r + 1} kept`));

    // A file that is not a rules file is refused with its reason, and nothing is written.
    await page
      .getByTestId('rules-import-file')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "X",') });
    await page.getByTestId('rules-import-errors').waitFor();
    assert.match(
      (await page.getByTestId('rules-import-errors').textContent()) ?? '',
      /broken\.json was not imported.*not valid JSON/,
    );

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin, { blobs: true });
    await page.context().close();
  });
});
