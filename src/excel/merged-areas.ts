// The merged areas over cells the results may take. Excel keeps a merged area's value in its upper-left cell only
// (Excel's Range.Merge reference: "the value of a merged range is specified in the cell of the range's upper-left
// corner"; Office.js's Range.merge says no more than that it makes one region), so a result written into one is lost,
// and a write across its edge is refused: placement must know them to go round them. The add-in can ask only where
// Excel has ExcelApi 1.13; elsewhere Excel's own refusal is what tells (errors.ts).
import type { HostContext, HostWorksheet } from './host';
import { excelApiSupported } from './host';

export const MERGED_AREAS_API = '1.13';

/** `Cohort!AX20:AY21, 'My sheet'!B2:C2` as the areas' own addresses (`AX20:AY21`, `B2:C2`). */
export function areasOf(address: string): string[] {
  // Each area ends in a cell or a range after its sheet's `!`, before a comma or the end: a sheet name that holds
  // `, ` or `!` (quoted) is passed over because only what follows the last `!` of an area is kept.
  const out: string[] = [];
  for (const m of address.matchAll(/!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?(?=\s*,|\s*$)/g))
    out.push(m[3] ? `${m[1]}${m[2]}:${m[3]}${m[4]}` : `${m[1]}${m[2]}`);
  return out;
}

/**
 * The merged areas in `address` of `sheet`, or undefined when the host cannot say (no ExcelApi 1.13). Syncs once.
 * Excel fails the call over more than 512 merged areas; that error is the caller's to word.
 */
export async function mergedAreasIn(
  context: HostContext,
  sheet: HostWorksheet,
  address: string,
): Promise<string[] | undefined> {
  if (!excelApiSupported(MERGED_AREAS_API)) return undefined;
  const areas = sheet.getRange(address).getMergedAreasOrNullObject().load('address');
  await context.sync();
  return areas.isNullObject ? [] : areasOf(areas.address);
}
