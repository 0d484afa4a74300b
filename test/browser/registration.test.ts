// The Registration tab of the built pane in headless Chromium, on the sample 600/5106/1 cohort in the fake host: the
// learners held back on 1 June 2013 with the command line's reasons, a reason that selects its cell, and the export
// (a sheet of its own and a CSV download) equal to the command line's CSV. Nothing leaves the machine.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runRegister, type RegisterJson } from '../../src/cli/register';
import { REGISTRATION_SHEET } from '../../src/excel/registration-sheet';
import { parseAddress } from '../fake-excel';
import { SAMPLE, sampleGrid } from '../fake-excel/sample';
import { assertStayedLocal, paneSession, workbookOfGrid } from './pane-session';
import { tempFolder } from '../support/temp-folder';
import { artifact, keepScreenshot } from './support';

const DATE = '2013-06-01';

describe('registration tab in headless Chromium', function () {
  this.timeout(180_000);
  const session = paneSession();
  const tmp = tempFolder('pane-reg');
  let cli: RegisterJson;
  let cliCsv: string;

  before(async function () {
    const out = path.join(tmp(), 'cli.csv');
    let json = '';
    await runRegister(SAMPLE, { date: DATE, out, json: true }, (text) => (json += text));
    cli = JSON.parse(json) as RegisterJson;
    cliCsv = await fs.readFile(out, 'utf8');
  });

  it("lists the learners held back on 1 June 2013 with their reasons, selects a reason's cell, and exports the ready ones", async () => {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOfGrid(grid, sheetName), 420);
    const { page } = recorded;
    await page.goto(session().paneUrl);
    await page.getByRole('tab', { name: 'Registration' }).click();
    await page.getByTestId('registration-date').fill(DATE);
    const counts = page.getByTestId('registration-counts');
    await counts.waitFor();
    assert.equal(
      (await counts.textContent())?.trim(),
      `${cli.ready} of ${cli.learners.length} learners ready to register; ${cli.notReady} held back.`,
    );

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
    for (const code of [
      'duplicate-uln',
      'duplicate-learner-ref',
      'under-min-age',
      'barred-combination',
      'placeholder-uln',
      'invalid-uln',
      'field-too-long',
      'bad-date',
      'bad-characters',
      'bad-sex',
    ]) {
      assert.ok(
        shown.some((l) => l.codes.includes(code)),
        `a learner held back for ${code}`,
      );
    }

    // A reason selects the cell it names.
    const young = cli.learners.find((l) => l.problems.some((p) => p.code === 'under-min-age'))!;
    const reason = young.problems.find((p) => p.code === 'under-min-age')!;
    await page.locator(`[data-learner="${young.learnerId}"] [data-code="under-min-age"] button`).click();
    await page.waitForFunction(
      (cell) =>
        window.__qualcheckFake!.book.selection !== null &&
        JSON.stringify(window.__qualcheckFake!.book.selection.rect) === cell,
      JSON.stringify(parseAddress(reason.cell!)),
    );
    assert.equal(await page.evaluate(() => window.__qualcheckFake!.book.selection?.sheet), sheetName);

    const before = await page.evaluate(() => JSON.stringify(window.__qualcheckFake!.book.sheets[0].cells));
    await page.getByTestId('registration-export').click();
    await page.getByTestId('write-continue').click();
    await page.getByTestId('registration-exported').waitFor();

    const csvRows = parse(cliCsv, { bom: true }) as string[][];
    const written = await page.evaluate(
      ({ name, rows, columns }) => {
        const sheet = window.__qualcheckFake!.book.sheet(name)!;
        return Array.from({ length: rows }, (_, r) =>
          Array.from({ length: columns }, (_, c) => sheet.value(r, c) ?? ''),
        );
      },
      { name: REGISTRATION_SHEET, rows: csvRows.length + 1, columns: 7 },
    );
    assert.deepEqual(written, [...csvRows, new Array(7).fill('')], "the sheet holds exactly the command line's rows");
    assert.equal(
      await page.evaluate(() => JSON.stringify(window.__qualcheckFake!.book.sheets[0].cells)),
      before,
      'the cohort sheet is unchanged',
    );

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('registration-csv').click()]);
    assert.equal(download.suggestedFilename(), `registration-${DATE}.csv`);
    const saved = path.join(tmp(), 'pane.csv');
    await download.saveAs(saved);
    assert.equal(await fs.readFile(saved, 'utf8'), cliCsv, "the CSV is the command line's, byte for byte");
    // Excel for Mac ignores download links: the pane says how to get the same file from the sheet it wrote.
    assert.match(
      (await page.getByTestId('registration-csv-otherwise').textContent()) ?? '',
      new RegExp(`save sheet “${REGISTRATION_SHEET}” with File > Save As, choosing CSV UTF-8`),
    );

    await page.getByTestId('registration-held-back').scrollIntoViewIfNeeded();
    const shot = artifact('registration.png');
    await page.screenshot({ path: shot, fullPage: true });
    keepScreenshot(shot, 'registration.png');

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin, { blobs: true });
    await page.context().close();
  });
});
