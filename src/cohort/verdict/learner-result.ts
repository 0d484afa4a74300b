// Joins what the reader found on a learner's row with the engine's verdict on their units.
import { checkUnits, unitFigures, type UnitFigures } from '../../rules/engine';
import type {
  Evaluation,
  LearnerResult,
  QualificationDefinition,
  Status,
  Violation,
  ViolationCode,
} from '../../rules/model';
import type { CohortReading, LearnerRecord } from '../../sheet';
import { type LearnerUnitsRead, readingMessage } from '../read';

export interface LearnerCheck {
  record: LearnerRecord;
  result: LearnerResult;
}

/**
 * Row problems that mean the learner chose something the rules forbid: only these (and the engine's barred units
 * and units outside the qualification) make a learner `invalid`.
 */
const FORBIDDING: ReadonlySet<string> = new Set<ViolationCode>(['unit-not-in-qualification']);
/**
 * Row problems of the sheet, not of the learner: a header that fits several units, a blank or unknown qualification,
 * a mark under a header naming no known unit, a mark that cannot be read. They leave the learner `needs-data`.
 */
export const SHEET_PROBLEMS: ReadonlySet<string> = new Set<ViolationCode | 'formula-error'>([
  'ambiguous-header',
  'missing-qualification',
  'unknown-qualification',
  'unknown-unit',
  'unrecognised-mark',
  'formula-error',
]);
/** Sheet problems whose unit is one the qualification knows, so "short even with it" can still be decided. */
const PLACEABLE: ReadonlySet<string> = new Set(['ambiguous-header', 'unrecognised-mark', 'formula-error']);

/** Whether a row problem is a forbidden choice (`FORBIDDING`). */
function forbids(problem: LearnerRecord['problems'][number]): boolean {
  return problem.code !== undefined && FORBIDDING.has(problem.code);
}

const EMPTY_EVALUATION: Evaluation = { rules: [], credits: 0, counted: [], notCounted: [] };

/** A problem the reader found on the learner's row, as a violation; its words are made when read, as a rule's are. */
class ReadingViolation implements Violation {
  readonly code: ViolationCode;
  readonly units: string[];
  readonly #problem: LearnerRecord['problems'][number];

  constructor(problem: LearnerRecord['problems'][number]) {
    this.code = (problem.code === 'formula-error' ? 'unrecognised-mark' : problem.code) as ViolationCode;
    this.units = problem.units ?? [];
    this.#problem = problem;
  }

  get message(): string {
    return readingMessage(this.#problem);
  }
}

function problemViolations(record: LearnerRecord): Violation[] {
  return record.problems
    .filter((p) => p.code !== undefined && p.code !== 'missing-learner-id')
    .map((p) => new ReadingViolation(p));
}

/**
 * The status once the sheet's problems on the row are weighed: a forbidden choice stays `invalid`; otherwise an
 * unplaced mark means the learner may hold more than the sheet shows, so no verdict but `needs-data` stands, except
 * `incomplete` when the learner would be short even with every unclear unit of their qualification planned.
 */
function weighSheetProblems(record: LearnerUnitsRead, qualification: QualificationDefinition, status: Status): Status {
  if (status === 'invalid') return status;
  const problems = record.problems.filter((p) => p.code !== undefined && SHEET_PROBLEMS.has(p.code));
  if (problems.length === 0) return status;
  if (status !== 'incomplete' || problems.some((p) => !PLACEABLE.has(p.code ?? '') || !p.units?.length))
    return 'needs-data';
  // Every unit an unclear mark may stand for, planned: units a header could mean are often barred from each other,
  // and then the learner is invalid rather than short, which leaves needs-data: nothing is claimed on a guess.
  const unclear = problems.flatMap((p) => p.units ?? []);
  // Its status alone is wanted: the engine's figures decide it as checkUnits does, without building a result.
  const withUnclear = unitFigures(qualification, {
    achieved: record.achieved,
    planned: [...record.planned, ...unclear],
  });
  return withUnclear.status === 'incomplete' ? 'incomplete' : 'needs-data';
}

export function checkLearner(record: LearnerRecord): LearnerResult {
  // Most rows have no problem: the engine's result is the learner's, with nothing to weigh or join.
  if (record.problems.length === 0 && record.qualification !== null)
    return checkUnits(record.qualification, { achieved: record.achieved, planned: record.planned });
  const fromRow = problemViolations(record);
  if (record.qualification === null) {
    const named = fromRow.some((v) => v.code === 'unknown-qualification' || v.code === 'missing-qualification');
    const violations: Violation[] = named
      ? fromRow
      : [
          {
            code: 'missing-qualification',
            message: `${record.cells.qualification ?? `row ${record.row}`}: no qualification given; fill in the qualification column or choose one for the sheet`,
            units: [],
          },
          ...fromRow,
        ];
    return {
      qualification: record.qualificationText ?? '',
      status: 'needs-data',
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
  if (record.problems.some(forbids)) status = 'invalid';
  status = weighSheetProblems(record, record.qualification, status);
  return { ...result, status, violations: [...extra, ...result.violations] };
}

/**
 * `checkLearner(record)`'s status and credits alone, for a caller that shows nothing else: the same weighing of the
 * row's problems, on the engine's figures rather than its full result (no violations, no units counted).
 */
export function learnerFigures(record: LearnerUnitsRead): UnitFigures {
  if (record.qualification === null) return { status: 'needs-data', achievedCredits: 0, withPlannedCredits: 0 };
  const figures = unitFigures(record.qualification, record);
  // Most rows have no problem: nothing more is looked at (nor a callback made) for them.
  if (record.problems.length > 0) {
    if (record.problems.some(forbids)) figures.status = 'invalid';
    else figures.status = weighSheetProblems(record, record.qualification, figures.status);
  }
  return figures;
}

export function checkCohort(reading: CohortReading): LearnerCheck[] {
  return reading.learners.map((record) => ({ record, result: checkLearner(record) }));
}
