// Definition problems in words. Each surface has a vocabulary that says how it names fields, tables and places (a
// rules file says `min` and `positions 3 and 5`, the rules sheet `its Minimum` and `rows 14 and 16`); the sentences
// are the same for all, so a problem reads alike wherever it is shown and nothing parses them back.
import { KIND_NAMES } from '../kinds';
import type { DefinitionProblem, PathSegment } from '../model';
import { unitKey } from '../model';

/** How a surface names what the sentences refer to. */
export interface ProblemVocabulary {
  /** The field at a path of the definition, in words: `the credits of unit L/601/0933`, `the qualification`. */
  field(root: unknown, path: readonly PathSegment[]): string;
  /** What the path points into: `unit L/601/0933`, `rule group-B`, `the qualification`; and the rest of the path. */
  owner(root: unknown, path: readonly PathSegment[]): { owner: string; rest: readonly PathSegment[] };
  /** A field of the thing a sentence is about, to correct: `min`, a group's total (sheet: `its Minimum`). */
  its(field: 'min' | 'groupTotal' | 'glhMin' | 'glhMax'): string;
  /** A rule's minimum named with its rule: `min of rule total` (sheet: `the Minimum of rule total`). */
  minimumOf(rule: string): string;
  /** A rule's maximum named with its rule: `max of rule one-D` (sheet: `the Maximum of rule one-D`). */
  maximumOf(rule: string): string;
  /** Where groups or units are declared: `groups` (sheet: `the group table`). */
  table(list: 'groups' | 'units'): string;
  /** The way to say a value is not known, after `or`: `null when not known`. */
  unknown: string;
  /** JSON types a field takes, in words. */
  types(types: readonly string[]): string;
  /** What to write for a date that is not one, after `is not a date`. */
  dateFix(value: string): string;
  /** A unit's other header spellings, at the start of a sentence: `Alias`. */
  alias: string;
  /** Two places in one of the definition's lists (positions from 1): `(positions 3 and 5)`. */
  positions(list: string, first: number, second: number): string;
  /** The file or sheet the definition is in: `in this file`. */
  here: string;
}

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
  equivalents: { word: 'equivalent unit', key: 'ref' },
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

export const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text in double quotes',
  boolean: 'true or false',
  array: 'a list in square brackets [ ]',
  object: 'a set of fields in braces { }',
  null: 'null (when not known)',
};

/** For a UK-style date such as 24/05/2012, the ISO spelling to suggest. */
function isoSuggestion(text: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  return m ? `, here "${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}"` : '';
}

/** The vocabulary of a rules file in JSON: fields by their JSON names, places by their positions in a list. */
export const FILE_WORDS: ProblemVocabulary = {
  field: fieldLabel,
  owner: ownerOf,
  its: (field) => ({ min: 'min', groupTotal: 'totalCredits', glhMin: 'min', glhMax: 'max' })[field],
  minimumOf: (rule) => `min of rule ${rule}`,
  maximumOf: (rule) => `max of rule ${rule}`,
  table: (list) => list,
  unknown: 'null when not known',
  types: (types) => types.map((t) => TYPE_WORDS[t] ?? t).join(' or '),
  dateFix: (value) => ` written as YYYY-MM-DD: write it as year-month-day${isoSuggestion(value)}`,
  alias: 'Alias',
  positions: (_list, first, second) => `(positions ${first} and ${second})`,
  here: 'in this file',
};

/** The kinds a definition may name, from the registry of kinds. */
export const RULE_KINDS: readonly string[] = KIND_NAMES;

/** `a`, `a and b`, `a, b and c`. */
function listWords(items: readonly string[], last: 'and' | 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function listOf(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, ...`;
}

/** What is wrong with a unit reference a cohort sheet's header could not carry, and what to write instead. */
const MALFORMED_WORDS = {
  'qcf-digits':
    "is not a QCF unit reference (a letter, three digits and four digits, for example Y/600/1234): write the ref as the other qualification's specification gives it",
  'extra-text':
    'holds more than a unit reference: write the ref alone (for example Y/600/1234), and the title as its title',
  'too-short':
    "is too short for a header to name it: write the ref of the other qualification's unit, for example Y/600/1234",
} as const;

/** The problem as a sentence saying what is wrong and what to do, in the surface's vocabulary. */
export function problemWords(problem: DefinitionProblem, root: unknown, v: ProblemVocabulary): string {
  const at = problem.path;
  const label = () => sentence(v.field(root, at));
  const parent = () => sentence(v.field(root, at.slice(0, -1)));
  const owner = () => sentence(v.owner(root, at).owner);
  const orUnknown = (nullable: boolean) => (nullable ? `, or ${v.unknown}` : '');
  const kinds = RULE_KINDS.join(', ');
  switch (problem.code) {
    case 'missing-field':
      return `${parent()} has no ${problem.field}: add "${problem.field}"${problem.help ? `, ${problem.help}` : ''}.`;
    case 'missing-kind':
      return `${owner()} has no kind: add "kind", one of ${kinds}.`;
    case 'unknown-kind': {
      const hint = problem.hint ? ` (did you mean "${problem.hint}"?)` : '';
      return `${owner()} has kind ${describeValue(problem.kind)}, which qualcheck does not know: use one of ${kinds}${hint}.`;
    }
    case 'unknown-field': {
      const what = problem.hint
        ? `did you mean "${problem.hint}"? Correct the name or remove the field`
        : `remove it, or use one of ${problem.allowed.join(', ')}`;
      return `${parent()} has a field "${problem.field}" that qualcheck does not know: ${what}.`;
    }
    case 'wrong-type': {
      // A level takes a number or a word ("Entry"): say so in those terms, not as the types JSON has.
      const expected =
        problem.expected === 'level'
          ? `a level: 1 to 8, or "Entry"${orUnknown(problem.nullable)}`
          : v.types(problem.expected);
      return `${label()} must be ${expected}; it says ${describeValue(problem.value)}.`;
    }
    case 'minimum-below-one':
      return `${label()} must be 1 or more (it says ${describeValue(problem.value)}): a rule asking for 0 credits or fewer is met by every learner. Write the credits the specification asks for, or delete the rule.`;
    case 'below-minimum': {
      const { limit } = problem;
      const rule = limit === 0 ? 'must not be negative' : `must not be below ${limit}`;
      return `${label()} ${rule} (it says ${describeValue(problem.value)}): write ${limit} or more${orUnknown(problem.nullable)}.`;
    }
    case 'empty-list': {
      const { rest } = v.owner(root, at);
      return `${owner()} lists no ${formatPath(rest)}: add at least ${problem.limit === 1 ? 'one' : problem.limit}.`;
    }
    case 'empty-text':
      return `${label()} is empty: write ${problem.help ?? 'some text'}.`;
    case 'invalid':
      return `${label()} is not valid: ${problem.detail ?? 'check it'}.`;
    case 'entry-sublevel':
      return `${label()} says ${describeValue(problem.value)}, but qualcheck does not tell Entry 1, 2 and 3 apart (units at any of them are at Entry level): write "Entry" if the rule may count every Entry-level unit, or check such learners by hand.`;
    case 'not-a-level':
      return `${label()} must be a number from 1 to ${problem.highest}, or "Entry" for Entry level; it says ${describeValue(problem.value)}.`;
    case 'level-out-of-range':
      return `${label()} must be a level from 1 to ${problem.highest}, or 0 or "Entry" for Entry level; it says ${problem.value}.`;
    case 'unknown-group':
      return `${label()} names "${problem.name}", a group the qualification does not have: use one of ${listOf(problem.groups)}, or add group "${problem.name.trim()}" to ${v.table('groups')}.`;
    case 'unknown-unit':
      return `${label()} names "${problem.ref}", a unit the qualification does not have: write the ref of one of its units, or add the unit to ${v.table('units')}.`;
    case 'duplicate-group':
      return `Group "${problem.id}" is declared twice ${v.positions('groups', problem.first, problem.second)}: give each group its own id, or merge them.`;
    case 'duplicate-unit':
      return `Unit ${problem.ref} is listed twice ${v.positions('units', problem.first, problem.second)}: remove one, or correct the ref.`;
    case 'duplicate-unit-number':
      return `Unit number ${problem.number} is given to both ${problem.firstRef} and ${problem.ref}: each unit needs its own number.`;
    case 'duplicate-rule-id':
      return `Rule id "${problem.id}" is used twice ${v.positions('rules', problem.first, problem.second)}: give each rule its own id.`;
    case 'alias-clash':
      return `${v.alias} "${problem.alias}" of unit ${problem.unit} also names unit ${problem.other}: a header would mean both; remove or change the alias.`;
    case 'equivalent-is-own-unit': {
      const how = unitKey(problem.ref) === unitKey(problem.unit) ? '' : ` (${v.alias.toLowerCase()} of that unit)`;
      return `Equivalent unit ${problem.ref} already names unit ${problem.unit} of this qualification${how}: an equivalent is a unit of another qualification that counts as one of this one's; remove it, or correct its ref.`;
    }
    case 'duplicate-equivalent':
      return `Equivalent unit ${problem.ref} is listed twice ${v.positions('equivalents', problem.first, problem.second)}: keep one, since a unit can count as only one unit of this qualification.`;
    case 'malformed-unit-ref':
      return `Equivalent unit "${problem.ref}" ${MALFORMED_WORDS[problem.why]}.`;
    case 'bad-date':
      return `The operational ${problem.field} date "${problem.value}" is not a date${v.dateFix(problem.value)}.`;
    case 'dates-backwards':
      return `The operational dates run backwards (from ${problem.from} to ${problem.to}): "from" is the first day registration opens and must not be after "to".`;
    case 'glh-backwards':
      return `The guided learning hours run backwards (min ${problem.min}, max ${problem.max}): ${v.its('glhMin')} must not be more than ${v.its('glhMax')}.`;
    case 'group-total-mismatch':
      return `Group ${problem.group} states ${problem.total} credits in all, but its units' credits add up to ${problem.allKnown ? '' : 'at least '}${problem.known}: correct ${v.its('groupTotal')} or the units' credits.`;
    case 'barred-too-few':
      return `Barred set ${problem.set} names ${problem.units === 0 ? 'no units' : 'only one unit'}: a barred set needs at least two different units, of which only one may count.`;
    case 'mandatory-group-empty':
      return `Rule ${problem.rule} makes group ${problem.group} mandatory, but no unit belongs to it: add the group's units, or correct the group.`;
    case 'mandatory-over-total': {
      const { rule, group, least, exact, total } = problem;
      return `Rule ${rule} makes every unit of group ${group} mandatory, and those units give ${exact ? '' : 'at least '}${least} credits, more than the ${total.min} credits in all that rule ${total.id} asks for: every learner would pass the total on the mandatory units alone, so a value is wrong. Correct the credits of group ${group}'s units, or raise ${v.minimumOf(total.id)}.`;
    }
    case 'unreachable-minimum':
      return `Rule ${problem.rule} asks for at least ${problem.min} ${problem.measure ?? 'credits'}, but ${problem.counted} give at most ${problem.most} (one unit of each barred set counting): no learner could meet it; lower ${v.its('min')}, or add the missing units or ${problem.measure ?? 'credits'}.`;
    case 'unsatisfiable': {
      const barred = problem.barred ? ' (one unit of each barred set counting)' : '';
      return `No choice of units meets every rule: even taking every unit${barred}, rule ${problem.rule} is not met (${problem.result}); ${problem.fix}.`;
    }
    case 'unsatisfiable-together': {
      const maxima = problem.maxima.map((id) => v.maximumOf(id));
      const orMaxima = maxima.length === 0 ? '' : `, or correct ${listWords(maxima, 'or')}`;
      if (problem.others.length === 0)
        return `No choice of units meets rule ${problem.rule}: every choice of the units it counts either falls short of its minimum or passes its maximum, which forbids more; ${problem.fix}${orMaxima}.`;
      const others = problem.others.map((o) => `rule ${o.id} (${o.says})`);
      return `No choice of units meets every rule: rule ${problem.rule} cannot be met together with ${listWords(others, 'and')}, whatever units are taken; ${problem.fix}${orMaxima}.`;
    }
    case 'not-json':
      return `The file is not valid JSON (${problem.detail}): check the commas and quotes near that place.`;
    case 'not-a-definition':
      return 'The file must hold one qualification definition, a set of fields in braces { }, or a list of them in square brackets [ ].';
    case 'empty-file':
      return 'The file holds an empty list: add at least one qualification definition.';
    case 'qualification-twice':
      return `Qualification ${problem.id} is defined twice ${v.here} ${v.positions('', problem.first, problem.second)}: keep one.`;
  }
}
