// The QUALCHECK worksheet functions called as Excel calls them (one-row ranges as 2-D arrays, dates as serial
// numbers, the parameter addresses Excel gives) on every learner of the sample cohort, against `check --json` and
// the result columns `check --out` writes for the same row.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { columnLetters } from '../src/sheet/address';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import type { CohortJson, LearnerJson } from '../src/cohort/verdict/results';
import type { CellValue, Grid } from '../src/sheet/types';
import * as functions from '../src/functions/functions';
import { formulaResult } from '../src/functions/learner-formula';
import { FunctionSession } from '../src/functions/session';
import { SAMPLE, sampleGrid } from './fake-excel/sample';
import { qualcheck } from './support/cli';
import { cellOf, excelRow, FakeExcelError, installCustomFunctions } from './support/custom-functions';
import { gridOfFile } from './support/sheet-grid';

type Cells = (string | number | boolean)[][];

/** The functions as a cell shows them: the value inside the 1 x 1 array each gives Excel. */
const fx = {
  status: cellOf(functions.status),
  credits: cellOf(functions.credits),
  nextStep: cellOf(functions.nextStep),
  violations: cellOf(functions.violations),
};

/** What Excel passes as the invocation of a function whose metadata asks for parameter addresses. */
function invocation(...addresses: (string | undefined)[]): CustomFunctions.Invocation {
  return { parameterAddresses: addresses.map((a) => a ?? '') } as CustomFunctions.Invocation;
}

function range(sheet: string, from: number, to: number, row: number): string {
  return `${sheet}!$${columnLetters(from)}$${row}:$${columnLetters(to)}$${row}`;
}

async function checkJson(file: string): Promise<CohortJson> {
  const run = await qualcheck(['check', file, '--json']);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as CohortJson;
}

/** The result columns `check --out` writes, by header, for each sheet row. */
async function resultColumns(file: string, tmp: string): Promise<Map<number, Record<string, CellValue>>> {
  const out = path.join(tmp, `${path.basename(file, '.xlsx')}-checked.xlsx`);
  const run = await qualcheck(['check', file, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  const { grid } = await gridOfFile(out);
  const header = grid.values[0].map((v) => (typeof v === 'string' ? v : ''));
  const rows = new Map<number, Record<string, CellValue>>();
  grid.values.slice(1).forEach((row, i) => {
    const cells: Record<string, CellValue> = {};
    for (const name of RESULT_HEADERS) {
      const c = header.indexOf(name);
      assert.ok(c >= 0, `${name} written`);
      cells[name] = row[c] ?? '';
    }
    rows.set(grid.top + 1 + i, cells);
  });
  return rows;
}

function isUnknownQualification(learner: LearnerJson): boolean {
  return learner.violations.some((v) => v.code === 'unknown-qualification');
}

function assertValueError(value: unknown, message: RegExp): void {
  assert.ok(value instanceof FakeExcelError, `expected an Excel error, got ${JSON.stringify(value)}`);
  assert.equal(value.code, '#VALUE!');
  assert.match(value.message ?? '', message);
}

describe('QUALCHECK worksheet functions', function () {
  this.timeout(60_000);
  let grid: Grid;
  let sheet: string;
  let width: number;
  let json: CohortJson;
  let columns: Map<number, Record<string, CellValue>>;
  let tmp: string;

  before(async () => {
    // The functions reach for Excel's CustomFunctions global only when they return an error.
    installCustomFunctions();
    ({ grid, sheetName: sheet } = await sampleGrid());
    width = grid.values[0].length;
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-functions-'));
    [json, columns] = await Promise.all([checkJson(SAMPLE), resultColumns(SAMPLE, tmp)]);
    assert.equal(json.learners.length, grid.values.length - 1);
  });

  after(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  /** Every function on one learner, with `headers` and `marks` cut from the sheet's columns `from` to `to`. */
  function call(row: number, from: number, to: number, qualification: unknown = null) {
    const headers: Cells = excelRow(grid.values[0], from, to);
    const marks: Cells = excelRow(grid.values[row - grid.top], from, to);
    const at = invocation(range(sheet, from, to, 1), range(sheet, from, to, row));
    return {
      status: fx.status(headers, marks, qualification, null as unknown as unknown[][], at),
      achieved: fx.credits(headers, marks, qualification, null, null as unknown as unknown[][], at),
      planned: fx.credits(headers, marks, qualification, 'planned', null as unknown as unknown[][], at),
      level: fx.credits(headers, marks, qualification, 'level', null as unknown as unknown[][], at),
      nextStep: fx.nextStep(headers, marks, qualification, null as unknown as unknown[][], at),
      violations: fx.violations(headers, marks, qualification, null as unknown as unknown[][], at),
    };
  }

  function assertSameAsCheck(learner: LearnerJson, got: ReturnType<typeof call>): void {
    const written = columns.get(learner.row);
    assert.ok(written, `row ${learner.row} written by check --out`);
    const who = `${learner.learnerId} (row ${learner.row})`;
    assert.equal(got.status, learner.status, `${who}: status`);
    assert.equal(got.status, written['qualcheck: status'], `${who}: status column`);
    assert.equal(got.achieved, learner.credits.achieved, `${who}: achieved credits`);
    assert.equal(got.planned, learner.credits.withPlanned, `${who}: credits with planned`);
    assert.equal(got.level, written['qualcheck: credits at level'], `${who}: credits at level`);
    assert.equal(got.violations, learner.violations.map((v) => v.message).join('; '), `${who}: violations`);
    assert.equal(got.violations, written['qualcheck: violations'], `${who}: violations column`);
    assert.equal(got.nextStep, written['qualcheck: next step'], `${who}: next step`);
  }

  it('give every learner of the sample what check --json and the result columns give, from the whole header row', () => {
    let compared = 0;
    for (const learner of json.learners) {
      const got = call(learner.row, 1, width);
      if (isUnknownQualification(learner)) {
        // The result column says invalid with the cell's message; a formula cannot use the row at all.
        for (const value of Object.values(got))
          assertValueError(
            value,
            new RegExp(`^unknown qualification ${learner.qualification}: the catalogue has 600/5106/1, 10266, 10267`),
          );
        continue;
      }
      assertSameAsCheck(learner, got);
      compared++;
    }
    assert.equal(compared, json.learners.length - 1);
  });

  it('give the same from the unit columns alone, with the qualification as the third argument', () => {
    const header = grid.values[0];
    const units = header
      .map((h, i) => ({ h, column: i + 1 }))
      .filter(({ h }) => typeof h === 'string' && /^[A-Z]\/\d{3}\/\d{4}$/.test(h));
    const from = units[0].column;
    const to = units[units.length - 1].column;
    assert.equal(to - from + 1, units.length, 'the sample keeps its units together');
    const qualificationColumn = header.indexOf('Qualification');
    for (const learner of json.learners) {
      const qualification = grid.values[learner.row - grid.top][qualificationColumn];
      const got = call(learner.row, from, to, qualification);
      if (isUnknownQualification(learner)) assertValueError(got.status, /^unknown qualification 600\/9999\/9/);
      else assertSameAsCheck(learner, got);
    }
  });

  it('name the learner cell a message is about, as the check does', () => {
    const cc013 = json.learners.find((l) => l.learnerId === 'CC013');
    assert.ok(cc013);
    assert.match(String(call(cc013.row, 1, width).violations), /^Cell AA14 holds "Done\?"/);
  });

  it('read the units of a row with no qualification as the reader reads a sheet without a Qualification column', () => {
    const header = grid.values[0];
    const from = header.indexOf('L/601/0933') + 1;
    const last = header.indexOf('T/503/0356') + 1; // an OCR unit: with it, the columns belong to no one qualification
    const first = json.learners[0];
    assertValueError(
      call(first.row, from, last).status,
      /^no qualification: give it as the third argument \(600\/5106\/1, 10266, 10267\)/,
    );
    assert.equal(
      call(first.row, from, last - 1).status,
      first.status,
      'every other unit column belongs to 600/5106/1 alone',
    );
  });

  it('leave a row with nothing in it blank, as the result columns do', () => {
    const blank: Cells = [new Array<string>(width).fill('')];
    const headers = excelRow(grid.values[0], 1, width);
    const at = invocation(range(sheet, 1, width, 1), range(sheet, 1, width, 40));
    assert.equal(fx.status(headers, blank, null, null as unknown as unknown[][], at), '');
    assert.equal(fx.credits(headers, blank, null, 'planned', null as unknown as unknown[][], at), '');
  });

  it('answer a bad argument with #VALUE! and what to do, never an exception', () => {
    const headers = excelRow(grid.values[0], 1, width);
    const marks = excelRow(grid.values[1], 1, width);
    const none = null as unknown as unknown[][];
    assertValueError(
      fx.credits(headers, marks, null, 'level 2', none, invocation()),
      /^which must be "achieved", "planned" or "level"/,
    );
    assertValueError(
      fx.status(headers, excelRow(grid.values[1], 1, 5), null, none, invocation()),
      /must be as wide as each other/,
    );
    assertValueError(fx.status([...headers, ...marks], marks, null, none, invocation()), /^headers must be one row/);
    assertValueError(
      fx.status(headers, [...marks, ...marks], null, none, invocation()),
      /^marks must be one learner's row/,
    );
    assertValueError(
      fx.status([['Name', 'Notes']], [['Ann', 'A']], null, none, invocation('Cohort!B1:C1', 'Cohort!B2:C2')),
      /^headers B1:C1 name no unit of a qualification/,
    );
    // The argument names the qualification of a row that holds none; here the units alone, without the Qualification cell.
    const unitsOnly = [headers[0].slice(6)];
    assertValueError(
      fx.status(unitsOnly, [marks[0].slice(6)], 'Level 9 Nothing', none, invocation()),
      /^unknown qualification Level 9 Nothing: the catalogue has/,
    );
    assert.equal(fx.status(unitsOnly, [marks[0].slice(6)], '600-5106-1', none, invocation()), json.learners[0].status);
    // A value the reader could not take at all (an object where cells go) still comes back as #VALUE!.
    assertValueError(
      fx.status(headers, { length: 1 } as unknown as unknown[][], null, none, invocation()),
      /^qualcheck could not check this row/,
    );
  });

  describe('with a Qualification rules sheet as the last argument', () => {
    const withRules = path.join(__dirname, '..', 'samples', 'ocr-10266-with-rules.xlsx');
    let cohort: Grid;
    let rules: Grid;
    let rulesJson: CohortJson;
    let rulesColumns: Map<number, Record<string, CellValue>>;

    before(async () => {
      ({ grid: cohort } = await gridOfFile(withRules));
      ({ grid: rules } = await gridOfFile(withRules, 'Qualification rules'));
      [rulesJson, rulesColumns] = await Promise.all([checkJson(withRules), resultColumns(withRules, tmp)]);
    });

    function rulesArgument(grid: Grid): { values: Cells; address: string } {
      const right = Math.max(...grid.values.map((r) => r.length));
      const values = grid.values.map((row) => excelRow(row, 1, right)[0]);
      return { values, address: `'Qualification rules'!A1:${columnLetters(right)}${grid.values.length}` };
    }

    it("give the centre's values as check does with the workbook's rules sheet, and differ from the built-in catalogue", () => {
      const block = rulesArgument(rules);
      const w = cohort.values[0].length;
      let changed = 0;
      for (const learner of rulesJson.learners) {
        const headers = excelRow(cohort.values[0], 1, w);
        const marks = excelRow(cohort.values[learner.row - cohort.top], 1, w);
        const at = invocation(range('Cohort', 1, w, 1), range('Cohort', 1, w, learner.row), undefined, block.address);
        const status = fx.status(headers, marks, null, block.values, at);
        assert.equal(status, learner.status, learner.learnerId);
        assert.equal(
          status,
          rulesColumns.get(learner.row)?.['qualcheck: status'],
          `${learner.learnerId}: status column`,
        );
        const credits = fx.credits(
          headers,
          marks,
          null,
          'planned',
          block.values,
          invocation(range('Cohort', 1, w, 1), range('Cohort', 1, w, learner.row), undefined, undefined, block.address),
        );
        assert.equal(credits, learner.credits.withPlanned, `${learner.learnerId}: credits with planned`);
        const plain = fx.status(headers, marks, null, null as unknown as unknown[][], at);
        if (plain !== status) changed++;
      }
      assert.ok(changed > 0, 'the rules sheet decides learners the built-in catalogue cannot');
    });

    it('name the rules cell to correct when the block is broken', () => {
      const block = rulesArgument(rules);
      const unitHeader = block.values.findIndex((row) => row[0] === 'Unit ref');
      const credits = block.values[unitHeader].indexOf('Credits');
      const broken = block.values.map((row) => row.slice());
      broken[unitHeader + 1][credits] = 'three';
      const w = cohort.values[0].length;
      const at = invocation(range('Cohort', 1, w, 1), range('Cohort', 1, w, 2), undefined, block.address);
      const cell = `${columnLetters(credits + 1)}${unitHeader + 2}`;
      assertValueError(
        fx.status(excelRow(cohort.values[0], 1, w), excelRow(cohort.values[1], 1, w), null, broken, at),
        new RegExp(`^rules block A1:\\w+: ${cell}: `),
      );
    });

    it('give the new answer when the block, the header row or a row changes between calls, in the arrays Excel gave before', () => {
      // One set of arrays for every call, changed in place: a session that knew an argument by its array, or kept
      // Excel's arrays rather than what they held, would give the answers from before the change.
      const block = rulesArgument(rules);
      const w = cohort.values[0].length;
      const headers = excelRow(cohort.values[0], 1, w);
      const learners = rulesJson.learners.map((learner) => ({
        marks: excelRow(cohort.values[learner.row - cohort.top], 1, w),
        at: invocation(range('Cohort', 1, w, 1), range('Cohort', 1, w, learner.row), undefined, block.address),
        row: learner.row,
      }));
      // Each answer as the cell shows it, an error with its message.
      const statuses = () =>
        learners.map((l) => {
          const value = fx.status(headers, l.marks, null, block.values, l.at);
          return value instanceof FakeExcelError ? `${value.code} ${value.message ?? ''}` : value;
        });
      // What a session that has seen nothing gives for the cells as they are now, from copies of them.
      const afresh = () => {
        const session = new FunctionSession();
        const copy = (values: Cells) => values.map((row) => row.slice());
        return learners.map((l) => {
          const value = formulaResult(
            session,
            {
              headers: { values: copy(headers), address: range('Cohort', 1, w, 1) },
              marks: { values: copy(l.marks), address: range('Cohort', 1, w, l.row) },
              rules: { values: copy(block.values), address: block.address },
            },
            'qualcheck: status',
          );
          return typeof value === 'object' ? `#VALUE! ${value.error}` : value;
        });
      };
      const before = statuses();
      assert.deepEqual(before, afresh());
      const changes = (what: string, change: () => void, undo: () => void) => {
        change();
        const after = statuses();
        assert.deepEqual(after, afresh(), `${what}: the answers for the changed cells`);
        assert.notDeepEqual(after, before, `${what}: a change that changes answers`);
        undo();
        assert.deepEqual(statuses(), before, `${what}: the answers again once undone`);
      };
      // The rules block: the total credits a learner needs, from 13 to 15.
      const total = block.values.findIndex((row) => row[0] === 'total');
      const minimum = block.values[total - 1].indexOf('Minimum');
      changes(
        'rules block',
        () => (block.values[total][minimum] = 15),
        () => (block.values[total][minimum] = 13),
      );
      // The header row: the Qualification heading renamed, so no row says which qualification.
      const q = headers[0].indexOf('Qualification');
      changes(
        'header row',
        () => (headers[0][q] = 'Notes'),
        () => (headers[0][q] = 'Qualification'),
      );
      // A learner's row: every unit cell of the first learner emptied.
      const [first] = learners;
      const marks = first.marks[0].slice();
      changes(
        "a learner's row",
        () => first.marks[0].fill('', 4),
        () => marks.forEach((v, i) => (first.marks[0][i] = v)),
      );
    });

    it('read a block once per session, however many rows ask for it', () => {
      const session = new FunctionSession();
      const block = rulesArgument(rules);
      const first = session.catalogueFor(block);
      const again = session.catalogueFor({ values: block.values.map((row) => row.slice()), address: block.address });
      assert.ok('catalogue' in first);
      assert.equal(again, first);
      assert.notEqual(session.catalogueFor(undefined), first);
    });
  });
});
