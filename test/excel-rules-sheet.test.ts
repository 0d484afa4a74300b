// The "Qualification rules" sheet through the add-in's Excel adapter, on the fake host: written for a centre to fill
// in, read by every check, and added to without ever rewriting a block the centre already has.
import assert from 'node:assert/strict';
import path from 'node:path';
import { gridOfFile } from './support/sheet-grid';
import { rangeAddress } from '../src/sheet/address';
import { RULES_SHEET_NAME, rulesSheetGrid } from '../src/rules-sheet/write';
import type { Grid } from '../src/sheet/types';
import { inspectSheet, type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { CheckFailed } from '../src/excel/progress';
import { editRulesSheet, layoutFrom, UNKNOWN_STYLE, unknownFormula, workbookRules } from '../src/excel/rules-sheet';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { OCR_10266 } from '../src/rules/catalogue/ocr-10266';
import { EXAMPLE_UNIT_VALUES, OCR_SAMPLE_LEARNERS, OCR_SAMPLES } from '../scripts/make-ocr-sample';
import { createFakeExcel, parseAddress, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';

const catalogue = embeddedCatalogue();
const settings: CheckSettings = { catalogue, scope: 'sheet', place: 'beside' };

async function ocrCohort(): Promise<{ grid: Grid; sheetName: string }> {
  return gridOfFile(path.join(__dirname, '..', OCR_SAMPLES.cohort));
}

async function ocrWorkbook(): Promise<{ fake: FakeExcel; cohort: FakeSheet }> {
  const { grid, sheetName } = await ocrCohort();
  const fake = createFakeExcel();
  const cohort = fillSheet(fake.book.addSheet(sheetName), grid);
  return { fake, cohort };
}

/** Finds the row of a unit on the rules sheet and the columns of the unit table's header above it. */
function unitCells(sheet: FakeSheet, ref: string): { credits: string; level: string } {
  let header = -1;
  for (let r = 0; r < sheet.cells.length; r++) {
    const first = sheet.value(r, 0);
    if (first === 'Unit ref') header = r;
    if (header >= 0 && r > header && first === ref) {
      const labels = (sheet.cells[header] ?? []).map((v) => String(v ?? ''));
      const at = (label: string) =>
        rangeAddress({ top: r + 1, left: labels.indexOf(label) + 1, bottom: r + 1, right: labels.indexOf(label) + 1 });
      return { credits: at('Credits'), level: at('Level') };
    }
  }
  assert.fail(`unit ${ref} is not on the rules sheet`);
}

function put(sheet: FakeSheet, address: string, value: string | number): void {
  const { row, column } = parseAddress(address);
  sheet.setValue(row, column, value);
}

describe('the rules sheet through the Excel adapter', function () {
  this.timeout(60_000);

  it('writes the sheet a centre fills in: the same cells as the command line lays out, the cohort left in front', async () => {
    const { fake } = await ocrWorkbook();
    const cohort = fake.book.activeSheet;
    const edit = await editRulesSheet(fake.run, [OCR_10266]);
    const layout = rulesSheetGrid([OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME);
    assert.ok(sheet);
    assert.equal(edit.created, true);
    assert.deepEqual(edit.added, ['10266']);
    layout.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const written = sheet.value(r, c);
        // Excel stores numeric text as a number, as it would for any value typed in.
        assert.equal(
          written === undefined ? null : String(written),
          value === null ? null : String(value),
          `cell ${rangeAddress({ top: r + 1, left: c + 1, bottom: r + 1, right: c + 1 })}`,
        );
      }),
    );
    // The cohort stays active, so the next check reads it; the pane links to startCell, the first value to fill in.
    assert.equal(fake.book.activeSheet, cohort);
    assert.equal(edit.startCell, layout.unknownCells[0]);
  });

  it('highlights every unknown credit, GLH and level cell by a conditional format that lets go once the cell is filled', async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, [OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    const layout = rulesSheetGrid([OCR_10266]);
    assert.ok(layout.unknownCells.length >= 11 * 2, 'the OCR units lack credits and levels');
    for (const cell of layout.unknownCells)
      assert.equal(sheet.conditionalStyleAt(cell)?.fill, UNKNOWN_STYLE.fill, `highlight of ${cell}`);
    const unit1 = unitCells(sheet, OCR_10266.units[0].ref);
    put(sheet, unit1.credits, 3);
    assert.equal(sheet.conditionalStyleAt(unit1.credits), null, 'a filled cell is no longer highlighted');
    assert.equal(sheet.conditionalStyleAt('A1'), null, 'the title is not highlighted');
    assert.equal(sheet.conditionalFormats.length, 1, 'one format per block, not per cell');
  });

  it('reads back what it wrote as the built-in definition: no errors, no changes', async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, catalogue.qualifications);
    const rules = await workbookRules(fake.run, catalogue);
    assert.ok(rules);
    assert.deepEqual(rules.use.errors, []);
    assert.deepEqual(rules.use.changes, []);
    assert.deepEqual(
      rules.blocks.map((b) => b.qualificationId),
      catalogue.qualifications.map((q) => q.id),
    );
  });

  it('finds no rules sheet in a workbook without one, in one sync', async () => {
    const { fake } = await ocrWorkbook();
    fake.stats.reset();
    assert.equal(await workbookRules(fake.run, catalogue), null);
    assert.equal(fake.stats.count, 1);
  });

  it("never rewrites a centre's block: asked again, it keeps the edited block and adds the missing ones below", async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, [OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    const unit4 = unitCells(sheet, OCR_10266.units[3].ref);
    put(sheet, unit4.credits, 3);
    put(sheet, 'C2', 'Our own note under the title');
    const before = sheet.snapshot();
    const lastRow = Math.max(...[...before.keys()].map((a) => parseAddress(a).row));

    const edit = await editRulesSheet(fake.run, catalogue.qualifications);
    assert.equal(edit.created, false);
    assert.deepEqual(edit.kept, ['10266']);
    assert.deepEqual(
      edit.added,
      catalogue.qualifications.map((q) => q.id).filter((id) => id !== '10266'),
    );
    for (const [address, value] of before) assert.equal(sheet.at(address), value, `${address} kept`);
    const added = [...sheet.snapshot().keys()].filter((a) => !before.has(a)).map((a) => parseAddress(a).row);
    assert.ok(Math.min(...added) > lastRow + 1, "new blocks start below the centre's last row, after a gap");
    assert.ok(parseAddress(edit.startCell).row > lastRow + 1, `starts in a new block: ${edit.startCell}`);

    const rules = await workbookRules(fake.run, catalogue);
    assert.deepEqual(rules?.use.errors, []);
    assert.deepEqual(rules?.use.changes, [`10266 unit ${OCR_10266.units[3].ref} (Unit 4): credits was unknown, now 3`]);
    assert.equal(rules?.blocks.length, catalogue.qualifications.length);

    const again = await editRulesSheet(fake.run, catalogue.qualifications);
    assert.deepEqual(again.added, [], 'a third time adds nothing');
  });

  it('takes a cohort of OCR 10266 from all needs-data to decided statuses once the centre fills the rules sheet', async () => {
    const { fake } = await ocrWorkbook();
    const first = await checkSheet(fake.run, settings);
    assert.ok(first.checks.every((c) => c.result.status === 'needs-data'));
    assert.equal(first.rulesSheet, undefined);

    await editRulesSheet(fake.run, [OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    for (const unit of OCR_10266.units) {
      const cells = unitCells(sheet, unit.ref);
      const example = EXAMPLE_UNIT_VALUES[unit.number ?? 0];
      put(sheet, cells.credits, example.credits);
      put(sheet, cells.level, example.level);
    }
    fake.book.activeSheet = first.read.sheetName;
    const second = await checkSheet(fake.run, settings);
    assert.deepEqual(second.rulesSheet?.use.errors, []);
    assert.equal(second.rulesSheet?.use.changes.length, OCR_10266.units.length * 2);
    assert.deepEqual(
      second.checks.map((c) => c.result.status),
      OCR_SAMPLE_LEARNERS.map((l) => l.withRules),
    );
  });

  it('names the cell of a bad value, and checks with the catalogue for that block', async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, [OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    const unit2 = unitCells(sheet, OCR_10266.units[1].ref);
    put(sheet, unit2.credits, -2);
    fake.book.activeSheet = fake.book.sheets[0].name;
    const { rulesSheet, reading } = await inspectSheet(fake.run, settings);
    assert.ok(rulesSheet);
    assert.ok(
      rulesSheet.use.errors.some((e) => e.cell === unit2.credits),
      JSON.stringify(rulesSheet.use.errors),
    );
    assert.deepEqual(rulesSheet.use.definitions, []);
    assert.equal(reading.learners[0].qualification, catalogue.find('10266'));
  });

  it('will not read the rules sheet as a cohort when the user opens it, nor write results into it', async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, [OCR_10266]);
    fake.book.activeSheet = RULES_SHEET_NAME;
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    const before = sheet.snapshot();
    for (const attempt of [() => inspectSheet(fake.run, settings), () => checkSheet(fake.run, settings)]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof CheckFailed);
        assert.match(
          error.message,
          /"Qualification rules" is qualcheck's qualification data, not a cohort of learners\. Open the sheet with your learners.*Nothing was written/,
        );
        return true;
      });
    }
    assert.deepEqual(sheet.snapshot(), before);
  });

  it('says a protected rules sheet cannot be added to, and writes nothing', async () => {
    const { fake } = await ocrWorkbook();
    await editRulesSheet(fake.run, [OCR_10266]);
    const sheet = fake.book.sheet(RULES_SHEET_NAME)!;
    sheet.protected = true;
    const before = sheet.snapshot();
    await assert.rejects(editRulesSheet(fake.run, catalogue.qualifications), (error: unknown) => {
      assert.ok(error instanceof CheckFailed);
      assert.match(error.message, /"Qualification rules" is protected.*Nothing was written/);
      return true;
    });
    assert.deepEqual(sheet.snapshot(), before);
  });

  it('moves a block and every address that goes with it when it is added lower down', () => {
    const layout = rulesSheetGrid([OCR_10266]);
    const first = parseAddress(layout.blocks[0].range.split(':')[0]).row + 1;
    const moved = layoutFrom(layout, first, 40);
    const by = 40 - first;
    assert.equal(moved.values.length, layout.values.length - first + 1);
    assert.deepEqual(moved.values[0], layout.values[first - 1]);
    assert.equal(moved.unknownCells.length, layout.unknownCells.length);
    moved.unknownCells.forEach((cell, i) =>
      assert.equal(parseAddress(cell).row, parseAddress(layout.unknownCells[i]).row + by),
    );
    assert.equal(
      parseAddress(moved.blocks[0].units.header.split(':')[0]).row,
      parseAddress(layout.blocks[0].units.header.split(':')[0]).row + by,
    );
    assert.ok(moved.hints.length < layout.hints.length, 'the notes under the title stay behind');
    assert.equal(unknownFormula('E12:G30'), '=ISBLANK(E12)');
  });
});
