// "N credits must be at level L (or above)": a unit's credits count when its level is right; an unknown level
// leaves that open.
import { atLevel, levelName } from './level-words';
import type { CreditKind } from './types';

export const level: CreditKind<'levelCredits'> = {
  kind: 'levelCredits',
  family: 'credits',
  label: 'credits at level',
  spellings: ['levelCredits', 'credits at level'],
  code: 'level-min-credits',
  usesLevel: true,
  usesGroup: false,
  counts: (rule, unit) => atLevel(unit.level, rule.level, rule.orAbove),
  whatCounts: (rule) => `credits ${rule.orAbove ? 'at or above' : 'at'} ${levelName(rule.level)}`,
  unitsCounted: (rule) => `the units ${rule.orAbove ? 'at or above' : 'at'} ${levelName(rule.level)}`,
};
