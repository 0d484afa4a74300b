// A cohort workbook file as Excel writes one, built from XML strings: learners x (6 learner fields + units), text in
// the shared string table, dates of birth as serials with a date style, a unit mark in about one unit cell in four.
// For the file-layer benches (reading here; writing a checked copy may use the same file).
import yazl from 'yazl';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const QCF_LETTERS = 'ADFHJKLMRTY';

export interface CohortFileShape {
  learners: number;
  units: number;
}

/** Unit refs the file's header uses, `A/600/1000` on. */
export function unitRefs(units: number): string[] {
  return Array.from({ length: units }, (_, i) => `${QCF_LETTERS[i % QCF_LETTERS.length]}/600/${String(1000 + i)}`);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MARKS = ['A', 'P', 'Ach', 'x', 'IP', 'A', 'P', 'Y'];

export function cohortSheetXml(shape: CohortFileShape, strings: Map<string, number>): string {
  const shared = (text: string): number => {
    let index = strings.get(text);
    if (index === undefined) {
      index = strings.size;
      strings.set(text, index);
    }
    return index;
  };
  const columns = shape.units + 6;
  const letters = Array.from({ length: columns }, (_, i) => columnName(i));
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${letters[columns - 1]}${shape.learners + 1}"/><sheetData>`,
  ];
  const header = [
    'Learner ID',
    'First name',
    'Last name',
    'ULN',
    'Date of birth',
    'Qualification',
    ...unitRefs(shape.units),
  ];
  parts.push(
    `<row r="1">${header.map((h, c) => `<c r="${letters[c]}1" t="s"><v>${shared(h)}</v></c>`).join('')}</row>`,
  );
  for (let i = 0; i < shape.learners; i++) {
    const r = i + 2;
    let row = `<row r="${r}">`;
    row += `<c r="A${r}" t="s"><v>${shared(`L${100000 + i}`)}</v></c>`;
    row += `<c r="B${r}" t="s"><v>${shared(['Ann', 'Ben', 'Chloe', 'Dev'][i % 4])}</v></c>`;
    row += `<c r="C${r}" t="s"><v>${shared(['Smith', 'Jones', 'Patel', 'Khan', 'Lee'][i % 5])}</v></c>`;
    row += `<c r="D${r}"><v>${9276308686 + i}</v></c>`;
    row += `<c r="E${r}" s="1"><v>${32874 + (i % 3650)}</v></c>`;
    row += `<c r="F${r}" t="s"><v>${shared('600/9999/1')}</v></c>`;
    for (let u = 0; u < shape.units; u++) {
      if ((i + u * 7) % 4 !== 0) continue;
      row += `<c r="${letters[u + 6]}${r}" t="s"><v>${shared(MARKS[(i + u) % MARKS.length])}</v></c>`;
    }
    parts.push(`${row}</row>`);
  }
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

/** The whole package as bytes. */
export async function cohortFile(shape: CohortFileShape): Promise<Buffer> {
  const strings = new Map<string, number>();
  const sheet = cohortSheetXml(shape, strings);
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`;
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Cohort" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/sharedStrings.xml': sst,
  };
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files))
    zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: new Date(Date.UTC(2013, 0, 1)) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
