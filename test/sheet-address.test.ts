// Reading an A1 address without a regular expression gives what the rule's regular expressions give, for any text.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellAddressByRule as byRule, parseCellAddress } from '../src/sheet/address';

describe('cell addresses', () => {
  it('read as the rule reads them', () => {
    for (const text of [
      'B7',
      '$B$7',
      "'Cohort 1'!$AQ$12",
      'a1',
      'XFD1048576',
      'A0',
      'AAAA1',
      'A12345678',
      ' B7 ',
      'B 7',
      '7B',
      'B7!',
      '',
    ])
      assert.deepEqual(parseCellAddress(text), byRule(text), JSON.stringify(text));
  });

  it('read any text as the rule reads it', () => {
    const char = fc.constantFrom('A', 'b', 'Z', 'q', '$', '0', '1', '9', '!', ' ', '\t', '@', '[', '`', '{', 'é', ':');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        assert.deepEqual(parseCellAddress(text), byRule(text));
      }),
      { numRuns: 5000 },
    );
  });
});
