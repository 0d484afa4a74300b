// How the command line's tables fit a terminal at 20,000 learners: every count with thousands separators, the rows
// that need a person's attention first, and a screenful of them unless --all, with a line saying how many are left and
// how to see them (--all, or --json for everything in full); the columns as wide as their widest cell.

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

/**
 * A table's columns, each as wide as its header or its widest cell, two spaces apart, with no spaces left at the end
 * of a line: the header and its rule of dashes, and `line` for the rows (a report may print other lines between them).
 */
export function tableColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): { heading: string[]; line: (cells: readonly string[]) => string } {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return { heading: [line(header), line(widths.map((w) => '-'.repeat(w)))], line };
}
