// The what-if tab in headless Chromium against the fake Excel host: a learner picked by selecting their row or from
// the list, units toggled by mouse and keyboard with the results recomputed against the engine's own answers, a plan
// added, Reset, and Apply writing exactly the changed cells of that row. Times each toggle on all three shipped
// qualifications and saves the screenshot for the README.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { columnLetters } from '../../src/sheet/address';
import { readCohort } from '../../src/cohort/read/read';
import { RESULT_HEADERS } from '../../src/cohort/verdict/results';
import type { LearnerRecord } from '../../src/sheet/types';
import { checkSheet } from '../../src/excel/check-job';
import { NOT_COUNTED_HEADER } from '../../src/cohort/verdict/results';
import { embeddedCatalogue } from '../../src/rules/catalogue';
import {
  choicesOf,
  suggestions,
  whatIf,
  withChoice,
  withPlan,
  type Choices,
  type UnitChoice,
} from '../../src/taskpane/whatif/view-model';
import { createFakeExcel, type FakeCell, type FakeSheet } from '../fake-excel';
import { fillSheet } from '../fake-excel/from-grid';
import { sampleGrid } from '../fake-excel/sample';
import type { WorkbookSpec } from './host/entry';
import { assertStayedLocal, paneSession, selectOnSheet } from './pane-session';
import { artifact, keepScreenshot, type RecordedPage } from './support';

const catalogue = embeddedCatalogue();
const OCR_SHEET = 'OCR cohort';
const OCR_CELLS: (FakeCell | null)[][] = [
  ['Learner ID', 'Name', 'Qualification', ...Array.from({ length: 13 }, (_, i) => `Unit ${i + 1}`)],
  ['OC1', 'Ola Berg', '10266', 'A', 'A', 'P', 'A', null, 'P', null, null, null, null, null, null, null],
  ['OC2', 'Pia Moss', '10267', 'A', 'A', 'A', null, 'P', null, null, 'A', null, null, null, 'P', null],
];

type Sheets = WorkbookSpec['sheets'];

/** A fake sheet as the browser host's workbook description: cells and number formats. */
function specOf(sheet: FakeSheet): Sheets[number] {
  const cells: (FakeCell | null)[][] = [];
  const formats: Record<string, string> = {};
  const height = Math.max(sheet.cells.length, sheet.formats.length);
  for (let r = 0; r < height; r++) {
    const row = sheet.cells[r] ?? [];
    cells.push(Array.from({ length: row.length }, (_, c) => row[c] ?? null));
    (sheet.formats[r] ?? []).forEach((format, c) => {
      if (format) formats[`${columnLetters(c + 1)}${r + 1}`] = format;
    });
  }
  return { name: sheet.name, cells, formats };
}

/** The sample cohort after a check (so its row has result cells to update), and a sheet of OCR learners. */
async function workbook(): Promise<{ spec: WorkbookSpec; sheetName: string }> {
  const { grid, sheetName } = await sampleGrid();
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet(sheetName), grid);
  await checkSheet(fake.run, { catalogue, scope: 'sheet', place: 'beside' });
  return { spec: { sheets: [specOf(sheet), { name: OCR_SHEET, cells: OCR_CELLS }], active: sheetName }, sheetName };
}

/** What the engine says the learner's row holds, read the way the pane reads it. */
function learnerOf(cells: (FakeCell | null)[][], row: number): LearnerRecord {
  const reading = readCohort(
    { values: cells.map((r) => r.map((v) => (v === undefined ? null : v))), top: 1, left: 1 },
    { catalogue },
  );
  const record = reading.learners.find((l) => l.row === row);
  assert.ok(record, `learner on row ${row}`);
  return record;
}

const unit = (page: Page, ref: string) => page.getByTestId(`unit-${ref}`);

async function choiceOf(page: Page, ref: string): Promise<string | null> {
  return unit(page, ref).getAttribute('data-choice');
}

/** Checks the results region against the engine's answer for the same choices. */
async function assertResults(page: Page, record: LearnerRecord, choices: Choices, touched: Set<string>): Promise<void> {
  const q = record.qualification!;
  const expected = whatIf(record, q, choices, touched);
  const results = page.getByTestId('whatif-results');
  await page.waitForFunction(
    ([status, planned]) => {
      const credits = document.querySelector('[data-testid="whatif-credits"]');
      const chip = document.querySelector('[data-testid="whatif-status"]');
      return chip?.getAttribute('data-status') === status && credits?.getAttribute('data-with-planned') === planned;
    },
    [expected.status, String(expected.credits.withPlanned)] as const,
  );
  assert.equal(
    await results.getByTestId('whatif-credits').getAttribute('data-achieved'),
    String(expected.credits.achieved),
  );
  for (const rule of expected.rules) {
    assert.equal(
      await results.getByTestId(`rule-${rule.id}`).getAttribute('data-outcome'),
      rule.outcome,
      `rule ${rule.id}`,
    );
  }
  const plans = suggestions(q, choices, 'credits').plans;
  if (plans.length === 1 && plans[0].plan.add.length === 0) {
    assert.match((await page.getByTestId('whatif-complete').textContent()) ?? '', /Nothing to add/);
    return;
  }
  const words = await page.getByTestId('whatif-plans').locator('li').allTextContents();
  assert.equal(words.length, plans.length);
  plans.forEach((p, i) => assert.ok(words[i].includes(p.words), `plan ${i + 1}: ${words[i]} / ${p.words}`));
}

/** Clicks a unit's next choice (not taken, planned, achieved, round again) and times it until the results region has re-rendered (ms). */
function timedToggle(page: Page, ref: string): Promise<number> {
  return page.evaluate(
    async ([ref, cycle]) => {
      const row = document.querySelector(`[data-testid="unit-${ref}"]`);
      const current = row?.getAttribute('data-choice') ?? 'none';
      const choice = cycle[((cycle as string[]).indexOf(current) + 1) % cycle.length];
      const input = row?.querySelector<HTMLInputElement>(`input[value="${choice}"]`);
      const results = document.querySelector('[data-testid="whatif-results"]');
      if (!row || !input || !results) throw new Error(`no ${choice} choice for ${ref}`);
      const before = results.getAttribute('data-revision');
      const start = performance.now();
      input.click();
      if (results.getAttribute('data-revision') === before) {
        await new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (results.getAttribute('data-revision') !== before) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(results, { attributes: true });
        });
      }
      const took = performance.now() - start;
      if (row.getAttribute('data-choice') !== choice) throw new Error(`${ref} is not ${choice}`);
      return took;
    },
    [ref, CYCLE] as const,
  );
}

const CYCLE: UnitChoice[] = ['none', 'planned', 'achieved'];

async function timeToggles(page: Page, refs: readonly string[], rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) for (const ref of refs) times.push(await timedToggle(page, ref));
  return times;
}

function figures(times: number[]): { toggles: number; medianMs: number; p90Ms: number; maxMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    toggles: times.length,
    medianMs: round(sorted[Math.floor(sorted.length / 2)]),
    p90Ms: round(sorted[Math.floor(sorted.length * 0.9)]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

async function sheetCells(page: Page, name: string): Promise<Record<string, FakeCell>> {
  return page.evaluate((sheetName) => {
    const sheet = window.__qualcheckFake!.book.sheet(sheetName)!;
    return Object.fromEntries(sheet.snapshot());
  }, name);
}

describe('what-if tab in headless Chromium', function () {
  this.timeout(240_000);
  const session = paneSession();

  async function open(spec: WorkbookSpec): Promise<RecordedPage> {
    const recorded = await session().withWorkbook(spec);
    await recorded.page.goto(session().paneUrl);
    await recorded.page.getByRole('tab', { name: 'What-if' }).click();
    await recorded.page.getByRole('combobox', { name: 'Learner' }).waitFor();
    return recorded;
  }

  it('follows the selection, recomputes on each toggle, adds a plan, resets, and applies only the changed cells', async () => {
    const { spec, sheetName } = await workbook();
    const recorded = await open(spec);
    const { page } = recorded;
    const before = await sheetCells(page, sheetName);
    // Before a learner is chosen the tab says what it is for, and that nothing is written without Apply.
    assert.match(
      (await page.getByTestId('whatif-empty').textContent()) ?? '',
      /Choose a learner.*Nothing is written to the sheet until you press Apply to sheet/,
    );

    // A cell selected in Excel picks the learner of its row.
    await selectOnSheet(page, sheetName, 'C8');
    const learner = page.getByRole('combobox', { name: 'Learner' });
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.startsWith('CC007'),
    );
    const record = learnerOf(spec.sheets[0].cells, 8);
    assert.equal(whatIf(record, record.qualification!, choicesOf(record)).status, 'incomplete');
    const q = record.qualification!;
    const sheetChoices = choicesOf(record);
    await assertResults(page, record, sheetChoices, new Set());

    // Every control has a name a screen reader can say. The results are not a live region of their own: the pane's one
    // live region says the new status and credits after each change (keyboard-actions.test.ts), once.
    const tab = page.getByTestId('whatif-tab');
    for (const role of ['radiogroup', 'radio', 'button', 'combobox'] as const) {
      const all = await tab.getByRole(role).count();
      assert.ok(all > 0, role);
      assert.equal(await tab.getByRole(role, { name: /\S/ }).count(), all, `every ${role} is labelled`);
    }
    assert.equal(
      await tab.getByRole('radiogroup', { name: new RegExp(`^${q.units[0].ref}`) }).count(),
      1,
      'a unit’s choice is named by the unit',
    );
    assert.equal(await page.getByTestId('whatif-results').getAttribute('aria-live'), null);

    // The list finds a learner by name.
    await learner.fill('');
    await learner.pressSequentially('ewa');
    assert.deepEqual(
      await page.getByRole('option').allTextContents(),
      ['CC005 Ewa Nowak (row 6)'],
      'the list narrows as one types',
    );
    await page.getByRole('option', { name: /CC005 Ewa Nowak/ }).click();
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.startsWith('CC005'),
    );
    // The closed list leaves nothing over the pane: the layer Fluent keeps for it once had the pane's full-height background.
    const covering = await page.evaluate(() => {
      const box = document.querySelector('input[role="combobox"]')!.getBoundingClientRect();
      const cover = document.elementFromPoint(box.left + 5, box.top + box.height / 2)?.closest('[data-portal-node]');
      return cover ? cover.outerHTML.slice(0, 200) : null;
    });
    assert.equal(covering, null, 'a popup layer covers the learner box');
    assert.equal(await page.getByTestId('whatif-empty').count(), 0);
    await selectOnSheet(page, sheetName, 'A8');
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('input[role="combobox"]')?.value.startsWith('CC007'),
    );

    // Toggles recompute at once, as the engine would.
    let choices = sheetChoices;
    const free = q.units.find((u) => (choices[u.ref] ?? 'none') === 'none' && u.group === 'B' && u.credits !== null)!;
    await unit(page, free.ref).getByRole('radio', { name: 'Planned' }).check();
    choices = withChoice(choices, free.ref, 'planned');
    await assertResults(page, record, choices, new Set([free.ref]));
    assert.equal(
      await page.getByTestId('whatif-credits').getAttribute('data-with-planned'),
      String(whatIf(record, q, sheetChoices).credits.withPlanned + (free.credits ?? 0)),
    );

    // Keyboard: arrows change a unit's choice, Space picks the focused one, Tab goes on to the next unit.
    const keyed = q.units.find(
      (u) =>
        u.group === 'C' &&
        (choices[u.ref] ?? 'none') === 'none' &&
        !q.rules.some((r) => r.kind === 'barred' && r.units.includes(u.ref)),
    )!;
    await unit(page, keyed.ref).getByRole('radio', { name: 'Not taken' }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await choiceOf(page, keyed.ref), 'planned');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await choiceOf(page, keyed.ref), 'achieved');
    await unit(page, keyed.ref).getByRole('radio', { name: 'Planned' }).focus();
    await page.keyboard.press('Space');
    assert.equal(await choiceOf(page, keyed.ref), 'planned');
    choices = withChoice(choices, keyed.ref, 'planned');
    await assertResults(page, record, choices, new Set([free.ref, keyed.ref]));
    await page.keyboard.press('Tab');
    const focusedUnit = await page.evaluate(() =>
      document.activeElement?.closest('[data-testid^="unit-"]')?.getAttribute('data-testid'),
    );
    assert.notEqual(focusedUnit, `unit-${keyed.ref}`, 'Tab leaves the unit for the next control');
    assert.ok(focusedUnit?.startsWith('unit-'), `focus went to ${focusedUnit}`);
    assert.equal(
      await page.evaluate(() => (document.activeElement as HTMLInputElement).checked),
      true,
      'Tab lands on the next unit’s chosen state',
    );

    const shot = artifact('whatif.png');
    // The top of the tab: learner, results, the cells Apply would write, the plans and the first units.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 380, height: 2000 } });
    keepScreenshot(shot, 'whatif.png');

    // One click adds the best plan's units as planned.
    const best = suggestions(q, choices, 'credits').plans[0];
    await page
      .getByTestId('plan-0')
      .getByRole('button', { name: /^Add as planned: plan 1,/ })
      .click();
    choices = withPlan(choices, best.plan);
    for (const ref of best.adds) assert.equal(await choiceOf(page, ref), 'planned', ref);
    await assertResults(page, record, choices, new Set([free.ref, keyed.ref, ...best.adds]));

    // Reset goes back to what the sheet holds.
    await page.getByTestId('whatif-reset').click();
    for (const u of q.units) assert.equal(await choiceOf(page, u.ref), sheetChoices[u.ref] ?? 'none', u.ref);
    await assertResults(page, record, sheetChoices, new Set());
    assert.deepEqual(await sheetCells(page, sheetName), before, 'nothing written before Apply');

    // Apply: one unit planned, one achieved unit taken off; the undo warning first, then exactly those cells.
    const dropped = record.achieved[0];
    await unit(page, free.ref).getByRole('radio', { name: 'Planned' }).check();
    await unit(page, dropped).getByRole('radio', { name: 'Not taken' }).check();
    await page.getByTestId('whatif-apply').click();
    await page.getByTestId('whatif-undo-continue').click();
    await page.getByTestId('whatif-success').waitFor();
    // Focus goes to the message, and the pane's live region says it.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'whatif-success');
    await page.waitForFunction(() =>
      /Wrote /.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
    );

    const after = await sheetCells(page, sheetName);
    const header = spec.sheets[0].cells[0];
    const cellOf = (text: string) => `${columnLetters(header.indexOf(text) + 1)}8`;
    const owned = new Set([...RESULT_HEADERS, NOT_COUNTED_HEADER].map(cellOf));
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (cell) => before[cell] !== after[cell],
    );
    assert.equal(after[cellOf(free.ref)], 'P');
    assert.equal(after[cellOf(dropped)], undefined, 'the dropped unit’s cell is emptied');
    for (const cell of changed)
      assert.ok(cell === cellOf(free.ref) || cell === cellOf(dropped) || owned.has(cell), `${cell} changed`);
    const applied = learnerOf(
      spec.sheets[0].cells.map((r, i) =>
        i === 7
          ? r.map((v, c) => (c === header.indexOf(free.ref) ? 'P' : c === header.indexOf(dropped) ? null : v))
          : r,
      ),
      8,
    );
    const expected = whatIf(applied, q, choicesOf(applied));
    assert.equal(after[cellOf('qualcheck: status')], expected.status);
    assert.equal(after[cellOf('qualcheck: credits with planned')], expected.credits.withPlanned);
    assert.match(
      (await page.getByTestId('whatif-success').textContent()) ?? '',
      new RegExp(`Wrote ${cellOf(free.ref)}, ${cellOf(dropped)}|Wrote ${cellOf(dropped)}, ${cellOf(free.ref)}`),
    );
    // The pane now starts from the sheet as written.
    await page.getByTestId('whatif-pending').waitFor({ state: 'detached' });
    assert.equal(await choiceOf(page, free.ref), 'planned');

    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });

  // Speed is a benchmark figure, not a test verdict (it moves with the machine's load): this test holds that every toggle
  // re-renders the results on each shipped qualification and prints how long each took, for the note.
  it('recomputes and re-renders the results on every toggle of all three shipped qualifications, printing the time per toggle', async () => {
    const { spec, sheetName } = await workbook();
    const recorded = await open(spec);
    const { page } = recorded;
    const rows: Record<string, ReturnType<typeof figures>> = {};

    const iqRefs = catalogue.find('600/5106/1')!.units.map((u) => u.ref);
    await selectOnSheet(page, sheetName, 'B4');
    await unit(page, iqRefs[0]).waitFor();
    await timeToggles(page, iqRefs.slice(0, 3), 1); // warm-up
    rows['600/5106/1'] = figures(await timeToggles(page, iqRefs, 3));
    const expectedToggles: Record<string, number> = { '600/5106/1': iqRefs.length * 3 };

    // The OCR learners are on another sheet: selecting there offers to read it.
    await selectOnSheet(page, OCR_SHEET, 'A2');
    await page.getByRole('button', { name: `Read sheet “${OCR_SHEET}”` }).click();
    for (const [row, id] of [
      [2, '10266'],
      [3, '10267'],
    ] as const) {
      await selectOnSheet(page, OCR_SHEET, `B${row}`);
      const refs = catalogue.find(id)!.units.map((u) => u.ref);
      await unit(page, refs[0]).waitFor();
      await timeToggles(page, refs.slice(0, 3), 1);
      rows[id] = figures(await timeToggles(page, refs, 3));
      expectedToggles[id] = refs.length * 3;
    }
    console.log('      what-if toggle, click to results re-rendered (headless Chromium, production build):');
    console.table(rows);
    for (const [id, row] of Object.entries(rows))
      assert.equal(row.toggles, expectedToggles[id], `${id}: every toggle re-rendered the results`);
    assert.deepEqual(recorded.consoleErrors, []);
    assertStayedLocal(recorded, session().origin);
    await page.context().close();
  });
});
