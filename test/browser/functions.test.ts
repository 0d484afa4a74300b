// The built worksheet functions page (functions.html) in headless Chromium, with Office's custom functions runtime
// replaced by a fake CustomFunctions: functions.js loads from the add-in's own server, registers the four functions,
// and fills QUALCHECK formulas down the sample cohort as Excel would, drawn as a sheet for the docs' screenshot.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { runCheck } from '../../src/cli/check';
import { columnLetters } from '../../src/sheet/address';
import { SAMPLE, sampleGrid } from '../fake-excel/sample';
import { excelRow } from '../support/custom-functions';
import {
  artifact,
  buildPane,
  chromiumMissing,
  keepScreenshot,
  launch,
  openPage,
  PANE_BUILD,
  serve,
  type LocalServer,
} from './support';

const RUNTIME_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js';

/** What the page gets in place of Office's runtime: associate records each function, Error is what Excel shows. */
const FAKE_RUNTIME = `
  window.__associated = {};
  window.CustomFunctions = {
    associate(id, fn) { window.__associated[id] = fn; },
    Error: class { constructor(code, message) { this.code = code; this.message = message; } },
    ErrorCode: { invalidValue: '#VALUE!' },
  };`;

/** The sheet's columns the screenshot shows, by header; the others are as if hidden. */
const SHOWN = ['Learner ID', 'First name', 'Qualification', 'L/601/0933', 'D/503/0352', 'T/503/0342'];
const FORMULAS = [
  {
    header: 'Status',
    call: 'STATUS',
    formula: (w: string, r: number) => `=QUALCHECK.STATUS($A$1:$${w}$1,A${r}:${w}${r})`,
  },
  {
    header: 'Credits',
    call: 'CREDITS',
    formula: (w: string, r: number) => `=QUALCHECK.CREDITS($A$1:$${w}$1,A${r}:${w}${r})`,
  },
  {
    header: 'With planned',
    call: 'CREDITS',
    which: 'planned',
    formula: (w: string, r: number) => `=QUALCHECK.CREDITS($A$1:$${w}$1,A${r}:${w}${r},,"planned")`,
  },
  {
    header: 'Next step',
    call: 'NEXTSTEP',
    formula: (w: string, r: number) => `=QUALCHECK.NEXTSTEP($A$1:$${w}$1,A${r}:${w}${r})`,
  },
];
const ROWS = 14;

const STATUS_FILL: Record<string, string> = {
  achieved: '#C6EFCE',
  'on-track': '#DDEBF7',
  incomplete: '#FFEB9C',
  'needs-data': '#EDEDED',
  invalid: '#FFC7CE',
};

function escaped(value: unknown): string {
  return (value === null || value === undefined ? '' : String(value)).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** A picture of a sheet: column letters, row numbers, a formula bar, and the cells given. */
function sheetHtml(sheet: {
  shown: number[];
  letters: string[];
  headerRow: string[];
  rows: (string | number | boolean)[][];
  formulaColumns: string[];
  formulaHeaders: string[];
  cells: (string | number)[][];
  firstFormula: string;
}): string {
  const td = (v: unknown, extra = '') => `<td${extra}>${escaped(v)}</td>`;
  const head = ['', ...sheet.shown.map((c) => sheet.letters[c]), ...sheet.formulaColumns]
    .map((l) => `<th>${l}</th>`)
    .join('');
  const body = [
    `<tr><th>1</th>${sheet.shown.map((c) => td(sheet.headerRow[c], ' class="h"')).join('')}${sheet.formulaHeaders.map((h) => td(h, ' class="h"')).join('')}</tr>`,
    ...sheet.rows.map((row, i) => {
      const formulas = sheet.cells[i].map((v, k) => {
        if (k === 0)
          return td(v, ` style="background:${STATUS_FILL[String(v)] ?? '#fff'}"${i === 0 ? ' class="sel"' : ''}`);
        return td(v, k === sheet.cells[i].length - 1 ? ' class="wide"' : '');
      });
      return `<tr><th>${i + 2}</th>${sheet.shown.map((c) => td(row[c])).join('')}${formulas.join('')}</tr>`;
    }),
  ].join('');
  return `
    <style>
      body { font: 13px Calibri, 'Segoe UI', Arial, sans-serif; margin: 0; background: #fff; }
      .bar { display: flex; gap: 8px; padding: 6px 8px; border-bottom: 1px solid #d4d4d4; background: #f3f3f3; }
      .bar .name { width: 70px; border: 1px solid #c8c8c8; background: #fff; padding: 2px 4px; }
      .bar .fx { flex: 1; border: 1px solid #c8c8c8; background: #fff; padding: 2px 6px; font-family: Consolas, monospace; }
      table { border-collapse: collapse; }
      th { background: #f3f3f3; color: #444; font-weight: normal; border: 1px solid #d4d4d4; padding: 2px 6px; min-width: 24px; }
      td { border: 1px solid #e1e1e1; padding: 2px 6px; white-space: nowrap; max-width: 180px; overflow: hidden; text-overflow: ellipsis; }
      td.h { font-weight: bold; }
      td.wide { max-width: 460px; }
      td.sel { outline: 2px solid #217346; outline-offset: -2px; }
    </style>
    <div class="bar"><span class="name">${sheet.formulaColumns[0]}2</span><span class="fx">${escaped(sheet.firstFormula)}</span></div>
    <table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

describe('worksheet functions page in headless Chromium', function () {
  this.timeout(600_000);
  let browser: Browser;
  let server: LocalServer;

  before(async function () {
    const missing = chromiumMissing();
    if (missing) this.skip();
    buildPane();
    server = await serve(PANE_BUILD);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers the four functions from functions.html and fills a sheet with what the check says, asking nothing of the network', async () => {
    const recorded = await openPage(
      browser,
      server.origin,
      (url) => (url === RUNTIME_JS ? FAKE_RUNTIME : undefined),
      1500,
    );
    const { page } = recorded;
    await page.goto(`${server.origin}/functions.html`);
    await page.waitForFunction(
      () => Object.keys((window as unknown as { __associated: object }).__associated).length === 4,
    );

    const { grid, sheetName } = await sampleGrid();
    const width = grid.values[0].length;
    const last = columnLetters(width);
    const headers = excelRow(grid.values[0], 1, width);
    const learners = grid.values.slice(1, 1 + ROWS).map((row, i) => ({ row: i + 2, marks: excelRow(row, 1, width) }));
    const shown = SHOWN.map((h) => grid.values[0].indexOf(h));
    assert.ok(shown.every((c) => c >= 0));
    const formulaColumns = FORMULAS.map((_, i) => columnLetters(width + 1 + i));

    const cells = await page.evaluate(
      ({ headers, learners, formulas, sheetName, last }) => {
        const fns = (window as unknown as { __associated: Record<string, (...args: unknown[]) => unknown> })
          .__associated;
        return learners.map(({ row, marks }) =>
          formulas.map((f) => {
            const addresses = [`${sheetName}!$A$1:$${last}$1`, `${sheetName}!A${row}:${last}${row}`];
            const args: unknown[] =
              f.call === 'CREDITS' ? [headers, marks, null, f.which ?? null, null] : [headers, marks, null, null];
            // Each function gives its one cell as a 1 x 1 array (result dimensionality matrix, for the addresses).
            const value = (fns[f.call](...args, { parameterAddresses: addresses }) as unknown[][])[0][0];
            return typeof value === 'object' && value !== null
              ? `${(value as { code: string }).code}`
              : (value as string | number);
          }),
        );
      },
      { headers, learners, formulas: FORMULAS.map(({ call, which }) => ({ call, which })), sheetName, last },
    );

    const check = await runCheck(SAMPLE, { json: true });
    cells.forEach((row, i) => {
      const learner = check.json.learners[i];
      const unknown = learner.violations.some((v) => v.code === 'unknown-qualification');
      assert.equal(row[0], unknown ? '#VALUE!' : learner.status, learner.learnerId);
      if (!unknown)
        assert.deepEqual([row[1], row[2]], [learner.credits.achieved, learner.credits.withPlanned], learner.learnerId);
    });

    // The sheet as Excel would show it: the shown columns, the formula columns filled down, the first formula selected.
    const html = sheetHtml({
      shown,
      letters: Array.from({ length: width }, (_, i) => columnLetters(i + 1)),
      headerRow: grid.values[0].map((v) => (typeof v === 'string' ? v : '')),
      rows: learners.map((l) => l.marks[0]),
      formulaColumns,
      formulaHeaders: FORMULAS.map((f) => f.header),
      cells,
      firstFormula: FORMULAS[0].formula(last, 2),
    });
    await page.evaluate((markup) => {
      document.body.innerHTML = markup;
    }, html);
    const shot = artifact('functions.png');
    const table = await page.locator('table').boundingBox();
    assert.ok(table);
    await page.screenshot({
      path: shot,
      clip: { x: 0, y: 0, width: Math.ceil(table.x + table.width) + 1, height: Math.ceil(table.y + table.height) + 1 },
    });
    keepScreenshot(shot, 'functions.png');

    assert.deepEqual(recorded.outside, [], 'requests that would have left the machine');
    for (const url of recorded.requests)
      assert.ok(url.startsWith(`${server.origin}/`) || url === RUNTIME_JS, `unexpected request ${url}`);
    assert.deepEqual(recorded.consoleErrors, []);
  });
});
