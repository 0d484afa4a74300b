// The general rule's speed (issue 23): learners per CPU second of the compiled evaluator on a generated qualification
// with maxima (one that leaves units out, one that forbids), counts of units, GLH and named units, and the completion
// planner's mean time for its first plan (in credits) on the same learners.
//   npx tsx bench/sum-rules.ts [learners, default 50000] [--json]
import { performance } from 'node:perf_hooks';
import { compileQualification } from '../src/rules/engine/compiled';
import { evaluatorOf } from '../src/rules/engine/evaluate-compiled';
import { decideLearner, LearnerVerdicts } from '../src/rules/engine/learner-verdicts';
import { verdictStatus } from '../src/rules/engine/evaluate';
import { planCompletion } from '../src/rules/planner/planner';
import { randomLearner, seeded, sumBenchQualification } from '../test/planner-fixtures';

const json = process.argv.includes('--json');
const LEARNERS = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 50_000);
const PLANNED = 2000;
const RUNS = 5;
const q = sumBenchQualification();
const random = seeded(23);
const learners = Array.from({ length: LEARNERS }, () => randomLearner(q, random));
const meanUnits = learners.reduce((s, l) => s + l.achieved.length + l.planned.length, 0) / LEARNERS;
const compiled = compileQualification(q);
const evaluator = evaluatorOf(compiled);
const verdicts = new LearnerVerdicts(compiled);

function run(): { cpuMs: number; statuses: Record<string, number>; leftOut: number } {
  const statuses: Record<string, number> = {};
  let leftOut = 0;
  const cpu = process.cpuUsage();
  for (const l of learners) {
    decideLearner(evaluator, l.achieved, l.planned, verdicts);
    const status = verdictStatus(verdicts);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (verdicts.withPlanned.size < verdicts.count) leftOut++;
  }
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, statuses, leftOut };
}

run();
const runs = Array.from({ length: RUNS }, run);
const cpuMs = [...runs.map((r) => r.cpuMs)].sort((a, b) => a - b)[Math.floor(RUNS / 2)];

const planned = learners.slice(0, PLANNED);
for (const l of planned.slice(0, 200)) planCompletion(q, l, { maxPlans: 1 });
const times = planned.map((l) => {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const began = performance.now();
    planCompletion(q, l, { maxPlans: 1 });
    fastest = Math.min(fastest, performance.now() - began);
  }
  return fastest;
});
const sorted = [...times].sort((a, b) => a - b);

const figures = {
  qualification: q.id,
  learners: LEARNERS,
  meanUnitsPerLearner: Math.round(meanUnits * 10) / 10,
  statuses: runs[0].statuses,
  learnersWithUnitsLeftOut: runs[0].leftOut,
  learnersPerSecond: Math.round((LEARNERS * 1000) / cpuMs),
  plannerMeanMs: Math.round((times.reduce((s, t) => s + t, 0) / times.length) * 1e4) / 1e4,
  plannerP99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] * 1e4) / 1e4,
};

if (json) console.log(JSON.stringify({ sumRules: figures }));
else {
  console.log(
    `general rule: ${LEARNERS} learners of a generated qualification with maxima and counts (${figures.meanUnitsPerLearner} units each on average; ${figures.learnersWithUnitsLeftOut} with units left out), median of ${RUNS} runs`,
  );
  console.table({
    'compiled evaluator': { 'learners per CPU second': figures.learnersPerSecond },
    [`planner, first plan in credits (${PLANNED} learners)`]: {
      'mean ms': figures.plannerMeanMs,
      'p99 ms': figures.plannerP99Ms,
    },
  });
  console.log(figures.statuses);
}
