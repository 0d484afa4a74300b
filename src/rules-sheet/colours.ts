// The "Qualification rules" sheet's colours, one spelling for the add-in (`#RRGGBB`, as Office.js takes them) and the
// command line (exceljs's `AARRGGBB`, made by argb), so a sheet written by either looks the same.

export const RULES_SHEET_COLOURS = {
  /** A unit value the catalogue does not know, until the centre types one in. */
  unknown: { fill: '#FFF2CC', font: '#7F6000' },
  headingFill: '#D9E1F2',
  hint: '#7F7F7F',
} as const;

/** `#RRGGBB` as exceljs writes it: opaque, `FFRRGGBB`. */
export function argb(colour: string): string {
  return `FF${colour.replace(/^#/, '').toUpperCase()}`;
}
