// Whose cell is it, on the fake host: qualcheck remembers what it wrote (a custom XML part), never writes over a cell
// a person changed since, and blames the sheet, not the learner, for the sheet's problems.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCheck } from '../src/cli/check';
import { columnLetters } from '../src/sheet/address';
import { OWNERSHIP_NAMESPACE } from '../src/placement/ownership-record';
import { isOwnershipNamespace, parseOwnership } from '../src/placement/ownership-xml';
import { RESULT_HEADERS, summarise } from '../src/cohort/verdict/results';
import type { CellValue } from '../src/sheet/types';
import { type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { RESULTS_SHEET } from '../src/placement/results-sheet';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { rootNamespace } from './fake-excel/book';
import { fillSheet } from './fake-excel/from-grid';
import { SAMPLE } from './fake-excel/sample';
import { unzipParts } from './support/feature-workbook';
import { gridOfFile } from './support/sheet-grid';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };
const OWNED = [...RESULT_HEADERS, NOT_COUNTED_HEADER];
const MANDATORY = ['D/503/0352', 'T/503/0342'];
const UNITS = [
  ...MANDATORY,
  'H/503/0403',
  'L/503/0394',
  'K/503/0385',
  'F/502/4396',
  'M/502/4300',
  'F/502/4379',
  'A/502/4297',
];

/** Six learners of 600/5106/1: one per row, a mark for each unit they took. */
function cohort(): CellValue[][] {
  const rows: [string, string[], string[]][] = [
    ['CC001', UNITS, []],
    ['CC002', MANDATORY, UNITS.slice(2)],
    ['CC003', MANDATORY, []],
    ['CC004', UNITS.slice(0, 5), []],
    ['CC005', UNITS, []],
    ['CC006', UNITS.slice(0, 6), UNITS.slice(6)],
  ];
  return [
    ['Learner ID', 'Qualification', ...UNITS],
    ...rows.map(([id, achieved, planned]) => [
      id,
      '600/5106/1',
      ...UNITS.map((u) => (achieved.includes(u) ? 'A' : planned.includes(u) ? 'P' : null)),
    ]),
  ];
}

function fakeWith(values: CellValue[][]): { fake: FakeExcel; sheet: FakeSheet } {
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet('Cohort'), { top: 1, left: 1, values });
  return { fake, sheet };
}

function columnOf(sheet: FakeSheet, header: string): number {
  for (let c = 0; c < 200; c++) if (sheet.value(0, c) === header) return c + 1;
  assert.fail(`no column headed ${header}`);
}

describe('ownership of result cells on the fake host', function () {
  this.timeout(60_000);

  it('keeps a cell typed into each owned column on a re-check, sends the results to the results sheet and names the kept cells', async () => {
    const { fake, sheet } = fakeWith(cohort());
    await checkSheet(fake.run, settings);
    assert.equal(fake.book.customXmlParts.length, 1, 'the first check records what it wrote');
    const typed = new Map<string, string>();
    const first = columnOf(sheet, RESULT_HEADERS[0]);
    OWNED.forEach((header, i) => {
      const address = `${columnLetters(columnOf(sheet, header))}3`;
      sheet.put(address, [[`ring Ben on Monday (${i})`]]);
      typed.set(address, `ring Ben on Monday (${i})`);
    });
    const statusCell = `${columnLetters(columnOf(sheet, 'qualcheck: status'))}6`;
    sheet.put(statusCell, [['agreed with IQA: achieved']]);
    typed.set(statusCell, 'agreed with IQA: achieved');
    const before = sheet.snapshot();
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'sheet');
    assert.deepEqual(sheet.snapshot(), before, 'the cohort sheet is left exactly as it was');
    for (const [address, words] of typed) assert.equal(sheet.at(address), words, address);
    const notice = outcome.notices.join(' ');
    // Cells side by side are named as one range.
    const row3 = `${columnLetters(first)}3:${columnLetters(first + OWNED.length - 1)}3`;
    assert.match(
      notice,
      new RegExp(
        `results went to sheet "${RESULTS_SHEET}" because ${typed.size} cells qualcheck wrote were changed since \\((${row3}, ${statusCell}|${statusCell}, ${row3})\\) and were kept`,
      ),
    );
    const results = fake.book.sheet(RESULTS_SHEET);
    assert.ok(results);
    assert.equal(results.at('B2'), 'CC001');
    assert.equal(
      results.at(`${columnLetters(3 + RESULT_HEADERS.indexOf('qualcheck: status'))}2`),
      outcome.checks[0].result.status,
    );
  });

  it('replaces a cell it wrote that nobody touched, and empties its own results below a cohort that got shorter', async () => {
    const values = cohort();
    const { fake, sheet } = fakeWith(values);
    await checkSheet(fake.run, settings);
    const status = columnLetters(columnOf(sheet, 'qualcheck: status'));
    assert.equal(sheet.at(`${status}4`), 'incomplete', 'CC003 has the mandatory units only');
    // CC003 achieves everything: the row's marks change, the status cell is still as qualcheck wrote it.
    sheet.put('C4', [UNITS.map(() => 'A')]);
    // The last learner leaves: their row is cleared but for qualcheck's results.
    sheet.put('A7', [values[6].map(() => null)]);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.equal(sheet.at(`${status}4`), 'achieved');
    assert.equal(sheet.at(`${status}7`), undefined, 'the stale result was emptied');
    assert.match(outcome.notices.join(' '), /earlier check below the last learner were cleared/);
  });

  it('changes nothing when an unchanged sheet is checked twice, and keeps one record', async () => {
    const { fake, sheet } = fakeWith(cohort());
    await checkSheet(fake.run, settings);
    const cells = sheet.snapshot();
    const record = fake.book.customXmlParts[0].xml;
    const second = await checkSheet(fake.run, settings);
    const third = await checkSheet(fake.run, settings);
    assert.equal(second.target, 'columns');
    assert.deepEqual(third.notices, []);
    assert.deepEqual(sheet.snapshot(), cells);
    assert.equal(fake.book.sheets.length, 1, 'no results sheet');
    assert.equal(fake.book.customXmlParts.length, 1);
    assert.equal(fake.book.customXmlParts[0].xml, record);
    const parsed = parseOwnership(record);
    assert.deepEqual(
      parsed?.blocks.map((b) => [b.sheet, b.headerRow, b.firstColumn, b.columns, b.rows]),
      [['Cohort', 1, UNITS.length + 3, OWNED.length, 6]],
    );
  });

  it('without a record, takes a result cell as its own only while it holds what qualcheck would write there', async () => {
    const { fake, sheet } = fakeWith(cohort());
    await checkSheet(fake.run, settings);
    fake.book.customXmlParts.splice(0);
    const status = columnLetters(columnOf(sheet, 'qualcheck: status'));
    // A status word, even a stale one, is qualcheck's vocabulary: replaced, and from now on there is a record.
    sheet.put(`${status}3`, [['invalid']]);
    const first = await checkSheet(fake.run, settings);
    assert.equal(first.target, 'columns', 'a status word in the status column is what qualcheck writes');
    assert.equal(sheet.at(`${status}3`), 'on-track');
    assert.equal(fake.book.customXmlParts.length, 1, 'and from now on there is a record');
    // A person's words are theirs, with or without the record.
    fake.book.customXmlParts.splice(0);
    sheet.put(`${status}3`, [['old words']]);
    const second = await checkSheet(fake.run, settings);
    assert.equal(second.target, 'sheet');
    assert.equal(sheet.at(`${status}3`), 'old words');
    assert.match(second.notices.join(' '), new RegExp(`${status}3 holds your data \\("old words"\\)`));
  });

  it('writes beside the data again once the person clears the cells they typed', async () => {
    const { fake, sheet } = fakeWith(cohort());
    await checkSheet(fake.run, settings);
    const next = columnLetters(columnOf(sheet, 'qualcheck: next step'));
    sheet.put(`${next}2`, [['call the employer']]);
    assert.equal((await checkSheet(fake.run, settings)).target, 'sheet');
    sheet.put(`${next}2`, [[null]]);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.equal(sheet.at(`${next}2`), 'claim the certificate');
  });

  it('keeps its record in a custom XML part in its own namespace, beside parts of other add-ins', async () => {
    const { fake } = fakeWith(cohort());
    fake.book.addCustomXmlPart('<settings xmlns="urn:another-add-in"><x/></settings>');
    await checkSheet(fake.run, settings);
    await checkSheet(fake.run, settings);
    assert.deepEqual(
      fake.book.customXmlParts.map((p) => p.xml.includes(OWNERSHIP_NAMESPACE)),
      [false, true],
    );
    assert.equal(fake.book.customXmlParts[0].xml, '<settings xmlns="urn:another-add-in"><x/></settings>');
  });
});

describe('problems of the sheet on the fake host', function () {
  this.timeout(60_000);

  async function statusOf(
    values: CellValue[][],
    row: number,
  ): Promise<{ status: string; codes: string[]; words: string[] }> {
    const { fake } = fakeWith(values);
    const outcome = await checkSheet(fake.run, settings);
    const check = outcome.checks.find((c) => c.record.row === row);
    assert.ok(check, `row ${row} read`);
    return {
      status: check.result.status,
      codes: check.result.violations.map((v) => v.code),
      words: summarise(outcome.checks).topViolations.map((v) => v.message),
    };
  }

  it('a marked cell under a title two units share is needs-data, ambiguous-header, and the summary says so', async () => {
    const values = cohort();
    values[0].push('Using Email');
    values[1].push('A');
    const { status, codes, words } = await statusOf(values, 2);
    assert.equal(status, 'needs-data');
    assert.ok(codes.includes('ambiguous-header'), codes.join());
    assert.ok(words.includes('a mark under a header that fits several units'), words.join('; '));
    assert.ok(!words.includes('a unit no qualification knows'));
  });

  it('a blank qualification cell is needs-data, missing-qualification', async () => {
    const values = cohort();
    values[2][1] = null;
    const { status, codes } = await statusOf(values, 3);
    assert.equal(status, 'needs-data');
    assert.deepEqual(codes, ['missing-qualification']);
  });

  it('a mark under a header that names no known unit is needs-data, unknown-unit, never achieved', async () => {
    const values = cohort();
    values[0].push('Z/999/9999');
    values[1].push('A');
    const { status, codes } = await statusOf(values, 2);
    assert.equal(status, 'needs-data', 'CC001 has every unit it needs, but a mark is unplaced');
    assert.ok(codes.includes('unknown-unit'));
  });
});

describe('the ownership record of the command line and of the add-in', function () {
  this.timeout(120_000);

  it('is the same parts for a cohort of 600 learners: the head and its parts of rows', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-record-'));
    try {
      // The sample's learners repeated to 600 rows, as a file both hosts read.
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(SAMPLE);
      const sheet = book.getWorksheet('Cohort');
      assert.ok(sheet);
      const rows = sheet.getSheetValues().slice(2).filter(Boolean) as ExcelJS.CellValue[][];
      for (let i = rows.length; i < 600; i++) {
        const row = rows[i % rows.length].slice(1);
        row[0] = `${String(row[0])}-${Math.floor(i / rows.length)}`;
        sheet.addRow(row);
      }
      const file = path.join(tmp, 'c600.xlsx');
      await book.xlsx.writeFile(file);

      const out = path.join(tmp, 'checked.xlsx');
      const cli = await runCheck(file, { out });
      assert.equal(cli.written?.target, 'columns');
      const fromCli = new Map<string, string>();
      for (const [name, data] of await unzipParts(out)) {
        if (!/^customXml\/item\d+\.xml$/.test(name)) continue;
        const namespace = rootNamespace(data.toString('utf8'));
        if (namespace !== undefined && isOwnershipNamespace(namespace)) fromCli.set(namespace, data.toString('utf8'));
      }

      const { grid, sheetName } = await gridOfFile(file);
      const fake = createFakeExcel();
      fillSheet(fake.book.addSheet(sheetName), grid);
      await checkSheet(fake.run, settings);
      const fromAddIn = new Map(fake.book.customXmlParts.map((p) => [rootNamespace(p.xml) ?? '', p.xml]));

      assert.equal(fromCli.size, 4, 'the head and three parts of rows');
      assert.deepEqual(fromAddIn, fromCli);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
