// Definition problems are data (a code, its values, a path), worded by each surface's vocabulary: a rules file (the
// pane's import and --rules) and the rules sheet (the pane and the command line read it alike). Every code has words on
// both, and the sheet's words are made from the problem, never by rewriting a rules file's sentence.
import assert from 'node:assert/strict';
import { readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import type { Block } from '../src/rules-sheet/json';
import { RulesSheetCells } from '../src/rules-sheet/cells';
import { sheetWords } from '../src/rules-sheet/problem-cells';
import type { Grid } from '../src/sheet/types';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { parseQualificationDefinitions } from '../src/rules/definition/definition';
import { definitionsJson } from '../src/rules/definition/file';
import { PROBLEM_CODES, type ProblemCode, type ProblemData } from '../src/rules/model/definition-problems';
import { FILE_WORDS, problemWords, type ProblemVocabulary } from '../src/rules/definition/words';

/** One problem of each code, as the checks make them, with the path of the field it is about. */
const SAMPLES: { [C in ProblemCode]: { problem: Extract<ProblemData, { code: C }>; path: (string | number)[] } } = {
  'missing-field': {
    problem: { code: 'missing-field', field: 'title', help: 'the unit title' },
    path: ['units', 0, 'title'],
  },
  'missing-kind': { problem: { code: 'missing-kind' }, path: ['rules', 0, 'kind'] },
  'unknown-kind': { problem: { code: 'unknown-kind', kind: 'totl', hint: 'totalCredits' }, path: ['rules', 0, 'kind'] },
  'unknown-field': {
    problem: { code: 'unknown-field', field: 'credit', hint: 'credits', allowed: ['credits'] },
    path: ['units', 0, 'credit'],
  },
  'wrong-type': {
    problem: { code: 'wrong-type', expected: ['integer', 'null'], nullable: true, value: 'three' },
    path: ['units', 0, 'credits'],
  },
  'minimum-below-one': { problem: { code: 'minimum-below-one', value: 0 }, path: ['rules', 0, 'min'] },
  'below-minimum': {
    problem: { code: 'below-minimum', limit: 0, nullable: true, value: -2 },
    path: ['units', 0, 'credits'],
  },
  'empty-list': { problem: { code: 'empty-list', limit: 1 }, path: ['rules', 1, 'groups'] },
  'empty-text': { problem: { code: 'empty-text', help: 'the unit title' }, path: ['units', 0, 'title'] },
  invalid: { problem: { code: 'invalid', detail: 'must match' }, path: ['units', 0, 'ref'] },
  'entry-sublevel': { problem: { code: 'entry-sublevel', value: 'Entry 3' }, path: ['rules', 0, 'level'] },
  'not-a-level': { problem: { code: 'not-a-level', value: 'Advanced', highest: 8 }, path: ['units', 0, 'level'] },
  'level-out-of-range': {
    problem: { code: 'level-out-of-range', value: 9, highest: 8 },
    path: ['units', 0, 'level'],
  },
  'unknown-group': {
    problem: { code: 'unknown-group', name: 'D', groups: ['A', 'B'] },
    path: ['rules', 1, 'groups', 1],
  },
  'unknown-unit': { problem: { code: 'unknown-unit', ref: 'X/000/0000' }, path: ['rules', 2, 'units', 0] },
  'duplicate-group': { problem: { code: 'duplicate-group', id: 'B', first: 1, second: 2 }, path: ['groups', 1, 'id'] },
  'duplicate-unit': { problem: { code: 'duplicate-unit', ref: 'U1', first: 1, second: 2 }, path: ['units', 1, 'ref'] },
  'duplicate-unit-number': {
    problem: { code: 'duplicate-unit-number', number: 4, firstRef: 'U1', ref: 'U2' },
    path: ['units', 1, 'number'],
  },
  'duplicate-rule-id': {
    problem: { code: 'duplicate-rule-id', id: 'total', first: 1, second: 2 },
    path: ['rules', 1, 'id'],
  },
  'alias-clash': {
    problem: { code: 'alias-clash', alias: 'U2', unit: 'U1', other: 'U2' },
    path: ['units', 0, 'aliases', 0],
  },
  'equivalent-is-own-unit': {
    problem: { code: 'equivalent-is-own-unit', ref: 'U2', unit: 'U2' },
    path: ['equivalents', 0, 'ref'],
  },
  'duplicate-equivalent': {
    problem: { code: 'duplicate-equivalent', ref: 'Y/600/1234', first: 1, second: 2 },
    path: ['equivalents', 1, 'ref'],
  },
  'malformed-unit-ref': {
    problem: { code: 'malformed-unit-ref', ref: 'Y/600/123', why: 'qcf-digits' },
    path: ['equivalents', 0, 'ref'],
  },
  'bad-date': { problem: { code: 'bad-date', field: 'from', value: '24/05/2012' }, path: ['operational', 'from'] },
  'dates-backwards': {
    problem: { code: 'dates-backwards', from: '2020-01-01', to: '2019-01-01' },
    path: ['operational'],
  },
  'glh-backwards': { problem: { code: 'glh-backwards', min: 50, max: 40 }, path: ['glh'] },
  'group-total-mismatch': {
    problem: { code: 'group-total-mismatch', group: 'A', total: 7, known: 9, allKnown: true },
    path: ['groups', 0, 'totalCredits'],
  },
  'barred-too-few': { problem: { code: 'barred-too-few', set: 'C1', units: 1 }, path: ['rules', 2, 'units'] },
  'mandatory-group-empty': {
    problem: { code: 'mandatory-group-empty', rule: 'mandatory-A', group: 'A' },
    path: ['rules', 1, 'group'],
  },
  'mandatory-over-total': {
    problem: {
      code: 'mandatory-over-total',
      rule: 'mandatory-A',
      group: 'A',
      least: 34,
      exact: true,
      total: { id: 'total', min: 28 },
    },
    path: ['rules', 1, 'group'],
  },
  'unreachable-minimum': {
    problem: { code: 'unreachable-minimum', rule: 'total', min: 500, counted: 'all the units', most: 120 },
    path: ['rules', 0, 'min'],
  },
  unsatisfiable: {
    problem: {
      code: 'unsatisfiable',
      rule: 'total',
      barred: true,
      result: '20 of 28 credits: 8 credits short',
      fix: 'lower its minimum',
    },
    path: ['rules', 0, 'min'],
  },
  'unsatisfiable-together': {
    problem: {
      code: 'unsatisfiable-together',
      rule: 'group-B',
      others: [{ id: 'C1', says: 'at most 1 unit from group B (more is not allowed)' }],
      maxima: ['C1'],
      fix: 'lower its minimum',
    },
    path: ['rules', 1, 'min'],
  },
  'not-json': { problem: { code: 'not-json', detail: 'Unexpected token' }, path: [] },
  'not-a-definition': { problem: { code: 'not-a-definition' }, path: [] },
  'empty-file': { problem: { code: 'empty-file' }, path: [] },
  'qualification-twice': {
    problem: { code: 'qualification-twice', id: '10266', first: 1, second: 2 },
    path: ['id'],
  },
};

/** The JSON the samples' paths point into: units U1 and U2, groups A and B, rules total, group-B and C1, two equivalents. */
const ROOT = {
  id: '10266',
  units: [{ ref: 'U1' }, { ref: 'U2' }],
  groups: [{ id: 'A' }, { id: 'B' }],
  rules: [{ id: 'total' }, { id: 'group-B' }, { id: 'C1' }],
  equivalents: [{ ref: 'Y/600/1234' }, { ref: 'Y/600/1234' }],
};

/** The sheet's vocabulary for a block whose units, groups, rules and equivalents are on sheet rows 11.., 21.., 31.., 41.. */
function blockWords(): ProblemVocabulary {
  const grid: Grid = { sheetName: 'Qualification rules', values: [['Qualification', '10266']], top: 1, left: 1 };
  const block: Block = {
    start: { row: 0, column: 0 },
    json: ROOT,
    cells: new Map(),
    rows: { units: [10, 11], groups: [20, 21], rules: [30, 31, 32], equivalents: [40, 41] },
    end: 50,
  };
  return sheetWords(block, new RulesSheetCells(grid));
}

function sample<C extends ProblemCode>(code: C) {
  const { problem, path } = SAMPLES[code];
  return { ...problem, path };
}

describe('definition problems', () => {
  const surfaces: [string, ProblemVocabulary][] = [
    ['a rules file', FILE_WORDS],
    ['the rules sheet', blockWords()],
  ];

  for (const code of PROBLEM_CODES) {
    it(`${code}: a sentence on every surface`, () => {
      for (const [surface, words] of surfaces) {
        const message = problemWords(sample(code), ROOT, words);
        assert.match(message, /^[A-Z"].{20,}[.?]$/, `${surface}: ${message}`);
        assert.doesNotMatch(message, /undefined|\[object|NaN/, `${surface}: ${message}`);
      }
    });
  }

  it('has a sample for every code', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...PROBLEM_CODES].sort());
  });

  it("names fields and places in the sheet's own terms, and in JSON's in a rules file", () => {
    const sheet = blockWords();
    const pairs: [ProblemCode, RegExp, RegExp][] = [
      ['duplicate-unit', /\(positions 1 and 2\)/, /\(rows 11 and 12\)/],
      ['duplicate-rule-id', /\(positions 1 and 2\)/, /\(rows 31 and 32\)/],
      ['unreachable-minimum', /lower min,/, /lower its Minimum,/],
      ['minimum-below-one', /^The min of rule total /, /^The Minimum of rule total /],
      ['mandatory-over-total', /raise min of rule total\.$/, /raise the Minimum of rule total\.$/],
      ['group-total-mismatch', /correct totalCredits or/, /correct its Total credits or/],
      [
        'unknown-group',
        /^The groups\[1\] of rule group-B .* to groups\.$/,
        /^Groups or units of rule group-B .* to the group table\.$/,
      ],
      ['unknown-unit', /add the unit to units\.$/, /add the unit to the unit table\.$/],
      ['wrong-type', /or null \(when not known\)/, /a whole number, or empty when not known/],
      ['below-minimum', /, or null when not known\.$/, /, or leave the cell empty when not known\.$/],
      [
        'bad-date',
        /written as YYYY-MM-DD: write it as year-month-day, here "2012-05-24"\.$/,
        /is not a date: write a date such as/,
      ],
      ['glh-backwards', /: min must not be more than max\.$/, /: GLH min must not be more than GLH max\.$/],
      ['alias-clash', /^Alias "U2"/, /^Other header "U2"/],
      ['qualification-twice', /in this file/, /on this sheet/],
      ['unsatisfiable-together', /, or correct max of rule C1\.$/, /, or correct the Maximum of rule C1\.$/],
      ['duplicate-equivalent', /\(positions 1 and 2\)/, /\(rows 41 and 42\)/],
    ];
    for (const [code, file, sheetPattern] of pairs) {
      assert.match(problemWords(sample(code), ROOT, FILE_WORDS), file, code);
      assert.match(problemWords(sample(code), ROOT, sheet), sheetPattern, code);
    }
  });

  it('reads a rules file and a rules sheet with the same problem, each in its words, from the same data', () => {
    const q = EMBEDDED_QUALIFICATIONS.find((d) => d.id === '600/5106/1');
    assert.ok(q);
    const json = JSON.parse(definitionsJson([q])) as { rules: { id: string; min?: number }[] };
    const total = json.rules.find((r) => r.id === 'total');
    assert.ok(total);
    total.min = 500;
    const file = parseQualificationDefinitions(json, 'centre.json').errors.find((e) => e.path === 'rules[0].min');
    assert.match(file?.message ?? '', /no learner could meet it; lower min,/);

    const layout = rulesSheetGrid([q]);
    const values = layout.values.map((row) => [...row]);
    const header = values.findIndex((row) => row[0] === 'Rule id');
    const minColumn = values[header].indexOf('Minimum');
    const row = values.findIndex((r, i) => i > header && r[0] === 'total');
    values[row][minColumn] = 500;
    const sheet = readRulesSheet({ sheetName: 'Qualification rules', values, top: 1, left: 1 });
    const error = sheet.errors.find((e) => /asks for at least 500/.test(e.message));
    assert.match(error?.message ?? '', /no learner could meet it; lower its Minimum,/);
  });

  it("keeps the sheet's words when a rules file's are reworded: nothing reads one to make the other", () => {
    const q = EMBEDDED_QUALIFICATIONS.find((d) => d.id === '600/5106/1');
    assert.ok(q);
    const values = rulesSheetGrid([q]).values.map((row) => [...row]);
    const header = values.findIndex((row) => row[0] === 'Rule id');
    const row = values.findIndex((r, i) => i > header && r[0] === 'total');
    values[row][values[header].indexOf('Minimum')] = 500;
    const read = () =>
      readRulesSheet({ sheetName: 'Qualification rules', values, top: 1, left: 1 }).errors.map((e) => e.message);
    const before = read();
    const saved = { its: FILE_WORDS.its, minimumOf: FILE_WORDS.minimumOf };
    const words = FILE_WORDS as { -readonly [K in keyof ProblemVocabulary]: ProblemVocabulary[K] };
    try {
      words.its = () => 'the field';
      words.minimumOf = (rule) => `the least of ${rule}`;
      assert.match(problemWords(sample('unreachable-minimum'), ROOT, FILE_WORDS), /lower the field,/);
      assert.deepEqual(read(), before);
    } finally {
      Object.assign(words, saved);
    }
  });
});
