// The words of a credit rule's result, shared by the kinds that add up credits: made only where a result is shown.
import type { Measure, QualificationDefinition, RuleResult, UnitDefinition } from '../model';
import { plural } from './level-words';

/** An amount of a measure: `5 credits`, `1 credit`, `60 GLH`, `3 units`. */
export function measureWord(n: number, measure: Measure): string {
  if (measure === 'glh') return `${n} GLH`;
  return plural(n, measure === 'units' ? 'unit' : 'credit');
}

/** The measure's name after a figure: `credits`, `GLH`, `units`. */
export function measureName(measure: Measure): string {
  return measure === 'glh' ? 'GLH' : measure;
}

/**
 * `9 of 13 credits at level 2: 4 credits short`. `what` is what the rule counts in words; `units` looks up the units
 * the result names, to say whether a unit lacks its credits or only its level.
 */
export function creditWords(
  result: RuleResult,
  what: string,
  levelMatters: boolean,
  unit: (ref: string) => UnitDefinition | undefined,
  measure: Measure = 'credits',
): string {
  const { known, required } = result;
  if (result.outcome === 'met') return `${known} of ${required} ${what}: met`;
  const uncertain = result.uncertain ?? [];
  if (result.outcome === 'unmet') {
    const most = result.mostPossible ?? known;
    const short = required - (uncertain.length > 0 ? most : known);
    const words = `${known} of ${required} ${what}: ${measureWord(short, measure)} short`;
    return uncertain.length > 0 ? `${words} even if ${uncertain.join(', ')} counted in full` : words;
  }
  return `${known} of ${required} ${what} known; cannot be decided: ${unknownGaps(uncertain, levelMatters, unit, measure)} unknown`;
}

/** What is unknown about the uncertain units: `level of A and credits or level of B`. */
export function unknownGaps(
  uncertain: readonly string[],
  levelMatters: boolean,
  unit: (ref: string) => UnitDefinition | undefined,
  measure: Measure,
): string {
  const valueUnknown = (ref: string) => {
    const u = unit(ref);
    return measure === 'units' ? false : (measure === 'glh' ? u?.glh : u?.credits) === null;
  };
  const noValue = uncertain.filter(valueUnknown);
  const noLevel = uncertain.filter((ref) => !valueUnknown(ref));
  const gaps = [
    ...(noLevel.length > 0 ? [`level of ${noLevel.join(', ')}`] : []),
    ...(noValue.length > 0
      ? [`${measureName(measure)}${levelMatters ? ' or level' : ''} of ${noValue.join(', ')}`]
      : []),
  ];
  return gaps.join(' and ');
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
