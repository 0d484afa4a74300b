// What a reading of the sheet found, in words. A sheet the pane cannot check (a budget, a blank sheet) is said in one
// sentence, with what the pane looked for, instead of a panel of empty facts ("Learners 0", "Header row not found"):
// the Check and What-if tabs both give it as the reason their actions are off.
import { type SheetInspection, type Staleness, refusalWords } from '../../excel';
import { counted } from '../status-words';
import { headerWithoutUnitsWords } from '../../cohort/read';

const LOOKED_FOR =
  'a header row with learner columns (Learner ID, Name, ULN, Qualification) and a column per unit or a Units column';

/**
 * Why the sheet read holds no learner to check, or null when it holds some. `within`: the sentence follows words of
 * its own ("Check is off: sheet “Budget” is ..."), so it starts in lower case.
 */
export function notACohort(inspection: SheetInspection, within = false): string | null {
  const { read, reading } = inspection;
  if (inspection.refusal) return refusalWords(read.sheetName, inspection.refusal, within);
  if (reading.learners.length > 0) return null;
  const sheet = `${within ? 'sheet' : 'Sheet'} “${read.sheetName}”`;
  if (reading.headerRow > 0)
    return `${sheet} has its header row in row ${reading.headerRow} but no learner in the rows below it.`;
  const problem = reading.warnings.find((w) => w.code === 'no-header')?.problem;
  if (problem?.kind === 'no-header')
    return `${sheet} is not a cohort of learners: the pane looked in ${problem.searched} for ${LOOKED_FOR}.`;
  if (problem?.kind === 'header-without-units')
    return `${sheet} is not a cohort of learners: row ${problem.row} ${headerWithoutUnitsWords(problem)}.`;
  return `${sheet} is not a cohort of learners: the pane looked in ${read.source} for ${LOOKED_FOR}.`;
}

/** A reading the user asked for (Read the sheet again, a changed setting), as the live region says it. */
export function readingWords(inspection: SheetInspection): string {
  const { read, reading } = inspection;
  const warnings = reading.warnings.length;
  return (
    notACohort(inspection) ??
    `Read sheet “${read.sheetName}”: ${counted(reading.learners.length, 'learner')}${warnings > 0 ? `, ${counted(warnings, 'thing')} to look at` : ''}.`
  );
}

/** Why a reading held from another tab no longer describes the learner's row (reading-confirm.ts), in words. */
export function stalenessWords(staleness: NonNullable<Staleness>): string {
  switch (staleness.kind) {
    case 'no-columns':
      return 'the reading holds no columns';
    case 'other-sheet':
      return `sheet "${staleness.sheetName}" is the active one now`;
    case 'header-changed':
      return `the header changed (${staleness.cell})`;
    case 'row-changed':
      return `row ${staleness.row} changed (${staleness.cell})`;
    case 'rules-sheet-added':
      return `sheet “${staleness.sheetName}” now holds qualification data`;
    case 'rules-sheet-gone':
      return `sheet “${staleness.sheetName}” of qualification data is gone`;
  }
}
