// The words of a credit rule's result, shared by the kinds that add up credits: made only where a result is shown.
import type { QualificationDefinition, RuleResult, UnitDefinition } from '../model';
import { plural } from './level-words';

/**
 * `9 of 13 credits at level 2: 4 credits short`. `what` is what the rule counts in words; `units` looks up the units
 * the result names, to say whether a unit lacks its credits or only its level.
 */
export function creditWords(
  result: RuleResult,
  what: string,
  levelMatters: boolean,
  unit: (ref: string) => UnitDefinition | undefined,
): string {
  const { known, required } = result;
  if (result.outcome === 'met') return `${known} of ${required} ${what}: met`;
  const uncertain = result.uncertain ?? [];
  if (result.outcome === 'unmet') {
    const most = result.mostPossible ?? known;
    const short = required - (uncertain.length > 0 ? most : known);
    const words = `${known} of ${required} ${what}: ${plural(short, 'credit')} short`;
    return uncertain.length > 0 ? `${words} even if ${uncertain.join(', ')} counted in full` : words;
  }
  const noCredits = uncertain.filter((ref) => unit(ref)?.credits === null);
  const noLevel = uncertain.filter((ref) => unit(ref)?.credits !== null);
  const gaps = [
    ...(noLevel.length > 0 ? [`level of ${noLevel.join(', ')}`] : []),
    ...(noCredits.length > 0 ? [`credits${levelMatters ? ' or level' : ''} of ${noCredits.join(', ')}`] : []),
  ];
  return `${known} of ${required} ${what} known; cannot be decided: ${gaps.join(' and ')} unknown`;
}

/** Group titles joined for a sentence: `Optional Group B and Optional Group C`. */
export function groupTitles(q: QualificationDefinition, groups: readonly string[]): string {
  return groups.map((g) => q.groups.find((x) => x.id === g)?.title ?? g).join(' and ');
}

/** When the credit rules cannot all be met together: what to correct. */
export const CREDIT_UNSATISFIABLE = {
  field: 'min',
  fix: "lower its minimum, or correct the units' credits, levels or groups",
} as const;

/** `5 credits`, `1 credit`. */
export function creditsWord(n: number): string {
  return plural(n, 'credit');
}
