// Which unit facts a centre supplied, and saying so in results. The record is the unit's `supplied` field, which JSON
// definitions carry; the unit's `source` text also says it, as one more "what: where" part beside the catalogue's
// ("credits and level: your rules sheet"), made from that record for a person reading it, and taken off by the same
// record. Only text that comes without the record (a rules sheet's Source cell, an export older than the field) is
// read, by remaking the parts qualcheck could have written and comparing (suppliedFromSource).
import { creditCounts, factsDeciding, isCreditRule, measureOf, type CreditRule } from '../kinds';
import { withCatalogueNotes } from '../catalogue';
import { unitKey } from '../model';
import type {
  Evaluation,
  FactOrigin,
  FactSource,
  FactUse,
  QualificationDefinition,
  SuppliedFacts,
  UnitDefinition,
  UnitFact,
} from '../model';

export type { UnitFact } from '../model';

/** The order facts are named in, and their words in a source text. */
const FACT_WORDS: readonly [UnitFact, string][] = [
  ['credits', 'credits'],
  ['level', 'level'],
  ['glh', 'GLH'],
  ['group', 'group'],
  ['number', 'number'],
  ['title', 'title'],
];

/** Values typed into the workbook's rules sheet. */
export const RULES_SHEET_ORIGIN: FactOrigin = { from: 'rules sheet' };

/** Values read from a centre's JSON rules file, named by the file's name without its folder. */
export function rulesFileOrigin(fileName: string): FactOrigin {
  return { from: 'rules file', file: fileName.split(/[\\/]/).pop() ?? fileName };
}

/** Where a value came from, as results name it: `your rules sheet`, `your rules file centre.json`. */
export function originWords(origin: FactOrigin): string {
  return origin.from === 'rules sheet' ? 'your rules sheet' : `your rules file ${origin.file}`;
}

function parts(source: string | undefined): string[] {
  return (source ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Every list of facts a part can name, in FACT_WORDS order as qualcheck writes them, with its words. */
const FACT_LISTS: readonly (readonly [UnitFact[], string])[] = Array.from(
  { length: 2 ** FACT_WORDS.length - 1 },
  (_, i) => {
    const named = FACT_WORDS.filter((_, bit) => ((i + 1) >> bit) & 1);
    return [named.map(([fact]) => fact), listWords(named.map(([, word]) => word))] as const;
  },
);

/** A part qualcheck wrote, remade from each list of facts and where they came from; undefined for other text. */
function writtenPart(part: string): { facts: UnitFact[]; origin: FactOrigin } | undefined {
  for (const [facts, words] of FACT_LISTS) {
    if (part === `${words}: ${originWords(RULES_SHEET_ORIGIN)}`) return { facts, origin: RULES_SHEET_ORIGIN };
    // A file's name ends the part: what follows the words made for a file without one.
    const file = `${words}: ${originWords({ from: 'rules file', file: '' })}`;
    if (part.length > file.length && part.startsWith(file))
      return { facts, origin: { from: 'rules file', file: part.slice(file.length) } };
  }
  return undefined;
}

/**
 * The facts a source text that comes without the `supplied` record says a centre supplied: a rules sheet's Source
 * cell, or an export written before the field existed. Undefined when the text names none.
 */
export function suppliedFromSource(source: string | undefined): SuppliedFacts | undefined {
  let supplied: SuppliedFacts | undefined;
  for (const part of parts(source)) {
    const written = writtenPart(part);
    for (const fact of written?.facts ?? []) (supplied ??= {})[fact] = written?.origin;
  }
  return supplied;
}

const factCache = new WeakMap<UnitDefinition, ReadonlyMap<UnitFact, string>>();

/** The unit's facts a centre supplied, each with where it came from in words; empty for catalogue facts. */
export function centreFacts(unit: UnitDefinition): ReadonlyMap<UnitFact, string> {
  const cached = factCache.get(unit);
  if (cached) return cached;
  const facts = new Map<UnitFact, string>();
  for (const [fact] of FACT_WORDS) {
    const origin = unit.supplied?.[fact];
    if (origin !== undefined) facts.set(fact, originWords(origin));
  }
  factCache.set(unit, facts);
  return facts;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The parts of the source text that `supplied` makes, one for each place the values came from: `credits and level:
 * your rules sheet`.
 */
function centreParts(supplied: SuppliedFacts | undefined): string[] {
  const byOrigin = new Map<string, string[]>();
  for (const [fact, word] of FACT_WORDS) {
    const origin = supplied?.[fact];
    if (origin !== undefined) byOrigin.set(originWords(origin), [...(byOrigin.get(originWords(origin)) ?? []), word]);
  }
  return [...byOrigin].map(([where, words]) => `${listWords(words)}: ${where}`);
}

/**
 * The source text without the parts that record a centre's values (those its `supplied` record makes): what the
 * catalogue (or the centre) wrote.
 */
export function plainSource(unit: Pick<UnitDefinition, 'source' | 'supplied'>): string | undefined {
  const recorded = new Set(centreParts(unit.supplied));
  const kept = parts(unit.source).filter((p) => !recorded.has(p));
  return kept.length === 0 ? undefined : kept.join('; ');
}

function factValue(unit: UnitDefinition, fact: UnitFact): unknown {
  return fact === 'group' ? unit.group.toLowerCase() : unit[fact];
}

/** The facts of `unit` that differ from `base`; for a unit the catalogue lacks, every value it knows. */
export function changedFacts(unit: UnitDefinition, base: UnitDefinition | undefined): UnitFact[] {
  if (!base) return (['credits', 'level', 'glh'] as const).filter((f) => unit[f] !== null);
  return FACT_WORDS.map(([fact]) => fact).filter((fact) => factValue(unit, fact) !== factValue(base, fact));
}

/**
 * The unit with `supplied` saying which facts differ from the catalogue's and where they came from, and its source
 * text saying so too; the catalogue's own source text stays. A unit with nothing changed comes back as it is.
 */
export function markCentreFacts(
  unit: UnitDefinition,
  base: UnitDefinition | undefined,
  origin: FactOrigin,
): UnitDefinition {
  const changed = changedFacts(unit, base);
  if (changed.length === 0 && unit.supplied === undefined) return unit;
  const supplied =
    changed.length === 0 ? undefined : (Object.fromEntries(changed.map((fact) => [fact, origin])) as SuppliedFacts);
  const source = [plainSource(unit), ...centreParts(supplied)].filter((p): p is string => p !== undefined).join('; ');
  if (source === (unit.source ?? '') && sameSupplied(supplied, unit.supplied)) return unit;
  const { source: _old, supplied: _was, ...rest } = unit;
  return { ...rest, ...(source === '' ? {} : { source }), ...(supplied ? { supplied } : {}) };
}

function sameSupplied(a: SuppliedFacts | undefined, b: SuppliedFacts | undefined): boolean {
  return FACT_WORDS.every(([fact]) => JSON.stringify(a?.[fact]) === JSON.stringify(b?.[fact]));
}

/**
 * The definition with each unit's centre-supplied facts recorded against `base` (the definition it replaces), and the
 * notes of base's rules that the centre left as they were kept as base's (withCatalogueNotes).
 */
export function withProvenance(
  q: QualificationDefinition,
  base: QualificationDefinition | undefined,
  origin: FactOrigin,
): QualificationDefinition {
  const baseUnits = new Map((base?.units ?? []).map((u) => [unitKey(u.ref), u] as const));
  const units = q.units.map((u) => markCentreFacts(u, baseUnits.get(unitKey(u.ref)), origin));
  return withCatalogueNotes(units.every((u, i) => u === q.units[i]) ? q : { ...q, units }, base);
}

/** Where a unit's fact came from: the centre's record of it, or else the definition (`origin`: where that was read). */
export function factSource(unit: UnitDefinition, fact: UnitFact, origin: string | undefined): FactSource {
  return unit.supplied?.[fact] ?? (origin === undefined ? { from: 'definition' } : { from: 'definition', origin });
}

/** `level of H/503/0403 from your rules sheet`: the centre-supplied facts among those used; empty when none. */
export function provenanceNote(uses: readonly FactUse[]): string {
  const byOrigin = new Map<string, Map<UnitFact, string[]>>();
  for (const { unit, fact, where } of uses) {
    if (where.from === 'definition') continue;
    const origin = originWords(where);
    const facts = byOrigin.get(origin) ?? new Map<UnitFact, string[]>();
    const refs = facts.get(fact) ?? [];
    if (!refs.includes(unit.ref)) refs.push(unit.ref);
    facts.set(fact, refs);
    byOrigin.set(origin, facts);
  }
  const sentences: string[] = [];
  for (const [origin, facts] of byOrigin) {
    const named = FACT_WORDS.filter(([fact]) => facts.has(fact)).map(([fact, word]) => {
      const refs = facts.get(fact) ?? [];
      return `${word} of ${refs.length > 4 ? `${refs.length} units` : listWords(refs)}`;
    });
    // "credits of A and B, and level of C": the commas keep each fact's units apart.
    sentences.push(`${named.join(', and ')} from ${origin}`);
  }
  return sentences.join('; ');
}

const centreSupplied = new WeakMap<QualificationDefinition, boolean>();

/** Whether any unit of the qualification has a fact a centre supplied, looked at once per qualification. */
function hasCentreFacts(q: QualificationDefinition): boolean {
  let any = centreSupplied.get(q);
  if (any === undefined) centreSupplied.set(q, (any = q.units.some((u) => centreFacts(u).size > 0)));
  return any;
}

/**
 * The centre-supplied facts the decided rules of an evaluation (met or unmet) relied on, as one note: what a status
 * built on those rules rests on. Rules that could not be decided are left out: their messages say what is missing.
 */
export function evaluationProvenance(q: QualificationDefinition, evaluation: Evaluation): string {
  // Most qualifications rest on the catalogue alone: then no learner's units need be looked at.
  if (!hasCentreFacts(q)) return '';
  const counted = new Set(evaluation.counted);
  const units = q.units.filter((u) => counted.has(u.ref));
  // Most learners rest on the catalogue alone: then the rules' results need not be read at all.
  if (!units.some((u) => centreFacts(u).size > 0)) return '';
  const uses: FactUse[] = [];
  for (const result of evaluation.rules) {
    if (result.outcome === 'unknown') continue;
    const rule = q.rules.find((r) => r.id === result.ruleId);
    if (rule !== undefined && isCreditRule(rule)) uses.push(...creditRuleFactUses(rule, units, q.origin, true));
  }
  return provenanceNote(uses);
}

/**
 * The facts a credit rule relied on for the units that count, each with where it came from: credits (or GLH) counted, and
 * the levels and groups that decided whether they count. `centreOnly`: only the facts a centre supplied.
 */
export function creditRuleFactUses(
  rule: CreditRule,
  counted: readonly UnitDefinition[],
  origin: string | undefined,
  centreOnly: boolean,
): FactUse[] {
  const uses: FactUse[] = [];
  const deciding = factsDeciding(rule);
  const measure = measureOf(rule);
  const use = (unit: UnitDefinition, fact: UnitFact) => {
    const where = factSource(unit, fact, origin);
    if (!centreOnly || where.from !== 'definition') uses.push({ unit, fact, where });
  };
  for (const unit of counted) {
    if (centreOnly && centreFacts(unit).size === 0) continue;
    const counts = creditCounts(rule, unit);
    if (deciding.group) use(unit, 'group');
    if (deciding.level && unit.level !== null) use(unit, 'level');
    // A unit of unknown level may count: its credits (or GLH) are part of what the rule could count.
    if (counts === false || measure === 'units') continue;
    if (unit[measure] !== null) use(unit, measure);
  }
  return uses;
}

/** The facts a rule that needs every unit of a group relied on: which units belong to it, each with where from. */
export function neededUnitFactUses(needed: readonly UnitDefinition[], origin: string | undefined): FactUse[] {
  return needed.map((unit) => ({ unit, fact: 'group', where: factSource(unit, 'group', origin) }));
}
