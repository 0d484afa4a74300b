// "Learners may not take both A and B": only one unit of a barred set counts, and taking more than one is not allowed.
import { text } from './schema-parts';
import type { BarredKind } from './types';

export const barred: BarredKind = {
  kind: 'barred',
  family: 'barred',
  label: 'barred set',
  spellings: ['barred', 'barred set'],
  code: 'barred-combination',
  schema: {
    description: 'a barred set: only one of these units counts, and taking more than one is not allowed',
    fields: {
      units: {
        type: 'array',
        items: text('a unit ref'),
        description: 'the refs of the units of the set, at least two',
      },
    },
    required: ['units'],
  },
  members: (rule) => rule.units,
};
