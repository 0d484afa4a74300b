// The compiled evaluator against a direct reading of each rule: for random learners of every shipped qualification
// and of generated ones with unknown credits, unknown levels and group totals, every rule's outcome and counts agree.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { evaluateUnits } from '../src/rules/engine/evaluate';
import type { Evaluation, QualificationDefinition, Rule, RuleOutcome, UnitDefinition } from '../src/rules/model/model';
import { arbitraryLearner, arbitraryQualification } from './planner-fixtures';

interface Reading {
  outcome: RuleOutcome;
  known: number;
  mostPossible: number | null;
  undecidedBy: string[];
  missingUnits: string[];
}

/** Whether a unit's credits go toward a credit rule, read off the rule's sentence: yes, no, or "it depends on its level". */
function goesToward(rule: Rule, unit: UnitDefinition): boolean | null {
  if (rule.kind === 'groupCredits') return rule.groups.includes(unit.group);
  if (rule.kind !== 'levelCredits') return true;
  if (unit.level === null) return null;
  return rule.orAbove ? unit.level >= rule.level : unit.level === rule.level;
}

/** One rule read directly on the units that count, as a person would with the specification in hand. */
function readRule(q: QualificationDefinition, rule: Rule, counted: UnitDefinition[]): Reading {
  if (rule.kind === 'mandatory') {
    const needed = q.units.filter((u) => u.group === rule.group).map((u) => u.ref);
    const missingUnits = needed.filter((ref) => !counted.some((u) => u.ref === ref));
    const known = needed.length - missingUnits.length;
    return {
      outcome: missingUnits.length === 0 ? 'met' : 'unmet',
      known,
      mostPossible: known,
      undecidedBy: [],
      missingUnits,
    };
  }
  if (rule.kind === 'barred') throw new Error('barred sets are settled before the rules are read');
  const sure = counted.filter((u) => goesToward(rule, u) === true && u.credits !== null);
  const maybe = counted.filter((u) => goesToward(rule, u) !== false && !sure.includes(u));
  const known = sure.reduce((s, u) => s + (u.credits as number), 0);
  // The most: every maybe unit counts in full, and units of unknown credits take at most what their group's stated
  // total leaves over its known units (all of them together), or anything when the group states none.
  let most = known + maybe.reduce((s, u) => s + (u.credits ?? 0), 0);
  for (const groupId of new Set(maybe.filter((u) => u.credits === null).map((u) => u.group))) {
    const group = q.groups.find((g) => g.id === groupId);
    if (group?.totalCredits === undefined) most = Infinity;
    else
      most += Math.max(
        0,
        group.totalCredits - q.units.filter((u) => u.group === groupId).reduce((s, u) => s + (u.credits ?? 0), 0),
      );
  }
  const outcome: RuleOutcome = known >= rule.min ? 'met' : most < rule.min ? 'unmet' : 'unknown';
  return {
    outcome,
    known,
    mostPossible: Number.isFinite(most) ? most : null,
    undecidedBy: outcome === 'unknown' ? maybe.map((u) => u.ref) : [],
    missingUnits: [],
  };
}

/** Every way of keeping one taken unit of each barred set that holds several, each with the readings it gives. */
function readLearner(
  q: QualificationDefinition,
  refs: string[],
): { counted: string[]; readings: Reading[]; credits: number }[] {
  const unitOf = new Map(q.units.map((u) => [u.ref, u] as const));
  const taken = [...new Set(refs)].filter((ref) => unitOf.has(ref));
  const clashes = q.rules
    .flatMap((r) => (r.kind === 'barred' ? [r.units.filter((ref) => taken.includes(ref))] : []))
    .filter((t) => t.length > 1);
  let choices: number[][] = [[]];
  for (const clash of clashes) choices = choices.flatMap((c) => clash.map((_, j) => [...c, j]));
  return choices.map((choice) => {
    const dropped = new Set(clashes.flatMap((clash, i) => clash.filter((_, j) => j !== choice[i])));
    const counted = taken.filter((ref) => !dropped.has(ref));
    const units = counted.map((ref) => unitOf.get(ref) as UnitDefinition);
    return {
      counted,
      readings: q.rules.filter((r) => r.kind !== 'barred').map((r) => readRule(q, r, units)),
      credits: units.reduce((s, u) => s + (u.credits ?? 0), 0),
    };
  });
}

function score(readings: Reading[], credits: number): [number, number, number] {
  return [
    readings.filter((r) => r.outcome === 'met').length,
    -readings.filter((r) => r.outcome === 'unmet').length,
    credits,
  ];
}

function agrees(q: QualificationDefinition, refs: string[]): void {
  const evaluation: Evaluation = evaluateUnits(q, refs);
  const readings = evaluation.rules.map(({ outcome, known, mostPossible, undecidedBy, missingUnits }) => ({
    outcome,
    known,
    mostPossible,
    undecidedBy,
    missingUnits,
  }));
  const ways = readLearner(q, refs);
  const mine = ways.find((w) => w.counted.join() === evaluation.counted.join());
  assert.ok(mine, `the engine counts ${evaluation.counted.join(', ')}, which keeps no one unit of each barred set`);
  // The engine's choice, read directly, gives the engine's results rule by rule.
  assert.deepEqual(readings, mine.readings, `rules on ${evaluation.counted.join(', ')}`);
  assert.equal(evaluation.credits, mine.credits);
  // And no other choice serves the learner better.
  const best = score(mine.readings, mine.credits);
  for (const way of ways) {
    const other = score(way.readings, way.credits);
    const i = other.findIndex((x, k) => x !== best[k]);
    assert.ok(i === -1 || other[i] < best[i], `keeping ${way.counted.join(', ')} would serve the learner better`);
  }
  assert.deepEqual(
    new Set(evaluation.notCounted),
    new Set(
      [...new Set(refs)].filter((ref) => q.units.some((u) => u.ref === ref) && !evaluation.counted.includes(ref)),
    ),
  );
}

describe('compiled evaluator against a direct reading of the rules', () => {
  for (const q of embeddedCatalogue().qualifications) {
    it(`agrees on random learners of ${q.id}`, () => {
      fc.assert(
        fc.property(arbitraryLearner(q), (learner) => {
          agrees(q, [...learner.achieved, ...learner.planned]);
          agrees(q, learner.achieved);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('agrees on generated qualifications with unknown credits, unknown levels and group totals', () => {
    fc.assert(
      fc.property(
        arbitraryQualification(10).chain((q) => fc.tuple(fc.constant(q), arbitraryLearner(q))),
        ([q, learner]) => agrees(q, [...learner.achieved, ...learner.planned]),
      ),
      { numRuns: 1500 },
    );
  });
});

describe("an evaluation's rule results", () => {
  // They are not kept on the evaluation (a cohort's would fill memory) but among the last few read: a learner read
  // again after many others must get its own results, words included, never another learner's.
  it('are each learner’s own however many other learners are read in between', () => {
    const q = embeddedCatalogue().qualifications.find((x) => x.id === '600/5106/1');
    assert.ok(q);
    fc.assert(
      fc.property(fc.array(arbitraryLearner(q), { minLength: 2, maxLength: 12 }), (learners) => {
        const shown = (e: Evaluation) => e.rules.map((r) => `${r.ruleId} ${r.outcome} ${r.known}: ${r.message}`);
        const evaluations = learners.map((l) => evaluateUnits(q, [...l.achieved, ...l.planned]));
        const first = evaluations.map(shown);
        // Read again in the other order, each twice, then compared with a fresh evaluation of the same units.
        for (let i = evaluations.length - 1; i >= 0; i--) {
          assert.deepEqual(shown(evaluations[i]), first[i]);
          assert.deepEqual(shown(evaluations[i]), first[i]);
          const l = learners[i];
          assert.deepEqual(shown(evaluateUnits(q, [...l.achieved, ...l.planned])), first[i]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
