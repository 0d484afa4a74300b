// Checks that a definition holds together as a whole: nothing declared twice, dates and ranges in order, barred
// sets that bar something, and credit minimums the qualification's own units can reach.
import {
  boundsOf,
  checkRule,
  countsAll,
  creditCounts,
  isBarredRule,
  isCreditRule,
  measureName,
  measureOf,
  unitsCounted,
  unsatisfiable,
  type CountingRule,
  type CreditRule,
  type RuleCheck,
} from '../kinds';
import type { QualificationDefinition, UnitDefinition } from '../model';
import type { Problems } from './build';
import { unitKey } from '../model';
import { evaluateUnits } from '../engine';

function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  report: (index: number, first: number) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else report(i, first);
  });
}

function checkDuplicates(q: QualificationDefinition, problems: Problems): void {
  reportDuplicates(
    q.groups,
    (g) => g.id.toLowerCase(),
    (i, first) =>
      problems.add(['groups', i, 'id'], {
        code: 'duplicate-group',
        id: q.groups[i].id,
        first: first + 1,
        second: i + 1,
      }),
  );
  reportDuplicates(
    q.units,
    (u) => unitKey(u.ref),
    (i, first) =>
      problems.add(['units', i, 'ref'], {
        code: 'duplicate-unit',
        ref: q.units[i].ref,
        first: first + 1,
        second: i + 1,
      }),
  );
  reportDuplicates(
    q.units,
    (u) => (u.number === undefined ? undefined : String(u.number)),
    (i, first) =>
      problems.add(['units', i, 'number'], {
        code: 'duplicate-unit-number',
        number: q.units[i].number ?? 0,
        firstRef: q.units[first].ref,
        ref: q.units[i].ref,
      }),
  );
  reportDuplicates(
    q.rules,
    (r) => r.id,
    (i, first) =>
      problems.add(['rules', i, 'id'], {
        code: 'duplicate-rule-id',
        id: q.rules[i].id,
        first: first + 1,
        second: i + 1,
      }),
  );
  checkAliases(q, problems);
}

/** An alias that is also another unit's ref or alias would make a column header mean two units. */
function checkAliases(q: QualificationDefinition, problems: Problems): void {
  const owner = new Map<string, number>();
  q.units.forEach((u, i) => owner.set(unitKey(u.ref), i));
  q.units.forEach((u, i) =>
    (u.aliases ?? []).forEach((alias, j) => {
      const key = unitKey(alias);
      const other = owner.get(key);
      if (other !== undefined && other !== i) {
        problems.add(['units', i, 'aliases', j], {
          code: 'alias-clash',
          alias,
          unit: u.ref,
          other: q.units[other].ref,
        });
      } else owner.set(key, i);
    }),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkRanges(q: QualificationDefinition, problems: Problems): void {
  const { from, to } = q.operational ?? {};
  let datesValid = true;
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined || isRealIsoDate(value)) continue;
    datesValid = false;
    problems.add(['operational', field], { code: 'bad-date', field, value });
  }
  if (datesValid && from !== undefined && to !== undefined && from > to) {
    problems.add(['operational'], { code: 'dates-backwards', from, to });
  }
  if (q.glh && q.glh.min > q.glh.max) {
    problems.add(['glh'], { code: 'glh-backwards', min: q.glh.min, max: q.glh.max });
  }
}

/** Where a rule's own checks report: the problems of rule i, at one of its fields. */
function ruleCheck(q: QualificationDefinition, i: number, problems: Problems): RuleCheck {
  return {
    q,
    minimumsInAll: q.rules.filter(countsAll).map((r) => ({ id: r.id, min: boundsOf(r as CreditRule).min })),
    report: (field, problem) => problems.add(['rules', i, field], problem),
  };
}

/** Each rule's own checks of a phase, from its kind. */
function checkRules(q: QualificationDefinition, phase: 'checkTargets' | 'checkInAll', problems: Problems): void {
  q.rules.forEach((rule, i) => checkRule(rule, phase, ruleCheck(q, i, problems)));
}

/** A group's stated total must agree with its units' credits where those are known. */
function checkGroupTotals(q: QualificationDefinition, problems: Problems): void {
  q.groups.forEach((group, i) => {
    if (group.totalCredits === undefined) return;
    const units = q.units.filter((u) => u.group === group.id);
    const known = units.reduce((sum, u) => sum + (u.credits ?? 0), 0);
    const allKnown = units.every((u) => u.credits !== null);
    if ((allKnown && units.length > 0 && known !== group.totalCredits) || known > group.totalCredits) {
      problems.add(['groups', i, 'totalCredits'], {
        code: 'group-total-mismatch',
        group: group.id,
        total: group.totalCredits,
        known,
        allKnown,
      });
    }
  });
}

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

function checkReachable(q: QualificationDefinition, problems: Problems): void {
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
 * choice is tried; when none leaves every rule met or undecidable, the rules cannot all be met.
 */
function checkSatisfiable(q: QualificationDefinition, problems: Problems): void {
  // Taking every unit is no longer the best a learner can do when a maximum forbids more: such rules are left to
  // the per-rule checks.
  if (q.rules.some((r) => isCreditRule(r) && boundsOf(r).max !== undefined && boundsOf(r).overMax === 'forbidden'))
    return;
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

/**
 * Whole-definition checks. Those that add up credits by group or unit run only when every group and unit a rule or
 * unit names was found, so one misspelt group id does not also show up as an unreachable minimum.
 */
export function checkDefinition(q: QualificationDefinition, problems: Problems, referencesResolved: boolean): void {
  checkDuplicates(q, problems);
  checkRanges(q, problems);
  if (!referencesResolved) return;
  checkRules(q, 'checkTargets', problems);
  checkGroupTotals(q, problems);
  checkRules(q, 'checkInAll', problems);
  checkReachable(q, problems);
  // Only for a definition clean so far: otherwise it repeats what the checks above already said.
  if (problems.list.length === 0) checkSatisfiable(q, problems);
}
