// The pane's last reading of a whole sheet (its grid, the header's reading, which row is which learner, the rules used),
// kept for every tab: What-if opened after a check starts from the check's reading and reads only the learner's row
// and the header to confirm nothing moved (src/excel/reading-confirm.ts), instead of the whole sheet again.
// The rules the reading was made with are not in those two rows: an edit of the rules sheet reaches the pane as an
// event (src/excel/rules-sheet-edits.ts) and drops the reading, so What-if and Apply read the sheet again at once.
import type { SheetInspection } from '../excel';
import type { MarkVocabulary } from '../cohort/read';

/** The settings a reading depends on besides the sheet: a reading made with other ones is not used. */
export function readingKey(settings: { qualification?: string; marks?: MarkVocabulary }): string {
  return JSON.stringify([settings.qualification ?? null, settings.marks ?? null]);
}

/** Which edits of the rules sheet a reading has seen: taken before reading, so an edit during the read counts. */
export type RulesMark = number;

export class LastReading {
  private held: { key: string; inspection: SheetInspection } | null = null;
  /** Edits of the rules sheet heard since the pane started. */
  private rulesEdits = 0;
  /** Whether edits of the rules sheet are heard (ExcelApi 1.7); until they are, a reading that used one is not reused. */
  private hearing = false;
  private readonly listeners = new Set<() => void>();

  /** The mark to take before reading the sheet, for `keep` and `current`. */
  mark(): RulesMark {
    return this.rulesEdits;
  }

  /** Whether no edit of the rules sheet was heard since `mark` was taken. */
  current(mark: RulesMark): boolean {
    return mark === this.rulesEdits;
  }

  /**
   * Keeps a reading of the whole active sheet begun at `mark`; a table's or a selection's is not what What-if reads,
   * and one begun before the rules sheet's last edit may hold the old rules.
   */
  keep(key: string, inspection: SheetInspection, mark: RulesMark): void {
    if (inspection.read.wholeSheet && !inspection.refusal && this.current(mark)) this.held = { key, inspection };
  }

  /** Drops the kept reading: the rules it was read with were just changed by the pane. */
  forget(): void {
    this.held = null;
  }

  /** The reading kept with these settings, or null. */
  take(key: string): SheetInspection | null {
    if (!this.held || this.held.key !== key) return null;
    // Where edits of the rules sheet cannot be heard, a reading that used one may hold rules since changed.
    if (this.held.inspection.rulesSheet && !this.hearing) return null;
    return this.held.inspection;
  }

  /** Says whether edits of the rules sheet are heard from now on. */
  hearsRulesEdits(hearing: boolean): void {
    this.hearing = hearing;
  }

  /** The rules sheet changed (an edit, or a rules sheet added): the kept reading goes, and the listeners are told. */
  rulesEdited(): void {
    this.rulesEdits++;
    this.held = null;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after each edit of the rules sheet; gives back the function that stops it. */
  onRulesEdited(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
