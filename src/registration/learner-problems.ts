// Registration prep: everything an awarding body would reject, found per learner before the bulk upload.
import type { LearnerRecord } from '../sheet';
import type { QualificationDefinition } from '../rules/model';
import { ageOn, dateOfAge, formatUkDate, isIsoDate, readDate, looksLikeFormula } from '../sheet';
import { readingMessage } from '../cohort/read';
import { finishRegistration, where } from './duplicates';
import { graphemes } from './graphemes';
import { readUln } from './uln';
import type {
  RegistrationField,
  RegistrationNote,
  RegistrationOptions,
  RegistrationProblem,
  RegistrationResult,
} from './result';

/** Limits of awarding-organisation bulk registration templates. */
export const FIELD_LIMITS = { centreRef: 10, firstName: 20, lastName: 30 } as const;

const FIELD_NAMES: Record<RegistrationField, string> = {
  centreRef: 'Centre learner ref',
  uln: 'ULN',
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  qualification: 'Qualification',
  units: 'Units',
};

/** The oldest age taken as real; an older one is a mistyped date of birth. */
const MAX_AGE = 100;

function clean(text: string | undefined): string | undefined {
  const trimmed = text?.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? undefined : trimmed;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The characters a person counts: grapheme clusters, so `é` is one however it was typed (one code point or `e` and an
 * accent), and so is an emoji made of several code points (`👍🏽`, a flag, a family joined by zero-width joiners).
 */
function characters(text: string): string[] {
  // Printable ASCII is one character per code unit; the segmenter is for the rest (it costs far more per name).
  if (PRINTABLE_ASCII.test(text)) return text.split('');
  return graphemes(text.normalize('NFC'));
}

/** Length as a template counts it: characters as a person counts them. */
function lengthOf(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : characters(text).length;
}

/** Letters of the Latin script (accented ones too), combining accents, space, hyphen and apostrophe. */
const NAME_CHARACTER = /[\p{Script=Latin}\p{Mn} '-]/u;

/** A name of unaccented letters, spaces, hyphens and apostrophes only: nothing to look at character by character. */
const PLAIN_NAME = /^[A-Za-z '-]*$/;

interface Collector {
  problems: RegistrationProblem[];
  notes: RegistrationNote[];
}

function checkName(out: Collector, field: 'firstName' | 'lastName', value: string, cell: string | undefined): void {
  const label = FIELD_NAMES[field];
  const length = lengthOf(value);
  const limit = FIELD_LIMITS[field];
  if (length > limit) {
    out.problems.push({
      code: 'field-too-long',
      severity: 'error',
      field,
      cell,
      message: `${label} '${value}'${where(cell)} is ${length} characters; the registration template takes at most ${limit}: shorten it as the learner's record has it`,
    });
  }
  const strange = PLAIN_NAME.test(value)
    ? []
    : [...new Set(characters(value).filter((ch) => [...ch].some((c) => !NAME_CHARACTER.test(c))))];
  if (strange.length > 0) {
    out.problems.push({
      code: 'bad-characters',
      severity: 'error',
      field,
      cell,
      message: `${label} '${value}'${where(cell)} has characters a registration template cannot carry: ${strange.map((ch) => `'${ch}'`).join(', ')}. Correct the name in the sheet (letters, spaces, hyphens and apostrophes only)`,
    });
  } else if (!/^[\p{L}]/u.test(value) || /[ '-]$/.test(value)) {
    out.problems.push({
      code: 'bad-characters',
      severity: 'error',
      field,
      cell,
      message: `${label} '${value}'${where(cell)} should start and end with a letter: correct the name in the sheet`,
    });
  }
}

/** First and last name from the sheet, or from a full name when it splits one way only. */
function names(record: LearnerRecord, out: Collector): { firstName?: string; lastName?: string } {
  const first = clean(record.firstName);
  const last = clean(record.lastName);
  const full = clean(record.fullName);
  if (first !== undefined && last !== undefined) return { firstName: first, lastName: last };
  const nameCell = record.cells.name;
  const missingName = (field: 'firstName' | 'lastName', cell: string | undefined, message: string) =>
    out.problems.push({ code: 'missing-name', severity: 'error', field, cell, message });
  if (first === undefined && last === undefined && full !== undefined) {
    const comma = /^([^,]+),([^,]+)$/.exec(full);
    const words = full.split(' ');
    const split = comma
      ? { firstName: comma[2].trim(), lastName: comma[1].trim() }
      : words.length === 2
        ? { firstName: words[0], lastName: words[1] }
        : null;
    if (split !== null && split.firstName !== '' && split.lastName !== '') {
      out.notes.push({
        cell: nameCell,
        message: `name '${full}' exported as first name '${split.firstName}', last name '${split.lastName}'`,
      });
      return split;
    }
    missingName(
      'lastName',
      nameCell,
      `name '${full}'${where(nameCell)} does not split into first and last name one way only: give first and last name in their own columns, or write it 'Last name, First names'`,
    );
    return {};
  }
  if (first === undefined) {
    const cell = record.cells.firstName ?? nameCell;
    missingName('firstName', cell, `no first name${where(cell)}: the registration template needs one`);
  }
  if (last === undefined) {
    const cell = record.cells.lastName ?? nameCell;
    missingName('lastName', cell, `no last name${where(cell)}: the registration template needs one`);
  }
  return { firstName: first, lastName: last };
}

function readSex(record: LearnerRecord, out: Collector): 'M' | 'F' | undefined {
  const text = clean(record.sex);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (lower === 'm' || lower === 'male') return 'M';
  if (lower === 'f' || lower === 'female') return 'F';
  const cell = record.cells.sex;
  out.problems.push({
    code: 'bad-sex',
    severity: 'error',
    field: 'sex',
    cell,
    message: `Sex '${text}'${where(cell)}: the registration template takes M or F; correct it, or leave it blank`,
  });
  return undefined;
}

function readDateOfBirth(record: LearnerRecord, date: string, out: Collector): string | undefined {
  const cell = record.cells.dateOfBirth;
  const reading = readDate(record.dateOfBirth, { referenceYear: Number(date.slice(0, 4)) });
  const problem = (message: string): undefined => {
    out.problems.push({ code: 'bad-date', severity: 'error', field: 'dateOfBirth', cell, message });
    return undefined;
  };
  if (reading.problem) return problem(`Date of birth${where(cell)}: ${reading.problem.message}`);
  if (reading.date === undefined)
    return problem(`no date of birth${where(cell)}: the registration template needs one, as dd/mm/yyyy`);
  if (reading.note) out.notes.push({ cell, message: reading.note });
  if (reading.date > date) {
    return problem(
      `Date of birth ${formatUkDate(reading.date)}${where(cell)} is after the registration date ${formatUkDate(date)}: correct it`,
    );
  }
  const age = ageOn(reading.date, date);
  if (age > MAX_AGE) {
    return problem(
      `Date of birth ${formatUkDate(reading.date)}${where(cell)} makes the learner ${age} on ${formatUkDate(date)}: check the year`,
    );
  }
  return reading.date;
}

function checkQualification(
  q: QualificationDefinition,
  dateOfBirth: string | undefined,
  date: string,
  record: LearnerRecord,
  out: Collector,
): void {
  const cell = record.cells.qualification;
  const { from, to } = q.operational ?? {};
  if (from !== undefined && date < from) {
    out.problems.push({
      code: 'qualification-closed',
      severity: 'error',
      field: 'qualification',
      cell,
      message: `${q.id} opens for registration on ${formatUkDate(from)}; the registration date is ${formatUkDate(date)}`,
    });
  }
  if (to !== undefined && date > to) {
    out.problems.push({
      code: 'qualification-closed',
      severity: 'error',
      field: 'qualification',
      cell,
      message: `${q.id} was open for registration until ${formatUkDate(to)} (that day included); the registration date ${formatUkDate(date)} is after it. Tracking the learner's units still works`,
    });
  }
  if (q.minAge !== undefined && dateOfBirth !== undefined) {
    const age = ageOn(dateOfBirth, date);
    if (age < q.minAge) {
      const dobCell = record.cells.dateOfBirth;
      out.problems.push({
        code: 'under-min-age',
        severity: 'error',
        field: 'dateOfBirth',
        cell: dobCell,
        message: `the learner is ${age} on ${formatUkDate(date)}${where(dobCell)}; ${q.id} needs ${q.minAge}: register on or after ${formatUkDate(dateOfAge(dateOfBirth, q.minAge))}`,
      });
    }
  }
}

function checkOne(record: LearnerRecord, options: RegistrationOptions): RegistrationResult {
  const out: Collector = { problems: [], notes: [] };
  const centreRef = record.learnerId.trim();
  const refCell = record.cells.learnerId;
  if (lengthOf(centreRef) > FIELD_LIMITS.centreRef) {
    out.problems.push({
      code: 'field-too-long',
      severity: 'error',
      field: 'centreRef',
      cell: refCell,
      message: `${FIELD_NAMES.centreRef} '${centreRef}'${where(refCell)} is ${lengthOf(centreRef)} characters; the registration template takes at most ${FIELD_LIMITS.centreRef}`,
    });
  }
  if (looksLikeFormula(centreRef)) {
    out.problems.push({
      code: 'bad-characters',
      severity: 'error',
      field: 'centreRef',
      cell: refCell,
      message: `${FIELD_NAMES.centreRef} '${centreRef}'${where(refCell)} starts with '${centreRef[0]}', which Excel reads as a formula in a CSV file: change the reference`,
    });
  }

  const ulnCell = record.cells.uln;
  const uln = readUln(record.uln);
  if (uln.problem)
    out.problems.push({
      code: uln.problem.code,
      severity: 'error',
      field: 'uln',
      cell: ulnCell,
      message: `ULN${where(ulnCell)}: ${uln.problem.message}`,
    });
  if (uln.note) out.notes.push({ cell: ulnCell, message: uln.note });

  const { firstName, lastName } = names(record, out);
  const nameCell = record.cells.name;
  if (firstName !== undefined) checkName(out, 'firstName', firstName, record.cells.firstName ?? nameCell);
  if (lastName !== undefined) checkName(out, 'lastName', lastName, record.cells.lastName ?? nameCell);

  const dateOfBirth = readDateOfBirth(record, options.date, out);
  const sex = readSex(record, out);

  const q = record.qualification;
  if (q === null) {
    const cell = record.cells.qualification;
    const fromReader = record.problems.find(
      (p) => p.code === 'unknown-qualification' || p.code === 'missing-qualification',
    );
    out.problems.push({
      code: fromReader?.code === 'missing-qualification' ? 'missing-qualification' : 'unknown-qualification',
      severity: 'error',
      field: 'qualification',
      cell: fromReader?.cell ?? cell,
      message:
        (fromReader && readingMessage(fromReader)) ??
        `qualification '${record.qualificationText ?? ''}'${where(cell)} is not one the checker knows: choose one from the catalogue`,
    });
  } else {
    checkQualification(q, dateOfBirth, options.date, record, out);
    const route = options.unitCheck?.(record);
    if (route && !route.ok) {
      out.problems.push({
        code: route.code ?? 'invalid-route',
        severity: 'error',
        field: 'units',
        cell: route.cell,
        message: `the units chosen are not a valid route to ${q.id}: ${route.reason ?? 'see the rule check'}`,
      });
    }
  }

  return {
    row: record.row,
    learnerId: record.learnerId,
    ready: false,
    problems: out.problems,
    notes: out.notes,
    learner: { centreRef, uln: uln.uln, firstName, lastName, dateOfBirth, sex, qualification: q?.id },
  };
}

/**
 * Checks each learner against what an awarding body's bulk registration would reject. A learner is ready when no
 * problem is an error; warnings (a possible duplicate) are for a person to look at and do not hold a learner back.
 */
export function checkRegistration(records: LearnerRecord[], options: RegistrationOptions): RegistrationResult[] {
  return finishRegistration(records, checkEachLearner(records, options));
}

/**
 * The part of the check that looks at one learner at a time, for `records` (a slice of the cohort, so a caller can
 * spread a large cohort over several turns of the event loop); `finishRegistration` then compares the learners.
 */
export function checkEachLearner(
  records: readonly LearnerRecord[],
  options: RegistrationOptions,
): RegistrationResult[] {
  if (!isIsoDate(options.date))
    throw new Error(`The registration date '${options.date}' is not a date in YYYY-MM-DD form`);
  return records.map((record) => checkOne(record, options));
}
