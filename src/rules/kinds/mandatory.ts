// "Learners must achieve all mandatory units of group A": every unit of the group is needed.
import { plural } from './level-words';
import { text } from './schema-parts';
import type { RuleCheck, RuleOf, UnitsKind } from './types';

/** A mandatory group no unit belongs to. */
function checkTargets(rule: RuleOf<'mandatory'>, { q, report }: RuleCheck): void {
  if (q.groups.some((g) => g.id === rule.group) && !q.units.some((u) => u.group === rule.group)) {
    report('group', { code: 'mandatory-group-empty', rule: rule.id, group: rule.group });
  }
}

/**
 * Every learner takes every unit of a mandatory group, so the qualification's total can never be less than what those
 * units give: a mandatory group worth more than the total means a credit value or the total was typed wrong.
 */
function checkInAll(rule: RuleOf<'mandatory'>, { q, minimumsInAll, report }: RuleCheck): void {
  const group = q.groups.find((g) => g.id === rule.group);
  const units = q.units.filter((u) => u.group === rule.group);
  const known = units.reduce((sum, u) => sum + (u.credits ?? 0), 0);
  const allKnown = units.every((u) => u.credits !== null);
  // A stated group total is what all its units give; without one, the known credits are the least they give.
  const least = group?.totalCredits ?? known;
  const exact = group?.totalCredits !== undefined || allKnown;
  for (const total of minimumsInAll) {
    if (least <= total.min) continue;
    report('group', { code: 'mandatory-over-total', rule: rule.id, group: rule.group, least, exact, total });
  }
}

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
  sheet: {
    columns: ['targets'],
    values: (rule) => ({ targets: [rule.group] }),
    targets: { field: 'group', one: true, needs: 'the Group id of the mandatory group in Groups or units' },
  },
  fromJson: (json, base, resolve) => ({ ...base, kind: json.kind, group: resolve.group(json.group, 'group') }),
  describe: (rule) => `every unit of group ${rule.group}`,
  groupsNamed: (rule) => [rule.group],
  checkTargets,
  checkInAll,
  needs: (rule, q) => q.units.filter((u) => u.group === rule.group).map((u) => u.ref),
  words(result, rule, q) {
    const title = q.groups.find((g) => g.id === rule.group)?.title ?? rule.group;
    return result.missingUnits.length === 0
      ? `all ${plural(result.required, 'unit')} of ${title}: met`
      : `${title}: missing ${result.missingUnits.join(', ')}`;
  },
  unsatisfiable: {
    field: 'group',
    fix: 'a unit of the mandatory group may be barred with another unit the rules need: correct the barred sets or the group',
  },
};
