// What every browser test of the pane sets up the same way: the built pane served locally, one Chromium, pages on which
// office.js is the fake host holding a given workbook, and the check that nothing left the machine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Grid } from '../../src/sheet/types';
import { columnLetters } from '../fake-excel';
import { excelSerial } from '../fake-excel/from-grid';
import type { WorkbookSpec } from './host/entry';
import {
  buildPane,
  chromiumMissing,
  launch,
  OFFICE_JS,
  openPage,
  PANE_BUILD,
  serve,
  type LocalServer,
  type RecordedPage,
} from './support';

export interface PaneSession {
  browser: Browser;
  origin: string;
  /** The task pane's page on the local server. */
  paneUrl: string;
  /** A recorded page whose office.js is the fake host holding `workbook`; not yet navigated, so init scripts can go first. */
  withWorkbook(workbook: WorkbookSpec, width?: number, deviceScaleFactor?: number): Promise<RecordedPage>;
  close(): Promise<void>;
}

/** Builds the pane (unless it is up to date), serves it and launches Chromium; fails at once when Chromium is missing. */
export async function startPaneSession(): Promise<PaneSession> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  buildPane();
  const testHost = readFileSync(path.join(PANE_BUILD, 'test-host.js'), 'utf8');
  const server: LocalServer = await serve(PANE_BUILD);
  let browser: Browser;
  try {
    browser = await launch();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    browser,
    origin: server.origin,
    paneUrl: `${server.origin}/taskpane.html`,
    withWorkbook(workbook, width, deviceScaleFactor) {
      const stub = `window.__qualcheckWorkbook = ${JSON.stringify(workbook)};\n${testHost}`;
      return openPage(
        browser,
        server.origin,
        (url) => (url === OFFICE_JS ? stub : undefined),
        width,
        deviceScaleFactor,
      );
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Registers in the calling describe block a pane session started before its tests and closed after them; the function
 * it gives back is the session, inside the tests.
 */
export function paneSession(): () => PaneSession {
  let session: PaneSession | undefined;
  before(async () => {
    session = await startPaneSession();
  });
  after(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The pane session is there only inside the tests of the block that started it.');
    return session;
  };
}

/** Selects `address` on `sheet`, as a click in Excel does: the sheet becomes the active one. */
export async function selectOnSheet(page: Page, sheet: string, address: string): Promise<void> {
  await page.evaluate(
    ([name, at]) => {
      const book = window.__qualcheckFake!.book;
      book.activeSheet = name;
      book.select(name, at);
    },
    [sheet, address] as const,
  );
}

/** A cohort grid as the fake host's workbook description: dates as serial numbers with a date format, as Excel holds them. */
export function workbookOfGrid(grid: Grid, sheetName: string): WorkbookSpec {
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

/**
 * Every request stayed on the local server (or was office.js, answered in the page). `blobs` also allows the Blob URLs
 * the pane makes for a download, which are in the page itself.
 */
export function assertStayedLocal(recorded: RecordedPage, origin: string, { blobs = false } = {}): void {
  assert.deepEqual(recorded.outside, [], 'requests that would have left the machine');
  for (const url of recorded.requests) {
    assert.ok(
      url.startsWith(`${origin}/`) || url === OFFICE_JS || (blobs && url.startsWith(`blob:${origin}/`)),
      `unexpected request ${url}`,
    );
  }
}

/**
 * Waits until the fake host has had no sync for a while: a check's last writes and the selection event's read run
 * after the summary shows, and on a loaded machine they can come late enough to be counted against the next job.
 */
export async function hostQuiet(page: Page): Promise<void> {
  let last = -1;
  for (let tries = 0; tries < 40; tries++) {
    const count = await page.evaluate(() => window.__qualcheckFake!.stats.count);
    if (count === last) return;
    last = count;
    await page.waitForTimeout(400);
  }
  throw new Error('the fake host never went quiet');
}
