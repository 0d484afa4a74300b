// The "next step" column and the JSON `plans` from the completion planner: the cheapest way to complete, in words,
// for learners who are short of the rules; every other status keeps the default advice.
import type { LearnerResult, UnitDefinition } from '../../rules/model';
import { planCompletion, type Plan, type PlanResult } from '../../rules/planner';
import { SHEET_PROBLEMS, type LearnerCheck } from './learner-result';

/** What to do next, in words. The completion planner, when present, gives a better answer through `nextStep`. */
export function defaultNextStep(result: LearnerResult): string {
  switch (result.status) {
    case 'achieved':
      return 'claim the certificate';
    case 'on-track':
      return 'complete the planned units';
    case 'invalid': {
      const first = result.violations.find((v) =>
        [
          'barred-combination',
          'over-maximum',
          'unit-not-in-qualification',
          'unknown-unit',
          'unknown-qualification',
        ].includes(v.code),
      );
      return first ? first.message : 'correct the unit choice';
    }
    case 'needs-data': {
      const unclear = result.violations.find((v) => v.code === 'unrecognised-mark');
      if (unclear) return `fix the mark: ${unclear.message}`;
      const sheet = result.violations.find((v) => SHEET_PROBLEMS.has(v.code));
      if (sheet) return `correct the sheet: ${sheet.message}`;
      const undecided = result.violations.find((v) => v.code === 'undecidable');
      return undecided ? `supply the missing unit data: ${undecided.units.join(', ')}` : 'supply the missing unit data';
    }
    case 'incomplete': {
      const unmet = result.withPlanned.rules.find((r) => r.outcome === 'unmet');
      return unmet ? `plan more units: ${unmet.message}` : 'plan more units';
    }
  }
}

// The JSON asks for three plans and keeps them, for a column made after it; the column asks for one, which it shows
// once per learner and does not keep (a map of every incomplete learner's plan, made to be thrown away).
const plansOf = new WeakMap<LearnerCheck, { asked: number; result: PlanResult }>();

/**
 * The planner's best `maxPlans` plans (default 3, as the JSON shows) for the learner's qualification, costed in
 * credits, counting achieved and planned units. A result with more plans already made serves a smaller ask.
 */
export function learnerPlans(check: LearnerCheck, maxPlans = 3): PlanResult {
  const cached = plansOf.get(check);
  if (cached && cached.asked >= maxPlans) return cached.result;
  const result = plansFor(check, maxPlans);
  plansOf.set(check, { asked: maxPlans, result });
  return result;
}

function plansFor({ record }: LearnerCheck, maxPlans: number): PlanResult {
  return record.qualification
    ? planCompletion(record.qualification, { achieved: record.achieved, planned: record.planned }, { maxPlans })
    : {
        plans: [],
        noPlanReason: `${record.cells.qualification ?? `row ${record.row}`}: the qualification is not recognised, so no plan can be made`,
      };
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function unitInWords(unit: UnitDefinition | undefined, ref: string): string {
  if (!unit || unit.credits === null) return `${ref} (credits unknown)`;
  return `${ref} (${unit.credits} cr)`;
}

const BY_REF = new WeakMap<readonly UnitDefinition[], ReadonlyMap<string, UnitDefinition>>();

/** A qualification's units by ref, made once per list of units rather than once per plan worded. */
function unitsByRef(units: readonly UnitDefinition[]): ReadonlyMap<string, UnitDefinition> {
  let byRef = BY_REF.get(units);
  if (!byRef) BY_REF.set(units, (byRef = new Map(units.map((u) => [u.ref, u] as const))));
  return byRef;
}

/** A plan in words: `add K/503/0421 (7 cr) and H/600/9660 (3 cr)`, saying which units' unknown data it counts on. */
export function planInWords(units: readonly UnitDefinition[], plan: Plan): string {
  if (plan.add.length === 0) {
    return plan.reliesOnUnknown.length === 0
      ? 'every rule is met'
      : `every rule may be met: supply the missing unit data for ${listInWords(plan.reliesOnUnknown)}`;
  }
  const byRef = unitsByRef(units);
  const words = `add ${listInWords(plan.add.map((ref) => unitInWords(byRef.get(ref), ref)))}`;
  if (plan.reliesOnUnknown.length === 0) return words;
  return `${words}; this counts on unit data the catalogue lacks for ${listInWords(plan.reliesOnUnknown)} (supply it to be sure)`;
}

/**
 * The next step for the results column: the best plan in words for an incomplete learner, why none exists when none
 * does, and `defaultNextStep` for every other status (an invalid learner must correct the choice first).
 */
export function planNextStep(check: LearnerCheck): string {
  if (check.result.status !== 'incomplete' || !check.record.qualification) return defaultNextStep(check.result);
  // The column shows the best plan only: ask for no more.
  const result = plansOf.get(check)?.result ?? plansFor(check, 1);
  const [best] = result.plans;
  if (!best) return `no plan exists: ${result.noPlanReason ?? 'no set of units meets every rule'}`;
  const words = planInWords(check.record.qualification.units, best);
  return result.resolveFirst ? `${result.resolveFirst}; then ${words}` : words;
}
