// A planner search's pool: every unit that can ever be a candidate in a mode (it helps some rule, is not mandatory
// and, for a plan relying on nothing unknown, its cost is known). The lower bounds are built once over the pool and
// read from the first pool unit at or after a learner's candidate.
import type { QualificationShape } from './shape';
import { gains, type SearchMode } from './tally';

export interface Pool {
  /** 1 for each unit position in the pool. */
  member: Uint8Array;
  /** Per unit position, the index among pool units of the first at or after it (the pool's length past the end). */
  row: Int32Array;
  /** How many units the pool holds. */
  size: number;
  /** Per pool unit i, what it can add to rule r at best (at `i * R + r`), and its cost. */
  gain: Float64Array;
  cost: Float64Array;
  /** Whether every pool unit's cost is a whole number. */
  wholeCosts: boolean;
}

/** The units that can be candidates in this mode. */
export function poolMembers(shape: QualificationShape, costKnown: Uint8Array, mode: SearchMode): Uint8Array {
  const N = shape.units.length;
  const { helps } = gains(shape, mode);
  const mandatory = new Uint8Array(N);
  for (const m of shape.mandatory) mandatory[m.unit] = 1;
  const member = new Uint8Array(N);
  for (let u = 0; u < N; u++)
    if (helps[u] === 1 && !mandatory[u] && (mode === 'hopeful' || costKnown[u] === 1)) member[u] = 1;
  return member;
}

/** The pool of `member` units, with their gains (per unit position, at `u * R + r`) and costs in pool order. */
export function poolOf(member: Uint8Array, R: number, gain: Float64Array, cost: Float64Array): Pool {
  const N = member.length;
  const row = new Int32Array(N + 1);
  let size = 0;
  for (let u = 0; u < N; u++) {
    row[u] = size;
    if (member[u]) size++;
  }
  row[N] = size;
  const poolGain = new Float64Array(size * R);
  const poolCost = new Float64Array(size);
  let wholeCosts = true;
  for (let u = 0, i = 0; u < N; u++) {
    if (!member[u]) continue;
    poolCost[i] = cost[u];
    wholeCosts &&= Number.isInteger(cost[u]);
    for (let r = 0; r < R; r++) poolGain[i * R + r] = gain[u * R + r];
    i++;
  }
  return { member, row, size, gain: poolGain, cost: poolCost, wholeCosts };
}

/**
 * Per rule, the sums and the maxima of what the candidates from i on can add, at `r * (n + 1) + i` of the arrays sum and
 * max (n the number of candidates, the first n of `candidates`): read at every node, so worked out once per learner. Either may be null (not
 * wanted), and `rules` (bit r for rule r) limits them to the rules a search can still read.
 */
export function suffixGains(
  R: number,
  gain: Float64Array,
  candidates: ArrayLike<number>,
  n: number,
  sum: Float64Array | null,
  max: Float64Array | null,
  rules = -1,
): void {
  for (let r = 0; r < R; r++) {
    if (r < 31 && (rules & (1 << r)) === 0) continue;
    const at = r * (n + 1);
    if (sum && max) {
      // Both in one pass: the commonest call, once per learner.
      let s = 0;
      let m = 0;
      sum[at + n] = 0;
      max[at + n] = 0;
      for (let i = n - 1; i >= 0; i--) {
        const g = gain[candidates[i] * R + r];
        s += g;
        if (g > m) m = g;
        sum[at + i] = s;
        max[at + i] = m;
      }
      continue;
    }
    if (sum) {
      sum[at + n] = 0;
      for (let i = n - 1; i >= 0; i--) sum[at + i] = sum[at + i + 1] + gain[candidates[i] * R + r];
    }
    if (max) {
      max[at + n] = 0;
      for (let i = n - 1; i >= 0; i--) {
        const g = gain[candidates[i] * R + r];
        max[at + i] = max[at + i + 1] > g ? max[at + i + 1] : g;
      }
    }
  }
}
