// What a header cell says a column holds: a learner's own field, a list of units, or (elsewhere) a unit.

export type LearnerField =
  | 'learnerId'
  | 'centreRef'
  | 'candidateNo'
  | 'fullName'
  | 'firstName'
  | 'lastName'
  | 'uln'
  | 'dateOfBirth'
  | 'qualification'
  | 'sex';

export type ListField = 'units' | 'achievedUnits' | 'plannedUnits';

/** Spellings as people write them, compared with case, spaces and punctuation removed (`Learner-ID` = `learnerid`). */
const LEARNER_SPELLINGS: Record<LearnerField, string[]> = {
  learnerId: [
    'learnerid',
    'learnerref',
    'learnerreference',
    'learnerno',
    'learnernumber',
    'learnercode',
    'learnerrefno',
    'studentid',
    'studentref',
    'studentreference',
    'studentno',
    'studentnumber',
    'traineeid',
    'apprenticeid',
    'id',
    'ref',
  ],
  centreRef: [
    'centreref',
    'centerref',
    'centrereference',
    'centerreference',
    'centrelearnerref',
    'centrelearnerreference',
    'centrelearnerid',
    'centreid',
    'centrecandidateref',
    'centrecandidatenumber',
    'centrerefno',
  ],
  candidateNo: [
    'candidateno',
    'candidatenumber',
    'candno',
    'candnumber',
    'candidateid',
    'candidateref',
    'candidatereference',
    'registrationno',
    'registrationnumber',
    'regno',
    'enrolmentno',
    'enrolmentnumber',
  ],
  fullName: [
    'name',
    'fullname',
    'learnername',
    'learner',
    'learnerfullname',
    'candidatename',
    'candidate',
    'studentname',
    'student',
    'traineename',
    'trainee',
    'apprenticename',
    'apprentice',
  ],
  firstName: [
    'firstname',
    'firstnames',
    'forename',
    'forenames',
    'givenname',
    'givennames',
    'christianname',
    'learnerfirstname',
  ],
  lastName: ['lastname', 'surname', 'familyname', 'learnersurname', 'learnerlastname'],
  uln: ['uln', 'uniquelearnernumber', 'learneruln', 'ulnno', 'ulnnumber'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate', 'dateofbirthddmmyyyy', 'birthday', 'learnerdob'],
  qualification: [
    'qual',
    'quals',
    'qualification',
    'qualificationnumber',
    'qualificationno',
    'qualificationid',
    'qualificationcode',
    'qualificationtitle',
    'qualificationname',
    'qualificationref',
    'qualificationreference',
    'qan',
    'qualno',
    'qualnumber',
    'qualcode',
    'qualid',
    'qualref',
    'course',
    'programme',
    'program',
    'learningaim',
    'learningaimref',
    'aim',
    'aimref',
  ],
  sex: ['sex', 'gender'],
};

const LIST_SPELLINGS: Record<ListField, string[]> = {
  units: [
    'units',
    'unitlist',
    'chosenunits',
    'selectedunits',
    'unitschosen',
    'unitsselected',
    'unitstaken',
    'unitrefs',
    'unitreferences',
    'unitsandmarks',
    'unitcodes',
  ],
  achievedUnits: [
    'achievedunits',
    'unitsachieved',
    'completedunits',
    'unitscompleted',
    'achievedunitrefs',
    'unitsachievedrefs',
  ],
  plannedUnits: [
    'plannedunits',
    'unitsplanned',
    'inprogressunits',
    'unitsinprogress',
    'registeredunits',
    'unitsregistered',
    'plannedunitrefs',
    'unitstodo',
    'remainingunits',
  ],
};

function invert<F extends string>(table: Record<F, string[]>): Map<string, F> {
  const map = new Map<string, F>();
  for (const field of Object.keys(table) as F[]) for (const spelling of table[field]) map.set(spelling, field);
  return map;
}

const LEARNER_BY_KEY = invert(LEARNER_SPELLINGS);
const LIST_BY_KEY = invert(LIST_SPELLINGS);

export function compactKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `Date of birth (dd/mm/yyyy)` is `Date of birth`: a note in brackets does not change what a column holds. */
function keys(text: string): string[] {
  const whole = compactKey(text);
  const stripped = compactKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  return stripped !== whole && stripped !== '' ? [whole, stripped] : [whole];
}

/** The longest learner heading, as a key; a longer cell (or one with digits in a row of data) is no heading. */
const LONGEST_LEARNER_KEY = Math.max(...[...LEARNER_BY_KEY.keys()].map((k) => k.length));

/** Whether a data cell could be a learner heading at all: checked on every learner row, so it avoids the regexes. */
export function mayBeLearnerHeading(text: string): boolean {
  return text.length > 1 && text.length <= LONGEST_LEARNER_KEY * 2 + 20 && text[0] !== '#' && !/\d{2}/.test(text);
}

export function learnerFieldOf(text: string): LearnerField | undefined {
  for (const key of keys(text)) {
    const field = LEARNER_BY_KEY.get(key);
    if (field) return field;
  }
  return undefined;
}

export function listFieldOf(text: string): ListField | undefined {
  for (const key of keys(text)) {
    const field = LIST_BY_KEY.get(key);
    if (field) return field;
  }
  return undefined;
}

/** A banner row cell over unit columns: `Units`, `Optional units`, `Group B`, `Mandatory`. */
export function isUnitBanner(text: string): boolean {
  return /\b(units?|group\s*[a-z0-9]?|mandatory|optional)\b/i.test(text);
}

/** How the header of each learner field is named in messages. */
export const FIELD_LABEL: Record<LearnerField | ListField, string> = {
  learnerId: 'Learner ID',
  centreRef: 'Centre ref',
  candidateNo: 'Candidate no',
  fullName: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  uln: 'ULN',
  dateOfBirth: 'Date of birth',
  qualification: 'Qualification',
  sex: 'Sex',
  units: 'Units',
  achievedUnits: 'Achieved units',
  plannedUnits: 'Planned units',
};
