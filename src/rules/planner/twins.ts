// Units the planner's search may treat as one: swapping one for another changes no verdict, cost or size, so among
// plans that differ only by such a swap the tie-break keeps the one with the earliest units.
import type { QualificationShape } from './shape';

/**
 * Per unit position, a class of the units interchangeable with it, or -1: the same cost (and whether it is known),
 * the same counting toward every rule (known credits, credits depending on a level, group slot, uncertainty) and in no
 * barred set, so swapping one for another changes no verdict, cost or size. None when a maximum leaves units out:
 * which unit the engine leaves out can depend on which of them is held.
 */
export function twinClasses(
  shape: QualificationShape,
  cost: Float64Array,
  costKnown: Uint8Array,
): { of: Int32Array; count: number } {
  const R = shape.creditRules.length;
  const of = new Int32Array(shape.units.length).fill(-1);
  const ids = new Map<string, number>();
  if (!shape.leavesOut) {
    for (let u = 0; u < of.length; u++) {
      if (shape.barredWith[u].length > 0) continue;
      let key = `${cost[u]}/${costKnown[u]}`;
      for (let at = u * R; at < u * R + R; at++)
        key += `/${shape.known[at]},${shape.ifLevel[at]},${shape.slot[at]},${shape.uncertain[at]}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      of[u] = id;
    }
  }
  return { of, count: ids.size };
}
