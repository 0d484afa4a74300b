import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Grid } from '../src/sheet/types';
import { readCohort } from '../src/cohort/read/read';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { LAYOUT_DIR, LAYOUT_LEARNERS, LAYOUTS } from '../scripts/make-layout-samples';
import { summary } from './fixtures/cohort-fixtures';
import { gridOfExcelJs, gridOfFile, gridOfPackage } from './support/sheet-grid';
import { unzipParts, zipParts } from './support/feature-workbook';
import { readingMessage } from '../src/cohort/read/reading-words';
import type { WorkbookPackage } from '../src/workbook/package';
import { readSheetGrid } from '../src/workbook/sheet-grid';
import type { CellStyles } from '../src/workbook/styles';

/** A sheet exceljs writes, read back as the command line reads a file. */
async function roundTrip(build: (ws: ExcelJS.Worksheet) => void): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('S'));
  return (await gridOfExcelJs(wb)).grid;
}

describe('a worksheet exceljs writes, read as a grid', () => {
  it('gives cached formula results, errors, flattened rich text, hyperlink text and dates', async () => {
    const grid = await roundTrip((s) => {
      s.getCell('A1').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
      s.getCell('B1').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
      s.getCell('C1').value = { richText: [{ text: 'L/601/' }, { font: { bold: true }, text: '0933' }] };
      s.getCell('D1').value = { text: 'Ann', hyperlink: 'mailto:ann@example.org' };
      s.getCell('E1').value = new Date(Date.UTC(2013, 2, 12));
      s.getCell('E1').numFmt = 'dd/mm/yyyy';
      s.getCell('F1').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
      s.getCell('G1').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    });
    const [a, b, c, d, e, f, g] = grid.values[0];
    assert.equal(a, 2);
    assert.deepEqual(b, { error: '#N/A' });
    assert.equal(c, 'L/601/0933');
    assert.equal(d, 'Ann');
    assert.ok(e instanceof Date && e.toISOString().startsWith('2013-03-12'));
    assert.equal(f, null);
    assert.deepEqual(g, { error: '#REF!' });
    assert.equal(grid.numberFormats?.[0][4], 'dd/mm/yyyy');
  });

  it('gives rows alike the same formats, and a merged area blanks its own row only', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('S');
    for (let r = 1; r <= 4; r++) {
      s.getCell(r, 1).value = r;
      s.getCell(r, 2).value = 0.5;
      s.getCell(r, 2).numFmt = '0.0%';
    }
    // Merged after the values were written, as a program that leaves the merged-away cells' values does.
    const parts = await unzipParts(Buffer.from(await wb.xlsx.writeBuffer()));
    const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    const merged = '</sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells>';
    parts.set('xl/worksheets/sheet1.xml', Buffer.from(sheet.replace('</sheetData>', merged)));
    const { grid } = await gridOfPackage(await zipParts(parts));
    assert.deepEqual(grid.numberFormats, [
      ['General', '0.0%'],
      ['General', '0.0%'],
      ['General', ''],
      ['General', '0.0%'],
    ]);
    assert.equal(grid.numberFormats?.[0], grid.numberFormats?.[1], 'rows alike hold one array');
  });

  it('keeps a merged value in its first cell only and lists merges, hidden lines and tables', async () => {
    const grid = await roundTrip((s) => {
      s.getCell('A1').value = 'Units';
      s.mergeCells('A1:C1');
      s.getCell('A2').value = 'x';
      s.getRow(2).hidden = true;
      s.getColumn(2).hidden = true;
      s.addTable({
        name: 'Cohort',
        ref: 'A4',
        columns: [{ name: 'Learner ID' }, { name: 'L/601/0933' }],
        rows: [['1', 'A']],
      });
    });
    // The grid runs as far as the values do (column B, the table's); C1 is merged away and holds nothing.
    assert.deepEqual(grid.values[0], ['Units', null]);
    assert.deepEqual(grid.merged, ['A1:C1']);
    assert.deepEqual(grid.hiddenRows, [2]);
    assert.deepEqual(grid.hiddenColumns, [2]);
    assert.deepEqual(grid.tables, [{ name: 'Cohort', range: 'A4:B5' }]);
  });
});

describe('the layout samples', () => {
  const catalogue = embeddedCatalogue();
  const expected = LAYOUT_LEARNERS.map((l) => ({
    learnerId: l.id,
    qualification: '600/5106/1',
    achieved: Object.keys(l.units)
      .filter((ref) => l.units[ref] !== 'planned')
      .sort(),
    planned: Object.keys(l.units)
      .filter((ref) => l.units[ref] === 'planned')
      .sort(),
    problems: [],
  }));

  for (const name of Object.keys(LAYOUTS)) {
    it(`${name}.xlsx holds the same learners and units as every other layout`, async () => {
      const reading = readCohort((await gridOfFile(path.join(LAYOUT_DIR, `${name}.xlsx`))).grid, { catalogue });
      assert.deepEqual(summary(reading.learners), expected);
      const dated = reading.learners.find((l) => l.learnerId === 'IQ005');
      assert.equal(dated?.marks.find((m) => m.ref === 'T/503/0342')?.achievedOn, '2013-02-12');
      const unexpected = reading.warnings.filter(
        (w) => !/no Qualification column|holds 2 tables/.test(readingMessage(w)),
      );
      assert.deepEqual(unexpected, []);
    });
  }

  it('the free-typed tracker is read with its hidden row and column counted', async () => {
    const reading = readCohort((await gridOfFile(path.join(LAYOUT_DIR, 'matrix-spellings.xlsx'))).grid, { catalogue });
    assert.equal(reading.headerRow, 4);
    assert.equal(reading.hiddenRows, 1);
    assert.equal(reading.hiddenColumns, 0);
    assert.equal(reading.unitColumns.length, 14);
  });
});

describe('a sheet part read in chunks of any size', () => {
  // Values read where they stand in the text (a cell's reference, style and number), and the same values when a chunk
  // cuts them, when they hold references, or when they are written as no whole number.
  const SHEET =
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>1234567</v></c><c r="C1"><v>007</v></c>' +
    '<c r="D1"><v>1.5</v></c><c r="E1" t="str"><v>0012</v></c><c r="F1"><v> 42 </v></c>' +
    '<c r="G1"><v><![CDATA[9]]>0</v></c><c r="H1" t="s"><v>&#48;</v></c><c r="I1"><v>123456789012345678</v></c>' +
    '<c r="J1"><v>00x1F</v></c></row>' +
    '<row r="2"><c r="B&#50;" s="&#49;"><v>45000</v></c><c r="C2" t="b"><v>1</v></c>' +
    '<c r="D2" t="inlineStr"><is><t>Zoë</t></is></c><c t="e"><v>#N/A</v></c><c r="G2" s="1"><v>45000.5</v></c></row>' +
    '</sheetData></worksheet>';

  async function read(bytes: Buffer, chunk: number): Promise<Grid> {
    const pkg = {
      entry: () => undefined,
      async streamBytes(_part: string, onChunk: (chunk: Buffer) => void) {
        for (let at = 0; at < bytes.length; at += chunk) onChunk(bytes.subarray(at, at + chunk));
      },
    } as unknown as WorkbookPackage;
    const styles = { formatOf: (style: number) => (style === 1 ? 'dd/mm/yyyy' : 'General') } as CellStyles;
    const source = { name: 'S', part: 'xl/worksheets/sheet1.xml', sharedStrings: ['a', 'b'], styles, date1904: false };
    const reading = await readSheetGrid(pkg, source);
    assert.equal(reading.kind, 'grid');
    return reading.kind === 'grid' ? reading.grid : assert.fail();
  }

  it('gives each value as Number() and the cell types read it', async () => {
    const grid = await read(Buffer.from(SHEET, 'utf8'), SHEET.length * 2);
    assert.deepEqual(grid.values[0], ['b', 1234567, 7, 1.5, '0012', 42, 90, 'a', 123456789012345680, '00x1F']);
    const [a, b, c, d, e, f, g] = grid.values[1];
    assert.deepEqual([a, c, d, e, f], [null, true, 'Zoë', { error: '#N/A' }, null]);
    assert.ok(b instanceof Date && b.toISOString() === '2023-03-15T00:00:00.000Z', String(b));
    assert.ok(g instanceof Date && g.toISOString() === '2023-03-15T12:00:00.000Z', String(g));
    assert.equal(grid.numberFormats?.[1][1], 'dd/mm/yyyy');
  });

  it("keeps each row's number formats its own when a later row writes a cell into it", async () => {
    const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      row(1, '<c r="A1"><v>1</v></c><c r="B1" s="1"><v>45000</v></c>') +
      row(2, '<c r="A2"><v>2</v></c><c r="B2" s="1"><v>45000</v></c>') +
      row(3, '<c r="A3"><v>3</v></c><c r="C2" s="1"><v>45000</v></c><c r="B3" s="1"><v>45000</v></c>') +
      '</sheetData></worksheet>';
    const grid = await read(Buffer.from(sheet, 'utf8'), sheet.length);
    assert.deepEqual(grid.numberFormats, [
      ['General', 'dd/mm/yyyy', ''],
      ['General', 'dd/mm/yyyy', 'dd/mm/yyyy'],
      ['General', 'dd/mm/yyyy', ''],
    ]);
  });

  it('gives the same grid however the bytes are cut', async () => {
    const bytes = Buffer.from(SHEET, 'utf8');
    const whole = await read(bytes, bytes.length);
    for (let chunk = 1; chunk <= 40; chunk++) assert.deepEqual(await read(bytes, chunk), whole, `chunks of ${chunk}`);
  });
});
