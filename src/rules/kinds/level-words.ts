// Levels and counts in words, shared by the kinds that name them.

export function levelName(level: number): string {
  return level === 0 ? 'Entry level' : `level ${level}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Whether a unit at `unitLevel` is at `level` (or, with `orAbove`, above it); null when the unit's level is unknown. */
export function atLevel(unitLevel: number | null, level: number, orAbove: boolean): boolean | null {
  if (unitLevel === null) return null;
  return orAbove ? unitLevel >= level : unitLevel === level;
}
