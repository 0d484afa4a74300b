// The reader never sees the result columns of an earlier run: the pane reads a copy of the grid with them blanked
// (withoutOwnedColumns), the command line blanks them in place while it reads and puts them back
// (readWithoutOwnedColumns). Both must give the reader the same grid, and leave the grid as it was.
import assert from 'node:assert/strict';
import { readCohort } from '../src/cohort/read';
import { RESULT_HEADERS } from '../src/cohort/verdict';
import { readWithoutOwnedColumns, withoutOwnedColumns } from '../src/placement';
import { embeddedCatalogue } from '../src/rules/catalogue';
import type { CellValue, Grid } from '../src/sheet';

const options = { catalogue: embeddedCatalogue() };
const [status, violations] = RESULT_HEADERS;

/** A checked sheet: learners, an earlier run's results beside them, one ragged row and one row with a hole. */
function checkedGrid(): Grid {
  const ragged: CellValue[] = ['L3', '600/5106/1', 'A'];
  const holed: CellValue[] = ['L4', '600/5106/1', 'P', null, 'complete'];
  delete holed[3];
  return {
    top: 1,
    left: 1,
    values: [
      ['Learner ID', 'Qualification', 'A/601/3395', status, 'Notes', violations],
      ['L1', '600/5106/1', 'A', 'complete', 'kept', 'none'],
      // An earlier result that reads like a mark: read, it would be a learner's.
      ['L2', '600/5106/1', 'P', 'A', null, 'A'],
      ragged,
      holed,
    ],
  };
}

describe('owned columns blanked for the reader', () => {
  it('gives the reader the grid withoutOwnedColumns gives, and puts every cell back after', () => {
    const grid = checkedGrid();
    const before = structuredClone(grid);
    const holeBefore = 3 in grid.values[4];
    const copied = withoutOwnedColumns(grid, 5);
    let seen: CellValue[][] | undefined;
    const reading = readWithoutOwnedColumns(grid, 5, (g) => {
      seen = structuredClone(g.values);
      return readCohort(g, options);
    });
    assert.deepEqual(seen, structuredClone(copied.values));
    assert.deepEqual(seen?.[2], ['L2', '600/5106/1', 'P', null, null, null]);
    assert.deepEqual(reading, readCohort(copied, options));
    assert.deepEqual(grid, before);
    assert.equal(3 in grid.values[4], holeBefore, 'a hole is put back as a hole');
    assert.deepEqual(withoutOwnedColumns(grid, 5).values, copied.values);
  });

  it('puts the cells back when the read throws', () => {
    const grid = checkedGrid();
    const before = structuredClone(grid);
    assert.throws(() =>
      readWithoutOwnedColumns(grid, 5, () => {
        throw new Error('stop');
      }),
    );
    assert.deepEqual(grid, before);
  });

  it('copies only the rows that hold something in an owned column', () => {
    const grid = checkedGrid();
    grid.values.push(['L5', '600/5106/1', 'A', null, 'kept', null]);
    const copied = withoutOwnedColumns(grid, 5);
    assert.notEqual(copied.values[1], grid.values[1]);
    assert.equal(copied.values[5], grid.values[5]);
    assert.equal(withoutOwnedColumns(grid, 0), grid, 'nothing owned: the grid itself');
  });
});
