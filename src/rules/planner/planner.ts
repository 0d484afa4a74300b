// The completion planner: the cheapest sets of units a learner could add so that every rule of the qualification
// is met, counting achieved and planned units as done.
//
// Decisions, so that advisers and tests can rely on them:
// - A plan is a set of units to add. It never adds a unit barred with one that counts or one it adds, and always adds
//   the mandatory units still missing. It keeps within every maximum on known values (so every unit it adds counts,
//   and it makes no choice a maximum forbids); a plan that relies on nothing unknown keeps within them even with
//   unknown values at their most. Units a maximum leaves out of the learner's count are `setAside`, as for a clash.
// - Plans that rely on nothing unknown come first: every rule met on the catalogue's known values, and every added
//   unit's cost known. Only when fewer than `maxPlans` of those exist do plans follow that leave a rule undecided
//   (reading unknown credits and levels as favourably as the engine's bounds allow, never past a group's stated total)
//   or add a unit of unknown cost; `reliesOnUnknown` lists the units whose unknown values such a plan counts on,
//   taken from the engine's own `undecidedBy` plus the added units of unknown cost.
// - An unknown cost (credits, or GLH with cost 'glh') is costed as the dearest known value of that measure in the
//   qualification (1 when none is known), so hoping for a cheap unknown unit never makes a plan look cheaper.
// - Within each of those two kinds, plans are ordered by cost, then by fewer units, then by unit order (the plan whose
//   first differing unit comes earlier in the qualification wins).
// - Plans are distinct and minimal: a plan that holds a smaller plan of the same kind or better (the same units and
//   more) is left out, since it only adds cost. "Better" means relying on nothing unknown.
// - All rules met already: one empty plan of cost 0. No plan at all: `noPlanReason` names the rule that cannot be met.
// - A learner who already holds a barred clash: the engine's best-fit choice (`evaluateUnits`) says which unit of each
//   set counts; the plans are made for those counted units, the others are returned as `setAside`, and
//   `resolveFirst` says the clash must be resolved (those units given up) before the plans hold.
import type { LearnerUnits, QualificationDefinition } from '../model';
import { planningOf, type BarredMembers, type Planning } from './planning';
import { noPlanReason } from './reason';
import type { FoundPlan, SearchInput } from './search';
import type { Tally, SearchMode } from './tally';
import type { CostMeasure, QualificationShape } from './shape';

export type { CostMeasure } from './shape';

export interface PlanOptions {
  /** What a plan costs: credits of the added units (default), their guided learning hours, or their number. */
  cost?: CostMeasure;
  /** How many plans to return at most (default 3); less than 1 reads as 1, a value that is not a finite number as 3. */
  maxPlans?: number;
}

export interface Plan {
  /** Units to add, in the qualification's order. */
  add: string[];
  cost: number;
  /** Units whose unknown credit, level or GLH the plan counts on; empty when it relies on nothing unknown. */
  reliesOnUnknown: string[];
}

export interface PlanResult {
  plans: Plan[];
  noPlanReason?: string;
  /** Units the learner holds that the plans leave out because another unit of their barred set counts. */
  setAside?: string[];
  /** What must happen before the plans hold, when the learner holds a barred clash. */
  resolveFirst?: string;
}

export interface PlanStatistics {
  /** Search nodes visited, both kinds of plan together. */
  nodes: number;
  /** Searches run under a rising cost cap, both kinds together. */
  rounds: number;
}

/**
 * The units whose unknown credits or level leave a rule undecided on this set of units: for each rule the known
 * credits do not meet, the units that count toward it only if their unknown values allow (the engine's `undecidedBy`).
 * `taken` holds the same units and the set-aside ones, which a forbidding maximum sums too.
 */
function reliedOn(shape: QualificationShape, tally: Tally, taken: Tally, units: readonly number[]): number[] {
  const R = shape.creditRules.length;
  const relies: number[] = [];
  for (let r = 0; r < R; r++) {
    // Undecided: the known values fall short of the minimum, or could pass the maximum at their most.
    const most = shape.forbids[r] === 1 ? taken.most(r) : tally.most(r);
    if (tally.known[r] >= shape.min[r] && most <= shape.limit[r]) continue;
    for (const u of units) if (shape.uncertain[u * R + r] && !relies.includes(u)) relies.push(u);
  }
  return relies;
}

/** The message for a mandatory unit the learner cannot add: barred with a unit that counts, or taken and set aside. */
function blockedMandatory(shape: QualificationShape, unit: number, by: number, counted: boolean): string {
  const ref = shape.units[unit].ref;
  const other = by >= 0 ? shape.units[by].ref : ref;
  const set = by >= 0 ? shape.barredWith[unit].find((b) => b.unit === by)?.set : undefined;
  return by >= 0 && counted
    ? `the mandatory unit ${ref} is barred with ${other} (set ${set ?? '?'}), which the learner has taken: give up ${other}`
    : `the mandatory unit ${ref} is barred with another mandatory unit (set ${set ?? '?'}): check the qualification's definition`;
}

/** Like `planCompletion`, also saying how much searching it took (for the benchmark). */
export function planCompletionWithStatistics(
  q: QualificationDefinition,
  learner: LearnerUnits,
  options: PlanOptions = {},
): PlanResult & { statistics: PlanStatistics } {
  const statistics: PlanStatistics = { nodes: 0, rounds: 0 };
  // Set on the result, not spread into a copy of it: the copy cost more than a plan for a learner with little to do.
  const result: PlanResult & { statistics?: PlanStatistics } = plan(q, learner, options, statistics);
  result.statistics = statistics;
  return result as PlanResult & { statistics: PlanStatistics };
}

function plan(
  q: QualificationDefinition,
  learner: LearnerUnits,
  options: PlanOptions,
  statistics: PlanStatistics,
): PlanResult {
  const measure = options.cost ?? 'credits';
  const planning = planningOf(q, measure);
  const { shape, lookup, cost, costKnown, takenAt, inBase, blockedBy, barredStart, barredUnits } = planning;
  const asked = options.maxPlans;
  const maxPlans = asked !== undefined && Number.isFinite(asked) ? Math.max(1, Math.floor(asked)) : 3;
  takenAt.fill(0);
  inBase.fill(0);
  blockedBy.fill(-1);

  // A unit of another qualification that counts as one of this one's is planned for as that unit.
  const taken = planning.taken;
  let takenCount = 0;
  for (let pass = 0; pass < 2; pass++) {
    const list = pass === 0 ? learner.achieved : learner.planned;
    for (let i = 0; i < list.length; i++) {
      const u = lookup.get(list[i]);
      if (u !== undefined && takenAt[u] === 0) {
        takenAt[u] = 1;
        taken[takenCount++] = u;
      }
    }
  }
  let clash = false;
  if (shape.hasBarred)
    for (let i = 0; i < takenCount && !clash; i++)
      for (let j = barredStart[taken[i]]; j < barredStart[taken[i] + 1]; j++)
        if (takenAt[barredUnits[j]] === 1) clash = true;
  // Units a maximum leaves out stay the learner's but do not count: plans are made for the units that count. The
  // engine leaves a unit out only where a maximum could be passed, so a learner within every one skips it.
  const { held, heldTaken } = planning;
  let mayLeaveOut = false;
  if (shape.leavesOut && !clash) {
    held.clear();
    for (let i = 0; i < takenCount; i++) held.add(taken[i]);
    mayLeaveOut = held.mayPassLimit();
  }
  const result: PlanResult = { plans: [] };
  // The units that count (the base), then the mandatory units a plan must add, in `withForced`.
  const withForced = planning.withForced;
  let count = 0;
  let aside: number[] = NONE;
  if (clash || mayLeaveOut) {
    // The engine's own choice of the units that count, on unit positions.
    const counted = planning.counted.decide(taken, takenCount);
    for (let i = 0; i < takenCount; i++) {
      const u = taken[i];
      if (counted[u] === 1) withForced[count++] = u;
      else if (aside === NONE) aside = [u];
      else aside.push(u);
    }
    if (aside.length > 0) result.setAside = aside.map((u) => shape.units[u].ref);
    if (clash) result.resolveFirst = clashWords(planning.barredSets, takenAt, counted);
    planning.counted.clear(taken, takenCount);
  } else for (let i = 0; i < takenCount; i++) withForced[count++] = taken[i];
  const baseCount = count;

  for (let i = 0; i < baseCount; i++) {
    const u = withForced[i];
    inBase[u] = 1;
    for (let j = barredStart[u]; j < barredStart[u + 1]; j++)
      if (blockedBy[barredUnits[j]] < 0) blockedBy[barredUnits[j]] = u;
  }
  const forcedUnits: number[] = [];
  let forcedCost = 0;
  let forcedCostUnknown = false;
  for (const m of shape.mandatory) {
    const u = m.unit;
    if (inBase[u]) continue;
    if (takenAt[u] === 1 || blockedBy[u] >= 0) {
      const counted = withForced.subarray(0, baseCount).includes(blockedBy[u]);
      const reason = blockedMandatory(shape, u, blockedBy[u], counted);
      result.noPlanReason = reason;
      return result;
    }
    inBase[u] = 1;
    for (let j = barredStart[u]; j < barredStart[u + 1]; j++)
      if (blockedBy[barredUnits[j]] < 0) blockedBy[barredUnits[j]] = u;
    forcedUnits.push(u);
    withForced[count++] = u;
    forcedCost += cost[u];
    if (costKnown[u] === 0) forcedCostUnknown = true;
  }

  // Units that already pass a maximum stay past it whatever is added: no search in that mode can find a plan. A
  // forbidding maximum sums the set-aside units too. The same tallies, with a plan's units, say what it relies on.
  let heldReady = false;
  if (planning.hasLimits) {
    heldReady = hold(planning, withForced, count, aside);
    for (let r = 0; r < shape.creditRules.length; r++) {
      const sum = shape.forbids[r] === 1 ? heldTaken.known[r] : held.known[r];
      if (sum > shape.limit[r]) {
        const reason = `"${shape.creditRules[r].text}": the units taken already pass its maximum of ${shape.limit[r]}; give some up before planning more`;
        result.noPlanReason = reason;
        return result;
      }
    }
  }

  const found: FoundPlan[] = [];
  // How many of `found` rely on nothing unknown: found by the 'known' search.
  let knownFound = 0;
  for (let m = 0; m < 2; m++) {
    const mode: SearchMode = m === 0 ? 'known' : 'hopeful';
    if (found.length >= maxPlans || (mode === 'known' && forcedCostUnknown)) continue;
    const pool = planning.pool[mode];
    const candidates = planning.candidates;
    let n = 0;
    for (let i = 0; i < pool.length; i++) {
      const u = pool[i];
      if (!inBase[u] && !takenAt[u] && blockedBy[u] < 0) candidates[n++] = u;
    }
    // One plan relying on nothing unknown, without maxima (so nothing set aside counts against one): the lean search of best-plan.ts.
    if (mode === 'known' && maxPlans - found.length === 1 && planning.bestPlan.applies) {
      const best = planning.bestPlan.run(withForced, count, candidates, n, forcedCost);
      statistics.nodes += planning.bestPlan.nodes;
      if (best !== null) found.push(best);
    } else {
      const search = planning[mode];
      const input: SearchInput = {
        base: listOf(withForced, count),
        candidates: listOf(candidates, n),
        forcedCost,
        forcedCostUnknown,
        aside,
      };
      for (const plan of search.run(input, maxPlans - found.length)) found.push(plan);
      statistics.nodes += search.nodes;
      statistics.rounds += search.rounds;
    }
    if (mode === 'known') knownFound = found.length;
  }

  for (let f = 0; f < found.length; f++) {
    const plan = found[f];
    // A plan of the 'known' search meets every rule on known values and keeps within every maximum at its most, and
    // adds no unit of unknown cost: with exact sums it relies on nothing.
    let relies: number[] = NONE;
    if (f >= knownFound || !planning.wholeMeasures) {
      if (!heldReady) heldReady = hold(planning, withForced, count, aside);
      for (const u of plan.units) {
        held.add(u);
        heldTaken.add(u);
      }
      relies = reliedOn(shape, held, heldTaken, [...listOf(withForced, count), ...plan.units]);
      for (const u of plan.units) {
        held.remove(u);
        heldTaken.remove(u);
      }
      for (const added of [forcedUnits, plan.units])
        for (const u of added) if (!costKnown[u] && !relies.includes(u)) relies.push(u);
      relies.sort((a, b) => a - b);
    }
    result.plans.push({
      add: refsInOrder(shape, forcedUnits, plan.units),
      cost: plan.cost,
      reliesOnUnknown: relies.length === 0 ? [] : relies.map((u) => shape.units[u].ref),
    });
  }
  if (result.plans.length === 0) {
    const open: number[] = [];
    for (let u = 0; u < shape.units.length; u++) if (!inBase[u] && !takenAt[u] && blockedBy[u] < 0) open.push(u);
    result.noPlanReason = noPlanReason(shape, listOf(withForced, count), open);
  }
  return result;
}

/** Sets the held tallies to the counted and forced units, and the set-aside ones with them; true. */
function hold(planning: Planning, withForced: Int32Array, count: number, aside: readonly number[]): boolean {
  const { held, heldTaken } = planning;
  held.clear();
  heldTaken.clear();
  for (let i = 0; i < count; i++) {
    held.add(withForced[i]);
    heldTaken.add(withForced[i]);
  }
  for (const u of aside) heldTaken.add(u);
  return true;
}

/** The refs of the forced units and a plan's units (in definition order) together, in definition order. */
function refsInOrder(shape: QualificationShape, forced: readonly number[], units: readonly number[]): string[] {
  const sorted = forced.length < 2 ? forced : forced.slice().sort((a, b) => a - b);
  const refs: string[] = [];
  let a = 0;
  for (let b = 0; b < units.length; b++) {
    while (a < sorted.length && sorted[a] < units[b]) refs.push(shape.units[sorted[a++]].ref);
    refs.push(shape.units[units[b]].ref);
  }
  while (a < sorted.length) refs.push(shape.units[sorted[a++]].ref);
  return refs;
}

/** The first `count` positions of a buffer, as a list. */
function listOf(buffer: Int32Array, count: number): number[] {
  return Array.from(buffer.subarray(0, count));
}

/** An empty list, never written to. */
const NONE: number[] = [];

/**
 * What must happen before the plans hold, for a learner who holds a barred clash: for each barred set holding more
 * than one of the learner's units, the one the engine counts (`counted`) is kept and the others given up.
 */
function clashWords(sets: readonly BarredMembers[], takenAt: Uint8Array, counted: Uint8Array): string {
  const words: string[] = [];
  for (const set of sets) {
    let held = 0;
    for (const u of set.units) held += takenAt[u];
    if (held < 2) continue;
    const keep: string[] = [];
    const drop: string[] = [];
    for (let i = 0; i < set.units.length; i++) {
      const u = set.units[i];
      if (takenAt[u] === 1) (counted[u] === 1 ? keep : drop).push(set.refs[i]);
    }
    words.push(
      `resolve the barred set ${set.id} first: keep ${keep.join(', ') || 'one unit'}, give up ${drop.join(', ')}`,
    );
  }
  return words.join('; ');
}

/**
 * The best `maxPlans` distinct minimal plans that complete the qualification, best first (see the decisions at the
 * top of this file), or `noPlanReason` when no set of units can.
 */
export function planCompletion(
  q: QualificationDefinition,
  learner: LearnerUnits,
  options: PlanOptions = {},
): PlanResult {
  return plan(q, learner, options, { nodes: 0, rounds: 0 });
}
