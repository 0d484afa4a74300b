// A fake Excel host for tests: `Excel.run` over a FakeWorkbookState, with the proxies of proxies.ts.
import type { HostContext, HostRun } from '../../src/excel/host';
import { FakeWorkbookState } from './book';
import { apiAtLeast, FakeContext, FakeExcelError, FakeStats, type FakeContextOptions } from './proxies';

export { FakeSheet, FakeWorkbookState, type FakeCell, type FakeConditionalFormat } from './book';
export { apiAtLeast, FakeExcelError, FakeStats, type SyncRecord } from './proxies';
export { columnLetters, parseAddress, rectAddress, type Rect } from './a1';

export const FOUR_MB = 4 * 1024 * 1024;

export interface FakeExcel {
  book: FakeWorkbookState;
  stats: FakeStats;
  run: HostRun;
  /** The host's options, read at each sync: a test may slow the host down or speed it up between actions. */
  options: FakeContextOptions;
  /**
   * Stands `Office.context.requirements` for this host in the global `Office` (as the pane's Office.js would), so the
   * adapter's requirement-set checks ask this host; gives back a function that takes it away again.
   */
  installRequirements(): () => void;
}

export function createFakeExcel(book = new FakeWorkbookState(), options: Partial<FakeContextOptions> = {}): FakeExcel {
  const stats = new FakeStats();
  // ExcelApi 1.6 is the manifest's minimum; a host has a later set only where a test says so.
  const settings: FakeContextOptions = { limitBytes: FOUR_MB, latencyMs: 0, excelApi: '1.6', ...options };
  const run: HostRun = async <T>(batch: (context: HostContext) => Promise<T>): Promise<T> => {
    stats.runs++;
    const context = new FakeContext(book, stats, settings);
    try {
      const result = await batch(context);
      // Strict on purpose: a batch that queues work it never syncs has a bug the real host may or may not forgive.
      if (context.pending > 0) {
        throw new FakeExcelError(
          'GeneralException',
          `Excel.run ended with ${context.pending} operation(s) queued but never synced.`,
        );
      }
      return result;
    } finally {
      context.close();
    }
  };
  const installRequirements = (): (() => void) => {
    const holder = globalThis as { Office?: unknown };
    const before = holder.Office;
    const isSetSupported = (name: string, version?: string): boolean =>
      name === 'ExcelApi' && apiAtLeast(settings.excelApi, version ?? '1.1');
    holder.Office = { context: { requirements: { isSetSupported } } };
    return () => {
      if (before === undefined) delete holder.Office;
      else holder.Office = before;
    };
  };
  return { book, stats, run, options: settings, installRequirements };
}
