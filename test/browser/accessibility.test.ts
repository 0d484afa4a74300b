// Every tab of the pane after a check of the sample, in headless Chromium: axe-core (injected from npm) finds no
// violation, but for Fluent's focus-trap helpers (the known aria-hidden-focus false positive on its dummy inputs);
// headings go in order; nothing is cut or scrolls sideways at 300 and 350 px, at 100 % and 200 % zoom, on any tab or
// for any learner of the sample; every sentence the pane shows reads as one; and every focusable element shows a focus
// ring that meets WCAG 2.2's focus appearance (2.4.13).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { cohortOf, sampleGrid } from '../fake-excel/sample';
import { axeFindings } from './axe';
import { focusAppearance } from './focus-ring';
import { overflowIn } from './overflow';
import { assertStayedLocal, paneSession, workbookOfGrid, type PaneSession } from './pane-session';
import { sentenceFaults } from './sentences';

const TABS: [string, string][] = [
  ['Check cohort', 'summary'],
  ['What-if', 'whatif-empty'],
  ['Registration', 'registration-summary'],
  ['Qualification data', 'rules-status'],
];

/** Picks the learner of sheet row `row` as a user does in Excel, by selecting a cell of their row. */
async function pickRow(page: Page, sheetName: string, row: number): Promise<void> {
  await page.evaluate(([sheet, at]) => window.__qualcheckFake!.book.select(sheet, at), [sheetName, `A${row}`] as const);
  await page.waitForFunction(
    (r) => document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.endsWith(`(row ${r})`) === true,
    row,
  );
  await page.locator('[data-testid="whatif-results"], [data-testid="whatif-no-qualification"]').first().waitFor();
}

async function headingLevels(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => (h as HTMLElement).offsetParent !== null)
      .map((h) => Number(h.tagName[1])),
  );
}

describe('pane accessibility in headless Chromium', function () {
  this.timeout(300_000);
  const session = paneSession();

  async function checkedPane(
    width: number,
    deviceScaleFactor = 1,
  ): Promise<Awaited<ReturnType<PaneSession['withWorkbook']>>> {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOfGrid(grid, sheetName), width, deviceScaleFactor);
    const { page } = recorded;
    await page.addInitScript(() => window.localStorage.setItem('qualcheck.undoWarningSeen.v1', 'yes'));
    await page.goto(session().paneUrl);
    await page.getByTestId('found-panel').waitFor();
    await page.getByTestId('check').click();
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    return recorded;
  }

  it('has no axe violation and headings in order on any tab after a check', async () => {
    const recorded = await checkedPane(380);
    const { page } = recorded;
    // "Things to look at" says how long it is, and that it scrolls, until its end is in view.
    const things = page.getByRole('region', { name: /^Things to look at/ });
    assert.equal(await things.getAttribute('aria-label'), 'Things to look at (3), 3 in all, scrolls');
    assert.equal(await page.getByTestId('scroll-cue').textContent(), '3 in all: scroll the list for more.');
    await things.evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await page.getByText('End of the list: 3 in all.').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    for (const [tab, shown] of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(shown).waitFor();
      assert.deepEqual(await axeFindings(page), [], `${tab}: axe violations`);
      const levels = await headingLevels(page);
      assert.equal(levels[0], 1, `${tab}: starts at h1`);
      levels.forEach((level, i) =>
        assert.ok(i === 0 || level <= levels[i - 1] + 1, `${tab}: heading levels ${levels.join(' ')}`),
      );
    }
    // What-if with a learner chosen, and the picker after typing and Escape.
    await page.getByRole('tab', { name: 'What-if' }).click();
    const picker = page.getByTestId('whatif-learner');
    await picker.click();
    await picker.pressSequentially('ewa');
    await page.getByRole('listbox').waitFor();
    assert.deepEqual(await axeFindings(page), [], 'What-if picker with its list open: axe violations');
    await page.keyboard.press('Escape');
    assert.deepEqual(await axeFindings(page), [], 'What-if picker after typing and Escape: axe violations');
    await picker.fill('');
    await picker.pressSequentially('CC005');
    await page.getByRole('option', { name: /CC005/ }).click();
    await page.getByTestId('whatif-results').waitFor();
    assert.deepEqual(await axeFindings(page), [], 'What-if with a learner: axe violations');
    const levels = await headingLevels(page);
    levels.forEach((level, i) =>
      assert.ok(i === 0 || level <= levels[i - 1] + 1, `What-if with a learner: heading levels ${levels.join(' ')}`),
    );
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  it('finds every learner of a large cohort in the What-if picker, windowed, by keyboard and by scrolling', async () => {
    const LEARNERS = 1_000;
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session().withWorkbook(workbookOfGrid(cohortOf(grid, LEARNERS), sheetName), 380);
    const { page } = recorded;
    await page.goto(session().paneUrl);
    await page.getByRole('tab', { name: 'What-if' }).click();
    const picker = page.getByTestId('whatif-learner');
    await picker.click();
    const firstOption = page.locator('[role="option"][aria-posinset="1"]');
    await firstOption.waitFor();
    const shown = await page.getByRole('option').count();
    assert.ok(shown > 0 && shown < 100, `${shown} options in the page`);
    assert.equal(await firstOption.getAttribute('aria-setsize'), String(LEARNERS));

    // The arrow keys walk past the first window: the option they reach is always in the page, and is the one named.
    const active = async () =>
      page.evaluate(() => {
        const id = document.querySelector('input[role="combobox"]')?.getAttribute('aria-activedescendant');
        const option = id ? document.getElementById(id) : null;
        return option ? { at: Number(option.getAttribute('aria-posinset')), text: option.textContent } : null;
      });
    await page.keyboard.press('ArrowDown');
    const first = await active();
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
    const reached = await active();
    assert.ok(first && reached, 'the active option is in the page');
    assert.equal(reached.at, first.at + 60, `ArrowDown reached option ${reached.at}`);

    // Scrolled to its end, the list shows the last learner, who can be chosen.
    await page.getByRole('listbox').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    const last = page.locator(`[role="option"][aria-posinset="${LEARNERS}"]`);
    await last.waitFor();
    const label = (await last.textContent()) ?? '';
    assert.match(label, /\(row 1001\)$/);
    await last.click();
    await page.waitForFunction(
      (text) => document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value === text,
      label,
    );
    await page.getByTestId('whatif-results').waitFor();

    // Typing narrows the list; Escape closes it and leaves nothing pointing at an option that is gone.
    await picker.fill('');
    await picker.pressSequentially('CC005-2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    assert.deepEqual(await axeFindings(page), [], 'the picker after typing, ArrowDown and Escape: axe violations');
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  for (const [name, width, scale] of [
    ['a 350 px pane', 350, 1],
    ['a 300 px pane', 300, 1],
    ['a 350 px pane at 200 % zoom', 175, 2],
    ['a 300 px pane at 200 % zoom', 150, 2],
  ] as const) {
    it(`cuts nothing and scrolls nothing sideways in ${name}, on any tab and for every learner`, async () => {
      const recorded = await checkedPane(width, scale);
      const { page } = recorded;
      const { grid, sheetName } = await sampleGrid();
      const faults: string[] = [];
      const measure = async (where: string) => {
        const { page: sideways, elements } = await overflowIn(page);
        if (sideways > 0) faults.push(`${where}: the page scrolls sideways by ${sideways} px`);
        faults.push(...elements.map((e) => `${where}: ${e}`));
      };
      if (width === 350) {
        // The four tabs on one row of a 350 px pane.
        const tops = await page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().top));
        assert.equal(new Set(tops).size, 1, `tab tops ${tops.join(', ')}`);
      }
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('radio').first().waitFor();
      for (const [tab, shown] of TABS) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByTestId(shown).waitFor();
        await measure(tab);
      }
      await page.getByRole('tab', { name: 'What-if' }).click();
      for (let row = 2; row <= grid.values.length; row++) {
        await pickRow(page, sheetName, row);
        await measure(`What-if, row ${row}`);
      }
      assert.deepEqual(faults, []);
      await page.context().close();
    });
  }

  it('says every sentence as one, for every learner: no doubled word, one colon, a full stop at the end', async () => {
    const recorded = await checkedPane(380);
    const { page } = recorded;
    const { grid, sheetName } = await sampleGrid();
    const faults: string[] = [];
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio').first().waitFor();
    for (const [tab, shown] of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(shown).waitFor();
      faults.push(...(await sentenceFaults(page)).map((f) => `${tab}: ${f}`));
    }
    let checked = 0;
    await page.getByRole('tab', { name: 'What-if' }).click();
    for (let row = 2; row <= grid.values.length; row++) {
      await pickRow(page, sheetName, row);
      const found = await sentenceFaults(page);
      checked++;
      faults.push(...found.map((f) => `What-if, row ${row}: ${f}`));
    }
    assert.equal(checked, grid.values.length - 1);
    assert.deepEqual([...new Set(faults)], []);
    await page.context().close();
  });

  it('shows a focus ring on every focusable element that meets WCAG 2.2 focus appearance', async () => {
    const recorded = await checkedPane(380);
    const { page } = recorded;
    const { sheetName } = await sampleGrid();
    const faults: string[] = [];
    let reached = 0;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio').first().waitFor();
    for (const [tab, shown] of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(shown).waitFor();
      if (tab === 'What-if') {
        // A learner with units not counted: the results, units and plans have the most controls.
        await pickRow(page, sheetName, 10);
      }
      const result = await focusAppearance(page);
      reached += result.reached;
      faults.push(...result.faults.map((f) => `${tab}: ${f}`));
    }
    assert.ok(reached > 60, `${reached} focusable elements reached by Tab`);
    assert.deepEqual(faults, []);
    await page.context().close();
  });
});
