// What the engine decides, rule by rule: the outcome codes and the buffers an evaluation writes them into, set up once
// per qualification so a learner's evaluation allocates nothing per rule.
import type { CompiledQualification } from './compiled';

export const MET = 0;
export const UNMET = 1;
export const UNKNOWN = 2;

/** One evaluation's results, rule by rule in the compiled qualification's order. */
export class Verdicts {
  /** MET, UNMET or UNKNOWN per rule. */
  readonly outcome: Uint8Array;
  /** Credits (or mandatory units) counted from known values. */
  readonly known: Float64Array;
  /** The most the rule could count with every unknown value favourable; Infinity when unbounded. */
  readonly most: Float64Array;
  /** 1 for each unit that counts (taken, and not set aside by a barred set). */
  readonly counted: Uint8Array;
  /** 1 for each unit taken. */
  readonly taken: Uint8Array;
  /** 1 for each rule whose forbidding maximum the taken units pass. */
  readonly over: Uint8Array;
  met = 0;
  unmet = 0;
  /** Rules whose forbidding maximum the taken units pass: a choice the rules forbid. */
  forbidden = 0;
  /** Known credits of the units that count. */
  credits = 0;
  /** How many units count. */
  size = 0;

  constructor(readonly compiled: CompiledQualification) {
    const R = compiled.rules.length;
    const n = compiled.units.length;
    this.outcome = new Uint8Array(R);
    this.known = new Float64Array(R);
    this.most = new Float64Array(R);
    this.counted = new Uint8Array(n);
    this.taken = new Uint8Array(n);
    this.over = new Uint8Array(R);
  }
}
