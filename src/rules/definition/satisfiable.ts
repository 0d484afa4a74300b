// Whether a definition's rules can be met at all: each credit minimum within what the qualification's own units can
// reach, and no rules that contradict each other (a minimum above what a maximum lets count, or rules no set of
// units meets together). Its own module because these checks add up credits over the units, which the rest of the
// definition's checks (coherence.ts: declared once, in order) never do.
import {
  boundsOf,
  describeRule,
  creditCounts,
  isBarredRule,
  isCreditRule,
  measureName,
  measureOf,
  unitsCounted,
  unitsNeeded,
  unsatisfiable,
  type CountingRule,
  type CreditRule,
} from '../kinds';
import type { QualificationDefinition, Rule, UnitDefinition } from '../model';
import type { Problems } from './build';
import { evaluateUnits } from '../engine';

/** Whether a unit's credits may count towards a rule: surely or maybe (its level is unknown), not surely not. */
function mayCount(rule: CreditRule, unit: UnitDefinition): boolean {
  return creditCounts(rule, unit) !== false;
}

/** A unit's value of the rule's measure: its credits, its GLH, or 1 (a count of units); null when unknown. */
function valueFor(rule: CreditRule, unit: UnitDefinition): number | null {
  const measure = measureOf(rule);
  return measure === 'units' ? 1 : unit[measure];
}

/**
 * The most of its measure a rule could ever count, or null when some unit's value is unknown and nothing bounds it
 * (a group's stated total bounds unknown credits). Only one unit of a barred set counts; that is taken into account
 * when the sets do not overlap.
 */
export function mostCredits(q: QualificationDefinition, rule: CreditRule): number | null {
  let most = 0;
  for (const group of q.groups) {
    const units = q.units.filter((u) => u.group === group.id);
    const counting = units.filter((u) => mayCount(rule, u));
    most += counting.reduce((sum, u) => sum + (valueFor(rule, u) ?? 0), 0);
    if (counting.some((u) => valueFor(rule, u) === null)) {
      if (group.totalCredits === undefined || measureOf(rule) !== 'credits') return null;
      most += Math.max(0, group.totalCredits - units.reduce((sum, u) => sum + (u.credits ?? 0), 0));
    }
  }
  const barred = q.rules.filter(isBarredRule).map((r) => r.units);
  const all = barred.flat();
  if (new Set(all).size !== all.length) return most;
  for (const set of barred) {
    const members = q.units.filter((u) => set.includes(u.ref) && mayCount(rule, u));
    if (members.length < 2 || members.some((u) => valueFor(rule, u) === null)) continue;
    const credits = members.map((u) => valueFor(rule, u) ?? 0);
    most -= credits.reduce((a, b) => a + b, 0) - Math.max(...credits);
  }
  return most;
}

export function checkReachable(q: QualificationDefinition, problems: Problems): void {
  q.rules.forEach((rule, i) => {
    if (!isCreditRule(rule)) return;
    const { min, max } = boundsOf(rule);
    const most = mostCredits(q, rule);
    // A maximum that leaves units out also caps what can count.
    const reach = most === null ? null : Math.min(most, max ?? Infinity);
    if (reach === null || reach >= min) return;
    problems.add(['rules', i, 'min'], {
      code: 'unreachable-minimum',
      rule: rule.id,
      min,
      counted: unitsCounted(rule, q),
      most: reach,
      ...(measureOf(rule) === 'credits' ? {} : { measure: measureName(measureOf(rule)) }),
    });
  });
}

/** Past this many ways of choosing one unit per barred set, the search is left to the per-rule checks above. */
const MOST_BARRED_CHOICES = 1024;

/**
 * Each rule may be reachable alone and still no learner meet them all: two mandatory units barred together, or a
 * level minimum that needs the unit of a barred pair the group minimum cannot spare. Taking every unit is the best a
 * learner can do for credit and mandatory rules, except that only one unit of each barred set counts, so every such
 * choice is tried; when none leaves every rule met or undecidable, the rules cannot all be met. A maximum that forbids
 * more makes taking every unit no better than taking fewer: such definitions are searched (checkSatisfiableWithin).
 */
export function checkSatisfiable(q: QualificationDefinition, problems: Problems): void {
  if (q.rules.some(forbidsPastMax)) {
    checkSatisfiableWithin(q, problems);
    return;
  }
  const known = new Set(q.units.map((u) => u.ref));
  const sets = q.rules
    .filter(isBarredRule)
    .map((r) => [...new Set(r.units)].filter((ref) => known.has(ref)))
    .filter((s) => s.length > 1);
  if (sets.reduce((n, s) => n * s.length, 1) > MOST_BARRED_CHOICES) return;
  const choice = new Array<number>(sets.length).fill(0);
  let closest: { unmet: number; first: string; message: string } | undefined;
  for (;;) {
    const dropped = new Set(sets.flatMap((set, i) => set.filter((_, j) => j !== choice[i])));
    const evaluation = evaluateUnits(
      q,
      q.units.map((u) => u.ref).filter((ref) => !dropped.has(ref)),
    );
    const unmet = evaluation.rules.filter((r) => r.outcome === 'unmet');
    if (unmet.length === 0) return;
    if (!closest || unmet.length < closest.unmet)
      closest = { unmet: unmet.length, first: unmet[0].ruleId, message: unmet[0].message };
    let i = 0;
    while (i < sets.length && ++choice[i] >= sets[i].length) choice[i++] = 0;
    if (i === sets.length) break;
  }
  if (!closest) return;
  const { first, message } = closest;
  const index = q.rules.findIndex((r) => r.id === first);
  const rule = q.rules[index] as CountingRule;
  const { field, fix } = unsatisfiable(rule);
  problems.add(['rules', index, field], {
    code: 'unsatisfiable',
    rule: rule.id,
    barred: sets.length > 0,
    result: message,
    fix,
  });
}

/** Whether a rule's maximum forbids more (a learner past it has made a choice the rules forbid). */
function forbidsPastMax(rule: Rule): boolean {
  return isCreditRule(rule) && boundsOf(rule).max !== undefined && boundsOf(rule).overMax === 'forbidden';
}

/** Whether a rule asks something of a learner: a mandatory group, or a minimum. */
function asksSomething(rule: Rule): rule is CountingRule {
  return isCreditRule(rule) ? boundsOf(rule).min > 0 : !isBarredRule(rule);
}

/** The rules that cannot be met together, named on the first that asks something; nothing when none is found. */
interface Conflict {
  rules: readonly Rule[];
}

/**
 * The most rule `r` can count while keeping within forbidding rule `f`'s maximum, reading unknown values favourably,
 * and leaving every other rule aside (so never less than with them): a 0/1 knapsack over the units both may count,
 * each weighing what it adds to `f` and worth what it adds to `r`, by dynamic programming over `f`'s maximum. Null
 * when a value `r` would count is unknown (then it could be anything).
 */
function mostWithin(q: QualificationDefinition, r: CreditRule, f: CreditRule, cap: number): number | null {
  let free = 0;
  const best = new Float64Array(cap + 1);
  for (const unit of q.units) {
    if (creditCounts(r, unit) === false) continue;
    const worth = valueFor(r, unit);
    if (worth === null) return null;
    // A unit `f` may not count (an unknown level), or of an unknown value, weighs nothing: read favourably.
    const weight = creditCounts(f, unit) === true ? (valueFor(f, unit) ?? 0) : 0;
    if (weight === 0) free += worth;
    else for (let c = cap; c >= weight; c--) best[c] = Math.max(best[c], best[c - weight] + worth);
  }
  return free + best[cap];
}

/**
 * Whether some set of a rule's own units could meet both its minimum and its maximum, as the engine judges them: past
 * the maximum on the values known (unmet), and short of the minimum even at the unknown ones' most (unmet). A unit whose
 * level is unknown adds nothing known and all its value at most, so taking every such unit is free; the rest is subset
 * sums up to the maximum. Null when a value is unknown (it could be anything).
 */
function fitsBetween(q: QualificationDefinition, f: CreditRule, min: number, max: number): boolean | null {
  const reachable = new Uint8Array(max + 1);
  reachable[0] = 1;
  let hoped = 0;
  for (const unit of q.units) {
    const counts = creditCounts(f, unit);
    if (counts === false) continue;
    const value = valueFor(f, unit);
    if (value === null) return null;
    if (counts === null) hoped += value;
    else if (value > 0) for (let sum = max; sum >= value; sum--) if (reachable[sum - value]) reachable[sum] = 1;
  }
  for (let sum = Math.max(0, min - hoped); sum <= max; sum++) if (reachable[sum]) return true;
  return false;
}

/** Past this maximum, the tables above are not built (no real rule of combination counts so high). */
const LARGEST_TABLE = 100_000;

/**
 * A rule that one forbidding maximum alone makes impossible: a minimum its own maximum leaves no room for, a mandatory
 * group whose units pass another's maximum, or a minimum that cannot be reached within another's. Each pair is
 * decided exactly (the knapsack and subset sums above), and cheaply, since every other rule is left aside.
 */
function pairConflict(q: QualificationDefinition): Conflict | undefined {
  const forbidding = q.rules.filter(forbidsPastMax) as CreditRule[];
  for (const r of q.rules) {
    if (!asksSomething(r)) continue;
    if (forbidsPastMax(r) && isCreditRule(r)) {
      const { min, max = Infinity } = boundsOf(r);
      if (max <= LARGEST_TABLE && fitsBetween(q, r, min, max) === false) return { rules: [r] };
    }
    for (const f of forbidding) {
      if (f === r) continue;
      const cap = boundsOf(f).max ?? Infinity;
      if (cap > LARGEST_TABLE) continue;
      if (!isCreditRule(r)) {
        // Every unit of a mandatory group must be taken: what they add to the maximum, read favourably.
        const needed = new Set(unitsNeeded(r, q));
        const taken = q.units.filter((u) => needed.has(u.ref) && creditCounts(f, u) === true);
        if (taken.reduce((sum, u) => sum + (valueFor(f, u) ?? 0), 0) > cap) return { rules: [r, f] };
        continue;
      }
      const most = mostWithin(q, r, f, cap);
      const { min, max } = boundsOf(r);
      if (most !== null && Math.min(most, max ?? Infinity) < min) return { rules: [r, f] };
    }
  }
  return undefined;
}

/**
 * Up to this many units that a rule asks for, the rules are also searched together (three rules or more may conflict
 * where no two do), by trying every set of those units. Deciding whether any set of units meets several minimums
 * within several maxima is a multi-dimensional knapsack, which is NP-hard, so no search is cheap on every definition:
 * the completion planner, exact as it is, tried 11.8 million nodes (67 s) before it found that a 40-unit definition of
 * the benchmark had no plan, since its bounds do not see the maxima. Larger definitions get the pairs above only.
 */
const MOST_UNITS_SEARCHED = 10;

/** The units some rule asks for: those a minimum may count, and the mandatory ones. Others can only pass a maximum. */
function unitsAskedFor(q: QualificationDefinition, rules: readonly Rule[]): string[] {
  const asked = new Set<string>();
  for (const rule of rules) {
    if (!asksSomething(rule)) continue;
    if (!isCreditRule(rule)) for (const ref of unitsNeeded(rule, q)) asked.add(ref);
    else for (const u of q.units) if (creditCounts(rule, u) !== false) asked.add(u.ref);
  }
  return q.units.map((u) => u.ref).filter((ref) => asked.has(ref));
}

/**
 * Whether some set of units, one at most of each barred set, leaves no rule unmet as the engine judges it (a rule that
 * rests on unknown values is not unmet): every such set of the units a rule asks for is tried.
 */
function someUnitsMeetEveryRule(q: QualificationDefinition, rules: readonly Rule[]): boolean {
  const d: QualificationDefinition = { ...q, rules: [...rules] };
  const refs = unitsAskedFor(d, rules);
  const sets = rules.filter(isBarredRule).map((rule) => new Set(rule.units));
  const taken: string[] = [];
  const blocked = (ref: string) => sets.some((set) => set.has(ref) && taken.some((t) => set.has(t)));
  const tryFrom = (i: number): boolean => {
    if (i === refs.length) return evaluateUnits(d, taken).rules.every((r) => r.outcome !== 'unmet');
    if (!blocked(refs[i])) {
      taken.push(refs[i]);
      const met = tryFrom(i + 1);
      taken.pop();
      if (met) return true;
    }
    return tryFrom(i + 1);
  };
  return tryFrom(0);
}

/**
 * The rules of a small definition that cannot be met together: each rule is left out in turn and kept out when the
 * rest still cannot be met, so what is left is a smallest conflict, each of whose rules it needs.
 */
function searchedConflict(q: QualificationDefinition): Conflict | undefined {
  if (unitsAskedFor(q, q.rules).length > MOST_UNITS_SEARCHED || someUnitsMeetEveryRule(q, q.rules)) return undefined;
  let conflict = [...q.rules];
  for (const rule of q.rules) {
    const without = conflict.filter((r) => r !== rule);
    if (!someUnitsMeetEveryRule(q, without)) conflict = without;
  }
  return { rules: conflict };
}

/**
 * With a maximum that forbids more, taking every unit is no longer a learner's best try (it may pass the maximum), so
 * the question is whether any set of units keeps within the maxima and meets every rule. A conflict is named on the
 * first of its rules that asks something, with the others.
 */
function checkSatisfiableWithin(q: QualificationDefinition, problems: Problems): void {
  const conflict = pairConflict(q) ?? searchedConflict(q);
  const culprit = conflict?.rules.find(asksSomething);
  if (conflict === undefined || culprit === undefined) return;
  const index = q.rules.indexOf(culprit);
  const others = conflict.rules.filter((r) => r !== culprit);
  const { field, fix } = unsatisfiable(culprit);
  problems.add(['rules', index, field], {
    code: 'unsatisfiable-together',
    rule: culprit.id,
    others: others.map((r) => ({ id: r.id, says: describeRule(r) })),
    maxima: conflict.rules.filter(forbidsPastMax).map((r) => r.id),
    fix,
  });
}
