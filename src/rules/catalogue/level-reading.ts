// How the catalogue reads "N credits at level L": the specifications do not say whether units above L count, so the
// reading is written next to each rule where a centre can see it and change it (orAbove). The note is data; each
// surface words it (notes.ts), naming its own way to change the reading.
import type { LiteralLevelNote } from '../model';

/** The note carried by every embedded level rule read as exactly level L. `quoted` is the spec's own wording. */
export function literalLevelNote(quoted: string, level: number): LiteralLevelNote {
  return { reading: 'exactly-level', quoted, level };
}
