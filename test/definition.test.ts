import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import {
  definitionFileJsonSchema,
  definitionJsonSchema,
  parseQualificationDefinitions,
  type RulesFileProblem,
} from '../src/rules/definition/definition';
import { definitionsJson, readDefinitionsJson } from '../src/rules/definition/file';
import type { QualificationDefinition } from '../src/rules/model/model';

/** A small valid definition, fresh each time so a test can break one field of it. */
function small(): Record<string, unknown> & {
  units: Record<string, unknown>[];
  rules: Record<string, unknown>[];
  groups: Record<string, unknown>[];
} {
  return {
    id: 'TEST/1',
    title: 'Test Certificate',
    awardingBody: 'Test Body',
    level: 2,
    operational: { from: '2020-01-01', to: '2024-12-31' },
    groups: [
      { id: 'A', title: 'Mandatory' },
      { id: 'B', title: 'Optional' },
    ],
    units: [
      { ref: 'A/100/0001', title: 'First', credits: 3, glh: 20, level: 2, group: 'A' },
      { ref: 'A/100/0002', title: 'Second', credits: 2, glh: 10, level: 1, group: 'B' },
      { ref: 'A/100/0003', title: 'Third', credits: 4, glh: 30, level: null, group: 'B' },
      { ref: 'A/100/0004', title: 'Fourth', credits: 4, glh: 30, level: 2, group: 'B' },
    ],
    rules: [
      { id: 'total', kind: 'totalCredits', min: 7, text: 'at least 7 credits' },
      { id: 'mandatory', kind: 'mandatory', group: 'A', text: 'unit 1 is mandatory' },
      { id: 'optional', kind: 'groupCredits', groups: ['B'], min: 4, text: '4 credits from B' },
      { id: 'level', kind: 'levelCredits', level: 2, orAbove: false, min: 3, text: '3 at level 2' },
      { id: 'pair', kind: 'barred', units: ['A/100/0003', 'A/100/0004'], text: 'not both 3 and 4' },
    ],
  };
}

function parse(json: unknown) {
  return parseQualificationDefinitions(json, 'test.json');
}

/** The errors of a definition that must be rejected; it must also not come back as a definition. */
function errorsOf(json: unknown): RulesFileProblem[] {
  const result = parse(json);
  assert.ok(result.errors.length > 0, 'the definition is rejected');
  if (!Array.isArray(json)) assert.equal(result.definitions.length, 0, 'a rejected definition is not returned');
  return result.errors;
}

function errorAt(json: unknown, path: string): RulesFileProblem {
  const errors = errorsOf(json);
  const error = errors.find((e) => e.path === path);
  assert.ok(error, `an error at ${path}; got ${JSON.stringify(errors)}`);
  return error;
}

describe('reading qualification definitions', () => {
  it('accepts every embedded definition without a single error', () => {
    const result = parse(JSON.parse(definitionsJson(EMBEDDED_QUALIFICATIONS)));
    assert.deepEqual(result.errors, []);
    assert.equal(result.definitions.length, EMBEDDED_QUALIFICATIONS.length);
  });

  it('gives back exactly what was written: the JSON export then reading it is the identity on the embedded definitions', () => {
    for (const q of EMBEDDED_QUALIFICATIONS) {
      // The catalogue's notes are data, written out in words: read back unchanged, they are the catalogue's again.
      const { definitions, errors } = readDefinitionsJson(definitionsJson([q]), 'embedded', EMBEDDED_QUALIFICATIONS);
      assert.deepEqual(errors, []);
      assert.deepStrictEqual(definitions, [q]);
    }
  });

  it('gives back exactly what was written for any mix of known and unknown credits, GLH and levels', () => {
    const value = fc.option(fc.integer({ min: 0, max: 12 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ credits: value, glh: value, level: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }) }),
          { minLength: 4, maxLength: 4 },
        ),
        (values) => {
          const json = small();
          json.rules = json.rules.filter((r) => r.kind === 'mandatory' || r.kind === 'barred');
          json.units = json.units.map((u, i) => ({ ...u, ...values[i] }));
          const first = parse(json);
          assert.deepEqual(first.errors, []);
          const again = parse(JSON.parse(JSON.stringify(first.definitions[0])));
          assert.deepStrictEqual(again.definitions, first.definitions);
        },
      ),
    );
  });

  it('accepts one definition or a list of them, and records where each came from', () => {
    const one = parse(small());
    assert.deepEqual(one.errors, []);
    assert.equal(one.definitions.length, 1);
    assert.equal(one.definitions[0].origin, 'test.json');
    const second = { ...small(), id: 'TEST/2' };
    const list = parse([small(), second]);
    assert.deepEqual(
      list.definitions.map((d) => d.id),
      ['TEST/1', 'TEST/2'],
    );
  });

  it('returns the valid definitions of a list and reports the broken one by its position', () => {
    const broken = small();
    broken.units[0].credits = -1;
    const result = parse([small(), broken]);
    assert.deepEqual(
      result.definitions.map((d) => d.id),
      ['TEST/1'],
    );
    assert.deepEqual(
      result.errors.map((e) => e.path),
      ['[1].units[0].credits'],
    );
  });

  it('rejects a file that holds neither a definition nor a list', () => {
    assert.equal(errorAt('hello', '').message.includes('one qualification definition'), true);
    assert.match(errorAt([], '').message, /empty list/);
  });

  it('rejects a second definition with the same qualification id in one file', () => {
    const result = parse([small(), { ...small(), id: 'test 1' }]);
    assert.equal(result.definitions.length, 1);
    assert.equal(result.errors[0].path, '[1].id');
    assert.match(result.errors[0].message, /defined twice/);
  });

  it('fills missing rule ids as rule-N by position, without taking an id a rule already has', () => {
    const json = small();
    delete json.rules[0].id;
    json.rules[1].id = 'rule-3';
    delete json.rules[2].id;
    const [q] = parse(json).definitions;
    assert.deepEqual(
      q.rules.map((r) => r.id),
      ['rule-1', 'rule-3', 'rule-3-2', 'level', 'pair'],
    );
  });

  it('stores "Entry" and "E" as level 0 and leaves out values as unknown (null)', () => {
    const json = small();
    json.level = 'Entry';
    json.units[1].level = 'E';
    delete json.units[2].credits;
    delete json.units[2].glh;
    delete json.units[2].level;
    json.rules[3].level = 'entry';
    const [q] = parse(json).definitions;
    assert.equal(q.level, 0);
    assert.equal(q.units[1].level, 0);
    assert.deepEqual([q.units[2].credits, q.units[2].glh, q.units[2].level], [null, null, null]);
    assert.equal(q.rules[3].kind === 'levelCredits' && q.rules[3].level, 0);
  });

  it('reads Entry 1, 2 and 3 of a unit or the qualification as Entry level, and refuses them in a rule, which would need them told apart', () => {
    const json = small();
    json.level = 'Entry 3';
    json.units[0].level = 'Entry level 2';
    json.units[1].level = 'E3';
    const [q] = parse(json).definitions;
    assert.deepEqual([q.level, q.units[0].level, q.units[1].level], [0, 0, 0]);
    const rule = small();
    rule.rules[3].level = 'Entry 3';
    assert.match(
      errorAt(rule, 'rules[3].level').message,
      /level of rule level says "Entry 3", but qualcheck does not tell Entry 1, 2 and 3 apart .*: write "Entry" if the rule may count every Entry-level unit/,
    );
  });

  it('matches group ids and unit refs in any case and spelling, and stores them as declared', () => {
    const json = small();
    json.units[1].group = 'b';
    json.units[0].ref = 'a 100 0001';
    json.rules[1].group = 'a';
    json.rules[4].units = ['a1000003', 'A-100-0004'];
    const result = parse(json);
    assert.deepEqual(result.errors, []);
    const [q] = result.definitions;
    assert.equal(q.units[0].ref, 'A/100/0001');
    assert.equal(q.units[1].group, 'B');
    assert.deepEqual(q.rules[1].kind === 'mandatory' && q.rules[1].group, 'A');
    assert.deepEqual(q.rules[4].kind === 'barred' && q.rules[4].units, ['A/100/0003', 'A/100/0004']);
  });

  it('ignores a $schema address and replaces any origin written in the file', () => {
    const json = { ...small(), $schema: './qualification.schema.json', origin: 'elsewhere' };
    const [q] = parse(json).definitions;
    assert.equal(q.origin, 'test.json');
    assert.equal('$schema' in q, false);
  });
});

describe('definition errors name the field and say what to do', () => {
  it('a missing field', () => {
    const json = small();
    delete json.units[1].title;
    assert.match(errorAt(json, 'units[1].title').message, /^Unit A\/100\/0002 has no title: add "title"/);
    const top = small();
    delete top.awardingBody;
    assert.match(errorAt(top, 'awardingBody').message, /qualification has no awardingBody/);
  });

  it('a field qualcheck does not know, with the likely intended name', () => {
    const json = small();
    json.units[0].credit = 3;
    assert.match(errorAt(json, 'units[0].credit').message, /field "credit" .*did you mean "credits"\?/);
  });

  it('a value of the wrong type', () => {
    const json = small();
    json.units[2].credits = 'five';
    assert.match(
      errorAt(json, 'units[2].credits').message,
      /credits of unit A\/100\/0003 must be a whole number or null .*"five"/,
    );
    const rule = small();
    rule.rules[3].orAbove = 'yes';
    assert.match(errorAt(rule, 'rules[3].orAbove').message, /must be true or false/);
    const level = small();
    level.units[0].level = 2.5;
    assert.equal(
      errorAt(level, 'units[0].level').message,
      'The level of unit A/100/0001 must be a level: 1 to 8, or "Entry", or null when not known; it says 2.5.',
    );
  });

  it('a rule minimum of zero or below, which every learner would meet', () => {
    for (const min of [0, -3]) {
      const json = small();
      json.rules[2].min = min;
      assert.equal(
        errorAt(json, 'rules[2].min').message,
        `The min of rule optional must be 1 or more (it says ${min}): a rule asking for 0 credits or fewer is met by every learner. Write the credits the specification asks for, or delete the rule.`,
      );
    }
  });

  it('negative credits or GLH', () => {
    const credits = small();
    credits.units[1].credits = -2;
    assert.match(
      errorAt(credits, 'units[1].credits').message,
      /must not be negative \(it says -2\): write 0 or more, or null when not known/,
    );
    const glh = small();
    glh.units[1].glh = -5;
    assert.match(errorAt(glh, 'units[1].glh').message, /glh of unit A\/100\/0002 must not be negative/);
  });

  it('a level outside 0 to 8, or a word other than Entry', () => {
    const high = small();
    high.units[0].level = 9;
    assert.match(errorAt(high, 'units[0].level').message, /must be a level from 1 to 8.*it says 9/);
    const low = small();
    low.level = -1;
    assert.match(errorAt(low, 'level').message, /level of the qualification must be a level from 1 to 8/);
    const word = small();
    word.rules[3].level = 'Level 2';
    assert.match(
      errorAt(word, 'rules[3].level').message,
      /level of rule level must be a number from 1 to 8, or "Entry"/,
    );
  });

  it('a rule kind qualcheck does not know, or none', () => {
    const unknown = small();
    unknown.rules[0].kind = 'total';
    assert.match(
      errorAt(unknown, 'rules[0].kind').message,
      /Rule total has kind "total".*use one of totalCredits, levelCredits.*\(did you mean "totalCredits"\?\)/,
    );
    const none = small();
    delete none.rules[0].kind;
    assert.match(errorAt(none, 'rules[0].kind').message, /Rule total has no kind: add "kind"/);
  });

  it('a rule that lacks a field its kind needs', () => {
    const json = small();
    delete json.rules[3].orAbove;
    assert.match(
      errorAt(json, 'rules[3].orAbove').message,
      /Rule level has no orAbove: add "orAbove", true: units above the level count too/,
    );
  });

  it('an empty list of units', () => {
    const json = small();
    json.units = [];
    assert.match(errorAt(json, 'units').message, /The qualification lists no units: add at least one/);
  });

  it('the same unit listed twice, in any spelling of its ref', () => {
    const json = small();
    json.units.push({ ...json.units[0], ref: 'a1000001' });
    assert.match(errorAt(json, 'units[4].ref').message, /Unit A\/100\/0001 is listed twice \(positions 1 and 5\)/);
  });

  it('the same group, rule id or unit number declared twice', () => {
    const groups = small();
    groups.groups.push({ id: 'a', title: 'Again' });
    assert.match(errorAt(groups, 'groups[2].id').message, /Group "a" is declared twice/);
    const rules = small();
    rules.rules[1].id = 'total';
    assert.match(errorAt(rules, 'rules[1].id').message, /Rule id "total" is used twice/);
    const numbers = small();
    numbers.units[0].number = 1;
    numbers.units[1].number = 1;
    assert.match(
      errorAt(numbers, 'units[1].number').message,
      /Unit number 1 is given to both A\/100\/0001 and A\/100\/0002/,
    );
  });

  it("an alias that is also another unit's ref", () => {
    const json = small();
    json.units[0].aliases = ['Unit 1', 'A/100/0002'];
    assert.match(errorAt(json, 'units[0].aliases[1]').message, /also names unit A\/100\/0002/);
  });

  it('a unit in a group that does not exist', () => {
    const json = small();
    json.units[1].group = 'C';
    assert.match(
      errorAt(json, 'units[1].group').message,
      /group of unit A\/100\/0002 names "C", a group the qualification does not have: use one of A, B/,
    );
  });

  it('a rule naming a group or unit that does not exist', () => {
    const mandatory = small();
    mandatory.rules[1].group = 'Z';
    assert.match(errorAt(mandatory, 'rules[1].group').message, /names "Z", a group the qualification does not have/);
    const groupCredits = small();
    groupCredits.rules[2].groups = ['B', 'X'];
    assert.match(errorAt(groupCredits, 'rules[2].groups[1]').message, /names "X"/);
    const barred = small();
    barred.rules[4].units = ['A/100/0003', 'A/100/0099'];
    assert.match(
      errorAt(barred, 'rules[4].units[1]').message,
      /names "A\/100\/0099", a unit the qualification does not have/,
    );
  });

  it('an operational date that is not an ISO date, with the ISO spelling of a UK date', () => {
    const uk = small();
    uk.operational = { from: '24/05/2012', to: '2024-12-31' };
    assert.match(errorAt(uk, 'operational.from').message, /not a date written as YYYY-MM-DD.*"2012-05-24"/);
    const impossible = small();
    impossible.operational = { from: '2020-01-01', to: '2023-02-30' };
    assert.match(errorAt(impossible, 'operational.to').message, /"2023-02-30" is not a date/);
  });

  it('operational dates that run backwards, and a GLH range that does', () => {
    const dates = small();
    dates.operational = { from: '2025-01-01', to: '2024-12-31' };
    assert.match(errorAt(dates, 'operational').message, /run backwards \(from 2025-01-01 to 2024-12-31\)/);
    const glh = small();
    glh.glh = { min: 100, max: 90 };
    assert.match(errorAt(glh, 'glh').message, /min must not be more than max/);
  });

  it('a barred set with fewer than two different units', () => {
    const one = small();
    one.rules[4].units = ['A/100/0003'];
    assert.match(
      errorAt(one, 'rules[4].units').message,
      /Barred set pair names only one unit: a barred set needs at least two different units/,
    );
    const same = small();
    same.rules[4].units = ['A/100/0003', 'a1000003'];
    assert.match(errorAt(same, 'rules[4].units').message, /only one unit/);
  });

  it('a mandatory group with no units', () => {
    const json = small();
    json.groups.push({ id: 'C', title: 'Empty' });
    json.rules[1].group = 'C';
    assert.match(errorAt(json, 'rules[1].group').message, /makes group C mandatory, but no unit belongs to it/);
  });

  it("a group credit minimum the group's units cannot reach, counting one unit of each barred set", () => {
    const json = small();
    json.rules[2].min = 7; // B holds 2 + 4 + 4 credits, but 3 and 4 are a barred pair: at most 6
    assert.match(
      errorAt(json, 'rules[2].min').message,
      /Rule optional asks for at least 7 credits, but the units of Optional give at most 6/,
    );
  });

  it('a total credit minimum all the units together cannot reach', () => {
    const json = small();
    json.rules[0].min = 10;
    assert.match(
      errorAt(json, 'rules[0].min').message,
      /Rule total asks for at least 10 credits, but all the units give at most 9/,
    );
  });

  it("a stated group total that its units' credits contradict", () => {
    const json = small();
    json.groups[1].totalCredits = 7;
    assert.match(
      errorAt(json, 'groups[1].totalCredits').message,
      /Group B states 7 credits in all, but its units' credits add up to 10/,
    );
  });

  it("never in the validator's own vocabulary", () => {
    const json = small();
    json.units[0].credit = 3;
    json.units[1].credits = 'x';
    json.units[2].glh = -1;
    delete json.units[3].group;
    json.rules[0].kind = 'nope';
    json.groups = [];
    const errors = errorsOf(json);
    assert.ok(errors.length >= 6);
    for (const e of errors)
      assert.doesNotMatch(
        e.message,
        /must NOT|additionalProperties|instancePath|schema|oneOf|discriminator|keyword|\/units\//,
        e.message,
      );
  });
});

describe('unreachable minimums and unknown credits', () => {
  it('are not an error while some credits are unknown and unbounded', () => {
    const json = small();
    json.units[1].credits = null;
    json.rules[2].min = 50;
    assert.deepEqual(parse(json).errors, []);
  });

  it('are an error when the unknown credits are bounded by a stated group total', () => {
    const json = small();
    json.groups[1].totalCredits = 10;
    json.units[1].credits = null;
    json.rules[2].min = 7; // unit 2 can hold at most 10 - 8 = 2 credits; with one of the barred pair, 2 + 4 = 6
    assert.match(errorAt(json, 'rules[2].min').message, /at most 6/);
    json.rules[2].min = 6;
    assert.deepEqual(parse(json).errors, []);
  });

  it('a mandatory group whose credits exceed the total minimum, known or stated for the group', () => {
    const json = small();
    json.units[0].credits = 12;
    json.rules[2].min = 1;
    assert.equal(
      errorAt(json, 'rules[1].group').message,
      "Rule mandatory makes every unit of group A mandatory, and those units give 12 credits, more than the 7 credits in all that rule total asks for: every learner would pass the total on the mandatory units alone, so a value is wrong. Correct the credits of group A's units, or raise min of rule total.",
    );
    const stated = small();
    stated.units[0].credits = null;
    stated.groups[0].totalCredits = 8;
    assert.match(
      errorAt(stated, 'rules[1].group').message,
      /those units give 8 credits, more than the 7 credits in all/,
    );
    const equal = small();
    equal.units[0].credits = 7;
    assert.deepEqual(parse(equal).errors, [], 'a qualification of mandatory units only has a total equal to them');
  });
});

describe('the definition JSON schema', () => {
  it('compiles as a JSON schema of its own and accepts a rules file of the embedded definitions', () => {
    const ajv = new Ajv({ discriminator: true, allowUnionTypes: true });
    const one = ajv.compile(definitionJsonSchema);
    const file = ajv.compile(definitionFileJsonSchema);
    const embedded: QualificationDefinition[] = JSON.parse(definitionsJson(EMBEDDED_QUALIFICATIONS));
    assert.equal(one(embedded[0]), true);
    assert.equal(file(embedded), true);
    assert.equal(file(embedded[1]), true);
    assert.equal(file('not a definition'), false);
  });
});

describe('the format documentation', () => {
  const doc = readFileSync(path.resolve(__dirname, '../docs/qualification-format.md'), 'utf8');
  // A block is a whole JSON value, or a field of one (`"groups": [...]`) that reads as JSON inside braces.
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
    m[1].trimStart().startsWith('"') ? `{${m[1]}}` : m[1],
  );

  it('shows only JSON that is well formed', () => {
    assert.ok(blocks.length >= 7);
    for (const b of blocks) assert.doesNotThrow(() => JSON.parse(b), b);
  });

  it('has a full example that qualcheck reads without an error', () => {
    const full = blocks
      .map((b) => JSON.parse(b) as unknown)
      .filter((b) => typeof b === 'object' && b !== null && 'rules' in b);
    assert.equal(full.length, 1);
    const result = parse(full[0]);
    assert.deepEqual(result.errors, []);
    assert.equal(result.definitions[0].units.length, 5);
  });

  it('has an example of every rule kind, each one a rule qualcheck accepts', () => {
    const rules = blocks
      .map((b) => JSON.parse(b) as unknown)
      .filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && 'kind' in b);
    assert.deepEqual([...new Set(rules.map((r) => r.kind))].sort(), [
      'barred',
      'groupCredits',
      'levelCredits',
      'mandatory',
      'sum',
      'totalCredits',
    ]);
    const iq = JSON.parse(definitionsJson([EMBEDDED_QUALIFICATIONS[0]])) as { rules: unknown[]; groups: unknown[] };
    iq.rules = rules;
    // The sentence "not more than one unit from Group D" names a group 600/5106/1 does not have.
    iq.groups.push({ id: 'D', title: 'Optional Group D' });
    assert.deepEqual(parse(iq).errors, []);
  });
});
