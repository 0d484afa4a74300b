// The registration export through the add-in's Excel adapter, on the fake host: a sheet of its own in the bulk
// registration template's columns, every cell text, the same learners as the command line's CSV.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runRegister } from '../src/cli/register';
import { inspectSheet, type CheckSettings } from '../src/excel/active-sheet';
import { CheckFailed } from '../src/excel/progress';
import { isRegistrationHeader, REGISTRATION_SHEET, writeRegistrationSheet } from '../src/excel/registration-sheet';
import { checkRegistration } from '../src/registration/learner-problems';
import { REGISTRATION_COLUMNS, registrationRows } from '../src/registration';
import { routeCheck } from '../src/registration/route';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { SAMPLE, sampleGrid } from './fake-excel/sample';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };
const HEADER = [...REGISTRATION_COLUMNS];
const ROWS = [
  HEADER,
  ['CC002', '9276308686', 'Zoë', "O'Neill", '01/06/1990', 'F', '600/5106/1'],
  ['CC003', '', 'Sam', 'Lee', '12/11/1985', '', '600/5106/1'],
];

function sheetRows(
  sheet: FakeSheet,
  rows: number,
  columns = HEADER.length,
): (string | number | boolean | undefined)[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => sheet.value(r, c)));
}

function asWritten(rows: string[][]): (string | undefined)[][] {
  return rows.map((row) => row.map((v) => (v === '' ? undefined : v)));
}

async function sampleWorkbook(): Promise<{ fake: FakeExcel; cohort: FakeSheet; sheetName: string }> {
  const { grid, sheetName } = await sampleGrid();
  const fake = createFakeExcel();
  const cohort = fillSheet(fake.book.addSheet(sheetName), grid);
  return { fake, cohort, sheetName };
}

describe('the registration sheet through the Excel adapter', function () {
  this.timeout(60_000);

  it('writes the ready learners on a new sheet as text, so the ULN and dates stay as written, and leaves the cohort alone', async () => {
    const { fake, cohort, sheetName } = await sampleWorkbook();
    const before = cohort.snapshot();
    const written = await writeRegistrationSheet(fake.run, ROWS, sheetName);
    assert.deepEqual(written, { sheetName: REGISTRATION_SHEET, range: 'A1:G3', learners: 2, replaced: false });
    const sheet = fake.book.sheet(REGISTRATION_SHEET)!;
    assert.deepEqual(sheetRows(sheet, 3), asWritten(ROWS));
    assert.equal(typeof sheet.at('B2'), 'string', 'the ULN is text, not a number');
    assert.equal(sheet.formatAt('B2'), '@');
    assert.equal(sheet.formatAt('E3'), '@');
    assert.deepEqual(cohort.snapshot(), before);
    assert.equal(fake.book.activeSheet, sheetName, 'the cohort stays in front');
  });

  it('replaces its own earlier export of the same name, leaving no rows of the old one', async () => {
    const { fake, sheetName } = await sampleWorkbook();
    const longer = [...ROWS, ['CC004', '', 'Ann', 'Bell', '02/02/1980', 'F', '600/5106/1']];
    await writeRegistrationSheet(fake.run, longer, sheetName);
    const written = await writeRegistrationSheet(fake.run, ROWS, sheetName);
    assert.equal(written.replaced, true);
    assert.equal(written.sheetName, REGISTRATION_SHEET);
    const sheet = fake.book.sheet(REGISTRATION_SHEET)!;
    assert.deepEqual(sheetRows(sheet, 4), [...asWritten(ROWS), new Array(HEADER.length).fill(undefined)]);
    assert.equal(fake.book.sheets.length, 2);
  });

  it('never writes over a sheet of that name that holds other data: it takes the next name', async () => {
    const { fake, sheetName } = await sampleWorkbook();
    const theirs = fake.book.addSheet(REGISTRATION_SHEET).put('A1', [['Our own list'], ['keep me']]);
    const before = theirs.snapshot();
    const written = await writeRegistrationSheet(fake.run, ROWS, sheetName);
    assert.equal(written.sheetName, `${REGISTRATION_SHEET} 2`);
    assert.deepEqual(theirs.snapshot(), before);
    assert.deepEqual(sheetRows(fake.book.sheet(`${REGISTRATION_SHEET} 2`)!, 3), asWritten(ROWS));
  });

  it('never writes on the cohort sheet, even one named like the export that has the template header', async () => {
    const fake = createFakeExcel();
    const cohort = fake.book
      .addSheet(REGISTRATION_SHEET)
      .put('A1', [HEADER, ['X1', '', 'A', 'B', '01/01/1990', '', '600/5106/1']]);
    const before = cohort.snapshot();
    const written = await writeRegistrationSheet(fake.run, ROWS, REGISTRATION_SHEET);
    assert.equal(written.sheetName, `${REGISTRATION_SHEET} 2`);
    assert.deepEqual(cohort.snapshot(), before);
  });

  it('says a protected earlier export cannot be replaced, and writes nothing', async () => {
    const { fake, sheetName } = await sampleWorkbook();
    await writeRegistrationSheet(fake.run, ROWS, sheetName);
    const sheet = fake.book.sheet(REGISTRATION_SHEET)!;
    sheet.protected = true;
    const before = sheet.snapshot();
    await assert.rejects(writeRegistrationSheet(fake.run, ROWS.slice(0, 2), sheetName), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, /is protected.*Nothing was written/);
      return true;
    });
    assert.deepEqual(sheet.snapshot(), before);
  });

  it('says so when every name it may use holds other data', async () => {
    const { fake, sheetName } = await sampleWorkbook();
    for (const suffix of ['', ' 2', ' 3', ' 4', ' 5', ' 6', ' 7', ' 8', ' 9'])
      fake.book.addSheet(`${REGISTRATION_SHEET}${suffix}`).put('A1', [['mine']]);
    await assert.rejects(writeRegistrationSheet(fake.run, ROWS, sheetName), /all hold other data/);
  });

  it('knows its own header and no other', () => {
    assert.equal(isRegistrationHeader(HEADER), true);
    assert.equal(isRegistrationHeader([...HEADER.slice(0, 6), 'Qualification']), false);
    assert.equal(isRegistrationHeader(undefined), false);
  });

  it('exports, for the sample cohort read from the fake host, the same rows as the command line writes to its CSV', async () => {
    const { fake, sheetName } = await sampleWorkbook();
    const date = '2013-06-01';
    const { reading } = await inspectSheet(fake.run, settings);
    const rows = registrationRows(checkRegistration(reading.learners, { date, unitCheck: routeCheck }));
    const written = await writeRegistrationSheet(fake.run, rows, sheetName);

    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-excel-reg-'));
    try {
      const out = path.join(tmp, 'registrations.csv');
      await runRegister(SAMPLE, { date, out }, () => undefined);
      const csv = parse(await fs.readFile(out, 'utf8'), { bom: true }) as string[][];
      assert.equal(written.learners, csv.length - 1);
      assert.ok(written.learners > 0 && written.learners < reading.learners.length, 'some learners are held back');
      assert.deepEqual(sheetRows(fake.book.sheet(written.sheetName)!, csv.length), asWritten(csv));
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
