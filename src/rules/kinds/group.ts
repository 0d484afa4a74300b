// "A minimum of N credits from group B (and C)": units of the named groups add their credits.
import { groupTitles } from './credit-words';
import { creditMin, text } from './schema-parts';
import type { CreditKind } from './types';

export const group: CreditKind<'groupCredits'> = {
  kind: 'groupCredits',
  family: 'credits',
  label: 'credits from groups',
  spellings: ['groupCredits', 'credits from groups', 'credits from group'],
  code: 'group-min-credits',
  schema: {
    description: 'at least min credits from the units of some groups together',
    fields: {
      groups: {
        type: 'array',
        minItems: 1,
        items: text('a group id'),
        description: 'the ids of the groups whose credits count',
      },
      min: creditMin,
    },
    required: ['groups', 'min'],
  },
  usesLevel: false,
  usesGroup: true,
  counts: (rule, unit) => rule.groups.includes(unit.group),
  whatCounts: (rule, q) => `credits from ${groupTitles(q, rule.groups)}`,
  unitsCounted: (rule, q) => `the units of ${groupTitles(q, rule.groups)}`,
};
