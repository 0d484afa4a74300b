// `npm run bench`: every speed figure the issues ask for, one script after another, printed as they come.
// `npm run bench -- --json`: the scripts that name their figures print one JSON object each; this prints them merged
// into one object (`engine.learnersPerSecond`, `planner.meanMs`, ...) for a script to read, and nothing else, with
// `goals`: each figure issues 23 and 27 set a goal for, by its dotted name, with its value, the most it may be
// (`atMost`) or the least (`atLeast`, for a speed), and whether it is met (a figure whose bench could not run here is
// null, and not met).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const json = process.argv.includes('--json');
const benches = [
  'read-cohort.ts',
  'engine.ts',
  'sum-rules.ts',
  'planner.ts',
  'excel-adapter.ts',
  'whatif.ts',
  'ownership.ts',
  'workbook.ts',
  'xml-scanner.ts',
  'functions.ts',
  'first-view.ts',
  'pane-jobs.ts',
  'long-tasks.ts',
];
/** The scripts that print their figures as one JSON object with --json. */
const named = new Set([
  'engine.ts',
  'sum-rules.ts',
  'planner.ts',
  'workbook.ts',
  'xml-scanner.ts',
  'functions.ts',
  'pane-jobs.ts',
  'long-tasks.ts',
]);

/** Issues 23's and 27's goals: the most each figure may be. */
const AT_MOST: Record<string, number> = {
  'workbook.ratio': 0.25,
  'workbook.peakMb': 512,
  'planner.meanMs': 0.005,
  'planner.p99Ms': 0.05,
  'pane.whatifOpen.syncs': 2,
  'pane.whatifOpen.bytes': 50 * 1024,
  'pane.apply.syncs': 3,
  'pane.apply.bytes': 20 * 1024,
  'longTasks.maxMs': 100,
  'functions.statusMicros': 20,
  'sumRules.plannerMeanMs': 0.1,
};

/** Issue 23's goals: the least each figure may be (learners per CPU second). */
const AT_LEAST: Record<string, number> = {
  'engine.learnersPerSecond': 500_000,
  'sumRules.learnersPerSecond': 200_000,
};

/** The figure at a dotted name (`pane.apply.syncs`) of the merged figures, or null when no bench gave it. */
function figureAt(figures: Record<string, unknown>, name: string): number | null {
  let at: unknown = figures;
  for (const part of name.split('.'))
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === 'number' ? at : null;
}

const figures: Record<string, unknown> = {};
for (const name of benches) {
  const file = path.join(__dirname, name);
  if (!existsSync(file)) continue;
  if (!json) {
    console.log(`\n== ${name}`);
    execFileSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
    continue;
  }
  if (!named.has(name)) continue;
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', file, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.trim().split('\n').pop() ?? '';
    Object.assign(figures, JSON.parse(line) as Record<string, unknown>);
  } catch (error) {
    // Its figures stay out (and its goals unmet); the others are still worth having.
    console.error(`bench ${name} gave no figures: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (json) {
  const goals = Object.fromEntries([
    ...Object.entries(AT_MOST).map(([name, atMost]) => {
      const value = figureAt(figures, name);
      return [name, { value, atMost, met: value !== null && value <= atMost }] as const;
    }),
    ...Object.entries(AT_LEAST).map(([name, atLeast]) => {
      const value = figureAt(figures, name);
      return [name, { value, atLeast, met: value !== null && value >= atLeast }] as const;
    }),
  ]);
  console.log(JSON.stringify({ ...figures, goals }, null, 2));
}
