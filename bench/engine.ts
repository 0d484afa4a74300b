// How fast the rule engine checks a large cohort of 600/5106/1 learners (the qualification with the most units and
// barred sets shipped): random unit choices of about 12 to 19 units, some with barred pairs, both evaluations per
// learner. Two figures: the compiled evaluator alone (every rule's outcome and counts, and the status), and
// `checkUnits`, which also builds the results the sheet and the JSON read; for the latter, the bytes allocated per
// learner (from V8's heap before and after each garbage collection).
// Speeds are per second of the process's CPU time (user and system, all its threads: garbage collection counts
// against the engine), the median of several runs: on a machine shared with other work, wall-clock time measures the
// neighbours. Wall-clock figures are printed beside them.
// Run: npx tsx bench/engine.ts [learners] [--json]
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { compileQualification } from '../src/rules/engine/compiled';
import { evaluatorOf } from '../src/rules/engine/evaluate-compiled';
import { decideLearner, LearnerVerdicts } from '../src/rules/engine/learner-verdicts';
import { checkUnits, verdictStatus } from '../src/rules/engine/evaluate';

const json = process.argv.includes('--json');
const LEARNERS = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 50_000);
const RUNS = 5;
const qualification = embeddedCatalogue().find('600/5106/1');
if (!qualification) throw new Error('600/5106/1 missing from the catalogue');
const refs = qualification.units.map((u) => u.ref);

// A small deterministic generator so runs are comparable.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

const learners = Array.from({ length: LEARNERS }, () => {
  const achieved: string[] = [];
  const planned: string[] = [];
  for (const ref of refs) {
    const r = random();
    if (r < 0.25) achieved.push(ref);
    else if (r < 0.35) planned.push(ref);
  }
  return { achieved, planned };
});
const meanUnits = learners.reduce((s, l) => s + l.achieved.length + l.planned.length, 0) / LEARNERS;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const compiled = compileQualification(qualification);
const evaluator = evaluatorOf(compiled);
const verdicts = new LearnerVerdicts(compiled);
interface Run {
  cpuMs: number;
  wallMs: number;
  invalid: number;
}

function timed(count: () => number): Run {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const invalid = count();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, invalid };
}

function compiledRun(): Run {
  return timed(() => {
    let invalid = 0;
    for (const l of learners) {
      decideLearner(evaluator, l.achieved, l.planned, verdicts);
      if (verdictStatus(verdicts) === 'invalid') invalid++;
    }
    return invalid;
  });
}

function checkRun(): Run {
  const q = qualification as NonNullable<typeof qualification>;
  return timed(() => {
    let invalid = 0;
    for (const l of learners) if (checkUnits(q, l).status === 'invalid') invalid++;
    return invalid;
  });
}

/** Bytes allocated while `run` runs: what each collection freed, plus what is still held at the end. */
function allocated(run: () => void): number {
  const profiler = new v8.GCProfiler();
  const before = process.memoryUsage().heapUsed;
  profiler.start();
  run();
  const after = process.memoryUsage().heapUsed;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const gc of statistics)
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return freed + after - before;
}

compiledRun();
checkRun();
const compiledRuns = Array.from({ length: RUNS }, compiledRun);
const checkRuns = Array.from({ length: RUNS }, checkRun);
const compiledMs = median(compiledRuns.map((r) => r.cpuMs));
const checkMs = median(checkRuns.map((r) => r.cpuMs));
const perSecond = (ms: number): number => Math.round((LEARNERS * 1000) / ms);
const compiledBytes = allocated(() => compiledRun()) / LEARNERS;
const checkBytes = allocated(() => checkRun()) / LEARNERS;
if (compiledRuns[0].invalid !== checkRuns[0].invalid)
  throw new Error(
    `the compiled evaluator finds ${compiledRuns[0].invalid} invalid, checkUnits ${checkRuns[0].invalid}`,
  );

const figures = {
  qualification: qualification.id,
  learners: LEARNERS,
  meanUnitsPerLearner: Math.round(meanUnits * 10) / 10,
  invalid: compiledRuns[0].invalid,
  learnersPerSecond: perSecond(compiledMs),
  wallLearnersPerSecond: perSecond(median(compiledRuns.map((r) => r.wallMs))),
  bytesPerLearner: Math.round(compiledBytes),
  checkUnits: {
    learnersPerSecond: perSecond(checkMs),
    wallLearnersPerSecond: perSecond(median(checkRuns.map((r) => r.wallMs))),
    bytesPerLearner: Math.round(checkBytes),
  },
};
function row(f: { learnersPerSecond: number; wallLearnersPerSecond: number; bytesPerLearner: number }, cpuMs: number) {
  return {
    'learners per CPU second': f.learnersPerSecond,
    'µs CPU per learner': Math.round((cpuMs * 1e4) / LEARNERS) / 10,
    'learners per wall second': f.wallLearnersPerSecond,
    'bytes allocated per learner': f.bytesPerLearner,
  };
}

if (json) console.log(JSON.stringify({ engine: figures }));
else {
  console.log(
    `engine: ${LEARNERS} learners of 600/5106/1 (${figures.meanUnitsPerLearner} units each on average; ${figures.invalid} invalid), median of ${RUNS} runs`,
  );
  console.table({
    'compiled evaluator (outcome and counts of every rule, status)': row(figures, compiledMs),
    'checkUnits (results as the sheet and JSON read them)': row(figures.checkUnits, checkMs),
  });
}
