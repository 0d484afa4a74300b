// The units one learner's row marks, each counted once: a unit marked twice is reported and kept at its best state.
import type { LearnerRecord, UnitState, KnownMarks } from '../../sheet';
import type { Addresses, Problem } from './context';
import { DatedMark, SheetMark } from './lazy-cells';

export class UnitTally {
  // Which units a learner already has, without a map per learner: each ref gets a number once, and `seenBy[n]`
  // holds the serial of the last learner who had unit n (at `position[n]` in their marks). A large sheet would
  // otherwise spend more time collecting garbage maps than reading cells.
  private readonly refNumber = new Map<string, number>();
  private seenBy = new Int32Array(64);
  private position = new Int32Array(64);
  private serial = 0;
  private record: LearnerRecord | undefined;
  /** Where the learner's row lies on the sheet, for the marks' cells. */
  private addresses: Addresses | undefined;
  /** The learner's marks as made here, to change one marked twice without a cast. */
  private marks: SheetMark[] = [];

  begin(record: LearnerRecord, addresses: Addresses): void {
    this.serial++;
    this.record = record;
    this.addresses = addresses;
    this.marks = record.marks as SheetMark[];
  }

  /** The number the tally knows `ref` by, for `addNumbered`: the same for as long as the tally lives. */
  numberOf(ref: string): number {
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

  /** A mark of the unit `ref` in grid row `r`, grid column `c`: the learner's, unless they have the unit already. */
  add(
    ref: string,
    state: UnitState,
    r: number,
    c: number,
    achievedOn: string | undefined,
    where: 'column' | 'list',
  ): void {
    this.addNumbered(this.numberOf(ref), ref, state, r, c, achievedOn, where);
  }

  /** `add` of a unit whose number (`numberOf(ref)`) the caller worked out once for many rows. */
  addNumbered(
    n: number,
    ref: string,
    state: UnitState,
    r: number,
    c: number,
    achievedOn: string | undefined,
    where: 'column' | 'list',
  ): void {
    const record = this.record;
    const addresses = this.addresses;
    if (!record || !addresses) return;
    const marks = this.marks;
    const existing = this.seenBy[n] === this.serial ? marks[this.position[n]] : undefined;
    if (existing) {
      const cell = addresses.at(r, c);
      record.problems.push({
        cell,
        code: 'duplicate-unit',
        problem: {
          kind: 'unit-twice',
          unit: ref,
          learner: record.learnerId,
          first: addresses.named ? existing.cell : '',
          second: cell,
          how: where === 'column' ? 'marked' : 'listed',
        },
        units: [ref],
      });
      // Counted once, at its best state, so the order of the columns does not change the result.
      if (existing.state === 'planned' && state === 'achieved') {
        existing.state = 'achieved';
        existing.row = addresses.sheetRow(r);
        existing.column = addresses.sheetColumn(c);
        if (achievedOn) existing.achievedOn = achievedOn;
      }
      return;
    }
    this.seenBy[n] = this.serial;
    this.position[n] = marks.length;
    const row = addresses.sheetRow(r);
    const column = addresses.sheetColumn(c);
    marks.push(
      state === 'achieved' && achievedOn
        ? new DatedMark(ref, row, column, achievedOn)
        : new SheetMark(ref, state, row, column),
    );
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
    this.addresses = undefined;
  }
}
