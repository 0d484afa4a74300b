// A fake Excel host for tests: `Excel.run` over a FakeWorkbookState, with the proxies of proxies.ts.
import type { HostContext, HostRun } from '../../src/excel/host';
import { FakeWorkbookState } from './book';
import { FakeContext, FakeExcelError, FakeStats, type FakeContextOptions } from './proxies';

export { FakeSheet, FakeWorkbookState, type FakeCell, type FakeConditionalFormat } from './book';
export { FakeExcelError, FakeStats, type SyncRecord } from './proxies';
export { columnLetters, parseAddress, rectAddress, type Rect } from './a1';

export const FOUR_MB = 4 * 1024 * 1024;

export interface FakeExcel {
  book: FakeWorkbookState;
  stats: FakeStats;
  run: HostRun;
  /** The host's options, read at each sync: a test may slow the host down or speed it up between actions. */
  options: FakeContextOptions;
}

export function createFakeExcel(book = new FakeWorkbookState(), options: Partial<FakeContextOptions> = {}): FakeExcel {
  const stats = new FakeStats();
  const settings: FakeContextOptions = { limitBytes: FOUR_MB, latencyMs: 0, ...options };
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
  return { book, stats, run, options: settings };
}
