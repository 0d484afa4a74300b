// The package's own bookkeeping, read from its parts: content types, relationships, and the workbook part's list of
// sheets, defined names and date system. Relationship types are matched by their last segment, so the strict OOXML
// namespaces (purl.oclc.org) read as the transitional ones do.
import { damaged, WorkbookFileError } from './errors';
import type { WorkbookPackage } from './package';

export interface ContentTypes {
  /** Content type by extension, lower case, without the dot. */
  defaults: Map<string, string>;
  /** Content type by part name, lower case, without a leading slash. */
  overrides: Map<string, string>;
}

export interface Relationship {
  id: string;
  /** The type's last segment: `worksheet`, `sharedStrings`, `table`, `officeDocument`. */
  type: string;
  /** The type as written. */
  typeUri: string;
  /** The target as written. */
  target: string;
  /** The part it names, resolved against the source part; undefined for an external target. */
  part?: string;
  external: boolean;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';
export type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet' | 'other';

export interface SheetEntry {
  name: string;
  sheetId: string;
  /** The relationship id (`r:id`) in the workbook part. */
  relationshipId: string;
  /** The sheet's part, or undefined when the relationship is missing. */
  part?: string;
  kind: SheetKind;
  state: SheetState;
}

export interface DefinedName {
  name: string;
  /** 0-based index into the sheets when the name is local to one sheet. */
  localSheetId?: number;
  hidden: boolean;
  formula: string;
}

export interface WorkbookInfo {
  /** The workbook part (`xl/workbook.xml` as most programs name it). */
  part: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** The workbook part's relationships. */
  relationships: Relationship[];
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package's own at `_rels/.rels`. */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A relationship target as a part name: absolute (`/xl/tables/table1.xml`) or relative to the source part's folder. */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = safeDecode(target.replace(/\\/g, '/')).replace(/[?#].*$/, '');
  const folder = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/')) : '';
  const segments = path.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

function lastSegment(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export async function readContentTypes(pkg: WorkbookPackage): Promise<ContentTypes> {
  const types: ContentTypes = { defaults: new Map(), overrides: new Map() };
  if (!pkg.has('[Content_Types].xml')) return types;
  await pkg.readXml('[Content_Types].xml', {
    open(tag) {
      const a = tag.attributes;
      if (tag.name === 'Default' && a.Extension && a.ContentType)
        types.defaults.set(a.Extension.toLowerCase(), a.ContentType);
      if (tag.name === 'Override' && a.PartName && a.ContentType)
        types.overrides.set(resolveTarget('', a.PartName).toLowerCase(), a.ContentType);
    },
  });
  return types;
}

/** The relationships of `sourcePart` ('' for the package's own); none when it has no relationships part. */
export async function readRelationships(pkg: WorkbookPackage, sourcePart: string): Promise<Relationship[]> {
  const relsPart = sourcePart === '' ? '_rels/.rels' : relationshipsPartOf(sourcePart);
  if (!pkg.has(relsPart)) return [];
  const found: Relationship[] = [];
  await pkg.readXml(relsPart, {
    open(tag) {
      if (tag.name !== 'Relationship') return;
      const { Id: id, Type: typeUri, Target: target, TargetMode: mode } = tag.attributes;
      if (id === undefined || typeUri === undefined || target === undefined) return;
      const external = mode !== undefined && mode.toLowerCase() === 'external';
      found.push({
        id,
        type: lastSegment(typeUri),
        typeUri,
        target,
        external,
        part: external ? undefined : resolveTarget(sourcePart, target),
      });
    },
  });
  return found;
}

function sheetKind(type: string | undefined): SheetKind {
  switch (type) {
    case 'worksheet':
    case 'chartsheet':
    case 'dialogsheet':
      return type;
    case 'xlMacrosheet':
    case 'xlIntlMacrosheet':
      return 'macrosheet';
    default:
      return 'other';
  }
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** The workbook part: the package's office document (any name its relationship gives), or `xl/workbook.xml`. */
export async function findWorkbookPart(pkg: WorkbookPackage): Promise<string | undefined> {
  const root = await readRelationships(pkg, '');
  const office = root.find(
    (r) => r.type === 'officeDocument' && !r.external && r.part !== undefined && pkg.has(r.part),
  );
  if (office?.part) return office.part;
  return pkg.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined;
}

/** Sheets, defined names and date system of the workbook part; undefined when the package has no workbook part. */
export async function readWorkbookInfo(pkg: WorkbookPackage): Promise<WorkbookInfo | undefined> {
  const part = await findWorkbookPart(pkg);
  if (part === undefined) return undefined;
  if (/\.bin$/i.test(part)) {
    throw new WorkbookFileError(
      'is an Excel binary workbook (.xlsb), which qualcheck does not read; open it in Excel and save it as "Excel Workbook (.xlsx)"',
    );
  }
  const relationships = await readRelationships(pkg, part);
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const info: WorkbookInfo = { part, sheets: [], definedNames: [], date1904: false, relationships };
  let name: DefinedName | undefined;
  // Extensions repeat these names (`<x14:workbookPr>` in `<extLst>`): only the workbook's own children and their lists count.
  let depth = 0;
  await pkg.readXml(part, {
    open(tag) {
      const a = tag.attributes;
      const at = depth;
      if (!tag.selfClosing) depth++;
      if (at === 2 && tag.name === 'sheet') {
        // `r:id` is read by its local name: the prefix bound to the relationships namespace varies.
        const relationshipId = a.id ?? '';
        const relationship = byId.get(relationshipId);
        const state: SheetState = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        info.sheets.push({
          name: a.name ?? '',
          sheetId: a.sheetId ?? '',
          relationshipId,
          part: relationship?.part,
          kind: sheetKind(relationship?.type),
          state,
        });
      } else if (at === 1 && tag.name === 'workbookPr') {
        info.date1904 = isTrue(a.date1904);
      } else if (at === 2 && tag.name === 'definedName' && a.name !== undefined) {
        const local = a.localSheetId === undefined ? undefined : Number(a.localSheetId);
        name = {
          name: a.name,
          hidden: isTrue(a.hidden),
          formula: '',
          ...(local !== undefined && Number.isInteger(local) ? { localSheetId: local } : {}),
        };
        if (tag.selfClosing) {
          info.definedNames.push(name);
          name = undefined;
        }
      }
    },
    text(text) {
      if (name) name.formula += text.text;
    },
    close(tag) {
      depth--;
      if (tag.name === 'definedName' && name) {
        info.definedNames.push(name);
        name = undefined;
      }
    },
  });
  return info;
}

/** The part a sheet entry names, or the damage that stops it being read. */
export function sheetPart(pkg: WorkbookPackage, sheet: SheetEntry): string {
  if (sheet.part === undefined) throw damaged(`sheet "${sheet.name}" names no part of the package`);
  if (!pkg.has(sheet.part)) throw damaged(`the part of sheet "${sheet.name}", ${sheet.part}, is missing`);
  return sheet.part;
}
