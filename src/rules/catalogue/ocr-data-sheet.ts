// The two OCR data sheets (shared/specs/001_6b8505b51714802b.txt) list their units the same way: a number, a title and
// a group, with no credits, levels or GLH (null, unknown, until a centre supplies them from the OCR centre handbook).
// Each catalogue lists what its sheet says; this builds the unit definitions and says where each fact came from.
import type { UnitDefinition } from '../model';

/** One unit as an OCR data sheet lists it. */
export interface DataSheetUnit {
  number: number;
  title: string;
  group: string;
  /** The unit's QCF reference, where a public unit listing gives it (specs/README.md); else `<scheme>-U<number>`. */
  qcfRef?: string;
  /** The sheet's text lost this unit's number; the order of the list gives it. */
  renumbered?: true;
  /** The title as the sheet misspells it, and the misspelt word: kept as an alias so a copied header still reads. */
  sheetSpelling?: { title: string; word: string };
}

export function dataSheetUnits(scheme: string, units: readonly DataSheetUnit[]): UnitDefinition[] {
  const sheet = `number and title: OCR ${scheme} data sheet`;
  return units.map((unit) => ({
    ref: unit.qcfRef ?? `${scheme}-U${unit.number}`,
    number: unit.number,
    title: unit.title,
    credits: null,
    glh: null,
    level: null,
    group: unit.group,
    ...(unit.sheetSpelling ? { aliases: [unit.sheetSpelling.title] } : {}),
    source: sourceOf(unit, scheme, sheet),
  }));
}

function sourceOf(unit: DataSheetUnit, scheme: string, sheet: string): string {
  if (unit.qcfRef) return `${sheet}; QCF reference: public unit listings (specs/README.md)`;
  if (unit.renumbered) {
    return `title: OCR ${scheme} data sheet, where the number was lost; number from the order of the list`;
  }
  if (unit.sheetSpelling) return `${sheet} (spelling "${unit.sheetSpelling.word}" corrected)`;
  return sheet;
}
