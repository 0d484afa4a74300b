// What a centre changed against the embedded catalogue, one line per change, so a reviewer can check each line
// against the awarding body's handbook. Qualifications the centre did not supply are not changes.
import type { EquivalentUnit, GroupDefinition, QualificationDefinition, Rule, UnitDefinition } from '../model';
import { normaliseQualificationId, noteWords } from '../catalogue';
import { plainSource } from '../engine';
import { describeRule } from '../kinds';
import { levelLabel, unitKey } from '../model';

function levelWords(level: number | null): string {
  return level === null ? 'unknown' : levelLabel(level);
}

function shown(value: string | number | null | undefined): string {
  if (value === null) return 'unknown';
  if (value === undefined || value === '') return 'not stated';
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function change(what: string, before: string, after: string): string {
  return `${what} was ${before}, now ${after}`;
}

function unitName(unit: UnitDefinition): string {
  return unit.number === undefined ? `unit ${unit.ref}` : `unit ${unit.ref} (Unit ${unit.number})`;
}

function describeUnit(unit: UnitDefinition): string {
  const credits = unit.credits === null ? 'credits unknown' : `${unit.credits} credit${unit.credits === 1 ? '' : 's'}`;
  return `"${unit.title}" in group ${unit.group}, ${credits}, level ${levelWords(unit.level)}, GLH ${unit.glh ?? 'unknown'}`;
}

function diffFacts(id: string, base: QualificationDefinition, q: QualificationDefinition): string[] {
  const lines: string[] = [];
  const fact = (what: string, a: string | number | null | undefined, b: string | number | null | undefined) => {
    if ((a ?? '') !== (b ?? '')) lines.push(`${id}: ${change(what, shown(a), shown(b))}`);
  };
  // `10-266` replaces the built-in `10266`: say so, or a reviewer may take it for a qualification of the centre's own.
  if (q.id !== base.id) lines.push(`${id}: replaces the built-in ${base.id} (the same id written another way)`);
  fact('title', base.title, q.title);
  fact('awarding body', base.awardingBody, q.awardingBody);
  if (base.level !== q.level) lines.push(`${id}: ${change('level', levelWords(base.level), levelWords(q.level))}`);
  fact('other codes', (base.codes ?? []).join('; '), (q.codes ?? []).join('; '));
  fact('operational from', base.operational?.from, q.operational?.from);
  fact('operational to', base.operational?.to, q.operational?.to);
  fact('minimum age', base.minAge, q.minAge);
  fact('GLH min', base.glh?.min, q.glh?.min);
  fact('GLH max', base.glh?.max, q.glh?.max);
  return lines;
}

function diffGroups(id: string, base: readonly GroupDefinition[], groups: readonly GroupDefinition[]): string[] {
  const lines: string[] = [];
  const key = (g: GroupDefinition) => g.id.toLowerCase();
  const before = new Map(base.map((g) => [key(g), g] as const));
  const after = new Map(groups.map((g) => [key(g), g] as const));
  for (const g of groups) {
    const old = before.get(key(g));
    if (!old) {
      lines.push(
        `${id}: new group ${g.id} "${g.title}"${g.totalCredits === undefined ? '' : `, ${g.totalCredits} credits in all`}`,
      );
      continue;
    }
    if (old.title !== g.title) lines.push(`${id} group ${g.id}: ${change('title', shown(old.title), shown(g.title))}`);
    if (old.totalCredits !== g.totalCredits)
      lines.push(`${id} group ${g.id}: ${change('total credits', shown(old.totalCredits), shown(g.totalCredits))}`);
  }
  for (const g of base) if (!after.has(key(g))) lines.push(`${id}: group ${g.id} "${g.title}" removed`);
  return lines;
}

function diffUnit(id: string, old: UnitDefinition, unit: UnitDefinition): string[] {
  const lines: string[] = [];
  const name = `${id} ${unitName(unit)}`;
  const fact = (what: string, a: string, b: string) => {
    if (a !== b) lines.push(`${name}: ${change(what, a, b)}`);
  };
  fact('title', shown(old.title), shown(unit.title));
  fact('group', old.group, unit.group);
  fact('number', shown(old.number), shown(unit.number));
  fact('credits', shown(old.credits), shown(unit.credits));
  fact('level', levelWords(old.level), levelWords(unit.level));
  fact('GLH', shown(old.glh), shown(unit.glh));
  fact('other headers', shown((old.aliases ?? []).join('; ')), shown((unit.aliases ?? []).join('; ')));
  const [before, after] = [plainSource(old), plainSource(unit)];
  // A centre usually adds to the catalogue's source; show only what it added.
  if (before !== undefined && after !== undefined && after.startsWith(`${before}; `))
    lines.push(`${name}: source adds "${after.slice(before.length + 2)}"`);
  else fact('source', shown(before), shown(after));
  return lines;
}

function diffUnits(id: string, base: readonly UnitDefinition[], units: readonly UnitDefinition[]): string[] {
  const lines: string[] = [];
  const before = new Map(base.map((u) => [unitKey(u.ref), u] as const));
  const after = new Set(units.map((u) => unitKey(u.ref)));
  for (const unit of units) {
    const old = before.get(unitKey(unit.ref));
    if (old) lines.push(...diffUnit(id, old, unit));
    else lines.push(`${id}: new ${unitName(unit)} ${describeUnit(unit)}`);
  }
  for (const unit of base)
    if (!after.has(unitKey(unit.ref))) lines.push(`${id}: ${unitName(unit)} "${unit.title}" removed`);
  return lines;
}

function diffRules(id: string, base: readonly Rule[], rules: readonly Rule[]): string[] {
  const lines: string[] = [];
  const before = new Map(base.map((r) => [r.id, r] as const));
  const after = new Set(rules.map((r) => r.id));
  for (const rule of rules) {
    const old = before.get(rule.id);
    const name = `${id} rule ${rule.id}`;
    if (!old) {
      lines.push(`${id}: new rule ${rule.id}: ${describeRule(rule)} ("${rule.text}")`);
      continue;
    }
    if (describeRule(old) !== describeRule(rule))
      lines.push(`${name}: was "${describeRule(old)}", now "${describeRule(rule)}"`);
    if (old.text !== rule.text)
      lines.push(`${name}: ${change('specification text', shown(old.text), shown(rule.text))}`);
    // A note in words, as a rules file and the rules sheet hold it: the catalogue's note and its words are one note.
    const [oldNote, note] = [old.note, rule.note].map((n) => n && noteWords(n));
    if ((oldNote ?? '') !== (note ?? '')) lines.push(`${name}: ${change('note', shown(oldNote), shown(note))}`);
  }
  for (const rule of base)
    if (!after.has(rule.id)) lines.push(`${id}: rule ${rule.id} removed (it asked for ${describeRule(rule)})`);
  return lines;
}

/** Equivalent units matched by ref in any spelling: one added, one removed, or counting as another unit. */
function diffEquivalents(
  id: string,
  base: readonly EquivalentUnit[] = [],
  equivalents: readonly EquivalentUnit[] = [],
): string[] {
  const lines: string[] = [];
  const before = new Map(base.map((e) => [unitKey(e.ref), e] as const));
  const after = new Set(equivalents.map((e) => unitKey(e.ref)));
  for (const e of equivalents) {
    const old = before.get(unitKey(e.ref));
    const name = `${id} equivalent unit ${e.ref}`;
    if (!old) {
      lines.push(`${id}: new equivalent unit ${e.ref} "${e.title}", counts as ${e.countsAs}`);
      continue;
    }
    if (old.countsAs !== e.countsAs) lines.push(`${name}: ${change('counts as', old.countsAs, e.countsAs)}`);
    if (old.title !== e.title) lines.push(`${name}: ${change('title', shown(old.title), shown(e.title))}`);
  }
  for (const e of base)
    if (!after.has(unitKey(e.ref)))
      lines.push(`${id}: equivalent unit ${e.ref} "${e.title}" removed (it counted as ${e.countsAs})`);
  return lines;
}

/**
 * Every change of `edited` against `embedded`: facts, groups, units (matched by ref in any spelling), rules
 * (matched by id) and equivalent units (by ref). A qualification `embedded` does not hold is one line saying it is new.
 */
export function diffDefinitions(
  embedded: readonly QualificationDefinition[],
  edited: readonly QualificationDefinition[],
): string[] {
  const byId = new Map(embedded.map((q) => [normaliseQualificationId(q.id), q] as const));
  const lines: string[] = [];
  for (const q of edited) {
    const base = byId.get(normaliseQualificationId(q.id));
    if (!base) {
      lines.push(
        `${q.id}: new qualification "${q.title}" (${q.units.length} units, ${q.rules.length} rules), not in the built-in catalogue`,
      );
      continue;
    }
    lines.push(
      ...diffFacts(q.id, base, q),
      ...diffGroups(q.id, base.groups, q.groups),
      ...diffUnits(q.id, base.units, q.units),
      ...diffRules(q.id, base.rules, q.rules),
      ...diffEquivalents(q.id, base.equivalents, q.equivalents),
    );
  }
  return lines;
}
