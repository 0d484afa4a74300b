// The general rule in the rules sheet: its own columns (Adds up, Named units, Level match, Maximum, Over the
// maximum), written only for a qualification that has such a rule, read back to the same definition, a bad cell
// named with what to write, and the change list (rules diff) in the rule's words.
import assert from 'node:assert/strict';
import { readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import type { CellValue, Grid } from '../src/sheet/types';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { diffDefinitions } from '../src/rules/definition/diff';
import { parseQualificationDefinitions, readQualificationDefinitions } from '../src/rules/definition/definition';
import { definitionsJson } from '../src/rules/definition/file';
import type { QualificationDefinition } from '../src/rules/model';
import { DEFINITION } from './fixtures/sum-definition';

const [centre] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;

function sheetOf(definitions: readonly QualificationDefinition[]): Grid {
  const layout = rulesSheetGrid(definitions);
  return { sheetName: 'Qualification rules', values: layout.values.map((row) => [...row]), top: 1, left: 1 };
}

function rowOf(grid: Grid, first: string): number {
  const r = grid.values.findIndex((row) => row[0] === first);
  assert.ok(r >= 0, first);
  return r;
}

const withoutOrigin = (q: QualificationDefinition) => {
  const { origin: _origin, units, ...rest } = q;
  return { ...rest, units: units.map(({ source: _s, supplied: _p, ...u }) => u) };
};

describe('the general rule in the rules sheet', () => {
  it('has its own columns, only in the block of a qualification that needs them', () => {
    const grid = sheetOf([EMBEDDED_QUALIFICATIONS[0], centre]);
    const headers = grid.values.filter((row) => row[0] === 'Rule id');
    assert.equal(headers.length, 2);
    const labels = (row: CellValue[]) => row.filter((c): c is string => typeof c === 'string');
    assert.ok(!labels(headers[0]).includes('Maximum'), 'the embedded qualification has no sum rule');
    assert.deepEqual(labels(headers[1]).slice(-5), [
      'Adds up',
      'Named units',
      'Level match',
      'Maximum',
      'Over the maximum',
    ]);
    const one = grid.values.find((row) => row[0] === 'one-D') as CellValue[];
    const at = (label: string) => one[headers[1].indexOf(label)];
    assert.deepEqual(['Kind', 'Groups or units', 'Adds up', 'Maximum', 'Over the maximum'].map(at), [
      'sum',
      'D',
      'units',
      1,
      'forbidden',
    ]);
  });

  it('reads back the definition it was written from', () => {
    const reading = readRulesSheet(sheetOf([centre]), { base: [] });
    assert.deepEqual(reading.errors, []);
    const [back] = reading.definitions;
    assert.deepEqual(withoutOrigin(back), withoutOrigin(centre));
  });

  it('is written to a rules file that reads back the same, a maximum alone without a minimum', () => {
    const text = definitionsJson([centre]);
    const rules = (JSON.parse(text) as { rules: Record<string, unknown>[] }).rules;
    assert.ok(!('min' in (rules.find((r) => r.id === 'max-C') ?? {})), 'no "min": 0, which a rules file refuses');
    const again = parseQualificationDefinitions(JSON.parse(text), 'again.json');
    assert.deepEqual(again.errors, []);
    assert.deepEqual(withoutOrigin(again.definitions[0]), withoutOrigin(centre));
  });

  it('names the cell of a value the general rule cannot take, and says what to write', () => {
    const grid = sheetOf([centre]);
    const header = grid.values[rowOf(grid, 'Rule id')];
    const row = rowOf(grid, 'one-D');
    grid.values[row][header.indexOf('Over the maximum')] = 'sometimes';
    grid.values[rowOf(grid, 'glh')][header.indexOf('Adds up')] = 'hours';
    const { errors } = readRulesSheet(grid, { base: [] });
    const letter = (c: number) => String.fromCharCode(65 + c);
    const named = errors.filter((e) => /^(Adds up|Over the maximum) of rule/.test(e.message));
    assert.deepEqual(
      named.map((e) => e.cell),
      [
        `${letter(header.indexOf('Adds up'))}${rowOf(grid, 'glh') + 1}`,
        `${letter(header.indexOf('Over the maximum'))}${row + 1}`,
      ],
    );
    assert.match(
      named[1].message,
      /Over the maximum of rule one-D must be one of not counted, forbidden; it says "sometimes"/,
    );
    assert.match(named[0].message, /must be one of credits, GLH, units; it says "hours"/);
  });

  it('lists a changed maximum in the rule’s words', () => {
    const changed = {
      ...centre,
      rules: centre.rules.map((r) => (r.id === 'max-C' && r.kind === 'sum' ? { ...r, max: 6 } : r)),
    };
    const lines = diffDefinitions([centre], [changed]);
    assert.ok(
      lines.some((l) =>
        l.includes(
          'was "at most 4 credits from group C (more does not count)", now "at most 6 credits from group C (more does not count)"',
        ),
      ),
      lines.join('\n'),
    );
  });
});
