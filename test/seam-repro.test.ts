// The reproducers of ../shared/repro where qualcheck's cells meet a person's (issue 22): a check of each writes its
// copy without losing a cell, a formula or a conditional-format rule of the user's.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCheck } from '../src/cli/check';
import { unzipParts } from './support/feature-workbook';
import { changedCells, sheetCells } from './support/sheet-values';
import { describeNeeding, sharedRepro } from './support/needs';

describeNeeding('seams: where qualcheck writes next to a person (../shared/repro)', [sharedRepro], function () {
  this.timeout(120_000);
  let tmp: string;

  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-seams-'));
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  async function check(name: string) {
    const file = path.join(sharedRepro, name);
    const out = path.join(tmp, 'out.xlsx');
    const run = await runCheck(file, { out });
    return { run, before: await fs.readFile(file), after: await fs.readFile(out), out };
  }

  it("cf-user-rule-dropped: the user's rule in the element with qualcheck's highlight stays, with its priority", async () => {
    const { after } = await check('cf-user-rule-dropped.xlsx');
    const parts = await unzipParts(after);
    const sheet = parts.get('xl/worksheets/sheet3.xml')?.toString('utf8') ?? '';
    const elements = [...sheet.matchAll(/<conditionalFormatting sqref="([^"]+)">(.*?)<\/conditionalFormatting>/g)];
    const userRule = elements.find((e) => e[1] === 'H2:AF15' && e[2].includes('<formula>"A"</formula>'));
    assert.ok(userRule, 'the rule H2:AF15 cellIs ="A" is in the copy');
    assert.match(userRule[2], /^<cfRule type="cellIs" priority="1" operator="equal" dxfId="1">/);
    const highlights = sheet.match(/ISNUMBER\(FIND\(/g) ?? [];
    assert.equal(highlights.length, 1, 'one highlight rule, the new one');
    const statusRules = sheet.match(/<formula>"(achieved|on-track|incomplete|needs-data|invalid)"<\/formula>/g) ?? [];
    assert.equal(statusRules.length, 5, 'one status rule per status');
    // The other rules of the user's are there too.
    assert.ok(sheet.includes('<formula>LEN($A2)=0</formula>'));
    assert.ok(sheet.includes('<colorScale>'));
  });

  it('stale-range-deletes-user-cells: the words below the learners survive and the message names them', async () => {
    const { run, before, after } = await check('stale-range-deletes-user-cells.xlsx');
    const [was, is] = [sheetCells(before, 'Cohort'), sheetCells(after, 'Cohort')];
    assert.equal(is.get('BD19')?.v, 'signed off');
    assert.equal(is.get('BD20')?.v, 'sum check');
    assert.deepEqual(changedCells(was, is), []);
    assert.equal(run.written?.target, 'sheet');
    assert.match(run.written?.reason ?? '', /BD19:BD20/);
  });

  it('formula-no-cached-value-emptied: notes and footers are not learners, and the formula stays', async () => {
    const { run, before, after } = await check('formula-no-cached-value-emptied.xlsx');
    const rows = run.checks.map((c) => c.record.row);
    for (const footer of [50, 51, 59]) assert.ok(!rows.includes(footer), `row ${footer} is not a learner`);
    assert.equal(Math.max(...rows), 48);
    const [was, is] = [sheetCells(before, 'Cohort'), sheetCells(after, 'Cohort')];
    // SheetJS does not keep a formula whose value is empty: the part itself shows it.
    const cohort = (await unzipParts(after)).get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '';
    assert.match(cohort, /<c r="BE55"><f>1\+1<\/f>/);
    assert.equal(is.get('BB53')?.v, 'signed off');
    assert.deepEqual(changedCells(was, is), []);
    assert.ok(run.json.warnings.some((w) => w.cell === 'A50' && /notes or totals/.test(w.message)));
  });

  it("typed-cell-overwritten-no-record: without the record, a person's words in a result cell are kept and named", async () => {
    const { run, before, after } = await check('typed-cell-overwritten-no-record.xlsx');
    const [was, is] = [sheetCells(before, 'Cohort'), sheetCells(after, 'Cohort')];
    assert.equal(is.get('BE7')?.v, 'checked by JS');
    assert.deepEqual(changedCells(was, is), []);
    assert.equal(run.written?.target, 'sheet');
    assert.match(run.written?.reason ?? '', /BE7/);
    // The totals row is not a learner.
    assert.ok(!run.checks.some((c) => c.record.row === 14));
  });
});
