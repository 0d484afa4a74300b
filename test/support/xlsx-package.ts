// Small .xlsx packages built from XML strings, for testing the workbook reader on exactly the markup other programs
// write (a prefix on every element, a table part named by an absolute path, a row without `r`).
import yazl from 'yazl';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Zips the parts as they are given (text as UTF-8), deflated as Excel does. */
export async function zipParts(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts)) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name, {
      mtime: new Date(Date.UTC(2020, 0, 1)),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function relationships(rels: { id: string; type: string; target: string; external?: boolean }[]): string {
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${REL_NS}/${r.type}" Target="${r.target}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('')}</Relationships>`;
}

export interface SheetSpec {
  name: string;
  /** The `<sheetData>` and anything else inside `<worksheet>`. */
  xml: string;
  /** The whole part instead, as it is to be stored. */
  part?: string | Buffer;
  /** Extra parts the sheet's rels name (`{ id, type, target }`), with their content keyed by package path. */
  rels?: { id: string; type: string; target: string }[];
}

export interface PackageSpec {
  sheets: SheetSpec[];
  /** Shared strings in order (plain text items), or a whole `sst` part. */
  sharedStrings?: string[] | string;
  /** A whole styles part. */
  styles?: string;
  /** Put inside `<workbookPr .../>`: e.g. `date1904="true"`. */
  workbookPr?: string;
  /** Further parts, by path. */
  parts?: Record<string, string | Buffer>;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A package laid out as Excel lays one out (xl/workbook.xml, xl/worksheets/sheetN.xml). */
export async function workbookPackage(spec: PackageSpec): Promise<Buffer> {
  const parts: Record<string, string | Buffer> = {
    '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    '_rels/.rels': relationships([{ id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' }]),
  };
  const workbookRels: { id: string; type: string; target: string }[] = [];
  spec.sheets.forEach((sheet, i) => {
    workbookRels.push({ id: `rId${i + 1}`, type: 'worksheet', target: `worksheets/sheet${i + 1}.xml` });
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      sheet.part ?? `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${sheet.xml}</worksheet>`;
    if (sheet.rels) parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = relationships(sheet.rels);
  });
  if (spec.sharedStrings !== undefined) {
    workbookRels.push({ id: 'rIdS', type: 'sharedStrings', target: 'sharedStrings.xml' });
    parts['xl/sharedStrings.xml'] =
      typeof spec.sharedStrings === 'string'
        ? spec.sharedStrings
        : `${XML_HEAD}<sst xmlns="${MAIN_NS}">${spec.sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`;
  }
  if (spec.styles !== undefined) {
    workbookRels.push({ id: 'rIdY', type: 'styles', target: 'styles.xml' });
    parts['xl/styles.xml'] = spec.styles;
  }
  parts['xl/_rels/workbook.xml.rels'] = relationships(workbookRels);
  parts['xl/workbook.xml'] =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${spec.workbookPr ? `<workbookPr ${spec.workbookPr}/>` : ''}<sheets>${spec.sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`;
  return zipParts({ ...parts, ...spec.parts });
}

/** A styles part whose cellXfs give each listed number format code (index 0 is General). */
export function stylesWith(formats: string[]): string {
  const custom = formats
    .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(code).replace(/"/g, '&quot;')}"/>`)
    .join('');
  const xfs = [
    '<xf numFmtId="0"/>',
    ...formats.map((_, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`),
  ].join('');
  return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><numFmts count="${formats.length}">${custom}</numFmts><cellXfs count="${formats.length + 1}">${xfs}</cellXfs></styleSheet>`;
}
