import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileHash, qualcheck, repoRoot } from './support/cli';
import ExcelJS from 'exceljs';
import { runCheck } from '../src/cli/check';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { definitionsJson } from '../src/rules/definition';
import { SAMPLE_LEARNERS, writeSampleCohort } from '../scripts/make-samples';
import { tempFolder } from './support/temp-folder';

const sample = path.join(repoRoot, 'samples/cohort-600-5106-1.xlsx');

describe('command line: qualcheck check', function () {
  this.timeout(60000);
  const tmp = tempFolder('cli');

  it('the committed sample is what the generator makes today', async () => {
    const fresh = path.join(tmp(), 'fresh.xlsx');
    await writeSampleCohort(fresh);
    const a = await runCheck(fresh, {});
    const b = await runCheck(sample, {});
    assert.deepEqual(a.json, b.json);
  });

  it('gives every sample learner the status a person reading the specification gives', async () => {
    const run = await runCheck(sample, {});
    assert.equal(run.json.learners.length, SAMPLE_LEARNERS.length);
    for (const expected of SAMPLE_LEARNERS) {
      const learner = run.json.learners.find((l) => l.learnerId === expected.id);
      assert.ok(learner, `learner ${expected.id} missing`);
      const status = expected.expect.split(/[:;]/)[0].trim();
      assert.equal(learner.status, status, `${expected.id}: ${expected.expect}`);
    }
  });

  it('shows every status and the violations the sample was built to show', async () => {
    const run = await runCheck(sample, {});
    const statuses = new Set(run.json.learners.map((l) => l.status));
    for (const s of ['achieved', 'on-track', 'incomplete', 'invalid', 'needs-data'])
      assert.ok(statuses.has(s as never), s);
    const codes = new Set(run.json.learners.flatMap((l) => l.violations.map((v) => v.code)));
    for (const code of [
      'missing-mandatory',
      'group-min-credits',
      'total-min-credits',
      'level-min-credits',
      'barred-combination',
      'unit-not-in-qualification',
      'unknown-qualification',
      'unrecognised-mark',
      'undecidable',
    ]) {
      assert.ok(codes.has(code as never), `no learner shows ${code}`);
    }
    const barred = run.json.learners.find((l) => l.learnerId === 'CC008');
    assert.deepEqual(barred?.notCounted.length, 1);
  });

  it('prints the documented JSON schema with --json', async () => {
    const { code, stdout } = await qualcheck(['check', sample, '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { learners: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
    assert.ok(Array.isArray(json.warnings));
    const first = json.learners[0];
    assert.deepEqual(Object.keys(first).slice(0, 7), [
      'row',
      'learnerId',
      'qualification',
      'status',
      'credits',
      'violations',
      'notCounted',
    ]);
    assert.equal(first.row, 2);
    assert.deepEqual(first.credits, { achieved: 34, withPlanned: 34 });
    for (const w of json.warnings) assert.match(String(w.cell), /^[A-Z]+\d+$/);
  });

  it('uses a definition passed with --rules in place of the embedded one', async () => {
    const iq = embeddedCatalogue().find('600/5106/1');
    assert.ok(iq);
    // A centre that reads "at level 2" as "at level 2 or above" and knows L/503/0394 is level 2 changes outcomes.
    const edited = {
      ...iq,
      units: iq.units.map((u) => (['M/601/1511', 'R/601/1548', 'D/601/1553'].includes(u.ref) ? { ...u, level: 2 } : u)),
    };
    const file = path.join(tmp(), 'rules.json');
    await fs.writeFile(file, definitionsJson([edited]));
    const before = await runCheck(sample, {});
    const after = await runCheck(sample, { rules: [file] });
    const status = (run: typeof before, id: string) => run.json.learners.find((l) => l.learnerId === id)?.status;
    assert.equal(status(before, 'CC012'), 'needs-data');
    assert.equal(status(after, 'CC012'), 'achieved');
  });

  it('writes result columns to a copy with --out, never touching the input, and a second run replaces them', async () => {
    const input = path.join(tmp(), 'input.xlsx');
    await fs.copyFile(sample, input);
    const hash = await fileHash(input);
    const out1 = path.join(tmp(), 'out1.xlsx');
    const out2 = path.join(tmp(), 'out2.xlsx');
    const first = await runCheck(input, { out: out1 });
    assert.equal(await fileHash(input), hash, 'the input workbook changed');
    assert.equal(first.written?.target, 'columns');
    await runCheck(out1, { out: out2 });
    for (const file of [out1, out2]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Cohort');
      assert.ok(ws);
      const header = (ws.getRow(1).values as unknown[]).filter(
        (v) => typeof v === 'string' && v.startsWith('qualcheck:'),
      );
      assert.deepEqual(
        header,
        [...RESULT_HEADERS, NOT_COUNTED_HEADER],
        `${path.basename(file)} has owned columns once each`,
      );
      const statusColumn = (ws.getRow(1).values as unknown[]).indexOf('qualcheck: status');
      assert.equal(ws.getRow(2).getCell(statusColumn).value, 'achieved');
      const formats = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
      assert.equal(
        formats.length,
        2,
        'one conditional format on the status column, one on the unit cells that do not count',
      );
      const notCounted = (ws.getRow(1).values as unknown[]).indexOf(NOT_COUNTED_HEADER);
      const barredRow = ws.getRow(9); // CC008 took both units of barred set C1
      assert.match(String(barredRow.getCell(notCounted).value), /L\/601\/1225|F\/502\/4396/);
    }
  });

  it('puts the result columns right of a note the user keeps beside the data, leaving the note alone', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample);
    const ws = wb.getWorksheet('Cohort');
    assert.ok(ws);
    const notesColumn = ws.columnCount + 2;
    ws.getRow(5).getCell(notesColumn).value = 'phoned 3 May';
    const input = path.join(tmp(), 'with-notes.xlsx');
    await wb.xlsx.writeFile(input);
    const out = path.join(tmp(), 'with-notes-out.xlsx');
    const run = await runCheck(input, { out });
    assert.equal(run.written?.target, 'columns');
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const sheet = back.getWorksheet('Cohort');
    assert.equal(sheet?.getRow(5).getCell(notesColumn).value, 'phoned 3 May');
    assert.equal(sheet?.getRow(1).getCell(notesColumn + 1).value, RESULT_HEADERS[0]);
  });

  it('writes to a results sheet when the user has put their own data into the result columns', async () => {
    const first = path.join(tmp(), 'first.xlsx');
    await runCheck(sample, { out: first });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    const ws = wb.getWorksheet('Cohort');
    assert.ok(ws);
    const violations = (ws.getRow(1).values as unknown[]).indexOf('qualcheck: violations');
    ws.getRow(1).getCell(violations).value = 'My notes';
    ws.getRow(3).getCell(violations).value = 'call back';
    const edited = path.join(tmp(), 'edited.xlsx');
    await wb.xlsx.writeFile(edited);
    const out = path.join(tmp(), 'edited-out.xlsx');
    const run = await runCheck(edited, { out });
    assert.equal(run.written?.target, 'sheet');
    assert.match(run.written?.reason ?? '', /My notes/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    assert.equal(back.getWorksheet('Cohort')?.getRow(3).getCell(violations).value, 'call back');
    const results = back.getWorksheet('qualcheck results');
    assert.equal(results?.getRow(1).getCell(3).value, RESULT_HEADERS[0]);
    assert.equal(results?.getRow(2).getCell(2).value, 'CC001');
  });

  describe('bad input gets one line and exit code 2', () => {
    it('a missing file', async () => {
      const { code, stderr } = await qualcheck(['check', path.join(tmp(), 'nope.xlsx')]);
      assert.equal(code, 2);
      assert.match(stderr, /nope\.xlsx: no such workbook/);
      assert.equal(stderr.trim().split('\n').length, 1);
    });
    it('a file that is not a workbook', async () => {
      const file = path.join(tmp(), 'notes.xlsx');
      await fs.writeFile(file, 'just some text');
      const { code, stderr } = await qualcheck(['check', file]);
      assert.equal(code, 2);
      assert.match(stderr, /is not an Excel workbook/);
      assert.doesNotMatch(stderr, /at .*\.ts:\d+/);
    });
    it('a password-protected workbook', async () => {
      const file = path.join(tmp(), 'locked.xlsx');
      await fs.writeFile(
        file,
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
      );
      const { code, stderr } = await qualcheck(['check', file]);
      assert.equal(code, 2);
      assert.match(stderr, /password-protected/);
    });
    it('a corrupt workbook', async () => {
      const file = path.join(tmp(), 'corrupt.xlsx');
      const bytes = await fs.readFile(sample);
      await fs.writeFile(file, bytes.subarray(0, 2000));
      const { code, stderr } = await qualcheck(['check', file]);
      assert.equal(code, 2);
      assert.match(stderr, /damaged/);
      assert.equal(stderr.trim().split('\n').length, 1);
    });
    it('an unknown --qualification', async () => {
      const { code, stderr } = await qualcheck(['check', sample, '--qualification', '999/9999/9']);
      assert.equal(code, 2);
      assert.match(stderr, /999\/9999\/9: not in the catalogue/);
    });
    it('a sheet that is not there', async () => {
      const { code, stderr } = await qualcheck(['check', sample, '--sheet', 'Learners']);
      assert.equal(code, 2);
      assert.match(stderr, /no sheet named "Learners"; the sheets are "Cohort", "Expected"/);
    });
    it('a sheet that is not a cohort', async () => {
      const { code, stderr } = await qualcheck(['check', sample, '--sheet', 'Expected']);
      assert.equal(code, 2);
      assert.match(stderr, /sheet "Expected"/);
    });
    it('a rules file with a mistake names the field', async () => {
      const file = path.join(tmp(), 'bad-rules.json');
      await fs.writeFile(
        file,
        JSON.stringify({
          id: 'X/1',
          title: 'X',
          awardingBody: 'Y',
          level: 2,
          groups: [],
          units: [{ ref: 'U1', title: 'u', credits: -3, glh: null, level: 2, group: 'A' }],
          rules: [],
        }),
      );
      const { code, stderr } = await qualcheck(['check', sample, '--rules', file]);
      assert.equal(code, 2);
      assert.match(stderr, /units\[0\]/);
    });
  });
});
