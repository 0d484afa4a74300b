// The ownership record's home in the workbook: one custom XML part (Workbook.customXmlParts, ExcelApi 1.5) whose root
// element is in OWNERSHIP_NAMESPACE. People do not see it, it travels with the file, and the command line reads and
// writes the same part of the package. What it holds and what follows from it is pure code (src/cohort/ownership*.ts).
import { OWNERSHIP_NAMESPACE, parseOwnership, serialiseOwnership, type OwnershipRecord } from '../placement';
import type { HostContext, HostRun } from './host';

/** The workbook's record, or null when it has none (a workbook never checked, or checked before records were kept). */
export async function readOwnership(run: HostRun): Promise<OwnershipRecord | null> {
  return run(async (context) => {
    const parts = context.workbook.customXmlParts.getByNamespace(OWNERSHIP_NAMESPACE).load('items/id');
    await context.sync();
    if (parts.items.length === 0) return null;
    const xml = parts.items[0].getXml();
    await context.sync();
    // A part that cannot be read records nothing: every cell counts as one qualcheck cannot prove it wrote.
    // eslint-disable-next-line office-addins/load-object-before-read -- getXml() gives a ClientResult, whose value the sync fills: there is nothing to load
    return parseOwnership(xml.value) ?? { blocks: [] };
  });
}

/**
 * Prepares a save of the record in a batch the caller syncs: the parts of the namespace are looked up in the caller's
 * next sync, and the function returned queues the write of a record (the part made on the first write, one part of
 * the namespace left) into a later one. A check saves its record this way, in the syncs its writes make anyway.
 */
export function queueOwnershipSave(context: HostContext): (record: OwnershipRecord) => void {
  const parts = context.workbook.customXmlParts.getByNamespace(OWNERSHIP_NAMESPACE).load('items/id');
  return (record) => {
    const xml = serialiseOwnership(record);
    const [first, ...extra] = parts.items;
    // Near 1 MB for a large cohort: sent like the result chunks, with calculation held off.
    context.workbook.application.suspendApiCalculationUntilNextSync();
    if (first) first.setXml(xml);
    else context.workbook.customXmlParts.add(xml);
    for (const part of extra) part.delete();
  };
}

/** Stores the record in the workbook's part, in two syncs of its own. */
export async function saveOwnership(run: HostRun, record: OwnershipRecord): Promise<void> {
  await run(async (context) => {
    const write = queueOwnershipSave(context);
    await context.sync();
    write(record);
    await context.sync();
  });
}
