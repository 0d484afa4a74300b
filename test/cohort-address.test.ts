// Reading an A1 address without a regular expression gives what the spelled-out rule gives, for any text.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCellAddress } from '../src/cohort/address';

/** The rule as written: the part after the sheet, without `$`, trimmed, is 1-3 letters then 1-7 digits, row from 1. */
function byRule(text: string): { row: number; column: number } | undefined {
  const bare = text
    .slice(text.lastIndexOf('!') + 1)
    .replace(/\$/g, '')
    .trim();
  const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(bare);
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  return row < 1 ? undefined : { row, column };
}

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
