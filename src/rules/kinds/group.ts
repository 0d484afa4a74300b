// "A minimum of N credits from group B (and C)": units of the named groups add their credits.
import { groupTitles } from './credit-words';
import type { CreditKind } from './types';

export const group: CreditKind<'groupCredits'> = {
  kind: 'groupCredits',
  family: 'credits',
  label: 'credits from groups',
  spellings: ['groupCredits', 'credits from groups', 'credits from group'],
  code: 'group-min-credits',
  usesLevel: false,
  usesGroup: true,
  counts: (rule, unit) => rule.groups.includes(unit.group),
  whatCounts: (rule, q) => `credits from ${groupTitles(q, rule.groups)}`,
  unitsCounted: (rule, q) => `the units of ${groupTitles(q, rule.groups)}`,
};
