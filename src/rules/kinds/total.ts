// "Learners must achieve a minimum of N credits": every unit that counts adds its credits.
import { CREDIT_UNSATISFIABLE, creditWords } from './credit-words';
import { creditMin } from './schema-parts';
import type { CreditKind } from './types';

export const total: CreditKind<'totalCredits'> = {
  kind: 'totalCredits',
  family: 'credits',
  label: 'total credits',
  spellings: ['totalCredits', 'total'],
  code: 'total-min-credits',
  schema: { description: 'at least min credits in all', fields: { min: creditMin }, required: ['min'] },
  sheet: { columns: ['min'], values: (rule) => ({ min: rule.min }), counts: 'every unit' },
  fromJson: (json, base) => ({ ...base, kind: json.kind, min: json.min }),
  describe: (rule) => `at least ${rule.min} credits in all`,
  groupsNamed: () => [],
  countsAll: () => true,
  usesLevel: () => false,
  usesGroup: () => false,
  measure: () => 'credits',
  bounds: (rule) => ({ min: rule.min, overMax: 'not-counted' }),
  counts: () => true,
  whatCounts: () => 'credits',
  unitsCounted: () => 'all the units',
  words: (result, _rule, _q, unit) => creditWords(result, 'credits', false, unit),
  unsatisfiable: CREDIT_UNSATISFIABLE,
};
