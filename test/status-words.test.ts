// One vocabulary of status words (README, Statuses): on the sample cohort every learner's status reads the same in
// the result column `check --out` writes, its conditional formats, the command line's table, the QUALCHECK.STATUS
// function, the pane's chip and the README; `check --json` carries the stable code.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { STATUSES, type CohortJson } from '../src/cohort/verdict/results';
import * as fx from '../src/functions/functions';
import type { Status } from '../src/rules/model/model';
import { STATUS_LABEL } from '../src/taskpane/status-words';
import { SAMPLE, sampleGrid } from './fake-excel/sample';
import { qualcheck, repoRoot } from './support/cli';
import { cellOf, excelRow, installCustomFunctions } from './support/custom-functions';
import { unzipParts } from './support/feature-workbook';
import { gridOfFile } from './support/sheet-grid';
import { tempFolder } from './support/temp-folder';

describe('status words on every surface of the sample cohort', function () {
  this.timeout(60_000);
  const tmp = tempFolder('words');
  before(async () => {
    installCustomFunctions();
  });

  it('are the same in the result column, its formats, the table, QUALCHECK.STATUS, the pane and the README', async () => {
    const jsonRun = await qualcheck(['check', SAMPLE, '--json']);
    const json = JSON.parse(jsonRun.stdout) as CohortJson;
    const out = path.join(tmp(), 'checked.xlsx');
    const tableRun = await qualcheck(['check', SAMPLE, '--out', out, '--all']);
    assert.equal(tableRun.code, 0, tableRun.stderr);

    // The command line's table: "Row  Learner  Qualification  Status ..." rows, read by the header's columns.
    const lines = tableRun.stdout.split('\n');
    const headerAt = lines.findIndex((l) => l.startsWith('Row '));
    const statusFrom = lines[headerAt].indexOf('Status');
    const table = new Map<number, string>();
    for (const line of lines.slice(headerAt + 2)) {
      if (!/^\d/.test(line)) break;
      table.set(Number(line.split(' ')[0]), line.slice(statusFrom).split(/\s+/)[0]);
    }

    // The result column and the conditional formats on it.
    const { grid } = await gridOfFile(out);
    const statusColumn = grid.values[0].indexOf('qualcheck: status');
    assert.ok(statusColumn >= 0);
    const sheetXml = [...(await unzipParts(await fs.readFile(out))).entries()]
      .filter(([name]) => /worksheets\/sheet\d+\.xml$/.test(name))
      .map(([, bytes]) => bytes.toString('utf8'))
      .join('');
    const formatted = [...sheetXml.matchAll(/<cfRule type="cellIs"[^>]*><formula>"([^"]+)"<\/formula>/g)].map(
      (m) => m[1],
    );

    // QUALCHECK.STATUS on the learner's row of the sample, as Excel calls it.
    const { grid: sample } = await sampleGrid();
    const width = sample.values[0].length;
    const formula = (row: number) =>
      cellOf(fx.status)(
        excelRow(sample.values[0], 1, width),
        excelRow(sample.values[row - sample.top], 1, width),
        null,
        null as unknown as unknown[][],
        { parameterAddresses: ['', ''] } as unknown as CustomFunctions.Invocation,
      );

    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const seen = new Set<Status>();
    for (const learner of json.learners) {
      const status = learner.status as Status;
      const word = STATUS_LABEL[status];
      const who = `row ${learner.row}`;
      seen.add(status);
      assert.equal(grid.values[learner.row - grid.top][statusColumn], word, `${who}: result column`);
      assert.equal(table.get(learner.row), word, `${who}: the command line's table`);
      const fromFormula = formula(learner.row);
      if (typeof fromFormula === 'string') assert.equal(fromFormula, word, `${who}: QUALCHECK.STATUS`);
      assert.ok(formatted.includes(word), `${who}: a conditional format for "${word}"`);
      assert.match(readme, new RegExp(`\\| \`${word}\` \\|`), `the README's table of statuses says "${word}"`);
      // The JSON's code is stable: the status as the engine names it.
      assert.ok(STATUSES.includes(status), `${who}: ${learner.status} is a status code`);
    }
    assert.deepEqual([...seen].sort(), [...STATUSES].sort(), 'the sample has every status');
  });
});
