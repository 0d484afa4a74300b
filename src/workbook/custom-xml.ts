// A custom XML part of qualcheck's own (for the ownership record of the cells it wrote, README "Whose cell it is"), found again by the namespace of
// its root element, as Office.js finds one (workbook.customXmlParts.getByNamespace). A person does not trip over it:
// Excel shows custom XML nowhere, and keeps it when it saves.
import { randomUUID } from 'node:crypto';
import { ElementSpans, escapeAttribute, rootElement } from './xml-elements';
import { XmlTokenizer } from './xml-tokenizer';
import type { PackageEdit } from './package-edit';
import {
  relationshipType,
  relativeTarget,
  withOverrides,
  withRelationship,
  withRelationships,
  freePartName,
  XML_DECLARATION,
} from './package-entries';
import { damaged } from './errors';
import { relationshipsPartOf } from './parts';
import type { WorkbookPackage } from './package';
import type { WorkbookInfo } from './parts';

const DATASTORE_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';
const PROPERTIES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

/** The namespace of a part's root element. */
function rootNamespace(xml: string): string | undefined {
  const root = rootElement(xml);
  return root.namespaces[root.prefix.replace(/:$/, '')];
}

/**
 * The namespace of the root element of a part qualcheck made (a part of its record), read from the part's start: the
 * record of 50,000 learners is 200 parts, which need not be read through to name their roots.
 */
function madeRootNamespace(xml: string): string | undefined {
  const spans = new ElementSpans(1);
  const tokenizer = new XmlTokenizer(spans);
  for (let at = 0; at < xml.length && spans.top.length === 0; at += 1024) tokenizer.write(xml.slice(at, at + 1024));
  const root = spans.top[0];
  return root ? root.namespaces[root.prefix.replace(/:$/, '')] : rootNamespace(xml);
}

/** The custom XML parts whose root element's namespace `accept` takes, with that namespace and their text. */
export async function findCustomXmlParts(
  pkg: WorkbookPackage | PackageEdit,
  info: WorkbookInfo,
  accept: (namespace: string) => boolean,
): Promise<{ part: string; namespace: string; xml: string }[]> {
  const found: { part: string; namespace: string; xml: string }[] = [];
  for (const rel of info.relationships) {
    if (rel.type !== 'customXml' || rel.part === undefined) continue;
    const read =
      'text' in pkg ? await pkg.text(rel.part) : pkg.has(rel.part) ? await pkg.readText(rel.part) : undefined;
    if (read === undefined) continue;
    let namespace: string | undefined;
    try {
      namespace = rootNamespace(read);
    } catch {
      // Someone else's part that is not XML is theirs to mend; it is not qualcheck's record.
    }
    if (namespace !== undefined && accept(namespace)) found.push({ part: rel.part, namespace, xml: read });
  }
  return found;
}

/** Where the custom XML part whose root is in `namespace` is, and its text; undefined when there is none. */
export async function findCustomXmlPart(
  pkg: WorkbookPackage | PackageEdit,
  info: WorkbookInfo,
  namespace: string,
): Promise<{ part: string; xml: string } | undefined> {
  return (await findCustomXmlParts(pkg, info, (ns) => ns === namespace))[0];
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
  return addCustomXmlPart(edit, info, namespace, xml);
}

/**
 * Puts several parts at once (each in its own namespace, found in one pass over the package's parts): each in place of
 * the part of its namespace, else new. A part of a namespace `family` takes that is not among them is left with its
 * root element alone, an empty part nobody reads (a copy never drops a part of the package).
 */
export async function putCustomXmlParts(
  edit: PackageEdit,
  info: WorkbookInfo,
  parts: readonly { namespace: string; xml: string }[],
  family: (namespace: string) => boolean,
): Promise<void> {
  const found = new Map<string, string>();
  const leftOver: { part: string; namespace: string }[] = [];
  for (const f of await findCustomXmlParts(edit, info, family)) {
    if (found.has(f.namespace)) leftOver.push(f);
    else found.set(f.namespace, f.part);
  }
  const written = new Set<string>();
  const added: { namespace: string; xml: string }[] = [];
  for (const { namespace, xml } of parts) {
    if (madeRootNamespace(xml) !== namespace) throw new Error(`a part's root element is not in ${namespace}`);
    written.add(namespace);
    const part = found.get(namespace);
    if (part !== undefined) edit.setText(part, xml);
    else added.push({ namespace, xml });
  }
  await addCustomXmlParts(edit, info, added);
  for (const [namespace, part] of found) if (!written.has(namespace)) leftOver.push({ part, namespace });
  for (const { part, namespace } of leftOver)
    edit.setText(part, `${XML_DECLARATION}<empty xmlns="${escapeAttribute(namespace)}"/>`);
}

async function addCustomXmlPart(
  edit: PackageEdit,
  info: WorkbookInfo,
  namespace: string,
  xml: string,
): Promise<string> {
  return (await addCustomXmlParts(edit, info, [{ namespace, xml }]))[0];
}

/**
 * New `customXml/itemN.xml` parts, each with its properties part and relationships, and the workbook's relationships
 * and content types for all of them: the same parts, names and text as adding them one at a time, but the shared
 * parts read and rewritten once (the ownership record of a large sheet is hundreds of parts; one at a time, each read
 * the content types again).
 */
async function addCustomXmlParts(
  edit: PackageEdit,
  info: WorkbookInfo,
  parts: readonly { namespace: string; xml: string }[],
): Promise<string[]> {
  if (parts.length === 0) return [];
  const relsPart = relationshipsPartOf(info.part);
  const contentTypesPart = '[Content_Types].xml';
  const relsBefore = await edit.text(relsPart);
  const typesBefore = await edit.text(contentTypesPart);
  if (typesBefore === undefined) throw damaged('it has no [Content_Types].xml');
  const types = info.relationships.map((r) => r.typeUri);
  const taken = new Set(edit.partNames().map((name) => name.toLowerCase()));
  const items: string[] = [];
  const overrides: { partName: string; contentType: string }[] = [];
  for (const { namespace, xml } of parts) {
    const item = freePartName(taken, 'customXml/item', '.xml');
    const n = /(\d+)\.xml$/.exec(item)?.[1] ?? '1';
    const properties = `customXml/itemProps${n}.xml`;
    const itemRels = `customXml/_rels/item${n}.xml.rels`;
    for (const name of [item, properties, itemRels]) taken.add(name.toLowerCase());
    edit.setText(item, xml);
    const datastore = `<ds:datastoreItem ds:itemID="{${randomUUID().toUpperCase()}}" xmlns:ds="${DATASTORE_NS}"><ds:schemaRefs><ds:schemaRef ds:uri="${escapeAttribute(namespace)}"/></ds:schemaRefs></ds:datastoreItem>`;
    edit.setText(properties, `${XML_DECLARATION}${datastore}`);
    edit.setText(
      itemRels,
      withRelationship(undefined, relationshipType(types, 'customXmlProps'), `itemProps${n}.xml`).xml,
    );
    if (items.length === 0) {
      // Held in the edit's order where one-at-a-time adding first changed them; their text is put below.
      edit.setText(relsPart, relsBefore ?? '');
      edit.setText(contentTypesPart, typesBefore);
    }
    items.push(item);
    overrides.push({ partName: item, contentType: 'application/xml' });
    overrides.push({ partName: properties, contentType: PROPERTIES_CONTENT_TYPE });
  }
  const type = relationshipType(types, 'customXml');
  const rels = withRelationships(
    relsBefore,
    items.map((item) => ({ type, target: relativeTarget(info.part, item) })),
  );
  edit.setText(relsPart, rels.xml);
  edit.setText(contentTypesPart, withOverrides(typesBefore, overrides));
  return items;
}
