// Sheets that look like a cohort and are not one: a pivot table (a pivotTable part related to the sheet) and a table
// whose every row is a total. Each is refused with a line that says why; a workbook's real cohort is still found.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { qualcheck } from './support/cli';
import { describeNeeding, sharedPath } from './support/needs';
import { workbookPackage } from './support/xlsx-package';
import { tempFolder } from './support/temp-folder';

const PIVOT = sharedPath('xlsx-corpus', 'files', 'SheetJS+test_files', 'pivot_table_named_range.xlsx');

async function refusal(args: string[]): Promise<string> {
  const run = await qualcheck(args);
  assert.equal(run.code, 2, run.stdout);
  assert.equal(run.stdout, '');
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  return lines[0];
}

describeNeeding('a pivot table is not a cohort (pivot_table_named_range.xlsx, saved by Excel)', [PIVOT], function () {
  this.timeout(60_000);

  it('is passed over when qualcheck looks for the cohort, and the refusal says why', async () => {
    const line = await refusal(['check', PIVOT, '--json']);
    assert.match(line, /no sheet holds a cohort; sheet "PTWithLabelFilter": it holds a pivot table/);
  });

  it('is refused when named, as "PTTable" (once read as a 10267 cohort with "Grand Total" a learner)', async () => {
    const line = await refusal(['check', PIVOT, '--sheet', 'PTTable', '--out', path.join(os.tmpdir(), 'never.xlsx')]);
    assert.match(line, /sheet "PTTable": it holds a pivot table, a summary Excel makes of other data/);
  });
});

describe('a table of totals is not a cohort', function () {
  this.timeout(60_000);
  const tmp = tempFolder('totals');

  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const sheet = (rows: string[][]) =>
    `<sheetData>${rows
      .map((cells, r) => `<row r="${r + 1}">${cells.map((t, c) => cell(`${'ABC'[c]}${r + 1}`, t)).join('')}</row>`)
      .join('')}</sheetData>`;
  const header = ['Learner ID', 'Qualification', 'L/601/0933'];

  it('is refused with the totals it found, and the sheet of learners beside it is checked', async () => {
    const file = path.join(tmp(), 'totals.xlsx');
    const totals = sheet([header, ['Total', '600/5106/1', '3'], ['Grand Total', '600/5106/1', '5']]);
    await fs.writeFile(file, await workbookPackage({ sheets: [{ name: 'Summary', xml: totals }] }));
    const line = await refusal(['check', file]);
    assert.match(
      line,
      /sheet "Summary": every row under the header is a total \("Total", "Grand Total"\), not a learner/,
    );

    const both = path.join(tmp(), 'both.xlsx');
    const learners = sheet([header, ['L1', '600/5106/1', 'A'], ['L2', '600/5106/1', 'P']]);
    await fs.writeFile(
      both,
      await workbookPackage({
        sheets: [
          { name: 'Summary', xml: totals },
          { name: 'Cohort', xml: learners },
        ],
      }),
    );
    const run = await qualcheck(['check', both]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /sheet "Cohort": 2 learners/);
  });
});
