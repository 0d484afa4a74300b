// What a reading of the sheet found, in words. A sheet the pane cannot check (a budget, a blank sheet) is said in one
// sentence, with what the pane looked for, instead of a panel of empty facts ("Learners 0", "Header row not found"):
// the Check and What-if tabs both give it as the reason their actions are off.
import type { SheetInspection } from '../../excel/active-sheet';
import { refusalWords } from '../../excel/sheet-refusal';
import { counted } from '../status-words';

const LOOKED_FOR =
  'a header row with learner columns (Learner ID, Name, ULN, Qualification) and a column per unit or a Units column';

/** Why the sheet read holds no learner to check, or null when it holds some. */
export function notACohort(inspection: SheetInspection): string | null {
  const { read, reading } = inspection;
  if (inspection.refusal) return refusalWords(read.sheetName, inspection.refusal);
  if (reading.learners.length > 0) return null;
  const sheet = `Sheet “${read.sheetName}”`;
  if (reading.headerRow > 0)
    return `${sheet} has its header row in row ${reading.headerRow} but no learner in the rows below it.`;
  const warning = reading.warnings.find((w) => w.code === 'no-header');
  const searched = warning && /^No header row found in ([A-Z]+\d+(?::[A-Z]+\d+)?)\./.exec(warning.message);
  if (searched) return `${sheet} is not a cohort of learners: the pane looked in ${searched[1]} for ${LOOKED_FOR}.`;
  const nearMiss =
    warning && /^(Row \d+ names learner columns \([^)]*\) but no column names a unit[^.]*)\./.exec(warning.message);
  if (nearMiss) return `${sheet} is not a cohort of learners: ${nearMiss[1].replace(/^Row/, 'row')}.`;
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
