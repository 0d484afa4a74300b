// Progress of a check as the pane shows it, and what stopping part-way leaves behind.

export type Phase = 'reading' | 'checking' | 'writing' | 'formatting';

export interface Progress {
  phase: Phase;
  /** Rows (reading, writing) or learners (checking) done so far, of `total`. */
  done: number;
  total: number;
}

/** Sheet rows whose results were written before a check stopped; null when nothing was written. */
export interface WrittenRows {
  sheetName: string;
  /** A1 range of the result cells written. */
  range: string;
  firstRow: number;
  lastRow: number;
}

/** The user pressed Cancel: the check stopped between two chunks. */
export class CheckCancelled extends Error {
  constructor(
    readonly phase: Phase,
    readonly written: WrittenRows | null,
    /** Whether the rows not reached hold the results of an earlier check (else they have none). */
    readonly earlierResults = false,
  ) {
    super(
      written
        ? `Check cancelled while writing: results for rows ${written.firstRow}–${written.lastRow} were written and coloured (${written.sheetName}!${written.range}); ${earlierResults ? 'the rows below them keep the results of the earlier check' : 'the rows below them have no results yet'}. Check again to finish.`
        : 'Check cancelled; nothing was written.',
    );
    this.name = 'CheckCancelled';
  }
}

/** A check that failed in Excel, with the message for the pane and what was written before it stopped. */
export class CheckFailed extends Error {
  constructor(
    message: string,
    readonly written: WrittenRows | null,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CheckFailed';
  }
}

/** Lets the pane paint between slices of work done in JavaScript (the engine on a large cohort). */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * JavaScript work between two yields. A task under 50 ms is not a long task, but a slice's task can also hold a garbage
 * collection of the large heap a 20,000-learner check keeps (50-70 ms measured), so a slice leaves room for it under the
 * 100 ms goal; a yield costs far less than a slice.
 */
export const SLICE_MS = 20;

/**
 * A clock for work done item by item: `due()` says whether SLICE_MS have passed since the last yield, so a loop yields
 * (yieldToUi) as often as the machine's speed needs, whatever an item costs.
 */
export function sliceClock(now: () => number = () => performance.now()): { due: () => boolean } {
  let since = now();
  return {
    due: () => {
      const t = now();
      if (t - since < SLICE_MS) return false;
      since = t;
      return true;
    },
  };
}

/**
 * A pause for work done in slices (readCohortInSlices): it yields to the page once SLICE_MS of work have passed since
 * the last yield, then runs `afterYield` (where a caller hears Cancel).
 */
export function slicePause(afterYield: () => void = () => undefined): () => Promise<void> {
  const clock = sliceClock();
  return async () => {
    if (!clock.due()) return;
    await yieldToUi();
    afterYield();
  };
}
