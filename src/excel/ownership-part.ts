// The ownership record's home in the workbook: custom XML parts (Workbook.customXmlParts, ExcelApi 1.5), the head in
// OWNERSHIP_NAMESPACE and, for a block of many rows, one part per PART_ROWS sheet rows in a namespace of its own
// (ownership-record.ts). People do not see them, they travel with the file, and the command line reads and writes the
// same parts of the package. What they hold and what follows from it is pure code (src/cohort/ownership*.ts).
import {
  isOwnershipNamespace,
  OWNERSHIP_NAMESPACE,
  ownershipParts,
  ownershipPartsOfRow,
  headKeepsInParts,
  recordOfParts,
  rowsPartNamespace,
  type OwnershipRecord,
} from '../placement';
import type { HostClientResult, HostContext, HostCustomXmlPart, HostRun } from './host';

/** The workbook's record, or null when it has none (a workbook never checked, or checked before records were kept). */
export async function readOwnership(run: HostRun): Promise<OwnershipRecord | null> {
  return run(readOwnershipIn);
}

/** The workbook's record read in two syncs of the caller's batch, as `readOwnership` gives it. */
export async function readOwnershipIn(context: HostContext): Promise<OwnershipRecord | null> {
  const parts = context.workbook.customXmlParts.load('items/id,items/namespaceUri');
  await context.sync();
  const ours = parts.items.filter((p) => isOwnershipNamespace(p.namespaceUri));
  if (!ours.some((p) => p.namespaceUri === OWNERSHIP_NAMESPACE)) return null;
  const texts = ours.map((p) => ({ namespace: p.namespaceUri, xml: p.getXml() }));
  await context.sync();
  const byNamespace = new Map<string, string>();
  for (const t of texts) if (!byNamespace.has(t.namespace)) byNamespace.set(t.namespace, t.xml.value);
  // A head that cannot be read records nothing: every cell counts as one qualcheck cannot prove it wrote.
  return recordOfParts(byNamespace) ?? { blocks: [] };
}

/**
 * Prepares a save of the record in a batch the caller syncs: the workbook's parts are looked up in the caller's next
 * sync, and the function returned queues the write of a record into a later one: each of its parts in place of the
 * part of its namespace (made when there is none), and the record's parts it no longer has deleted. A check saves its
 * record this way, in the syncs its writes make anyway.
 */
export function queueOwnershipSave(context: HostContext): (record: OwnershipRecord) => void {
  const parts = context.workbook.customXmlParts.load('items/id,items/namespaceUri');
  return (record) => {
    const existing = new Map<string, HostCustomXmlPart[]>();
    for (const part of parts.items) {
      if (!isOwnershipNamespace(part.namespaceUri)) continue;
      existing.set(part.namespaceUri, [...(existing.get(part.namespaceUri) ?? []), part]);
    }
    // Near 1 MB for a large cohort: sent like the result chunks, with calculation held off.
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const { namespace, xml } of ownershipParts(record)) {
      const [first, ...extra] = existing.get(namespace) ?? [];
      existing.delete(namespace);
      if (first) first.setXml(xml);
      else context.workbook.customXmlParts.add(xml);
      for (const part of extra) part.delete();
    }
    for (const stale of existing.values()) for (const part of stale) part.delete();
  };
}

/** Stores the record in the workbook's parts, in two syncs of its own. */
export async function saveOwnership(run: HostRun, record: OwnershipRecord): Promise<void> {
  await run(async (context) => {
    const write = queueOwnershipSave(context);
    await context.sync();
    write(record);
    await context.sync();
  });
}

/** The record as far as one sheet row is concerned, read by `queueRowOwnershipRead`. */
export interface RowOwnership {
  /**
   * The record with that row's fingerprints as the workbook holds them (null when it has none): the head whole, and
   * of a block kept in parts only the part holding the row; its other rows read as empty. Good for deciding about the
   * row and for `queueSave`, never to be saved whole.
   */
  record: OwnershipRecord | null;
  /** Whether the sheet's block is kept in parts in the workbook (else whole in the head, or not at all). */
  storedInParts: boolean;
  /** Queues the write of the parts of `next` that hold the row and differ from what was read (no sync of its own). */
  queueSave(next: OwnershipRecord): void;
}

/**
 * Reads the record's parts that hold one sheet row in the caller's syncs: the parts are looked up in the caller's next
 * sync; `readText` (called after it) queues reading their text into the one after, and `done` (after that) gives the
 * record as far as the row is concerned. What-if's Apply uses it to read and write a few KB instead of the record.
 */
export function queueRowOwnershipRead(
  context: HostContext,
  sheet: string,
  row: number,
): { readText(): void; done(): RowOwnership } {
  const namespaces = [OWNERSHIP_NAMESPACE, rowsPartNamespace(sheet, row)];
  const found = namespaces.map((ns) => context.workbook.customXmlParts.getByNamespace(ns).load('items/id'));
  let texts: (HostClientResult<string> | undefined)[] = [];
  return {
    readText() {
      texts = found.map((parts) => parts.items[0]?.getXml());
    },
    done() {
      const read = new Map<string, string>();
      for (const [i, text] of texts.entries()) if (text) read.set(namespaces[i], text.value);
      const head = read.get(OWNERSHIP_NAMESPACE);
      const record = head === undefined ? null : (recordOfParts(read) ?? { blocks: [] });
      return {
        record,
        storedInParts: head !== undefined && headKeepsInParts(head, sheet),
        queueSave(next) {
          for (const { namespace, xml } of ownershipPartsOfRow(next, sheet, row)) {
            if (read.get(namespace) === xml) continue;
            const [first, ...extra] = found[namespaces.indexOf(namespace)]?.items ?? [];
            if (first) first.setXml(xml);
            else context.workbook.customXmlParts.add(xml);
            for (const part of extra) part.delete();
          }
        },
      };
    },
  };
}
