// "N credits must be at level L (or above)": a unit's credits count when its level is right; an unknown level
// leaves that open.
import { CREDIT_UNSATISFIABLE, creditWords } from './credit-words';
import { levelLabel } from '../model';
import { atLevel, levelName } from './level-words';
import { creditMin, level as schemaLevel } from './schema-parts';
import type { CreditKind, RuleOf } from './types';

/** Where a level rule's units are, in words: `at level 2`, `at or above Entry level`. */
export function levelWhere(rule: Pick<RuleOf<'levelCredits'>, 'level' | 'orAbove'>): string {
  return `${rule.orAbove ? 'at or above' : 'at'} ${levelName(rule.level)}`;
}

export const level: CreditKind<'levelCredits'> = {
  kind: 'levelCredits',
  family: 'credits',
  label: 'credits at level',
  spellings: ['levelCredits', 'credits at level'],
  code: 'level-min-credits',
  schema: {
    description: 'at least min credits from units at a level (or at or above it)',
    fields: {
      level: schemaLevel('the level the credits must be at: 1 to 8, or "Entry"'),
      orAbove: {
        type: 'boolean',
        description: 'true: units above the level count too; false: only units at exactly the level',
      },
      min: creditMin,
    },
    required: ['level', 'orAbove', 'min'],
  },
  sheet: {
    columns: ['min', 'level', 'orAbove'],
    values: (rule) => ({ min: rule.min, level: rule.level, orAbove: rule.orAbove }),
    counts: 'units by level, from every group',
  },
  fromJson: (json, base, resolve) => ({
    ...base,
    kind: json.kind,
    level: resolve.level(json.level, 'level'),
    orAbove: json.orAbove,
    min: json.min,
  }),
  describe: (rule) =>
    `at least ${rule.min} credits ${rule.orAbove ? 'at or above' : 'at exactly'} level ${levelLabel(rule.level)}`,
  groupsNamed: () => [],
  countsAll: () => false,
  usesLevel: () => true,
  usesGroup: () => false,
  measure: () => 'credits',
  bounds: (rule) => ({ min: rule.min, overMax: 'not-counted' }),
  counts: (rule, unit) => atLevel(unit.level, rule.level, rule.orAbove),
  whatCounts: (rule) => `credits ${levelWhere(rule)}`,
  unitsCounted: (rule) => `the units ${levelWhere(rule)}`,
  figure: levelWhere,
  words: (result, rule, _q, unit) => creditWords(result, `credits ${levelWhere(rule)}`, true, unit),
  unsatisfiable: CREDIT_UNSATISFIABLE,
};
