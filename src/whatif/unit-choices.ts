// What the what-if panel lets a user say about each unit of a learner's qualification, and how that differs from
// what the sheet holds.
import type { QualificationDefinition } from '../rules/model';
import type { LearnerRecord, UnitState } from '../sheet';

/** What the what-if panel lets a user say about a unit: achieved, planned, or not taken. */
export type UnitChoice = UnitState | 'none';
/** Unit refs and their chosen state; a unit left out is not taken. */
export type Choices = Readonly<Record<string, UnitChoice>>;

/** A learner's units as the sheet has them. Units outside the learner's qualification are not the panel's to change. */
export function sheetChoices(record: LearnerRecord): Choices {
  const choices: Record<string, UnitChoice> = {};
  for (const ref of record.planned) choices[ref] = 'planned';
  for (const ref of record.achieved) choices[ref] = 'achieved';
  return choices;
}

/** Units whose chosen state differs from the sheet's, in the qualification's order. */
export function changedUnits(q: QualificationDefinition, before: Choices, after: Choices): string[] {
  return q.units.map((u) => u.ref).filter((ref) => (before[ref] ?? 'none') !== (after[ref] ?? 'none'));
}
