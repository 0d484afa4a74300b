// Joins what the reader found on a learner's row with the engine's verdict on their units.
import { checkUnits } from '../rules/evaluate';
import type { Evaluation, LearnerResult, Status, Violation, ViolationCode } from '../rules/model';
import type { CohortReading, LearnerRecord } from './types';

export interface LearnerCheck {
  record: LearnerRecord;
  result: LearnerResult;
}

/** Row problems that mean the learner chose something the rules forbid. */
const FORBIDDING: ReadonlySet<string> = new Set<ViolationCode>(['unit-not-in-qualification', 'unknown-unit', 'unknown-qualification']);
/** Row problems that leave a unit's state unknown, so no verdict but `invalid` can be trusted. */
const CLOUDING: ReadonlySet<string> = new Set(['unrecognised-mark', 'formula-error']);

const EMPTY_EVALUATION: Evaluation = { rules: [], credits: 0, counted: [], notCounted: [] };

function problemViolations(record: LearnerRecord): Violation[] {
  return record.problems
    .filter((p) => p.code !== undefined && p.code !== 'missing-learner-id')
    .map((p) => ({
      code: (p.code === 'formula-error' ? 'unrecognised-mark' : p.code) as ViolationCode,
      message: p.message,
      units: p.units ?? [],
    }));
}

export function checkLearner(record: LearnerRecord): LearnerResult {
  const fromRow = problemViolations(record);
  if (record.qualification === null) {
    const hasUnknown = fromRow.some((v) => v.code === 'unknown-qualification');
    const violations: Violation[] = hasUnknown
      ? fromRow
      : [
          {
            code: 'unknown-qualification',
            message: `${record.cells.qualification ?? `row ${record.row}`}: no qualification given; fill in the qualification column or choose one for the sheet`,
            units: [],
          },
          ...fromRow,
        ];
    return {
      qualification: record.qualificationText ?? '',
      status: 'invalid',
      achieved: EMPTY_EVALUATION,
      withPlanned: EMPTY_EVALUATION,
      violations,
      notCounted: [],
    };
  }
  const result = checkUnits(record.qualification, { achieved: record.achieved, planned: record.planned });
  // The engine already reports units outside the qualification when the reader passed them on; keep one of each.
  const seen = new Set(result.violations.map((v) => `${v.code}|${v.units.join(',')}`));
  const extra = fromRow.filter((v) => !seen.has(`${v.code}|${v.units.join(',')}`));
  let status: Status = result.status;
  const clouding = record.problems.filter((p) => p.code !== undefined && CLOUDING.has(p.code));
  if (status !== 'invalid' && record.problems.some((p) => p.code !== undefined && FORBIDDING.has(p.code))) status = 'invalid';
  else if (clouding.length > 0 && status !== 'invalid') {
    // An unreadable mark might stand for an achieved unit. Incomplete stands only if it would even with those units.
    const unclear = clouding.flatMap((p) => p.units ?? []);
    const stillShort =
      status === 'incomplete' &&
      checkUnits(record.qualification, { achieved: record.achieved, planned: [...record.planned, ...unclear] }).status === 'incomplete';
    status = stillShort ? 'incomplete' : 'needs-data';
  }
  return { ...result, status, violations: [...extra, ...result.violations] };
}

export function checkCohort(reading: CohortReading): LearnerCheck[] {
  return reading.learners.map((record) => ({ record, result: checkLearner(record) }));
}
