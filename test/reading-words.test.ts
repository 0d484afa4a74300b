// Reading problems are data (a kind and its values) worded once per surface: every kind has words on every surface,
// a surface changes only the phrase naming its own controls, and the JSON carries the code and the values.
import assert from 'node:assert/strict';
import { readCohort } from '../src/cohort/read';
import { DEFAULT_MARKS } from '../src/cohort/read/marks';
import type { ReadingProblem, ReadingProblemKind } from '../src/sheet/reading-problems';
import { readingWords, SHEET_WORDS } from '../src/cohort/read/reading-words';
import { checkCohort } from '../src/cohort/verdict/learner-result';
import { cohortJson } from '../src/cohort/verdict/results';
import type { CohortReading } from '../src/sheet/types';
import { CLI_WORDS } from '../src/cli/reading-words';
import { PANE_WORDS } from '../src/taskpane/status-words';
import { notACohort } from '../src/taskpane/check/reading-words';
import type { SheetInspection } from '../src/excel/active-sheet';
import { grid, testCatalogue } from './fixtures/cohort-fixtures';

const at = { cell: 'C1', text: 'Unit 9' };

/** One problem of every kind: the record's type makes this test fail to compile when a kind is added without one. */
const SAMPLES: { [K in ReadingProblemKind]: Extract<ReadingProblem, { kind: K }> } = {
  'reader-failure': { kind: 'reader-failure', reason: 'boom' },
  'several-tables': {
    kind: 'several-tables',
    table: { name: 'First', range: 'A1:C4' },
    others: [{ name: 'Second', range: 'E2:G3' }],
  },
  'header-without-units': { kind: 'header-without-units', row: 3, fields: ['Learner ID'], unknown: [at] },
  'no-header': { kind: 'no-header', searched: 'A1:F20' },
  'unknown-unit-header': { kind: 'unknown-unit-header', header: at },
  'list-beside-unit-columns': { kind: 'list-beside-unit-columns', header: at },
  'no-learner-id-column': { kind: 'no-learner-id-column', row: 1 },
  'header-repeated': { kind: 'header-repeated', row: 5, heading: at, headerRow: 1 },
  'second-cohort-header': { kind: 'second-cohort-header', row: 5, heading: at },
  'second-cohort-heading': { kind: 'second-cohort-heading', heading: at },
  'field-column-twice': { kind: 'field-column-twice', heading: at, field: 'ULN', first: 'A1' },
  'merged-header': { kind: 'merged-header', range: 'C1:D1' },
  'merged-cells': { kind: 'merged-cells', range: 'C2:C4', first: 'C2', fromColumn: 'A', toColumn: 'D' },
  'totals-row': { kind: 'totals-row', row: 9, total: { cell: 'A9', text: 'Total' } },
  'trailing-notes': { kind: 'trailing-notes', rows: [40, 41, 42] },
  'chosen-qualification-unknown': { kind: 'chosen-qualification-unknown', chosen: 'x', catalogue: [] },
  'one-qualification-assumed': { kind: 'one-qualification-assumed', id: '600/5106/1', title: 'Diploma' },
  'unit-column-twice': { kind: 'unit-column-twice', first: at, second: { cell: 'D1', text: 'U9' }, unit: 'U9' },
  'header-fits-several': { kind: 'header-fits-several', header: at, qualification: 'Q', units: ['A', 'B'] },
  'field-formula-error': { kind: 'field-formula-error', field: 'ULN', error: '#N/A' },
  'mark-formula-error': { kind: 'mark-formula-error', error: '#REF!', unit: 'U9' },
  'list-formula-error': { kind: 'list-formula-error', error: '#VALUE!' },
  'no-learner-id': { kind: 'no-learner-id', row: 4, named: 'Ann Lee' },
  'no-learner-id-or-name': { kind: 'no-learner-id-or-name', row: 4 },
  'qualification-title-shared': { kind: 'qualification-title-shared', written: 'Diploma', sharing: ['Q1', 'Q2'] },
  'qualification-unknown': { kind: 'qualification-unknown', written: 'NVQ', catalogue: ['Q1'] },
  'chosen-qualification-not-in-catalogue': { kind: 'chosen-qualification-not-in-catalogue', row: 4, chosen: 'x' },
  'qualification-blank': { kind: 'qualification-blank', row: 4 },
  'no-qualification-column': { kind: 'no-qualification-column', row: 4 },
  'unit-not-in-qualification': { kind: 'unit-not-in-qualification', unit: 'U9', qualification: 'Q', how: 'listed' },
  'marked-under-ambiguous-header': {
    kind: 'marked-under-ambiguous-header',
    header: at,
    qualification: 'Q',
    units: ['A', 'B'],
  },
  'marked-under-unknown-header': { kind: 'marked-under-unknown-header', state: 'planned', header: at },
  'listed-unit-unknown': { kind: 'listed-unit-unknown', text: 'Unit 99' },
  'listed-unit-ambiguous': { kind: 'listed-unit-ambiguous', text: 'Unit 9', qualification: 'Q', units: ['A', 'B'] },
  'unit-twice': { kind: 'unit-twice', unit: 'U9', learner: 'L1', first: 'C2', second: 'C2', how: 'listed' },
  'unrecognised-mark': { kind: 'unrecognised-mark', text: 'Done?', unit: 'U9', marks: DEFAULT_MARKS },
};

describe('reading problems in words', () => {
  it('words every kind on every surface as a sentence, alike but for the phrase naming a control', () => {
    for (const problem of Object.values(SAMPLES)) {
      const sheet = readingWords('C2', problem, SHEET_WORDS);
      assert.match(sheet, /^[A-Z].*[.)]$/, `${problem.kind}: ${sheet}`);
      assert.doesNotMatch(sheet, /undefined|\[object/, problem.kind);
      for (const words of [CLI_WORDS, PANE_WORDS]) {
        const other = readingWords('C2', problem, words);
        if (problem.kind !== 'unrecognised-mark') assert.equal(other, sheet, problem.kind);
      }
    }
  });

  it('tells each surface where a centre says what its marks mean', () => {
    const mark = SAMPLES['unrecognised-mark'];
    const start =
      'Cell C2 holds "Done?", which is not a mark the reader knows, so unit U9 is read as not taken. Use A,';
    for (const words of [SHEET_WORDS, CLI_WORDS, PANE_WORDS])
      assert.ok(readingWords('C2', mark, words).startsWith(start));
    assert.match(readingWords('C2', mark), /, or add "Done\?" to what the marks mean\.$/);
    assert.match(readingWords('C2', mark, CLI_WORDS), /, or add "Done\?" to what the marks mean, in a --marks file\.$/);
    assert.match(
      readingWords('C2', mark, PANE_WORDS),
      /, or add "Done\?" to “What the marks mean” under Settings, at the foot of the Check tab\.$/,
    );
  });

  it("gives --json each warning's code and what was found, with its words", () => {
    const reading = readCohort(
      grid([
        ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352'],
        ['1', '600/0001/1', 'Done', 'A'],
      ]),
      { catalogue: testCatalogue() },
    );
    const json = JSON.parse(JSON.stringify(cohortJson(reading, checkCohort(reading)))) as {
      warnings: {
        cell: string;
        code: string;
        problem: { kind: string; text: string; unit: string };
        message: string;
      }[];
    };
    const [warning] = json.warnings;
    assert.equal(warning.cell, 'C2');
    assert.equal(warning.code, 'unrecognised-mark');
    assert.deepEqual(
      { kind: warning.problem.kind, text: warning.problem.text, unit: warning.problem.unit },
      { kind: 'unrecognised-mark', text: 'Done', unit: 'L/601/0933' },
    );
    assert.match(warning.message, /^Cell C2 holds "Done", which is not a mark the reader knows/);
  });

  it("says why a sheet is not a cohort from the reading's data, whole even when a heading holds a full stop", () => {
    const reading = readCohort(
      grid([
        ['Learner ID', 'Name', 'Unit 9.1'],
        ['1', 'Ann', 'A'],
      ]),
      { catalogue: testCatalogue() },
    );
    const inspection = {
      read: { sheetName: 'Budget', source: 'used range A1:C2' },
      reading,
    } as unknown as SheetInspection;
    const problem = reading.warnings.find((w) => w.code === 'no-header')?.problem;
    assert.equal(problem?.kind, 'header-without-units');
    assert.equal(
      notACohort(inspection),
      'Sheet “Budget” is not a cohort of learners: row 1 names learner columns (Learner ID, Name) but no column names ' +
        'a unit of a qualification in the catalogue (C1 "Unit 9.1" name no known unit: check the references, or add ' +
        "the qualification's definition).",
    );
    assert.ok(notACohort(inspection, true)?.startsWith('sheet “Budget” is not a cohort'));
  });

  it('keeps the reading the same whatever surface words it: no surface word is stored in the reading', () => {
    const reading: CohortReading = readCohort(grid([['Budget'], [12]]), { catalogue: testCatalogue() });
    assert.equal(JSON.stringify(reading.warnings).includes('header row needs'), false);
    assert.equal(reading.warnings[0]?.problem.kind, 'no-header');
  });
});
