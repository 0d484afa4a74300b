// Results are data and words are made where they are shown: no code in src/ reads qualcheck's own sentences back
// with a regular expression or a searched-for string (issue 26). The check is proved to bite on the two that were
// there (a catalogue note's phrase replaced for the pane, a unit source's "credits: your rules sheet" read back) and
// to leave the parsing of what a person types alone.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ownWordsMatches } from './support/own-words';

const root = path.resolve(__dirname, '..');

function sourceFiles(folder: string): { file: string; text: string }[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(name) || name.endsWith('.d.ts')) return [];
    return [{ file: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') }];
  });
}

/** Patterns that read English on purpose, each with why: file and the phrase found. */
const READ_ON_PURPOSE: Record<string, string> = {
  // A workbook whose ownership record another program dropped: only a result cell's words can say it is qualcheck's
  // (README, "Whose cell it is"), so the words qualcheck writes there are recognised.
  'src/placement/result-vocabulary.ts: your rules': 'result cells without their record',
  // Another library's words, not qualcheck's: the command line's parser's message, the zip reader's errors.
  'src/cli/main.ts: did you': "commander's error message",
  'src/workbook/package.ts: end of': "the zip library's error",
  'src/workbook/package.ts: file name': "the zip library's error",
};

describe("qualcheck's own words are not read back", function () {
  this.timeout(120_000);
  let found: ReturnType<typeof ownWordsMatches> = [];
  before(() => {
    found = ownWordsMatches(sourceFiles(path.join(root, 'src')));
  });
  const key = (m: { file: string; phrase: string }) => `${m.file}: ${m.phrase.toLowerCase()}`;

  it('by any regular expression or searched-for string in src/', () => {
    const unexpected = found.filter((m) => READ_ON_PURPOSE[key(m)] === undefined);
    assert.deepEqual(
      unexpected,
      [],
      'make the result data and word it where it is shown; a pattern that parses what a person types should not ' +
        'share a phrase with a message (or, with a reason, goes in READ_ON_PURPOSE)',
    );
  });

  it('save where it reads on purpose, each place still there', () => {
    assert.deepEqual([...new Set(found.map(key))].sort(), Object.keys(READ_ON_PURPOSE).sort());
  });

  it("finds a note's phrase replaced, and a source text's part read with a regular expression", () => {
    const note = [
      'const NOTE = `A centre that reads it so can set orAbove to true in a rules file.`;',
      "export const pane = (note: string) => note.replace('can set orAbove to true in a rules file', 'say yes');",
    ].join('\n');
    const source = [
      'export const words = (file: string) => `credits: your rules file ${file}`;',
      "const PART = new RegExp(`^(credits|level): your rules (sheet|file\\\\b[^;]*)$`, 'i');",
    ].join('\n');
    const matches = ownWordsMatches([
      { file: 'note.ts', text: note },
      { file: 'source.ts', text: source },
    ]);
    assert.deepEqual(
      matches.map((m) => [m.file, m.line]),
      [
        ['note.ts', 2],
        ['source.ts', 2],
      ],
    );
  });

  it('leaves alone the parsing of refs, dates, ULNs, unit numbers, levels and cells, beside messages about them', () => {
    const parsing = [
      'export const MESSAGES = [`the date of birth is not a date`, `Unit 4 has no level`, `cell A1 holds a ULN`];',
      'export const QCF = /^([A-Z])\\/?(\\d{3})\\/?(\\d{4})$/;',
      'export const UK = /^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{2}|\\d{4})$/;',
      'export const NAMED = /^(\\d{1,2})(?:st|nd|rd|th)?(?: |-)([A-Za-z]+)\\.?(?: |-|, ?)(\\d{2}|\\d{4})$/;',
      'export const ULN = /^[1-9]\\d{9}$/;',
      'export const UNIT = /^(?:unit|u)?\\s*(\\d+)$/i;',
      'export const LEVEL = /^(?:level|l)?\\s*(\\d+)$/i;',
      'export const CELL = /^([A-Za-z]{1,3})(\\d{1,7})$/;',
      "export const bare = (t: string) => t.replace(/\\$/g, '').split(/[;\\n]/);",
    ].join('\n');
    assert.deepEqual(ownWordsMatches([{ file: 'parsing.ts', text: parsing }]), []);
  });
});
