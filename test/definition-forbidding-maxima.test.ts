// "All rules can be met" for a definition with a maximum that forbids more: taking every unit is then no learner's
// best try, so the check searches for a set of units that meets every rule. A definition whose forbidding maxima make
// another rule impossible is a definition problem naming the rules in conflict; one that some set of units satisfies
// is not, as a brute force over every set of units of generated definitions confirms.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import type { Grid } from '../src/sheet/types';
import { parseQualificationDefinitions, readQualificationDefinitions } from '../src/rules/definition/definition';
import { definitionsJson } from '../src/rules/definition/file';
import { isBarredRule } from '../src/rules/kinds';
import { evaluateUnits } from '../src/rules/engine/evaluate';
import type { QualificationDefinition } from '../src/rules/model';
import { DEFINITION, ONE_D } from './fixtures/sum-definition';
import { arbitrarySumQualification, sumBenchQualification } from './planner-fixtures';

type Json = Record<string, unknown>;

/** The centre's definition with its rules replaced. */
function withRules(rules: Json[]): Json {
  return { ...DEFINITION, rules };
}

describe('all rules can be met, with a maximum that forbids more', () => {
  it('accepts the centre definition, whose forbidding maximum leaves a way through', () => {
    assert.deepEqual(parseQualificationDefinitions(DEFINITION, 'centre.json').errors, []);
  });

  it('names a minimum the forbidding maximum makes impossible, with both rules', () => {
    // Group D has two units of 2 credits; only one may be taken, so 4 credits from it cannot be had.
    const json = withRules([
      ONE_D,
      { id: 'four-D', kind: 'sum', groups: ['D'], min: 4, text: 'at least 4 credits from Group D' },
    ]);
    const { errors, definitions } = parseQualificationDefinitions(json, 'centre.json');
    assert.deepEqual(definitions, []);
    assert.deepEqual(errors, [
      {
        path: 'rules[1].min',
        message:
          "No choice of units meets every rule: rule four-D cannot be met together with rule one-D (at most 1 unit from group D (more is not allowed)), whatever units are taken; lower its minimum, or correct the units' credits, levels or groups, or correct max of rule one-D.",
      },
    ]);
  });

  it('names a mandatory group whose units pass a forbidding maximum', () => {
    const json = withRules([
      { id: 'mandatory', kind: 'mandatory', group: 'D', text: 'Learners must achieve the units of Group D' },
      ONE_D,
    ]);
    const { errors } = parseQualificationDefinitions(json, 'centre.json');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'rules[0].group');
    assert.match(
      errors[0].message,
      /^No choice of units meets every rule: rule mandatory cannot be met together with rule one-D /,
    );
    assert.match(errors[0].message, /, or correct max of rule one-D\.$/);
  });

  it('names every rule of a conflict only together: two minimums, each met alone, and the maximum', () => {
    const json = withRules([
      { id: 'four', kind: 'sum', units: ['T/503/0001'], min: 2, text: 'T/503/0001' },
      ONE_D,
      { id: 'five', kind: 'sum', units: ['T/503/0002'], min: 2, text: 'T/503/0002' },
      { id: 'total', kind: 'totalCredits', min: 2, text: 'a minimum of 2 credits' },
    ]);
    const { errors } = parseQualificationDefinitions(json, 'centre.json');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, 'rules[0].min');
    assert.match(
      errors[0].message,
      /rule four cannot be met together with rule one-D \(.*\) and rule five \(at least 2 credits from unit T\/503\/0002\)/,
    );
    assert.doesNotMatch(errors[0].message, /rule total/, 'a rule the conflict does not need is not named');
  });

  it('names a rule whose own minimum and forbidding maximum no set of its units fits between', () => {
    // Group C's units give 3 and 4 credits: 5 or 6 credits exactly cannot be had (3, 4 or 7).
    const json = withRules([
      {
        id: 'five-C',
        kind: 'sum',
        groups: ['C'],
        min: 5,
        max: 6,
        overMax: 'forbidden',
        text: '5 or 6 credits from Group C',
      },
    ]);
    const { errors } = parseQualificationDefinitions(json, 'centre.json');
    assert.deepEqual(errors, [
      {
        path: 'rules[0].min',
        message:
          "No choice of units meets rule five-C: every choice of the units it counts either falls short of its minimum or passes its maximum, which forbids more; lower its minimum, or correct the units' credits, levels or groups, or correct max of rule five-C.",
      },
    ]);
  });

  it('names a conflict of two rules in a large definition too, where the rules are not searched together', () => {
    const json = JSON.parse(definitionsJson([sumBenchQualification()])) as Json & { rules: Json[] };
    assert.deepEqual(readQualificationDefinitions(json, 'bench.json').problems, [], 'the benchmark qualification');
    json.rules.push({
      id: 'three-D',
      kind: 'sum',
      of: 'units',
      groups: ['D'],
      min: 3,
      text: 'at least 3 units from D',
    });
    const { errors } = parseQualificationDefinitions(json, 'bench.json');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].path, `rules[${json.rules.length - 1}].min`);
    assert.match(errors[0].message, /rule three-D cannot be met together with rule one-D \(/);
  });

  it('names the cell of the rule in the rules sheet, in the sheet’s words', () => {
    const [q] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;
    const layout = rulesSheetGrid([q]);
    const grid: Grid = { values: layout.values.map((row) => [...row]), top: 1, left: 1 };
    const header = grid.values.findIndex((row) => row[0] === 'Rule id');
    const named = grid.values.findIndex((row) => row[0] === 'named');
    const minimum = grid.values[header].indexOf('Minimum');
    // Named units K/503/0421, L/503/0394 and K/503/0385: with at most one unit of Group C, 11 credits cannot be had.
    const maximum = grid.values[header].indexOf('Maximum');
    const over = grid.values[header].indexOf('Over the maximum');
    const maxC = grid.values.findIndex((row) => row[0] === 'max-C');
    grid.values[maxC][grid.values[header].indexOf('Adds up')] = 'units';
    grid.values[maxC][maximum] = 1;
    grid.values[maxC][over] = 'forbidden';
    grid.values[named][minimum] = 11;
    grid.values[named][grid.values[header].indexOf('Level match')] = null;
    grid.values[named][grid.values[header].indexOf('Level')] = null;
    const { errors } = readRulesSheet(grid, { base: [] });
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].cell, `${String.fromCharCode(65 + minimum)}${named + 1}`);
    assert.match(
      errors[0].message,
      /rule named cannot be met together with rule max-C .*, or correct the Maximum of rule max-C\.$/,
    );
  });
});

/** Whether some set of units, with no two of a barred set, leaves no rule unmet (undecided is not unmet). */
function bruteForceSatisfiable(q: QualificationDefinition): boolean {
  const refs = q.units.map((u) => u.ref);
  const barred = q.rules.filter(isBarredRule).map((r) => new Set(r.units));
  for (let mask = 0; mask < 1 << refs.length; mask++) {
    const taken = refs.filter((_, i) => mask & (1 << i));
    if (barred.some((set) => taken.filter((ref) => set.has(ref)).length > 1)) continue;
    if (evaluateUnits(q, taken).rules.every((r) => r.outcome !== 'unmet')) return true;
  }
  return false;
}

describe('all rules can be met, against a brute force over every set of units', function () {
  this.timeout(120_000);

  it('is reported exactly when no set of units meets every rule, on generated definitions with forbidding maxima', () => {
    let reported = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        arbitrarySumQualification(8).filter((q) =>
          q.rules.some((r) => r.kind === 'sum' && r.max !== undefined && r.overMax === 'forbidden'),
        ),
        (generated) => {
          const reading = readQualificationDefinitions(JSON.parse(definitionsJson([generated])), 'gen.json');
          const others = reading.problems.filter((p) => p.code !== 'unsatisfiable-together');
          fc.pre(others.length === 0);
          const flagged = reading.problems.length > 0;
          const satisfiable = bruteForceSatisfiable(generated);
          assert.equal(flagged, !satisfiable, JSON.stringify(reading.problems));
          if (flagged) reported++;
          else accepted++;
        },
      ),
      { numRuns: 200 },
    );
    assert.ok(reported >= 10 && accepted >= 50, `${reported} reported, ${accepted} accepted`);
  });
});
