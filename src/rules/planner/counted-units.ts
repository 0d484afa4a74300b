// Which of a set of units the engine counts, on unit positions, into buffers kept per qualification: a barred set
// counts one of its units, and a maximum that leaves units out may leave some out. The planner asks this for a
// learner who holds a clash or may pass such a maximum, and for a plan past one: a plan must agree with the engine.
import { compileQualification, evaluatorOf, Verdicts, type Evaluator } from '../engine';
import type { QualificationDefinition } from '../model';

export class CountedUnits {
  /** The engine's evaluator and a verdicts buffer, made on first use. */
  private engine: { evaluator: Evaluator; verdicts: Verdicts } | undefined;

  constructor(private readonly q: QualificationDefinition) {}

  /**
   * The engine's choice on the first `count` of `units` (positions, no repeats): 1 at each position it counts. The
   * array is the engine's buffer: read it before the next `decide`, and `clear` the same units after.
   */
  decide(units: ArrayLike<number>, count: number): Uint8Array {
    if (!this.engine) {
      const compiled = compileQualification(this.q);
      this.engine = { evaluator: evaluatorOf(compiled), verdicts: new Verdicts(compiled) };
    }
    const { evaluator, verdicts } = this.engine;
    evaluator.evaluate(units, 0, count, verdicts);
    return verdicts.counted;
  }

  /** Clears what `decide` set for these units. */
  clear(units: ArrayLike<number>, count: number): void {
    if (this.engine) this.engine.evaluator.clear(units, count, this.engine.verdicts);
  }
}
