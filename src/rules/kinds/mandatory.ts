// "Learners must achieve all mandatory units of group A": every unit of the group is needed.
import { plural } from './level-words';
import { text } from './schema-parts';
import type { UnitsKind } from './types';

export const mandatory: UnitsKind = {
  kind: 'mandatory',
  family: 'units',
  label: 'mandatory group',
  spellings: ['mandatory', 'mandatory group'],
  code: 'missing-mandatory',
  schema: {
    description: 'every unit of a group is required',
    fields: { group: text('the id of the mandatory group') },
    required: ['group'],
  },
  needs: (rule, q) => q.units.filter((u) => u.group === rule.group).map((u) => u.ref),
  words(result, q) {
    const rule = q.rules.find((r) => r.id === result.ruleId);
    const groupId = rule?.kind === 'mandatory' ? rule.group : '';
    const title = q.groups.find((g) => g.id === groupId)?.title ?? groupId;
    return result.missingUnits.length === 0
      ? `all ${plural(result.required, 'unit')} of ${title}: met`
      : `${title}: missing ${result.missingUnits.join(', ')}`;
  },
};
