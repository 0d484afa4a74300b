// Adding a rule kind touches src/rules/kinds/ and nothing that does not name kinds: outside that folder no code
// names a kind, by a string or through the registry's key. The few places that must are listed here, with why.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KIND_NAMES } from '../src/rules/kinds';

const SRC = join(__dirname, '..', 'src');

/** Folders whose files may name kinds: the registry itself, and the shipped qualifications (data, as JSON is). */
const FREE = ['rules/kinds/', 'rules/catalogue/'];

/** Files that must name a kind, each literal counted, and why. */
const ALLOWED: { file: string; literal: string; count: number; why: string }[] = [
  ...['totalCredits', 'levelCredits', 'mandatory', 'groupCredits', 'barred', 'sum'].map((literal) => ({
    file: 'rules/model/model.ts',
    literal,
    count: 1,
    why: "the Rule union's discriminants: TypeScript narrows a rule to its kind's fields by them",
  })),
  // A group's `totalCredits` (its credits in all) is a field of the group, not the rule kind of the same name.
  { file: 'rules-sheet/layout.ts', literal: 'totalCredits', count: 2, why: "the group table's column key" },
  { file: 'rules-sheet/rows.ts', literal: 'totalCredits', count: 1, why: "the group table's column key" },
  { file: 'rules/definition/coherence.ts', literal: 'totalCredits', count: 1, why: "the path of a group's field" },
  {
    file: 'rules/definition/words.ts',
    literal: 'totalCredits',
    count: 1,
    why: "a group's field, as a rules file names it",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each place a file names a kind: a quoted kind name, or a kind picked from the registry by its key. */
function kindNames(text: string): string[] {
  const names = KIND_NAMES.join('|');
  const quoted = new RegExp(`(['"\`])(${names})\\1`, 'g');
  const picked = new RegExp(`\\b(?:KINDS|KIND_LABELS)\\.(${names})\\b`, 'g');
  return [...[...text.matchAll(quoted)].map((m) => m[2]), ...[...text.matchAll(picked)].map((m) => `KINDS.${m[1]}`)];
}

describe('the registry of rule kinds', () => {
  const files = sourceFiles(SRC).map((path) => ({
    file: relative(SRC, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8'),
  }));

  it('is the only code outside the shipped data that names a kind', () => {
    const found: string[] = [];
    for (const { file, text } of files) {
      if (FREE.some((folder) => file.startsWith(folder))) continue;
      const counts = new Map<string, number>();
      for (const name of kindNames(text)) counts.set(name, (counts.get(name) ?? 0) + 1);
      for (const [literal, count] of counts) {
        const allowed = ALLOWED.find((a) => a.file === file && a.literal === literal);
        if (!allowed || count > allowed.count) found.push(`src/${file}: ${literal} ×${count}`);
      }
    }
    assert.deepEqual(found, [], 'name the kind through the registry (src/rules/kinds/index.ts) instead');
  });

  it('lists only exceptions that are still there', () => {
    const stale = ALLOWED.filter(({ file, literal, count }) => {
      const text = files.find((f) => f.file === file)?.text ?? '';
      return kindNames(text).filter((name) => name === literal).length !== count;
    });
    assert.deepEqual(stale, []);
  });

  it('finds a kind named in a string and through the registry', () => {
    assert.deepEqual(kindNames(`if (rule.kind === 'levelCredits') KINDS.barred.code; "mandatory" \`groupCredits\``), [
      'levelCredits',
      'mandatory',
      'groupCredits',
      'KINDS.barred',
    ]);
    assert.deepEqual(kindNames("'levelCreditsRule' 'barred-combination' mandatoryGroup"), []);
  });
});
