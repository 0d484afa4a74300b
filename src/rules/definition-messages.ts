// Turns what the schema validator found into sentences a centre administrator can act on: which field of which
// unit or rule, what it holds, and what to write instead. No schema vocabulary reaches the user.
import { KIND_NAMES } from './kinds';
import type { ErrorObject } from 'ajv';

export interface DefinitionError {
  /** Where in the JSON, for example `units[3].credits` (prefixed `[1].` when the file holds a list). */
  path: string;
  /** A sentence saying what is wrong and what to do. */
  message: string;
}

export type PathSegment = string | number;

/** `['units', 3, 'credits']` becomes `units[3].credits`; `prefix` is the position in a list of definitions. */
export function formatPath(segments: readonly PathSegment[], prefix = ''): string {
  let path = prefix;
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) path += path === '' ? s : `.${s}`;
    else path += `[${JSON.stringify(s)}]`;
  }
  return path;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function itemOf(value: unknown, index: number): unknown {
  return Array.isArray(value) ? (value as unknown[])[index] : undefined;
}

const OWNER_KINDS: Record<string, { word: string; key: string }> = {
  units: { word: 'unit', key: 'ref' },
  groups: { word: 'group', key: 'id' },
  rules: { word: 'rule', key: 'id' },
};

/**
 * Names what a path points into, in words: `unit L/601/0933`, `rule group-B`, `the qualification`; and the rest of
 * the path within it (`credits`, `groups[1]`), empty when the path is the owner itself.
 */
export function ownerOf(root: unknown, segments: readonly PathSegment[]): { owner: string; rest: PathSegment[] } {
  const [list, index, ...rest] = segments;
  if (typeof list === 'string' && typeof index === 'number' && OWNER_KINDS[list]) {
    const { word, key } = OWNER_KINDS[list];
    const name = fieldOf(itemOf(fieldOf(root, list), index), key);
    const owner =
      typeof name === 'string' && name.trim() !== '' ? `${word} ${name.trim()}` : `${word} at position ${index + 1}`;
    return { owner, rest };
  }
  return { owner: 'the qualification', rest: [...segments] };
}

/** `the credits of unit L/601/0933`, `the level of the qualification`, or the owner alone. */
export function fieldLabel(root: unknown, segments: readonly PathSegment[]): string {
  const { owner, rest } = ownerOf(root, segments);
  return rest.length === 0 ? owner : `the ${formatPath(rest)} of ${owner}`;
}

export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  return String(value);
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text in double quotes',
  boolean: 'true or false',
  array: 'a list in square brackets [ ]',
  object: 'a set of fields in braces { }',
  null: 'null (when not known)',
};

function expectedTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
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

/** The kinds a definition may name, from the registry of kinds. */
export const RULE_KINDS: readonly string[] = KIND_NAMES;

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

function unknownKind(owner: string, kind: unknown): string {
  const hint = typeof kind === 'string' ? closestWord(kind, RULE_KINDS) : undefined;
  const suggestion = hint ? ` (did you mean "${hint}"?)` : '';
  return `${sentence(owner)} has kind ${describeValue(kind)}, which qualcheck does not know: use one of ${RULE_KINDS.join(', ')}${suggestion}.`;
}

function missingKind(owner: string): string {
  return `${sentence(owner)} has no kind: add "kind", one of ${RULE_KINDS.join(', ')}.`;
}

/** One validator error as a sentence. Needs the validator's `verbose` output (data and parentSchema). */
export function explainSchemaError(error: ErrorObject, root: unknown, prefix: string): DefinitionError {
  const at = pointerSegments(error.instancePath);
  const label = fieldLabel(root, at);
  const params = error.params as Record<string, unknown>;
  const nullable =
    Array.isArray(fieldOf(error.parentSchema, 'type')) &&
    (fieldOf(error.parentSchema, 'type') as unknown[]).includes('null');
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      const { owner } = ownerOf(root, [...at, field]);
      if (field === 'kind') return { path: formatPath([...at, field], prefix), message: missingKind(owner) };
      const help = describedAs(error.parentSchema, field);
      return {
        path: formatPath([...at, field], prefix),
        message: `${sentence(label)} has no ${field}: add "${field}"${help ? `, ${help}` : ''}.`,
      };
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(schemaProperties(error.parentSchema)).filter(
        (k) => k !== '$schema' && k !== 'origin',
      );
      const hint = closestWord(field, allowed);
      const what = hint
        ? `did you mean "${hint}"? Correct the name or remove the field`
        : `remove it, or use one of ${allowed.join(', ')}`;
      return {
        path: formatPath([...at, field], prefix),
        message: `${sentence(label)} has a field "${field}" that qualcheck does not know: ${what}.`,
      };
    }
    case 'type': {
      // A level takes a number or a word ("Entry"): say so in those terms, not as the types JSON has.
      const expected =
        at[at.length - 1] === 'level'
          ? `a level: 1 to 8, or "Entry"${nullable ? ', or null when not known' : ''}`
          : expectedTypes(params.type);
      return {
        path: formatPath(at, prefix),
        message: `${sentence(label)} must be ${expected}; it says ${describeValue(error.data)}.`,
      };
    }
    case 'minimum': {
      const limit = Number(params.limit);
      if (at[0] === 'rules' && at[at.length - 1] === 'min' && limit === 1) {
        return {
          path: formatPath(at, prefix),
          message: `${sentence(label)} must be 1 or more (it says ${describeValue(error.data)}): a rule asking for 0 credits or fewer is met by every learner. Write the credits the specification asks for, or delete the rule.`,
        };
      }
      const rule = limit === 0 ? 'must not be negative' : `must not be below ${limit}`;
      return {
        path: formatPath(at, prefix),
        message: `${sentence(label)} ${rule} (it says ${describeValue(error.data)}): write ${limit} or more${nullable ? ', or null when not known' : ''}.`,
      };
    }
    case 'minItems': {
      const { owner, rest } = ownerOf(root, at);
      const listed = formatPath(rest);
      return {
        path: formatPath(at, prefix),
        message: `${sentence(owner)} lists no ${listed}: add at least ${Number(params.limit) === 1 ? 'one' : params.limit}.`,
      };
    }
    case 'minLength':
      return {
        path: formatPath(at, prefix),
        message: `${sentence(label)} is empty: write ${fieldOf(error.parentSchema, 'description') ?? 'some text'}.`,
      };
    case 'discriminator': {
      const { owner } = ownerOf(root, at);
      const kind = params.tagValue;
      return {
        path: formatPath([...at, 'kind'], prefix),
        message: kind === undefined ? missingKind(owner) : unknownKind(owner, kind),
      };
    }
    default:
      return {
        path: formatPath(at, prefix),
        message: `${sentence(label)} is not valid: ${error.message ?? 'check it'}.`,
      };
  }
}
