// The command line on workbooks as other programs write them: prefixed SpreadsheetML (the Open XML SDK, ClosedXML),
// the 1904 date system (LibreOffice, SheetJS), ISO date cells (openpyxl), a table part named by an absolute path
// (openpyxl), inline strings; and a damaged one, refused in one line.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { qualcheck } from './support/cli';
import { MAIN_NS, REL_NS, relationships, zipParts } from './support/xlsx-package';
import { tempFolder } from './support/temp-folder';

const DAY_MS = 86_400_000;
const serial1904 = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1904, 0, 1)) / DAY_MS;

/** A cohort workbook written as the Open XML SDK writes one (every element prefixed `x:`), in the 1904 date system. */
async function prefixed1904Cohort(): Promise<Buffer> {
  const x = `xmlns:x="${MAIN_NS}"`;
  const text = (ref: string, value: string): string =>
    `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${value}</x:t></x:is></x:c>`;
  const header = ['Learner ID', 'First name', 'Last name', 'ULN', 'Date of birth', 'Qualification', 'L/601/0933'];
  const letters = 'ABCDEFG';
  const rows = [
    `<x:row r="1">${header.map((h, i) => text(`${letters[i]}1`, h)).join('')}</x:row>`,
    // 2 June 1995: seventeen on 1 June 2013, so too young for 600/5106/1 (minimum age 18).
    `<x:row r="2">${text('A2', 'X1')}${text('B2', 'Ann')}${text('C2', 'Lee')}<x:c r="D2"><x:v>9276308686</x:v></x:c><x:c r="E2" s="1"><x:v>${serial1904('1995-06-02')}</x:v></x:c>${text('F2', '600/5106/1')}${text('G2', 'A')}</x:row>`,
    // 1 June 1995: eighteen that day. Read in the 1900 system the serial would fall four years earlier and both would pass.
    `<x:row r="3">${text('A3', 'X2')}${text('B3', 'Ben')}${text('C3', 'Shaw')}<x:c r="D3"><x:v>3736941540</x:v></x:c><x:c r="E3" s="1"><x:v>${serial1904('1995-06-01')}</x:v></x:c>${text('F3', '600/5106/1')}${text('G3', 'A')}</x:row>`,
    // An ISO date cell, as openpyxl writes one: 3 June 1995, too young.
    `<x:row r="4">${text('A4', 'X3')}${text('B4', 'Cai')}${text('C4', 'Wu')}<x:c r="D4"><x:v>6187438651</x:v></x:c><x:c r="E4" t="d"><x:v>1995-06-03T00:00:00</x:v></x:c>${text('F4', '600/5106/1')}<x:c r="G4" t="str"><x:f>"P"</x:f><x:v>P</x:v></x:c></x:row>`,
  ];
  return zipParts({
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': relationships([{ id: 'R1', type: 'officeDocument', target: '/xl/workbook.xml' }]),
    'xl/workbook.xml': `<x:workbook ${x} xmlns:r="${REL_NS}"><x:workbookPr date1904="true"/><x:sheets><x:sheet name="Learners" sheetId="1" r:id="R2"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': relationships([
      { id: 'R2', type: 'worksheet', target: '/xl/worksheets/sheet1.xml' },
      { id: 'R3', type: 'styles', target: '/xl/styles.xml' },
    ]),
    'xl/styles.xml': `<x:styleSheet ${x}><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>`,
    'xl/worksheets/sheet1.xml': `<x:worksheet ${x} xmlns:r="${REL_NS}"><x:sheetData>${rows.join('')}</x:sheetData><x:tableParts count="1"><x:tablePart r:id="T1"/></x:tableParts></x:worksheet>`,
    'xl/worksheets/_rels/sheet1.xml.rels': relationships([
      { id: 'T1', type: 'table', target: '/xl/tables/table1.xml' },
    ]),
    'xl/tables/table1.xml': `<table xmlns="${MAIN_NS}" id="1" name="Table1" displayName="Table1" ref="A1:G4"><tableColumns count="7">${header.map((h, i) => `<tableColumn id="${i + 1}" name="${h}"/>`).join('')}</tableColumns></table>`,
  });
}

describe('command line: workbooks other programs write', function () {
  this.timeout(60000);
  const tmp = tempFolder('files');

  it('reads a prefixed, 1904-dated workbook with an ISO date cell and an openpyxl-style table: ages come out right', async () => {
    const file = path.join(tmp(), 'sdk-1904.xlsx');
    await fs.writeFile(file, await prefixed1904Cohort());
    const register = await qualcheck(['register', file, '--date', '2013-06-01', '--json']);
    assert.equal(register.code, 1, register.stderr);
    const report = JSON.parse(register.stdout) as {
      sheet: string;
      learners: { learnerId: string; problems: { code: string }[] }[];
    };
    assert.equal(report.sheet, 'Learners');
    const tooYoung = report.learners
      .filter((l) => l.problems.some((p) => p.code === 'under-min-age'))
      .map((l) => l.learnerId);
    assert.deepEqual(tooYoung, ['X1', 'X3']);
    const check = await qualcheck(['check', file, '--json']);
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    const json = JSON.parse(check.stdout) as { learners: { learnerId: string }[] };
    assert.deepEqual(
      json.learners.map((l) => l.learnerId),
      ['X1', 'X2', 'X3'],
    );
  });

  it('refuses a workbook whose sheet part is not XML in one line naming the part, exit 2', async () => {
    const file = path.join(tmp(), 'not-xml.xlsx');
    await fs.writeFile(
      file,
      await zipParts({
        '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels': relationships([{ id: 'R1', type: 'officeDocument', target: 'xl/workbook.xml' }]),
        'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="R2"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': relationships([{ id: 'R2', type: 'worksheet', target: 'worksheets/sheet1.xml' }]),
        'xl/worksheets/sheet1.xml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x50, 0x4b]),
      }),
    );
    const result = await qualcheck(['check', file]);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(
      result.stderr,
      /not-xml\.xlsx: the workbook is damaged and cannot be read \(part xl\/worksheets\/sheet1\.xml is not well-formed XML/,
    );
  });
});
