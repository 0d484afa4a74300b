// The awarding body's bulk registration template, as columns: the file and the sheet qualcheck writes share them. Kept
// apart from the CSV writer so the pane's first view, which only needs to recognise an exported sheet, loads no CSV
// library.
/**
 * The template's columns, in order:
 * - Centre learner ref: the learner id from the cohort sheet, at most 10 characters.
 * - ULN: 10 digits, or empty (the awarding body issues one).
 * - First name (at most 20 characters) and Last name (at most 30), as typed in the sheet, trimmed.
 * - Date of birth: dd/mm/yyyy.
 * - Sex: M, F, or empty.
 * - Qualification number: the Ofqual number (`600/5106/1`) or the awarding body's code where that is all there is.
 */
export const REGISTRATION_COLUMNS = [
  'Centre learner ref',
  'ULN',
  'First name',
  'Last name',
  'Date of birth',
  'Sex',
  'Qualification number',
] as const;
