// What a QUALCHECK worksheet function costs per call when a column of it is filled down 5,000 rows: the sample
// cohort repeated to 5,000 learners, each function called as Excel calls it (one-row ranges, dates as serial numbers,
// parameter addresses), on one session, so the catalogue is read once. STATUS, filled down first, reads each row and
// takes its status and credits from the engine's figures alone (no violations or units counted are built); CREDITS on
// the same rows reuses the cells kept with it, NEXTSTEP and VIOLATIONS read and check the row again once for their
// words (NEXTSTEP runs the planner), the session keeping the cells, not the check. Once without and once with a
// Qualification rules sheet as the last argument (the OCR sample's).
// Goal (issue 27): STATUS at most 20 µs per call on the mean, for the 600/5106/1 sample (`functions.statusMicros`).
// `statusThreadCpuMicros` is the same column's CPU time on this thread per call: on a shared machine the wall-clock
// mean is mostly other processes' turns.
//   npx tsx bench/functions.ts [rows, default 5000] [--json]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { columnLetters } from '../src/sheet/address';
import type { Grid } from '../src/sheet/types';
import * as functions from '../src/functions/functions';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';
import { excelRow, installCustomFunctions } from '../test/support/custom-functions';
import { gridOfFile } from '../test/support/sheet-grid';

const json = process.argv.includes('--json');
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000);
const GOAL_STATUS_MICROS = 20;
type Cells = unknown[][];
type Call = (headers: Cells, marks: Cells, rules: Cells, invocation: CustomFunctions.Invocation) => unknown;

const CALLS: [string, Call][] = [
  ['STATUS', (h, m, r, i) => functions.status(h, m, null, r, i)],
  ['CREDITS', (h, m, r, i) => functions.credits(h, m, null, 'planned', r, i)],
  ['NEXTSTEP', (h, m, r, i) => functions.nextStep(h, m, null, r, i)],
  ['VIOLATIONS', (h, m, r, i) => functions.violations(h, m, null, r, i)],
];

function rangeAt(sheet: string, width: number, row: number): string {
  return `${sheet}!$A$${row}:$${columnLetters(width)}$${row}`;
}

/**
 * Milliseconds this thread has run on a CPU (Linux's schedstat, in nanoseconds), or undefined elsewhere. On a shared
 * machine the wall-clock mean is mostly other processes' turns; the thread's own time is what the calls cost it,
 * with the garbage collection they cause on it, and without the turns of other processes.
 */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Mean µs per call of each function, by name, as the last `run` measured them. */
type Means = Record<string, number>;

function run(label: string, grid: Grid, rules?: { values: Cells; address: string }): Means {
  const means: Means = {};
  const width = grid.values[0].length;
  const headers = excelRow(grid.values[0], 1, width);
  const rows = grid.values.slice(1).map((row) => excelRow(row, 1, width));
  for (const [name, call] of CALLS) {
    const times: number[] = [];
    let errors = 0;
    const started = performance.now();
    const cpuStarted = threadCpuMs();
    rows.forEach((marks, i) => {
      const addresses = [rangeAt('Cohort', width, 1), rangeAt('Cohort', width, i + 2), '', ''];
      if (rules) addresses[name === 'CREDITS' ? 4 : 3] = rules.address;
      const invocation = { parameterAddresses: addresses } as CustomFunctions.Invocation;
      const start = performance.now();
      const value = (call(headers, marks, (rules?.values ?? null) as Cells, invocation) as unknown[][])[0][0];
      times.push(performance.now() - start);
      if (typeof value === 'object') errors++;
    });
    const total = performance.now() - started;
    const cpuEnded = threadCpuMs();
    const cpu = cpuStarted === undefined || cpuEnded === undefined ? undefined : (cpuEnded - cpuStarted) / rows.length;
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const p99 = times[Math.floor(times.length * 0.99)];
    means[name] = Math.round(mean * 10000) / 10;
    // On a loaded machine the mean is mostly other processes' turns; the median is what a call itself costs.
    means[`${name}median`] = Math.round(times[times.length >> 1] * 10000) / 10;
    if (cpu !== undefined) means[`${name}cpu`] = Math.round(cpu * 10000) / 10;
    if (json) continue;
    const reuse =
      name === 'STATUS'
        ? 'reads each row, figures alone'
        : name === 'CREDITS'
          ? "reuses the row's cells"
          : 'checks again once';
    const goal =
      name === 'STATUS' && !rules
        ? ` (goal <= ${GOAL_STATUS_MICROS} µs: ${mean * 1000 <= GOAL_STATUS_MICROS ? 'met' : 'NOT met'})`
        : '';
    console.log(
      `${label.padEnd(23)} ${name.padEnd(10)} (${reuse}) ${rows.length} rows: ${(mean * 1000).toFixed(0).padStart(5)} µs per call (median ${(times[times.length >> 1] * 1000).toFixed(0)} µs,${cpu === undefined ? '' : ` thread CPU ${(cpu * 1000).toFixed(0)} µs,`} p99 ${(p99 * 1000).toFixed(0)} µs, worst ${(times[times.length - 1] * 1000).toFixed(0)} µs), ${(total / 1000).toFixed(2)} s for the column${errors > 0 ? `, ${errors} #VALUE!` : ''}${goal}`,
    );
  }
  return means;
}

async function main(): Promise<void> {
  installCustomFunctions();
  const { grid } = await sampleGrid();
  const plain = run('600/5106/1 sample', cohortOf(grid, ROWS));

  const withRules = path.join(__dirname, '..', 'samples', 'ocr-10266-with-rules.xlsx');
  const { grid: rulesGrid } = await gridOfFile(withRules, 'Qualification rules');
  const right = Math.max(...rulesGrid.values.map((r) => r.length));
  const rules = {
    values: rulesGrid.values.map((row) => excelRow(row, 1, right)[0]),
    address: `'Qualification rules'!A1:${columnLetters(right)}${rulesGrid.values.length}`,
  };
  const withBlock = run('OCR 10266 + rules sheet', cohortOf((await gridOfFile(withRules)).grid, ROWS), rules);
  if (json) {
    const functions = {
      rows: ROWS,
      statusMicros: plain.STATUS,
      statusMedianMicros: plain.STATUSmedian,
      statusThreadCpuMicros: plain.STATUScpu,
      statusMicrosWithRules: withBlock.STATUS,
      plain,
      withBlock,
    };
    console.log(JSON.stringify({ functions }));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
