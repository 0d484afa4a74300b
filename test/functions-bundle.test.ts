// The built worksheet functions as Excel loads them: functions.js on its own in a fresh script context whose only
// Office global is a fake CustomFunctions, and functions.json, the metadata Excel registers them from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { buildPane, PANE_BUILD } from './browser/support';
import { sampleGrid } from './fake-excel/sample';
import {
  excelRow,
  FakeExcelError,
  fakeCustomFunctions,
  oneCell,
  installCustomFunctions,
  type FakeCustomFunctions,
} from './support/custom-functions';
import * as source from '../src/functions/functions';
import { metadataProblems, type FunctionsMetadata } from './support/functions-metadata';

interface Metadata {
  functions: {
    id: string;
    name: string;
    parameters: { name: string; dimensionality?: string; optional?: boolean }[];
    options?: Record<string, boolean>;
  }[];
}

describe('built worksheet functions (dist/functions.js and functions.json)', function () {
  this.timeout(600_000);
  let metadata: Metadata;
  let fake: FakeCustomFunctions;

  before(() => {
    buildPane();
    metadata = JSON.parse(readFileSync(path.join(PANE_BUILD, 'functions.json'), 'utf8')) as Metadata;
    fake = fakeCustomFunctions();
    // Nothing of the page or of Node: the JavaScript-only runtime gives a function file little more than CustomFunctions.
    vm.runInNewContext(
      readFileSync(path.join(PANE_BUILD, 'functions.js'), 'utf8'),
      { CustomFunctions: fake.global, console },
      { filename: 'functions.js' },
    );
  });

  it('lists the four functions with their parameters, each asking for the addresses of its arguments', () => {
    const shape = metadata.functions.map((f) => [
      f.id,
      f.name,
      f.parameters
        .map((p) => `${p.name}${p.optional ? '?' : ''}${p.dimensionality === 'matrix' ? '[][]' : ''}`)
        .join(', '),
    ]);
    assert.deepEqual(shape, [
      ['STATUS', 'STATUS', 'headers[][], marks[][], qualification?, rules?[][]'],
      ['CREDITS', 'CREDITS', 'headers[][], marks[][], qualification?, which?, rules?[][]'],
      ['NEXTSTEP', 'NEXTSTEP', 'headers[][], marks[][], qualification?, rules?[][]'],
      ['VIOLATIONS', 'VIOLATIONS', 'headers[][], marks[][], qualification?, rules?[][]'],
    ]);
    for (const f of metadata.functions) assert.equal(f.options?.requiresParameterAddresses, true, f.id);
    // Microsoft's metadata reference: parameter addresses only with a matrix result, and its other rules.
    assert.deepEqual(metadataProblems(metadata as FunctionsMetadata), []);
  });

  it('associates every function of the metadata, and nothing else', () => {
    assert.deepEqual([...fake.associated.keys()].sort(), metadata.functions.map((f) => f.id).sort());
  });

  it('gives what the source gives on every sample learner, errors included', async () => {
    installCustomFunctions();
    const { grid } = await sampleGrid();
    const width = grid.values[0].length;
    const headers = excelRow(grid.values[0], 1, width);
    const status = fake.associated.get('STATUS');
    assert.ok(status);
    const seen = new Set<string>();
    for (let r = 1; r < grid.values.length; r++) {
      const marks = excelRow(grid.values[r], 1, width);
      const invocation = {
        parameterAddresses: ['Cohort!A1:AU1', `Cohort!A${r + 1}:AU${r + 1}`],
      } as CustomFunctions.Invocation;
      const built = oneCell(status(headers, marks, null, null, invocation));
      const expected = oneCell(source.status(headers, marks, null, null as unknown as unknown[][], invocation));
      if (expected instanceof FakeExcelError) {
        // Built with the bundle's own view of the fake: the same class, so compare what Excel would show.
        assert.ok(built instanceof FakeExcelError);
        assert.deepEqual(
          { code: built.code, message: built.message },
          { code: expected.code, message: expected.message },
        );
        seen.add('#VALUE!');
      } else {
        assert.equal(built, expected, `row ${r + 1}`);
        seen.add(String(built));
      }
    }
    assert.deepEqual([...seen].sort(), ['#VALUE!', 'achieved', 'incomplete', 'invalid', 'needs-data', 'on-track']);
  });
});
