// Turns what the schema validator found into definition problems (data: a code, its values and the field's path);
// words.ts words them for each surface. No schema vocabulary reaches the user.
import type { ErrorObject } from 'ajv';
import type { DefinitionProblem, PathSegment } from '../model';
import { RULE_KINDS } from './words';

/** A problem as a rules file shows it: where in the JSON, and a sentence saying what is wrong and what to do. */
export interface RulesFileProblem {
  /** Where in the JSON, for example `units[3].credits` (prefixed `[1].` when the file holds a list). */
  path: string;
  /** A sentence saying what is wrong and what to do. */
  message: string;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The allowed word closest to a misspelt one, when it is close enough to be a likely typo. */
export function closestWord(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const extended = allowed.filter((a) => lower.length >= 3 && a.toLowerCase().startsWith(lower));
  if (extended.length === 1) return extended[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function schemaProperties(schema: unknown): Record<string, unknown> {
  const properties = fieldOf(schema, 'properties');
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

function describedAs(schema: unknown, field: string): string {
  const description = fieldOf(schemaProperties(schema)[field], 'description');
  return typeof description === 'string' ? description : '';
}

/** One validator error as a problem. Needs the validator's `verbose` output (data and parentSchema). */
export function schemaProblem(error: ErrorObject): DefinitionProblem {
  const at = pointerSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const type = fieldOf(error.parentSchema, 'type');
  const nullable = Array.isArray(type) && type.includes('null');
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      const path = [...at, field];
      if (field === 'kind') return { code: 'missing-kind', path };
      return { code: 'missing-field', path, field, help: describedAs(error.parentSchema, field) };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(schemaProperties(error.parentSchema)).filter(
        (k) => k !== '$schema' && k !== 'origin',
      );
      return { code: 'unknown-field', path: [...at, field], field, hint: closestWord(field, allowed), allowed };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? params.type.map(String) : [String(params.type)];
      const expected = at[at.length - 1] === 'level' ? 'level' : types;
      return { code: 'wrong-type', path: at, expected, nullable, value: error.data };
    }
    case 'minimum': {
      const limit = Number(params.limit);
      if (at[0] === 'rules' && at[at.length - 1] === 'min' && limit === 1)
        return { code: 'minimum-below-one', path: at, value: error.data };
      return { code: 'below-minimum', path: at, limit, nullable, value: error.data };
    }
    case 'minItems':
      return { code: 'empty-list', path: at, limit: Number(params.limit) };
    case 'minLength': {
      const help = fieldOf(error.parentSchema, 'description');
      return { code: 'empty-text', path: at, ...(typeof help === 'string' ? { help } : {}) };
    }
    case 'discriminator': {
      const kind = params.tagValue;
      const path = [...at, 'kind'];
      if (kind === undefined) return { code: 'missing-kind', path };
      const hint = typeof kind === 'string' ? closestWord(kind, RULE_KINDS) : undefined;
      return { code: 'unknown-kind', path, kind, ...(hint ? { hint } : {}) };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map((v) => JSON.stringify(v)) : [];
      return { code: 'invalid', path: at, detail: `write one of ${allowed.join(', ')}` };
    }
    default:
      return { code: 'invalid', path: at, ...(error.message ? { detail: error.message } : {}) };
  }
}
