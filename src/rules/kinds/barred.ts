// "Learners may not take both A and B": only one unit of a barred set counts, and taking more than one is not allowed.
import { text } from './schema-parts';
import type { BarredKind } from './types';

export const barred: BarredKind = {
  kind: 'barred',
  family: 'exclusive',
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
  sheet: { columns: ['targets'], values: (rule) => ({ targets: rule.units }), targets: { field: 'units', one: false } },
  fromJson: (json, base, resolve) => ({
    ...base,
    kind: json.kind,
    units: json.units.map((u, j) => resolve.unit(u, 'units', j)),
  }),
  describe: (rule) => `only one of ${rule.units.join(', ')} counts`,
  groupsNamed: () => [],
  checkTargets(rule, { report }) {
    // The refs are resolved by now: two spellings of one unit are one ref.
    const distinct = new Set(rule.units);
    if (distinct.size < 2) {
      report('units', { code: 'barred-too-few', set: rule.id, units: distinct.size });
    }
  },
  members: (rule) => rule.units,
  clashWords: (units, set) => `${units.join(' and ')} are barred together (set ${set}): only one can count, keep one`,
  choiceWords(rule, chosen, dropped) {
    if (chosen.length > 1)
      return `${chosen.join(' and ')} are both chosen: only one counts (${dropped.join(', ') || chosen.slice(1).join(', ')} not counted); keep one`;
    if (chosen.length === 1)
      return `${chosen[0]} chosen; the other ${rule.units.length === 2 ? 'unit' : 'units'} of the set would not count`;
    return 'none of these units chosen';
  },
};
