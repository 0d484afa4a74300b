// Builds samples/layouts/*.xlsx: the same eight learners of IQ 600/5106/1 kept in each layout a centre may use, so
// the command line can show that every layout gives the same results. Run: npx tsx scripts/make-layout-samples.ts
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ulnCheckDigit } from '../src/registration/uln';

type State = 'achieved' | 'planned';

export interface LayoutLearner {
  id: string;
  first: string;
  last: string;
  uln: number;
  dob: Date;
  /** Unit ref -> state, and the date of achievement where the tracker records one. */
  units: Record<string, State | { achievedOn: Date }>;
  /** What a person reading the specification concludes. */
  expect: string;
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A ULN that passes the check digit, from its first nine digits. */
function uln(prefix: string): number {
  const digit = ulnCheckDigit(prefix);
  if (digit === null) throw new Error(`no valid ULN starts ${prefix}`);
  return Number(`${prefix}${digit}`);
}

const MANDATORY = ['D/503/0352', 'T/503/0342'];
const B14 = ['H/503/0403', 'L/503/0394', 'K/503/0385'];
const C_LEVEL2 = ['F/502/4396', 'M/502/4300', 'F/502/4379', 'A/502/4297'];

function all(refs: string[], state: State): Record<string, State> {
  return Object.fromEntries(refs.map((r) => [r, state]));
}

export const LAYOUT_LEARNERS: LayoutLearner[] = [
  {
    id: 'IQ001',
    first: 'Amira',
    last: 'Khan',
    uln: uln('927630868'),
    dob: day(1990, 2, 14),
    units: { ...all(MANDATORY, 'achieved'), ...all(B14, 'achieved'), ...all(C_LEVEL2, 'achieved') },
    expect: 'achieved: 34 credits, 18 of them at level 2, both mandatory units, 14 from Group B',
  },
  {
    id: 'IQ002',
    first: 'Ben',
    last: 'Carter',
    uln: uln('482013570'),
    dob: day(1988, 7, 1),
    units: { ...all(MANDATORY, 'achieved'), ...all(B14, 'achieved'), ...all(C_LEVEL2, 'planned') },
    expect: 'on track: the planned Group C units complete the route',
  },
  {
    id: 'IQ003',
    first: 'Chloe',
    last: 'Davies',
    uln: uln('482013571'),
    dob: day(1992, 11, 30),
    units: { 'D/503/0352': 'achieved', 'T/503/0342': 'planned', 'K/503/0385': 'planned' },
    expect: 'incomplete: 11 credits even with the planned units',
  },
  {
    id: 'IQ004',
    first: 'Dan',
    last: 'Evans',
    uln: uln('482013572'),
    dob: day(1985, 3, 9),
    units: {
      ...all(MANDATORY, 'achieved'),
      ...all(B14, 'achieved'),
      'M/502/4300': 'achieved',
      'J/502/4299': 'achieved',
      'F/502/4379': 'achieved',
      'A/502/4297': 'achieved',
      'F/502/4396': 'achieved',
    },
    expect: 'invalid: both units of barred set C2 (Using Email)',
  },
  {
    id: 'IQ005',
    first: 'Ella',
    last: 'Fraser',
    uln: uln('482013573'),
    dob: day(1991, 5, 23),
    units: {
      'D/503/0352': { achievedOn: day(2013, 1, 15) },
      'T/503/0342': { achievedOn: day(2013, 2, 12) },
      'H/503/0403': { achievedOn: day(2013, 3, 5) },
      'L/503/0394': { achievedOn: day(2013, 3, 19) },
      'K/503/0385': { achievedOn: day(2013, 4, 2) },
      'F/502/4396': { achievedOn: day(2013, 4, 30) },
      'M/502/4300': { achievedOn: day(2013, 5, 14) },
      'F/502/4379': { achievedOn: day(2013, 6, 4) },
      'A/502/4297': { achievedOn: day(2013, 6, 25) },
    },
    expect: 'achieved, with the date of each unit recorded',
  },
  {
    id: 'IQ006',
    first: 'Finn',
    last: 'Green',
    uln: uln('482013584'),
    dob: day(1987, 9, 17),
    units: {
      ...all(MANDATORY, 'achieved'),
      ...all(B14, 'achieved'),
      'M/601/1511': 'achieved',
      'D/601/1553': 'achieved',
    },
    expect:
      'needs data: 34 credits, but the levels of M/601/1511 and D/601/1553 are not published, so "15 at level 2" cannot be decided',
  },
  {
    id: 'IQ007',
    first: 'Grace',
    last: 'Hall',
    uln: uln('482013575'),
    dob: day(1993, 12, 2),
    units: {},
    expect: 'incomplete: registered, no units chosen yet',
  },
  {
    id: 'IQ008',
    first: 'Harry',
    last: 'Irwin',
    uln: uln('482013576'),
    dob: day(1989, 4, 11),
    units: {
      'T/503/0342': 'achieved',
      'H/503/0403': 'achieved',
      'D/503/0352': 'planned',
      'L/503/0413': 'planned',
      'J/503/0426': 'planned',
      'D/601/1553': 'planned',
      'M/601/1511': 'planned',
    },
    expect:
      'needs data: the planned units reach 33 credits, but too few of them have a published level to decide "15 at level 2"',
  },
];

/** Unit columns in the order of the specification's table. */
const UNITS = [
  'D/503/0352',
  'M/502/4300',
  'M/601/1511',
  'H/503/0403',
  'J/502/4299',
  'F/502/4379',
  'F/502/4396',
  'L/503/0394',
  'K/503/0385',
  'A/502/4297',
  'J/503/0426',
  'L/503/0413',
  'D/601/1553',
  'T/503/0342',
];

/** How a centre that types freely heads the same units: refs in other spellings, titles, refs with titles. */
const HEADER_SPELLINGS: Record<string, string> = {
  'D/503/0352': 'D 503 0352',
  'M/502/4300': 'M-502-4300',
  'M/601/1511': 'Resolve customer service problems',
  'H/503/0403': 'H5030403',
  'J/502/4299': 'j5024299',
  'F/502/4379': 'F/502/4379 Using Collaborative Technologies (4 credits)',
  'F/502/4396': 'Bespoke Software',
  'L/503/0394': 'Carry out direct sales activities in a contact centre',
  'K/503/0385': 'K/503/0385 Deliver customer service through a contact centre',
  'A/502/4297': 'A/502/4297 Using the Internet',
  'J/503/0426': 'J 503 0426 Support customers and colleagues',
  'L/503/0413': 'Provide support through a contact centre for specified products…',
  'D/601/1553': 'D/601/1553 Work with others to improve…',
  'T/503/0342': 't/503/0342',
};

const QUALIFICATION_SPELLINGS = [
  '600/5106/1',
  '6005106 1',
  '600-5106-1',
  'IQ Level 2 NVQ Certificate In Contact Centre Operations (QCF)',
  '60051061',
];
const ACHIEVED_SPELLINGS = ['Ach', '✓', 'Y', 'Completed', 'a', 'Yes'];
const PLANNED_SPELLINGS = ['IP', 'x', 'In progress', 'Registered', 'p'];
const NOT_TAKEN_SPELLINGS = [null, null, null, 'N', '-', 0];

const DATE_FORMAT = 'dd/mm/yyyy';

function dmy(date: Date): string {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

function stateOf(learner: LayoutLearner, ref: string): State | { achievedOn: Date } | undefined {
  return learner.units[ref];
}

function plainMark(learner: LayoutLearner, ref: string): string | null {
  const state = stateOf(learner, ref);
  if (!state) return null;
  return state === 'planned' ? 'P' : 'A';
}

function setDate(cell: ExcelJS.Cell, date: Date): void {
  cell.value = date;
  cell.numFmt = DATE_FORMAT;
}

function learnerCells(ws: ExcelJS.Worksheet, rowNumber: number, column: number, learner: LayoutLearner): void {
  ws.getCell(rowNumber, column).value = learner.id;
  ws.getCell(rowNumber, column + 1).value = learner.first;
  ws.getCell(rowNumber, column + 2).value = learner.last;
  ws.getCell(rowNumber, column + 3).value = learner.uln;
  setDate(ws.getCell(rowNumber, column + 4), learner.dob);
}

function bold(row: ExcelJS.Row): void {
  row.font = { bold: true };
}

/** Header in row 1: Learner ID, names, ULN, date of birth, qualification, one column per unit headed by its ref; A and P. */
function matrixPlain(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Cohort');
  ws.addRow(['Learner ID', 'First name', 'Last name', 'ULN', 'Date of birth', 'Qualification', ...UNITS]);
  bold(ws.getRow(1));
  LAYOUT_LEARNERS.forEach((learner, i) => {
    const r = i + 2;
    learnerCells(ws, r, 1, learner);
    ws.getCell(r, 6).value = '600/5106/1';
    UNITS.forEach((ref, u) => {
      const state = stateOf(learner, ref);
      const cell = ws.getCell(r, 7 + u);
      if (state && typeof state === 'object') setDate(cell, state.achievedOn);
      else cell.value = plainMark(learner, ref);
    });
  });
}

/**
 * A tracker as people keep it: title rows above the header (row 4), learner columns spelled their own way, units
 * headed by ref, title or both, every spelling of the marks, dates as Excel dates and as typed text, a notes column,
 * a hidden column and a hidden learner row.
 */
function matrixSpellings(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Tracker 2013');
  ws.getCell('A1').value = 'Contact Centre NVQ tracker, spring 2013';
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = 'Updated by the centre coordinator';
  const headers = [
    'Learner Ref',
    'Forename',
    'Surname',
    'U.L.N.',
    'DOB',
    'QAN',
    'Notes',
    ...UNITS.map((ref) => HEADER_SPELLINGS[ref]),
  ];
  ws.getRow(4).values = headers;
  bold(ws.getRow(4));
  LAYOUT_LEARNERS.forEach((learner, i) => {
    const r = i + 5;
    learnerCells(ws, r, 1, learner);
    ws.getCell(r, 6).value = QUALIFICATION_SPELLINGS[i % QUALIFICATION_SPELLINGS.length];
    ws.getCell(r, 7).value = i % 3 === 0 ? 'reviewed' : null;
    UNITS.forEach((ref, u) => {
      const state = stateOf(learner, ref);
      const cell = ws.getCell(r, 8 + u);
      const pick = i + u;
      if (!state) cell.value = NOT_TAKEN_SPELLINGS[pick % NOT_TAKEN_SPELLINGS.length];
      else if (state === 'planned') cell.value = PLANNED_SPELLINGS[pick % PLANNED_SPELLINGS.length];
      else if (state === 'achieved') cell.value = ACHIEVED_SPELLINGS[pick % ACHIEVED_SPELLINGS.length];
      else if (u % 2 === 0) setDate(cell, state.achievedOn);
      else cell.value = dmy(state.achievedOn);
    });
  });
  ws.getColumn(7).hidden = true;
  ws.getRow(7).hidden = true;
}

/** An Excel table under a title, its learners named by candidate number, beside a second table that is not a cohort. */
function table(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Cohort table');
  ws.getCell('B1').value = 'Spring cohort (Excel table)';
  ws.addTable({
    name: 'SpringCohort',
    ref: 'B3',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: ['Candidate No', 'First name', 'Last name', 'ULN', 'DOB', 'Qual', ...UNITS].map((name) => ({ name })),
    rows: LAYOUT_LEARNERS.map((learner) => [
      learner.id,
      learner.first,
      learner.last,
      learner.uln,
      learner.dob,
      '600/5106/1',
      ...UNITS.map((ref) => {
        const state = stateOf(learner, ref);
        return state && typeof state === 'object' ? state.achievedOn : plainMark(learner, ref);
      }),
    ]),
  });
  for (let r = 4; r < 4 + LAYOUT_LEARNERS.length; r++) {
    for (let c = 2; c < 8 + UNITS.length; c++) {
      const cell = ws.getCell(r, c);
      if (cell.value instanceof Date) cell.numFmt = DATE_FORMAT;
    }
  }
  const right = 8 + UNITS.length + 2;
  ws.addTable({
    name: 'Assessors',
    ref: ws.getCell(3, right).address,
    headerRow: true,
    columns: [{ name: 'Assessor' }, { name: 'Learners' }],
    rows: [
      ['J. Patel', 4],
      ['R. Okafor', 4],
    ],
  });
}

function listed(learner: LayoutLearner, ref: string): string {
  const state = stateOf(learner, ref);
  if (!state) return '';
  if (state === 'planned') return `${ref} (P)`;
  if (state === 'achieved') return `${ref} (A)`;
  return `${ref} (${dmy(state.achievedOn)})`;
}

/** One cell of units per learner, each with its mark in brackets: `L/503/0394 (A), K/503/0385 (P)`. */
function listMarked(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Units chosen');
  ws.addRow(['Learner ID', 'Name', 'ULN', 'Date of birth', 'Qualification', 'Units']);
  bold(ws.getRow(1));
  LAYOUT_LEARNERS.forEach((learner, i) => {
    const r = i + 2;
    ws.getCell(r, 1).value = learner.id;
    ws.getCell(r, 2).value = `${learner.first} ${learner.last}`;
    ws.getCell(r, 3).value = learner.uln;
    setDate(ws.getCell(r, 4), learner.dob);
    ws.getCell(r, 5).value = '600/5106/1';
    ws.getCell(r, 6).value =
      UNITS.map((ref) => listed(learner, ref))
        .filter(Boolean)
        .join(i % 2 === 0 ? ', ' : '; ') || null;
    ws.getCell(r, 6).alignment = { wrapText: true };
  });
  ws.getColumn(6).width = 80;
}

/** Separate columns for the units achieved (with the date, where known) and the units planned, one unit per line. */
function listColumns(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Achieved and planned');
  ws.addRow([
    'Learner ID',
    'First name',
    'Last name',
    'ULN',
    'Date of birth',
    'Qualification',
    'Achieved units',
    'Planned units',
  ]);
  bold(ws.getRow(1));
  LAYOUT_LEARNERS.forEach((learner, i) => {
    const r = i + 2;
    learnerCells(ws, r, 1, learner);
    ws.getCell(r, 6).value = '600/5106/1';
    const achieved = UNITS.filter((ref) => stateOf(learner, ref) && stateOf(learner, ref) !== 'planned');
    const planned = UNITS.filter((ref) => stateOf(learner, ref) === 'planned');
    const dated = (ref: string) => {
      const state = stateOf(learner, ref);
      return state && typeof state === 'object' ? `${ref} (${dmy(state.achievedOn)})` : ref;
    };
    ws.getCell(r, 7).value = achieved.map(dated).join('\n') || null;
    ws.getCell(r, 8).value = planned.join('\n') || null;
    ws.getCell(r, 7).alignment = { wrapText: true };
    ws.getCell(r, 8).alignment = { wrapText: true };
  });
}

/** No qualification column: every unit column belongs to 600/5106/1, so the reader uses it and says so. */
function matrixNoQualification(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('Cohort');
  ws.addRow(['Learner ID', 'Full name', ...UNITS]);
  bold(ws.getRow(1));
  LAYOUT_LEARNERS.forEach((learner, i) => {
    const r = i + 2;
    ws.getCell(r, 1).value = learner.id;
    ws.getCell(r, 2).value = `${learner.first} ${learner.last}`;
    UNITS.forEach((ref, u) => {
      const state = stateOf(learner, ref);
      const cell = ws.getCell(r, 3 + u);
      if (state && typeof state === 'object') setDate(cell, state.achievedOn);
      else cell.value = plainMark(learner, ref);
    });
  });
}

export const LAYOUTS: Record<string, (wb: ExcelJS.Workbook) => void> = {
  'matrix-plain': matrixPlain,
  'matrix-spellings': matrixSpellings,
  table: table,
  'list-marked': listMarked,
  'list-achieved-planned': listColumns,
  'matrix-no-qualification': matrixNoQualification,
};

export const LAYOUT_DIR = path.join(__dirname, '..', 'samples', 'layouts');

async function main(): Promise<void> {
  for (const [name, build] of Object.entries(LAYOUTS)) {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'qualcheck';
    wb.created = day(2013, 6, 30);
    wb.modified = day(2013, 6, 30);
    build(wb);
    const file = path.join(LAYOUT_DIR, `${name}.xlsx`);
    await wb.xlsx.writeFile(file);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
