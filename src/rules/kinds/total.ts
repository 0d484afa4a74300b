// "Learners must achieve a minimum of N credits": every unit that counts adds its credits.
import { creditMin } from './schema-parts';
import type { CreditKind } from './types';

export const total: CreditKind<'totalCredits'> = {
  kind: 'totalCredits',
  family: 'credits',
  label: 'total credits',
  spellings: ['totalCredits', 'total'],
  code: 'total-min-credits',
  schema: { description: 'at least min credits in all', fields: { min: creditMin }, required: ['min'] },
  usesLevel: false,
  usesGroup: false,
  counts: () => true,
  whatCounts: () => 'credits',
  unitsCounted: () => 'all the units',
};
