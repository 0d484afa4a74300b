// The pane's last reading of a whole sheet (its grid, the header's reading, which row is which learner, the rules used),
// kept for every tab: What-if opened after a check starts from the check's reading and reads only the learner's row
// and the header to confirm nothing moved (src/excel/reading-confirm.ts), instead of the whole sheet again.
import type { SheetInspection } from '../excel/active-sheet';
import type { MarkVocabulary } from '../cohort/read';

/** The settings a reading depends on besides the sheet: a reading made with other ones is not used. */
export function readingKey(settings: { qualification?: string; marks?: MarkVocabulary }): string {
  return JSON.stringify([settings.qualification ?? null, settings.marks ?? null]);
}

export class LastReading {
  private held: { key: string; inspection: SheetInspection } | null = null;

  /** Keeps a reading of the whole active sheet; a table's or a selection's is not what What-if reads. */
  keep(key: string, inspection: SheetInspection): void {
    if (inspection.read.wholeSheet && !inspection.refusal) this.held = { key, inspection };
  }

  /** Drops the kept reading: the rules it was read with were just changed by the pane. */
  forget(): void {
    this.held = null;
  }

  /** The reading kept with these settings, or null. */
  take(key: string): SheetInspection | null {
    return this.held && this.held.key === key ? this.held.inspection : null;
  }
}
