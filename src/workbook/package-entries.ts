// The package's bookkeeping for a part qualcheck adds: a sheet's entry in workbook.xml, a relationship, a content
// type. Each is a change of text that keeps the rest of the part as it was written.
import {
  escapeAttribute,
  escapeText,
  findElement,
  opened,
  prefixFor,
  rootElement,
  withAttribute,
  type ElementSpan,
} from './xml-elements';
import { XmlSyntaxError } from './xml-tokens';

export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_RELATIONSHIPS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const STYLES_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Puts `text` at the end of the element's content (opening an empty element first). */
function appendChild(xml: string, span: ElementSpan, text: string): string {
  const open = opened(xml, span);
  return (
    xml.slice(0, span.start) +
    open.text.slice(0, open.contentEnd) +
    text +
    open.text.slice(open.contentEnd) +
    xml.slice(span.end)
  );
}

/** The type URI for a relationship kind (`worksheet`, `styles`, `customXml`) in the namespace the package already uses. */
export function relationshipType(existingTypes: readonly string[], kind: string): string {
  const strict = existingTypes.some((t) => t.startsWith(STRICT_RELATIONSHIPS));
  return `${strict ? STRICT_RELATIONSHIPS : OFFICE_RELATIONSHIPS}/${kind}`;
}

/** A relationships part with one more relationship (a new part when `rels` is undefined), and the id it got. */
export function withRelationship(rels: string | undefined, type: string, target: string): { xml: string; id: string } {
  const source = rels ?? `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS_NS}"></Relationships>`;
  const root = rootElement(source);
  const p = root.prefix;
  const ids = new Set(root.children.map((r) => r.attributes.Id));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const entry = `<${p}Relationship Id="${id}" Type="${escapeAttribute(type)}" Target="${escapeAttribute(target)}"/>`;
  return { xml: appendChild(source, root, entry), id };
}

/**
 * A relationships part with several more relationships, and the ids they got: the same text and ids as adding them one
 * by one with `withRelationship`, the part read once (a record of hundreds of parts made it quadratic).
 */
export function withRelationships(
  rels: string | undefined,
  entries: readonly { type: string; target: string }[],
): { xml: string; ids: string[] } {
  const source = rels ?? `${XML_DECLARATION}<Relationships xmlns="${RELATIONSHIPS_NS}"></Relationships>`;
  if (entries.length === 0) return { xml: source, ids: [] };
  const root = rootElement(source);
  const p = root.prefix;
  const taken = new Set(root.children.map((r) => r.attributes.Id));
  const ids: string[] = [];
  let added = '';
  for (const { type, target } of entries) {
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    taken.add(id);
    ids.push(id);
    added += `<${p}Relationship Id="${id}" Type="${escapeAttribute(type)}" Target="${escapeAttribute(target)}"/>`;
  }
  return { xml: appendChild(source, root, added), ids };
}

/** [Content_Types].xml with an Override for each part that has none: as `withOverride` one by one, read once. */
export function withOverrides(
  contentTypes: string,
  entries: readonly { partName: string; contentType: string }[],
): string {
  const root = rootElement(contentTypes);
  const listed = new Set<string>();
  for (const child of root.children) {
    const name = child.attributes.PartName;
    if (child.local === 'Override' && name !== undefined) listed.add(name.toLowerCase());
  }
  const p = root.prefix;
  let added = '';
  for (const { partName, contentType } of entries) {
    const wanted = `/${partName}`.toLowerCase();
    if (listed.has(wanted)) continue;
    listed.add(wanted);
    added += `<${p}Override PartName="/${escapeAttribute(partName)}" ContentType="${escapeAttribute(contentType)}"/>`;
  }
  return added === '' ? contentTypes : appendChild(contentTypes, root, added);
}

/** [Content_Types].xml with an Override for `partName` (a part name without its leading slash), unless it has one. */
export function withOverride(contentTypes: string, partName: string, contentType: string): string {
  return withOverrides(contentTypes, [{ partName, contentType }]);
}

/**
 * workbook.xml with a sheet appended to <sheets> (last, so every sheet-scoped name's localSheetId still points at
 * its sheet). The relationship id attribute uses the prefix the document already uses for the relationships
 * namespace: the root's, or, where each <sheet> declares its own (openpyxl writes `<sheet xmlns:r="..." r:id>`), the
 * one the sheets beside it declare, declared the same way. Gnumeric reads `r:id` and nothing else: a sheet entry with
 * a prefix of qualcheck's own (`qcr:id`) was read as an empty sheet there, though the XML meant the same.
 */
export function withSheetEntry(workbook: string, name: string, relationshipId: string): string {
  const root = rootElement(workbook);
  const sheets = findElement(root, 'sheets');
  if (!sheets) throw new Error('workbook.xml has no <sheets>');
  const ids = sheets.children.map((s) => Number(s.attributes.sheetId));
  const sheetId = Math.max(0, ...ids.filter(Number.isFinite)) + 1;
  const p = sheets.prefix;
  const r = relationshipsPrefix(root);
  if (r) return appendChild(workbook, sheets, sheetEntry(p, '', name, sheetId, `${r}id`, relationshipId));
  // Declared on each sheet, as its siblings declare it (the namespace they use, strict or transitional), or as `r`.
  const sibling = sheets.children.map((tag) => ({ tag, prefix: relationshipsPrefix(tag) })).find((s) => s.prefix);
  const prefix = sibling?.prefix ?? 'r:';
  const uri =
    sibling && prefixFor(sibling.tag, STRICT_RELATIONSHIPS) === prefix ? STRICT_RELATIONSHIPS : OFFICE_RELATIONSHIPS;
  const declare = `xmlns:${prefix.slice(0, -1)}="${uri}" `;
  return appendChild(workbook, sheets, sheetEntry(p, declare, name, sheetId, `${prefix}id`, relationshipId));
}

/** The prefix (`r:`) a tag binds to the relationships namespace, transitional or strict; undefined for none or ''. */
function relationshipsPrefix(tag: ElementSpan): string | undefined {
  const r = prefixFor(tag, OFFICE_RELATIONSHIPS) ?? prefixFor(tag, STRICT_RELATIONSHIPS);
  return r === '' ? undefined : r;
}

function sheetEntry(p: string, declare: string, name: string, sheetId: number, idName: string, id: string): string {
  return `<${p}sheet ${declare}name="${escapeAttribute(name)}" sheetId="${sheetId}" ${idName}="${id}"/>`;
}

/**
 * docProps/app.xml with a worksheet's name added to the list of parts (TitlesOfParts) and the count of worksheets
 * (the first of HeadingPairs, where Excel puts it) one higher, when the file keeps that list; as it was otherwise, or
 * when the list does not read as Excel writes it (`worksheets`, the count the workbook has before the sheet is added).
 */
export function withAppSheetTitle(app: string, name: string, worksheets: number): string {
  let root: ElementSpan;
  try {
    root = rootElement(app);
  } catch (error) {
    // A list that does not read as XML is not one read as Excel writes it: left as it was.
    if (error instanceof XmlSyntaxError) return app;
    throw error;
  }
  const pairs = findElement(root, 'HeadingPairs');
  const titles = findElement(root, 'TitlesOfParts');
  if (!pairs || !titles) return app;
  const pairVector = pairs.children[0];
  const titleVector = titles.children[0];
  if (!pairVector || !titleVector || titleVector.start < pairVector.end) return app;
  const count = /<(\w+:)?i4>(\d+)<\/(?:\w+:)?i4>/.exec(app.slice(pairVector.openEnd, pairVector.end));
  if (!count || Number(count[2]) !== worksheets) return app;
  const titleItems = titleVector.children;
  if (titleItems.length < worksheets) return app;
  const vt = titleVector.prefix;
  const at = worksheets === 0 ? titleVector.openEnd : titleItems[worksheets - 1].end;
  const countAt = pairVector.openEnd + count.index;
  const countTag = count[0].replace(`>${count[2]}<`, `>${worksheets + 1}<`);
  const titleTag = app.slice(titleVector.start, titleVector.openEnd);
  const size = Number(titleVector.attributes.size);
  const newTitleTag = Number.isFinite(size) ? withAttribute(titleTag, 'size', String(size + 1)) : titleTag;
  return (
    app.slice(0, countAt) +
    countTag +
    app.slice(countAt + count[0].length, titleVector.start) +
    newTitleTag +
    app.slice(titleVector.openEnd, at) +
    `<${vt}lpstr>${escapeText(name)}</${vt}lpstr>` +
    app.slice(at)
  );
}

/** A part name not yet in the package: `prefix` + the first free number + `suffix` (`xl/worksheets/sheet` 4 `.xml`). */
export function freePartName(taken: Iterable<string>, prefix: string, suffix: string): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  let n = 1;
  while (lower.has(`${prefix}${n}${suffix}`.toLowerCase())) n++;
  return `${prefix}${n}${suffix}`;
}

/** The relationship target from `sourcePart` to `part`, relative as Excel writes them. */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split('/').slice(0, -1);
  const to = part.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
