// One learner decided: the refs of their achieved and planned units looked up once and both evaluations run into
// buffers reused learner to learner.
import type { CompiledQualification } from './compiled';
import type { Evaluator } from './evaluate-compiled';
import { Verdicts } from './verdicts';

/** Both evaluations of one learner, achieved units alone and with planned ones, in buffers reused learner to learner. */
export class LearnerVerdicts {
  readonly achieved: Verdicts;
  readonly withPlanned: Verdicts;
  /** The learner's units the qualification knows, by index: achieved first, then planned. */
  readonly units: Int32Array;
  achievedCount = 0;
  count = 0;
  /** Units the qualification does not know. */
  strangers = 0;
  /** Barred sets of which the learner holds more than one unit. */
  clashes = 0;

  constructor(readonly compiled: CompiledQualification) {
    this.achieved = new Verdicts(compiled);
    this.withPlanned = new Verdicts(compiled);
    this.units = new Int32Array(compiled.units.length);
  }
}

/**
 * Decides every rule for one learner into `out`, on achieved units and on achieved plus planned (a unit both achieved
 * and planned is achieved). Nothing is allocated: the refs are looked up, the buffers reused.
 */
export function decideLearner(
  evaluator: Evaluator,
  achieved: readonly string[],
  planned: readonly string[],
  out: LearnerVerdicts,
): void {
  // A unit of another qualification that counts as one of this one's is looked up as that unit: counted once.
  const position = evaluator.compiled.lookup;
  evaluator.clear(out.units, out.achievedCount, out.achieved);
  evaluator.clear(out.units, out.count, out.withPlanned);
  const seen = out.withPlanned.taken;
  let count = 0;
  let strangers = 0;
  for (let pass = 0; pass < 2; pass++) {
    const refs = pass === 0 ? achieved : planned;
    for (let i = 0; i < refs.length; i++) {
      const u = position.get(refs[i]);
      if (u === undefined) strangers++;
      else if (seen[u] === 0) {
        seen[u] = 1;
        out.units[count++] = u;
      }
    }
    if (pass === 0) out.achievedCount = count;
  }
  out.count = count;
  out.strangers = strangers;
  evaluator.evaluate(out.units, 0, out.achievedCount, out.achieved);
  evaluator.evaluate(out.units, out.achievedCount, count, out.withPlanned);
  out.clashes = evaluator.lastClashes;
}
