// "Learners must achieve a minimum of N credits": every unit that counts adds its credits.
import type { CreditKind } from './types';

export const total: CreditKind<'totalCredits'> = {
  kind: 'totalCredits',
  family: 'credits',
  label: 'total credits',
  spellings: ['totalCredits', 'total'],
  code: 'total-min-credits',
  usesLevel: false,
  usesGroup: false,
  counts: () => true,
  whatCounts: () => 'credits',
  unitsCounted: () => 'all the units',
};
