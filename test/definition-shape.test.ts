// The pane checks a definition's shape with code ajv generated at build time (scripts/definition-shape-code.ts), the
// command line with the schema compiled at run time (src/rules/definition/shape.ts): the two must find the same
// problems, error for error, or the pane and the command line would word a bad rules sheet differently.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { definitionShapeModule } from '../scripts/definition-shape-code';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { definitionsJson } from '../src/rules/definition/file';
import { definitionShapeValidator } from '../src/rules/definition/shape';

async function generatedValidator(): Promise<ValidateFunction> {
  // In the repository, so the generated code's imports of ajv's run-time helpers resolve as they do for webpack.
  const folder = path.resolve(__dirname, '../test-artifacts');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'definition-shape.generated.mjs');
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  writeFileSync(file, prelude + definitionShapeModule());
  const loaded = (await import(pathToFileURL(file).href)) as { definitionShapeValidator: () => ValidateFunction };
  return loaded.definitionShapeValidator();
}

function verdict(validate: ValidateFunction, json: unknown) {
  const valid = validate(json);
  return { valid, errors: structuredClone(validate.errors ?? []) };
}

/** A field of a definition, by a path of keys and indexes, replaced (or removed when `value` is undefined). */
function withField(json: unknown, keys: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(json) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return copy;
    at = next as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

describe('the definition shape check the pane is built with', () => {
  const definitions: unknown[] = JSON.parse(definitionsJson(EMBEDDED_QUALIFICATIONS));
  let generated: ValidateFunction;
  before(async () => {
    generated = await generatedValidator();
  });

  it('accepts every embedded definition, as the command line does', () => {
    for (const json of definitions) {
      assert.deepEqual(verdict(generated, json), { valid: true, errors: [] });
      assert.deepEqual(verdict(definitionShapeValidator(), json), { valid: true, errors: [] });
    }
  });

  it('finds the same errors as the schema compiled at run time, for definitions broken at random', () => {
    const paths: (string | number)[][] = [
      ['id'],
      ['title'],
      ['level'],
      ['operational'],
      ['operational', 'from'],
      ['groups', 0, 'id'],
      ['groups', 0],
      ['units'],
      ['units', 0, 'credits'],
      ['units', 1, 'level'],
      ['units', 2, 'group'],
      ['units', 0, 'aliases'],
      ['rules', 0, 'kind'],
      ['rules', 0, 'min'],
      ['rules', 1, 'text'],
      ['rules', 2],
      ['extra'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...definitions),
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })), {
          minLength: 1,
          maxLength: 3,
        }),
        (base, changes) => {
          const json = changes.reduce((j, [keys, value]) => withField(j, keys, value), base);
          const expected = verdict(definitionShapeValidator(), json);
          assert.deepEqual(verdict(generated, json), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds errors at all: a broken definition is refused by both', () => {
    const broken = withField(definitions[0], ['rules', 0, 'kind'], 'noSuchKind');
    assert.equal(verdict(generated, broken).valid, false);
    assert.deepEqual(verdict(generated, broken), verdict(definitionShapeValidator(), broken));
  });
});
