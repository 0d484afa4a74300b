// Turns a definition whose shape the schema accepted into the model the engine reads: levels to numbers, unit refs
// to one spelling, group and unit names in rules resolved to what the definition declares, missing rule ids filled.
// Anything that cannot be resolved becomes a problem for the user; the returned definition is then not used.
import { suppliedFromSource } from '../engine';
import type {
  GroupDefinition,
  Level,
  QualificationDefinition,
  Rule,
  UnitDefinition,
  DefinitionProblem,
  PathSegment,
  ProblemData,
} from '../model';
import type { DefinitionJson, LevelJson, RuleJson, UnitJson } from './schema';
import { ruleFromJson } from '../kinds';
import { unitKey } from '../model';

/** Collects the problems of one definition, with paths relative to it. */
export class Problems {
  readonly list: DefinitionProblem[] = [];

  add(path: readonly PathSegment[], problem: ProblemData): void {
    this.list.push({ ...problem, path });
  }
}

/** A QCF reference in its usual spelling (`L/601/0933`); any other id only trimmed. */
export function canonicalUnitRef(ref: string): string {
  const m = /^([A-Z])(\d{3})(\d{4})$/.exec(unitKey(ref));
  return m ? `${m[1]}/${m[2]}/${m[3]}` : ref.trim();
}

const ENTRY_WORDS = new Set(['entry', 'e', 'entry level']);
export const HIGHEST_LEVEL = 8;

/** Entry 1, Entry 2 and Entry 3 as people write them: `Entry 3`, `Entry level 3`, `E3`. */
const ENTRY_SUBLEVEL = /^(?:entry(?:\s*level)?|e)\s*-?\s*([1-3])$/i;

function toLevel(value: LevelJson, at: readonly PathSegment[], problems: Problems): Level {
  if (typeof value === 'string') {
    if (ENTRY_WORDS.has(value.trim().toLowerCase())) return 0;
    // qualcheck has one Entry level. A unit or qualification at Entry 3 is at Entry level, which is all a rule can
    // ask of it; a rule at Entry 3 would need Entry 1 and 2 told apart, so it is refused rather than read as Entry.
    if (ENTRY_SUBLEVEL.test(value.trim())) {
      if (at[0] !== 'rules') return 0;
      problems.add(at, { code: 'entry-sublevel', value });
      return 0;
    }
    problems.add(at, { code: 'not-a-level', value, highest: HIGHEST_LEVEL });
    return 0;
  }
  if (value < 0 || value > HIGHEST_LEVEL) {
    problems.add(at, { code: 'level-out-of-range', value, highest: HIGHEST_LEVEL });
  }
  return value;
}

/** Finds declared names case-insensitively, so `"a"` in a unit finds group `"A"`. */
class Names {
  private readonly byKey = new Map<string, string>();

  constructor(
    names: readonly string[],
    private readonly key: (name: string) => string,
  ) {
    for (const name of names) if (!this.byKey.has(key(name))) this.byKey.set(key(name), name);
  }

  find(name: string): string | undefined {
    return this.byKey.get(this.key(name));
  }

  all(): string[] {
    return [...this.byKey.values()];
  }
}

function groupKey(id: string): string {
  return id.trim().toLowerCase();
}

function resolveGroup(name: string, groups: Names, at: readonly PathSegment[], problems: Problems): string {
  const found = groups.find(name);
  if (found !== undefined) return found;
  problems.add(at, { code: 'unknown-group', name, groups: groups.all() });
  return name;
}

function resolveUnit(ref: string, units: Names, at: readonly PathSegment[], problems: Problems): string {
  const found = units.find(ref);
  if (found !== undefined) return found;
  problems.add(at, { code: 'unknown-unit', ref });
  return ref;
}

function buildUnit(json: UnitJson, i: number, groups: Names, problems: Problems): UnitDefinition {
  const unit: UnitDefinition = {
    ref: canonicalUnitRef(json.ref),
    title: json.title,
    credits: json.credits ?? null,
    glh: json.glh ?? null,
    level:
      json.level === undefined || json.level === null ? null : toLevel(json.level, ['units', i, 'level'], problems),
    group: resolveGroup(json.group, groups, ['units', i, 'group'], problems),
  };
  if (json.number !== undefined) unit.number = json.number;
  if (json.aliases !== undefined) unit.aliases = [...json.aliases];
  if (json.source !== undefined) unit.source = json.source;
  // Written before the `supplied` field, a definition says what a centre supplied only in its source text.
  const supplied = json.supplied ?? suppliedFromSource(json.source);
  if (supplied !== undefined) unit.supplied = { ...supplied };
  return unit;
}

/** `rule-N` by position, unless a rule already uses that id. */
function ruleIds(rules: readonly RuleJson[]): string[] {
  const taken = new Set(rules.map((r) => r.id?.trim()).filter((id): id is string => id !== undefined));
  return rules.map((r, i) => {
    if (r.id !== undefined) return r.id.trim();
    let id = `rule-${i + 1}`;
    for (let n = 2; taken.has(id); n++) id = `rule-${i + 1}-${n}`;
    taken.add(id);
    return id;
  });
}

function buildRule(json: RuleJson, id: string, i: number, groups: Names, units: Names, problems: Problems): Rule {
  const base = { id, text: json.text, ...(json.note !== undefined ? { note: json.note } : {}) };
  const at = (field: string, item?: number): PathSegment[] =>
    item === undefined ? ['rules', i, field] : ['rules', i, field, item];
  return ruleFromJson(json, base, {
    level: (value, field) => toLevel(value, at(field), problems),
    group: (name, field, item) => resolveGroup(name, groups, at(field, item), problems),
    unit: (ref, field, item) => resolveUnit(ref, units, at(field, item), problems),
  });
}

export function buildDefinition(json: DefinitionJson, origin: string, problems: Problems): QualificationDefinition {
  const groups: GroupDefinition[] = json.groups.map((g) => ({
    id: g.id.trim(),
    title: g.title,
    ...(g.totalCredits !== undefined ? { totalCredits: g.totalCredits } : {}),
  }));
  const groupNames = new Names(
    groups.map((g) => g.id),
    groupKey,
  );
  const units = json.units.map((u, i) => buildUnit(u, i, groupNames, problems));
  const unitNames = new Names(
    units.map((u) => u.ref),
    unitKey,
  );
  const ids = ruleIds(json.rules);
  const rules = json.rules.map((r, i) => buildRule(r, ids[i], i, groupNames, unitNames, problems));

  const definition: QualificationDefinition = {
    id: json.id.trim(),
    title: json.title,
    awardingBody: json.awardingBody,
    level: toLevel(json.level, ['level'], problems),
    groups,
    units,
    rules,
    origin,
  };
  if (json.codes !== undefined) definition.codes = [...json.codes];
  if (json.operational !== undefined) definition.operational = { ...json.operational };
  if (json.minAge !== undefined) definition.minAge = json.minAge;
  if (json.glh !== undefined) definition.glh = { min: json.glh.min, max: json.glh.max };
  if (json.equivalents !== undefined)
    definition.equivalents = json.equivalents.map((e, i) => ({
      ref: canonicalUnitRef(e.ref),
      title: e.title,
      countsAs: resolveUnit(e.countsAs, unitNames, ['equivalents', i, 'countsAs'], problems),
    }));
  return definition;
}
