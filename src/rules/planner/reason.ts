// Why no plan exists, in words that name the rule: found by asking, rule by rule, how far the units still open to
// the learner could take it at best (one unit per barred set, unknown values read favourably).
import { whatCounts } from '../kinds';
import type { QualificationShape } from './shape';

/** The most a rule can reach from `base` plus any clash-free choice among `open` (greedy per barred set). */
function bestReach(shape: QualificationShape, r: number, base: readonly number[], open: readonly number[]): number {
  const R = shape.creditRules.length;
  const gain = (u: number): number => {
    const s = shape.slot[u * R + r];
    return shape.known[u * R + r] + shape.ifLevel[u * R + r] + (s >= 0 ? shape.slotLeft[s] : 0);
  };
  const taken = new Set(base);
  const barred = new Set(base.flatMap((u) => shape.barredWith[u].map((b) => b.unit)));
  for (const u of [...open].sort((a, b) => gain(b) - gain(a) || a - b)) {
    if (barred.has(u) || taken.has(u)) continue;
    taken.add(u);
    for (const b of shape.barredWith[u]) barred.add(b.unit);
  }
  // Unknown credits of a group with a stated total share that total, as the engine reads them.
  let known = 0;
  const slots = new Set<number>();
  for (const u of taken) {
    known += shape.known[u * R + r] + shape.ifLevel[u * R + r];
    if (shape.slot[u * R + r] >= 0) slots.add(shape.slot[u * R + r]);
  }
  for (const s of slots) known += shape.slotLeft[s];
  return known;
}

/**
 * The reason no plan exists, naming the first credit rule that cannot be reached, and whether the qualification
 * itself or the learner's units (through barred sets) stand in the way.
 */
export function noPlanReason(shape: QualificationShape, base: readonly number[], open: readonly number[]): string {
  const everyUnit = shape.units.map((_, u) => u);
  for (let r = 0; r < shape.creditRules.length; r++) {
    const rule = shape.creditRules[r];
    // A maximum caps what a rule can reach: units past it would not count, or are not allowed.
    const reach = Math.min(bestReach(shape, r, base, open), shape.limit[r]);
    const min = shape.min[r];
    if (reach >= min) continue;
    const what = whatCounts(rule, shape.index.qualification);
    const anyone = Math.min(bestReach(shape, r, [], everyUnit), shape.limit[r]);
    if (anyone < min) {
      return `"${rule.text}" cannot be met: the qualification's units give at most ${anyone} ${what}, ${min} needed; check the qualification's definition`;
    }
    return `"${rule.text}" cannot be met: the units still open to this learner give at most ${reach} ${what}, ${min} needed (units barred with ones taken cannot be added)`;
  }
  return 'the rules cannot all be met together with the units still open to this learner: each barred set allows only one of its units, and a maximum only so much';
}
