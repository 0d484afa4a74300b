// A cohort workbook that carries every feature a checked copy must keep: comments with authors, data validation
// (one over whole unit columns), hyperlinks (to a web page and to a cell), defined names (global, sheet-scoped,
// hidden), a merged note right beside the data, a table, a user's conditional format, column widths, and parts
// qualcheck knows nothing of (a chart, an image, VBA, custom XML, threaded comments and their persons). It starts from
// the sample cohort (made by exceljs) and adds the rest as hand-written XML, the way Excel writes it.
import { promises as fs } from 'node:fs';
import yazl from 'yazl';
import { columnLetters } from '../../src/sheet/address';
import { WorkbookPackage } from '../../src/workbook/package';

export type Parts = Map<string, Buffer>;

export async function unzipParts(file: string | Buffer): Promise<Parts> {
  const pkg = await WorkbookPackage.open(Buffer.isBuffer(file) ? file : await fs.readFile(file));
  try {
    const parts: Parts = new Map();
    for (const name of pkg.partNames()) parts.set(name, await pkg.readBytes(name));
    return parts;
  } finally {
    pkg.close();
  }
}

export function zipParts(parts: Parts): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of parts) zip.addBuffer(bytes, name, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The texts of the first `count` header cells of the sample's cohort sheet (shared strings). */
function headerTexts(parts: Parts, count: number): string[] {
  const shared = [...(parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>(.*?)<\/si>/gs)].map(
    (m) => [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''),
  );
  const sheet = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  return Array.from({ length: count }, (_, i) => {
    const ref = `${columnLetters(i + 1)}1`;
    const m = new RegExp(`<c r="${ref}"[^>]*t="s"[^>]*><v>(\\d+)</v>`).exec(sheet);
    if (!m) throw new Error(`fixture: no shared string in ${ref}`);
    return shared[Number(m[1])];
  });
}

function edit(parts: Parts, name: string, change: (text: string) => string): void {
  const before = parts.get(name)?.toString('utf8');
  if (before === undefined) throw new Error(`fixture: no part ${name}`);
  const after = change(before);
  if (after === before) throw new Error(`fixture: ${name} did not change`);
  parts.set(name, Buffer.from(after, 'utf8'));
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const MERGED_NOTE = 'see IQA report (merged note)';
/** Where the merged note sits: right beside the sample's last column (AU), over two columns. */
export const MERGED_NOTE_RANGE = 'AV13:AW13';

export const OPAQUE_PARTS = [
  'xl/charts/chart1.xml',
  'xl/media/image1.png',
  'xl/vbaProject.bin',
  'customXml/item1.xml',
  'customXml/itemProps1.xml',
  'xl/threadedComments/threadedComment1.xml',
  'xl/persons/person.xml',
];

export async function featureWorkbook(sample: string, options: { validationRows?: string } = {}): Promise<Buffer> {
  const parts = await unzipParts(sample);
  const rows = options.validationRows ?? '1048576';
  edit(parts, 'xl/worksheets/sheet1.xml', (xml) =>
    xml
      .replace(/(<row r="13"[^>]*>.*?)(<\/row>)/, `$1<c r="AV13" t="inlineStr"><is><t>${MERGED_NOTE}</t></is></c>$2`)
      .replace(
        '</sheetData>',
        '</sheetData>' +
          `<mergeCells count="1"><mergeCell ref="${MERGED_NOTE_RANGE}"/></mergeCells>` +
          '<conditionalFormatting sqref="A2:A35"><cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="CC"><formula>NOT(ISERROR(SEARCH("CC",A2)))</formula></cfRule></conditionalFormatting>' +
          `<dataValidations count="2"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="F2:AU${rows}"><formula1>"A,P,x"</formula1></dataValidation>` +
          '<dataValidation type="whole" allowBlank="1" sqref="E2:E35"><formula1>0</formula1><formula2>99999</formula2></dataValidation></dataValidations>' +
          '<hyperlinks><hyperlink ref="A2" r:id="rIdLink" display="learner file"/><hyperlink ref="A3" location="Expected!A1" display="see expected"/></hyperlinks>',
      )
      .replace(
        '</worksheet>',
        '<legacyDrawing r:id="rIdVml"/><tableParts count="1"><tablePart r:id="rIdTable"/></tableParts></worksheet>',
      ),
  );
  parts.set(
    'xl/worksheets/_rels/sheet1.xml.rels',
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="https://example.org/learners/CC001" TargetMode="External"/>` +
        `<Relationship Id="rIdVml" Type="${REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>` +
        `<Relationship Id="rIdComments" Type="${REL}/comments" Target="../comments1.xml"/>` +
        `<Relationship Id="rIdTable" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`,
    ),
  );
  parts.set(
    'xl/comments1.xml',
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<authors><author>Priya Shah (IQA)</author><author>tutor</author></authors><commentList>' +
        '<comment ref="B4" authorId="0"><text><r><rPr><b/></rPr><t>Priya Shah (IQA):</t></r><r><t xml:space="preserve">\nchecked portfolio</t></r></text></comment>' +
        '<comment ref="F6" authorId="1"><text><t>resubmitted 3 May</t></text></comment></commentList></comments>',
    ),
  );
  parts.set(
    'xl/drawings/vmlDrawing1.vml',
    Buffer.from(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>3</x:Row><x:Column>1</x:Column></x:ClientData></v:shape>' +
        '<v:shape id="_x0000_s1026" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>5</x:Row><x:Column>5</x:Column></x:ClientData></v:shape></xml>',
    ),
  );
  const header = headerTexts(parts, 47);
  const columns = header.map((name, i) => `<tableColumn id="${i + 1}" name="${name}"/>`).join('');
  parts.set(
    'xl/tables/table1.xml',
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Learners" displayName="Learners" ref="A1:AU35" totalsRowShown="0">' +
        `<autoFilter ref="A1:AU35"/><tableColumns count="${header.length}">${columns}</tableColumns>` +
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
    ),
  );
  edit(parts, 'xl/workbook.xml', (xml) =>
    xml.replace(
      '</sheets>',
      '</sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Cohort!$A$1:$AU$35</definedName>' +
        '<definedName name="LearnerIds">Cohort!$A$2:$A$35</definedName><definedName name="Checked" localSheetId="1">Expected!$A$1</definedName>' +
        '<definedName name="Secret" hidden="1">Cohort!$B$2</definedName></definedNames>',
    ),
  );
  // Some dxf of the user's own, which their conditional format uses and qualcheck's must not take.
  edit(parts, 'xl/styles.xml', (xml) =>
    xml.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><font><b/><color rgb="FF7030A0"/></font></dxf></dxfs>'),
  );
  edit(parts, '[Content_Types].xml', (xml) =>
    xml.replace(
      '</Types>',
      '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' +
        '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>' +
        '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
        '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
        '<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>' +
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>',
    ),
  );
  parts.set(
    'xl/charts/chart1.xml',
    Buffer.from(
      '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea/></c:chart></c:chartSpace>',
    ),
  );
  parts.set('xl/media/image1.png', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
  parts.set('xl/vbaProject.bin', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)));
  parts.set(
    'customXml/item1.xml',
    Buffer.from('<?xml version="1.0"?><centre xmlns="urn:example:centre"><name>North College</name></centre>'),
  );
  parts.set(
    'customXml/itemProps1.xml',
    Buffer.from(
      '<?xml version="1.0"?><ds:datastoreItem ds:itemID="{6D2B1C3E-0000-4000-8000-000000000001}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="urn:example:centre"/></ds:schemaRefs></ds:datastoreItem>',
    ),
  );
  parts.set(
    'xl/threadedComments/threadedComment1.xml',
    Buffer.from(
      '<?xml version="1.0"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="C5" dT="2024-05-03T10:00:00.00" personId="{1}" id="{2}"><text>Is this the right unit?</text></threadedComment></ThreadedComments>',
    ),
  );
  parts.set(
    'xl/persons/person.xml',
    Buffer.from(
      '<?xml version="1.0"?><personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Priya Shah" id="{1}" userId="priya" providerId="None"/></personList>',
    ),
  );
  return zipParts(parts);
}
