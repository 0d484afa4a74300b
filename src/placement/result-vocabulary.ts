// Whether a cell under a "qualcheck: ..." header holds something qualcheck would have written there, for a workbook
// whose ownership record is gone (a program that does not keep custom XML parts saved it: openpyxl, pandas, and
// the scripts built on them). Without the record the cell's history is unknown, so only its shape can speak: a
// number in a credits column, a status word in the status column, words built from the result columns' own
// vocabulary (unit references, cell references, credits, the next step's fixed phrases) in a words column, or what
// this check writes for the row now. Anything else — a person's words, a date, a formula, a number in a words
// column — is the person's.
import { isBlank } from '../sheet';
import { NOT_COUNTED_HEADER, RESULT_HEADERS, STATUSES } from '../cohort/verdict';
import type { QualificationDefinition } from '../rules/model';
import type { CellInput, CellValue, CohortReading } from '../sheet';

/** What the shapes are judged against: the sheet's units, as the result columns name them. */
export interface ResultWords {
  /** Unit references and unit column headers of the sheet (and of its learners' qualifications). */
  units: ReadonlySet<string>;
}

export function resultWordsOf(reading: CohortReading): ResultWords {
  const units = new Set<string>();
  for (const column of reading.unitColumns) {
    units.add(column.header.trim());
    for (const ref of column.refs) units.add(ref);
  }
  // Learners share a few qualifications: each one's units are added once, not once per learner (50,000 x 100 adds).
  const seen = new Set<QualificationDefinition>();
  for (const { qualification } of reading.learners) {
    if (!qualification || seen.has(qualification)) continue;
    seen.add(qualification);
    for (const u of qualification.units) units.add(u.ref);
  }
  return { units };
}

/** The next step's fixed advice (src/cohort/verdict/next-step.ts), whole or as the start of a longer step. */
const NEXT_STEP_WORDS = [
  'claim the certificate',
  'complete the planned units',
  'correct the unit choice',
  'supply the missing unit data',
  'plan more units',
  'every rule is met',
  'every rule may be met',
  'fix the mark:',
  'correct the sheet:',
  'no plan exists:',
  'add ',
];

/** A unit reference as Ofqual writes one (`T/503/0342`), a cell as results name one, or a credit figure. */
const RESULT_MARKS = [
  /\b[A-Z]\/\d{3}\/\d{4}\b/,
  /\b[Cc]ells? [A-Z]{1,3}\d+\b/,
  /\brow \d+\b/,
  /\b\d+ (?:of \d+ )?credits?\b/,
  /\(\d+ cr\)/,
  /\bfrom your rules (?:sheet|file)\b/,
];

function mentionsUnit(piece: string, words: ResultWords): boolean {
  for (const unit of words.units) if (unit.length >= 2 && piece.includes(unit)) return true;
  return false;
}

/** One sentence of a violations, next-step or centre-values cell: does it speak qualcheck's words? */
function resultSentence(piece: string, words: ResultWords): boolean {
  const text = piece.trim();
  if (text === '') return true;
  const lower = text.toLowerCase();
  if (NEXT_STEP_WORDS.some((w) => lower.startsWith(w))) return true;
  return RESULT_MARKS.some((m) => m.test(text)) || mentionsUnit(text, words);
}

function sameAsNow(value: CellValue, now: CellInput | undefined): boolean {
  if (now === undefined || now === null) return false;
  const shown = typeof now === 'string' && now.startsWith("'") ? now.slice(1) : now;
  if (typeof value === 'number' || typeof value === 'string') return String(value).trim() === String(shown).trim();
  return false;
}

/**
 * Whether `value`, found under result header `header` with no record of what qualcheck wrote, is something qualcheck
 * would write there; `now` is what this check writes in that cell. Empty cells are nobody's, so they count as yes.
 */
export function heldAsQualcheckWrites(
  header: string,
  value: CellValue,
  now: CellInput | undefined,
  words: ResultWords,
): boolean {
  if (isBlank(value)) return true;
  if (sameAsNow(value, now)) return true;
  // A formula (read as its text by CellsAround), a date, an error or a boolean is never a result qualcheck writes.
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  if (typeof value === 'string' && value.trimStart().startsWith('=')) return false;
  const kind = header.trim().toLowerCase();
  const text = String(value).trim();
  switch (kind) {
    case RESULT_HEADERS[0]:
    case RESULT_HEADERS[1]:
      return typeof value === 'number' ? Number.isInteger(value) && value >= 0 : /^\d+$/.test(text);
    case RESULT_HEADERS[2]:
      return typeof value === 'string' && /^\d+(?: known)? \D.*\blevel\b/i.test(text);
    case RESULT_HEADERS[3]:
      return typeof value === 'string' && (STATUSES as readonly string[]).includes(text);
    case RESULT_HEADERS[4]:
    case RESULT_HEADERS[5]:
    case RESULT_HEADERS[6]:
      return typeof value === 'string' && text.split(/;\s*/).every((piece) => resultSentence(piece, words));
    case NOT_COUNTED_HEADER:
      return typeof value === 'string' && text.split(/,\s*/).every((piece) => words.units.has(piece.trim()));
    default:
      return false;
  }
}
