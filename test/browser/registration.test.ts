// The Registration tab of the built pane in headless Chromium, on the sample 600/5106/1 cohort in the fake host: the
// learners held back on 1 June 2013 with the command line's reasons, a reason that selects its cell, and the export
// (a sheet of its own and a CSV download) equal to the command line's CSV. Nothing leaves the machine.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { runRegister, type RegisterJson } from '../../src/cli/register';
import type { Grid } from '../../src/cohort/types';
import { REGISTRATION_SHEET } from '../../src/excel/registration-sheet';
import { columnLetters, parseAddress } from '../fake-excel';
import { excelSerial } from '../fake-excel/from-grid';
import { SAMPLE, sampleGrid } from '../fake-excel/sample';
import type { WorkbookSpec } from './host/entry';
import { artifact, buildPane, chromiumMissing, keepScreenshot, launch, OFFICE_JS, openPage, PANE_BUILD, serve, type LocalServer, type RecordedPage } from './support';

const DATE = '2013-06-01';

function workbookOf(grid: Grid, sheetName: string): WorkbookSpec {
  const formats: Record<string, string> = {};
  const cells = grid.values.map((row, r) =>
    row.map((value, c) => {
      if (value instanceof Date) {
        formats[`${columnLetters(c)}${r + 1}`] = 'dd/mm/yyyy';
        return excelSerial(value);
      }
      if (value !== null && typeof value === 'object') return value.error;
      return value;
    }),
  );
  return { sheets: [{ name: sheetName, cells, formats }] };
}

/** Requests stayed on the local server (and the Blob the pane made for the download, which is in the page itself). */
function assertStayedLocal(recorded: RecordedPage, origin: string): void {
  assert.deepEqual(recorded.outside, [], 'requests that would have left the machine');
  for (const url of recorded.requests) {
    assert.ok(url.startsWith(`${origin}/`) || url === OFFICE_JS || url.startsWith(`blob:${origin}/`), `unexpected request ${url}`);
  }
}

describe('registration tab in headless Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  let server: LocalServer;
  let testHost: string;
  let tmp: string;
  let cli: RegisterJson;
  let cliCsv: string;

  before(async function () {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    buildPane();
    testHost = readFileSync(path.join(PANE_BUILD, 'test-host.js'), 'utf8');
    server = await serve(PANE_BUILD);
    browser = await launch();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-pane-reg-'));
    const out = path.join(tmp, 'cli.csv');
    let json = '';
    await runRegister(SAMPLE, { date: DATE, out, json: true }, (text) => (json += text));
    cli = JSON.parse(json) as RegisterJson;
    cliCsv = await fs.readFile(out, 'utf8');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('lists the learners held back on 1 June 2013 with their reasons, selects a reason\'s cell, and exports the ready ones', async () => {
    const { grid, sheetName } = await sampleGrid();
    const stub = `window.__qualcheckWorkbook = ${JSON.stringify(workbookOf(grid, sheetName))};\n${testHost}`;
    const recorded = await openPage(browser, server.origin, (url) => (url === OFFICE_JS ? stub : undefined), 420);
    const { page } = recorded;
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole('tab', { name: 'Registration' }).click();
    await page.getByTestId('registration-date').fill(DATE);
    const counts = page.getByTestId('registration-counts');
    await counts.waitFor();
    assert.equal((await counts.textContent())?.trim(), `${cli.ready} of ${cli.learners.length} learners ready to register; ${cli.notReady} held back.`);

    // Every held-back learner, with the command line's codes in its order.
    const heldBack = page.getByTestId('registration-held-back').getByTestId('learner');
    const shown = await heldBack.evaluateAll((items) =>
      items.map((item) => ({
        id: item.getAttribute('data-learner'),
        codes: [...item.querySelectorAll('[data-testid="reason"]')].map((r) => r.getAttribute('data-code')),
      })),
    );
    assert.deepEqual(
      shown,
      cli.learners.filter((l) => !l.ready).map((l) => ({ id: l.learnerId, codes: l.problems.map((p) => p.code) })),
    );
    for (const code of ['duplicate-uln', 'under-min-age', 'barred-combination', 'placeholder-uln', 'invalid-uln', 'field-too-long', 'bad-date', 'bad-characters']) {
      assert.ok(shown.some((l) => l.codes.includes(code)), `a learner held back for ${code}`);
    }

    // A reason selects the cell it names.
    const young = cli.learners.find((l) => l.problems.some((p) => p.code === 'under-min-age'))!;
    const reason = young.problems.find((p) => p.code === 'under-min-age')!;
    await page.locator(`[data-learner="${young.learnerId}"] [data-code="under-min-age"] button`).click();
    await page.waitForFunction((cell) => window.__qualcheckFake!.book.selection !== null && JSON.stringify(window.__qualcheckFake!.book.selection.rect) === cell, JSON.stringify(parseAddress(reason.cell!)));
    assert.equal(await page.evaluate(() => window.__qualcheckFake!.book.selection?.sheet), sheetName);

    const before = await page.evaluate(() => JSON.stringify(window.__qualcheckFake!.book.sheets[0].cells));
    await page.getByTestId('registration-export').click();
    await page.getByTestId('write-continue').click();
    await page.getByTestId('registration-exported').waitFor();

    const csvRows = parse(cliCsv, { bom: true }) as string[][];
    const written = await page.evaluate(
      ({ name, rows, columns }) => {
        const sheet = window.__qualcheckFake!.book.sheet(name)!;
        return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => sheet.value(r, c) ?? ''));
      },
      { name: REGISTRATION_SHEET, rows: csvRows.length + 1, columns: 7 },
    );
    assert.deepEqual(written, [...csvRows, new Array(7).fill('')], 'the sheet holds exactly the command line\'s rows');
    assert.equal(await page.evaluate(() => JSON.stringify(window.__qualcheckFake!.book.sheets[0].cells)), before, 'the cohort sheet is unchanged');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registration-csv').click()]);
    assert.equal(download.suggestedFilename(), `registration-${DATE}.csv`);
    const saved = path.join(tmp, 'pane.csv');
    await download.saveAs(saved);
    assert.equal(await fs.readFile(saved, 'utf8'), cliCsv, 'the CSV is the command line\'s, byte for byte');

    await page.getByTestId('registration-held-back').scrollIntoViewIfNeeded();
    const shot = artifact('registration.png');
    await page.screenshot({ path: shot, fullPage: true });
    keepScreenshot(shot, 'registration.png');

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, server.origin);
    await page.context().close();
  });
});
