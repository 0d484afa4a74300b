// The two OCR data sheets (shared/specs/001_6b8505b51714802b.txt) describe their certificates the same way: a
// "Qualification structure" paragraph of the same sentence with other numbers, then the units by number, title and
// group, with no credits, levels or GLH (null, unknown, until a centre supplies them from the OCR centre handbook).
// Each catalogue file gives what its sheet says; this builds the definition from those facts, quoting the sentence's
// clauses as the sheet words them and saying where each unit's facts came from.
import type { QualificationDefinition, Rule, UnitDefinition } from '../model';
import { literalLevelNote } from './level-reading';

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

/**
 * What a data sheet says of one certificate: its title and level, the numbers of its structure sentence ("Candidates
 * must achieve at least 13 credits, of which 10 must be at Level 2, made up of three mandatory units from Group A
 * (7 credits) and a minimum of 6 credits from optional Group B. Candidates may take either unit 4 or 5 (but not both),
 * unit 6 or 8 (but not both) ...") and its units.
 */
export interface DataSheet {
  /** The OCR scheme code, which is the id: the sheet does not give the Ofqual qualification number. */
  scheme: string;
  title: string;
  level: number;
  /** The sentence's first word as the sheet writes it: 10267's opens "For this qualification candidates must ...". */
  candidates: 'Candidates' | 'candidates';
  totalCredits: number;
  /** "of which N must be at Level L", L being the certificate's level. */
  creditsAtLevel: number;
  /** "three mandatory units from Group A (N credits)": the only credits the sheet states; they bound Group A's units. */
  groupACredits: number;
  /** "a minimum of N credits from optional Group B". */
  groupBCredits: number;
  /** "unit X or Y (but not both)", in the sheet's order. */
  barredPairs: readonly (readonly [number, number])[];
  units: readonly DataSheetUnit[];
}

/** The certificate a data sheet describes, every rule quoting the clause of the structure sentence it comes from. */
export function dataSheetQualification(sheet: DataSheet): QualificationDefinition {
  const units = dataSheetUnits(sheet.scheme, sheet.units);
  return {
    id: sheet.scheme,
    title: sheet.title,
    awardingBody: 'OCR',
    level: sheet.level,
    origin: 'embedded',
    groups: [
      { id: 'A', title: 'Group A - Mandatory Units', totalCredits: sheet.groupACredits },
      { id: 'B', title: 'Group B - Optional Units' },
    ],
    units,
    rules: structureRules(sheet, units),
  };
}

function structureRules(sheet: DataSheet, units: readonly UnitDefinition[]): Rule[] {
  const { level, totalCredits } = sheet;
  const refOf = (number: number): string => {
    const unit = units.find((u) => u.number === number);
    if (!unit)
      throw new Error(`OCR ${sheet.scheme}: a barred pair names unit ${number}, which the sheet does not list`);
    return unit.ref;
  };
  return [
    {
      id: 'total',
      kind: 'totalCredits',
      min: totalCredits,
      text: `${sheet.candidates} must achieve at least ${totalCredits} credits`,
    },
    {
      id: `level-${level}`,
      kind: 'levelCredits',
      level,
      orAbove: false,
      min: sheet.creditsAtLevel,
      text: `at least ${totalCredits} credits, of which ${sheet.creditsAtLevel} must be at Level ${level}`,
      note: literalLevelNote(`at Level ${level}`, level),
    },
    {
      id: 'mandatory-A',
      kind: 'mandatory',
      group: 'A',
      // Both sheets list three Group A units; the word is the sheet's.
      text: `made up of three mandatory units from Group A (${sheet.groupACredits} credits)`,
    },
    {
      id: 'group-B',
      kind: 'groupCredits',
      groups: ['B'],
      min: sheet.groupBCredits,
      text: `a minimum of ${sheet.groupBCredits} credits from optional Group B`,
    },
    ...sheet.barredPairs.map(([a, b], i): Rule => ({
      id: `barred-${a}-${b}`,
      kind: 'barred',
      units: [refOf(a), refOf(b)],
      // The first pair carries the sentence's opening words, the others follow it in a list.
      text: `${i === 0 ? 'Candidates may take either ' : ''}unit ${a} or ${b} (but not both)`,
    })),
  ];
}

function dataSheetUnits(scheme: string, units: readonly DataSheetUnit[]): UnitDefinition[] {
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
