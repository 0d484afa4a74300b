// Builds samples/cohort-600-5106-1.xlsx: about 30 learners of the IQ Level 2 NVQ Certificate in Contact Centre
// Operations, chosen so that every status and every violation shows up, plus the registration problems centres meet.
// Each learner's comment says what a person reading the specification would conclude.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ulnCheckDigit } from '../src/registration/uln';

const MANDATORY = ['D/503/0352', 'T/503/0342']; // 2 + 4 credits
const B14 = ['H/503/0403', 'L/503/0394', 'K/503/0385']; // 4 + 5 + 5 from Group B, levels unknown
const B12 = ['H/503/0403', 'J/503/0362', 'L/503/0413']; // 4 + 4 + 4
const C_LEVEL2 = ['F/502/4396', 'M/502/4300', 'F/502/4379', 'A/502/4297']; // 3 + 3 + 4 + 4, all known level 2
const C_LEVEL1 = ['Y/502/4291', 'T/502/4296', 'J/502/4299', 'A/502/4378', 'L/502/4627']; // 2 + 3 + 2 + 3 + 3, level 1
const C_UNKNOWN_LEVEL = ['M/601/1511', 'R/601/1548', 'D/601/1553']; // 6 + 6 + 8, levels not published

/** Unit columns in the order of the specification's table, then one OCR 10266 unit a centre mixed in. */
const UNIT_COLUMNS = [
  'L/601/0933',
  'D/503/0352',
  'L/601/1225',
  'M/502/4300',
  'M/601/1511',
  'H/503/0403',
  'J/502/4299',
  'Y/502/4291',
  'F/502/4379',
  'F/502/4396',
  'R/601/1548',
  'F/601/1223',
  'M/502/8606',
  'F/502/8559',
  'L/503/0394',
  'T/502/4296',
  'M/601/1542',
  'L/502/4627',
  'K/503/0385',
  'K/503/0421',
  'A/502/4297',
  'D/502/8584',
  'D/601/0936',
  'A/502/4378',
  'J/503/0362',
  'J/502/8580',
  'J/503/0426',
  'D/502/4292',
  'L/503/0413',
  'L/601/1614',
  'H/600/9660',
  'T/601/1512',
  'D/601/1522',
  'H/601/1215',
  'Y/601/1227',
  'D/601/1553',
  'J/502/8577',
  'H/601/1540',
  'T/503/0342',
  'T/503/0356',
];

interface SampleLearner {
  id: string;
  first: string;
  last: string;
  uln: string | number | null;
  dob: Date | string | null;
  qualification: string;
  marks: Record<string, string>;
  /** What a person reading the specification concludes, kept beside the data for reviewers. */
  expect: string;
  /** M or F as the registration template wants it, or what the centre typed instead. */
  sex: string;
  /** The codes `qualcheck register` gives the learner on 1 June 2013, in its order; none for a learner ready to register. */
  registration?: string[];
}

function uln(prefix: string): string {
  const digit = ulnCheckDigit(prefix);
  if (digit === null) throw new Error(`no valid ULN starts ${prefix}`);
  return `${prefix}${digit}`;
}

function marks(achieved: string[], planned: string[] = [], other: Record<string, string> = {}): Record<string, string> {
  return {
    ...Object.fromEntries(achieved.map((r) => [r, 'A'])),
    ...Object.fromEntries(planned.map((r) => [r, 'P'])),
    ...other,
  };
}

const QUAL = '600/5106/1';
const dob = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export const SAMPLE_LEARNERS: SampleLearner[] = [
  {
    id: 'CC001',
    first: 'Amira',
    last: 'Khan',
    uln: uln('927630868'),
    dob: dob(1988, 4, 12),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_LEVEL2]),
    expect: 'achieved: 34 credits, 18 known at level 2, 14 from B',
    sex: 'F',
    registration: ['duplicate-uln', 'possible-duplicate'],
  },
  {
    id: 'CC002',
    first: 'Ben',
    last: "O'Neill",
    uln: uln('512345678'),
    dob: dob(1979, 11, 3),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, 'F/502/4396', 'M/502/4300', 'F/502/4379', 'A/502/4297', 'H/600/9660']),
    expect: 'achieved: 37 credits',
    sex: 'M',
  },
  {
    id: 'CC003',
    first: 'Chloé',
    last: 'Dubois',
    uln: uln('612345670'),
    dob: '15/03/1990',
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14], C_LEVEL2),
    expect: 'on-track: the four level 2 Group C units are planned',
    sex: 'F',
  },
  {
    id: 'CC004',
    first: 'Dev',
    last: 'Patel',
    uln: uln('712345671'),
    dob: dob(1995, 7, 30),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track: everything but the mandatory units planned',
    sex: 'M',
    registration: ['under-min-age'],
  },
  {
    id: 'CC005',
    first: 'Ewa',
    last: 'Nowak',
    uln: uln('812345672'),
    dob: dob(1992, 1, 9),
    qualification: QUAL,
    marks: marks([...MANDATORY, 'H/503/0403', 'K/503/0385', ...C_LEVEL2, 'H/600/9660', 'D/601/1553']),
    expect: 'incomplete: only 9 credits from Group B (12 needed)',
    sex: 'F',
  },
  {
    id: 'CC006',
    first: 'Farid',
    last: 'Haddad',
    uln: uln('412345673'),
    dob: dob(1985, 5, 21),
    qualification: QUAL,
    marks: marks(['D/503/0352', ...B14, ...C_LEVEL2, 'M/601/1511']),
    expect: 'incomplete: mandatory T/503/0342 missing',
    sex: 'M',
  },
  {
    id: 'CC007',
    first: 'Grace',
    last: 'Mensah',
    uln: uln('312345674'),
    dob: dob(1999, 9, 14),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, 'F/502/4396']),
    expect: 'incomplete: 23 credits of 28, nothing planned',
    sex: 'F',
    registration: ['under-min-age'],
  },
  {
    id: 'CC008',
    first: 'Harry',
    last: 'Jones',
    uln: uln('212345675'),
    dob: dob(1990, 2, 28),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_LEVEL2, 'L/601/1225']),
    expect: 'invalid: barred set C1 (L/601/1225 and F/502/4396) both achieved',
    sex: 'M',
    registration: ['barred-combination'],
  },
  {
    id: 'CC009',
    first: 'Ines',
    last: 'Silva',
    uln: uln('112345676'),
    dob: dob(1987, 8, 8),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, 'F/502/4396', 'M/502/4300', 'F/502/4379', 'T/502/4296'], ['A/502/4297']),
    expect: 'invalid: barred set C4, T/502/4296 achieved and A/502/4297 planned',
    sex: 'F',
    registration: ['barred-combination'],
  },
  {
    id: 'CC010',
    first: 'Jack',
    last: 'Murphy',
    uln: uln('912345677'),
    dob: dob(1993, 12, 1),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_LEVEL2, 'T/503/0356']),
    expect: 'invalid: T/503/0356 belongs to OCR 10266, not 600/5106/1',
    sex: 'M',
    registration: ['unit-not-in-qualification'],
  },
  {
    id: 'CC011',
    first: 'Kasia',
    last: 'Zielinska',
    uln: uln('922345678'),
    dob: dob(1991, 6, 17),
    qualification: '600/9999/9',
    marks: marks([...MANDATORY, ...B14]),
    expect:
      'needs-data: qualification 600/9999/9 is not in the catalogue (the sheet to correct, not a choice the rules forbid)',
    sex: 'F',
    registration: ['unknown-qualification'],
  },
  {
    id: 'CC012',
    first: 'Liam',
    last: 'Walsh',
    uln: uln('932345679'),
    dob: dob(1982, 3, 3),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_UNKNOWN_LEVEL]),
    expect: 'needs-data: 40 credits, but only 4 known at level 2 and the other levels are not published',
    sex: 'M',
  },
  {
    id: 'CC013',
    first: 'Maya',
    last: 'Roberts',
    uln: uln('942345670'),
    dob: dob(1996, 10, 10),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, 'F/502/4396', 'M/502/4300', 'F/502/4379'], [], { 'A/502/4297': 'Done?' }),
    expect: 'needs-data: the mark "Done?" on A/502/4297 cannot be read',
    sex: 'F',
    registration: ['under-min-age'],
  },
  {
    id: 'CC014',
    first: 'Noah',
    last: 'Evans',
    uln: uln('952345671'),
    dob: dob(1994, 4, 4),
    qualification: QUAL,
    marks: marks([...MANDATORY, 'H/503/0403', 'K/503/0385', ...C_LEVEL1, 'H/600/9660', 'D/502/8584']),
    expect:
      'incomplete: 9 from Group B; level 2 undecided (only 6 credits known at level 2: D/502/8584 is level 2 too)',
    sex: 'M',
  },
  {
    id: 'CC015',
    first: 'Olivia',
    last: 'Brown',
    uln: uln('962345672'),
    dob: dob(1989, 1, 30),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B12], ['K/503/0421', ...C_UNKNOWN_LEVEL]),
    expect: 'needs-data: credits enough with planned, level 2 not decidable',
    sex: 'F',
  },
  {
    id: 'CC016',
    first: 'Priya',
    last: 'Shah',
    uln: '9999999999',
    dob: dob(1990, 5, 5),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_LEVEL2]),
    expect: 'achieved; registration: placeholder ULN',
    sex: 'F',
    registration: ['placeholder-uln'],
  },
  {
    id: 'CC017',
    first: 'Quentin',
    last: 'Blake',
    uln: '9276308687',
    dob: dob(1986, 9, 9),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: ULN check digit wrong',
    sex: 'M',
    registration: ['invalid-uln'],
  },
  {
    id: 'CC018',
    first: 'Rosa',
    last: 'Garcia',
    uln: uln('927630868'),
    dob: dob(1997, 2, 2),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: same ULN as CC001',
    sex: 'F',
    registration: ['under-min-age', 'duplicate-uln'],
  },
  {
    id: 'CC019',
    first: 'Sam',
    last: 'Taylor',
    uln: uln('972345673'),
    dob: dob(1998, 6, 1),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: 15 on 1 June 2013, under the minimum age of 18',
    sex: 'M',
    registration: ['under-min-age'],
  },
  {
    id: 'CC020',
    first: 'Theodora-Alexandrina',
    last: 'Papadopoulou-Konstantinidou-Smythe',
    uln: uln('982345674'),
    dob: dob(1984, 8, 19),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: names longer than 20 / 30 characters',
    sex: 'F',
    registration: ['field-too-long'],
  },
  {
    id: 'CC021',
    first: 'Uma',
    last: 'Reddy',
    uln: uln('992345675'),
    dob: '31/02/1991',
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: 31/02/1991 is not a date',
    sex: 'F',
    registration: ['bad-date'],
  },
  {
    id: 'CC022-LONGREF',
    first: 'Victor',
    last: 'Hugo',
    uln: uln('123456789'),
    dob: dob(1980, 1, 1),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: centre reference longer than 10',
    sex: 'M',
    registration: ['field-too-long'],
  },
  {
    id: 'CC023',
    first: 'Wen',
    last: 'Li',
    uln: uln('234567891'),
    dob: dob(1991, 11, 11),
    qualification: QUAL,
    marks: marks(
      [...MANDATORY, 'K/503/0421', 'J/503/0426'],
      ['F/502/4396', 'M/502/4300', 'F/502/4379', 'A/502/4297', 'D/502/4292'],
    ),
    expect: 'on-track: 12 from B achieved, 16 level 2 credits planned',
    sex: 'F',
  },
  {
    id: 'CC024',
    first: 'Xavier',
    last: 'Dupont',
    uln: null,
    dob: dob(1983, 7, 7),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, ...C_LEVEL2, 'D/601/0936']),
    expect: 'achieved; no ULN yet (one will be issued)',
    sex: 'M',
  },
  {
    id: 'CC025',
    first: 'Yusuf',
    last: 'Ali',
    uln: uln('345678912'),
    dob: dob(1990, 3, 15),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B14, 'Y/502/4291', 'D/502/4292', ...C_LEVEL2]),
    expect: 'invalid: barred set C5 (Y/502/4291 and D/502/4292)',
    sex: 'M',
    registration: ['barred-combination'],
  },
  {
    id: 'CC026',
    first: 'Zara',
    last: 'Ahmed',
    uln: uln('456789123'),
    dob: dob(1992, 12, 24),
    qualification: QUAL,
    marks: marks([...MANDATORY], []),
    expect: 'incomplete: only the mandatory units',
    sex: 'F',
    registration: ['duplicate-learner-ref'],
  },
  {
    id: 'CC027',
    first: 'Adam',
    last: 'Clarke',
    uln: uln('567891234'),
    dob: dob(1975, 10, 31),
    qualification: QUAL,
    marks: marks([...MANDATORY, ...B12, ...C_LEVEL2, 'J/502/8580']),
    expect: 'achieved: 32 credits, 22 known at level 2 (J/502/8580 with them), 12 from B',
    sex: 'M',
  },
  {
    id: 'CC028',
    first: 'Bethan',
    last: 'Hughes',
    uln: uln('678912345'),
    dob: dob(1988, 8, 8),
    qualification: '6005106 1',
    marks: marks([...MANDATORY, ...B14], ['F/502/4396', 'M/502/4300', 'F/502/4379', 'A/502/4297']),
    expect: 'on-track; qualification written 6005106 1',
    sex: 'F',
  },
  {
    id: 'CC029',
    first: 'Amira',
    last: 'Khan',
    uln: uln('789123456'),
    dob: dob(1988, 4, 12),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: same name and date of birth as CC001 (possible duplicate)',
    sex: 'F',
    registration: ['possible-duplicate'],
  },
  {
    id: 'CC030',
    first: 'Chris',
    last: 'P@rker',
    uln: uln('891234567'),
    dob: dob(1990, 9, 19),
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: "on-track; registration: '@' in a name",
    sex: 'M',
    registration: ['bad-characters'],
  },
  {
    id: 'CC026',
    first: 'Callum',
    last: 'Reid',
    uln: uln('193456782'),
    dob: dob(1989, 5, 2),
    sex: 'M',
    qualification: QUAL,
    marks: marks([...MANDATORY]),
    expect: 'incomplete: only the mandatory units; registration: learner reference CC026 given twice (also Zara Ahmed)',
    registration: ['duplicate-learner-ref'],
  },
  {
    id: 'CC031',
    first: 'Dina',
    last: 'Morris',
    uln: '9.27631E+09',
    dob: '03/04/1990',
    sex: 'F',
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect:
      'on-track; registration: ULN typed as 9.27631E+09, its last digits lost to scientific notation; 03/04/1990 is 3 April',
    registration: ['invalid-uln'],
  },
  {
    id: 'CC032',
    first: 'Ellis',
    last: 'Grant',
    uln: uln('293456781'),
    dob: dob(1985, 2, 14),
    sex: 'U',
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: "on-track; registration: sex 'U', where the template takes M or F",
    registration: ['bad-sex'],
  },
  {
    id: 'CC033',
    first: 'Fay',
    last: 'Turner',
    uln: uln('393456781'),
    dob: '07/11/1903',
    sex: 'F',
    qualification: QUAL,
    marks: marks(MANDATORY, [...B14, ...C_LEVEL2]),
    expect: 'on-track; registration: born 1903, 109 on 1 June 2013 (the year mistyped)',
    registration: ['bad-date'],
  },
];

export async function writeSampleCohort(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'qualcheck sample generator';
  const sheet = workbook.addWorksheet('Cohort');
  // Sex last, after the units, as a centre adds a column it was asked for late.
  sheet.addRow([
    'Learner ID',
    'First name',
    'Last name',
    'ULN',
    'Date of birth',
    'Qualification',
    ...UNIT_COLUMNS,
    'Sex',
  ]);
  for (const l of SAMPLE_LEARNERS) {
    sheet.addRow([
      l.id,
      l.first,
      l.last,
      l.uln,
      l.dob,
      l.qualification,
      ...UNIT_COLUMNS.map((ref) => l.marks[ref] ?? null),
      l.sex,
    ]);
  }
  sheet.getColumn(4).numFmt = '@';
  sheet.getColumn(5).numFmt = 'dd/mm/yyyy';
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  const notes = workbook.addWorksheet('Expected');
  notes.addRow(['Learner ID', 'What a person reading the specification concludes']);
  for (const l of SAMPLE_LEARNERS) notes.addRow([l.id, l.expect]);
  await workbook.xlsx.writeFile(file);
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../samples/cohort-600-5106-1.xlsx');
  writeSampleCohort(file).then(
    () => console.log(`wrote ${path.relative(process.cwd(), file)} (${SAMPLE_LEARNERS.length} learners)`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
