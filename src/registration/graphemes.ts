// Text cut into the characters a person counts (grapheme clusters), in time linear in its length. V8's
// Intl.Segmenter slows with the length of the text it walks (32,767 mixed characters, Excel's most in a cell, took
// seconds: register-long-cells.xlsx), so it is given the text a window at a time.

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Code units the segmenter is given at once: long enough for any real cluster, short enough to stay fast. */
export const WINDOW = 256;

/** Cuts `text` into clusters; a parameter so a test can count the work it is given. */
export type Segment = (text: string) => Iterable<{ segment: string }>;

const segmentWhole: Segment = (text) => SEGMENTER.segment(text);

/**
 * The clusters of `text`. Whether a boundary falls before a character depends only on that character and those
 * before it back to the cluster's start, so every boundary inside a window but its last is the whole text's
 * boundary; the next window starts at the last cluster's start, which is a true boundary. A single cluster longer
 * than a window (a letter under thousands of accents) widens the window until it ends.
 */
export function graphemes(text: string, segment: Segment = segmentWhole, window = WINDOW): string[] {
  const out: string[] = [];
  let start = 0;
  let width = window;
  while (start < text.length) {
    let end = start + width;
    // The boundary before a character is decided on the whole character: a window never ends inside a surrogate pair.
    if (isLowSurrogate(text.charCodeAt(end))) end++;
    if (end >= text.length) {
      for (const s of segment(text.slice(start))) out.push(s.segment);
      break;
    }
    const clusters = [...segment(text.slice(start, end))].map((s) => s.segment);
    if (clusters.length < 2) {
      width *= 2;
      continue;
    }
    // The last cluster may run on past the window: it is read again at the start of the next one.
    const last = clusters.pop() ?? '';
    for (const c of clusters) out.push(c);
    start = end - last.length;
    width = window;
  }
  return out;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
