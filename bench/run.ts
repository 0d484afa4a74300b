// `npm run bench`: every speed figure the issues ask for, one script after another, printed as they come.
// `npm run bench -- --json`: the scripts that name their figures print one JSON object each; this prints them merged
// into one object (`engine.learnersPerSecond`, `planner.meanMs`, ...) for a script to read, and nothing else.
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
  'functions.ts',
  'first-view.ts',
  'long-tasks.ts',
];
/** The scripts that print their figures as one JSON object with --json. */
const named = new Set(['engine.ts', 'sum-rules.ts', 'planner.ts', 'long-tasks.ts']);

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
  const out = execFileSync(process.execPath, ['--import', 'tsx', file, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.trim().split('\n').pop() ?? '';
  Object.assign(figures, JSON.parse(line) as Record<string, unknown>);
}
if (json) console.log(JSON.stringify(figures, null, 2));
