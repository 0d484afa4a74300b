// Reads qualification definitions a centre writes in JSON (one definition or a list of them): the schema checks the
// shape, then the definition is built into the model and checked as a whole. Every problem comes back as a path and
// a sentence saying what to do; a definition with any problem is not returned. No files here: callers read them.
import type { QualificationDefinition } from './model';
import { definitionShapeValidator } from './definition-shape';
import { type DefinitionError, explainSchemaError } from './definition-messages';
import { buildDefinition, Problems } from './definition-build';
import { checkDefinition } from './definition-checks';

export type { DefinitionError } from './definition-messages';
export { definitionJsonSchema, definitionFileJsonSchema } from './definition-schema';

function uniqueErrors(errors: DefinitionError[]): DefinitionError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\n${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseOne(
  json: unknown,
  origin: string,
  prefix: string,
): { definition?: QualificationDefinition; errors: DefinitionError[] } {
  const validateShape = definitionShapeValidator();
  if (!validateShape(json)) {
    return { errors: uniqueErrors((validateShape.errors ?? []).map((e) => explainSchemaError(e, json, prefix))) };
  }
  const problems = new Problems(json, prefix);
  const definition = buildDefinition(json, origin, problems);
  checkDefinition(definition, problems, problems.list.length === 0);
  return problems.list.length === 0 ? { definition, errors: [] } : { errors: problems.list };
}

/**
 * Reads one qualification definition or a list of them from parsed JSON. `origin` (a file path, a sheet name) is
 * recorded on each definition so results can say where a rule came from.
 */
export function parseQualificationDefinitions(
  json: unknown,
  origin: string,
): { definitions: QualificationDefinition[]; errors: DefinitionError[] } {
  const isList = Array.isArray(json);
  if (typeof json !== 'object' || json === null) {
    return {
      definitions: [],
      errors: [
        {
          path: '',
          message:
            'The file must hold one qualification definition, a set of fields in braces { }, or a list of them in square brackets [ ].',
        },
      ],
    };
  }
  const items: unknown[] = isList ? json : [json];
  if (items.length === 0) {
    return {
      definitions: [],
      errors: [{ path: '', message: 'The file holds an empty list: add at least one qualification definition.' }],
    };
  }
  const definitions: QualificationDefinition[] = [];
  const errors: DefinitionError[] = [];
  const firstById = new Map<string, number>();
  items.forEach((item, i) => {
    const prefix = isList ? `[${i}]` : '';
    const result = parseOne(item, origin, prefix);
    errors.push(...result.errors);
    if (!result.definition) return;
    const idKey = result.definition.id.toUpperCase().replace(/[^0-9A-Z]/g, '');
    const first = firstById.get(idKey);
    if (first !== undefined) {
      errors.push({
        path: `${prefix}.id`,
        message: `Qualification ${result.definition.id} is defined twice in this file (positions ${first + 1} and ${i + 1}): keep one.`,
      });
      return;
    }
    firstById.set(idKey, i);
    definitions.push(result.definition);
  });
  return { definitions, errors };
}
