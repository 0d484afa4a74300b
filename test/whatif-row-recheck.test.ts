// What-if's Apply re-reads the sheet as it will be before writing a row (recheckRow). On a large cohort that read
// must pause between the reader's slices, as the check's own read does, so the pane is not held for the whole sheet;
// and the re-check must be the one a plain read of the patched sheet gives. Given the reading the changes were planned
// on, only the row is read again, and the reading it gives must be the one a whole read gives.
import assert from 'node:assert/strict';
import { checkLearner } from '../src/cohort/verdict/learner-result';
import { gridWith } from '../src/sheet/grid-patch';
import { readCohort, ROWS_PER_SLICE } from '../src/cohort/read/read';
import { recheckRow } from '../src/whatif/row-recheck';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { cohortOf, sampleGrid } from './fake-excel/sample';
import { isBlank } from '../src/sheet/grid';
import type { CellValue, CohortReading } from '../src/sheet';

const options = { catalogue: embeddedCatalogue() };

describe('re-checking a row before Apply writes it', () => {
  it('reads the whole patched sheet in slices, pausing between them, and re-checks the row as a plain read does', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 3_000);
    const first = readCohort(cohort, options).learners[0];
    assert.ok(first, 'the cohort has learners');
    // Blank the learner's first unit cell: the re-check must see the sheet as it will be, not as it was.
    const unitColumn = cohort.values[first.row - cohort.top].findIndex((v, c) => c > 2 && v !== null && v !== '');
    const patched = gridWith(cohort, [{ row: first.row, column: cohort.left + unitColumn, value: null }]);

    let pauses = 0;
    const { reading, check } = await recheckRow(patched, first.row, options, async () => {
      pauses++;
    });
    assert.equal(pauses, Math.floor(3_000 / ROWS_PER_SLICE));
    const plain = readCohort(patched, options);
    assert.equal(reading.learners.length, plain.learners.length);
    const expected = plain.learners.find((l) => l.row === first.row);
    assert.ok(expected && check);
    assert.deepEqual(check.record, expected);
    assert.deepEqual(check.result, checkLearner(expected));
    assert.notDeepEqual(check.record, first, 'the patched cell changed what the row reads as');
  });

  it('gives no check for a row that is not a learner', async () => {
    const { grid } = await sampleGrid();
    const { check } = await recheckRow(grid, grid.top, options);
    assert.equal(check, undefined);
  });
});

describe('re-checking only the row, from the reading the changes were planned on', () => {
  /** What a whole read of the sheet gives but the row alone keeps from the last reading: the counted mark style. */
  const withoutStyle = ({ markStyle: _style, ...reading }: CohortReading) => reading;

  it('gives the reading a whole read of the patched sheet gives, problems in their place, without pausing', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 500);
    const last = readCohort(cohort, options);
    const learners = last.learners;
    const withProblems = learners.findIndex((l) => l.problems.length > 0);
    // One with no problem after one with problems: a new problem of theirs goes after those.
    const without = learners.findIndex((l, i) => i > withProblems && l.problems.length === 0 && l.marks.length > 1);
    assert.ok(withProblems >= 0 && without >= 0, 'the sample has learners with and without problems');
    const cases: { what: string; row: number; patch: (row: CellValue[]) => { column: number; value: CellValue }[] }[] =
      [];
    const unitCells = (row: CellValue[]) =>
      last.unitColumns.map((u) => u.column).filter((c) => !isBlank(row[c - cohort.left]));
    for (const at of [0, withProblems, without, learners.length - 1]) {
      const row = learners[at].row;
      cases.push({
        what: `row ${row}: a unit cell emptied`,
        row,
        patch: (values) => [{ column: unitCells(values)[0], value: null }],
      });
      cases.push({
        what: `row ${row}: a mark nobody can read`,
        row,
        patch: (values) => [{ column: unitCells(values)[0], value: 'what is this?' }],
      });
    }
    for (const { what, row, patch } of cases) {
      const values = cohort.values[row - cohort.top];
      const patched = gridWith(
        cohort,
        patch(values).map((p) => ({ row, ...p })),
      );
      let pauses = 0;
      const { reading, check } = await recheckRow(
        patched,
        row,
        options,
        async () => {
          pauses++;
        },
        last,
      );
      const plain = readCohort(patched, options);
      assert.equal(pauses, 0, `${what}: the row alone is read`);
      assert.deepEqual(withoutStyle(reading), withoutStyle(plain), what);
      const expected = plain.learners.find((l) => l.row === row);
      assert.ok(expected && check, what);
      assert.deepEqual(check.record, expected, what);
      assert.deepEqual(check.result, checkLearner(expected), what);
    }
  });

  it('reads the whole sheet where the row no longer holds a unit', async () => {
    const { grid } = await sampleGrid();
    const cohort = cohortOf(grid, 300);
    const last = readCohort(cohort, options);
    const learner = last.learners[1];
    const patched = gridWith(
      cohort,
      last.unitColumns.map((u) => ({ row: learner.row, column: u.column, value: null })),
    );
    let pauses = 0;
    const { reading } = await recheckRow(
      patched,
      learner.row,
      options,
      async () => {
        pauses++;
      },
      last,
    );
    assert.ok(pauses > 0, 'the whole sheet was read');
    assert.deepEqual(reading, readCohort(patched, options));
  });
});
