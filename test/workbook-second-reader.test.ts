// A results sheet added to a workbook another program wrote, read back by a second, unforgiving reader: Gnumeric's
// ssconvert (Debian gnumeric). openpyxl declares the relationships prefix on each <sheet>, not on the root; the added
// sheet's entry must use that same `r:` (Gnumeric reads `r:id` only: with a prefix of qualcheck's own it showed the
// sheet empty). docProps/app.xml lists the added sheet where the file keeps a list of sheets.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readCohortInput } from '../src/cli/open-inputs';
import { writePlan } from '../src/cli/checked-copy';
import { checkCohort } from '../src/cohort/verdict/learner-result';
import { planResultsSheet } from '../src/placement/placement';
import { resultsBlock, statusWord } from '../src/cohort/verdict/results';
import { WorkbookPackage } from '../src/workbook/package';
import { readWorkbookInfo } from '../src/workbook/parts';
import type { Status } from '../src/rules/model/model';
import { unzipParts } from './support/feature-workbook';
import { describeNeeding, runs } from './support/needs';
import { SAMPLE } from './fake-excel/sample';

const run = promisify(execFile);
const SSCONVERT = '/usr/bin/ssconvert';
const PYTHON = '/usr/bin/python3';
const RESULTS = 'qualcheck results';

/** The sample cohort with a results sheet added, written from `file`; the copy's path. */
async function withResultsSheet(file: string, out: string): Promise<void> {
  const { sheet, reading } = await readCohortInput(file, {});
  const checks = checkCohort(reading);
  const plan = planResultsSheet(RESULTS, true, reading, checks, resultsBlock(reading, checks), 'a test');
  const bytes = await fs.readFile(file);
  const pkg = await WorkbookPackage.open(bytes);
  try {
    const info = await readWorkbookInfo(pkg);
    assert.ok(info);
    await writePlan({ bytes, pkg, info, file, out, sheetName: sheet.name }, plan);
  } finally {
    pkg.close();
  }
}

/** The added sheet as Gnumeric reads it: rows of CSV cells. */
async function gnumericRows(file: string, dir: string): Promise<string[][]> {
  await run(SSCONVERT, ['-S', '--export-type=Gnumeric_stf:stf_csv', file, path.join(dir, '%s.csv')]);
  const csv = await fs.readFile(path.join(dir, `${RESULTS}.csv`), 'utf8');
  return csv
    .trim()
    .split('\n')
    .map((line) => line.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

/** The round trip needs Gnumeric's ssconvert and Debian's Python with openpyxl. */
const PROGRAMS = [
  { program: SSCONVERT, answers: existsSync(SSCONVERT), install: 'apt-get install gnumeric' },
  {
    program: `${PYTHON} with openpyxl`,
    answers: runs(PYTHON, ['-c', 'import openpyxl']),
    install: 'apt-get install python3-openpyxl',
  },
];

describeNeeding('a results sheet added to an openpyxl workbook, read back by Gnumeric', PROGRAMS, function () {
  this.timeout(120_000);
  let tmp: string;
  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-gnumeric-'));
  });
  after(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('uses the r: prefix the sheets beside it declare, and Gnumeric reads every learner of it', async () => {
    const input = path.join(tmp, 'openpyxl.xlsx');
    await run(PYTHON, [
      '-c',
      'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])',
      SAMPLE,
      input,
    ]);
    const out = path.join(tmp, 'checked.xlsx');
    await withResultsSheet(input, out);
    const workbook = (await unzipParts(await fs.readFile(out))).get('xl/workbook.xml')?.toString('utf8') ?? '';
    const entry = new RegExp(`<sheet [^>]*name="${RESULTS}"[^>]*/>`).exec(workbook)?.[0] ?? '';
    assert.match(
      entry,
      /^<sheet xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships" /,
    );
    assert.match(entry, / r:id="rId\d+"\/>$/);

    const json = JSON.parse(
      (await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', SAMPLE, '--json'])).stdout,
    ) as { learners: { row: number; status: Status }[] };
    const rows = await gnumericRows(out, tmp);
    const header = rows[0];
    const statusAt = header.indexOf('qualcheck: status');
    assert.ok(statusAt > 0, header.join(','));
    assert.equal(rows.length - 1, json.learners.length);
    const byRow = new Map(rows.slice(1).map((r) => [Number(r[0]), r[statusAt]]));
    for (const learner of json.learners) assert.equal(byRow.get(learner.row), statusWord(learner.status));
  });

  it('lists the added sheet in docProps/app.xml where the file keeps the list (the sample, as Excel writes it)', async () => {
    const out = path.join(tmp, 'sample-checked.xlsx');
    await withResultsSheet(SAMPLE, out);
    const app = (await unzipParts(await fs.readFile(out))).get('docProps/app.xml')?.toString('utf8') ?? '';
    assert.match(app, /<vt:lpstr>Worksheets<\/vt:lpstr><\/vt:variant><vt:variant><vt:i4>3<\/vt:i4>/);
    assert.match(
      app,
      /<vt:vector size="3" baseType="lpstr"><vt:lpstr>Cohort<\/vt:lpstr><vt:lpstr>Expected<\/vt:lpstr><vt:lpstr>qualcheck results<\/vt:lpstr><\/vt:vector>/,
    );
    assert.ok((await gnumericRows(out, tmp)).length > 1);
  });
});
