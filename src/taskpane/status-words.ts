// The pane's words for statuses, rule outcomes, registration reasons and counts, the same on every tab: the Check
// summary, the What-if verdict and rules, Registration's reasons and the messages after Apply all say them alike.
import type { RegistrationProblemCode } from '../registration';
import type { RuleNote, RuleOutcome, Status } from '../rules/model';
import { noteWords, type NoteVocabulary } from '../rules/catalogue';
import { STATUSES, statusWord } from '../cohort/verdict';
import { readingMessage, type ReadingVocabulary } from '../cohort/read';
import type { ReadWarning } from '../sheet';

/** A status as a chip shows it: the word of the result column and every other surface (cohort/verdict/results.ts). */
export const STATUS_LABEL: Record<Status, string> = Object.fromEntries(
  STATUSES.map((status) => [status, statusWord(status)]),
) as Record<Status, string>;

/** What a status means, after its label. */
export const STATUS_MEANING: Record<Status, string> = {
  achieved: 'every rule met by achieved units',
  'on-track': 'the planned units complete it',
  incomplete: 'more units needed',
  'needs-data': 'unit data missing, or the sheet to correct',
  invalid: 'a choice the rules forbid',
};

/** A status with its meaning: "on-track: the planned units complete it". */
export const STATUS_WORDS: Record<Status, string> = Object.fromEntries(
  (Object.keys(STATUS_LABEL) as Status[]).map((status) => [
    status,
    `${STATUS_LABEL[status]}: ${STATUS_MEANING[status]}`,
  ]),
) as Record<Status, string>;

/** A status inside a sentence that has a colon of its own: "invalid (a choice the rules forbid)". */
export function statusPhrase(status: Status): string {
  return `${STATUS_LABEL[status]} (${STATUS_MEANING[status]})`;
}

/** A rule's outcome. `met` with planned units only is "Met once planned": "Met" is kept for a rule met by achieved units. */
export function outcomeWords(outcome: RuleOutcome, achievedOutcome?: RuleOutcome): string {
  if (outcome === 'met') return achievedOutcome === undefined || achievedOutcome === 'met' ? 'Met' : 'Planned';
  return outcome === 'unmet' ? 'Not met' : 'Unknown';
}

const REASON_LABEL: Partial<Record<RegistrationProblemCode, string>> = {
  'qualification-closed': 'registration closed',
  'under-min-age': 'too young',
  'duplicate-uln': 'ULN used twice',
  'duplicate-learner-ref': 'reference used twice',
  'possible-duplicate': 'same learner twice?',
  'missing-name': 'name missing',
  'bad-sex': 'sex not M or F',
  'bad-characters': 'characters',
  'invalid-route': 'units',
  'invalid-uln': 'ULN not valid',
  'placeholder-uln': 'placeholder ULN',
  'field-too-long': 'too long',
  'bad-date': 'date',
  'unknown-qualification': 'qualification unknown',
  'missing-qualification': 'qualification missing',
  'barred-combination': 'barred units',
  'over-maximum': 'too many units',
  'unit-not-in-qualification': 'unit not in qualification',
  'unknown-unit': 'unknown unit',
  'duplicate-unit': 'unit twice',
};

/** A registration reason's code as a chip says it ("qualification-closed" is "registration closed"). */
export function reasonLabel(code: RegistrationProblemCode): string {
  return REASON_LABEL[code] ?? code.replace(/-/g, ' ');
}

// One formatter for every count: `toLocaleString` makes a new one per call, which tells over thousands of rows.
const FIGURE = new Intl.NumberFormat('en-GB');

/** A whole number as the pane writes every count: 20,000. */
export function figure(n: number): string {
  return FIGURE.format(n);
}

/** A count and its noun, singular or plural: "1 learner", "20,000 learners". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${figure(n)} ${n === 1 ? noun : plural}`;
}

/** The reader's words where the pane names its own controls: what the marks mean is a setting under Settings. */
export const PANE_WORDS: ReadingVocabulary = {
  addMark: (text) => `add "${text}" to “What the marks mean” under Settings, at the foot of the Check tab`,
};

/** A reading problem as the pane says it. */
export function readingProblemWords(warning: Pick<ReadWarning, 'cell' | 'problem'>): string {
  return readingMessage(warning, PANE_WORDS);
}

/** How the pane says a level rule can be read as "or above": a column of the rules sheet, not a rules file's field. */
export const PANE_NOTE_WORDS: NoteVocabulary = {
  orAbove: 'say yes in the rule’s “At or above” column of the rules sheet (Rules tab)',
};

/** A rule's note where the pane names its own controls; a centre's own note as they wrote it. */
export function paneNoteWords(note: RuleNote): string {
  return noteWords(note, PANE_NOTE_WORDS);
}
