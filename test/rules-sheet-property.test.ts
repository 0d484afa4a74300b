import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import { RULES_SHEET_FAILURE } from '../src/rules-sheet/read';
import { parseCellAddress } from '../src/sheet/address';
import { gridWidth } from '../src/sheet/grid';
import type { CellValue, Grid } from '../src/sheet/types';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { readQualificationDefinitions } from '../src/rules/definition';
import { DEFINITION } from './fixtures/sum-definition';

/** Words that mean something on the sheet, so random edits hit the reader's paths rather than only its errors. */
const MEANINGFUL = [
  'Qualification',
  'Title',
  'Level',
  'Minimum age',
  'GLH min',
  'GLH max',
  'Operational from',
  'Unit ref',
  'Group id',
  'Rule id',
  'Equivalent unit',
  'Counts as',
  'Y/600/1234',
  'K/503/0421',
  'Credits',
  'Kind',
  'Groups or units',
  'Minimum',
  'At or above',
  'total credits',
  'credits at level',
  'mandatory group',
  'credits from groups',
  'barred set',
  'yes',
  'no',
  'Entry',
  'Level 9',
  'A',
  'B',
  'C',
  'Z',
  '10266-U4',
  'T/503/0356',
  'D/503/0352',
  'A, B',
  '10266-U4, 10266-U5',
  '-1',
  '3',
  '2.5',
  'unknown',
  '?',
  'three',
  '31/02/2012',
  '24/05/2012',
  '',
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...MEANINGFUL),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 60 }),
  fc.double({ min: -10, max: 50000, noNaN: true }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }),
  fc.constantFrom<CellValue>({ error: '#REF!' }, { error: '#N/A' }),
);

type Edit =
  | { kind: 'set'; row: number; column: number; value: CellValue }
  | { kind: 'delete'; row: number }
  | { kind: 'insert'; row: number }
  | { kind: 'copy'; row: number; to: number }
  | { kind: 'clear'; row: number }
  | { kind: 'label'; row: number; column: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('set' as const), row: fc.nat(200), column: fc.nat(11), value: cellValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), row: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), row: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy' as const), row: fc.nat(200), to: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), row: fc.nat(200) }) },
  // A new row holding only a label that starts a block or a table, anywhere across: the reader must look right of it.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('label' as const),
      row: fc.nat(200),
      column: fc.nat(11),
      text: fc.constantFrom('Qualification', 'Unit ref', 'Group id', 'Rule id', 'Equivalent unit'),
    }),
  },
);

function applyEdits(values: CellValue[][], edits: readonly Edit[]): CellValue[][] {
  const rows = values.map((row) => [...row]);
  for (const e of edits) {
    const at = rows.length === 0 ? 0 : e.row % (rows.length + 2);
    switch (e.kind) {
      case 'set':
        while (rows.length <= at) rows.push([]);
        rows[at][e.column] = e.value;
        // Hosts give ragged rows; fill the gaps the way they do, with empty cells.
        for (let c = 0; c < e.column; c++) rows[at][c] ??= null;
        break;
      case 'delete':
        rows.splice(at, 1);
        break;
      case 'insert':
        rows.splice(at, 0, []);
        break;
      case 'copy':
        if (at < rows.length) rows.splice(e.to % (rows.length + 1), 0, [...rows[at]]);
        break;
      case 'clear':
        if (at < rows.length) rows[at] = rows[at].map(() => null);
        break;
      case 'label': {
        const row: CellValue[] = new Array<CellValue>(e.column).fill(null);
        row.push(e.text);
        rows.splice(at, 0, row);
        break;
      }
    }
  }
  return rows;
}

// Two embedded qualifications and a centre's with every shape of sum rule and an equivalent unit (its own table).
const [centre] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;
const written = rulesSheetGrid([...EMBEDDED_QUALIFICATIONS.slice(0, 2), centre]).values;

const editedSheet = fc.record({
  edits: fc.array(edit, { maxLength: 25 }),
  top: fc.integer({ min: 1, max: 40 }),
  left: fc.integer({ min: 1, max: 5 }),
});

describe('rules sheet reader, under random edits to a written sheet', () => {
  it('never throws, and every error names a cell inside the grid it was given', () => {
    fc.assert(
      fc.property(editedSheet, ({ edits, top, left }) => {
        const grid: Grid = { values: applyEdits(written, edits), top, left, sheetName: 'Qualification rules' };
        const reading = readRulesSheet(grid);
        const width = gridWidth(grid);
        for (const error of reading.errors) {
          assert.ok(!error.message.startsWith(RULES_SHEET_FAILURE), error.message);
          const at = parseCellAddress(error.cell);
          assert.ok(at, `${error.cell} is an A1 address`);
          if (grid.values.length > 0 && width > 0) {
            assert.ok(
              at.row >= top && at.row < top + grid.values.length,
              `${error.cell} row inside ${top}..${top + grid.values.length - 1}: ${error.message}`,
            );
            assert.ok(
              at.column >= left && at.column < left + width,
              `${error.cell} column inside the grid: ${error.message}`,
            );
          }
          assert.ok(error.message.length > 20 && /[.?]$/.test(error.message.trim()), `a sentence: ${error.message}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives back definitions that read back the same once written again', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
        const first = readRulesSheet({ values: applyEdits(written, edits), top: 1, left: 1 });
        if (first.definitions.length === 0) return;
        const again = readRulesSheet({ values: rulesSheetGrid(first.definitions).values, top: 1, left: 1 });
        assert.deepEqual(again.errors, []);
        assert.deepEqual(again.definitions, first.definitions);
      }),
      { numRuns: 150 },
    );
  });

  it('finds no error in a sheet no one edited, wherever it sits on the worksheet', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 30 }), (top, left) => {
        const reading = readRulesSheet({ values: written, top, left });
        assert.deepEqual(reading.errors, []);
        assert.equal(reading.definitions.length, 3);
        assert.deepEqual(reading.definitions[2].equivalents, centre.equivalents);
      }),
      { numRuns: 20 },
    );
  });
});
