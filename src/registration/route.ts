// The rule check as registration prep uses it. Pure, so the pane and the command line share it.
import { checkLearner } from '../cohort/verdict';
import type { LearnerRecord } from '../sheet';
import type { ViolationCode } from '../rules/model';
import type { UnitCheck } from './result';

/** Violations that make a route impossible, as opposed to not finished yet. */
const IMPOSSIBLE: ReadonlySet<ViolationCode> = new Set([
  'barred-combination',
  'over-maximum',
  'unit-not-in-qualification',
  'unknown-unit',
  'duplicate-unit',
]);

/**
 * Only an impossible route (status `invalid`) holds a learner back. A route still short of credits is normal at
 * registration, when most units are yet to be chosen or taken.
 */
export function routeCheck(record: LearnerRecord): UnitCheck {
  const result = checkLearner(record);
  if (result.status !== 'invalid') return { ok: true };
  const violation = result.violations.find((v) => IMPOSSIBLE.has(v.code)) ?? result.violations[0];
  if (violation === undefined) return { ok: false };
  const cell = record.marks.find((m) => violation.units.includes(m.ref))?.cell;
  return { ok: false, code: violation.code, reason: violation.message, cell };
}
