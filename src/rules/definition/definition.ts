// Reads qualification definitions a centre writes in JSON (one definition or a list of them): the schema checks the
// shape, then the definition is built into the model and checked as a whole. Every problem comes back as data (a
// code, its values and the field's path), and worded for a rules file; a definition with any problem is not
// returned. No files here: callers read them.
import type { QualificationDefinition, DefinitionProblem } from '../model';
import { definitionShapeValidator } from './shape';
import { type RulesFileProblem, schemaProblem } from './messages';
import { FILE_WORDS, formatPath, problemWords } from './words';
import { buildDefinition, Problems } from './build';
import { checkDefinition } from './coherence';

export type { RulesFileProblem } from './messages';
export { definitionJsonSchema, definitionFileJsonSchema } from './schema';

/** What reading a file's definitions found: the problems are data, each naming the definition it belongs to. */
export interface DefinitionReading {
  definitions: QualificationDefinition[];
  problems: DefinitionProblem[];
  /** The JSON of each definition, as given, by its position: what the problems' words name fields from. */
  items: readonly unknown[];
  /** Whether the file holds a list: then each problem's path starts with the definition's position. */
  list: boolean;
}

function uniqueProblems(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseOne(
  json: unknown,
  origin: string,
): { definition?: QualificationDefinition; problems: DefinitionProblem[] } {
  const validateShape = definitionShapeValidator();
  if (!validateShape(json)) return { problems: uniqueProblems((validateShape.errors ?? []).map(schemaProblem)) };
  const problems = new Problems();
  const definition = buildDefinition(json, origin, problems);
  checkDefinition(definition, problems, problems.list.length === 0);
  return problems.list.length === 0 ? { definition, problems: [] } : { problems: problems.list };
}

/**
 * Reads one qualification definition or a list of them from parsed JSON, with its problems as data. `origin` (a
 * file path, a sheet name) is recorded on each definition so results can say where a rule came from.
 */
export function readQualificationDefinitions(json: unknown, origin: string): DefinitionReading {
  const list = Array.isArray(json);
  if (typeof json !== 'object' || json === null)
    return { definitions: [], problems: [{ code: 'not-a-definition', path: [] }], items: [], list };
  const items: unknown[] = list ? json : [json];
  if (items.length === 0) return { definitions: [], problems: [{ code: 'empty-file', path: [] }], items, list };
  const definitions: QualificationDefinition[] = [];
  const problems: DefinitionProblem[] = [];
  const firstById = new Map<string, number>();
  items.forEach((item, i) => {
    const result = parseOne(item, origin);
    problems.push(...result.problems.map((p) => (list ? { ...p, item: i } : p)));
    if (!result.definition) return;
    const idKey = result.definition.id.toUpperCase().replace(/[^0-9A-Z]/g, '');
    const first = firstById.get(idKey);
    if (first !== undefined) {
      problems.push({
        code: 'qualification-twice',
        id: result.definition.id,
        first: first + 1,
        second: i + 1,
        path: ['id'],
        ...(list ? { item: i } : {}),
      });
      return;
    }
    firstById.set(idKey, i);
    definitions.push(result.definition);
  });
  return { definitions, problems, items, list };
}

/** The problems as a rules file names them: the path in the JSON, and a sentence in the file's words. */
export function fileErrors(reading: Pick<DefinitionReading, 'problems' | 'items' | 'list'>): RulesFileProblem[] {
  const seen = new Set<string>();
  return reading.problems
    .map((problem) => {
      const prefix = problem.item === undefined ? '' : `[${problem.item}]`;
      const root = reading.items[problem.item ?? 0];
      return { path: formatPath(problem.path, prefix), message: problemWords(problem, root, FILE_WORDS) };
    })
    .filter((e) => {
      const key = `${e.path}\n${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Reads one qualification definition or a list of them from parsed JSON, its problems in a rules file's words. */
export function parseQualificationDefinitions(
  json: unknown,
  origin: string,
): { definitions: QualificationDefinition[]; errors: RulesFileProblem[] } {
  const reading = readQualificationDefinitions(json, origin);
  return { definitions: reading.definitions, errors: fileErrors(reading) };
}
