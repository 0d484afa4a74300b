// The command line blames the sheet, not the learner, as the pane does: three problems of the sheet give needs-data
// with their code, read from a real .xlsx through `qualcheck check --json`.
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { qualcheck } from './support/cli';
import { tempFolder } from './support/temp-folder';

const UNITS = [
  'D/503/0352',
  'T/503/0342',
  'H/503/0403',
  'L/503/0394',
  'K/503/0385',
  'F/502/4396',
  'M/502/4300',
  'F/502/4379',
  'A/502/4297',
];

interface Learner {
  row: number;
  learnerId: string;
  status: string;
  violations: { code: string; message: string }[];
}

describe('command line: problems of the sheet', function () {
  this.timeout(60_000);
  const tmp = tempFolder('sheet');

  it('gives needs-data with ambiguous-header, missing-qualification and unknown-unit, and reads learners under a repeated header', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cohort');
    const header = ['Learner ID', 'Qualification', ...UNITS, 'Using Email', 'Z/999/9999'];
    const all = UNITS.map(() => 'A');
    sheet.addRow(header);
    sheet.addRow(['CC001', '600/5106/1', ...all, 'A', null]);
    sheet.addRow(['CC002', null, ...all, null, null]);
    sheet.addRow(['CC003', '600/5106/1', ...all, null, 'A']);
    // A second export pasted straight under the first, its header and all.
    sheet.addRow(header);
    sheet.addRow(['CC004', '600/5106/1', ...all, null, null]);
    const file = path.join(tmp(), 'problems.xlsx');
    await workbook.xlsx.writeFile(file);

    const { code, stdout } = await qualcheck(['check', file, '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { learners: Learner[]; warnings: { cell: string; message: string }[] };
    const of = (id: string) => {
      const learner = json.learners.find((l) => l.learnerId === id);
      assert.ok(learner, id);
      return { status: learner.status, codes: learner.violations.map((v) => v.code) };
    };
    assert.deepEqual(of('CC001'), { status: 'needs-data', codes: ['ambiguous-header'] });
    assert.deepEqual(of('CC002'), { status: 'needs-data', codes: ['missing-qualification'] });
    assert.deepEqual(of('CC003'), { status: 'needs-data', codes: ['unknown-unit'] });
    assert.deepEqual(of('CC004'), { status: 'achieved', codes: [] });
    assert.ok(json.warnings.some((w) => w.cell === 'A5' && /repeats the header/.test(w.message)));
    assert.ok(
      json.learners.every((l) => l.status !== 'invalid'),
      'no learner made a forbidden choice',
    );
  });
});
