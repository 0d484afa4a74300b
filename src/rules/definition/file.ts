// A centre's rules file in JSON, for the pane's import and export and the CLI: the text in, definitions with the
// centre's values marked against the catalogue out; and definitions back to the text a person can edit.
import type { QualificationDefinition, Rule } from '../model';
import { boundsOf, isCreditRule, type CreditRule } from '../kinds';
import { type RulesFileProblem, fileErrors, parseQualificationDefinitions } from './definition';
import { normaliseQualificationId, noteWords } from '../catalogue';
import { rulesFileOrigin, withProvenance } from '../engine';

/**
 * Reads a rules file's text. `base` is the catalogue the definitions replace, to tell the centre's values from it;
 * `fileName` names the file in results ("credits of 10266-U4 from your rules file centre.json").
 */
export function readDefinitionsJson(
  text: string,
  fileName: string,
  base: readonly QualificationDefinition[],
): { definitions: QualificationDefinition[]; errors: RulesFileProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const problem = { code: 'not-json', detail: (error as Error).message, path: [] } as const;
    return { definitions: [], errors: fileErrors({ problems: [problem], items: [], list: false }) };
  }
  const { definitions, errors } = parseQualificationDefinitions(json, fileName);
  const origin = rulesFileOrigin(fileName);
  return {
    definitions: definitions.map((q) =>
      withProvenance(
        q,
        base.find((b) => normaliseQualificationId(b.id) === normaliseQualificationId(q.id)),
        origin,
      ),
    ),
    errors,
  };
}

/**
 * A rule as a rules file writes it. A rule with a maximum alone holds a minimum of 0 in the model, which a rules file
 * refuses (a minimum of 0 is a slip there): it is written without one, as the centre wrote it. A note is written in
 * words (a catalogue's note read back unchanged is the catalogue's again: withCatalogueNotes).
 */
function ruleJson(rule: Rule): Rule | Omit<CreditRule, 'min'> {
  const worded = typeof rule.note === 'object' ? { ...rule, note: noteWords(rule.note) } : rule;
  if (!isCreditRule(worded) || boundsOf(worded).min > 0) return worded;
  const { min: _none, ...rest } = worded;
  return rest;
}

/** Definitions as a rules file: one definition alone, several as a list; `origin` is qualcheck's own and left out. */
export function definitionsJson(definitions: readonly QualificationDefinition[]): string {
  const plain = definitions.map(({ origin: _origin, ...rest }) => ({ ...rest, rules: rest.rules.map(ruleJson) }));
  return `${JSON.stringify(plain.length === 1 ? plain[0] : plain, null, 2)}\n`;
}
