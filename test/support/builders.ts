// Small qualifications and learners built in code, shared by the engine's, the planner's and the reader's tests so
// each test shows only what it is about.
import type { LearnerRecord } from '../../src/sheet/types';
import type { QualificationDefinition, Rule, UnitDefinition } from '../../src/rules/model/model';

/** A unit titled after its reference, at level 2 unless said, with no GLH unless said. */
export function unit(
  ref: string,
  group: string,
  credits: number | null,
  level: number | null = 2,
  glh: number | null = null,
): UnitDefinition {
  return { ref, title: `Unit ${ref}`, credits, glh, level, group };
}

/** A level 2 qualification `T/1` of the given units and rules, with groups A, B and C unless said. */
export function qualification(
  units: UnitDefinition[],
  rules: Rule[],
  groups: readonly string[] = ['A', 'B', 'C'],
): QualificationDefinition {
  return {
    id: 'T/1',
    title: 'Test',
    awardingBody: 'Test',
    level: 2,
    groups: groups.map((id) => ({ id, title: `Group ${id}` })),
    units,
    rules,
  };
}

/** A learner on sheet row `row` with these units and no problems, as the reader would give them. */
export function record(
  q: QualificationDefinition | null,
  achieved: string[],
  planned: string[] = [],
  row = 2,
): LearnerRecord {
  return {
    row,
    learnerId: `L${row}`,
    qualificationText: q?.id ?? 'unknown',
    qualification: q,
    achieved,
    planned,
    marks: [],
    problems: [],
    cells: { qualification: `C${row}` },
  };
}
