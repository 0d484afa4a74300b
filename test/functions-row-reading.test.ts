// The worksheet functions read one learner's row at a time (`CohortHeader.learnerUnder`) and work out STATUS and
// CREDITS from the engine's figures alone (`learnerFigures`): both must give exactly what the cohort reader's rows
// (`learnersUnder`) and the full check (`checkLearner`) give, on every row of every sample, and on the rows a
// reading leaves out (blank, repeated header, totals, notes).
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CohortHeader } from '../src/cohort/read/read';
import { readCohort } from '../src/cohort/read/read';
import { checkLearner, learnerFigures } from '../src/cohort/verdict/learner-result';
import { embeddedCatalogue, type Catalogue } from '../src/rules/catalogue';
import { applyRulesSheet } from '../src/rules-sheet';
import type { CellValue, Grid } from '../src/sheet/types';
import { gridOfFile } from './support/sheet-grid';
import { learnerPlace } from '../src/functions/formula-grid';
import { parseRange } from '../src/sheet/address';

const SAMPLES = path.join(__dirname, '..', 'samples');

async function sampleFiles(): Promise<string[]> {
  const top = (await fs.readdir(SAMPLES)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(SAMPLES, f));
  const layouts = path.join(SAMPLES, 'layouts');
  const more = (await fs.readdir(layouts)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(layouts, f));
  return [...top, ...more];
}

/** The catalogue a sample is checked against: its own Qualification rules sheet over the built-in one, if it has one. */
async function catalogueOf(file: string): Promise<Catalogue> {
  const catalogue = embeddedCatalogue();
  if (!file.includes('with-rules')) return catalogue;
  const { grid } = await gridOfFile(file, 'Qualification rules');
  const use = applyRulesSheet(catalogue, grid);
  assert.deepEqual(use.errors, []);
  return use.catalogue;
}

/** The grid a worksheet function reads a row with: an empty row standing for the header, then the learner's row. */
function rowGrid(grid: Grid, headerRow: number, row: CellValue[], sheetRow: number): Grid {
  const formats = grid.numberFormats?.[sheetRow - grid.top];
  const two: Grid = { values: [[], row], top: sheetRow - 1, left: grid.left };
  if (formats) two.numberFormats = [[], formats];
  assert.ok(sheetRow > headerRow);
  return two;
}

describe('QUALCHECK worksheet functions reading one row at a time', function () {
  this.timeout(60_000);

  it('read every row of every sample as the cohort reader reads it under the same header', async () => {
    let rows = 0;
    for (const file of await sampleFiles()) {
      const { grid } = await gridOfFile(file);
      const catalogue = await catalogueOf(file);
      const reading = readCohort(grid, { catalogue });
      if (reading.headerRow === 0) continue;
      const headerValues = grid.values[reading.headerRow - grid.top];
      const width = Math.max(...grid.values.map((r) => r.length));
      const header = CohortHeader.read(
        { values: [headerValues], top: reading.headerRow, left: grid.left },
        { catalogue },
      );
      const kept = CohortHeader.read(
        { values: [headerValues], top: reading.headerRow, left: grid.left },
        { catalogue },
      );
      const blank = new Array<CellValue>(width).fill(null);
      // Rows a reading leaves out: a blank row, the header again, a totals row, a note below the learners.
      const extra: CellValue[][] = [blank, headerValues.slice(), blank.slice(), blank.slice()];
      const idColumn = headerValues.findIndex((v) => typeof v === 'string' && /learner|id|ref/i.test(v));
      const column = idColumn >= 0 ? idColumn : 0;
      extra[2][column] = 'Total';
      extra[3][column] = 'Prepared by the exams office';
      const bottom = grid.top + grid.values.length;
      const candidates: [CellValue[], number][] = [
        ...grid.values
          .slice(reading.headerRow - grid.top + 1)
          .map((row, i): [CellValue[], number] => [row, reading.headerRow + 1 + i]),
        ...extra.map((row, i): [CellValue[], number] => [row, bottom + i]),
      ];
      let learners = 0;
      for (const [row, sheetRow] of candidates) {
        const two = rowGrid(grid, reading.headerRow, row, sheetRow);
        const expected = kept.learnersUnder(two);
        const got = header.learnerUnder(two);
        assert.deepEqual(got === undefined ? [] : [got], expected, `${path.basename(file)} row ${sheetRow}`);
        // The reading without addresses (STATUS and CREDITS) reads the same units, qualification and problems.
        const units = header.unitsUnder(two);
        assert.equal(units === undefined, got === undefined, `${path.basename(file)} row ${sheetRow} read or not`);
        if (got && units) {
          const decides = (r: typeof units) => ({
            qualification: r.qualification?.id,
            qualificationText: r.qualificationText,
            achieved: r.achieved,
            planned: r.planned,
            problems: r.problems.map((p) => [p.code, p.units]),
          });
          assert.deepEqual(decides(units), decides(got), `${path.basename(file)} row ${sheetRow} without addresses`);
          assert.deepEqual(
            learnerFigures(units),
            learnerFigures(got),
            `${path.basename(file)} row ${sheetRow} figures`,
          );
        }
        if (got) learners++;
        rows++;
      }
      assert.ok(learners >= reading.learners.length - 1, `${path.basename(file)}: ${learners} learners read`);
    }
    assert.ok(rows > 100, `${rows} rows compared`);
  });

  it("give the full check's status and credits for every learner of every sample", async () => {
    const statuses = new Set<string>();
    for (const file of await sampleFiles()) {
      const { grid } = await gridOfFile(file);
      const reading = readCohort(grid, { catalogue: await catalogueOf(file) });
      for (const record of reading.learners) {
        const result = checkLearner(record);
        assert.deepEqual(
          learnerFigures(record),
          {
            status: result.status,
            achievedCredits: result.achieved.credits,
            withPlannedCredits: result.withPlanned.credits,
          },
          `${path.basename(file)} row ${record.row}`,
        );
        statuses.add(result.status);
      }
    }
    // The samples hold learners of every status, so each way to a status is compared.
    assert.deepEqual([...statuses].sort(), ['achieved', 'incomplete', 'invalid', 'needs-data', 'on-track']);
  });

  it('place the learner where the marks address says, however Excel or a user spells it', () => {
    const headers = { values: [['ULN', 'L/601/0933']], address: 'Cohort!$E$1:$F$1' };
    const spellings = [
      'Cohort!$E$2:$F$2',
      "'Year 2 (B!)'!$AQ$17:$AR$17",
      'E9:F9',
      'f12:e12',
      'Cohort!$E$2048',
      'Cohort!XFC1048576:XFD1048576',
      'Cohort!E 2:F2',
      'Cohort!R2C5:R2C6',
      'Cohort!E0:F0',
    ];
    for (const address of spellings) {
      const place = learnerPlace(headers, { values: [['1234567890', 'A']], address });
      assert.ok(!('error' in place), address);
      const at = parseRange(address);
      assert.deepEqual(
        place.learner,
        { top: at && at.top >= 2 ? at.top : 2, left: at?.left ?? 1 },
        `${address}: ${JSON.stringify(at)}`,
      );
    }
  });
});
