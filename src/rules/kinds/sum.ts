// The general rule: a measure (credits, GLH or a count of units) summed over the units that pass its filters (groups,
// named units, a level; together, all must hold), with a minimum, a maximum, or both. A maximum either leaves whole
// units out of the count (`not-counted`) or forbids the choice (`forbidden`). The five older kinds are special cases
// of it, kept as kinds of their own so that their results read as before.
import type { Level, LevelFilter, UnitDefinition } from '../model';
import { CREDIT_UNSATISFIABLE, creditWords, groupTitles, measureName, measureWord, unknownGaps } from './credit-words';
import { levelName } from './level-words';
import { level as schemaLevel, text } from './schema-parts';
import type { CreditKind, RuleOf } from './types';

type SumRule = RuleOf<'sum'>;

const MATCHES = ['exactly', 'atLeast', 'atMost'] as const;
export type LevelMatch = (typeof MATCHES)[number];

/** The level filter's match and level: `atLeast`, 3. */
export function levelFilterParts(filter: LevelFilter): { match: LevelMatch; level: Level } {
  if ('exactly' in filter) return { match: 'exactly', level: filter.exactly };
  if ('atLeast' in filter) return { match: 'atLeast', level: filter.atLeast };
  return { match: 'atMost', level: filter.atMost };
}

/** The level filter from its match and level. */
export function levelFilterOf(match: LevelMatch, level: Level): LevelFilter {
  if (match === 'exactly') return { exactly: level };
  return match === 'atLeast' ? { atLeast: level } : { atMost: level };
}

/** Whether a unit's level passes the filter; null when the unit's level is unknown. */
export function passesLevel(filter: LevelFilter, unitLevel: Level | null): boolean | null {
  if (unitLevel === null) return null;
  const { match, level } = levelFilterParts(filter);
  if (match === 'exactly') return unitLevel === level;
  return match === 'atLeast' ? unitLevel >= level : unitLevel <= level;
}

/** `at level 3 or above`, `at Entry level`, `at level 1 or below`. */
export function levelFilterWords(filter: LevelFilter): string {
  const { match, level } = levelFilterParts(filter);
  const at = `at ${levelName(level)}`;
  return match === 'exactly' ? at : `${at} or ${match === 'atLeast' ? 'above' : 'below'}`;
}

function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Where the rule's units are, in words: `from Optional Group C at level 3 or above`; empty for every unit. */
function whereWords(rule: SumRule, q: Parameters<typeof groupTitles>[0] | undefined): string {
  const parts: string[] = [];
  if (rule.groups !== undefined)
    parts.push(`from ${q === undefined ? `group ${rule.groups.join(' and ')}` : groupTitles(q, rule.groups)}`);
  if (rule.units !== undefined)
    parts.push(`from ${rule.units.length === 1 ? 'unit' : 'units'} ${listWords(rule.units)}`);
  if (rule.level !== undefined) parts.push(levelFilterWords(rule.level));
  return parts.join(' ');
}

function counts(rule: SumRule, unit: UnitDefinition): boolean | null {
  if (rule.groups !== undefined && !rule.groups.includes(unit.group)) return false;
  if (rule.units !== undefined && !rule.units.includes(unit.ref)) return false;
  return rule.level === undefined ? true : passesLevel(rule.level, unit.level);
}

const amount = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;

export const sum: CreditKind<'sum'> = {
  kind: 'sum',
  family: 'credits',
  label: 'sum',
  spellings: ['sum', 'sum of', 'general'],
  code: 'sum-min',
  schema: {
    description:
      'a measure (credits, GLH or units) summed over the units that pass every filter given, with a min, a max, or both',
    fields: {
      of: { enum: ['credits', 'glh', 'units'], description: 'what is added up: credits (the default), glh or units' },
      groups: {
        type: 'array',
        minItems: 1,
        items: text('a group id'),
        description: 'only units of these groups count',
      },
      units: {
        type: 'array',
        minItems: 1,
        items: text('a unit ref'),
        description: 'only these units count',
      },
      level: {
        type: 'object',
        description: 'only units at a level count: {"exactly": 2}, {"atLeast": 3} or {"atMost": 1}',
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: Object.fromEntries(MATCHES.map((m) => [m, schemaLevel(`the level (${m})`)])),
      },
      min: { type: 'integer', minimum: 1, description: 'the least the units may add up to, a whole number from 1' },
      max: amount('the most that may count (or be taken), a whole number'),
      overMax: {
        enum: ['not-counted', 'forbidden'],
        description:
          'over the max: "not-counted" (the default) leaves whole units out of the count; "forbidden" makes the choice one the rules forbid',
      },
    },
    required: [],
  },
  sheet: {
    columns: ['targets', 'min', 'of', 'units', 'level', 'levelMatch', 'max', 'overMax'],
    optional: ['targets', 'min', 'of', 'units', 'level', 'levelMatch', 'max', 'overMax'],
    values: (rule) => ({
      ...(rule.groups !== undefined ? { targets: rule.groups } : {}),
      ...(rule.min > 0 ? { min: rule.min } : {}),
      of: rule.of,
      ...(rule.units !== undefined ? { units: rule.units } : {}),
      ...(rule.level !== undefined
        ? { level: levelFilterParts(rule.level).level, levelMatch: levelFilterParts(rule.level).match }
        : {}),
      ...(rule.max !== undefined ? { max: rule.max, overMax: rule.overMax } : {}),
    }),
    targets: { field: 'groups', one: false },
  },
  fromJson: (json, base, resolve) => {
    const rule: SumRule = {
      ...base,
      kind: json.kind,
      of: json.of ?? 'credits',
      min: json.min ?? 0,
      overMax: json.overMax ?? 'not-counted',
    };
    if (json.groups !== undefined) rule.groups = json.groups.map((g, j) => resolve.group(g, 'groups', j));
    if (json.units !== undefined) rule.units = json.units.map((u, j) => resolve.unit(u, 'units', j));
    if (json.level !== undefined) {
      const match = MATCHES.find((m) => m in (json.level as object)) ?? 'exactly';
      const value = (json.level as Record<LevelMatch, number | string>)[match];
      rule.level = levelFilterOf(match, resolve.level(value, 'level'));
    }
    if (json.max !== undefined) rule.max = json.max;
    return rule;
  },
  describe(rule) {
    const where = whereWords(rule, undefined);
    // The measure goes after the last figure and agrees with it: "at least 3 and at most 6 credits", "at most 1 unit".
    const least = rule.min > 0 ? `at least ${rule.min}` : '';
    const bounds =
      rule.max !== undefined
        ? `${least === '' ? '' : `${least} and `}at most ${measureWord(rule.max, rule.of)}`
        : rule.min > 0
          ? `at least ${measureWord(rule.min, rule.of)}`
          : measureName(rule.of);
    const over =
      rule.max === undefined ? '' : rule.overMax === 'forbidden' ? ' (more is not allowed)' : ' (more does not count)';
    return `${bounds}${where === '' ? ' in all' : ` ${where}`}${over}`;
  },
  groupsNamed: (rule) => rule.groups ?? [],
  checkTargets(rule, { report }) {
    if (rule.min === 0 && rule.max === undefined)
      report('min', { code: 'missing-field', field: 'min', help: 'or "max": a sum rule needs at least one of them' });
    else if (rule.max !== undefined && rule.max < rule.min)
      report('max', { code: 'below-minimum', limit: rule.min, nullable: false, value: rule.max });
  },
  measure: (rule) => rule.of,
  bounds: (rule) => ({
    min: rule.min,
    ...(rule.max !== undefined ? { max: rule.max } : {}),
    overMax: rule.overMax,
  }),
  countsAll: (rule) =>
    rule.of === 'credits' &&
    rule.min > 0 &&
    rule.groups === undefined &&
    rule.units === undefined &&
    rule.level === undefined,
  usesLevel: (rule) => rule.level !== undefined,
  usesGroup: (rule) => rule.groups !== undefined,
  counts,
  whatCounts: (rule, q) => `${measureName(rule.of)}${whereWords(rule, q) === '' ? '' : ` ${whereWords(rule, q)}`}`,
  unitsCounted: (rule, q) => (whereWords(rule, q) === '' ? 'all the units' : `the units ${whereWords(rule, q)}`),
  words(result, rule, q, unit) {
    const where = whereWords(rule, q);
    const what = `${measureName(rule.of)}${where === '' ? '' : ` ${where}`}`;
    const levelMatters = rule.level !== undefined;
    const over = result.overBy ?? [];
    if (rule.max !== undefined && over.length > 0)
      return `${listWords(over)} chosen: more than the ${measureWord(rule.max, rule.of)}${where === '' ? '' : ` ${where}`} allowed; give up units until at most ${rule.max} are left`;
    const minPart = rule.min > 0 ? creditWords(result, what, levelMatters, unit, rule.of) : undefined;
    if (rule.max === undefined) return minPart ?? '';
    const left = result.leftOut ?? [];
    const cap =
      rule.overMax === 'forbidden'
        ? `at most ${measureWord(rule.max, rule.of)} allowed`
        : left.length > 0
          ? `${listWords(left)} not counted: at most ${measureWord(rule.max, rule.of)} count`
          : `at most ${measureWord(rule.max, rule.of)} count`;
    if (minPart !== undefined) return `${minPart}; ${cap}`;
    if (result.outcome === 'unknown')
      return `${result.known} ${what} known; cannot be decided whether more than ${rule.max}: ${unknownGaps(result.uncertain ?? [], levelMatters, unit, rule.of)} unknown`;
    return `${result.known} ${what}: ${cap}`;
  },
  unsatisfiable: CREDIT_UNSATISFIABLE,
};
