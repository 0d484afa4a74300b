// What the Qualification data tab says about the rules sheet: which values come from the centre, and what an edit did.
import assert from 'node:assert/strict';
import { readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import type { Grid } from '../src/sheet/types';
import { OCR_10266 } from '../src/rules/catalogue/ocr-10266';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { centreValues } from '../src/taskpane/rules/centre-values';
import { editSentence } from '../src/taskpane/rules/useWorkbookRules';

/** The rules sheet for 10266 with unit `index`'s credits typed in. */
function sheetWithCredits(index: number, credits: number): Grid {
  const layout = rulesSheetGrid([OCR_10266]);
  const values = layout.values.map((row) => row.slice());
  const header = values.findIndex((row) => row[0] === 'Unit ref');
  values[header + 1 + index][values[header].indexOf('Credits')] = credits;
  return { values, top: 1, left: 1 };
}

describe('the Qualification data tab', () => {
  it('lists only the values a centre typed, each unit with the facts and where they came from', () => {
    const { definitions, errors } = readRulesSheet(sheetWithCredits(3, 4), {
      base: embeddedCatalogue().qualifications,
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(centreValues(definitions), [
      { qualificationId: '10266', lines: [`${OCR_10266.units[3].ref} (Unit 4): credits from your rules sheet`] },
    ]);
    assert.deepEqual(
      centreValues(embeddedCatalogue().qualifications),
      [],
      'the built-in catalogue has no centre values',
    );
  });

  it('says what an edit wrote, and that a block already on the sheet was left as it was', () => {
    assert.equal(
      editSentence({
        sheetName: 'Qualification rules',
        created: true,
        added: ['10266', '10267'],
        kept: [],
        startCell: 'E20',
      }),
      "Wrote 10266 and 10267 on a new sheet “Qualification rules”. Fill in the highlighted empty cells from the awarding body's unit handbook, then check the cohort again.",
    );
    const fromFile = editSentence(
      { sheetName: 'Qualification rules', created: false, added: [], kept: ['10266'], startCell: 'A1' },
      'centre.json',
    );
    assert.equal(
      fromFile,
      "10266 is already on the sheet and was left exactly as it is. Delete its block first to take the file's version.",
    );
    assert.equal(
      editSentence({ sheetName: 'Qualification rules', created: false, added: [], kept: [], startCell: 'A1' }),
      'Showing sheet “Qualification rules”.',
    );
  });
});
