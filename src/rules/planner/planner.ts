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
import { compileQualification, barredClashes, evaluateUnits } from '../engine';
import type { LearnerUnits, QualificationDefinition } from '../model';
import { noPlanReason } from './reason';
import { PlanSearch, type FoundPlan, type SearchInput } from './search';
import { canHelp, Tally, type SearchMode } from './tally';
import { costTable, shapeOf, type CostMeasure, type QualificationShape } from './shape';

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
 */
function reliedOn(shape: QualificationShape, units: readonly number[]): Set<number> {
  const R = shape.creditRules.length;
  const relies = new Set<number>();
  const tally = new Tally(shape);
  for (const u of units) tally.add(u);
  shape.creditRules.forEach((rule, r) => {
    // Undecided: the known values fall short of the minimum, or could pass the maximum at their most.
    if (tally.known[r] >= rule.min && tally.most(r) <= shape.limit[r]) return;
    for (const u of units) if (shape.uncertain[u * R + r]) relies.add(u);
  });
  return relies;
}

/** Like `planCompletion`, also saying how much searching it took (for the benchmark). */
export function planCompletionWithStatistics(
  q: QualificationDefinition,
  learner: LearnerUnits,
  options: PlanOptions = {},
): PlanResult & { statistics: PlanStatistics } {
  const shape = shapeOf(q);
  const measure = options.cost ?? 'credits';
  const asked = options.maxPlans;
  const maxPlans = asked !== undefined && Number.isFinite(asked) ? Math.max(1, Math.floor(asked)) : 3;
  const statistics: PlanStatistics = { nodes: 0, rounds: 0 };

  // A unit of another qualification that counts as one of this one's is planned for as that unit.
  const { lookup } = compileQualification(q);
  const own = (ref: string): string[] => {
    const u = lookup.get(ref);
    return u === undefined ? [] : [shape.units[u].ref];
  };
  const taken = [...new Set([...learner.achieved, ...learner.planned].flatMap(own))];
  const takenSet = new Set(taken);
  const result: PlanResult = { plans: [] };
  let counted = taken;
  const clashes = barredClashes(shape.index, takenSet);
  // Units a maximum leaves out stay the learner's but do not count: plans are made for the units that count.
  const leftOut = shape.leavesOut && clashes.length === 0 ? evaluateUnits(q, taken).notCounted : [];
  if (leftOut.length > 0) {
    counted = taken.filter((ref) => !leftOut.includes(ref));
    result.setAside = leftOut;
  }
  if (clashes.length > 0) {
    const evaluation = evaluateUnits(q, taken);
    counted = evaluation.counted;
    result.setAside = evaluation.notCounted;
    const countedSet = new Set(counted);
    result.resolveFirst = clashes
      .map(({ set, taken: both }) => {
        const keep = both.filter((ref) => countedSet.has(ref));
        const drop = both.filter((ref) => !countedSet.has(ref));
        return `resolve the barred set ${set.id} first: keep ${keep.join(', ') || 'one unit'}, give up ${drop.join(', ')}`;
      })
      .join('; ');
  }

  const n = shape.units.length;
  const inBase = new Uint8Array(n);
  const blockedBy: ({ unit: number; set: string } | undefined)[] = new Array(n);
  const block = (u: number): void => {
    for (const b of shape.barredWith[u]) blockedBy[b.unit] ??= { unit: u, set: b.set };
  };
  const base = counted.map((ref) => shape.position.get(ref) as number);
  const countedUnits = new Set(base);
  for (const u of base) inBase[u] = 1;
  for (const u of base) block(u);

  const forced = shape.mandatory.filter((m) => !inBase[m.unit]);
  for (const m of forced) {
    const ref = shape.units[m.unit].ref;
    const by = blockedBy[m.unit];
    if (takenSet.has(ref) || by !== undefined) {
      const other = by ? shape.units[by.unit].ref : ref;
      const reason =
        by && countedUnits.has(by.unit)
          ? `the mandatory unit ${ref} is barred with ${other} (set ${by.set}), which the learner has taken: give up ${other}`
          : `the mandatory unit ${ref} is barred with another mandatory unit (set ${by?.set ?? '?'}): check the qualification's definition`;
      return { ...result, noPlanReason: reason, statistics };
    }
    inBase[m.unit] = 1;
    block(m.unit);
  }

  const { cost, known: costKnown } = costTable(q, measure);
  const forcedUnits = forced.map((m) => m.unit);
  const withForced = [...base, ...forcedUnits];
  const takenAt = new Uint8Array(n);
  for (const ref of taken) takenAt[shape.position.get(ref) as number] = 1;
  const open: number[] = [];
  for (let u = 0; u < n; u++) if (!inBase[u] && !takenAt[u] && blockedBy[u] === undefined) open.push(u);
  const helps = (mode: SearchMode): number[] => {
    const candidates: number[] = [];
    for (const u of open) if (canHelp(shape, mode, u) && (mode === 'hopeful' || costKnown[u] === 1)) candidates.push(u);
    return candidates;
  };
  const input = (mode: SearchMode): SearchInput => ({
    shape,
    base: withForced,
    candidates: helps(mode),
    cost,
    costKnown,
    forcedCost: forcedUnits.reduce((sum, u) => sum + cost[u], 0),
    forcedCostUnknown: forcedUnits.some((u) => costKnown[u] === 0),
  });

  // Units that already pass a maximum stay past it whatever is added: no search in that mode can find a plan.
  const held = new Tally(shape);
  for (const u of withForced) held.add(u);
  const past = shape.creditRules.findIndex((_, r) => held.known[r] > shape.limit[r]);
  if (past >= 0) {
    const rule = shape.creditRules[past];
    const reason = `"${rule.text}": the units taken already pass its maximum of ${shape.limit[past]}; give some up before planning more`;
    return { ...result, noPlanReason: reason, statistics };
  }
  const found: FoundPlan[] = [];
  if (!forcedUnits.some((u) => costKnown[u] === 0) && held.withinLimits('known')) {
    const search = new PlanSearch(input('known'), 'known', maxPlans);
    found.push(...search.run());
    statistics.nodes += search.nodes;
    statistics.rounds += search.rounds;
  }
  if (found.length < maxPlans && held.withinLimits('hopeful')) {
    const search = new PlanSearch(input('hopeful'), 'hopeful', maxPlans - found.length);
    found.push(...search.run());
    statistics.nodes += search.nodes;
    statistics.rounds += search.rounds;
  }

  result.plans = found.map((plan) => {
    const add = [...forcedUnits, ...plan.units].sort((a, b) => a - b);
    const relies = reliedOn(shape, [...withForced, ...plan.units]);
    for (const u of add) if (!costKnown[u]) relies.add(u);
    return {
      add: add.map((u) => shape.units[u].ref),
      cost: plan.cost,
      reliesOnUnknown: [...relies].sort((a, b) => a - b).map((u) => shape.units[u].ref),
    };
  });
  if (result.plans.length === 0) result.noPlanReason = noPlanReason(shape, withForced, open);
  return { ...result, statistics };
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
  const { statistics: _statistics, ...result } = planCompletionWithStatistics(q, learner, options);
  return result;
}
