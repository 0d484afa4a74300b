import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type RegisterJson, runRegister } from '../src/cli/register';
import { UserError } from '../src/cli/user-error';
import { RULES_SHEET_NAME, rulesSheetGrid } from '../src/rules-sheet/write';
import { REGISTRATION_COLUMNS } from '../src/registration';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { SAMPLE_LEARNERS } from '../scripts/make-samples';
import { SAMPLE } from './fake-excel/sample';
import { tempFolder } from './support/temp-folder';

const HEADER = [
  'Learner ID',
  'First name',
  'Last name',
  'ULN',
  'Date of birth',
  'Sex',
  'Qualification',
  'D/503/0352',
  'T/503/0342',
  'L/601/1225',
  'F/502/4396',
];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
type Row = (string | number | Date | null)[];
const COHORT: Row[] = [
  ['R001', 'Amira', 'Khan', 9276308686, utc(1988, 4, 12), 'Female', '600/5106/1', 'A', 'A', null, null],
  ['R002', 'Ben', "O'Neill", '9999999999', '31/02/1990', 'M', '600/5106/1', 'A', 'P', null, null],
  ['R003', 'Chloé', 'Dubois', null, '15/06/1995', 'F', '600/5106/1', 'P', 'P', null, null],
  ['R004', 'Dev', 'Patel', '9276 308 686', utc(1990, 1, 1), 'M', '600/5106/1', 'A', 'A', 'A', 'A'],
  ['R005', 'Ewa', 'Nowak', null, '03/04/1992', 'X', '600/5106/1', 'A', null, null, null],
];

async function writeCohort(file: string, rows: Row[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cohort');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

describe('command line: qualcheck register', function () {
  this.timeout(30000);
  const tmp = tempFolder('register');
  let cohort: string;
  before(async () => {
    cohort = path.join(tmp(), 'cohort.xlsx');
    await writeCohort(cohort, COHORT);
  });

  async function run(opts: Parameters<typeof runRegister>[1]): Promise<{ code: number; text: string }> {
    let text = '';
    const code = await runRegister(cohort, opts, (t) => (text += t));
    return { code, text };
  }

  it('lists every learner with the reasons they are held back, as JSON', async () => {
    const { code, text } = await run({ date: '2013-06-14', json: true });
    const report = JSON.parse(text) as RegisterJson;
    assert.equal(code, 1);
    assert.equal(report.date, '2013-06-14');
    const byId = Object.fromEntries(report.learners.map((l) => [l.learnerId, l.problems.map((p) => p.code)]));
    assert.deepEqual(byId, {
      R001: ['duplicate-uln'],
      R002: ['placeholder-uln', 'bad-date'],
      R003: ['under-min-age'],
      R004: ['barred-combination', 'duplicate-uln'],
      R005: ['bad-sex'],
    });
    const r004 = report.learners.find((l) => l.learnerId === 'R004');
    assert.equal(r004?.row, 5);
    assert.equal(r004?.problems[0].cell, 'J5');
    assert.equal(r004?.problems[1].cell, 'D5');
    assert.deepEqual([report.ready, report.notReady], [0, 5]);
  });

  it('lets the 18-year-old register on the birthday and writes only ready learners to the CSV', async () => {
    const out = path.join(tmp(), 'registrations.csv');
    const { text } = await run({ date: '2013-06-15', out });
    assert.match(text, /R003\s+yes/);
    assert.match(text, /R002\s+NO\s+2 errors/);
    assert.match(text, /x placeholder-uln: ULN \(cell D3\)/);
    const parsed: string[][] = parse(await fs.readFile(out, 'utf8'), { bom: true });
    assert.deepEqual(parsed, [
      [...REGISTRATION_COLUMNS],
      ['R003', '', 'Chloé', 'Dubois', '15/06/1995', 'F', '600/5106/1'],
    ]);
    assert.match(text, /Registration file written: .*registrations\.csv \(1 learner\)/);
  });

  it('refuses registration after 600/5106/1 closed, and exits 0 when every learner is ready', async () => {
    const closed = await run({ date: '2014-01-01', json: true });
    const report = JSON.parse(closed.text) as RegisterJson;
    assert.ok(report.learners.every((l) => l.problems.some((p) => p.code === 'qualification-closed')));

    const single = path.join(tmp(), 'single.xlsx');
    await writeCohort(single, [COHORT[0]]);
    let text = '';
    const code = await runRegister(single, { date: '2013-06-14' }, (t) => (text += t));
    assert.equal(code, 0);
    assert.match(text, /1 of 1 learner ready/);
  });

  it('refuses a registration date that is not YYYY-MM-DD, and writing over the input', async () => {
    await assert.rejects(
      run({ date: '14/06/2013' }),
      (e: unknown) => e instanceof UserError && /YYYY-MM-DD/.test(e.message),
    );
    await assert.rejects(
      run({ date: '2013-06-14', out: cohort }),
      (e: unknown) => e instanceof UserError && /input file/.test(e.message),
    );
  });
});

describe('command line: qualcheck register with a rules sheet in the workbook', function () {
  this.timeout(30000);
  const tmp = tempFolder('register-rules');

  it("uses the workbook's rules sheet, as a check does: a centre's minimum age decides under-min-age", async () => {
    const file = path.join(tmp(), 'cohort-with-rules.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cohort');
    sheet.addRow(HEADER);
    for (const row of COHORT) sheet.addRow(row);
    const iq = embeddedCatalogue().find('600/5106/1');
    assert.ok(iq);
    const rules = workbook.addWorksheet(RULES_SHEET_NAME);
    for (const row of rulesSheetGrid([{ ...iq, minAge: 16 }]).values)
      rules.addRow(row.map((v) => (v === undefined ? null : v)));
    await workbook.xlsx.writeFile(file);

    let text = '';
    await runRegister(file, { date: '2013-06-14', json: true }, (t) => (text += t));
    const report = JSON.parse(text) as RegisterJson;
    const r003 = report.learners.find((l) => l.learnerId === 'R003');
    assert.deepEqual(
      r003?.problems.map((p) => p.code),
      [],
      'R003 is 17, old enough for a minimum age of 16',
    );
  });
});

describe('command line: qualcheck register on the sample cohort', function () {
  this.timeout(30000);

  async function sampleReport(date: string): Promise<RegisterJson> {
    let text = '';
    await runRegister(SAMPLE, { date, json: true }, (t) => (text += t));
    return JSON.parse(text) as RegisterJson;
  }

  it('holds back exactly the learners built to trip a registration check, each for the reasons it was built with', async () => {
    const report = await sampleReport('2013-06-01');
    assert.deepEqual(
      report.learners.map((l) => ({ id: l.learnerId, codes: l.problems.map((p) => p.code) })),
      SAMPLE_LEARNERS.map((l) => ({ id: l.id, codes: l.registration ?? [] })),
    );
    assert.deepEqual(
      report.learners.filter((l) => !l.ready).map((l) => l.learnerId),
      SAMPLE_LEARNERS.filter((l) => (l.registration ?? []).some((c) => c !== 'possible-duplicate')).map((l) => l.id),
    );
  });

  it('trips every registration check the issue names, the closed qualification after 31/12/2013', async () => {
    const codes = new Set((await sampleReport('2013-06-01')).learners.flatMap((l) => l.problems.map((p) => p.code)));
    for (const code of [
      'invalid-uln',
      'placeholder-uln',
      'duplicate-uln',
      'duplicate-learner-ref',
      'possible-duplicate',
      'bad-date',
      'under-min-age',
      'field-too-long',
      'bad-characters',
      'bad-sex',
      'barred-combination',
      'unit-not-in-qualification',
      'unknown-qualification',
    ]) {
      assert.ok(codes.has(code), `a sample learner trips ${code}`);
    }
    assert.ok(!codes.has('qualification-closed'));
    const closed = await sampleReport('2014-01-01');
    assert.ok(
      closed.learners
        .filter((l) => l.learnerId !== 'CC011')
        .every((l) => l.problems.some((p) => p.code === 'qualification-closed')),
    );
  });
});
