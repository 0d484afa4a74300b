// Text that Excel (and a CSV opened in Excel) would take for a formula: it starts with `=`, `+`, `-` or `@`. What
// qualcheck writes is kept as text with Excel's apostrophe in front, which Excel shows without.
const FORMULA_START = /^[=+\-@]/;

/** Whether Excel would read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** A value as written into a cell: formula-like text behind an apostrophe, anything else as it is. */
export function asCellText<T extends string | number | boolean | null>(value: T): T | string {
  return typeof value === 'string' && looksLikeFormula(value) ? `'${value}` : value;
}

/** The text a cell shows for what `asCellText` made: the apostrophe it added taken off again. */
export function shownText(value: string): string {
  return value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value;
}
