// The pane reads a cohort in slices (readCohortInSlices), pausing between them so the page can paint and hear Cancel;
// the command line reads it in one go (readCohort). The reading must be the same, and the slices must be many for a
// large cohort: a reader that did its work in one piece would pause once at most.
import assert from 'node:assert/strict';
import { readCohort, readCohortInSlices, ROWS_PER_SLICE } from '../src/cohort/read/read';
import type { Grid } from '../src/sheet/types';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { cohortOf, sampleGrid } from './fake-excel/sample';

const options = { catalogue: embeddedCatalogue() };

/** How often the sliced reader paused on `grid`, after checking it read the grid as readCohort does. */
async function pausesFor(grid: Grid): Promise<number> {
  let pauses = 0;
  const sliced = await readCohortInSlices(grid, options, async () => {
    pauses++;
  });
  assert.deepEqual(sliced, readCohort(grid, options));
  return pauses;
}

describe('the cohort reader in slices', () => {
  it('reads a large cohort as readCohort does, pausing once per slice of rows', async () => {
    const { grid } = await sampleGrid();
    const small = await pausesFor(cohortOf(grid, ROWS_PER_SLICE - 1));
    const large = await pausesFor(cohortOf(grid, 5_000));
    assert.equal(small, 0, 'a cohort smaller than a slice is read in one go');
    assert.equal(large, Math.floor(5_000 / ROWS_PER_SLICE));
  });

  it('reads a sheet with no header, or an empty grid, as readCohort does', async () => {
    const empty: Grid = { sheetName: 'Empty', top: 1, left: 1, values: [] };
    const noHeader: Grid = { sheetName: 'Notes', top: 1, left: 1, values: [['a note'], ['another']] };
    for (const grid of [empty, noHeader]) await pausesFor(grid);
  });

  it('hands a pause that throws (a cancel) to its caller', async () => {
    const { grid } = await sampleGrid();
    await assert.rejects(
      readCohortInSlices(cohortOf(grid, 2_000), options, async () => {
        throw new Error('cancelled');
      }),
      /cancelled/,
    );
  });
});
