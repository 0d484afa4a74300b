// A unit's or a rule's level as a cell or a short list shows it: `Entry`, or the number.

/** `Entry` for level 0 (Entry level), else the level's number as text. */
export function levelLabel(level: number): string {
  return level === 0 ? 'Entry' : String(level);
}
