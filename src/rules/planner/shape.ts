// The planner's view of a qualification: every credit rule turned into numbers per unit (of the rule's measure:
// credits, GLH or units), built once per definition from the engine's compiled form, so the planner counts a unit
// toward a rule exactly where the engine does.
import { compileQualification, COUNTED, IF_LEVEL, UNKNOWN_CREDITS } from '../engine';
import type { CreditRule } from '../kinds';
import type { QualificationDefinition, UnitDefinition } from '../model';
import type { QualificationIndex } from '../engine';

export type { CreditRule } from '../kinds';
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
  /** Whether any unit is in a barred set. */
  readonly hasBarred: boolean;
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
  /** Per credit rule: the least of its measure it asks for (0 when it states no minimum). */
  readonly min: Float64Array;
  /** Per credit rule: the most of its measure that may count or be taken (Infinity for no maximum). */
  readonly limit: Float64Array;
  /** Per credit rule: 1 when its maximum forbids more, 0 when it leaves units out (or there is none). */
  readonly forbids: Uint8Array;
  /** Whether any rule has a maximum that leaves units out. */
  readonly leavesOut: boolean;
  /** Whether any rule has a maximum that forbids more. */
  readonly forbidsAny: boolean;
}

const shapes = new WeakMap<QualificationDefinition, QualificationShape>();

export function shapeOf(q: QualificationDefinition): QualificationShape {
  const cached = shapes.get(q);
  if (cached) return cached;
  const compiled = compileQualification(q);
  const { index, units, position } = compiled;
  const n = units.length;
  const creditRuleRows = compiled.creditRules.flatMap((rule, row) => (rule ? [{ rule, row }] : []));
  const creditRules = creditRuleRows.map(({ rule }) => rule);
  const R = creditRules.length;
  const slotLeft = Array.from(compiled.slotLeft);

  const known = new Float64Array(n * R);
  const ifLevel = new Float64Array(n * R);
  const slot = new Int32Array(n * R).fill(-1);
  const uncertain = new Uint8Array(n * R);
  creditRuleRows.forEach(({ row }, r) => {
    for (let u = 0; u < n; u++) {
      const how = compiled.counts[row * n + u];
      const at = u * R + r;
      if (how === COUNTED) known[at] = compiled.value[row * n + u];
      else if (how === IF_LEVEL) ifLevel[at] = compiled.value[row * n + u];
      else if (how === UNKNOWN_CREDITS) slot[at] = compiled.ruleSlot[row * n + u];
      if (how === IF_LEVEL || how === UNKNOWN_CREDITS) uncertain[at] = 1;
    }
  });

  const mandatory: { unit: number; group: string }[] = [];
  const seen = new Set<number>();
  compiled.rules.forEach((rule, r) => {
    if (compiled.creditRules[r] !== undefined) return;
    for (let i = compiled.needStart[r]; i < compiled.needStart[r + 1]; i++) {
      const u = compiled.needs[i];
      if (!seen.has(u)) mandatory.push({ unit: u, group: compiled.units[u].group });
      seen.add(u);
    }
  });

  const barredWith: { unit: number; set: string }[][] = units.map(() => []);
  compiled.barredSets.forEach((set, s) => {
    const members = compiled.barredUnits.subarray(compiled.barredStart[s], compiled.barredStart[s + 1]);
    for (const a of members) for (const b of members) if (a !== b) barredWith[a].push({ unit: b, set: set.id });
  });

  const shape: QualificationShape = {
    index,
    units,
    position,
    creditRules,
    mandatory,
    barredWith,
    hasBarred: barredWith.some((b) => b.length > 0),
    known,
    ifLevel,
    slot,
    uncertain,
    slotLeft,
    min: Float64Array.from(creditRuleRows, ({ row }) => compiled.required[row]),
    limit: Float64Array.from(creditRuleRows, ({ row }) => compiled.limit[row]),
    forbids: Uint8Array.from(creditRuleRows, ({ row }) => compiled.forbidsOver[row]),
    leavesOut: compiled.caps.length > 0,
    forbidsAny: creditRuleRows.some(({ row }) => compiled.forbidsOver[row] === 1),
  };
  shapes.set(q, shape);
  return shape;
}

/**
 * What adding a unit costs, and whether that is known. An unknown value (credits, or GLH with cost 'glh') is costed as
 * the dearest known value of that measure in the qualification (1 when none is known): a plan that hopes for a cheap
 * unknown unit should not look cheaper than plans built on facts. Such plans are marked as relying on the unit.
 */
export function unitCost(
  q: QualificationDefinition,
  unit: UnitDefinition,
  measure: CostMeasure,
): { cost: number; known: boolean } {
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
    const knownValues = q.units
      .map((u) => (measure === 'credits' ? u.credits : u.glh))
      .filter((v): v is number => v !== null);
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
