// The fake Excel host, bundled for the browser tests (webpack entry `test-host`, built only with --env testHost).
// The browser test serves it in place of office.js, after a line that sets window.__qualcheckWorkbook: the pane then
// runs its real code against the fake workbook, and the test reads the fake back through window.__qualcheckFake.
import { apiAtLeast, createFakeExcel, FakeWorkbookState } from '../../fake-excel';
import type { FakeCell } from '../../fake-excel';

export interface WorkbookSpec {
  sheets: {
    name: string;
    cells: (FakeCell | null)[][];
    formats?: Record<string, string>;
    hiddenRows?: number[];
    protected?: boolean;
  }[];
  active?: string;
  /** Milliseconds per sync, so progress can be seen. */
  latencyMs?: number;
  /** The host's ExcelApi requirement set, when a test needs a later one than the manifest's 1.6 (events: 1.7). */
  excelApi?: string;
}

declare global {
  interface Window {
    __qualcheckWorkbook?: WorkbookSpec;
    __qualcheckFake?: ReturnType<typeof createFakeExcel>;
    /** Ribbon functions the command page associated, by name. */
    __qualcheckActions?: Record<string, (event: { completed: () => void }) => unknown>;
    /** URLs of the dialogs the command page opened. */
    __qualcheckDialogs?: string[];
  }
}

const spec: WorkbookSpec = window.__qualcheckWorkbook ?? { sheets: [{ name: 'Sheet1', cells: [] }] };
const book = new FakeWorkbookState();
for (const s of spec.sheets) {
  const sheet = book.addSheet(s.name).put('A1', s.cells);
  for (const [address, format] of Object.entries(s.formats ?? {})) {
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!match) continue;
    let column = 0;
    for (const ch of match[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
    sheet.setNumberFormat(Number(match[2]) - 1, column - 1, format);
  }
  for (const row of s.hiddenRows ?? []) sheet.hiddenRows.add(row - 1);
  sheet.protected = s.protected === true;
}
if (spec.active) book.activeSheet = spec.active;
const fake = createFakeExcel(book, {
  latencyMs: spec.latencyMs ?? 0,
  ...(spec.excelApi && { excelApi: spec.excelApi }),
});
window.__qualcheckFake = fake;

const info = { host: 'Excel', platform: 'OfficeOnline' };
// What the pane and the ribbon command use of Office, as Excel on the web provides it.
const office = {
  HostType: { Excel: 'Excel' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  onReady(callback?: (value: typeof info) => void): Promise<typeof info> {
    return Promise.resolve().then(() => {
      callback?.(info);
      return info;
    });
  },
  context: {
    requirements: {
      isSetSupported: (name: string, version?: string) =>
        // As the fake host has them: a version compared part by part (1.13 is later than 1.6).
        (name === 'ExcelApi' && apiAtLeast(fake.options.excelApi, version ?? '1.1')) ||
        (name === 'DialogApi' && Number(version ?? '1.1') <= 1.1),
    },
    ui: {
      messageParent: () => undefined,
      // Records the dialog and reports it closed at once, as if the user had dismissed it.
      displayDialogAsync: (url: string, _options: unknown, callback: (result: { status: string }) => void) => {
        (window.__qualcheckDialogs ??= []).push(url);
        setTimeout(() => callback({ status: 'failed' }), 0);
      },
    },
  },
  actions: {
    associate: (name: string, action: (event: { completed: () => void }) => unknown) => {
      (window.__qualcheckActions ??= {})[name] = action;
    },
  },
};
Object.assign(window, { Office: office, Excel: { run: fake.run } });
