// The built task pane in headless Chromium: with the fake Excel host in place of office.js it checks the sample cohort
// and writes the results; in a plain browser it says to open it from Excel. Every request must stay on this machine.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../../src/cli/check';
import { RESULT_HEADERS, STATUSES, summarise } from '../../src/cohort/verdict/results';
import type { Grid } from '../../src/sheet/types';
import { SAMPLE, sampleGrid } from '../fake-excel/sample';
import type { WorkbookSpec } from './host/entry';
import { assertStayedLocal, paneSession, workbookOfGrid } from './pane-session';
import { artifact, keepScreenshot, OFFICE_JS, openPage, ROOT } from './support';

/** The sample as the fake host's workbook, answering after a small delay as Excel does. */
function workbookOf(grid: Grid, sheetName: string): WorkbookSpec {
  return { ...workbookOfGrid(grid, sheetName), latencyMs: 5 };
}

describe('task pane in headless Chromium', function () {
  this.timeout(180_000);
  const session = paneSession();

  it('checks the sample cohort from the Check button: summary, written cells, nothing sent anywhere', async () => {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOf(grid, sheetName));
    const { page } = recorded;
    await page.goto(session().paneUrl);

    await page.getByTestId('found-panel').waitFor();
    assert.equal((await page.getByTestId('learner-count').textContent())?.trim(), String(grid.values.length - 1));
    await page.getByTestId('check').click();
    await page.getByTestId('undo-continue').click();
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    // The undo warning fades out; the screenshot is of the pane, not of the dialog leaving.
    await page.getByTestId('undo-continue').waitFor({ state: 'detached' });

    const cli = await runCheck(SAMPLE, { json: true });
    const expected = summarise(cli.checks);
    for (const status of STATUSES) {
      const text = await page.getByTestId(`status-${status}`).textContent();
      assert.match(text ?? '', new RegExp(`${expected.byStatus[status]}$`), `count of ${status}`);
    }
    const problems = await page.getByTestId('top-violations').locator('li').allTextContents();
    assert.equal(problems.length, expected.topViolations.length);
    expected.topViolations.forEach((v, i) =>
      assert.ok(problems[i].startsWith(v.message), `${problems[i]} / ${v.message}`),
    );

    const written = await page.evaluate(
      (headers) => {
        const sheet = window.__qualcheckFake!.book.sheets[0];
        const header = sheet.cells[0] ?? [];
        const status = header.indexOf(headers[3]);
        return {
          header: header.slice(status - 3, status - 3 + headers.length),
          statuses: sheet.cells.slice(1).map((row) => row?.[status]),
        };
      },
      [...RESULT_HEADERS],
    );
    assert.deepEqual(written.header, [...RESULT_HEADERS]);
    assert.deepEqual(
      written.statuses,
      cli.json.learners.map((l) => l.status),
    );

    const shot = artifact('taskpane-check.png');
    await page.screenshot({ path: shot, fullPage: true });
    keepScreenshot(shot, 'taskpane-check.png');

    // A look at another tab keeps the check's summary: the tab stays as it was, its summary hidden, then shown again.
    await page.getByRole('tab', { name: 'What-if' }).click();
    await page.getByTestId('whatif-tab').waitFor();
    assert.equal(await page.getByTestId('summary').isVisible(), false, 'the summary is hidden behind the What-if tab');
    await page.getByRole('tab', { name: 'Check cohort' }).click();
    await page.getByTestId('summary').waitFor();
    for (const status of STATUSES) {
      assert.match(
        (await page.getByTestId(`status-${status}`).textContent()) ?? '',
        new RegExp(`${expected.byStatus[status]}$`),
        `count of ${status} after the tab was left`,
      );
    }

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  it('fits a 350 px pane on every tab, and every control there has its own id and a name a screen reader can say', async () => {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOf(grid, sheetName), 350);
    const { page } = recorded;
    await page.goto(session().paneUrl);
    await page.getByTestId('found-panel').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const tabs: [string, string][] = [
      ['Check cohort', 'learner-count'],
      ['What-if', 'whatif-empty'],
      ['Registration', 'registration-summary'],
      ['Qualification data', 'rules-status'],
    ];
    for (const [tab, shown] of tabs) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(shown).waitFor();
      const layout = await page.evaluate(() => {
        const ids = [...document.querySelectorAll('main [id]')].map((e) => e.id);
        return {
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
        };
      });
      assert.equal(layout.overflow, 0, `${tab}: the pane scrolls sideways`);
      assert.deepEqual(layout.duplicateIds, [], `${tab}: ids used twice`);
      const main = page.getByRole('main');
      for (const role of ['button', 'checkbox', 'radio', 'switch', 'combobox', 'textbox', 'link'] as const) {
        const all = await main.getByRole(role).count();
        assert.equal(await main.getByRole(role, { name: /\S/ }).count(), all, `${tab}: every ${role} is named`);
      }
    }
    // The settings' switch and the rules tab's checkboxes are named by their own labels, not by their group's.
    await page.getByRole('tab', { name: 'Check cohort' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'A date in a unit cell means achieved on that date' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'What the marks mean' }).count(), 1);
    await page.getByRole('tab', { name: 'Qualification data' }).click();
    const group = page.getByRole('group', { name: 'Qualifications to put on the sheet' });
    assert.deepEqual(await group.getByRole('checkbox', { name: /^(600\/5106\/1|10266|10267) / }).count(), 3);
    await page.context().close();
  });

  it('shows the protected-sheet message in the pane and writes nothing', async () => {
    const { grid, sheetName } = await sampleGrid();
    const workbook = workbookOf(grid, sheetName);
    workbook.sheets[0].protected = true;
    const recorded = await session().withWorkbook(workbook);
    const { page } = recorded;
    await page.addInitScript(() => window.localStorage.setItem('qualcheck.undoWarningSeen.v1', 'yes'));
    await page.goto(session().paneUrl);
    await page.getByTestId('found-panel').waitFor();
    await page.getByTestId('check').click();
    const error = page.getByTestId('check-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /is protected.*Nothing was written/);
    const cells = await page.evaluate(() => window.__qualcheckFake!.book.sheets[0].cells[0]?.length);
    assert.equal(cells, grid.values[0].length);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  it('runs "Check now" from the ribbon: writes the results once the pane\'s undo warning was seen, else only explains', async () => {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOf(grid, sheetName));
    const { page } = recorded;
    await page.goto(`${session().origin}/commands.html`);
    await page.waitForFunction(() => typeof window.__qualcheckActions?.checkNow === 'function');
    const press = () =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            void window.__qualcheckActions!.checkNow({ completed: resolve });
          }),
      );
    const statusCell = () =>
      page.evaluate(() => {
        const sheet = window.__qualcheckFake!.book.sheets[0];
        return sheet.cells[1]?.[(sheet.cells[0] ?? []).indexOf('qualcheck: status')];
      });

    await press();
    const dialogs = await page.evaluate(() => window.__qualcheckDialogs ?? []);
    assert.equal(dialogs.length, 1);
    assert.match(decodeURIComponent(dialogs[0]), /taskpane\.html\?notice=.*from the pane/);
    assert.equal(await statusCell(), undefined, 'nothing written before the undo warning was seen');

    await page.evaluate(() => window.localStorage.setItem('qualcheck.undoWarningSeen.v1', 'yes'));
    await press();
    const cli = await runCheck(SAMPLE, { json: true });
    assert.equal(await statusCell(), cli.json.learners[0].status);
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  it('outside Office, with the real office.js, says to open it from Excel and logs no errors', async () => {
    const officeDist = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
    // office.js and the files it loads next to itself, served from the npm package instead of Microsoft's CDN.
    const local = (url: string) => {
      const prefix = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
      if (!url.startsWith(prefix)) return undefined;
      const file = path.join(officeDist, url.slice(prefix.length).split('?')[0]);
      return file.startsWith(officeDist) && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    };
    const recorded = await openPage(session().browser, session().origin, local);
    const { page } = recorded;
    await page.goto(session().paneUrl);
    const message = page.getByTestId('outside-office');
    await message.waitFor({ timeout: 30_000 });
    assert.match((await message.textContent()) ?? '', /Open this pane from Excel/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: artifact('taskpane-outside-office.png'), fullPage: true });
    assert.deepEqual(recorded.consoleErrors, []);
    assert.deepEqual(recorded.outside, [], 'requests that would have left the machine');
    await page.context().close();
  });

  it('renders the open-from-Excel message when office.js cannot be loaded at all', async () => {
    const recorded = await openPage(session().browser, session().origin, (url) =>
      url === OFFICE_JS ? '/* office.js unavailable */' : undefined,
    );
    await recorded.page.goto(session().paneUrl);
    await recorded.page.getByTestId('outside-office').waitFor();
    assert.deepEqual(recorded.consoleErrors, []);
    await recorded.page.context().close();
  });
});
