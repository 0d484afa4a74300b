// `check --out` end to end on 50,000 learners x 45 columns, against exceljs alone reading and writing the same file,
// in the same run. Each runs in a child process of its own (measured by /usr/bin/time), so the wall time includes
// starting Node and the peak resident memory is that process's own. Goals (issue 27): ratio at most 0.25, peak at
// most 512 MB (issue 12's were 0.5 and 1 GiB). Run: npx tsx bench/workbook.ts [learners] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { seeded } from '../test/planner-fixtures';

const json = process.argv.includes('--json');
const LEARNERS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 50_000);
const GOAL_RATIO = 0.25;
const GOAL_PEAK_MB = 512;
const QUALIFICATION = '600/5106/1';
const UNIT_COLUMNS = 39;
const MARKS = ['A', 'A', 'P', 'A', 'x', 'P', 'A', 'A', 'P', 'A', 'A', 'P'];
const repoRoot = path.resolve(__dirname, '..');

async function makeCohort(file: string): Promise<void> {
  const random = seeded(27);
  const qualification = EMBEDDED_QUALIFICATIONS.find((q) => q.id === QUALIFICATION);
  if (!qualification) throw new Error(`no ${QUALIFICATION} in the catalogue`);
  const units = qualification.units.slice(0, UNIT_COLUMNS).map((u) => u.ref);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Cohort');
  sheet.addRow(['Learner ID', 'First name', 'Last name', 'ULN', 'Date of birth', 'Qualification', ...units]).commit();
  for (let i = 0; i < LEARNERS; i++) {
    // Every learner's units different (a mark in about one unit cell in three, drawn from a seeded generator): the
    // run must not gain from learners that repeat, as a cohort of 12 learners copied 4,000 times would let it.
    const marks = units.map(() => (random() < 1 / 3 ? MARKS[Math.floor(random() * MARKS.length)] : null));
    sheet
      .addRow([
        `L${100000 + i}`,
        'Ann',
        'Smith',
        9276308686,
        new Date(Date.UTC(1990, 0, 1 + (i % 365))),
        QUALIFICATION,
        ...marks,
      ])
      .commit();
  }
  await workbook.commit();
}

interface Measured {
  seconds: number;
  peakMb: number;
}

/** Runs a Node child under /usr/bin/time: wall seconds and peak resident memory. */
function measure(args: string[]): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  if (!m) throw new Error(`no timing from ${args.join(' ')}: ${result.stderr}`);
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  return { seconds: Number(m[1]), peakMb: Number(m[2]) / 1024 };
}

const EXCELJS_ALONE = `
const ExcelJS = require('exceljs');
(async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(process.argv[1]);
  await workbook.xlsx.writeFile(process.argv[2]);
})();`;

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) {
    console.log('workbook: /usr/bin/time is not installed; skipped');
    return;
  }
  const folder = mkdtempSync(path.join(os.tmpdir(), 'qualcheck-bench-'));
  try {
    const file = path.join(folder, 'cohort.xlsx');
    await makeCohort(file);
    const size = statSync(file).size / 1024 / 1024;
    const exceljs = measure(['-e', EXCELJS_ALONE, file, path.join(folder, 'exceljs-out.xlsx')]);
    // The command line as a user runs it: the compiled bundle the package installs (npm run build:cli makes it).
    execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: repoRoot, stdio: json ? 'ignore' : 'inherit' });
    const qualcheck = measure([
      path.join(repoRoot, 'lib/qualcheck.js'),
      'check',
      file,
      '--out',
      path.join(folder, 'checked.xlsx'),
    ]);
    // The checked copy must be a workbook another reader opens, or the figure means nothing.
    execFileSync(
      process.execPath,
      ['-e', "require('@e965/xlsx').readFile(process.argv[1])", path.join(folder, 'checked.xlsx')],
      { cwd: repoRoot },
    );
    const ratio = qualcheck.seconds / exceljs.seconds;
    if (json) {
      const mb = (x: number) => Math.round(x);
      console.log(
        JSON.stringify({
          workbook: {
            learners: LEARNERS,
            columns: UNIT_COLUMNS + 6,
            ratio: Math.round(ratio * 1000) / 1000,
            peakMb: mb(qualcheck.peakMb),
            seconds: qualcheck.seconds,
            exceljsSeconds: exceljs.seconds,
            exceljsPeakMb: mb(exceljs.peakMb),
          },
        }),
      );
      return;
    }
    const learners = LEARNERS.toLocaleString('en-GB');
    console.log(`workbook: ${learners} learners x ${UNIT_COLUMNS + 6} columns, ${size.toFixed(1)} MB .xlsx`);
    console.log(
      `  exceljs alone, read + write:   ${exceljs.seconds.toFixed(2)} s, peak ${exceljs.peakMb.toFixed(0)} MB`,
    );
    console.log(
      `  qualcheck check --out:          ${qualcheck.seconds.toFixed(2)} s, peak ${qualcheck.peakMb.toFixed(0)} MB`,
    );
    console.log(
      `  ratio ${ratio.toFixed(2)} (goal at most ${GOAL_RATIO}), peak ${qualcheck.peakMb.toFixed(0)} MB (goal at most ${GOAL_PEAK_MB} MB)`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
