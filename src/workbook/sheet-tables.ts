// The tables a worksheet names: each table part found through the sheet's relationships, read for its name and range.
import type { WorkbookPackage } from './package';
import { readRelationships } from './parts';

/** The name and range of each table part the sheet names (its path absolute or relative, as the rels give it). */
export async function readTables(
  pkg: WorkbookPackage,
  sheetPart: string,
  ids: readonly string[],
): Promise<{ name: string; range: string }[]> {
  if (ids.length === 0) return [];
  const relationships = await readRelationships(pkg, sheetPart);
  const tables: { name: string; range: string }[] = [];
  for (const id of ids) {
    const part = relationships.find((r) => r.id === id && !r.external)?.part;
    if (part === undefined || !pkg.has(part)) continue;
    await pkg.readXml(part, {
      open(tag) {
        if (tag.name !== 'table') return;
        const name = tag.attributes.displayName ?? tag.attributes.name;
        const range = tag.attributes.ref;
        if (name !== undefined && range !== undefined) tables.push({ name, range });
      },
    });
  }
  return tables;
}
