// How the catalogue reads "N credits at level L": the specifications do not say whether units above L count, so the
// reading is written next to each rule where a centre can see it and change it (orAbove) in a rules file.

/** The note carried by every embedded level rule read as exactly level L. `quoted` is the spec's own wording. */
export function literalLevelNote(quoted: string, level: number): string {
  return (
    `The text says "${quoted}"; it is read literally as exactly level ${level} (units above level ${level} do not ` +
    `count here). A centre that reads it as "level ${level} or above" can set orAbove to true in a rules file.`
  );
}
