// The command line's workbook reader on small packages holding exactly what other programs write.
import assert from 'node:assert/strict';
import { Workbook } from '../src/workbook/workbook';
import { WorkbookFileError } from '../src/workbook/errors';
import type { CellValue, Grid } from '../src/sheet/types';
import {
  MAIN_NS,
  REL_NS,
  relationships,
  stylesWith,
  workbookPackage,
  zipParts,
  type PackageSpec,
} from './support/xlsx-package';

async function gridOf(spec: PackageSpec, sheet = 0): Promise<Grid> {
  const workbook = await Workbook.open(await workbookPackage(spec));
  const reading = await workbook.readSheet(workbook.worksheets[sheet]);
  workbook.close();
  assert.equal(reading.kind, 'grid');
  return reading.kind === 'grid' ? reading.grid : ({} as Grid);
}

async function refusal(bytes: Buffer, read = true): Promise<string> {
  try {
    const workbook = await Workbook.open(bytes);
    if (read) for (const sheet of workbook.worksheets) await workbook.readSheet(sheet);
  } catch (error) {
    assert.ok(error instanceof WorkbookFileError, `not a WorkbookFileError: ${String(error)}`);
    assert.equal(error.message.split('\n').length, 1);
    return error.message;
  }
  assert.fail('the package was read');
}

const row = (r: number | undefined, cells: string): string =>
  `<row${r === undefined ? '' : ` r="${r}"`}>${cells}</row>`;
const sheetData = (...rows: string[]): string => `<sheetData>${rows.join('')}</sheetData>`;
const iso = (value: CellValue): string =>
  value instanceof Date ? value.toISOString() : `not a date: ${JSON.stringify(value)}`;

describe('workbook reader: values', () => {
  it('gives cached formula results of every type, 0 and FALSE and errors included, and blank for a formula never calculated', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: sheetData(
            row(
              1,
              '<c r="A1"><f>1-1</f><v>0</v></c><c r="B1" t="b"><f>1=2</f><v>0</v></c><c r="C1" t="e"><f>NA()</f><v>#N/A</v></c>' +
                '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E1" t="b"><v>1</v></c><c r="F1"><f>A1*2</f></c>' +
                '<c r="G1" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="H1" t="str"><f>""</f><v></v></c>',
            ),
          ),
        },
      ],
      styles: stylesWith(['dd/mm/yyyy']),
    });
    assert.deepEqual(grid.values[0], [0, false, { error: '#N/A' }, 'ab', true, null, { error: '#DIV/0!' }, '']);
  });

  it('reads shared strings, rich text runs after plain text, and leaves out phonetic guides', async () => {
    const sst =
      `<sst xmlns="${MAIN_NS}"><si><t>plain</t></si><si><t>Before</t><r><rPr><b/></rPr><t xml:space="preserve"> after</t></r></si>` +
      '<si><r><t>L/601/</t></r><r><t>0933</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si><si/><si><t>line_x000D_\r\nend</t></si></sst>';
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: sheetData(
            row(1, ['A', 'B', 'C', 'D', 'E'].map((c, i) => `<c r="${c}1" t="s"><v>${i}</v></c>`).join('')),
          ),
        },
      ],
      sharedStrings: sst,
    });
    assert.deepEqual(grid.values[0], ['plain', 'Before after', 'L/601/0933', '', 'line\r\nend']);
  });

  it('reads inline strings, plain and rich', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: sheetData(
            row(
              1,
              '<c r="A1" t="inlineStr"><is><t>Ann</t></is></c><c r="B1" t="inlineStr"><is><t>Before</t><r><t>Hierarchy</t></r></is></c><c r="C1" t="inlineStr"><is><t xml:space="preserve"/></is></c>',
            ),
          ),
        },
      ],
    });
    assert.deepEqual(grid.values[0], ['Ann', 'BeforeHierarchy', '']);
  });

  it('places rows and cells that carry no r after the ones before them', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: sheetData(
            row(undefined, '<c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c>'),
            row(3, '<c r="B3"><v>5</v></c><c><v>6</v></c>'),
            row(undefined, '<c><v>7</v></c>'),
          ),
        },
      ],
    });
    assert.deepEqual(grid.values, [
      ['a', 2, null],
      [null, null, null],
      [null, 5, 6],
      [7, null, null],
    ]);
  });

  it('gives number formats only where the value is a number', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: sheetData(
            row(
              1,
              '<c r="A1" s="1"><v>3</v></c><c r="B1" s="1" t="inlineStr"><is><t>x</t></is></c><c r="C1" s="2"><v>41000</v></c>',
            ),
          ),
        },
      ],
      styles: stylesWith(['0.00', 'dd/mm/yyyy']),
    });
    assert.deepEqual(grid.numberFormats?.[0], ['0.00', '', 'dd/mm/yyyy']);
  });
});

describe('workbook reader: dates', () => {
  const dateSheet = (cells: string): PackageSpec['sheets'] => [{ name: 'S', xml: sheetData(row(1, cells)) }];
  const styles = stylesWith(['dd/mm/yyyy']);

  it("reads date-formatted serials in the 1900 system, a day apart either side of Excel's 29/02/1900", async () => {
    const grid = await gridOf({
      sheets: dateSheet(
        '<c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>59</v></c><c r="C1" s="1"><v>60</v></c><c r="D1" s="1"><v>61</v></c><c r="E1" s="1"><v>44197</v></c>',
      ),
      styles,
    });
    const [a, b, c, d, e] = grid.values[0];
    assert.equal(iso(a), '1900-01-01T00:00:00.000Z');
    assert.equal(iso(b), '1900-02-28T00:00:00.000Z');
    assert.equal(c, 60, 'serial 60, a day the calendar lacks, stays a number for the date reader to name');
    assert.equal(iso(d), '1900-03-01T00:00:00.000Z');
    assert.equal(iso(e), '2021-01-01T00:00:00.000Z');
  });

  for (const flag of ['1', 'true']) {
    it(`reads serials in the 1904 system when workbookPr says date1904="${flag}"`, async () => {
      const grid = await gridOf({
        sheets: dateSheet('<c r="A1" s="1"><v>42735</v></c><c r="B1" s="1"><v>0</v></c>'),
        styles,
        workbookPr: `date1904="${flag}"`,
      });
      assert.equal(iso(grid.values[0][0]), '2021-01-01T00:00:00.000Z');
      assert.equal(iso(grid.values[0][1]), '1904-01-01T00:00:00.000Z');
    });
  }

  it('does not take a 1904 flag from an extension (x14:workbookPr)', async () => {
    const bytes = await workbookPackage({ sheets: dateSheet('<c r="A1" s="1"><v>44197</v></c>'), styles });
    const workbook = await Workbook.open(bytes);
    assert.equal(workbook.info.date1904, false);
    workbook.close();
  });

  it('reads ISO date cells (t="d"), with or without a time', async () => {
    const grid = await gridOf({
      sheets: dateSheet(
        '<c r="A1" t="d"><v>2021-01-01</v></c><c r="B1" t="d" s="1"><v>2013-03-12T10:30:00Z</v></c><c r="C1" t="d"><v>not a date</v></c>',
      ),
    });
    assert.equal(iso(grid.values[0][0]), '2021-01-01T00:00:00.000Z');
    assert.equal(iso(grid.values[0][1]), '2013-03-12T10:30:00.000Z');
    assert.equal(grid.values[0][2], 'not a date');
  });
});

describe('workbook reader: the sheet around the values', () => {
  it('reads prefixed SpreadsheetML (<x:workbook>, as the Open XML SDK writes)', async () => {
    const x = `xmlns:x="${MAIN_NS}"`;
    const bytes = await zipParts({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': relationships([{ id: 'R1', type: 'officeDocument', target: '/xl/workbook.xml' }]),
      'xl/workbook.xml': `<x:workbook ${x} xmlns:rel="${REL_NS}"><x:workbookPr date1904="0"/><x:sheets><x:sheet name="Cohort" sheetId="1" rel:id="R2"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': relationships([
        { id: 'R2', type: 'worksheet', target: '/xl/worksheets/data.xml' },
        { id: 'R3', type: 'sharedStrings', target: 'strings.xml' },
      ]),
      'xl/strings.xml': `<x:sst ${x}><x:si><x:t>Learner ID</x:t></x:si></x:sst>`,
      'xl/worksheets/data.xml': `<x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const workbook = await Workbook.open(bytes);
    assert.deepEqual(
      workbook.worksheets.map((s) => [s.name, s.part]),
      [['Cohort', 'xl/worksheets/data.xml']],
    );
    const reading = await workbook.readSheet(workbook.worksheets[0]);
    assert.ok(reading.kind === 'grid');
    assert.deepEqual(reading.grid.values, [['Learner ID', 7]]);
  });

  it('reads a table whose part path is absolute (as openpyxl writes it) and one whose path is relative', async () => {
    const table = (id: number, name: string, ref: string): string =>
      `<table xmlns="${MAIN_NS}" id="${id}" name="${name}" displayName="${name}" ref="${ref}"/>`;
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: `${sheetData(row(1, '<c r="A1"><v>1</v></c><c r="D1"><v>2</v></c>'))}<tableParts count="2"><tablePart r:id="rId1"/><tablePart r:id="rId2"/></tableParts>`,
          rels: [
            { id: 'rId1', type: 'table', target: '/xl/tables/table1.xml' },
            { id: 'rId2', type: 'table', target: '../tables/table2.xml' },
          ],
        },
      ],
      parts: {
        'xl/tables/table1.xml': table(1, 'Learners', 'A1:B5'),
        'xl/tables/table2.xml': table(2, 'Other', 'D1:E5'),
      },
    });
    assert.deepEqual(grid.tables, [
      { name: 'Learners', range: 'A1:B5' },
      { name: 'Other', range: 'D1:E5' },
    ]);
  });

  it('blanks merged cells after the first, and lists hidden rows and columns within the data', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: `<cols><col min="2" max="2" hidden="1"/><col min="4" max="16384" hidden="true"/></cols>${sheetData(
            row(1, '<c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c>'),
            '<row r="2" hidden="1"><c r="A2"><v>4</v></c></row>',
          )}<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`,
        },
      ],
    });
    assert.deepEqual(grid.values, [
      [1, null, 3],
      [4, null, null],
    ]);
    assert.deepEqual(grid.merged, ['A1:B1']);
    assert.deepEqual(grid.hiddenRows, [2]);
    assert.deepEqual(grid.hiddenColumns, [2]);
  });

  it('never trusts <dimension>: a whole-sheet dimension, or none, reads the cells there are', async () => {
    const cells = sheetData(row(2, '<c r="B2"><v>1</v></c>'));
    const whole = await gridOf({ sheets: [{ name: 'S', xml: `<dimension ref="A1:XFD1048576"/>${cells}` }] });
    const none = await gridOf({ sheets: [{ name: 'S', xml: cells }] });
    assert.deepEqual(whole.values, [
      [null, null],
      [null, 1],
    ]);
    assert.deepEqual(none.values, whole.values);
  });

  it('skips data validation over whole columns without expanding it', async () => {
    const grid = await gridOf({
      sheets: [
        {
          name: 'S',
          xml: `${sheetData(row(1, '<c r="A1"><v>1</v></c>'))}<dataValidations count="1"><dataValidation type="list" sqref="F2:P1048576 A:XFD"><formula1>"A,P"</formula1></dataValidation></dataValidations>`,
        },
      ],
    });
    assert.deepEqual(grid.values, [[1]]);
  });

  it('says a sheet is too large when a stray cell lies far out (a 16,384-column sheet), keeping nothing', async () => {
    const workbook = await Workbook.open(
      await workbookPackage({
        sheets: [
          {
            name: 'S',
            xml: sheetData(row(1, '<c r="A1"><v>1</v></c>'), row(1048576, '<c r="XFD1048576"><v>2</v></c>')),
          },
        ],
      }),
    );
    const reading = await workbook.readSheet(workbook.worksheets[0]);
    assert.deepEqual(reading, { kind: 'too-large', used: { top: 1, left: 1, bottom: 1048576, right: 16384 } });
  });

  it('reads a part in UTF-16 with a byte order mark', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${MAIN_NS}">${sheetData(row(1, '<c r="A1" t="inlineStr"><is><t>Zoë</t></is></c>'))}</worksheet>`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const bytes = await workbookPackage({ sheets: [{ name: 'S', xml: '', part: utf16 }] });
    const workbook = await Workbook.open(bytes);
    const reading = await workbook.readSheet(workbook.worksheets[0]);
    assert.ok(reading.kind === 'grid');
    assert.deepEqual(reading.grid.values, [['Zoë']]);
  });

  it('lists sheets with their state and defined names with their scope', async () => {
    const bytes = await workbookPackage({
      sheets: [
        { name: 'A', xml: sheetData() },
        { name: 'B', xml: sheetData() },
      ],
    });
    const workbook = await Workbook.open(bytes);
    assert.deepEqual(
      workbook.info.sheets.map((s) => [s.name, s.state, s.kind]),
      [
        ['A', 'visible', 'worksheet'],
        ['B', 'visible', 'worksheet'],
      ],
    );
    assert.equal(workbook.worksheet('b')?.name, 'B');
  });
});

describe('workbook reader: packages it refuses, in a line that says why', () => {
  it('a zip bomb: a part that unpacks past the bound', async () => {
    const bytes = await workbookPackage({
      sheets: [{ name: 'S', xml: `${sheetData()}<!--${' '.repeat(3 * 1024 * 1024)}-->` }],
    });
    const workbook = await Workbook.open(bytes, { partBytes: 1024 * 1024, totalBytes: 8 * 1024 * 1024 });
    await assert.rejects(
      workbook.readSheet(workbook.worksheets[0]),
      (error: Error) => error instanceof WorkbookFileError && /unpacks to more than 1 MB.*zip bomb/.test(error.message),
    );
  });

  it('a zip bomb spread over parts: all of them together unpack past the bound', async () => {
    const big = `${sheetData()}<!--${' '.repeat(700 * 1024)}-->`;
    const bytes = await workbookPackage({
      sheets: [
        { name: 'A', xml: big },
        { name: 'B', xml: big },
      ],
    });
    const workbook = await Workbook.open(bytes, { partBytes: 1024 * 1024, totalBytes: 1024 * 1024 });
    await workbook.readSheet(workbook.worksheets[0]);
    await assert.rejects(
      workbook.readSheet(workbook.worksheets[1]),
      (error: Error) =>
        error instanceof WorkbookFileError && /parts unpack to more than 1 MB together/.test(error.message),
    );
  });

  it('a sheet part that is not XML, and one that is missing', async () => {
    const notXml = await workbookPackage({ sheets: [{ name: 'S', xml: '', part: 'PK this is no XML' }] });
    assert.match(await refusal(notXml), /damaged.*part xl\/worksheets\/sheet1\.xml is not well-formed XML/);
    const missing = await zipParts({
      '[Content_Types].xml': '<Types/>',
      '_rels/.rels': relationships([{ id: 'r', type: 'officeDocument', target: 'xl/workbook.xml' }]),
      'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': relationships([{ id: 'rId1', type: 'worksheet', target: 'worksheets/sheet1.xml' }]),
    });
    assert.match(await refusal(missing), /the part of sheet "S", xl\/worksheets\/sheet1\.xml, is missing/);
  });

  it('a truncated file, and a zip that holds no workbook', async () => {
    const bytes = await workbookPackage({ sheets: [{ name: 'S', xml: sheetData(row(1, '<c r="A1"><v>1</v></c>')) }] });
    assert.match(await refusal(bytes.subarray(0, bytes.length - 40)), /damaged/);
    assert.match(
      await refusal(await zipParts({ 'notes.txt': 'hello' })),
      /is not an Excel workbook \(\.xlsx\): it holds no worksheets/,
    );
  });
});
