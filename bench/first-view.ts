// How much JavaScript the task pane's first view loads: a release build into a temporary folder, then the gzipped size
// of every script taskpane.html starts with (office.js, from Office's CDN, aside), and of the chunks loaded on demand
// when another tab is opened. Goal: the first view at most 200 KB gzipped.
//   npx tsx bench/first-view.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const GOAL_KB = 200;
const root = path.join(__dirname, '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'qualcheck-first-view-'));
try {
  const webpack = path.join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const built = spawnSync(process.execPath, [webpack, '--mode', 'production', '--env', `outDir=${out}`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`webpack failed:\n${built.stdout}\n${built.stderr}`);
  const gz = (file: string) => gzipSync(readFileSync(path.join(out, file)), { level: 9 }).length / 1024;
  const html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  const first = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  const firstKb = first.reduce((n, file) => n + gz(file), 0);
  const others = readdirSync(out).filter((f) => f.endsWith('.js') && !first.includes(f) && f !== 'commands.js');
  console.log(
    `first view: ${first.join(', ')} = ${firstKb.toFixed(0)} KB gzipped; goal <= ${GOAL_KB} KB: ${firstKb <= GOAL_KB ? 'met' : 'NOT met'}`,
  );
  console.log(`  on demand: ${others.map((f) => `${f} ${gz(f).toFixed(0)} KB`).join(', ')}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
