// Why the XML tokenizer is hand-written: the sheet part of the 50,000-learner cohort (the file the other file-layer
// benches use) read by src/workbook/xml-tokenizer.ts and by saxes, a well-kept streaming XML parser, side by side in
// one run. Both get the same text in the same 64 KiB pieces (as the package hands a part over) and do the same work with
// it: each start tag's name and its `r`, `t` and `s` attributes, each end tag, each text with where it is (the
// offsets the writers cut the text at). Medians over a few runs taken in turn, after a warm-up of each.
// Run: npx tsx bench/xml-scanner.ts [learners] [--json]
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { XmlTokenizer } from '../src/workbook/xml-tokenizer';
import { cohortSheetXml } from './cohort-file';

const json = process.argv.includes('--json');
const LEARNERS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 50_000);
const UNITS = 39;
const RUNS = 5;
const PIECE = 64 * 1024;

/** What both readers gather, so neither can skip work the other does. */
interface Tally {
  elements: number;
  attributes: number;
  textLength: number;
  /** The sum of every token's offset, which a writer needs and both give. */
  offsets: number;
}

function newTally(): Tally {
  return { elements: 0, attributes: 0, textLength: 0, offsets: 0 };
}

function countAttributes(tally: Tally, attributes: Readonly<Record<string, string>>): void {
  if (attributes.r !== undefined) tally.attributes++;
  if (attributes.t !== undefined) tally.attributes++;
  if (attributes.s !== undefined) tally.attributes++;
}

function handWritten(pieces: readonly string[]): Tally {
  const tally = newTally();
  const tokenizer = new XmlTokenizer({
    open(tag) {
      tally.elements++;
      tally.offsets += tag.start;
      countAttributes(tally, tag.attributes);
    },
    close(tag) {
      tally.offsets += tag.start;
    },
    text(text) {
      tally.textLength += text.text.length;
      tally.offsets += text.start;
    },
  });
  for (const piece of pieces) tokenizer.write(piece);
  tokenizer.end();
  return tally;
}

function withSaxes(pieces: readonly string[]): Tally {
  const tally = newTally();
  const parser = new SaxesParser();
  // saxes hands on the white space outside the root element too; the tokenizer does not.
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (!tag.isSelfClosing) depth++;
    tally.elements++;
    tally.offsets += parser.position;
    countAttributes(tally, tag.attributes);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) depth--;
    tally.offsets += parser.position;
  });
  parser.on('text', (text) => {
    if (depth === 0) return;
    tally.textLength += text.length;
    tally.offsets += parser.position;
  });
  parser.on('error', (error) => {
    throw error;
  });
  for (const piece of pieces) parser.write(piece);
  parser.close();
  return tally;
}

/** Medians of both readers, run in turn (one, the other, ...) so neither is favoured by the state of the heap. */
function medians(readers: (() => Tally)[]): { ms: number; tally: Tally }[] {
  const tallies = readers.map((read) => read());
  const times: number[][] = readers.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    readers.forEach((read, i) => {
      const start = performance.now();
      tallies[i] = read();
      times[i].push(performance.now() - start);
    });
  }
  return times.map((t, i) => ({ ms: [...t].sort((x, y) => x - y)[RUNS >> 1], tally: tallies[i] }));
}

const sheet = cohortSheetXml({ learners: LEARNERS, units: UNITS }, new Map());
const pieces: string[] = [];
for (let at = 0; at < sheet.length; at += PIECE) pieces.push(sheet.slice(at, at + PIECE));
const mb = Buffer.byteLength(sheet) / 1024 / 1024;

const [ours, theirs] = medians([() => handWritten(pieces), () => withSaxes(pieces)]);
// The same document read the same way, or the figures compare nothing.
for (const key of ['elements', 'attributes', 'textLength'] as const) {
  if (ours.tally[key] !== theirs.tally[key])
    throw new Error(`the two readers disagree on ${key}: ${ours.tally[key]} and ${theirs.tally[key]}`);
}

const ratio = theirs.ms / ours.ms;
if (json) {
  console.log(
    JSON.stringify({
      xmlScanner: {
        learners: LEARNERS,
        sheetMb: Math.round(mb * 10) / 10,
        tokenizerMs: Math.round(ours.ms),
        saxesMs: Math.round(theirs.ms),
        saxesOverTokenizer: Math.round(ratio * 100) / 100,
      },
    }),
  );
} else {
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(0)} MB/s`;
  const elements = ours.tally.elements.toLocaleString('en-GB');
  console.log(
    `xml-scanner: the sheet part of ${LEARNERS.toLocaleString('en-GB')} learners x ${UNITS + 6} columns, ` +
      `${mb.toFixed(1)} MB, ${elements} elements, in ${PIECE / 1024} KiB pieces; median of ${RUNS} runs`,
  );
  console.log(`  hand-written tokenizer (src/workbook/xml-tokenizer.ts): ${ours.ms.toFixed(0)} ms, ${rate(ours.ms)}`);
  console.log(`  saxes ${saxesVersion()}:                              ${theirs.ms.toFixed(0)} ms, ${rate(theirs.ms)}`);
  console.log(`  saxes takes ${ratio.toFixed(2)} times as long`);
}

function saxesVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('saxes/package.json') as { version: string }).version;
}
