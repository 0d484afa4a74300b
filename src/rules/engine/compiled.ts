// A qualification compiled once into tables by unit index, for the evaluator and the planner: credits, how each unit
// counts toward each rule (from the registry of kinds), the group slots whose stated totals bound unknown credits,
// the units each mandatory rule needs and the members of each barred set.
import {
  boundsOf,
  creditCounts,
  figureOf,
  isBarredRule,
  measureOf,
  isCreditRule,
  setMembers,
  unitsNeeded,
  type CountingRule,
  type CreditRule,
} from '../kinds';
import type { BarredRule, Measure, QualificationDefinition, UnitDefinition } from '../model';
import { centreFacts } from './provenance';
import { indexQualification, type QualificationIndex } from './qualification-index';

/** How a unit counts toward a credit rule. */
export const NOT_COUNTED = 0;
/** Its credits count, for certain. */
export const COUNTED = 1;
/** Its credits are known but count only if its unknown level is right. */
export const IF_LEVEL = 2;
/** Its value of the rule's measure (credits or GLH) is unknown; what it adds is bounded by its slot. */
export const UNKNOWN_CREDITS = 3;

export type { CountingRule } from '../kinds';

export interface CompiledQualification {
  readonly qualification: QualificationDefinition;
  readonly index: QualificationIndex;
  /** Units by index: the engine's view (a ref defined twice is its last definition, at its first place). */
  readonly units: readonly UnitDefinition[];
  readonly position: ReadonlyMap<string, number>;
  /** `position`, and each equivalent unit of another qualification at the position of the unit it counts as. */
  readonly lookup: ReadonlyMap<string, number>;
  /** Known credits by unit (0 when unknown) and whether they are known. */
  readonly credits: Float64Array;
  readonly creditsKnown: Uint8Array;
  /** The rules that are decided met, unmet or unknown (every rule but barred sets), in definition order. */
  readonly rules: readonly CountingRule[];
  /**
   * The index among `rules` of the qualification's level rule (the first with a figure such as "at level 2"), or -1:
   * an evaluation keeps that rule's figures, which a result's credits at level show for every learner.
   */
  readonly levelRule: number;
  /** For each counting rule r, its credit rule or undefined (mandatory). */
  readonly creditRules: readonly (CreditRule | undefined)[];
  /** What each rule asks for: a minimum of its measure (0 for none), or the number of units a mandatory rule needs. */
  readonly required: Float64Array;
  /** The most of its measure each rule lets count or be taken (Infinity for no maximum). */
  readonly limit: Float64Array;
  /** 1 for a rule whose maximum forbids more (`overMax: forbidden`), 0 for one that leaves units out. */
  readonly forbidsOver: Uint8Array;
  /** 1 for a rule that adds up credits. */
  readonly measureIsCredits: Uint8Array;
  /** The rules whose maximum leaves units out of the count, and those whose maximum forbids, by rule index. */
  readonly caps: Int32Array;
  readonly forbids: Int32Array;
  /** How unit u counts toward rule r, at `r * units + u`: NOT_COUNTED, COUNTED, IF_LEVEL or UNKNOWN_CREDITS. */
  readonly counts: Uint8Array;
  /** The known value of the rule's measure for unit u, at `r * units + u` (0 when unknown or not a credit rule). */
  readonly value: Float64Array;
  /** For a unit of unknown value, the slot that bounds what it adds to rule r, at `r * units + u`. */
  readonly ruleSlot: Int32Array;
  /** 1 where unit u counts toward rule r only if its unknown credits or level allow (IF_LEVEL or UNKNOWN_CREDITS). */
  readonly uncertain: Uint8Array;
  /**
   * Each unit's group slot, and per slot the credits left for its units of unknown credits (Infinity: no total). The
   * last slot bounds nothing (Infinity): unknown GLH, which no stated total bounds.
   */
  readonly slotOf: Int32Array;
  readonly slotLeft: Float64Array;
  /** For each rule r, the units it needs (mandatory) from `needStart[r]` to `needStart[r + 1]` in `needs`. */
  readonly needStart: Int32Array;
  readonly needs: Int32Array;
  /** Barred sets, and their members' unit indexes from `barredStart[s]` to `barredStart[s + 1]` in `barredUnits`. */
  readonly barredSets: readonly BarredRule[];
  readonly barredStart: Int32Array;
  readonly barredUnits: Int32Array;
  /** Whether a centre supplied any of the unit's facts: words about provenance are needed only for those. */
  readonly centreSupplied: Uint8Array;
}

const compiledForms = new WeakMap<QualificationDefinition, CompiledQualification>();

/** A unit's value of a measure, null when unknown. */
function valueOf(unit: UnitDefinition, measure: Measure): number | null {
  return measure === 'units' ? 1 : measure === 'glh' ? unit.glh : unit.credits;
}

function countsCode(rule: CreditRule, unit: UnitDefinition): number {
  const counts = creditCounts(rule, unit);
  if (counts === false) return NOT_COUNTED;
  if (valueOf(unit, measureOf(rule)) === null) return UNKNOWN_CREDITS;
  return counts === true ? COUNTED : IF_LEVEL;
}

/** The first rule with a figure among the qualification's, by its index among the counting rules (by id), or -1. */
function levelRuleIndex(q: QualificationDefinition, rules: readonly CountingRule[]): number {
  const level = q.rules.find((rule) => figureOf(rule) !== undefined);
  return level === undefined ? -1 : rules.findIndex((rule) => rule.id === level.id);
}

/** The compiled form of a qualification, built once per definition object. */
export function compileQualification(q: QualificationDefinition): CompiledQualification {
  const cached = compiledForms.get(q);
  if (cached) return cached;
  const index = indexQualification(q);
  const units = [...index.units.values()];
  const n = units.length;
  const position = new Map(units.map((u, i) => [u.ref, i] as const));
  const lookup = new Map(position);
  for (const e of q.equivalents ?? []) {
    const u = position.get(e.countsAs);
    if (u !== undefined && !lookup.has(e.ref)) lookup.set(e.ref, u);
  }
  const credits = Float64Array.from(units, (u) => u.credits ?? 0);
  const creditsKnown = Uint8Array.from(units, (u) => (u.credits === null ? 0 : 1));
  const rules = q.rules.filter((r): r is CountingRule => !isBarredRule(r));
  const creditRules = rules.map((r) => (isCreditRule(r) ? r : undefined));

  const slotOfGroup = new Map<string, number>();
  const left: number[] = [];
  const slotOf = Int32Array.from(units, (u) => {
    let slot = slotOfGroup.get(u.group);
    if (slot === undefined) {
      slotOfGroup.set(u.group, (slot = left.length));
      left.push(index.unknownCreditsLeft.get(u.group) ?? Infinity);
    }
    return slot;
  });
  const unboundedSlot = left.length;
  left.push(Infinity);

  const counts = new Uint8Array(rules.length * n);
  const value = new Float64Array(rules.length * n);
  const ruleSlot = new Int32Array(rules.length * n);
  const needStart = new Int32Array(rules.length + 1);
  const needList: number[] = [];
  rules.forEach((rule, r) => {
    needStart[r] = needList.length;
    const credit = creditRules[r];
    if (credit) {
      const measure = measureOf(credit);
      units.forEach((unit, u) => {
        counts[r * n + u] = countsCode(credit, unit);
        value[r * n + u] = valueOf(unit, measure) ?? 0;
        ruleSlot[r * n + u] = measure === 'credits' ? slotOf[u] : unboundedSlot;
      });
    } else for (const ref of unitsNeeded(rule, q)) needList.push(position.get(ref) as number);
  });
  needStart[rules.length] = needList.length;

  const barredSets = index.barredSets;
  const barredStart = new Int32Array(barredSets.length + 1);
  const barredList: number[] = [];
  barredSets.forEach((set, s) => {
    barredStart[s] = barredList.length;
    for (const ref of setMembers(set)) {
      const u = position.get(ref);
      if (u !== undefined) barredList.push(u);
    }
  });
  barredStart[barredSets.length] = barredList.length;

  const bounds = creditRules.map((rule) => (rule ? boundsOf(rule) : undefined));
  const limit = Float64Array.from(bounds, (b) => b?.max ?? Infinity);
  const forbidsOver = Uint8Array.from(bounds, (b) => (b?.max !== undefined && b.overMax === 'forbidden' ? 1 : 0));
  const compiled: CompiledQualification = {
    qualification: q,
    index,
    units,
    position,
    lookup,
    credits,
    creditsKnown,
    rules,
    levelRule: levelRuleIndex(q, rules),
    creditRules,
    required: Float64Array.from(rules, (_rule, r) => bounds[r]?.min ?? needStart[r + 1] - needStart[r]),
    limit,
    forbidsOver,
    measureIsCredits: Uint8Array.from(creditRules, (rule) => (rule && measureOf(rule) === 'credits' ? 1 : 0)),
    caps: Int32Array.from(rules.flatMap((_rule, r) => (limit[r] !== Infinity && !forbidsOver[r] ? [r] : []))),
    forbids: Int32Array.from(rules.flatMap((_rule, r) => (forbidsOver[r] ? [r] : []))),
    counts,
    value,
    ruleSlot,
    uncertain: counts.map((how) => (how === IF_LEVEL || how === UNKNOWN_CREDITS ? 1 : 0)),
    slotOf,
    slotLeft: Float64Array.from(left),
    needStart,
    needs: Int32Array.from(needList),
    barredSets,
    barredStart,
    barredUnits: Int32Array.from(barredList),
    centreSupplied: Uint8Array.from(units, (u) => (centreFacts(u).size > 0 ? 1 : 0)),
  };
  compiledForms.set(q, compiled);
  return compiled;
}
