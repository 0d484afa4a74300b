// The definition shape validator as JavaScript source, for the pane's build (scripts/definition-shape-loader.cjs):
// ajv's standalone code generation from the same schema and options the command line compiles at run time. The
// module it makes exports what src/rules/definition/shape.ts exports to the rest of the engine.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { definitionJsonSchema } from '../src/rules/definition/schema';
import { DEFINITION_SHAPE_OPTIONS } from '../src/rules/definition/shape';

export function definitionShapeModule(): string {
  const ajv = new Ajv({ ...DEFINITION_SHAPE_OPTIONS, code: { source: true, esm: true } });
  const code = standaloneCode(ajv, ajv.compile(definitionJsonSchema));
  return `${code}\nexport function definitionShapeValidator() { return validate; }\n`;
}
