// How long the cohort reader takes on a large sheet: 50,000 learners x 60 columns (6 learner fields, 54 units),
// built in memory as the pane or the CLI would hand it over. Two densities: a typical tracker, where a learner has
// 12 of the 54 units marked, and a dense one with more than half the unit cells marked (a mark object per cell).
// First, the command line's file layer (src/workbook) on a generated 50,000 x 45 .xlsx: unzip, stream the sheet XML
// into a grid, then the cohort reader over it, with peak memory, and exceljs reading the same file for comparison.
// Run: npx tsx bench/read-cohort.ts [learners]
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { Workbook } from '../src/workbook/workbook';
import { cohortFile, unitRefs } from './cohort-file';
import { Catalogue } from '../src/rules/catalogue';
import type { QualificationDefinition } from '../src/rules/model/model';
import { readCohort } from '../src/cohort/read/read';
import type { CellValue, Grid } from '../src/sheet/types';

const LEARNERS = Number(process.argv[2] ?? 50_000);
const UNITS = 54;
const RUNS = 7;
const QCF_LETTERS = 'ADFHJKLMRTY';

const qualification: QualificationDefinition = {
  id: '600/9999/1',
  title: 'Benchmark Certificate',
  awardingBody: 'Bench',
  level: 2,
  groups: [{ id: 'A', title: 'All units' }],
  units: Array.from({ length: UNITS }, (_, i) => ({
    ref: `${QCF_LETTERS[i % QCF_LETTERS.length]}/600/${String(1000 + i)}`,
    title: `Benchmark unit ${i + 1}`,
    credits: 3,
    glh: 20,
    level: 2,
    group: 'A',
  })),
  rules: [],
};

const ACHIEVED_ON = new Date(Date.UTC(2013, 4, 1));

function buildGrid(markOf: (learner: number, unit: number) => CellValue): Grid {
  const header: CellValue[] = [
    'Learner ID',
    'First name',
    'Last name',
    'ULN',
    'Date of birth',
    'Qualification',
    ...qualification.units.map((u) => u.ref),
  ];
  const values: CellValue[][] = [['Benchmark cohort'], [], header];
  for (let i = 0; i < LEARNERS; i++) {
    const row: CellValue[] = [
      `L${100000 + i}`,
      'Ann',
      'Smith',
      9276308686,
      new Date(Date.UTC(1990, 0, 1 + (i % 365))),
      '600/9999/1',
    ];
    for (let u = 0; u < UNITS; u++) row.push(markOf(i, u));
    values.push(row);
  }
  return { top: 1, left: 1, values };
}

const TYPICAL_MARKS: CellValue[] = ['A', 'A', 'P', 'x', 'Ach', ACHIEVED_ON, 'IP', 'A', 'P', 'Y', 'A', 'P'];
/** Two mandatory units and ten optional ones that move along with the learner, the rest blank. */
function typical(learner: number, unit: number): CellValue {
  const chosen = unit < 2 || (unit - 2 - (learner % 40) + 52) % 52 < 10;
  return chosen ? TYPICAL_MARKS[(learner + unit) % TYPICAL_MARKS.length] : null;
}

const DENSE_MARKS: CellValue[] = ['A', 'P', null, null, null, 'x', 'Ach', null, 'IP', null, ACHIEVED_ON, null];
function dense(learner: number, unit: number): CellValue {
  return DENSE_MARKS[(learner * 7 + unit * 3) % DENSE_MARKS.length];
}

const catalogue = new Catalogue([qualification]);

function measure(name: string, grid: Grid): void {
  // One warm-up pass, so the figure is the reader's time and not the JIT's.
  let marks = readCohort(grid, { catalogue }).learners.reduce((n, l) => n + l.marks.length, 0);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const reading = readCohort(grid, { catalogue });
    times.push(performance.now() - start);
    marks = reading.learners.reduce((n, l) => n + l.marks.length, 0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `read-cohort ${name}: ${LEARNERS.toLocaleString('en-GB')} learners x ${UNITS + 6} columns, ${marks.toLocaleString('en-GB')} marks: ` +
      `median ${times[RUNS >> 1].toFixed(0)} ms, best ${times[0].toFixed(0)} ms, worst ${times[RUNS - 1].toFixed(0)} ms over ${RUNS} runs`,
  );
}

const FILE_UNITS = 39;
const FILE_RUNS = 5;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function measureFile(): Promise<void> {
  const bytes = await cohortFile({ learners: LEARNERS, units: FILE_UNITS });
  const fileCatalogue = new Catalogue([
    { ...qualification, units: unitRefs(FILE_UNITS).map((ref, i) => ({ ...qualification.units[i], ref })) },
  ]);
  const wall: number[] = [];
  const cpu: number[] = [];
  let learners = 0;
  for (let run = 0; run < FILE_RUNS; run++) {
    const start = performance.now();
    const used = process.cpuUsage();
    const workbook = await Workbook.open(bytes);
    const reading = await workbook.readSheet(workbook.worksheets[0]);
    workbook.close();
    if (reading.kind !== 'grid') throw new Error('the bench sheet was refused as too large');
    const time = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((time.user + time.system) / 1000);
    learners = readCohort(reading.grid, { catalogue: fileCatalogue }).learners.length;
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `read-workbook: ${LEARNERS.toLocaleString('en-GB')} learners x ${FILE_UNITS + 6} columns, ${(bytes.length / 1024 / 1024).toFixed(1)} MB file, ${learners.toLocaleString('en-GB')} learners read: ` +
      `unzip + sheet to grid median ${wall[FILE_RUNS >> 1].toFixed(0)} ms (best ${wall[0].toFixed(0)} ms; CPU median ${cpu[FILE_RUNS >> 1].toFixed(0)} ms) over ${FILE_RUNS} runs, peak RSS ${mib(peak)}`,
  );
  // exceljs read the user's workbook before src/workbook: the same file, once, for comparison.
  const start = performance.now();
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(bytes as unknown as ArrayBuffer);
  console.log(
    `read-workbook: exceljs reading the same file: ${(performance.now() - start).toFixed(0)} ms, peak RSS so far ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
}

void measureFile().then(() => {
  measure('typical', buildGrid(typical));
  measure('dense', buildGrid(dense));
});
