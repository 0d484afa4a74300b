// "Learners may not take both A and B": only one unit of a barred set counts, and taking more than one is not allowed.
import type { BarredKind } from './types';

export const barred: BarredKind = {
  kind: 'barred',
  family: 'barred',
  label: 'barred set',
  spellings: ['barred', 'barred set'],
  code: 'barred-combination',
  members: (rule) => rule.units,
};
