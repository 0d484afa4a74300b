// A custom XML part of qualcheck's own (for the ownership record of the cells it wrote, README "Whose cell it is"), found again by the namespace of
// its root element, as Office.js finds one (workbook.customXmlParts.getByNamespace). A person does not trip over it:
// Excel shows custom XML nowhere, and keeps it when it saves.
import { randomUUID } from 'node:crypto';
import { escapeAttribute, rootElement } from './xml-elements';
import { addWorkbookPart, type PackageEdit } from './package-edit';
import { relationshipType, withOverride, withRelationship, freePartName, XML_DECLARATION } from './package-entries';
import type { WorkbookPackage } from './package';
import type { WorkbookInfo } from './parts';

const DATASTORE_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';
const PROPERTIES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

/** The namespace of a part's root element. */
function rootNamespace(xml: string): string | undefined {
  const root = rootElement(xml);
  return root.namespaces[root.prefix.replace(/:$/, '')];
}

/** Where the custom XML part whose root is in `namespace` is, and its text; undefined when there is none. */
export async function findCustomXmlPart(
  pkg: WorkbookPackage | PackageEdit,
  info: WorkbookInfo,
  namespace: string,
): Promise<{ part: string; xml: string } | undefined> {
  for (const rel of info.relationships) {
    if (rel.type !== 'customXml' || rel.part === undefined) continue;
    const read =
      'text' in pkg ? await pkg.text(rel.part) : pkg.has(rel.part) ? await pkg.readText(rel.part) : undefined;
    if (read === undefined) continue;
    try {
      if (rootNamespace(read) === namespace) return { part: rel.part, xml: read };
    } catch {
      // Someone else's part that is not XML is theirs to mend; it is not qualcheck's record.
    }
  }
  return undefined;
}

/**
 * Puts `xml` (a document whose root element is in `namespace`) into the copy: in place of the part an earlier run
 * wrote, else as a new `customXml/itemN.xml` with its properties part, relationships and content types.
 */
export async function putCustomXmlPart(
  edit: PackageEdit,
  info: WorkbookInfo,
  namespace: string,
  xml: string,
): Promise<string> {
  if (rootNamespace(xml) !== namespace) throw new Error(`the record's root element is not in ${namespace}`);
  const found = await findCustomXmlPart(edit, info, namespace);
  if (found) {
    edit.setText(found.part, xml);
    return found.part;
  }
  const item = freePartName(edit.partNames(), 'customXml/item', '.xml');
  const n = /(\d+)\.xml$/.exec(item)?.[1] ?? '1';
  const properties = `customXml/itemProps${n}.xml`;
  edit.setText(item, xml);
  const datastore = `<ds:datastoreItem ds:itemID="{${randomUUID().toUpperCase()}}" xmlns:ds="${DATASTORE_NS}"><ds:schemaRefs><ds:schemaRef ds:uri="${escapeAttribute(namespace)}"/></ds:schemaRefs></ds:datastoreItem>`;
  edit.setText(properties, `${XML_DECLARATION}${datastore}`);
  const types = info.relationships.map((r) => r.typeUri);
  edit.setText(
    `customXml/_rels/item${n}.xml.rels`,
    withRelationship(undefined, relationshipType(types, 'customXmlProps'), `itemProps${n}.xml`).xml,
  );
  await addWorkbookPart(edit, info, item, 'customXml', 'application/xml');
  const contentTypes = await edit.text('[Content_Types].xml');
  if (contentTypes !== undefined)
    edit.setText('[Content_Types].xml', withOverride(contentTypes, properties, PROPERTIES_CONTENT_TYPE));
  return item;
}
