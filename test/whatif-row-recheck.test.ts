// What-if's Apply re-reads the sheet as it will be before writing a row (recheckRow). On a large cohort that read
// must pause between the reader's slices, as the check's own read does, so the pane is not held for the whole sheet;
// and the re-check must be the one a plain read of the patched sheet gives.
import assert from 'node:assert/strict';
import { checkLearner } from '../src/cohort/verdict/learner-result';
import { gridWith } from '../src/sheet/grid-patch';
import { readCohort, ROWS_PER_SLICE } from '../src/cohort/read/read';
import { recheckRow } from '../src/whatif/row-recheck';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { cohortOf, sampleGrid } from './fake-excel/sample';

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
