// The writer's pieces on parts other programs write: prefixed SpreadsheetML (the Open XML SDK, ClosedXML), rows and
// cells without `r`, an empty sheetData, cells to replace in the middle of a row; styles.xml with and without dxfs;
// a custom XML part added and then replaced; a failed write that leaves nothing behind.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { findCustomXmlPart, findCustomXmlParts, putCustomXmlPart, putCustomXmlParts } from '../src/workbook/custom-xml';
import { WorkbookPackage } from '../src/workbook/package';
import { PackageEdit } from '../src/workbook/package-edit';
import { readWorkbookInfo } from '../src/workbook/parts';
import {
  patchSheet,
  RowSpansMismatch,
  sheetRows,
  type SheetWrites,
  type WrittenValue,
} from '../src/workbook/sheet-patch';
import { SheetRowSpans } from '../src/workbook/xml-elements';
import { tokenizeXml } from '../src/workbook/xml-tokenizer';
import { withDifferentialFormats } from '../src/workbook/styles-patch';
import { unzipParts, zipParts, type Parts } from './support/feature-workbook';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as the Open XML SDK writes it: every SpreadsheetML element with the `x:` prefix. */
function prefixedPackage(sheetData: string): Parts {
  const parts: Parts = new Map();
  const put = (name: string, xml: string) => parts.set(name, Buffer.from(xml));
  put(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  put(
    '_rels/.rels',
    `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${REL}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`,
  );
  put(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="${REL}" xmlns:x="${MAIN}"><x:sheets><x:sheet name="Cohort" sheetId="1" r:id="R2"/></x:sheets></x:workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R2"/></Relationships>`,
  );
  put(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${MAIN}">${sheetData}</x:worksheet>`,
  );
  return parts;
}

function writesOf(cells: Record<number, Record<number, WrittenValue>>): SheetWrites {
  const rows = new Map(
    Object.entries(cells).map(([row, values]) => [
      Number(row),
      new Map(Object.entries(values).map(([c, v]) => [Number(c), v])),
    ]),
  );
  return { rows: sheetRows(rows), formats: [], statusColumn: 3, widths: new Map() };
}

/** Where the rows of `xml` lie, as the reader notes them while it reads the sheet. */
function rowSpansOf(xml: string): SheetRowSpans {
  const spans = new SheetRowSpans();
  tokenizeXml(xml, spans);
  return spans;
}

async function patchedWith(xml: string, writes: SheetWrites, spans?: SheetRowSpans): Promise<string> {
  const bytes = Buffer.from(xml);
  // Fed a few bytes at a time, so every tag is cut by a chunk boundary somewhere.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5));
  const out: Buffer[] = [];
  for await (const piece of patchSheet(chunks, writes, spans)) out.push(piece);
  return Buffer.concat(out).toString('utf8');
}

/** The patched sheet, made alike by the writer's own scan and on the reader's row offsets. */
async function patched(xml: string, writes: SheetWrites): Promise<string> {
  const scanned = await patchedWith(xml, writes);
  assert.equal(await patchedWith(xml, writes, rowSpansOf(xml)), scanned, "the patch on the reader's offsets");
  return scanned;
}

/** A sheet's cells as SheetJS reads them from a package holding the patched sheet XML. */
async function cellsRead(parts: Parts, sheetXml: string): Promise<Record<string, unknown>> {
  const copy = new Map(parts);
  copy.set('xl/worksheets/sheet1.xml', Buffer.from(sheetXml));
  const workbook = XLSX.read(await zipParts(copy));
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  return Object.fromEntries(
    Object.entries(sheet)
      .filter(([k]) => !k.startsWith('!'))
      .map(([k, c]) => [k, (c as XLSX.CellObject).v]),
  );
}

describe('the sheet patch on sheets other programs write', () => {
  it('writes prefixed cells into a prefixed sheet, placing cells without r by the cells before them', async () => {
    const data =
      '<x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Learner</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c><x:c t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>L1</x:t></x:is></x:c></x:row></x:sheetData>';
    const parts = prefixedPackage(data);
    const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    // Column B of row 1 is qualcheck's from an earlier run; row 3 is new.
    const xml = await patched(sheet, writesOf({ 1: { 2: 'qualcheck: status' }, 2: { 2: 'achieved' }, 3: { 2: 12 } }));
    assert.doesNotMatch(
      xml.replace(/<\/?x:[^>]*>/g, '').replace(/<\?xml[^>]*\?>/, ''),
      /</,
      'every element carries the x: prefix',
    );
    assert.deepEqual(await cellsRead(parts, xml), {
      A1: 'Learner',
      B1: 'qualcheck: status',
      C1: 'note',
      A2: 'L1',
      B2: 'achieved',
      B3: 12,
    });
  });

  it('fills an empty sheetData and keeps what follows it in the schema order', async () => {
    const parts = prefixedPackage(
      '<x:sheetData/><x:mergeCells count="1"><x:mergeCell ref="D1:E1"/></x:mergeCells><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    );
    const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    const writes = writesOf({ 1: { 3: 'qualcheck: status' }, 2: { 3: 'invalid' } });
    writes.formats = [{ sqref: 'C2:C2', rules: [{ type: 'cellIs', formula: '"invalid"', dxfId: 0 }] }];
    const xml = await patched(sheet, writes);
    assert.match(
      xml,
      /<\/x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D1:E1"\/><\/x:mergeCells><x:conditionalFormatting sqref="C2:C2"><x:cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><x:formula>"invalid"<\/x:formula><\/x:cfRule><\/x:conditionalFormatting><x:pageMargins /,
    );
    assert.deepEqual(await cellsRead(parts, xml), { C1: 'qualcheck: status', C2: 'invalid' });
  });

  it('passes white space between rows on as it comes, holding none of it (time linear in its length)', async () => {
    const MB = 1024 * 1024;
    const run = Buffer.alloc(MB, 0x20);
    let received = 0;
    let pulled = 0;
    // The source checks, before each chunk it gives, that all but the last megabyte came out: text held back would be
    // searched again from its start with every chunk (the bad-zip-bomb.xlsx reproducer: quadratic).
    async function* source(): AsyncGenerator<Buffer> {
      yield Buffer.from(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`);
      for (; pulled < 64; pulled++) {
        assert.ok(received >= pulled * MB - MB, `${received} bytes out after ${pulled} MB of white space`);
        yield run;
      }
      yield Buffer.from('<row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>');
    }
    const out: Buffer[] = [];
    for await (const piece of patchSheet(source(), writesOf({ 2: { 2: 'on track' } }))) {
      received += piece.length;
      out.push(piece);
    }
    const xml = Buffer.concat(out).toString('utf8');
    assert.ok(xml.includes(`</row>${' '.repeat(64 * MB)}<row r="2">`), 'the white space is copied as it was');
    assert.match(
      xml,
      /<row r="2"><c r="A2"><v>2<\/v><\/c><c r="B2" t="inlineStr"><is><t>on track<\/t><\/is><\/c><\/row>/,
    );
  });

  it('replaces and empties cells in the middle of a row, keeping their style and every other cell', async () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="2" spans="1:4"><c r="A2"><v>1</v></c><c r="B2" s="4" t="inlineStr"><is><t>old</t></is></c><c r="C2"><v>9</v></c><c><v>10</v></c></row></sheetData></worksheet>`;
    const xml = await patched(sheet, writesOf({ 2: { 2: 'new & <better>', 3: null } }));
    assert.equal(
      xml,
      `<worksheet xmlns="${MAIN}"><sheetData><row r="2" spans="1:4"><c r="A2"><v>1</v></c><c r="B2" s="4" t="inlineStr"><is><t>new &amp; &lt;better&gt;</t></is></c><c r="D2"><v>10</v></c></row></sheetData></worksheet>`,
    );
  });

  it('reads the sheet as the reader does: a comment cut by a chunk, a CDATA text holding </c>', async () => {
    // The writer once had a scanner of its own, which read `<!-` at a chunk's end as a document type declaration
    // and ended a cell at a `</c>` inside CDATA; it now cuts the text at the reader's tokenizer's offsets.
    const cell = '<c r="A1" t="inlineStr"><is><t><![CDATA[a</c>b]]></t></is></c>';
    const sheet = `<worksheet xmlns="${MAIN}"><!-- made by hand --><sheetData><row r="1">${cell}</row></sheetData></worksheet>`;
    const xml = await patched(sheet, writesOf({ 1: { 2: 'ok' } }));
    assert.equal(
      xml,
      `<worksheet xmlns="${MAIN}"><!-- made by hand --><sheetData><row r="1">${cell}<c r="B1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>`,
    );
  });
});

describe("the sheet patch on the reader's row offsets", () => {
  it('writes the rows the reader found: white space between rows, a self-closing row, a row without r, a formula', async () => {
    const sheet =
      `<worksheet xmlns="${MAIN}"><sheetPr><outlinePr/></sheetPr><dimension ref="A1:B4"/><sheetData>\n` +
      '<row r="1"><c r="A1"><v>1</v></c><c r="D1"><v>4</v></c></row>\n<row r="2"/><row><c><v>3</v></c></row>' +
      '<row r="5" spans="1:1"><c r="A5"><f>1+1</f><v>2</v></c></row></sheetData><mergeCells count="1">' +
      '<mergeCell ref="A9:B9"/></mergeCells></worksheet>';
    const xml = await patched(
      sheet,
      writesOf({ 1: { 2: 'x' }, 2: { 2: 'y' }, 3: { 2: 7 }, 4: { 2: 'new' }, 5: { 2: null } }),
    );
    assert.match(xml, /<row r="1"><c r="A1"><v>1<\/v><\/c><c r="B1" t="inlineStr"><is><t>x<\/t><\/is><\/c><c r="D1">/);
    assert.match(xml, /<row r="4"><c r="B4" t="inlineStr"><is><t>new<\/t><\/is><\/c><\/row>/);
  });

  it('refuses offsets of other text rather than cut this one at them', async () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const other = `<worksheet xmlns="${MAIN}"><sheetData> <row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    await assert.rejects(patchedWith(sheet, writesOf({ 1: { 2: 'x' } }), rowSpansOf(other)), RowSpansMismatch);
  });
});

describe('the sheet patch on rows an earlier check wrote', () => {
  /** The patch made by patchRow alone: a UTF-16 part (with its byte order mark) takes no fast path. */
  async function patchedByRowReading(xml: string, writes: SheetWrites): Promise<string> {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const out: Buffer[] = [];
    for await (const piece of patchSheet([bytes], writes)) out.push(piece);
    return Buffer.concat(out)
      .toString('utf16le')
      .replace(/^\ufeff/, '');
  }
  const row = (cells: string, p = '') => `<${p}row r="2" spans="1:3">${cells}</${p}row>`;
  const sheetOf = (rows: string, p = '') =>
    p === ''
      ? `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`
      : `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>${rows}</x:sheetData></x:worksheet>`;
  const user = '<c r="A2" s="3"><v>1</v></c><c r="B2" t="s"><v>0</v></c>';
  const own =
    '<c r="C2"><v>5</v></c><c r="D2" t="inlineStr"><is><t>old</t></is></c><c r="F2" t="inlineStr"><is><t>x</t></is></c>';
  const writes = writesOf({ 2: { 3: 7, 4: 'new', 5: 'added', 6: null } });
  const rows: [string, string][] = [
    ['its own cells at the end, one now emptied and one added', row(user + own)],
    ['only its own cells', row(own)],
    ['white space before </row>', row(user + own + '\n  ')],
    ['self-closing cells of its own', row(user + '<c r="C2"/><c r="D2" t="n"/>')],
    ['a style on one of its cells, kept', row(user + '<c r="C2" s="2"><v>5</v></c>')],
    ['white space between cells', row(user + ' ' + own)],
    ['a cell of the user among its columns', row(user + '<c r="C2"><v>5</v></c><c r="E2" s="1"><v>8</v></c>')],
    ['its cells out of order', row(user + '<c r="D2"><v>5</v></c><c r="C2"><v>6</v></c>')],
    [
      'a CDATA text holding a cell',
      row(user + '<c r="C2" t="inlineStr"><is><t><![CDATA[<c r="B2">]]></t></is></c><c r="D2"><v>5</v></c>'),
    ],
    ['a comment holding a cell', row(user + '<c r="C2"><!-- <c r="B2"/> --><v>5</v></c><c r="D2"><v>5</v></c>')],
    ['a processing instruction holding a cell', row(user + '<c r="C2"><?pi <c r="B2"/> ?><v>5</v></c><c r="D2"/>')],
    ['a cell without r before them', row('<c><v>1</v></c>' + own)],
  ];
  for (const [what, xml] of rows) {
    it(`writes what reading the row cell by cell writes: ${what}`, async () => {
      const sheet = sheetOf(xml);
      assert.equal(await patched(sheet, writes), await patchedByRowReading(sheet, writes));
    });
  }

  it('writes what reading the row cell by cell writes in a prefixed sheet', async () => {
    const sheet = sheetOf(
      row(user.replace(/<(\/?)(c|v)\b/g, '<$1x:$2') + own.replace(/<(\/?)(c|v|is|t)\b/g, '<$1x:$2'), 'x:'),
      'x:',
    );
    const xml = await patched(sheet, writes);
    assert.equal(xml, await patchedByRowReading(sheet, writes));
    assert.match(xml, /<x:c r="E2" t="inlineStr"><x:is><x:t>added<\/x:t><\/x:is><\/x:c><\/x:row>/);
  });
});

describe('styles.xml gains only the dxfs it lacks', () => {
  const formats = [{ fill: '#C6EFCE', font: '#006100' }];
  it('adds <dxfs> after cellStyles when there is none, and reuses it the next time', () => {
    const styles = `<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><tableStyles count="0"/></styleSheet>`;
    const first = withDifferentialFormats(styles, formats);
    assert.deepEqual(first.ids, [0]);
    assert.match(first.xml, /<\/cellStyles><dxfs count="1"><dxf>.*<\/dxf><\/dxfs><tableStyles/);
    assert.deepEqual(withDifferentialFormats(first.xml, formats), first);
  });

  it('reuses a dxf Excel wrote the same way, whitespace and all', () => {
    const styles = `<styleSheet xmlns="${MAIN}"><dxfs count="2"><dxf><font><b/></font></dxf><dxf>\n  <font><color rgb="FF006100"/></font>\n  <fill><patternFill><bgColor rgb="FFC6EFCE"/></patternFill></fill>\n</dxf></dxfs></styleSheet>`;
    assert.deepEqual(withDifferentialFormats(styles, formats), { xml: styles, ids: [1] });
  });
});

describe('the package copy', function () {
  this.timeout(30_000);
  let tmp: string;
  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-edit-'));
  });
  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('leaves neither the copy nor a temporary file when a part fails while it is written', async () => {
    const bytes = await zipParts(prefixedPackage('<x:sheetData/>'));
    const pkg = await WorkbookPackage.open(bytes);
    const edit = new PackageEdit(pkg);
    edit.setContent('xl/worksheets/sheet1.xml', async function* (original) {
      for await (const chunk of original) {
        yield chunk;
        throw new Error('disk trouble');
      }
    });
    const out = path.join(tmp, 'never.xlsx');
    await assert.rejects(edit.write(bytes, out));
    pkg.close();
    assert.deepEqual(await fs.readdir(tmp), []);
  });

  it('adds a custom XML part found again by its namespace, and replaces it on the next write', async () => {
    const ns = 'urn:example:qualcheck-record';
    const bytes = await zipParts(prefixedPackage('<x:sheetData/>'));
    const write = async (input: Buffer, record: string, out: string) => {
      const pkg = await WorkbookPackage.open(input);
      const info = await readWorkbookInfo(pkg);
      assert.ok(info);
      const edit = new PackageEdit(pkg);
      const part = await putCustomXmlPart(
        edit,
        info,
        ns,
        `<?xml version="1.0"?><record xmlns="${ns}"><cell ref="B2">${record}</cell></record>`,
      );
      await edit.write(input, out);
      pkg.close();
      return part;
    };
    const first = path.join(tmp, 'record1.xlsx');
    const second = path.join(tmp, 'record2.xlsx');
    assert.equal(await write(bytes, 'one', first), 'customXml/item1.xml');
    assert.equal(await write(await fs.readFile(first), 'two', second), 'customXml/item1.xml');
    const [a, b] = [await unzipParts(first), await unzipParts(second)];
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), 'no second part on the second write');
    for (const name of [
      'customXml/itemProps1.xml',
      'customXml/_rels/item1.xml.rels',
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
    ]) {
      assert.ok(a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0)), `${name} is written once`);
    }
    const pkg = await WorkbookPackage.open(await fs.readFile(second));
    const info = await readWorkbookInfo(pkg);
    assert.ok(info);
    assert.match((await findCustomXmlPart(pkg, info, ns))?.xml ?? '', /<cell ref="B2">two<\/cell>/);
    pkg.close();
    assert.ok(XLSX.read(await fs.readFile(second)).Sheets.Cohort, 'another reader opens it');
  });

  it('puts several parts of a family at once, replaces them, and leaves one no longer written empty', async () => {
    const ns = (n: number) => `urn:example:qualcheck-record:${n}`;
    const family = (namespace: string) => namespace.startsWith('urn:example:qualcheck-record:');
    const part = (n: number, text: string) => ({
      namespace: ns(n),
      xml: `<?xml version="1.0"?><record xmlns="${ns(n)}">${text}</record>`,
    });
    const bytes = await zipParts(prefixedPackage('<x:sheetData/>'));
    const write = async (input: Buffer, parts: { namespace: string; xml: string }[], out: string) => {
      const pkg = await WorkbookPackage.open(input);
      const info = await readWorkbookInfo(pkg);
      assert.ok(info);
      const edit = new PackageEdit(pkg);
      await putCustomXmlParts(edit, info, parts, family);
      await edit.write(input, out);
      pkg.close();
    };
    const read = async (file: string) => {
      const pkg = await WorkbookPackage.open(await fs.readFile(file));
      const info = await readWorkbookInfo(pkg);
      assert.ok(info);
      const found = await findCustomXmlParts(pkg, info, family);
      pkg.close();
      return found.map((f) => [f.namespace, f.xml.replace(/^<\?xml[^>]*\?>\s*/, '')]);
    };
    const first = path.join(tmp, 'parts1.xlsx');
    const second = path.join(tmp, 'parts2.xlsx');
    await write(bytes, [part(0, 'a'), part(1, 'b'), part(2, 'c')], first);
    assert.deepEqual(await read(first), [
      [ns(0), `<record xmlns="${ns(0)}">a</record>`],
      [ns(1), `<record xmlns="${ns(1)}">b</record>`],
      [ns(2), `<record xmlns="${ns(2)}">c</record>`],
    ]);
    await write(await fs.readFile(first), [part(0, 'A'), part(1, 'B')], second);
    assert.deepEqual(await read(second), [
      [ns(0), `<record xmlns="${ns(0)}">A</record>`],
      [ns(1), `<record xmlns="${ns(1)}">B</record>`],
      [ns(2), `<empty xmlns="${ns(2)}"/>`],
    ]);
    assert.ok(XLSX.read(await fs.readFile(second)).Sheets.Cohort, 'another reader opens it');
  });
});
