// What a QUALCHECK worksheet function costs per call when a column of it is filled down 5,000 rows: each function
// called as Excel calls it (one-row ranges, dates as serial numbers, parameter addresses), on one session, so the
// catalogue is read once. STATUS, filled down first, reads each row and takes its status and credits from the engine's
// figures alone (no violations or units counted are built); CREDITS on the same rows reuses the cells kept with it,
// NEXTSTEP and VIOLATIONS read and check the row again once for their words (NEXTSTEP runs the planner), the session
// keeping the cells, not the check. Once without and once with a Qualification rules sheet as the last argument (the
// OCR sample's).
// Goal (issue 27): STATUS at most 20 µs per call on the mean, for the 600/5106/1 sample (`functions.statusMicros`).
// What makes the figure honest:
// - Every learner row is different: the sample's rows are repeated with their unit cells redrawn (from the marks each
//   column holds in the sample, seeded) until no two rows hold the same units, and each keeps a learner id of its own.
// - Every call gets arguments of its own, as Excel's runtime hands them (parsed from a message, so no array or text is
//   shared between calls): the header row and the rules block are fresh arrays of fresh texts on every call, and a
//   cache cannot gain by recognising an array it has seen. They are made in batches of BATCH calls, between the
//   timed calls (making them is Excel's work, not the function's).
// - Each block of columns runs in a process of its own, on code nobody has run before it (no warm-up), and from a
//   collected heap, so the first calls' unoptimised code is in the mean and the setting up of the bench is not. It
//   runs in RUNS such processes one after another, and each figure printed is the median of theirs.
// `statusThreadCpuMicros` is the STATUS column's CPU time on the calling thread per call and `statusProcessCpuMicros`
// the process's (the compiler's and collector's threads too): on a shared machine the wall-clock mean is mostly other
// processes' turns.
//   npx tsx bench/functions.ts [rows, default 5000] [--runs=N, default 3] [--json]
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { columnLetters } from '../src/sheet/address';
import type { Grid } from '../src/sheet/types';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { readCohort } from '../src/cohort/read';
import * as functions from '../src/functions/functions';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';
import { excelRow, installCustomFunctions } from '../test/support/custom-functions';
import { gridOfFile } from '../test/support/sheet-grid';
import { seeded } from '../test/planner-fixtures';

const json = process.argv.includes('--json');
const child = process.argv.indexOf('--child');
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000);
const GOAL_STATUS_MICROS = 20;
/**
 * Calls whose arguments are made together, between timed calls. The size is the bench's choice, not Excel's: the CPU
 * clocks are read around each batch's calls, and Linux moves a thread's clock on at each scheduler tick (4 ms here),
 * so a batch should take several ticks.
 */
const BATCH = 500;
/** Processes timing each block of columns: each figure is the median of theirs. */
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
/** The share of a repeated row's unit cells drawn again. */
const REDRAWN = 0.3;

type Cells = unknown[][];
type Call = (headers: Cells, marks: Cells, rules: Cells, invocation: CustomFunctions.Invocation) => unknown;

const CALLS: [string, Call][] = [
  ['STATUS', (h, m, r, i) => functions.status(h, m, null, r, i)],
  ['CREDITS', (h, m, r, i) => functions.credits(h, m, null, 'planned', r, i)],
  ['NEXTSTEP', (h, m, r, i) => functions.nextStep(h, m, null, r, i)],
  ['VIOLATIONS', (h, m, r, i) => functions.violations(h, m, null, r, i)],
];

/** A block of columns to time: the sheet's cells as Excel passes them, and the rules block when there is one. */
interface Scenario {
  label: string;
  headers: unknown[];
  rows: unknown[][];
  rules?: { values: Cells; address: string };
}

/** Mean µs per call of each function, by name, with `<name>median`, `<name>cpu` and `<name>processCpu`. */
type Means = Record<string, number>;

function rangeAt(sheet: string, width: number, row: number): string {
  return `${sheet}!$A$${row}:$${columnLetters(width)}$${row}`;
}

/**
 * `count` learners from the sample's rows, all different: the first pass keeps each row as it is (with its
 * problems), every repeat draws REDRAWN of its unit cells again from what the sample has in that column, until its
 * units are not those of any row before it.
 */
function differentLearners(sample: Grid, count: number): Grid {
  const cohort = cohortOf(sample, count);
  const reading = readCohort(sample, { catalogue: embeddedCatalogue() });
  const units = reading.unitColumns.map((u) => u.column - sample.left);
  if (units.length === 0) throw new Error('the sample has no unit columns');
  const body = sample.values.slice(1);
  const random = seeded(27);
  const seen = new Set<string>();
  const key = (row: readonly unknown[]) => units.map((c) => JSON.stringify(row[c] ?? null)).join();
  for (let i = 1; i < cohort.values.length; i++) {
    const row = cohort.values[i];
    for (let tries = 0; seen.has(key(row)); tries++) {
      if (tries > 1000) throw new Error(`no new units for row ${i + 1}`);
      for (const c of units) if (random() < REDRAWN) row[c] = body[Math.floor(random() * body.length)][c] ?? null;
    }
    seen.add(key(row));
  }
  return cohort;
}

function scenarioOf(label: string, grid: Grid, rules?: Scenario['rules']): Scenario {
  const width = grid.values[0].length;
  return {
    label,
    headers: excelRow(grid.values[0], 1, width)[0],
    rows: grid.values.slice(1).map((row) => excelRow(row, 1, width)[0]),
    rules,
  };
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

/** The arguments of calls `from` to `to` as Excel's runtime hands them: parsed from one message, nothing shared. */
function batchOf(scenario: Scenario, name: string, from: number, to: number): [Cells, Cells, Cells, string[]][] {
  const width = scenario.headers.length;
  const calls: [Cells, Cells, Cells | null, string[]][] = [];
  for (let i = from; i < to; i++) {
    const addresses = [rangeAt('Cohort', width, 1), rangeAt('Cohort', width, i + 2), '', ''];
    if (scenario.rules) addresses[name === 'CREDITS' ? 4 : 3] = scenario.rules.address;
    calls.push([[scenario.headers], [scenario.rows[i]], scenario.rules?.values ?? null, addresses]);
  }
  return JSON.parse(JSON.stringify(calls)) as [Cells, Cells, Cells, string[]][];
}

/** Times each function down the scenario's rows, in this process. */
function run(scenario: Scenario): Means {
  const means: Means = {};
  const rows = scenario.rows.length;
  (globalThis as { gc?: () => void }).gc?.();
  for (const [name, call] of CALLS) {
    const times = new Float64Array(rows);
    let errors = 0;
    let cpu: number | undefined = 0;
    let processCpu = 0;
    for (let from = 0; from < rows; from += BATCH) {
      const batch = batchOf(scenario, name, from, Math.min(rows, from + BATCH));
      const cpuStarted = threadCpuMs();
      const processStarted = process.cpuUsage();
      for (let k = 0; k < batch.length; k++) {
        const [headers, marks, rules, parameterAddresses] = batch[k];
        const invocation = { parameterAddresses } as CustomFunctions.Invocation;
        const start = performance.now();
        const value = (call(headers, marks, rules, invocation) as unknown[][])[0][0];
        times[from + k] = performance.now() - start;
        if (typeof value === 'object') errors++;
      }
      const cpuEnded = threadCpuMs();
      const used = process.cpuUsage(processStarted);
      processCpu += (used.user + used.system) / 1000;
      cpu =
        cpu === undefined || cpuStarted === undefined || cpuEnded === undefined
          ? undefined
          : cpu + cpuEnded - cpuStarted;
    }
    const total = times.reduce((a, b) => a + b, 0);
    times.sort();
    const micros = (ms: number) => Math.round(ms * 10000) / 10;
    means[name] = micros(total / rows);
    // On a loaded machine the mean is mostly other processes' turns; the median is what a call itself costs.
    means[`${name}median`] = micros(times[rows >> 1]);
    means[`${name}p99`] = micros(times[Math.floor(rows * 0.99)]);
    means[`${name}worst`] = micros(times[rows - 1]);
    if (cpu !== undefined) means[`${name}cpu`] = micros(cpu / rows);
    means[`${name}processCpu`] = micros(processCpu / rows);
    means[`${name}column`] = Math.round(total) / 1000;
    means[`${name}errors`] = errors;
  }
  return means;
}

/** Each figure's median over RUNS processes timing the scenario. */
async function medianOfRuns(scenario: Scenario): Promise<Means> {
  const runs: Means[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await runApart(scenario));
  const median: Means = {};
  for (const name of Object.keys(runs[0])) {
    const values = runs.map((m) => m[name]).sort((a, b) => a - b);
    median[name] = values[values.length >> 1];
  }
  return median;
}

/** Runs the scenario in a process of its own (cold code, collected heap) and gives its figures. */
function runApart(scenario: Scenario): Promise<Means> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'qualcheck-functions-bench-'));
  const file = path.join(folder, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return new Promise<Means>((resolve, reject) => {
    const worker = fork(__filename, ['--child', file], { execArgv: [...process.execArgv, '--expose-gc'] });
    let means: Means | undefined;
    worker.on('message', (message) => (means = message as Means));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      rmSync(folder, { recursive: true, force: true });
      if (code === 0 && means) resolve(means);
      else reject(new Error(`${scenario.label}: the timing process ended with code ${String(code)}`));
    });
  });
}

function print(label: string, rows: number, means: Means, rules: boolean): void {
  for (const [name] of CALLS) {
    const reuse =
      name === 'STATUS'
        ? 'reads each row, figures alone'
        : name === 'CREDITS'
          ? "reuses the row's cells"
          : 'checks again once';
    const mean = means[name];
    const goal =
      name === 'STATUS' && !rules
        ? ` (goal <= ${GOAL_STATUS_MICROS} µs: ${mean <= GOAL_STATUS_MICROS ? 'met' : 'NOT met'})`
        : '';
    const cpu = means[`${name}cpu`] === undefined ? '' : ` thread CPU ${means[`${name}cpu`].toFixed(1)} µs,`;
    const errors = means[`${name}errors`];
    console.log(
      `${label.padEnd(23)} ${name.padEnd(10)} (${reuse}) ${rows} rows: ${mean.toFixed(1).padStart(6)} µs per call (median ${means[`${name}median`].toFixed(1)} µs,${cpu} process CPU ${means[`${name}processCpu`].toFixed(1)} µs, p99 ${means[`${name}p99`].toFixed(0)} µs, worst ${means[`${name}worst`].toFixed(0)} µs), ${means[`${name}column`].toFixed(2)} s for the column${errors > 0 ? `, ${errors} #VALUE!` : ''}${goal}`,
    );
  }
}

async function main(): Promise<void> {
  const { grid } = await sampleGrid();
  const plainScenario = scenarioOf('600/5106/1 sample', differentLearners(grid, ROWS));
  const withRules = path.join(__dirname, '..', 'samples', 'ocr-10266-with-rules.xlsx');
  const { grid: rulesGrid } = await gridOfFile(withRules, 'Qualification rules');
  const right = Math.max(...rulesGrid.values.map((r) => r.length));
  const rules = {
    values: rulesGrid.values.map((row) => excelRow(row, 1, right)[0]),
    address: `'Qualification rules'!A1:${columnLetters(right)}${rulesGrid.values.length}`,
  };
  const rulesScenario = scenarioOf(
    'OCR 10266 + rules sheet',
    differentLearners((await gridOfFile(withRules)).grid, ROWS),
    rules,
  );
  const plain = await medianOfRuns(plainScenario);
  if (!json) print(plainScenario.label, ROWS, plain, false);
  const withBlock = await medianOfRuns(rulesScenario);
  if (!json) print(rulesScenario.label, ROWS, withBlock, true);
  if (json) {
    const figures = {
      rows: ROWS,
      statusMicros: plain.STATUS,
      statusMedianMicros: plain.STATUSmedian,
      statusThreadCpuMicros: plain.STATUScpu,
      statusProcessCpuMicros: plain.STATUSprocessCpu,
      statusMicrosWithRules: withBlock.STATUS,
      plain,
      withBlock,
    };
    console.log(JSON.stringify({ functions: figures }));
  }
}

function timeApart(file: string): void {
  installCustomFunctions();
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const means = run(scenario);
  process.send?.(means, () => process.disconnect());
}

if (child >= 0) timeApart(process.argv[child + 1]);
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
