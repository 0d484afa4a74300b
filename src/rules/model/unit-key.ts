// One key per unit reference however it is typed: `L/601/0933`, `l 601 0933` and `L6010933` are the same unit.

/** The reference upper-cased, without spaces, slashes, dots or hyphens. */
export function unitKey(ref: string): string {
  return ref.toUpperCase().replace(/[\s/\\.-]+/g, '');
}
