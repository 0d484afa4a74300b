// A sum rule in few words (the rules diff, a rule that cannot be met with others): the measure agrees with the figure
// it follows.
import assert from 'node:assert/strict';
import { describeRule } from '../src/rules/kinds';
import type { Rule } from '../src/rules/model/model';

const sum = (fields: Partial<Extract<Rule, { kind: 'sum' }>>): Rule => ({
  id: 'r',
  kind: 'sum',
  of: 'credits',
  min: 0,
  overMax: 'not-counted',
  text: 'the sentence',
  ...fields,
});

describe('a sum rule described in words', () => {
  it('names the measure in the singular after a figure of one and in the plural otherwise', () => {
    assert.equal(
      describeRule(sum({ of: 'units', groups: ['D'], max: 1, overMax: 'forbidden' })),
      'at most 1 unit from group D (more is not allowed)',
    );
    assert.equal(describeRule(sum({ of: 'units', groups: ['B'], min: 3 })), 'at least 3 units from group B');
    assert.equal(describeRule(sum({ min: 1, units: ['K/503/0421'] })), 'at least 1 credit from unit K/503/0421');
  });

  it('names the measure once, after the last figure, for a minimum and a maximum', () => {
    assert.equal(
      describeRule(sum({ groups: ['C'], min: 3, max: 6 })),
      'at least 3 and at most 6 credits from group C (more does not count)',
    );
  });

  it('keeps GLH as it is whatever the figure', () => {
    assert.equal(describeRule(sum({ of: 'glh', min: 60 })), 'at least 60 GLH in all');
    assert.equal(
      describeRule(sum({ of: 'glh', max: 1, overMax: 'forbidden' })),
      'at most 1 GLH in all (more is not allowed)',
    );
  });
});
