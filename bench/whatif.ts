// What-if panel timing, without the browser: what one toggle costs in JavaScript (the engine's verdict on the new
// choices and the planner's three cheapest completions), over many toggles of generated learners of each shipped
// qualification. The pane's budget is 16 ms per toggle for this and the render together; the browser test
// (test/browser/whatif.test.ts) times both.
//   npx tsx bench/whatif.ts [learners per qualification, default 300] [toggles per learner, default 20]
import { performance } from 'node:perf_hooks';
import type { LearnerRecord } from '../src/sheet/types';
import { embeddedCatalogue } from '../src/rules/catalogue/index';
import type { QualificationDefinition } from '../src/rules/model/model';
import type { CostMeasure } from '../src/rules/planner/planner';
import {
  changedUnits,
  choicesOf,
  suggestions,
  whatIf,
  withChoice,
  type UnitChoice,
} from '../src/taskpane/whatif/view-model';
import { randomLearner, seeded } from '../test/planner-fixtures';

const BUDGET_MS = 16;
const learnersPerQualification = Number(process.argv[2] ?? 300);
const togglesPerLearner = Number(process.argv[3] ?? 20);
const CYCLE: UnitChoice[] = ['none', 'planned', 'achieved'];

function recordOf(q: QualificationDefinition, random: () => number, row: number): LearnerRecord {
  const { achieved, planned } = randomLearner(q, random);
  return {
    row,
    learnerId: `L${row}`,
    qualificationText: q.id,
    qualification: q,
    achieved,
    planned,
    marks: [],
    problems: [],
    cells: {},
  };
}

interface Row {
  qualification: string;
  cost: CostMeasure;
  toggles: number;
  meanMs: number;
  p99Ms: number;
  worstMs: number;
}

function bench(q: QualificationDefinition, cost: CostMeasure): Row {
  // Seeded, so every run times the same toggles.
  const random = seeded(6);
  const times: number[] = [];
  for (let l = 0; l < learnersPerQualification; l++) {
    const record = recordOf(q, random, l + 2);
    const sheet = choicesOf(record);
    let choices = sheet;
    for (let t = 0; t < togglesPerLearner; t++) {
      const unit = q.units[Math.floor(random() * q.units.length)];
      const next = CYCLE[(CYCLE.indexOf(choices[unit.ref] ?? 'none') + 1) % CYCLE.length];
      const start = performance.now();
      choices = withChoice(choices, unit.ref, next);
      const touched = new Set(changedUnits(q, sheet, choices));
      whatIf(record, q, choices, touched);
      suggestions(q, choices, cost);
      times.push(performance.now() - start);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    qualification: q.id,
    cost,
    toggles: times.length,
    meanMs: round(times.reduce((s, t) => s + t, 0) / times.length),
    p99Ms: round(sorted[Math.floor(sorted.length * 0.99)]),
    worstMs: round(sorted[sorted.length - 1]),
  };
}

const rows: Row[] = [];
for (const q of embeddedCatalogue().qualifications) {
  for (const cost of ['credits', 'glh', 'units'] as const) {
    bench(q, cost); // warm-up: the first run compiles the engine and fills the per-qualification caches
    rows.push(bench(q, cost));
  }
}
console.log(
  `what-if toggle in JavaScript (engine verdict + planner's three plans): ${learnersPerQualification} learners x ${togglesPerLearner} toggles per qualification and cost measure`,
);
console.table(rows);
const worst = Math.max(...rows.map((r) => r.worstMs));
const p99 = Math.max(...rows.map((r) => r.p99Ms));
console.log(
  `largest p99 ${p99} ms, worst single toggle ${worst} ms; budget ${BUDGET_MS} ms per toggle including the render: ${worst < BUDGET_MS ? 'met' : p99 < BUDGET_MS ? 'met for 99% of toggles' : 'NOT met'}`,
);
