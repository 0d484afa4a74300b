// check --out writes a patch of the user's package: unzip input and output, and every part qualcheck does not own
// is byte for byte the same; in the parts it owns, only its cells, formats and entries differ. Shown on a workbook
// that carries every feature a copy must keep (test/support/feature-workbook.ts), and read back by another reader.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { columnLetters } from '../src/sheet/address';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { runCheck } from '../src/cli/check';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import {
  featureWorkbook,
  MERGED_NOTE,
  MERGED_NOTE_RANGE,
  OPAQUE_PARTS,
  unzipParts,
  zipParts,
  type Parts,
} from './support/feature-workbook';
import { repoRoot } from './support/cli';

const sample = path.join(repoRoot, 'samples/cohort-600-5106-1.xlsx');
const COHORT_PART = 'xl/worksheets/sheet1.xml';
const STYLES_PART = 'xl/styles.xml';
const OWN_HEADERS = [...RESULT_HEADERS, NOT_COUNTED_HEADER];

type Cells = Map<string, { t: string; v: unknown }>;

/** Every cell of a sheet as SheetJS (an independent reader) reads it: type and value. */
function cellsOf(file: Buffer, sheet: string): Cells {
  const workbook = XLSX.read(file, { cellFormula: false, cellHTML: false, cellText: false });
  const ws = workbook.Sheets[sheet];
  assert.ok(ws, `SheetJS finds sheet ${sheet}`);
  const cells: Cells = new Map();
  for (const [ref, cell] of Object.entries(ws)) {
    if (ref.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    cells.set(ref, { t: c.t, v: c.v instanceof Date ? c.v.toISOString() : c.v });
  }
  return cells;
}

function text(parts: Parts, name: string): string {
  const bytes = parts.get(name);
  assert.ok(bytes, `part ${name} is there`);
  return bytes.toString('utf8');
}

function assertSameParts(before: Parts, after: Parts, owned: readonly string[], label: string): void {
  for (const [name, bytes] of before) {
    if (owned.includes(name)) continue;
    const copy = after.get(name);
    assert.ok(copy, `${label}: part ${name} is kept`);
    assert.ok(copy.equals(bytes), `${label}: part ${name} is byte for byte the same`);
  }
}

const BOOKKEEPING = ['xl/_rels/workbook.xml.rels', '[Content_Types].xml'];
/** The record of qualcheck's cells, a custom XML part (the fixture has customXml/item1.xml of its own). */
const RECORD_PARTS = ['customXml/_rels/item2.xml.rels', 'customXml/item2.xml', 'customXml/itemProps2.xml'];

/** A bookkeeping part gains one entry matching `pattern`, and is otherwise as it was. */
function gainsOneEntry(before: Parts, after: Parts, name: string, pattern: RegExp): void {
  const found = text(after, name).match(pattern);
  assert.equal(found?.length, 1, `${name} gains one entry`);
  assert.equal(text(after, name).replace(found[0], ''), text(before, name), `${name} is otherwise as it was`);
}

/** The column letters of qualcheck's owned columns in row 1 of the cells. */
function ownedColumns(cells: Cells): string[] {
  return [...cells]
    .filter(([ref, c]) => /^[A-Z]+1$/.test(ref) && typeof c.v === 'string' && c.v.startsWith('qualcheck:'))
    .map(([ref]) => ref.replace(/\d+$/, ''));
}

describe('check --out writes a patch of the workbook', function () {
  this.timeout(60_000);
  let tmp: string;
  let input: string;
  let inputParts: Parts;

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-patch-'));
    input = path.join(tmp, 'features.xlsx');
    await fs.writeFile(input, await featureWorkbook(sample));
    inputParts = await unzipParts(input);
  });

  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('changes nothing but its own cells, formats and dxfs, and keeps every other part byte for byte', async () => {
    const out = path.join(tmp, 'out1.xlsx');
    const run = await runCheck(input, { out });
    assert.equal(run.written?.target, 'columns');
    const outParts = await unzipParts(out);
    // The only parts added hold the record of what qualcheck wrote (issue 13), beside the user's own custom XML.
    const added = [...outParts.keys()].filter((name) => !inputParts.has(name)).sort();
    assert.deepEqual(added, RECORD_PARTS);
    assert.match(text(outParts, RECORD_PARTS[1]), /<ownership\b[^>]*urn:qualcheck:ownership:1/);
    for (const opaque of OPAQUE_PARTS) assert.ok(outParts.has(opaque), `${opaque} is carried over`);
    assertSameParts(inputParts, outParts, [COHORT_PART, STYLES_PART, ...BOOKKEEPING], 'first run');
    gainsOneEntry(
      inputParts,
      outParts,
      'xl/_rels/workbook.xml.rels',
      /<Relationship Id="rId\d+" Type="[^"]*\/customXml" Target="..\/customXml\/item2.xml"\/>/g,
    );
    gainsOneEntry(
      inputParts,
      outParts,
      '[Content_Types].xml',
      /<Override PartName="\/customXml\/item2.xml" ContentType="application\/xml"\/><Override PartName="\/customXml\/itemProps2.xml" ContentType="[^"]*"\/>/g,
    );

    // The cohort sheet: every cell of the user's as it was; new cells only in qualcheck's columns.
    const before = cellsOf(await fs.readFile(input), 'Cohort');
    const after = cellsOf(await fs.readFile(out), 'Cohort');
    const owned = ownedColumns(after);
    assert.deepEqual(
      owned.map((c) => after.get(`${c}1`)?.v),
      OWN_HEADERS,
      'the owned columns once each, in order',
    );
    // The merged note beside the data stays the user's: the results start right of the merged area.
    const mergeEnd = MERGED_NOTE_RANGE.split(':')[1].replace(/\d+$/, '');
    assert.equal(owned[0], columnLetters(XLSX.utils.decode_col(mergeEnd) + 2));
    assert.deepEqual(after.get(MERGED_NOTE_RANGE.split(':')[0]), { t: 's', v: MERGED_NOTE });
    for (const [ref, cell] of before) assert.deepEqual(after.get(ref), cell, `cell ${ref} is unchanged`);
    for (const ref of after.keys()) {
      if (!before.has(ref)) assert.ok(owned.includes(ref.replace(/\d+$/, '')), `new cell ${ref} is in an owned column`);
    }
    const status = owned[RESULT_HEADERS.indexOf('qualcheck: status')];
    assert.equal(after.get(`${status}2`)?.v, 'achieved');

    // Outside its rows, the sheet part differs only by qualcheck's conditional formats, column widths and extent.
    const sheetBefore = text(inputParts, COHORT_PART);
    const sheetAfter = text(outParts, COHORT_PART);
    const tail = (xml: string) => xml.slice(xml.indexOf('</sheetData>'));
    const ownFormats = new RegExp(
      `<conditionalFormatting sqref="(${status}2:${status}35|G2:AT35)">.*?</conditionalFormatting>`,
      'g',
    );
    assert.equal((tail(sheetAfter).match(ownFormats) ?? []).length, 2, 'the status format and the unit highlight');
    assert.equal(
      tail(sheetAfter).replace(ownFormats, ''),
      tail(sheetBefore),
      "merges, validations, hyperlinks, comments, tables and the user's format are kept as written",
    );
    const head = (xml: string) =>
      xml
        .slice(0, xml.indexOf('<sheetData'))
        .replace(/<dimension ref="[^"]*"\/>/, '')
        .replace(/<col min="(\d+)" max="\1" width="\d+" customWidth="1"\/>/g, (col, min: string) =>
          Number(min) >= XLSX.utils.decode_col(owned[0]) + 1 ? '' : col,
        );
    assert.equal(head(sheetAfter), head(sheetBefore), "sheet views and the user's column widths are kept");
    // Its own columns get room by what they hold: the sentences of violations and next step the widest.
    const widthOf = (header: string) => {
      const column = XLSX.utils.decode_col(owned[OWN_HEADERS.indexOf(header)]) + 1;
      return new RegExp(`<col min="${column}" max="${column}" width="(\\d+)"`).exec(sheetAfter)?.[1];
    };
    assert.deepEqual(
      ['qualcheck: status', 'qualcheck: violations', 'qualcheck: next step', 'qualcheck: achieved credits'].map(
        widthOf,
      ),
      ['14', '60', '60', '16'],
    );

    // styles.xml gains dxfs after the user's own, nothing else.
    const stylesBefore = text(inputParts, STYLES_PART);
    const stylesAfter = text(outParts, STYLES_PART);
    const dxfs = /<dxfs count="\d+">(.*?)<\/dxfs>/;
    assert.equal(stylesAfter.replace(dxfs, ''), stylesBefore.replace(dxfs, ''));
    assert.ok(
      dxfs.exec(stylesAfter)?.[1].startsWith(dxfs.exec(stylesBefore)?.[1] ?? '?'),
      "the user's dxf keeps its index",
    );

    // Another reader sees the names, merges and cells.
    const workbook = XLSX.read(await fs.readFile(out));
    assert.deepEqual(
      workbook.Workbook?.Names?.map((n) => [n.Name, n.Sheet, (n as { Hidden?: boolean }).Hidden ?? false]),
      [
        ['_xlnm._FilterDatabase', 0, true],
        ['LearnerIds', undefined, false],
        ['Checked', 1, false],
        ['Secret', undefined, true],
      ],
    );
    assert.deepEqual(workbook.Sheets.Cohort['!merges'], [XLSX.utils.decode_range(MERGED_NOTE_RANGE)]);
  });

  it('a second run on its own output changes no byte of the parts it does not own and gives the same cells', async () => {
    const out1 = path.join(tmp, 'again1.xlsx');
    const out2 = path.join(tmp, 'again2.xlsx');
    await runCheck(input, { out: out1 });
    await runCheck(out1, { out: out2 });
    const [first, second] = [await unzipParts(out1), await unzipParts(out2)];
    assertSameParts(first, second, [COHORT_PART, STYLES_PART, RECORD_PARTS[1]], 'second run');
    assert.equal(text(second, RECORD_PARTS[1]), text(first, RECORD_PARTS[1]), 'the record is the same');
    assert.deepEqual(cellsOf(await fs.readFile(out2), 'Cohort'), cellsOf(await fs.readFile(out1), 'Cohort'));
    // The owned parts come out the same too: no dxf, format or width is added twice.
    assert.equal(text(second, STYLES_PART), text(first, STYLES_PART));
    assert.equal(text(second, COHORT_PART), text(first, COHORT_PART));
  });

  it('a results sheet is a new part with its entries, and the cohort sheet is left byte for byte', async () => {
    // After a check, the user has taken over a result column for notes of their own.
    const checked = path.join(tmp, 'checked.xlsx');
    await runCheck(input, { out: checked });
    const parts = await unzipParts(checked);
    const sheet = text(parts, COHORT_PART).replace('<t>qualcheck: violations</t>', '<t>My notes</t>');
    parts.set(COHORT_PART, Buffer.from(sheet));
    const edited = path.join(tmp, 'typed.xlsx');
    await fs.writeFile(edited, await zipParts(parts));
    const out1 = path.join(tmp, 'typed-out1.xlsx');
    const out2 = path.join(tmp, 'typed-out2.xlsx');
    const run = await runCheck(edited, { out: out1 });
    assert.equal(run.written?.target, 'sheet');
    assert.match(run.written?.reason ?? '', /no longer as qualcheck wrote them/);
    const outParts = await unzipParts(out1);
    const bookkeeping = ['xl/workbook.xml', 'docProps/app.xml', ...BOOKKEEPING, STYLES_PART, RECORD_PARTS[1]];
    assertSameParts(parts, outParts, bookkeeping, 'results sheet');
    const added = [...outParts.keys()].filter((name) => !parts.has(name));
    assert.deepEqual(added, ['xl/worksheets/sheet3.xml']);
    const entry = (name: string, pattern: RegExp) => gainsOneEntry(parts, outParts, name, pattern);
    entry('xl/workbook.xml', /<sheet name="qualcheck results" sheetId="3" r:id="rId\d+"\/>/g);
    entry(
      'xl/_rels/workbook.xml.rels',
      /<Relationship Id="rId\d+" Type="[^"]*\/worksheet" Target="worksheets\/sheet3.xml"\/>/g,
    );
    entry('[Content_Types].xml', /<Override PartName="\/xl\/worksheets\/sheet3.xml" ContentType="[^"]*"\/>/g);
    // The list of sheets other programs show names it too.
    assert.equal(
      text(outParts, 'docProps/app.xml'),
      text(parts, 'docProps/app.xml')
        .replace('<vt:i4>2</vt:i4>', '<vt:i4>3</vt:i4>')
        .replace('<vt:vector size="2" baseType="lpstr">', '<vt:vector size="3" baseType="lpstr">')
        .replace(
          '<vt:lpstr>Expected</vt:lpstr>',
          '<vt:lpstr>Expected</vt:lpstr><vt:lpstr>qualcheck results</vt:lpstr>',
        ),
    );
    const results = cellsOf(await fs.readFile(out1), 'qualcheck results');
    assert.deepEqual(
      ['A1', 'B1', 'C1'].map((ref) => results.get(ref)?.v),
      ['Row', 'Learner ID', RESULT_HEADERS[0]],
    );
    assert.deepEqual(results.get('B2'), { t: 's', v: cellsOf(await fs.readFile(edited), 'Cohort').get('A2')?.v });

    // Checked again, the results sheet is reused: no second sheet, no second entry.
    await runCheck(out1, { out: out2 });
    const again = await unzipParts(out2);
    assertSameParts(outParts, again, ['xl/worksheets/sheet3.xml', STYLES_PART], 'second run to the results sheet');
    assert.deepEqual(cellsOf(await fs.readFile(out2), 'qualcheck results'), results);
  });

  it('keeps a cell a person typed into a result column, and names it, by the record of what qualcheck wrote', async () => {
    const checked = path.join(tmp, 'recorded.xlsx');
    await runCheck(input, { out: checked });
    const parts = await unzipParts(checked);
    const status = ownedColumns(cellsOf(await fs.readFile(checked), 'Cohort'))[
      RESULT_HEADERS.indexOf('qualcheck: status')
    ];
    const typed = 'agreed with IQA: achieved';
    const sheet = text(parts, COHORT_PART).replace(
      new RegExp(`(<c r="${status}3"[^>]*><is><t>)[^<]*(</t>)`),
      `$1${typed}$2`,
    );
    assert.notEqual(sheet, text(parts, COHORT_PART));
    parts.set(COHORT_PART, Buffer.from(sheet));
    const edited = path.join(tmp, 'recorded-typed.xlsx');
    await fs.writeFile(edited, await zipParts(parts));
    const out = path.join(tmp, 'recorded-out.xlsx');
    const run = await runCheck(edited, { out });
    assert.equal(run.written?.target, 'sheet');
    assert.match(run.written?.reason ?? '', new RegExp(`${status}3`));
    assert.equal(cellsOf(await fs.readFile(out), 'Cohort').get(`${status}3`)?.v, typed);
    assert.ok(
      (await unzipParts(out)).get(COHORT_PART)?.equals(parts.get(COHORT_PART) ?? Buffer.alloc(0)),
      'the cohort sheet is left as the person left it',
    );
  });
});
