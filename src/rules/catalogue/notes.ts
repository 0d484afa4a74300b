// A rule's note in words. A centre's note is its own text, shown as written; the catalogue's level notes are data
// (level-reading.ts), worded where they are shown, since how to change a reading differs by surface: a field of a
// rules file, a column of the rules sheet in the pane.
import type { QualificationDefinition, Rule, RuleNote } from '../model';

/** How a surface names the way to read a level rule as "or above" instead, after "A centre that reads it so can". */
export interface NoteVocabulary {
  orAbove: string;
}

/** The words of a rules file (and of the rules sheet's Note cell, which a rules file's note travels to and from). */
export const FILE_NOTE_WORDS: NoteVocabulary = { orAbove: 'set orAbove to true in a rules file' };

/** The note as a surface shows it. */
export function noteWords(note: RuleNote, words: NoteVocabulary = FILE_NOTE_WORDS): string {
  if (typeof note === 'string') return note;
  const { quoted, level } = note;
  return (
    `The text says "${quoted}"; it is read literally as exactly level ${level} (units above level ${level} do not ` +
    `count here). A centre that reads it as "level ${level} or above" can ${words.orAbove}.`
  );
}

/**
 * The definition with the catalogue's notes kept where a rules file or the rules sheet holds them unchanged. Those
 * surfaces hold a note as text, in FILE_NOTE_WORDS: a rule whose note is still the words of the note the catalogue
 * (`base`) gives the same rule is the catalogue's note, as a unit's value equal to the catalogue's is the catalogue's
 * (provenance.ts). A note a centre changed is theirs, shown as they wrote it.
 */
export function withCatalogueNotes(
  q: QualificationDefinition,
  base: QualificationDefinition | undefined,
): QualificationDefinition {
  if (base === undefined) return q;
  const baseRules = new Map(base.rules.map((r) => [r.id, r] as const));
  const rules = q.rules.map((rule) => catalogueNote(rule, baseRules.get(rule.id)));
  return rules.every((r, i) => r === q.rules[i]) ? q : { ...q, rules };
}

function catalogueNote(rule: Rule, base: Rule | undefined): Rule {
  const note = base?.note;
  return typeof note === 'object' && rule.kind === base?.kind && rule.note === noteWords(note)
    ? { ...rule, note }
    : rule;
}
