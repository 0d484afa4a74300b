// Every action of the pane driven by the keyboard alone, in headless Chromium on the fake host: after each, the focus is
// on its result (or on the control that changed) and the live region has said its outcome once, in clean sentences
// (a title and its body apart, no step of progress that is already over); axe finds nothing in any state on the way
// (a check running, each undo warning open, after each action).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sampleGrid } from '../fake-excel/sample';
import { axeFindings } from './axe';
import { pageNames } from './overflow';
import { paneSession, workbookOfGrid } from './pane-session';
import type { WorkbookSpec } from './host/entry';

const UNDO_KEY = 'qualcheck.undoWarningSeen.v1';

declare global {
  interface Window {
    /** Each text the live region came to hold, in order. */
    __said?: string[];
  }
}

/** Records every text the live region holds, from the page's start. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__said = [];
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent ?? '';
      if (text !== '' && text !== last) window.__said!.push(text);
      last = text;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** What the live region said since the last call, waiting until something matching `until` has been said. */
async function said(page: Page, until: RegExp): Promise<string[]> {
  await page.waitForFunction((source) => window.__said!.some((s) => new RegExp(source).test(s)), until.source, {
    timeout: 60_000,
  });
  // A moment for anything said with it or straight after (a second announcement would show here).
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__said!.splice(0));
}

async function forget(page: Page): Promise<void> {
  await page.evaluate(() => window.__said!.splice(0));
}

/** The focused element: its test id, role and name, as the assertions name it. */
async function focus(page: Page): Promise<string> {
  await pageNames(page);
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return 'body';
    const id = e.getAttribute('data-testid') ?? e.closest('[data-testid]')?.getAttribute('data-testid');
    return `${id ?? e.tagName.toLowerCase()}${e.getAttribute('role') ? ` ${e.getAttribute('role')}` : ''}`;
  });
}

/** Presses Tab until the focused element matches `selector`; fails if it never does. */
async function tabTo(page: Page, selector: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) === true, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Waits until a control reached by Tab is on: a job still running (the sheet read again after the rules sheet was
 * written) leaves a button focusable but off, and Enter on it then does nothing, as it should.
 */
async function whenOn(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(`${selector}:not([aria-disabled="true"]):not([disabled])`, { timeout: 60_000 });
}

/** Opens a tab of the pane by keyboard: Tab to the tab list, arrows to the tab, Enter. */
async function openTab(page: Page, name: string): Promise<void> {
  await tabTo(page, '[role="tab"][aria-selected="true"]');
  for (let i = 0; i < 4; i++) {
    const label = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent,
    );
    if (label?.startsWith(name)) break;
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.startsWith(n) === true,
    name,
  );
}

/** The undo warning is open: axe finds nothing in it, and Enter on its first button (the write) goes ahead. */
async function agreeToWrite(page: Page, testId: string, where: string): Promise<void> {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testId);
  assert.deepEqual(await axeFindings(page), [], `${where}, undo warning open: axe violations`);
  await page.keyboard.press('Enter');
  // The dialog fades out; until it has gone, the pane behind it is hidden from screen readers.
  await page.getByTestId(testId).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[aria-hidden="true"] main') === null);
}

function one(announcements: string[], where: string): string {
  assert.equal(announcements.length, 1, `${where}: said once, not ${JSON.stringify(announcements)}`);
  const [text] = announcements;
  assert.doesNotMatch(text, /[a-z][A-Z]/, `${where}: words run together in “${text}”`);
  assert.doesNotMatch(text, /…/, `${where}: a step of progress in “${text}”`);
  return text;
}

describe('every pane action by keyboard: focus and what is said', function () {
  this.timeout(300_000);
  const session = paneSession();

  async function open(workbook: WorkbookSpec): Promise<Page> {
    const recorded = await session().withWorkbook(workbook, 380);
    await recordAnnouncements(recorded.page);
    await recorded.page.goto(session().paneUrl);
    await recorded.page.getByTestId('found-panel').waitFor();
    await recorded.page.keyboard.press('Tab');
    return recorded.page;
  }

  it('Check, Cancel, Apply, Reset, registration date, Export, Edit qualification data and settings', async () => {
    const { grid, sheetName } = await sampleGrid();
    // Each sync waits, so a check runs long enough to be seen and cancelled.
    const page = await open({ ...workbookOfGrid(grid, sheetName), latencyMs: 150 });
    await forget(page);

    // Check, cancelled while it runs: the progress bar has a name (axe, during the check); Cancel's notice is said.
    await tabTo(page, '[data-testid="check"]');
    await whenOn(page, '[data-testid="check"]');
    await page.keyboard.press('Enter');
    await agreeToWrite(page, 'undo-continue', 'Check');
    await page.getByTestId('progress').waitFor();
    assert.deepEqual(await axeFindings(page, { atRest: false }), [], 'during a check: axe violations');
    await tabTo(page, '[data-testid="cancel"]');
    // A step that lasts is said while the check runs (“Reading rows…”); from Cancel on, only its outcome is.
    await forget(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('check-cancelled').waitFor();
    const cancelled = one(await said(page, /^Check cancelled/), 'Cancel');
    assert.equal(await focus(page), 'check-cancelled group');
    assert.equal(cancelled, (await page.getByTestId('check-cancelled').textContent())?.trim());
    assert.deepEqual(await axeFindings(page), [], 'after Cancel: axe violations');

    // Check to the end: focus on the summary's heading, the summary said once with no step of progress before it.
    await page.evaluate(() => {
      window.__qualcheckFake!.options.latencyMs = 0;
    });
    await tabTo(page, '[data-testid="check"]');
    await whenOn(page, '[data-testid="check"]');
    await page.keyboard.press('Enter');
    const checked = one(await said(page, /^Checked \d+ learners/), 'Check');
    assert.match(checked, /^Checked 34 learners: \d+ achieved(, \d+ [a-z -]+)+\./);
    assert.equal(await focus(page), 'summary-heading');
    assert.deepEqual(await axeFindings(page), [], 'after Check: axe violations');

    // A setting: the radio keeps the focus, and the new reading is said.
    await tabTo(page, 'button[aria-expanded="false"]');
    await page.keyboard.press('Enter');
    await page.getByRole('radio').first().waitFor();
    await tabTo(page, 'input[type="radio"][value="sheet"]');
    await page.keyboard.press('ArrowDown');
    const reread = one(await said(page, /^Read sheet|^Sheet/), 'a changed setting');
    assert.match(reread, /^Read sheet “Cohort”: \d+ learners/);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), 'selection');
    await page.keyboard.press('ArrowUp');
    await said(page, /^Read sheet/);

    // What-if: the list open (axe), a learner chosen, a unit changed, Apply, then Reset.
    await openTab(page, 'What-if');
    await tabTo(page, 'input[role="combobox"]');
    await page.keyboard.type('CC005');
    await page.getByRole('listbox').waitFor();
    assert.deepEqual(await axeFindings(page), [], 'What-if list open: axe violations');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('whatif-results').waitFor();
    await forget(page);
    await tabTo(page, '[data-testid^="unit-"] input[type="radio"]:checked');
    const unit = await page.evaluate(() =>
      document.activeElement!.closest('[data-testid^="unit-"]')!.getAttribute('data-testid'),
    );
    await page.keyboard.press('ArrowRight');
    const toggled = one(await said(page, /^Status /), 'a unit changed');
    assert.match(toggled, /^Status [a-z ]+ \([^)]+\); credits \d+ achieved, \d+ with planned/);
    assert.equal(await focus(page), unit);

    await page.evaluate((key) => window.localStorage.removeItem(key), UNDO_KEY);
    await tabTo(page, '[data-testid="whatif-apply"]');
    await page.keyboard.press('Enter');
    await agreeToWrite(page, 'whatif-undo-continue', 'Apply');
    await page.getByTestId('whatif-success').waitFor();
    const applied = one(await said(page, /^Applied to row/), 'Apply');
    assert.match(applied, /^Applied to row \d+\. Wrote [A-Z]+\d+/);
    assert.equal(await focus(page), 'whatif-success group');
    assert.deepEqual(await axeFindings(page), [], 'after Apply: axe violations');

    await tabTo(page, '[data-testid^="unit-"] input[type="radio"]:checked');
    await page.keyboard.press('ArrowRight');
    await said(page, /^Status /);
    await tabTo(page, '[data-testid="whatif-reset"]');
    await page.keyboard.press('Enter');
    const reset = one(await said(page, /^Reset to the sheet/), 'Reset');
    assert.match(reset, /^Reset to the sheet: the units are as the sheet has them\. Status /);
    assert.equal(await focus(page), 'whatif-reset');
    assert.deepEqual(await axeFindings(page), [], 'after Reset: axe violations');

    // Registration: a new date re-checks every learner and says the counts; the date keeps the focus.
    await openTab(page, 'Registration');
    await page.getByTestId('registration-summary').waitFor();
    await forget(page);
    // To a date when the sample's qualification was open: the year stepped down, a key at a time, is said once.
    await tabTo(page, '[data-testid="registration-date"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowDown');
    const dated = one(await said(page, /^Registration on/), 'the registration date');
    assert.match(dated, /^Registration on \d\d\/\d\d\/2013\. \d+ of 34 learners ready to register; \d+ held back\./);
    assert.doesNotMatch(dated, /^Registration on [^.]+\. 0 of/, 'some learners are ready in 2013');
    assert.equal(await focus(page), 'registration-date');
    assert.deepEqual(await axeFindings(page), [], 'after a new date: axe violations');

    // Export: the notice takes the focus and is said as sentences.
    await page.evaluate((key) => window.localStorage.removeItem(key), UNDO_KEY);
    await tabTo(page, '[data-testid="registration-export"]');
    await page.keyboard.press('Enter');
    await agreeToWrite(page, 'write-continue', 'Export');
    const exported = one(await said(page, /^Exported/), 'Export');
    assert.match(exported, /^Exported \d+ learners?\. Written to sheet “[^”]+”, A1:G\d+\. /);
    assert.equal(await focus(page), 'registration-exported group');
    assert.deepEqual(await axeFindings(page), [], 'after Export: axe violations');

    // Edit qualification data: the cohort stays in front, the notice says where the rules sheet is.
    await openTab(page, 'Rules');
    await page.getByTestId('rules-status').waitFor();
    await forget(page);
    await page.evaluate((key) => window.localStorage.removeItem(key), UNDO_KEY);
    await tabTo(page, '[data-testid="rules-edit"]');
    await page.keyboard.press('Enter');
    await agreeToWrite(page, 'write-continue', 'Edit qualification data');
    const edited = one(await said(page, /^Wrote/), 'Edit qualification data');
    assert.match(edited, /The cohort sheet stays in front, ready to check; sheet “Qualification rules” is/);
    assert.equal(await focus(page), 'rules-notice group');
    assert.equal(await page.evaluate(() => window.__qualcheckFake!.book.activeSheet), sheetName);
    assert.deepEqual(await axeFindings(page), [], 'after Edit qualification data: axe violations');

    // …so the next Check checks the cohort.
    await openTab(page, 'Check');
    await forget(page);
    await tabTo(page, '[data-testid="check"]');
    await whenOn(page, '[data-testid="check"]');
    await page.keyboard.press('Enter');
    one(await said(page, /^Checked 34 learners/), 'Check after the rules sheet was written');
    assert.equal(await focus(page), 'summary-heading');
    await page.context().close();
  });

  it('an error: the check stops on a protected sheet, and the notice is focused and said as two sentences', async () => {
    const { grid, sheetName } = await sampleGrid();
    const workbook = workbookOfGrid(grid, sheetName);
    workbook.sheets[0].protected = true;
    const page = await open(workbook);
    await page.evaluate((key) => window.localStorage.setItem(key, 'yes'), UNDO_KEY);
    await forget(page);
    await tabTo(page, '[data-testid="check"]');
    await whenOn(page, '[data-testid="check"]');
    await page.keyboard.press('Enter');
    // A step of progress that lasts over PROGRESS_DELAY_MS is said by design (a loaded machine can make reading 34 rows
    // take that long); what must be said once, whole, is the failure.
    const steps = (await said(page, /^The check did not finish/)).filter((s) => !/^Reading rows…$/.test(s));
    const failed = one(steps, 'a failed check');
    assert.match(failed, /^The check did not finish\. Sheet "Cohort" is protected/);
    assert.equal(await focus(page), 'check-error group');
    assert.deepEqual(await axeFindings(page), [], 'after a failed check: axe violations');
    await page.context().close();
  });

  it('a sheet that is not a cohort: one sentence, and Check and What-if off with the reason', async () => {
    const page = await open({
      sheets: [
        {
          name: 'Budget',
          cells: [
            ['Item', 'Cost'],
            ['Paper', 12],
          ],
        },
      ],
    });
    const sentence = (await page.getByTestId('not-a-cohort').textContent()) ?? '';
    assert.match(
      sentence,
      /^Sheet “Budget” is not a cohort of learners: the pane looked in A1:[A-Z]+\d+ for a header row/,
    );
    assert.equal(sentence.split(/(?<=\.)\s/).length, 1, `one sentence: ${sentence}`);
    const check = page.getByTestId('check');
    assert.equal(await check.getAttribute('aria-disabled'), 'true');
    const reason = (await page.getByTestId('check-off-reason').textContent()) ?? '';
    assert.match(reason, /^Check is off: sheet “Budget” is not a cohort/);
    assert.equal(await check.getAttribute('aria-describedby'), 'check-off-reason');
    // Enter on the focusable, switched-off Check does nothing.
    await tabTo(page, '[data-testid="check"]');
    await page.keyboard.press('Enter');
    assert.equal(await page.getByTestId('progress').count(), 0);
    assert.deepEqual(await axeFindings(page), [], 'a sheet that is not a cohort: axe violations');

    await openTab(page, 'What-if');
    const whatIf = (await page.getByTestId('whatif-no-learners').textContent()) ?? '';
    assert.match(whatIf, /^What-if is off: sheet “Budget” is not a cohort of learners/);
    assert.equal(await page.getByRole('combobox').count(), 0);
    assert.doesNotMatch((await page.getByTestId('whatif-tab').textContent()) ?? '', /holds no learner/);
    await page.context().close();
  });
});
