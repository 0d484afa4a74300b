// What registration prep gives back, as data: each learner's problems and notes, their details as the registration
// file carries them, and the options a check takes. Kept apart from the checks so that the check of each learner
// (learner-problems.ts) and the checks across learners (duplicates.ts) share these types without importing each other.
import type { LearnerRecord } from '../sheet';
import type { ViolationCode } from '../rules/model';

/** What registration prep finds: the rule check's codes (a unit choice the rules forbid), and its own. */
export type RegistrationProblemCode =
  | ViolationCode
  | 'invalid-uln'
  | 'placeholder-uln'
  | 'duplicate-uln'
  | 'under-min-age'
  | 'qualification-closed'
  | 'field-too-long'
  | 'bad-date'
  | 'duplicate-learner-ref'
  | 'possible-duplicate'
  | 'missing-name'
  | 'bad-sex'
  | 'bad-characters'
  /** The units chosen are not a valid route (the rule check said so through `unitCheck`). */
  | 'invalid-route';

export type RegistrationField =
  'centreRef' | 'uln' | 'firstName' | 'lastName' | 'dateOfBirth' | 'sex' | 'qualification' | 'units';

export interface RegistrationProblem {
  code: RegistrationProblemCode;
  /** Errors keep a learner off the registration file; warnings are for a person to look at. */
  severity: 'error' | 'warning';
  field?: RegistrationField;
  /** A1 address of the cell to correct. */
  cell?: string;
  message: string;
}

export interface RegistrationNote {
  cell?: string;
  message: string;
}

/** A learner's details as the registration file carries them, read and checked. */
export interface RegistrationLearner {
  centreRef: string;
  uln?: string;
  firstName?: string;
  lastName?: string;
  /** ISO `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  qualification?: string;
}

export interface RegistrationResult {
  row: number;
  learnerId: string;
  ready: boolean;
  problems: RegistrationProblem[];
  notes: RegistrationNote[];
  learner: RegistrationLearner;
}

export interface UnitCheck {
  ok: boolean;
  reason?: string;
  code?: ViolationCode;
  cell?: string;
}

export interface RegistrationOptions {
  /** ISO date the learners are to be registered on. */
  date: string;
  /** The rule check of the learner's chosen units; left out, routes are not checked. */
  unitCheck?: (record: LearnerRecord) => UnitCheck;
}
