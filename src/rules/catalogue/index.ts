// The set of qualifications a check knows: the embedded ones, plus any a centre supplies.
import type { QualificationDefinition } from '../model';
import { EMBEDDED_QUALIFICATIONS } from './embedded';

/** `600/5106/1`, `6005106 1`, `600-5106-1` and `60051061` all name the same qualification. */
export function normaliseQualificationId(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function titleKey(title: string): string {
  return `title:${title.trim().toLowerCase()}`;
}

export class Catalogue {
  private readonly byKey = new Map<string, QualificationDefinition>();

  constructor(readonly qualifications: readonly QualificationDefinition[]) {
    const byTitle = new Map<string, QualificationDefinition[]>();
    for (const q of qualifications) {
      this.byKey.set(normaliseQualificationId(q.id), q);
      for (const code of q.codes ?? []) this.byKey.set(normaliseQualificationId(code), q);
      byTitle.set(titleKey(q.title), [...(byTitle.get(titleKey(q.title)) ?? []), q]);
    }
    // A title several qualifications share (a centre's own may copy a built-in one's) names none of them: guessing one
    // would check learners against the wrong rules. The cohort reader says which share it.
    for (const [key, owners] of byTitle) if (owners.length === 1) this.byKey.set(key, owners[0]);
  }

  /** Finds a qualification by id in any spelling, by awarding-body code, or by exact title (case-insensitive) that no other has. */
  find(text: string): QualificationDefinition | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    return this.byKey.get(normaliseQualificationId(trimmed)) ?? this.byKey.get(titleKey(trimmed));
  }

  /** A catalogue where each given definition replaces the one with the same id, or is added. */
  withDefinitions(extra: readonly QualificationDefinition[]): Catalogue {
    const replaced = new Set(extra.map((q) => normaliseQualificationId(q.id)));
    return new Catalogue([
      ...this.qualifications.filter((q) => !replaced.has(normaliseQualificationId(q.id))),
      ...extra,
    ]);
  }
}

export function embeddedCatalogue(): Catalogue {
  return new Catalogue(EMBEDDED_QUALIFICATIONS);
}
export { EMBEDDED_QUALIFICATIONS } from './embedded';
export { FILE_NOTE_WORDS, noteWords, withCatalogueNotes, type NoteVocabulary } from './notes';
