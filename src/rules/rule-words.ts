// Words for a rule's result, made from the result's data when it is shown (a result cell, a JSON message, the pane).
import type { CompiledQualification } from './compiled';
import { KINDS, whatCounts } from './kinds';
import { creditWords } from './kinds/credit-words';
import type { RuleResult } from './model';
import { provenanceNote, type FactUse } from './provenance';

/** A sentence for people: what is met or missing, and which centre-supplied values the verdict rests on. */
export function ruleMessage(compiled: CompiledQualification, result: RuleResult, uses: readonly FactUse[]): string {
  const q = compiled.qualification;
  const rule = compiled.rules.find((r) => r.id === result.ruleId);
  if (rule === undefined) return '';
  if (rule.kind === 'mandatory') return KINDS.mandatory.words(result, q);
  const what = whatCounts(rule, q);
  const words = creditWords(result, what, KINDS[rule.kind].usesLevel, (ref) => compiled.index.units.get(ref));
  // Say when the verdict rests on values a centre supplied, so a reviewer knows which facts to check.
  const provenance = provenanceNote(uses);
  return provenance === '' ? words : `${words} (${provenance})`;
}
