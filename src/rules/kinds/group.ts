// "A minimum of N credits from group B (and C)": units of the named groups add their credits.
import { CREDIT_UNSATISFIABLE, creditWords, groupTitles } from './credit-words';
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
  sheet: {
    columns: ['targets', 'min'],
    values: (rule) => ({ targets: rule.groups, min: rule.min }),
    targets: {
      field: 'groups',
      one: false,
      needs: 'the ids of the groups whose credits count in Groups or units, separated by commas',
    },
  },
  fromJson: (json, base, resolve) => ({
    ...base,
    kind: json.kind,
    groups: json.groups.map((g, j) => resolve.group(g, 'groups', j)),
    min: json.min,
  }),
  describe: (rule) =>
    `at least ${rule.min} credits from group${rule.groups.length === 1 ? '' : 's'} ${rule.groups.join(' and ')}`,
  groupsNamed: (rule) => rule.groups,
  countsAll: () => false,
  usesLevel: () => false,
  usesGroup: () => true,
  measure: () => 'credits',
  bounds: (rule) => ({ min: rule.min, overMax: 'not-counted' }),
  counts: (rule, unit) => rule.groups.includes(unit.group),
  whatCounts: (rule, q) => `credits from ${groupTitles(q, rule.groups)}`,
  unitsCounted: (rule, q) => `the units of ${groupTitles(q, rule.groups)}`,
  words: (result, rule, q, unit) => creditWords(result, `credits from ${groupTitles(q, rule.groups)}`, false, unit),
  unsatisfiable: CREDIT_UNSATISFIABLE,
};
