// Reading problems in words. The sentences are the same on every surface; a surface changes only how it names its
// own controls (where a centre says what its marks mean: a --marks file on the command line, a setting in the pane),
// through its vocabulary, so nothing parses a sentence back to reword it.
import type { HeadingAt, KnownMarks, ReadingProblem, ReadWarning } from '../../sheet';

/** How a surface names what the sentences refer to. */
export interface ReadingVocabulary {
  /** Where a centre adds a spelling to the marks, after `or`: `add "Done" to what the marks mean`. */
  addMark(text: string): string;
}

/** The words of the results column, the JSON and every surface without controls of its own to name. */
export const SHEET_WORDS: ReadingVocabulary = {
  addMark: (text) => `add "${text}" to what the marks mean`,
};

const NEEDS =
  'A header row needs learner columns (Learner ID, Name, ULN, Qualification) and either one column per unit, headed by the ' +
  "unit reference (L/601/0933), unit number (Unit 4) or unit title, or a Units column listing each learner's units.";

/** The start of the sentence a reading gives if the reader's own code fails. */
export const READER_FAILURE = 'The sheet could not be read';

/** The words of each state, to tell the user what a unit cell may hold. */
export function marksWords(marks: KnownMarks): string {
  const shown = (words: readonly string[]) =>
    words
      .filter((w) => w.trim() !== '')
      .slice(0, 4)
      .join(', ');
  return `${shown(marks.achieved)}${marks.datesMeanAchieved ? ' or a date' : ''} for achieved, ${shown(marks.planned)} for planned, blank or ${shown(marks.notTaken)} for not taken`;
}

function heading(h: HeadingAt): string {
  return `${h.cell} "${h.text}"`;
}

function catalogueWords(ids: readonly string[]): string {
  return ids.length > 0 ? ids.join(', ') : 'it is empty';
}

/** The rows a warning names, at the start of a sentence: `Row 40`, `Rows 40, 41 and 42`. */
function rowsWords(rows: readonly number[]): string {
  return rows.length === 1 ? `Row ${rows[0]}` : `Rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
}

/** Why a row that names learner columns is not a header, after `Row 3 `: `names learner columns (...) but ...`. */
export function headerWithoutUnitsWords(problem: { fields: string[]; unknown: HeadingAt[] }): string {
  const unknown = problem.unknown.map(heading);
  const named =
    unknown.length > 0
      ? ` (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''} name no known unit: check the references, or add the qualification's definition)`
      : '';
  return `names learner columns (${problem.fields.join(', ')}) but no column names a unit of a qualification in the catalogue${named}`;
}

/** The part of the sentence that depends on the problem alone (`cell` is where the reader found it). */
export function readingWords(cell: string, problem: ReadingProblem, words: ReadingVocabulary = SHEET_WORDS): string {
  switch (problem.kind) {
    case 'reader-failure':
      return `${READER_FAILURE} (${problem.reason}). Copy the cohort to a new sheet and try again.`;
    case 'several-tables':
      return `This range holds ${problem.others.length + 1} tables: ${problem.table.name} (${problem.table.range}) is read. To check ${problem.others.map((t) => `${t.name} (${t.range})`).join(', ')}, select that table and check again.`;
    case 'header-without-units':
      return `Row ${problem.row} ${headerWithoutUnitsWords(problem)}. ${NEEDS}`;
    case 'no-header':
      return `No header row found in ${problem.searched}. ${NEEDS}`;
    case 'unknown-unit-header':
      return `Header ${heading(problem.header)} names no unit of the qualifications in the catalogue, so its column is not read. Check the unit reference or number, or add the qualification's definition.`;
    case 'list-beside-unit-columns':
      return `${heading(problem.header)} lists units, but the sheet also has a column per unit, which is what is read. Remove one of the two, so a learner's units are written once.`;
    case 'no-learner-id-column':
      return `The header in row ${problem.row} has no Learner ID column (or Centre ref, Candidate no), so learners are named by their row. Add a Learner ID column to name them.`;
    case 'header-repeated':
      return `Row ${problem.row} repeats the header (${heading(problem.heading)}), as when two exports are pasted one under the other: it is skipped, and the learners under it are read with the columns of row ${problem.headerRow}.`;
    case 'second-cohort-header':
      return `Row ${problem.row} is the header of a second cohort with other columns (${heading(problem.heading)}), so it and the rows under it are not read. Select it on its own to check it.`;
    case 'second-cohort-heading':
      return `${problem.heading.cell} repeats the heading "${problem.heading.text}" after a blank column: a second cohort seems to start here and is not read. Select it on its own to check it.`;
    case 'field-column-twice':
      return `${heading(problem.heading)} is a second ${problem.field} column: only ${problem.first} is read. Rename or remove one of them.`;
    case 'merged-header':
      return `Header cells ${problem.range} are merged, so only the first of their columns has a heading. Unmerge them and give each column its own heading.`;
    case 'merged-cells':
      return `Cells ${problem.range} are merged, so only ${problem.first} holds a value and the others read as blank. Unmerge them and fill in each row (columns ${problem.fromColumn} to ${problem.toColumn}).`;
    case 'totals-row':
      return `Row ${problem.row} is a totals row (${heading(problem.total)}), not a learner, so it is not read. If it is a learner, put their id in ${problem.total.cell}.`;
    case 'trailing-notes': {
      const one = problem.rows.length === 1;
      return `${rowsWords(problem.rows)} after the last learner ${one ? 'holds' : 'hold'} notes or totals, not a learner (no unit marked and no qualification, or a total), so ${one ? 'it is' : 'they are'} not read and no results are written beside ${one ? 'it' : 'them'}.`;
    }
    case 'chosen-qualification-unknown':
      return `The chosen qualification "${problem.chosen}" is not in the catalogue (${catalogueWords(problem.catalogue)}). Choose one of these, or add its definition.`;
    case 'one-qualification-assumed':
      return `The sheet has no Qualification column and none was chosen; every unit column belongs to ${problem.id} (${problem.title}), so learners are checked against it. Add a Qualification column or choose the qualification to be sure.`;
    case 'unit-column-twice':
      return `Headers ${heading(problem.first)} and ${heading(problem.second)} both name unit ${problem.unit}. A learner marked in both is reported; remove one of the columns.`;
    case 'header-fits-several':
      return `Header ${heading(problem.header)} fits ${problem.units.length} units of ${problem.qualification} (${problem.units.join(', ')}), so its marks cannot be read for ${problem.qualification} learners. Head the column with the unit reference.`;
    case 'field-formula-error':
      return `Cell ${cell} (${problem.field}) holds the error ${problem.error} from its formula. Fix the formula or type the value.`;
    case 'mark-formula-error':
      return `Cell ${cell} holds the error ${problem.error} from its formula, so unit ${problem.unit} is read as not taken. Fix the formula or type the mark.`;
    case 'list-formula-error':
      return `Cell ${cell} holds the error ${problem.error} from its formula, so its units are not read. Fix the formula or type the units.`;
    case 'no-learner-id':
      return `Row ${problem.row}${problem.named ? ` (${problem.named})` : ''} has no learner id in ${cell}. Fill it in; until then the learner is shown as "row ${problem.row}".`;
    case 'no-learner-id-or-name':
      return `Row ${problem.row} has neither a learner id nor a name. Add them, or clear the row if it is not a learner.`;
    case 'qualification-title-shared':
      return `Cell ${cell} names the qualification "${problem.written}", a title ${problem.sharing.join(' and ')} share, so the learner could be checked against the wrong rules. Write the qualification number instead.`;
    case 'qualification-unknown':
      return `Cell ${cell} names the qualification "${problem.written}", which is not in the catalogue (${catalogueWords(problem.catalogue)}). Write its qualification number (such as 600/5106/1), or add its definition.`;
    case 'chosen-qualification-not-in-catalogue':
      return `Row ${problem.row} is checked against the chosen qualification "${problem.chosen}", which is not in the catalogue. Choose a qualification the catalogue holds.`;
    case 'qualification-blank':
      return `Cell ${cell} is blank, so row ${problem.row} has no qualification. Fill in its qualification number, or choose a qualification for the sheet.`;
    case 'no-qualification-column':
      return `Row ${problem.row} has no qualification: the sheet has no Qualification column. Add one, or choose the qualification for the sheet.`;
    case 'unit-not-in-qualification':
      return problem.how === 'marked'
        ? `Cell ${cell} marks unit ${problem.unit}, which is not part of ${problem.qualification} (the learner's qualification). Clear the mark, or correct the learner's qualification.`
        : `Cell ${cell} lists unit ${problem.unit}, which is not part of ${problem.qualification} (the learner's qualification). Remove it, or correct the learner's qualification.`;
    case 'marked-under-ambiguous-header':
      return `Cell ${cell} is marked, but its header ${heading(problem.header)} fits ${problem.units.length} units of ${problem.qualification} (${problem.units.join(', ')}), so the mark is not counted. Head the column with the unit reference.`;
    case 'marked-under-unknown-header':
      return `Cell ${cell} is marked ${problem.state} under header ${heading(problem.header)}, which names no unit of the qualifications in the catalogue, so the mark is not counted. Correct the header to the unit reference, or add the qualification's definition.`;
    case 'listed-unit-unknown':
      return `Cell ${cell} lists "${problem.text}", which is not a unit of any qualification in the catalogue. Check the unit reference (such as L/601/0933) or number.`;
    case 'listed-unit-ambiguous':
      return `Cell ${cell} lists "${problem.text}", which fits ${problem.units.length} units of ${problem.qualification} (${problem.units.join(', ')}). Write the unit reference instead.`;
    case 'unit-twice':
      return problem.how === 'marked'
        ? `Unit ${problem.unit} is marked twice for ${problem.learner}, in ${problem.first} and ${problem.second}. Keep one mark and clear the other.`
        : `Unit ${problem.unit} is listed twice for ${problem.learner} (${problem.first === problem.second ? problem.second : `${problem.first} and ${problem.second}`}). List it once.`;
    case 'unrecognised-mark':
      return `Cell ${cell} holds "${problem.text}", which is not a mark the reader knows, so unit ${problem.unit} is read as not taken. Use ${marksWords(problem.marks)}, or ${words.addMark(problem.text)}.`;
  }
}

/** A reading problem in a surface's words: the sentence a list of warnings or a learner's problems shows. */
export function readingMessage(warning: Pick<ReadWarning, 'cell' | 'problem'>, words?: ReadingVocabulary): string {
  return readingWords(warning.cell, warning.problem, words);
}
