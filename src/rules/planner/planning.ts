// What the planner keeps per qualification and cost measure, so that a learner pays only for its own plans: the
// shape, the costs, the searches, what a learner's units are checked against (barred partners, mandatory units, the
// pools of candidates) as flat tables, and buffers indexed by unit position, reused learner to learner.
import { compileQualification } from '../engine';
import type { QualificationDefinition } from '../model';
import { BestPlanSearch } from './best-plan';
import { CountedUnits } from './counted-units';
import { PlanSearch } from './search';
import { costTable, shapeOf, type CostMeasure, type QualificationShape } from './shape';
import { Tally, type SearchMode } from './tally';

/** A barred set's members that are units of the qualification, by position, with the refs the set lists them by. */
export interface BarredMembers {
  id: string;
  units: number[];
  refs: string[];
}

export interface Planning {
  shape: QualificationShape;
  lookup: ReadonlyMap<string, number>;
  cost: Float64Array;
  costKnown: Uint8Array;
  known: PlanSearch;
  hopeful: PlanSearch;
  /** The fast exact path for one plan that relies on nothing unknown (best-plan.ts). */
  bestPlan: BestPlanSearch;
  /** Per mode, the units that can be its candidates (its search's pool), in definition order. */
  pool: Record<SearchMode, Int32Array>;
  /** Unit u's barred partners: `barredUnits[barredStart[u]]` up to `barredStart[u + 1]`. */
  barredStart: Int32Array;
  barredUnits: Int32Array;
  /** Every barred set, for the words of a clash. */
  barredSets: readonly BarredMembers[];
  /** Whether any rule has a maximum (then units taken already may pass one). */
  hasLimits: boolean;
  /**
   * Whether every rule's minimum and every unit's known measure toward it are whole numbers: then the sums are
   * exact, and a plan whose rules are all met on known values (within maxima at their most) relies on nothing.
   */
  wholeMeasures: boolean;
  /** Which units the engine counts, for a learner who holds a clash or may pass a maximum that leaves units out. */
  counted: CountedUnits;
  // Buffers, by unit position or as lists of positions, for one learner at a time.
  takenAt: Uint8Array;
  inBase: Uint8Array;
  /** Per unit position, a counted or mandatory unit it is barred with (-1 for none). */
  blockedBy: Int32Array;
  taken: Int32Array;
  withForced: Int32Array;
  candidates: Int32Array;
  /** The counted and forced units, and with them the set-aside ones (for forbidding maxima). */
  held: Tally;
  heldTaken: Tally;
}

const plannings = new WeakMap<QualificationDefinition, Map<CostMeasure, Planning>>();

export function planningOf(q: QualificationDefinition, measure: CostMeasure): Planning {
  let byMeasure = plannings.get(q);
  if (!byMeasure) plannings.set(q, (byMeasure = new Map()));
  let planning = byMeasure.get(measure);
  if (!planning) {
    planning = planningFor(q, measure);
    byMeasure.set(measure, planning);
  }
  return planning;
}

function planningFor(q: QualificationDefinition, measure: CostMeasure): Planning {
  const shape = shapeOf(q);
  const { cost, known } = costTable(q, measure);
  const n = shape.units.length;
  const knownSearch = new PlanSearch(shape, cost, known, 'known');
  const hopefulSearch = new PlanSearch(shape, cost, known, 'hopeful');
  const poolOf = (search: PlanSearch): Int32Array =>
    Int32Array.from(shape.units.keys()).filter((u) => search.pool[u] === 1);
  const barredStart = new Int32Array(n + 1);
  const barredList: number[] = [];
  for (let u = 0; u < n; u++) {
    barredStart[u] = barredList.length;
    for (const b of shape.barredWith[u]) barredList.push(b.unit);
  }
  barredStart[n] = barredList.length;
  const barredSets = shape.index.barredSets.map((set): BarredMembers => {
    const members: BarredMembers = { id: set.id, units: [], refs: [] };
    for (const ref of set.units) {
      const u = shape.position.get(ref);
      if (u === undefined) continue;
      members.units.push(u);
      members.refs.push(ref);
    }
    return members;
  });
  const R = shape.creditRules.length;
  let wholeMeasures = shape.min.every((m) => Number.isInteger(m));
  for (let at = 0; at < n * R && wholeMeasures; at++) wholeMeasures = Number.isInteger(shape.known[at]);
  return {
    shape,
    lookup: compileQualification(q).lookup,
    cost,
    costKnown: known,
    known: knownSearch,
    bestPlan: new BestPlanSearch(shape, cost, knownSearch.pool),
    hopeful: hopefulSearch,
    pool: { known: poolOf(knownSearch), hopeful: poolOf(hopefulSearch) },
    barredStart,
    barredUnits: Int32Array.from(barredList),
    barredSets,
    hasLimits: shape.limit.some((l) => l !== Infinity),
    wholeMeasures,
    counted: new CountedUnits(q),
    takenAt: new Uint8Array(n),
    inBase: new Uint8Array(n),
    blockedBy: new Int32Array(n),
    taken: new Int32Array(n),
    withForced: new Int32Array(n),
    candidates: new Int32Array(n),
    held: new Tally(shape),
    heldTaken: new Tally(shape),
  };
}
