// Every tab of the pane after a check of the sample, in headless Chromium: axe-core (injected from npm) finds no
// violation, but for Fluent's focus-trap helpers (the known aria-hidden-focus false positive on its dummy inputs);
// headings go in order; and no tab scrolls sideways in a 300 px pane or in a 350 px pane at 200 % zoom.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { cohortOf, sampleGrid } from '../fake-excel/sample';
import { assertStayedLocal, startPaneSession, workbookOfGrid, type PaneSession } from './pane-session';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TABS: [string, string][] = [
  ['Check cohort', 'summary'],
  ['What-if', 'whatif-empty'],
  ['Registration', 'registration-summary'],
  ['Qualification data', 'rules-status'],
];

interface Finding {
  id: string;
  impact: string | null;
  nodes: { target: string; html: string; dummy: boolean }[];
}

declare global {
  interface Window {
    axe?: {
      run(
        context: Document,
        options: object,
      ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; html: string }[] }[] }>;
    };
  }
}

async function axeFindings(page: Page): Promise<Finding[]> {
  // Colours are judged at rest: no tab still loading, no transition half-way.
  await page.waitForFunction(
    () =>
      document.querySelector('main [role="progressbar"], main .fui-Spinner') === null &&
      document.getAnimations().every((a) => a.playState !== 'running'),
  );
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => {
        const element = document.querySelector(String(n.target[0]));
        return {
          target: String(n.target[0]),
          html: n.html.slice(0, 160),
          dummy: element?.hasAttribute('data-tabster-dummy') === true,
        };
      }),
    }));
  });
}

/** What is left once Fluent's focus-trap helpers' aria-hidden-focus is set aside. */
function real(findings: Finding[]): Finding[] {
  return findings
    .map((f) => (f.id === 'aria-hidden-focus' ? { ...f, nodes: f.nodes.filter((n) => !n.dummy) } : f))
    .filter((f) => f.nodes.length > 0);
}

/** How far the page scrolls sideways, and the innermost elements that stick out (to say what to fix). */
async function sideways(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')].filter(
      (e) => e.getBoundingClientRect().right > width + 0.5 && (e as HTMLElement).offsetParent !== null,
    );
    const innermost = out.filter((e) => !out.some((o) => o !== e && e.contains(o)));
    return {
      overflow: document.documentElement.scrollWidth - width,
      culprits: innermost
        .slice(0, 6)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''} "${(e.textContent ?? '').slice(0, 40)}" right ${Math.round(e.getBoundingClientRect().right)}`,
        ),
    };
  });
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
  let session: PaneSession;

  before(async () => {
    session = await startPaneSession();
  });

  after(async () => {
    await session?.close();
  });

  async function checkedPane(
    width: number,
    deviceScaleFactor = 1,
  ): Promise<Awaited<ReturnType<PaneSession['withWorkbook']>>> {
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session.withWorkbook(workbookOfGrid(grid, sheetName), width, deviceScaleFactor);
    const { page } = recorded;
    await page.addInitScript(() => window.localStorage.setItem('qualcheck.undoWarningSeen.v1', 'yes'));
    await page.goto(session.paneUrl);
    await page.getByTestId('found-panel').waitFor();
    await page.getByTestId('check').click();
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    return recorded;
  }

  it('has no axe violation and headings in order on any tab after a check', async () => {
    const recorded = await checkedPane(380);
    const { page } = recorded;
    await page.getByRole('button', { name: 'Settings' }).click();
    for (const [tab, shown] of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(shown).waitFor();
      assert.deepEqual(real(await axeFindings(page)), [], `${tab}: axe violations`);
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
    await page.keyboard.press('Escape');
    assert.deepEqual(real(await axeFindings(page)), [], 'What-if picker after typing and Escape: axe violations');
    await picker.fill('');
    await picker.pressSequentially('CC005');
    await page.getByRole('option', { name: /CC005/ }).click();
    await page.getByTestId('whatif-results').waitFor();
    assert.deepEqual(real(await axeFindings(page)), [], 'What-if with a learner: axe violations');
    const levels = await headingLevels(page);
    levels.forEach((level, i) =>
      assert.ok(i === 0 || level <= levels[i - 1] + 1, `What-if with a learner: heading levels ${levels.join(' ')}`),
    );
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session.origin);
    await page.context().close();
  });

  it('finds every learner of a large cohort in the What-if picker, windowed, by keyboard and by scrolling', async () => {
    const LEARNERS = 1_000;
    const { grid, sheetName } = await sampleGrid();
    const recorded = await session.withWorkbook(workbookOfGrid(cohortOf(grid, LEARNERS), sheetName), 380);
    const { page } = recorded;
    await page.goto(session.paneUrl);
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
    assert.deepEqual(
      real(await axeFindings(page)),
      [],
      'the picker after typing, ArrowDown and Escape: axe violations',
    );
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session.origin);
    await page.context().close();
  });

  for (const [name, width, scale] of [
    ['a 300 px pane', 300, 1],
    ['a 350 px pane at 200 % zoom', 175, 2],
  ] as const) {
    it(`does not scroll sideways in ${name} on any tab`, async () => {
      const recorded = await checkedPane(width, scale);
      const { page } = recorded;
      await page.getByRole('button', { name: 'Settings' }).click();
      for (const [tab, shown] of TABS) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByTestId(shown).waitFor();
        const { overflow, culprits } = await sideways(page);
        assert.equal(overflow, 0, `${tab}: scrolls sideways by ${overflow} px: ${culprits.join('; ')}`);
      }
      await page.getByRole('tab', { name: 'What-if' }).click();
      await page.getByTestId('whatif-learner').pressSequentially('CC005');
      await page.getByRole('option', { name: /CC005/ }).click();
      await page.getByTestId('whatif-results').waitFor();
      const { overflow, culprits } = await sideways(page);
      assert.equal(overflow, 0, `What-if with a learner: scrolls sideways by ${overflow} px: ${culprits.join('; ')}`);
      await page.context().close();
    });
  }
});
