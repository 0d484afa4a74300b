import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { qualcheck, repoRoot } from './support/cli';
import ExcelJS from 'exceljs';
import { runCheck } from '../src/cli/check';
import { OCR_SAMPLE_LEARNERS, OCR_SAMPLES, writeOcrCohort, EXAMPLE_UNIT_VALUES } from '../scripts/make-ocr-sample';
import { tempFolder } from './support/temp-folder';

const cohort = path.join(repoRoot, OCR_SAMPLES.cohort);
const withRules = path.join(repoRoot, OCR_SAMPLES.withRules);

/** The grid row (1-based) of a unit in the rules sheet, and the columns of its header. */
function unitRow(sheet: ExcelJS.Worksheet, ref: string): { row: number; column: (label: string) => number } {
  let header = 0;
  let row = 0;
  sheet.eachRow((r, n) => {
    if (r.getCell(1).value === 'Unit ref' && header === 0) header = n;
    if (header > 0 && n > header && r.getCell(1).value === ref && row === 0) row = n;
  });
  assert.ok(row > 0, `unit ${ref} in the rules sheet`);
  const labels = (sheet.getRow(header).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  return { row, column: (label) => labels.indexOf(label) };
}

describe('command line: the rules sheet', function () {
  this.timeout(60000);
  const tmp = tempFolder('rules');

  it('the committed OCR samples are what the generator makes today', async () => {
    for (const [file, rules] of [
      [cohort, false],
      [withRules, true],
    ] as const) {
      const fresh = path.join(tmp(), `fresh-${rules}.xlsx`);
      await writeOcrCohort(fresh, rules);
      assert.deepEqual((await runCheck(fresh, {})).json, (await runCheck(file, {})).json);
    }
  });

  it('leaves every OCR 10266 learner needs-data with the built-in catalogue, which knows no unit credits or levels', async () => {
    const run = await runCheck(cohort, {});
    assert.equal(run.json.learners.length, OCR_SAMPLE_LEARNERS.length);
    assert.ok(run.json.learners.every((l) => l.status === 'needs-data'));
    assert.equal(run.json.rulesSheet, undefined);
  });

  it('decides every learner once the workbook carries a filled Qualification rules sheet, and says where the values came from', async () => {
    const run = await runCheck(withRules, {});
    for (const expected of OCR_SAMPLE_LEARNERS) {
      const learner = run.json.learners.find((l) => l.learnerId === expected.id);
      assert.equal(learner?.status, expected.withRules, `${expected.id}: ${expected.why}`);
    }
    assert.equal(run.json.rulesSheet?.sheet, 'Qualification rules');
    assert.deepEqual(run.json.rulesSheet?.qualifications, ['10266']);
    assert.ok(run.json.rulesSheet?.changes.includes('10266 unit T/503/0356 (Unit 1): credits was unknown, now 3'));
    const short = run.json.learners.find((l) => l.learnerId === 'OC002');
    assert.match(
      short?.violations[0].message ?? '',
      /9 of 10 credits at level 2: 1 credit short \(credits of .*, and level of .* from your rules sheet\)/,
    );
  });

  it("says in --json and in the result columns that a status rests on the rules sheet's values, an achieved one too", async () => {
    const run = await runCheck(withRules, { out: path.join(tmp(), 'checked.xlsx') });
    const achieved = run.json.learners.find((l) => l.learnerId === 'OC001');
    assert.equal(achieved?.status, 'achieved');
    assert.deepEqual(achieved?.violations, []);
    assert.equal(achieved?.centreValues, 'credits of 5 units, and level of 5 units from your rules sheet');
    for (const learner of run.json.learners)
      assert.match(learner.centreValues ?? '', /from your rules sheet$/, learner.learnerId);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(tmp(), 'checked.xlsx'));
    const sheet = book.worksheets[0];
    const column = (sheet.getRow(1).values as unknown[]).indexOf('qualcheck: centre values');
    assert.ok(column > 0, 'a centre values column');
    const row = sheet.getColumn(1).values.indexOf('OC001');
    assert.equal(sheet.getRow(row).getCell(column).value, achieved?.centreValues);
    const plain = await runCheck(cohort, {});
    assert.ok(
      plain.json.learners.every((l) => l.centreValues === undefined),
      'nothing from a centre with the built-in catalogue alone',
    );
  });

  it('prints where the qualification data came from above the table, and the rules sheet in --json', async () => {
    const table = await qualcheck(['check', withRules]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /Qualification data from sheet "Qualification rules" for 10266 \(33 changes from the built-in catalogue/,
    );
    const json = await qualcheck(['check', withRules, '--json']);
    const parsed = JSON.parse(json.stdout) as { rulesSheet: { changes: string[] } };
    assert.equal(parsed.rulesSheet.changes.length, 33);
  });

  it('exports a rules sheet, reads it back unchanged, and after a centre fills it in uses it through --rules', async () => {
    const sheetFile = path.join(tmp(), 'ocr-rules.xlsx');
    const exported = await qualcheck(['rules', 'export', '--qualification', '10266', '--out', sheetFile]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(
      exported.stdout,
      /Wrote qualification 10266 to .*ocr-rules\.xlsx, sheet "Qualification rules", with 33 unknown values highlighted/,
    );
    const unchanged = await qualcheck(['rules', 'diff', sheetFile]);
    assert.match(unchanged.stdout, /no changes from the built-in catalogue \(10266\)/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetFile);
    const sheet = workbook.getWorksheet('Qualification rules');
    assert.ok(sheet);
    for (const [ref, number] of [
      ['T/503/0356', 1],
      ['10266-U2', 2],
      ['L/601/7638', 3],
      ['10266-U4', 4],
      ['10266-U6', 6],
      ['10266-U7', 7],
      ['10266-U8', 8],
      ['10266-U9', 9],
      ['10266-U10', 10],
      ['10266-U11', 11],
      ['10266-U5', 5],
    ] as const) {
      const { row, column } = unitRow(sheet, ref);
      sheet.getRow(row).getCell(column('Credits')).value = EXAMPLE_UNIT_VALUES[number].credits;
      sheet.getRow(row).getCell(column('Level')).value = EXAMPLE_UNIT_VALUES[number].level;
    }
    await workbook.xlsx.writeFile(sheetFile);

    const diff = await qualcheck(['rules', 'diff', sheetFile]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(
      diff.stdout,
      /22 changes from the built-in catalogue\n {2}10266 unit T\/503\/0356 \(Unit 1\): credits was unknown, now 3\n/,
    );

    const checked = await qualcheck(['check', cohort, '--rules', sheetFile, '--json']);
    assert.equal(checked.code, 0, checked.stderr);
    const statuses = (JSON.parse(checked.stdout) as { learners: { learnerId: string; status: string }[] }).learners.map(
      (l) => l.status,
    );
    assert.deepEqual(
      statuses,
      OCR_SAMPLE_LEARNERS.map((l) => l.withRules),
    );
  });

  it("exports JSON to the screen or a file, which rules diff and --rules read, marking the file as the values' source", async () => {
    const shown = await qualcheck(['rules', 'export', '--qualification', '10266']);
    assert.equal(shown.code, 0);
    const json = JSON.parse(shown.stdout) as { id: string; units: { credits: number | null; source?: string }[] };
    assert.equal(json.id, '10266');
    json.units[3].credits = 3;
    const file = path.join(tmp(), 'centre.json');
    await fs.writeFile(file, JSON.stringify(json));
    const diff = await qualcheck(['rules', 'diff', file]);
    assert.match(
      diff.stdout,
      /1 change from the built-in catalogue\n {2}10266 unit 10266-U4 \(Unit 4\): credits was unknown, now 3/,
    );

    const merged = path.join(tmp(), 'merged.json');
    const written = await qualcheck(['rules', 'export', '--rules', file, '--qualification', '10266', '--out', merged]);
    assert.equal(written.code, 0, written.stderr);
    const back = JSON.parse(await fs.readFile(merged, 'utf8')) as { units: { source?: string }[] };
    assert.match(back.units[3].source ?? '', /; credits: your rules file centre\.json$/);
  });

  it("stops with the cell and what to do when the checked workbook's rules sheet has a mistake", async () => {
    const broken = path.join(tmp(), 'broken.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(withRules);
    const sheet = workbook.getWorksheet('Qualification rules');
    assert.ok(sheet);
    const { row, column } = unitRow(sheet, '10266-U6');
    sheet.getRow(row).getCell(column('Credits')).value = -2;
    await workbook.xlsx.writeFile(broken);
    const { code, stderr } = await qualcheck(['check', broken]);
    assert.equal(code, 2);
    const letters = String.fromCharCode(64 + column('Credits'));
    assert.match(
      stderr,
      new RegExp(
        `broken\\.xlsx, sheet "Qualification rules", ${letters}${row}: The credits of unit 10266-U6 must not be negative`,
      ),
    );
  });

  it('explains an export it cannot make and a rules workbook without a rules sheet', async () => {
    const unknown = await qualcheck(['rules', 'export', '--qualification', '999/9999/9']);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /--qualification 999\/9999\/9: not in the catalogue; known qualifications are 600\/5106\/1, 10266, 10267/,
    );
    const badOut = await qualcheck(['rules', 'export', '--out', path.join(tmp(), 'rules.txt')]);
    assert.match(badOut.stderr, /name a \.json file \(a rules file\) or an \.xlsx file \(a rules sheet\)/);
    const noSheet = await qualcheck(['rules', 'diff', cohort]);
    assert.equal(noSheet.code, 2);
    assert.match(
      noSheet.stderr,
      /has no sheet named "Qualification rules"; write one with qualcheck rules export --out FILE\.xlsx/,
    );
  });
});
