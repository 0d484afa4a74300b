// functions.json as the build generates it from src/functions/functions.ts (custom-functions-metadata, the generator
// the webpack plugin runs), held to Microsoft's custom-functions metadata reference (test/support/functions-metadata.ts);
// test/functions-bundle.test.ts holds the built dist/functions.json to the same rules.
import assert from 'node:assert/strict';
import path from 'node:path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { repoRoot } from './support/cli';
import { metadataProblems, type FunctionsMetadata } from './support/functions-metadata';

describe('worksheet functions metadata (functions.json) by the reference', function () {
  this.timeout(60_000);
  let metadata: FunctionsMetadata;
  before(async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(repoRoot, 'src/functions/functions.ts'));
    assert.deepEqual(generated.errors, []);
    metadata = JSON.parse(generated.metadataJson) as FunctionsMetadata;
  });

  it('keeps every rule: parameter addresses with a matrix result, ids of letters and periods, known types', () => {
    assert.equal(metadata.functions.length, 4);
    assert.deepEqual(metadataProblems(metadata), []);
    for (const f of metadata.functions) {
      assert.equal(f.options?.requiresParameterAddresses, true, f.id);
      assert.equal(f.result.dimensionality, 'matrix', f.id);
    }
  });

  it('finds the mistake the metadata once had: parameter addresses on a scalar result', () => {
    const scalar = structuredClone(metadata);
    delete scalar.functions[0].result.dimensionality;
    assert.deepEqual(metadataProblems(scalar), [
      'function STATUS: requiresParameterAddresses needs a result of dimensionality matrix',
    ]);
  });
});
