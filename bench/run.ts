// `npm run bench`: every speed figure the issues ask for, one script after another, printed as they come.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const benches = ['read-cohort.ts', 'engine.ts', 'planner.ts', 'excel-adapter.ts', 'whatif.ts', 'ownership.ts', 'workbook.ts', 'functions.ts'];
for (const name of benches) {
  const file = path.join(__dirname, name);
  if (!existsSync(file)) continue;
  console.log(`\n== ${name}`);
  execFileSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
}
