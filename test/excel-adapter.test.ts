// The add-in's Excel adapter, end to end against the fake host: read, check, write back, and what it never touches.
import assert from 'node:assert/strict';
import { runCheck } from '../src/cli/check';
import { columnLetters } from '../src/sheet/address';
import { cohortJson, RESULT_HEADERS, STATUS_STYLE, type CohortJson } from '../src/cohort/verdict/results';
import type { Grid } from '../src/sheet/types';
import { inspectSheet, selectCell, type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { RESULTS_SHEET } from '../src/placement/results-sheet';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import { NOT_COUNTED_STYLE } from '../src/placement/unit-highlight';
import { CheckCancelled, CheckFailed } from '../src/excel/progress';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, FOUR_MB, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { cohortOf, SAMPLE, sampleGrid } from './fake-excel/sample';

const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };
/** Every column the add-in writes on the cohort sheet. */
const OWNED = [...RESULT_HEADERS, NOT_COUNTED_HEADER];

function fakeWith(grid: Grid, name = 'Cohort'): { fake: FakeExcel; sheet: FakeSheet } {
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet(name), grid);
  return { fake, sheet };
}

/** Every cell of the sheet except those in the given columns (1-based). */
function cellsOutside(sheet: FakeSheet, columns: number[]): Map<string, unknown> {
  const letters = new Set(columns.map(columnLetters));
  return new Map([...sheet.snapshot()].filter(([address]) => !letters.has(address.replace(/\d+$/, ''))));
}

function columnOf(sheet: FakeSheet, header: string, headerRow = 1): number {
  for (let c = 0; c < 200; c++) if (sheet.value(headerRow - 1, c) === header) return c + 1;
  assert.fail(`no column headed ${header}`);
}

/** Asserts the owned columns hold, for every learner of the JSON, what the JSON says. */
function assertWrittenMatches(sheet: FakeSheet, json: CohortJson, headerRow = 1, rowOf = (row: number) => row): void {
  const at = (header: string, row: number) => sheet.value(rowOf(row) - 1, columnOf(sheet, header, headerRow) - 1);
  for (const learner of json.learners) {
    assert.equal(at('qualcheck: status', learner.row), learner.status, `status of row ${learner.row}`);
    assert.equal(
      at('qualcheck: achieved credits', learner.row),
      learner.credits.achieved,
      `credits of row ${learner.row}`,
    );
    assert.equal(
      at('qualcheck: credits with planned', learner.row),
      learner.credits.withPlanned,
      `planned credits of row ${learner.row}`,
    );
    const words = learner.violations.map((v) => v.message).join('; ');
    assert.equal(at('qualcheck: violations', learner.row) ?? '', words, `violations of row ${learner.row}`);
  }
}

describe('Excel adapter on the fake host', function () {
  this.timeout(120_000);

  it('writes, for the sample cohort, exactly what the command line reports for the same workbook', async () => {
    const { grid, sheetName } = await sampleGrid();
    const { fake, sheet } = fakeWith(grid, sheetName);
    const outcome = await checkSheet(fake.run, settings);
    const cli = await runCheck(SAMPLE, { json: true });
    const json = cohortJson(outcome.reading, outcome.checks);
    assert.deepEqual(json, cli.json);
    assert.equal(outcome.target, 'columns');
    assertWrittenMatches(sheet, cli.json);
    const first = outcome.reading.lastColumn + 1;
    RESULT_HEADERS.forEach((header, i) => assert.equal(sheet.value(0, first - 1 + i), header));
  });

  it('checks 20 learners, colours the status column by value, and leaves every other cell as it was', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 20));
    const before = sheet.snapshot();
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.checks.length, 20);
    const status = columnOf(sheet, 'qualcheck: status');
    const owned = OWNED.map((h) => columnOf(sheet, h));
    assert.deepEqual(cellsOutside(sheet, owned), before);
    assert.equal(sheet.conditionalFormats.filter((cf) => cf.type === 'CellValue').length, 5);
    for (const learner of outcome.checks) {
      const address = `${columnLetters(status)}${learner.record.row}`;
      assert.deepEqual(sheet.conditionalStyleAt(address), {
        fill: STATUS_STYLE[learner.result.status].fill,
        font: STATUS_STYLE[learner.result.status].font,
      });
    }
    assert.equal(sheet.conditionalStyleAt(`${columnLetters(status - 1)}2`), null, 'only the status column is coloured');
  });

  it("highlights the unit cells that do not count, by one conditional format, and keeps the user's own formats", async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 30));
    // A format of the user's own on the unit columns must survive the add-in's checks.
    sheet.conditionalFormats.push({
      id: 99,
      type: 'ContainsText',
      ranges: [{ row: 1, column: 6, rows: 30, columns: 40 }],
      anchor: { row: 1, column: 6 },
      fill: '#000000',
      textRule: { operator: 'Contains', text: 'zzz' },
    });
    const outcome = await checkSheet(fake.run, settings);
    await checkSheet(fake.run, settings);
    assert.equal(
      sheet.conditionalFormats.filter((cf) => cf.type === 'Custom').length,
      1,
      'one highlight, replaced not added by the second check',
    );
    assert.ok(
      sheet.conditionalFormats.some((cf) => cf.id === 99),
      "the user's format is still there",
    );
    const highlighted = (cell: string) => sheet.conditionalStyleAt(cell)?.fill === NOT_COUNTED_STYLE.fill;
    const wanted = new Set<string>();
    for (const { record, result } of outcome.checks) {
      for (const mark of record.marks) if (result.notCounted.includes(mark.ref)) wanted.add(mark.cell);
      for (const p of record.problems) if (p.code === 'unit-not-in-qualification') wanted.add(p.cell);
    }
    assert.ok(wanted.size >= 4, `sample has ${wanted.size} cells that do not count`);
    for (const column of outcome.reading.unitColumns) {
      for (const { record } of outcome.checks) {
        const cell = `${columnLetters(column.column)}${record.row}`;
        assert.equal(highlighted(cell), wanted.has(cell), `highlight of ${cell}`);
      }
    }
    const helper = columnOf(sheet, NOT_COUNTED_HEADER);
    assert.equal(sheet.value(8, helper - 1), 'F/502/4396', 'row 9 lists the barred unit that does not count');
  });

  it('changes nothing on a second check: same cells, same conditional formats, no new columns', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 20));
    await checkSheet(fake.run, settings);
    const cells = sheet.snapshot();
    const formats = JSON.stringify(sheet.conditionalFormats.map(({ id: _id, ...rest }) => rest));
    await checkSheet(fake.run, settings);
    assert.deepEqual(sheet.snapshot(), cells);
    assert.equal(JSON.stringify(sheet.conditionalFormats.map(({ id: _id, ...rest }) => rest)), formats);
    assert.equal(fake.book.sheets.length, 1);
  });

  it('checks 50,000 learners in chunks: a constant number of syncs per chunk, every request and response under 4 MB', async () => {
    const { grid } = await sampleGrid();
    const big = cohortOf(grid, 50_000);
    const { fake, sheet } = fakeWith(big);
    const before = sheet.snapshot();
    const started = Date.now();
    const outcome = await checkSheet(fake.run, settings);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(outcome.checks.length, 50_000);
    const writes = fake.stats.syncs.filter((s) => s.writes > 0 && s.calculationSuspended).length;
    const chunks = outcome.read.chunks + writes;
    assert.ok(outcome.read.chunks >= 4, `read in ${outcome.read.chunks} chunks`);
    assert.ok(writes >= 5, `written in ${writes} chunks`);
    // Setup: up to 2 syncs to locate the block, up to 2 to read the ownership record, 1 to check the target, 3 for
    // the formats, 2 to store the record; then one sync per chunk.
    assert.ok(fake.stats.count <= chunks + 10, `${fake.stats.count} syncs for ${chunks} chunks`);
    assert.ok(fake.stats.maxRequestBytes < FOUR_MB, `largest request ${fake.stats.maxRequestBytes} bytes`);
    assert.ok(fake.stats.maxResponseBytes < FOUR_MB, `largest response ${fake.stats.maxResponseBytes} bytes`);
    assert.ok(
      fake.stats.syncs.filter((s) => s.writes > 0 && s.requestBytes > 100_000).every((s) => s.calculationSuspended),
      'calculation suspended for large writes',
    );
    const owned = OWNED.map((h) => columnOf(sheet, h));
    assert.deepEqual(cellsOutside(sheet, owned), before);
    assertWrittenMatches(sheet, cohortJson(outcome.reading, outcome.checks));
    assert.ok(seconds < 90, `took ${seconds}s`);
  });

  it("writes right of a column of the user's own notes, leaving the notes as they are", async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 20));
    const notes = grid.values[0].length + 2;
    sheet.setValue(0, notes - 1, 'Notes');
    sheet.setValue(6, notes - 1, 'called on Monday');
    const before = sheet.snapshot();
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.target, 'columns');
    assert.equal(columnOf(sheet, RESULT_HEADERS[0]), notes + 1);
    assert.deepEqual(
      cellsOutside(
        sheet,
        OWNED.map((h) => columnOf(sheet, h)),
      ),
      before,
    );
  });

  it('sends the results to a results sheet when the user typed into a column the results need, and says which cell', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 20));
    const first = grid.values[0].length + 1;
    sheet.setValue(0, first - 1, RESULT_HEADERS[0]);
    sheet.setValue(6, first + 1, 'my note');
    const before = sheet.snapshot();
    const outcome = await checkSheet(fake.run, settings);
    assert.deepEqual(sheet.snapshot(), before, 'the cohort sheet is left exactly as it was');
    assert.equal(outcome.target, 'sheet');
    assert.match(outcome.notices.join(' '), new RegExp(`${columnLetters(first + 2)}7 holds your data`));
    const results = fake.book.sheet(RESULTS_SHEET)!;
    assert.ok(results);
    assert.equal(results.at('A1'), 'Row');
    assert.equal(results.at('C1'), RESULT_HEADERS[0]);
    const json = cohortJson(outcome.reading, outcome.checks);
    json.learners.forEach((learner, i) => {
      assert.equal(results.value(i + 1, 0), learner.row);
      assert.equal(results.value(i + 1, 1), learner.learnerId);
    });
    const rowOf = new Map(json.learners.map((l, i) => [l.row, i + 2]));
    assertWrittenMatches(results, json, 1, (row) => rowOf.get(row)!);
    const statusCell = `${columnLetters(3 + RESULT_HEADERS.indexOf('qualcheck: status'))}2`;
    assert.deepEqual(results.conditionalStyleAt(statusCell)?.fill, STATUS_STYLE[json.learners[0].status].fill);
    await checkSheet(fake.run, settings);
    assert.equal(fake.book.sheets.length, 2, 'a second check reuses its results sheet');
  });

  it('keeps learner ids as text on a results sheet, so leading zeros survive', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 3);
    cohort.values[1][0] = '00042';
    const { fake } = fakeWith(cohort);
    await checkSheet(fake.run, { ...settings, place: 'sheet' });
    assert.equal(fake.book.sheet(RESULTS_SHEET)!.at('B2'), '00042');
  });

  it('never clears a sheet named like the results sheet that holds other data', async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 3));
    fake.book.addSheet(RESULTS_SHEET).put('A1', [['my own sheet']]);
    await checkSheet(fake.run, { ...settings, place: 'sheet' });
    assert.equal(fake.book.sheet(RESULTS_SHEET)!.at('A1'), 'my own sheet');
    assert.equal(fake.book.sheet(`${RESULTS_SHEET} 2`)!.at('C1'), RESULT_HEADERS[0]);
  });

  it('clears its own results below the last learner when the cohort gets shorter', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 20));
    await checkSheet(fake.run, settings);
    const status = columnOf(sheet, 'qualcheck: status');
    assert.notEqual(sheet.value(20, status - 1), undefined);
    for (let c = 0; c < grid.values[0].length; c++) sheet.setValue(20, c, undefined);
    const outcome = await checkSheet(fake.run, settings);
    assert.equal(outcome.checks.length, 19);
    assert.equal(sheet.value(20, status - 1), undefined, 'row 21 no longer has a status');
    assert.match(outcome.notices.join(' '), /cleared/);
  });

  it('says the sheet is protected and writes nothing', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 5));
    sheet.protected = true;
    const before = sheet.snapshot();
    await assert.rejects(checkSheet(fake.run, settings), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, /Sheet "Cohort" is protected/);
      assert.match(error.message, /Nothing was written/);
      assert.equal(error.written, null);
      return true;
    });
    assert.deepEqual(sheet.snapshot(), before);
  });

  it('refuses a sheet stretched by a stray cell at XFD1048576, naming it and what to do, before reading a chunk', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 5));
    sheet.put('XFD1048576', [['stray']]);
    const before = sheet.snapshot();
    await assert.rejects(checkSheet(fake.run, settings), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(
        error.message,
        /sheet "Cohort": its used cells run to XFD1048576 \(1,048,576 rows by 16,384 columns\).*Ctrl\+End to find the stray cell/,
      );
      assert.equal(error.written, null);
      return true;
    });
    assert.deepEqual(sheet.snapshot(), before);
    assert.ok(
      fake.stats.maxResponseBytes < 100_000,
      `no chunk was read (largest response ${fake.stats.maxResponseBytes} bytes)`,
    );
  });

  it('refuses a rules sheet stretched by a stray cell the same way, instead of asking Excel for all of it', async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 5));
    fake.book
      .addSheet('Qualification rules')
      .put('A1', [['Qualification', '600/5106/1']])
      .put('XFD1048576', [['stray']]);
    await assert.rejects(inspectSheet(fake.run, settings), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, /sheet "Qualification rules": its used cells run to XFD1048576.*Ctrl\+End/);
      return true;
    });
    assert.ok(fake.stats.maxResponseBytes < 100_000, `largest response ${fake.stats.maxResponseBytes} bytes`);
  });

  it('names the rows written when a merged cell stops the write part-way', async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 30));
    const last = grid.values[0].length;
    fake.book.sheet('Cohort')!.merge(`${columnLetters(last)}25:${columnLetters(last + 1)}25`);
    await assert.rejects(checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } }), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, /merged cell/);
      assert.match(error.message, /rows 2–21 were written/);
      assert.match(error.message, /Rows 22–31 were not/);
      assert.equal(error.written?.lastRow, 21);
      return true;
    });
  });

  it('stops when the sheet changes during the check, saying which rows were written', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 30));
    let writes = 0;
    fake.book.beforeSync = () => {
      if (fake.stats.syncs.some((s) => s.writes > 0) && writes++ === 0) sheet.setValue(14, 0, 'SORTED-AWAY');
    };
    await assert.rejects(checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } }), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(
        error.message,
        /sheet changed while the check ran \(A15 was "[^"]+" when the check read it and is "SORTED-AWAY" now\)/,
      );
      assert.match(error.message, /rows 2–11 were written; rows 12–31 were not/);
      return true;
    });
  });

  it('says to leave cell editing when Excel is editing a cell', async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 3));
    fake.book.editingCell = true;
    await assert.rejects(checkSheet(fake.run, settings), /Press Enter or Esc/);
  });

  it('cancels between chunks and reports the rows already written', async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 30));
    const controller = new AbortController();
    const check = checkSheet(fake.run, settings, {
      signal: controller.signal,
      tuning: { maxChunkRows: 10 },
      onProgress: (p) => {
        if (p.phase === 'writing' && p.done >= 10) controller.abort();
      },
    });
    await assert.rejects(check, (error: unknown) => {
      assert.ok(error instanceof CheckCancelled);
      assert.equal(error.written?.lastRow, 11);
      assert.match(error.message, /rows 2–11 were written/);
      return true;
    });
  });

  it('colours the status cells a cancelled check wrote, records them as its own, and says what the rows below hold', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 30));
    const cancelAfter = async (rows: number) => {
      const controller = new AbortController();
      const check = checkSheet(fake.run, settings, {
        signal: controller.signal,
        tuning: { maxChunkRows: 10 },
        onProgress: (p) => {
          if (p.phase === 'writing' && p.done >= rows) controller.abort();
        },
      });
      return check.then(
        () => assert.fail('the check was not cancelled'),
        (error: unknown) => {
          assert.ok(error instanceof CheckCancelled);
          return error;
        },
      );
    };

    // A first-ever check: there are no earlier results below the rows written.
    const first = await cancelAfter(10);
    assert.match(first.message, /rows 2–11 were written and coloured/);
    assert.match(first.message, /the rows below them have no results yet/);
    const status = columnOf(sheet, 'qualcheck: status');
    const written = (row: number) => sheet.value(row - 1, status - 1);
    for (let row = 2; row <= 11; row++) {
      const word = written(row);
      assert.ok(typeof word === 'string' && word in STATUS_STYLE, `a status was written on row ${row}`);
      assert.deepEqual(
        sheet.conditionalStyleAt(`${columnLetters(status)}${row}`),
        {
          fill: STATUS_STYLE[word as keyof typeof STATUS_STYLE].fill,
          font: STATUS_STYLE[word as keyof typeof STATUS_STYLE].font,
        },
        `row ${row} is coloured`,
      );
    }
    assert.equal(written(12) ?? null, null, 'row 12 was not reached');
    assert.equal(sheet.conditionalStyleAt(`${columnLetters(status)}12`), null);

    // The next check finds the cells the cancelled one wrote to be qualcheck's: it writes over them, beside the data.
    const full = await checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } });
    assert.equal(full.target, 'columns');
    assert.deepEqual(full.notices, []);

    // Cancelled after a finished check, with a learner of row 3 changed so the cells written there change too: the
    // rows below keep that check's results, and stay qualcheck's, and so do the new cells of row 3.
    const credits = columnOf(sheet, 'qualcheck: achieved credits');
    const before = sheet.value(2, credits - 1);
    const unit = (sheet.cells[2] ?? []).findIndex((v, c) => c < status - 1 && c > 0 && (v === 'A' || v === 'a'));
    assert.ok(unit > 0, 'row 3 has an achieved unit');
    sheet.setValue(2, unit, undefined);
    const again = await cancelAfter(10);
    assert.notEqual(sheet.value(2, credits - 1), before, 'the cancelled check wrote new credits on row 3');
    assert.match(again.message, /the rows below them keep the results of the earlier check/);
    const last = await checkSheet(fake.run, settings, { tuning: { maxChunkRows: 10 } });
    assert.equal(last.target, 'columns');
    assert.deepEqual(last.notices, []);
    assert.equal(written(31), full.checks[29].result.status);
  });

  it('reads number formats only where a cell holds a number, and still tells a date from a number in every chunk', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 60);
    // A date in a unit cell of a late row, in a column that holds no number anywhere else: its format comes a sync later.
    const unitColumn = cohort.values[0].indexOf('L/601/0933');
    cohort.values[55][unitColumn] = new Date(Date.UTC(2014, 2, 3));
    const { fake } = fakeWith(cohort);
    const { read, reading } = await inspectSheet(fake.run, settings, {
      tuning: { maxChunkRows: 20, firstChunkCells: 470 },
    });
    assert.ok(read.chunks >= 3, `${read.chunks} chunks`);
    const formats = read.grid.numberFormats ?? [];
    read.grid.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (typeof value === 'number') assert.ok(formats[r]?.[c] !== undefined, `format of number cell ${r},${c} read`);
        else assert.equal(formats[r]?.[c], undefined, `format of ${String(value)} at ${r},${c} not read`);
      }),
    );
    const datedLearner = reading.learners.find((l) => l.row === 56);
    const unitRef = String(cohort.values[0][unitColumn]);
    assert.ok(datedLearner?.achieved.includes(unitRef), `row 56 has ${unitRef} achieved`);
  });

  it('reads hidden rows and columns, with at most one extra sync per chunk', async () => {
    const { grid } = await sampleGrid();
    const { fake, sheet } = fakeWith(cohortOf(grid, 30));
    sheet.hiddenRows.add(4);
    sheet.hiddenColumns.add(2);
    const { read, reading } = await inspectSheet(fake.run, settings, {
      tuning: { maxChunkRows: 10, firstChunkCells: 460 },
    });
    assert.deepEqual(read.grid.hiddenRows, [5]);
    assert.deepEqual(read.grid.hiddenColumns, [3]);
    assert.equal(reading.hiddenRows, 1);
    assert.ok(fake.stats.count <= 2 + 2 * read.chunks, `${fake.stats.count} syncs for ${read.chunks} chunks`);
  });

  it('reads only the selected table and writes beside it', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 10);
    const { fake, sheet } = fakeWith({ ...cohort, top: 3, left: 2 });
    sheet.put('A1', [['Cohort 2024 — tracker']]);
    sheet.addTable('Learners', `B3:${columnLetters(1 + cohort.values[0].length)}13`);
    fake.book.select('Cohort', 'C5');
    const outcome = await checkSheet(fake.run, { ...settings, scope: 'selection' });
    assert.match(outcome.read.source, /^table Learners/);
    assert.equal(outcome.reading.headerRow, 3);
    assert.equal(outcome.checks.length, 10);
    assert.equal(sheet.value(2, 1 + cohort.values[0].length), RESULT_HEADERS[0]);
    assertWrittenMatches(sheet, cohortJson(outcome.reading, outcome.checks), 3);
  });

  it('says no learners were found on a sheet that is not a cohort, and writes nothing', async () => {
    const fake = createFakeExcel();
    const sheet = fake.book.addSheet('Notes').put('A1', [['Shopping'], ['milk']]);
    const before = sheet.snapshot();
    await assert.rejects(checkSheet(fake.run, settings), /No learners found on sheet "Notes"/);
    assert.deepEqual(sheet.snapshot(), before);
  });

  it("will not read its own results sheet as a cohort: with that sheet active it says to open the learners' sheet, and writes nothing", async () => {
    const { grid } = await sampleGrid();
    const { fake } = fakeWith(cohortOf(grid, 3));
    await checkSheet(fake.run, { ...settings, place: 'sheet' });
    // The pane's "Results written to" link selects the results, so the results sheet is what a next check finds active.
    await selectCell(fake.run, RESULTS_SHEET, 'A1');
    const results = fake.book.sheet(RESULTS_SHEET)!;
    const before = results.snapshot();
    for (const attempt of [() => inspectSheet(fake.run, settings), () => checkSheet(fake.run, settings)]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof CheckFailed);
        assert.match(
          error.message,
          /^Sheet "qualcheck results" is where qualcheck writes a cohort's results, not a cohort of learners\. Open the sheet with your learners/,
        );
        return true;
      });
    }
    assert.deepEqual(results.snapshot(), before);
  });

  it('selects the cell a reading warning names', async () => {
    const fake = createFakeExcel();
    fake.book.addSheet('Other');
    fake.book.addSheet('Cohort');
    await selectCell(fake.run, 'Cohort', 'D7');
    assert.equal(fake.book.activeSheet, 'Cohort');
    assert.deepEqual(fake.book.selection, { sheet: 'Cohort', rect: { row: 6, column: 3, rows: 1, columns: 1 } });
  });

  it('keeps chunks under the payload limit when cells hold long texts', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 400);
    cohort.values[0] = [...cohort.values[0], 'Notes'];
    for (let r = 1; r < cohort.values.length; r++) cohort.values[r] = [...cohort.values[r], 'n'.repeat(3000)];
    const fake = createFakeExcel(undefined, { limitBytes: 600_000 });
    fillSheet(fake.book.addSheet('Cohort'), cohort);
    const outcome = await checkSheet(fake.run, settings, { tuning: { targetBytes: 300_000 } });
    assert.equal(outcome.checks.length, 400);
    // The first chunk is sized before any text is seen; Excel refuses it, and the adapter reads it again in halves.
    const refused = fake.stats.syncs.filter((s) => s.failed);
    assert.ok(refused.length <= 2 && refused.every((s) => s.writes === 0), JSON.stringify(refused));
    const served = fake.stats.syncs.filter((s) => !s.failed);
    assert.ok(served.every((s) => s.responseBytes < 600_000 && s.requestBytes < 600_000));
  });
});
