// The formulas over the cells a check would write beside the data (src/excel/blank-formulas.ts), on the strict fake
// Excel host: read in as few syncs as the bytes allow, and where the formulas are longer than their blank values
// suggested and Excel refuses the response, read again in halves until every one is found.
import assert from 'node:assert/strict';
import { blankFormulasIn } from '../src/excel/blank-formulas';
import { createFakeExcel } from './fake-excel';

const LONG = `IF(ISBLANK(A1),"",${'"x"&'.repeat(60)}"")`;

function sheetWithFormulas(rows: number) {
  const fake = createFakeExcel();
  const sheet = fake.book.addSheet('Cohort');
  for (let r = 1; r <= rows; r++) sheet.putFormula(`C${r}`, `=${LONG}`, '');
  return { fake, sheet };
}

describe('formulas reading blank where the results would go (Office.js adapter, fake host)', () => {
  it('reads the empty result block of 50,000 learners (400,000 cells) in one sync', async () => {
    const { fake } = sheetWithFormulas(0);
    const found = await blankFormulasIn(
      fake.run,
      'Cohort',
      [{ top: 1, left: 2, bottom: 50_000, right: 9 }],
      () => null,
    );
    assert.deepEqual(found, []);
    assert.equal(fake.stats.count, 1);
  });

  it('finds every formula when they are too long for one response, reading the refused piece again in halves', async () => {
    const { fake } = sheetWithFormulas(400);
    fake.options.limitBytes = 40_000;
    const found = await blankFormulasIn(fake.run, 'Cohort', [{ top: 1, left: 2, bottom: 400, right: 4 }], () => null);
    assert.equal(found.length, 400);
    assert.deepEqual(found[399], { row: 400, column: 3, formula: LONG });
    assert.ok(
      fake.stats.syncs.some((s) => s.failed),
      'the first piece was refused (the test must reach the halving)',
    );
    assert.ok(fake.stats.syncs.every((s) => s.writes === 0));
  });

  it('never takes a formula for blank where the check read a value in its cell', async () => {
    const { fake } = sheetWithFormulas(3);
    const found = await blankFormulasIn(fake.run, 'Cohort', [{ top: 1, left: 3, bottom: 3, right: 3 }], (row) =>
      row === 2 ? 'shown' : null,
    );
    assert.deepEqual(
      found.map((f) => f.row),
      [1, 3],
    );
  });
});
