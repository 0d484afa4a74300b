// Characters as a person counts them, cut a window at a time: the same clusters as the segmenter gives on the whole
// text, and work linear in the text's length (register-long-cells.xlsx: two cells of 32,767 mixed characters).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { graphemes, type Segment } from '../src/registration/graphemes';

const whole = (text: string) =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);

/** Pieces that make clusters of every kind: accents, emoji with modifiers and joiners, flags, Hangul, CR LF. */
const PIECES = [
  'a',
  'é',
  'e\u0301',
  'e\u0301\u0302',
  '✓',
  '👍🏽',
  '👨‍👩‍👧',
  '🇬🇧',
  '🇫',
  '\u1100\u1161\u11a8',
  '\r\n',
  '\r',
  ' ',
  'क्ष',
  '\u0600a',
];

describe('grapheme clusters a window at a time', () => {
  it('are the clusters of the whole text, wherever the windows fall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (parts, window) => {
          const text = parts.join('');
          const segment: Segment = (t) => new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(t);
          assert.deepEqual(graphemes(text, segment, window), whole(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('give the segmenter each code unit of a 32,767-character cell at most twice, in windows of bounded length', () => {
    const text = Array.from({ length: 32_767 }, (_, i) => 'abcdefghij é✓'[(i * 7919) % 13]).join('');
    let given = 0;
    let longest = 0;
    const counting: Segment = (t) => {
      given += t.length;
      longest = Math.max(longest, t.length);
      return new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(t);
    };
    const clusters = graphemes(text, counting);
    // Each of these characters is one code unit and one cluster (the whole text's segmentation is the slow one).
    assert.equal(clusters.length, text.length);
    assert.equal(clusters.join(''), text);
    assert.ok(given <= 2 * text.length, `${given} code units for a text of ${text.length}`);
    assert.ok(longest <= 512, `a window of ${longest}`);
  });

  it('widen the window for one cluster longer than it (a letter under a thousand accents)', () => {
    const text = `a${'\u0301'.repeat(1000)}b`;
    assert.deepEqual(graphemes(text, undefined, 16), [text.slice(0, -1), 'b']);
  });
});
