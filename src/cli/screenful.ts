// How the command line's tables fit a terminal at 20,000 learners: every count with thousands separators, the rows
// that need a person's attention first, and a screenful of them unless --all, with a line saying how many are left and
// how to see them (--all, or --json for everything in full).

const FIGURE = new Intl.NumberFormat('en-GB');

/** A whole number as every human-readable line writes it: 20,000. */
export function figure(n: number): string {
  return FIGURE.format(n);
}

/** A count and its noun, singular or plural: "1 learner", "20,000 learners". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${figure(n)} ${n === 1 ? noun : plural}`;
}

/** Rows of a table printed without --all: about a terminal's height, with the lines above and below it. */
export const SCREENFUL_ROWS = 40;

/**
 * The rows to print (every one with `all`, else the first SCREENFUL_ROWS) and, when some are left out, the line that
 * says how many and how to see them.
 */
export function screenful<T>(rows: readonly T[], all: boolean, noun: string): { shown: readonly T[]; rest?: string } {
  if (all || rows.length <= SCREENFUL_ROWS) return { shown: rows };
  const left = rows.length - SCREENFUL_ROWS;
  return {
    shown: rows.slice(0, SCREENFUL_ROWS),
    rest: `... and ${figure(left)} more ${left === 1 ? noun : `${noun}s`}: --all lists every one, --json gives them all in full`,
  };
}
