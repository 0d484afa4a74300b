// Builds two samples of an OCR 10266 cohort of ten learners, units headed "Unit 1" to "Unit 11":
// - samples/ocr-10266-cohort.xlsx: the cohort alone. The OCR data sheet gives no unit credits or levels, so with the
//   built-in catalogue every learner is needs-data.
// - samples/ocr-10266-with-rules.xlsx: the same cohort and a filled "Qualification rules" sheet, so every learner
//   gets a decided status. The credits and levels in it are EXAMPLE values, chosen so Group A adds up to the 7
//   credits the specification states; they are not facts. A centre copies the real ones from the OCR handbook.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEFAULT_NOTES, rulesSheetGrid } from '../src/rules-sheet/write';
import { OCR_10266 } from '../src/rules/catalogue/ocr-10266';
import type { QualificationDefinition, Status } from '../src/rules/model/model';
import { addRulesSheet } from '../src/cli/rules-workbook';

/** Example credits and levels by unit number: Group A (units 1 to 3) adds up to 7. Not facts, see above. */
export const EXAMPLE_UNIT_VALUES: Record<number, { credits: number; level: number }> = {
  1: { credits: 3, level: 2 },
  2: { credits: 2, level: 1 },
  3: { credits: 2, level: 2 },
  4: { credits: 3, level: 2 },
  5: { credits: 3, level: 2 },
  6: { credits: 2, level: 2 },
  7: { credits: 2, level: 2 },
  8: { credits: 3, level: 2 },
  9: { credits: 2, level: 2 },
  10: { credits: 3, level: 2 },
  11: { credits: 2, level: 1 },
};

const EXAMPLE_SOURCE =
  'credits and level: EXAMPLE values for the qualcheck demo, not facts; copy the real ones from the OCR 10266 centre handbook';

export const EXAMPLE_NOTE =
  'EXAMPLE VALUES: the unit credits and levels below are made-up examples for this demonstration, chosen so that Group A adds up to ' +
  'the 7 credits the specification states. They are not facts: a centre copies the real values from the OCR 10266 centre handbook.';

/** OCR 10266 with the example values filled in, as a centre would type them into the rules sheet. */
export function ocrWithExampleValues(): QualificationDefinition {
  return {
    ...OCR_10266,
    units: OCR_10266.units.map((unit) => {
      const example = EXAMPLE_UNIT_VALUES[unit.number ?? 0];
      return { ...unit, credits: example.credits, level: example.level, source: `${unit.source}; ${EXAMPLE_SOURCE}` };
    }),
  };
}

interface OcrLearner {
  id: string;
  first: string;
  last: string;
  achieved: number[];
  planned: number[];
  /** The status with the example values, and why; with the built-in catalogue every learner is needs-data. */
  withRules: Status;
  why: string;
}

const A = [1, 2, 3];

export const OCR_SAMPLE_LEARNERS: OcrLearner[] = [
  {
    id: 'OC001',
    first: 'Aisha',
    last: 'Begum',
    achieved: [...A, 4, 10],
    planned: [],
    withRules: 'achieved',
    why: '13 credits, 11 at level 2, 6 from Group B',
  },
  {
    id: 'OC002',
    first: 'Bartek',
    last: 'Kowalski',
    achieved: [...A, 6, 7, 11],
    planned: [],
    withRules: 'incomplete',
    why: '13 credits but only 9 at level 2 (units 2 and 11 are level 1)',
  },
  {
    id: 'OC003',
    first: 'Callum',
    last: 'Reid',
    achieved: [...A, 4],
    planned: [10],
    withRules: 'on-track',
    why: 'unit 10 planned completes 13 credits',
  },
  {
    id: 'OC004',
    first: 'Divya',
    last: 'Nair',
    achieved: [...A, 6, 7],
    planned: [],
    withRules: 'incomplete',
    why: '11 credits of 13, 4 from Group B of 6',
  },
  {
    id: 'OC005',
    first: 'Eilidh',
    last: 'Fraser',
    achieved: [1, 2],
    planned: [3, 5, 8],
    withRules: 'on-track',
    why: 'unit 3 and 6 Group B credits planned',
  },
  {
    id: 'OC006',
    first: 'Femi',
    last: 'Adeyemi',
    achieved: [...A, 5, 9, 11],
    planned: [],
    withRules: 'achieved',
    why: '14 credits, 10 at level 2, 7 from Group B',
  },
  {
    id: 'OC007',
    first: 'Gemma',
    last: 'Hall',
    achieved: [...A, 8, 10],
    planned: [],
    withRules: 'achieved',
    why: '13 credits, 11 at level 2',
  },
  {
    id: 'OC008',
    first: 'Hassan',
    last: 'Mahmood',
    achieved: A,
    planned: [6],
    withRules: 'incomplete',
    why: '9 credits even with unit 6',
  },
  {
    id: 'OC009',
    first: 'Isla',
    last: 'Morgan',
    achieved: [],
    planned: [...A, 4, 6, 7],
    withRules: 'on-track',
    why: 'everything planned: 14 credits, 12 at level 2',
  },
  {
    id: 'OC010',
    first: 'Jamal',
    last: 'Okafor',
    achieved: [...A, 9, 10, 11],
    planned: [],
    withRules: 'achieved',
    why: '14 credits, 10 at level 2, 7 from Group B',
  },
];

const UNIT_NUMBERS = Array.from({ length: 11 }, (_, i) => i + 1);

function addCohortSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('Cohort');
  sheet.addRow(['Learner ID', 'First name', 'Last name', 'Qualification', ...UNIT_NUMBERS.map((n) => `Unit ${n}`)]);
  for (const learner of OCR_SAMPLE_LEARNERS) {
    const marks = UNIT_NUMBERS.map((n) =>
      learner.achieved.includes(n) ? 'A' : learner.planned.includes(n) ? 'P' : null,
    );
    sheet.addRow([learner.id, learner.first, learner.last, '10266', ...marks]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i < 4 ? 14 : 8;
  });
}

export async function writeOcrCohort(file: string, withRules: boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  addCohortSheet(workbook);
  if (withRules)
    addRulesSheet(workbook, rulesSheetGrid([ocrWithExampleValues()], { notes: [EXAMPLE_NOTE, ...DEFAULT_NOTES] }));
  await workbook.xlsx.writeFile(file);
}

export const OCR_SAMPLES = {
  cohort: 'samples/ocr-10266-cohort.xlsx',
  withRules: 'samples/ocr-10266-with-rules.xlsx',
} as const;

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  Promise.all([
    writeOcrCohort(path.join(root, OCR_SAMPLES.cohort), false),
    writeOcrCohort(path.join(root, OCR_SAMPLES.withRules), true),
  ])
    .then(() => console.log(`wrote ${OCR_SAMPLES.cohort} and ${OCR_SAMPLES.withRules}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
