// Edits of the rules sheet reach the pane as they happen (src/excel/rules-sheet-edits.ts, worksheet.onChanged of
// ExcelApi 1.7 on the strict fake host), and drop the reading the pane keeps for What-if (src/taskpane/last-reading.ts):
// What-if opened after a check then reads the sheet again and uses the rule as typed, instead of the check's rules.
// qualcheck's own writes on the cohort's sheet (the check's results) do not count; a rules sheet added later is heard.
import assert from 'node:assert/strict';
import { inspectSheet, type SheetInspection } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { learnerRowStaleness } from '../src/excel/reading-confirm';
import { editRulesSheet } from '../src/excel/rules-sheet';
import { followRulesSheetEdits } from '../src/excel/rules-sheet-edits';
import { LastReading, readingKey } from '../src/taskpane/last-reading';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';
import { catalogueWithExample, exampleGrid, settingsFor } from './whatif-fixtures';

/** Lets the host's event deliveries and the adapter's reads after them run. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The cell of a unit's value in the rules sheet's units table (`label`: the column, as the sheet heads it). */
function unitCell(sheet: FakeSheet, ref: string, label: string): string {
  const header = sheet.cells.findIndex((row) => row?.[0] === 'Unit ref');
  const column = sheet.cells[header].indexOf(label);
  const row = sheet.cells.findIndex((cells, r) => r > header && cells?.[0] === ref);
  assert.ok(header >= 0 && column >= 0 && row > header, `${ref}'s ${label} on the rules sheet`);
  return `${String.fromCharCode(65 + column)}${row + 1}`;
}

/** The centre types EX-U5's credits into the rules sheet, in Excel, and the event reaches the pane. */
async function typeCredits(fake: FakeExcel, credits: number): Promise<void> {
  const rules = fake.book.sheet('Qualification rules')!;
  fake.book.typeInto('Qualification rules', unitCell(rules, 'EX-U5', 'Credits'), [[credits]]);
  await settled();
}

function creditsOf(inspection: SheetInspection, ref: string): number | null | undefined {
  const catalogue = inspection.rulesSheet?.use.catalogue;
  return catalogue?.qualifications.find((q) => q.id === 'EX/0001/1')?.units.find((u) => u.ref === ref)?.credits;
}

describe('edits of the rules sheet, heard by the pane (Office.js adapter, fake host with ExcelApi 1.7)', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  async function workbook(options: { rulesSheet: boolean; excelApi?: string }) {
    const { catalogue, example } = catalogueWithExample();
    const fake: FakeExcel = createFakeExcel(undefined, { excelApi: options.excelApi ?? '1.7' });
    restore = fake.installRequirements();
    fillSheet(fake.book.addSheet('Cohort'), exampleGrid());
    fake.book.activeSheet = 'Cohort';
    // The centre's rules sheet, as the Rules tab writes it: EX-U5's credits left unknown for the centre to fill in.
    if (options.rulesSheet) await editRulesSheet(fake.run, [example]);
    return { fake, catalogue, example };
  }

  it('tells of an edit typed into the rules sheet, and not of the check’s own writes nor of the cohort’s edits', async () => {
    const { fake, catalogue } = await workbook({ rulesSheet: true });
    let heard = 0;
    const stop = await followRulesSheetEdits(fake.run, () => heard++);
    assert.ok(stop, 'ExcelApi 1.7: edits can be heard');
    await checkSheet(fake.run, settingsFor(catalogue));
    fake.book.typeInto('Cohort', 'H3', [['P']]);
    await settled();
    assert.equal(heard, 0, 'the check wrote its results on the cohort’s sheet, and the user typed there');
    await typeCredits(fake, 4);
    assert.equal(heard, 1);
    stop();
    await typeCredits(fake, 5);
    assert.equal(heard, 1, 'a stopped listener is not told');
  });

  it('makes What-if opened after a check read the sheet again and use the rule typed since, not the check’s', async () => {
    const { fake, catalogue } = await workbook({ rulesSheet: true });
    const kept = new LastReading();
    const stop = await followRulesSheetEdits(fake.run, () => kept.rulesEdited());
    kept.hearsRulesEdits(stop !== null);
    const key = readingKey({});
    // The Check tab: the check's reading is kept for What-if.
    const mark = kept.mark();
    const checked = await checkSheet(fake.run, settingsFor(catalogue));
    kept.keep(key, { read: checked.read, reading: checked.reading, rulesSheet: checked.rulesSheet }, mark);
    assert.equal(creditsOf(kept.take(key)!, 'EX-U5'), null, 'the check read EX-U5’s credits as unknown');

    await typeCredits(fake, 4);

    // What-if opens on EX2 (row 3): the learner's row and the header are as the check read them, so only the event
    // can tell that the rules changed.
    const held = kept.take(key);
    assert.equal(held, null, 'the kept reading was dropped');
    assert.equal(await learnerRowStaleness(fake.run, checked, 3), null);
    const fresh = await inspectSheet(fake.run, settingsFor(catalogue));
    assert.equal(creditsOf(fresh, 'EX-U5'), 4, 'What-if reads the rule as typed');
  });

  it('hears a rules sheet added after the pane started listening, and edits on it from then on', async () => {
    const { fake, example } = await workbook({ rulesSheet: false });
    let heard = 0;
    assert.ok(await followRulesSheetEdits(fake.run, () => heard++));
    fake.book.userAddsSheet('Budget');
    await settled();
    assert.equal(heard, 0, 'a sheet of another name is not the rules sheet');
    await editRulesSheet(fake.run, [example]);
    await settled();
    assert.equal(heard, 1, 'the rules sheet was added');
    await typeCredits(fake, 4);
    assert.equal(heard, 2);
  });

  it('cannot hear before ExcelApi 1.7: says so, and a kept reading made with a rules sheet is not reused', async () => {
    const { fake, catalogue } = await workbook({ rulesSheet: true, excelApi: '1.6' });
    const stop = await followRulesSheetEdits(fake.run, () => assert.fail('no event on ExcelApi 1.6'));
    assert.equal(stop, null);
    const kept = new LastReading();
    kept.hearsRulesEdits(false);
    const checked = await checkSheet(fake.run, settingsFor(catalogue));
    assert.ok(checked.rulesSheet);
    kept.keep(readingKey({}), { ...checked, rulesSheet: checked.rulesSheet }, kept.mark());
    assert.equal(kept.take(readingKey({})), null);
    // Without a rules sheet the reading is reused: the confirmation sees a rules sheet appear (reading-confirm.ts).
    fake.book.userDeletesSheet('Qualification rules');
    const without = await inspectSheet(fake.run, settingsFor(catalogue));
    assert.equal(without.rulesSheet, undefined);
    kept.keep(readingKey({}), without, kept.mark());
    assert.equal(kept.take(readingKey({})), without);
  });
});
