// Words for a rule's result, made from the result's data when it is shown (a result cell, a JSON message, the pane).
import type { CompiledQualification } from './compiled';
import { isCreditRule, resultWords } from '../kinds';
import type { FactUse, RuleResult } from '../model';
import { provenanceNote } from './provenance';

/** A sentence for people: what is met or missing, and which centre-supplied values the verdict rests on. */
export function ruleMessage(compiled: CompiledQualification, result: RuleResult, uses: readonly FactUse[]): string {
  const rule = compiled.rules.find((r) => r.id === result.ruleId);
  if (rule === undefined) return '';
  const words = resultWords(result, rule, compiled.qualification, (ref) => compiled.index.units.get(ref));
  if (!isCreditRule(rule)) return words;
  // Say when the verdict rests on values a centre supplied, so a reviewer knows which facts to check.
  const provenance = provenanceNote(uses);
  return provenance === '' ? words : `${words} (${provenance})`;
}

/** Units a learner holds that are not units of the qualification: what to do about them. */
export function strangerWords(units: readonly string[], qualification: string): string {
  const one = units.length === 1;
  return `${units.join(', ')} ${one ? 'is' : 'are'} not a unit of ${qualification}: remove ${one ? 'it' : 'them'} or check the learner's qualification`;
}
