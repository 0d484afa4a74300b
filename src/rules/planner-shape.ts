// The planner's view of a qualification: every credit rule turned into numbers per unit, built once per definition.
// It mirrors how `rule-kinds.ts` tallies credits, so the planner's verdict on a set of units is the engine's verdict.
import type { GroupCreditsRule, LevelCreditsRule, QualificationDefinition, TotalCreditsRule, UnitDefinition } from './model';
import { indexQualification, type QualificationIndex } from './qualification-index';

export type CreditRule = TotalCreditsRule | LevelCreditsRule | GroupCreditsRule;
export type CostMeasure = 'credits' | 'glh' | 'units';

export interface QualificationShape {
  readonly index: QualificationIndex;
  readonly units: readonly UnitDefinition[];
  readonly position: ReadonlyMap<string, number>;
  readonly creditRules: readonly CreditRule[];
  /** Units every plan must hold (all units of each mandatory group), by position, with the group they belong to. */
  readonly mandatory: readonly { unit: number; group: string }[];
  /** For each unit, the units barred with it, with the set that bars them. */
  readonly barredWith: readonly (readonly { unit: number; set: string }[])[];
  /**
   * For unit u and credit rule r (at `u * rules + r`): credits that count for certain (`known`), credits that count
   * only if an unknown level turns out right (`ifLevel`), and for units of unknown credits the group slot whose stated
   * total bounds them (`slot`, -1 when the unit's credits are known or it does not count).
   */
  readonly known: Float64Array;
  readonly ifLevel: Float64Array;
  readonly slot: Int32Array;
  /** Whether the unit counts toward the rule only if an unknown credit or level allows (the engine's `undecidedBy`). */
  readonly uncertain: Uint8Array;
  /** Per group slot: credits left for its units of unknown credits (Infinity when the group states no total). */
  readonly slotLeft: readonly number[];
}

function levelCounts(rule: LevelCreditsRule, unit: UnitDefinition): boolean | null {
  if (unit.level === null) return null;
  return rule.orAbove ? unit.level >= rule.level : unit.level === rule.level;
}

const shapes = new WeakMap<QualificationDefinition, QualificationShape>();

export function shapeOf(q: QualificationDefinition): QualificationShape {
  const cached = shapes.get(q);
  if (cached) return cached;
  const index = indexQualification(q);
  // Later duplicates of a ref are invisible to the engine (its unit map keeps the last); keep the planner the same.
  const units = [...index.units.values()];
  const position = new Map(units.map((u, i) => [u.ref, i] as const));
  const creditRules = q.rules.filter((r): r is CreditRule => r.kind === 'totalCredits' || r.kind === 'levelCredits' || r.kind === 'groupCredits');
  const R = creditRules.length;

  const slotOfGroup = new Map<string, number>();
  const slotLeft: number[] = [];
  for (const unit of units) {
    if (slotOfGroup.has(unit.group)) continue;
    slotOfGroup.set(unit.group, slotLeft.length);
    slotLeft.push(index.unknownCreditsLeft.get(unit.group) ?? Infinity);
  }

  const known = new Float64Array(units.length * R);
  const ifLevel = new Float64Array(units.length * R);
  const slot = new Int32Array(units.length * R).fill(-1);
  const uncertain = new Uint8Array(units.length * R);
  units.forEach((unit, u) => {
    creditRules.forEach((rule, r) => {
      if (rule.kind === 'groupCredits' && !rule.groups.includes(unit.group)) return;
      const inLevel = rule.kind === 'levelCredits' ? levelCounts(rule, unit) : true;
      if (inLevel === false) return;
      if (unit.credits === null || inLevel === null) uncertain[u * R + r] = 1;
      if (unit.credits === null) slot[u * R + r] = slotOfGroup.get(unit.group) as number;
      else if (inLevel === true) known[u * R + r] = unit.credits;
      else ifLevel[u * R + r] = unit.credits;
    });
  });

  const mandatory: { unit: number; group: string }[] = [];
  const seen = new Set<number>();
  for (const rule of q.rules) {
    if (rule.kind !== 'mandatory') continue;
    for (const unit of index.groupUnits.get(rule.group) ?? []) {
      const u = position.get(unit.ref) as number;
      if (!seen.has(u)) mandatory.push({ unit: u, group: rule.group });
      seen.add(u);
    }
  }

  const barredWith: { unit: number; set: string }[][] = units.map(() => []);
  for (const set of index.barredSets) {
    const members = set.units.map((ref) => position.get(ref)).filter((u): u is number => u !== undefined);
    for (const a of members) for (const b of members) if (a !== b) barredWith[a].push({ unit: b, set: set.id });
  }

  const shape: QualificationShape = { index, units, position, creditRules, mandatory, barredWith, known, ifLevel, slot, uncertain, slotLeft };
  shapes.set(q, shape);
  return shape;
}

/**
 * What adding a unit costs, and whether that is known. An unknown value (credits, or GLH with cost 'glh') is costed as
 * the dearest known value of that measure in the qualification (1 when none is known): a plan that hopes for a cheap
 * unknown unit should not look cheaper than plans built on facts. Such plans are marked as relying on the unit.
 */
export function unitCost(q: QualificationDefinition, unit: UnitDefinition, measure: CostMeasure): { cost: number; known: boolean } {
  if (measure === 'units') return { cost: 1, known: true };
  const value = measure === 'credits' ? unit.credits : unit.glh;
  if (value !== null) return { cost: value, known: true };
  return { cost: standIn(q, measure), known: false };
}

const standIns = new WeakMap<QualificationDefinition, Map<CostMeasure, number>>();

function standIn(q: QualificationDefinition, measure: 'credits' | 'glh'): number {
  let byMeasure = standIns.get(q);
  if (!byMeasure) standIns.set(q, (byMeasure = new Map()));
  let value = byMeasure.get(measure);
  if (value === undefined) {
    const knownValues = q.units.map((u) => (measure === 'credits' ? u.credits : u.glh)).filter((v): v is number => v !== null);
    value = knownValues.length > 0 ? Math.max(...knownValues) : 1;
    byMeasure.set(measure, value);
  }
  return value;
}

const costTables = new WeakMap<QualificationDefinition, Map<CostMeasure, { cost: Float64Array; known: Uint8Array }>>();

/** `unitCost` of every unit of the shape, by position, built once per qualification and measure. */
export function costTable(q: QualificationDefinition, measure: CostMeasure): { cost: Float64Array; known: Uint8Array } {
  let byMeasure = costTables.get(q);
  if (!byMeasure) costTables.set(q, (byMeasure = new Map()));
  let table = byMeasure.get(measure);
  if (!table) {
    const units = shapeOf(q).units;
    const cost = new Float64Array(units.length);
    const known = new Uint8Array(units.length);
    units.forEach((unit, u) => {
      const c = unitCost(q, unit, measure);
      cost[u] = c.cost;
      known[u] = c.known ? 1 : 0;
    });
    table = { cost, known };
    byMeasure.set(measure, table);
  }
  return table;
}
