// The schema check of one qualification definition. The command line and the tests compile the schema with ajv the
// first time a definition is read; the pane's build swaps this module for the same validator written out as code
// (ajv's standalone code generation, scripts/definition-shape-loader.cjs), so the pane ships no schema compiler and
// spends no start-up time compiling. Both come from DEFINITION_SHAPE_OPTIONS and definitionJsonSchema.
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { type DefinitionJson, definitionJsonSchema } from './schema';

/** verbose: the messages need each error's data and parentSchema. */
export const DEFINITION_SHAPE_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  discriminator: true,
  allowUnionTypes: true,
};

let compiled: ValidateFunction<DefinitionJson> | undefined;

/** The validator of one definition's shape; its `errors` hold the last call's problems. */
export function definitionShapeValidator(): ValidateFunction<DefinitionJson> {
  compiled ??= new Ajv(DEFINITION_SHAPE_OPTIONS).compile<DefinitionJson>(definitionJsonSchema);
  return compiled;
}
