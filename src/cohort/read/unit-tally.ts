// The units one learner's row marks, each counted once: a unit marked twice is reported and kept at its best state.
import type { LearnerRecord, UnitMark, UnitState, KnownMarks } from '../../sheet';
import type { Problem } from './context';

export class UnitTally {
  // Which units a learner already has, without a map per learner: each ref gets a number once, and `seenBy[n]`
  // holds the serial of the last learner who had unit n (at `position[n]` in their marks). A large sheet would
  // otherwise spend more time collecting garbage maps than reading cells.
  private readonly refNumber = new Map<string, number>();
  private seenBy = new Int32Array(64);
  private position = new Int32Array(64);
  private serial = 0;
  private record: LearnerRecord | undefined;

  begin(record: LearnerRecord): void {
    this.serial++;
    this.record = record;
  }

  private numberOf(ref: string): number {
    let n = this.refNumber.get(ref);
    if (n === undefined) {
      n = this.refNumber.size;
      this.refNumber.set(ref, n);
      if (n >= this.seenBy.length) {
        const seenBy = new Int32Array(this.seenBy.length * 2);
        seenBy.set(this.seenBy);
        this.seenBy = seenBy;
        const position = new Int32Array(this.position.length * 2);
        position.set(this.position);
        this.position = position;
      }
    }
    return n;
  }

  add(ref: string, state: UnitState, cell: string, achievedOn: string | undefined, where: 'column' | 'list'): void {
    const record = this.record;
    if (!record) return;
    const n = this.numberOf(ref);
    const existing = this.seenBy[n] === this.serial ? record.marks[this.position[n]] : undefined;
    if (existing) {
      record.problems.push({
        cell,
        code: 'duplicate-unit',
        problem: {
          kind: 'unit-twice',
          unit: ref,
          learner: record.learnerId,
          first: existing.cell,
          second: cell,
          how: where === 'column' ? 'marked' : 'listed',
        },
        units: [ref],
      });
      // Counted once, at its best state, so the order of the columns does not change the result.
      if (existing.state === 'planned' && state === 'achieved') {
        existing.state = 'achieved';
        existing.cell = cell;
        if (achievedOn) existing.achievedOn = achievedOn;
      }
      return;
    }
    const mark: UnitMark = achievedOn && state === 'achieved' ? { ref, state, cell, achievedOn } : { ref, state, cell };
    this.seenBy[n] = this.serial;
    this.position[n] = record.marks.length;
    record.marks.push(mark);
  }

  problem(problem: Problem): void {
    if (!this.record) return;
    if (problem.units === undefined) delete problem.units;
    this.record.problems.push(problem);
  }

  /** A mark the vocabulary does not know: the unit is read as not taken, and the problem carries what marks are. */
  unrecognised(cell: string, text: string, unit: string, units: string[] | undefined, marks: KnownMarks): void {
    this.problem({ cell, code: 'unrecognised-mark', problem: { kind: 'unrecognised-mark', text, unit, marks }, units });
  }

  finish(): void {
    const record = this.record;
    if (!record) return;
    // By position: run once per learner, often before the code is optimised, where a for-of makes an iterator result
    // per mark.
    const marks = record.marks;
    for (let i = 0; i < marks.length; i++) {
      const mark = marks[i];
      (mark.state === 'achieved' ? record.achieved : record.planned).push(mark.ref);
    }
    this.record = undefined;
  }
}
