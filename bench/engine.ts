// How long the rule engine takes to check a large cohort of 600/5106/1 learners (the qualification with the most
// units and barred sets shipped): random unit choices, some with barred pairs, both evaluations per learner.
// Run: npx tsx bench/engine.ts [learners]
import { performance } from 'node:perf_hooks';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { checkUnits } from '../src/rules/evaluate';

const LEARNERS = Number(process.argv[2] ?? 50_000);
const qualification = embeddedCatalogue().find('600/5106/1');
if (!qualification) throw new Error('600/5106/1 missing from the catalogue');
const refs = qualification.units.map((u) => u.ref);

// A small deterministic generator so runs are comparable.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);

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

for (let warm = 0; warm < 2; warm++) for (const l of learners.slice(0, 2000)) checkUnits(qualification, l);
const start = performance.now();
let invalid = 0;
for (const l of learners) if (checkUnits(qualification, l).status === 'invalid') invalid++;
const ms = performance.now() - start;
console.log(`engine: ${LEARNERS} learners of 600/5106/1 checked in ${ms.toFixed(0)} ms (${((ms * 1000) / LEARNERS).toFixed(1)} µs per learner; ${invalid} invalid)`);
