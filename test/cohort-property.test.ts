import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readCohort } from '../src/cohort/read';
import { readingMessage } from '../src/cohort/read/reading-words';
import { parseCellAddress } from '../src/sheet/address';
import { learnerFieldOf } from '../src/cohort/read/columns';
import { checkLearner, SHEET_PROBLEMS } from '../src/cohort/verdict/learner-result';
import type { CellValue, CohortReading, Grid, LearnerRecord } from '../src/sheet/types';
import { Catalogue } from '../src/rules/catalogue';
import type { QualificationDefinition } from '../src/rules/model';
import { NUMBERED_L2, NUMBERED_L3, QCF_QUALIFICATION, testCatalogue } from './fixtures/cohort-fixtures';

const catalogue = testCatalogue();

const LEARNER_HEADERS = [
  'Learner ID',
  'Learner Ref',
  'Name',
  'First name',
  'Surname',
  'ULN',
  'DOB',
  'Qualification',
  'Centre Ref',
  'Candidate No',
];
const UNIT_HEADERS = [
  'L/601/0933',
  'l6010933',
  'D 503 0352',
  'T/503/0342 Improve personal effectiveness at work in a contact centre',
  'Using Email',
  'Unit 4',
  'U1',
  'Unit 5',
  'Communicate information to customers',
  'M/502/4300',
  'Give customers a positive…',
];
const LIST_HEADERS = ['Units', 'Achieved units', 'Planned units'];
const OTHER_HEADERS = ['Notes', 'Z/999/9999', 'Unit 77', 'Assessor', 'Start'];
const MARKS: CellValue[] = [
  'A',
  'P',
  'x',
  'Y',
  'ach',
  'IP',
  '',
  null,
  null,
  null,
  'N',
  '-',
  0,
  'Q',
  'maybe',
  '12/03/2013',
  41345,
  true,
  { error: '#N/A' },
  '#N/A',
  new Date(Date.UTC(2013, 2, 1)),
];
const LISTS: CellValue[] = [
  'L/601/0933 (A), Unit 4 (P)',
  'D/503/0352; U1 (A)',
  'Z/999/9999 (A)',
  'Using Email',
  'T 503 0342 (maybe)\nL6010933',
  null,
  '',
  4,
];
const IDS: CellValue[] = ['L1', 'L2', 1001, null, '', '  ', '#REF!'];
const QUALS: CellValue[] = [
  '600/0001/1',
  '10901',
  '10902',
  '6000001 1',
  'Test Level 3 Certificate in Principles',
  'unknown qual',
  null,
];
const STRAY: CellValue[] = ['Cohort 2013', 'printed', 'see notes', 'n/a', '??', 17, null, { error: '#REF!' }];
const EVERYTHING: CellValue[] = [
  ...LEARNER_HEADERS,
  ...UNIT_HEADERS,
  ...LIST_HEADERS,
  ...OTHER_HEADERS,
  ...MARKS,
  ...LISTS,
  ...IDS,
  ...QUALS,
  ...STRAY,
  'Units',
];

const anyValue = fc.constantFrom(...EVERYTHING);

/** Any grid at all: random values anywhere, ragged rows, random position, hidden lines, merges and tables. */
const anyGrid: fc.Arbitrary<Grid> = fc
  .record({
    values: fc.array(fc.array(anyValue, { minLength: 0, maxLength: 9 }), { minLength: 1, maxLength: 26 }),
    top: fc.integer({ min: 1, max: 40 }),
    left: fc.integer({ min: 1, max: 30 }),
    merged: fc.array(fc.tuple(fc.nat(30), fc.nat(12), fc.nat(3), fc.nat(3)), { maxLength: 3 }),
    tables: fc.array(fc.tuple(fc.nat(30), fc.nat(12), fc.nat(10), fc.nat(6)), { maxLength: 2 }),
    hidden: fc.array(fc.nat(60), { maxLength: 4 }),
  })
  .map(({ values, top, left, merged, tables, hidden }) => {
    const range = ([r, c, h, w]: [number, number, number, number]) =>
      `${letters(left + c)}${top + r}:${letters(left + c + w)}${top + r + h}`;
    return {
      values,
      top,
      left,
      merged: merged.map(range),
      tables: tables.map((t, i) => ({ name: `T${i}`, range: range(t) })),
      hiddenRows: hidden.map((h) => top + h),
      hiddenColumns: hidden.map((h) => left + (h % 10)),
      numberFormats: values.map((row) => row.map((_, c) => (c % 3 === 0 ? 'dd/mm/yyyy' : 'General'))),
    };
  });

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function inside(grid: Grid, address: string): boolean {
  const at = parseCellAddress(address);
  if (!at) return false;
  const row = grid.values[at.row - grid.top];
  const width = Math.max(0, ...grid.values.map((r) => r.length));
  return row !== undefined && at.column >= grid.left && at.column < grid.left + Math.max(width, 1);
}

type Kind = 'learner' | 'unit' | 'list' | 'other';

/** A cohort as centres build them: titles, a header, learner rows whose cells suit their column. */
const cohort = fc
  .record({
    titles: fc.array(fc.array(fc.constantFrom(...STRAY), { maxLength: 4 }), { maxLength: 3 }),
    learnerHeaders: fc.shuffledSubarray(LEARNER_HEADERS, { minLength: 1, maxLength: 5 }),
    unitHeaders: fc.array(fc.constantFrom(...UNIT_HEADERS), { maxLength: 6 }),
    listHeaders: fc.shuffledSubarray(LIST_HEADERS, { maxLength: 2 }),
    otherHeaders: fc.shuffledSubarray(OTHER_HEADERS, { maxLength: 2 }),
    rows: fc.array(fc.array(fc.nat(1000), { minLength: 16, maxLength: 16 }), { maxLength: 12 }),
  })
  .map(({ titles, learnerHeaders, unitHeaders, listHeaders, otherHeaders, rows }) => {
    // One heading per learner field, so that which of two columns is read cannot depend on their order.
    const fields = new Set<string>();
    const uniqueLearners = learnerHeaders.filter((h) => {
      const field = learnerFieldOf(h) ?? h;
      if (fields.has(field)) return false;
      fields.add(field);
      return true;
    });
    const columns: { header: string; kind: Kind }[] = [
      ...uniqueLearners.map((header) => ({ header, kind: 'learner' as const })),
      ...unitHeaders.map((header) => ({ header, kind: 'unit' as const })),
      ...listHeaders.map((header) => ({ header, kind: 'list' as const })),
      ...otherHeaders.map((header) => ({ header, kind: 'other' as const })),
    ];
    const pick = (pool: CellValue[], n: number) => pool[n % pool.length];
    const body: CellValue[][] = rows.map((choices) =>
      columns.map((column, c) => {
        const n = choices[c % choices.length] + c;
        if (column.kind === 'unit') return pick(MARKS, n);
        if (column.kind === 'list') return pick(LISTS, n);
        if (column.kind === 'other') return pick(STRAY, n);
        if (column.header === 'Qualification') return pick(QUALS, n);
        return pick(IDS, n);
      }),
    );
    return { titles, columns, body };
  });

function build(titles: CellValue[][], header: string[], body: CellValue[][]): Grid {
  return { top: 1, left: 1, values: [...titles, header, ...body] };
}

/** What a reading concludes about each learner, in row order, without cells or row numbers. */
function conclusions(reading: CohortReading) {
  return reading.learners.map((l) => ({
    id: /^row \d+$/.test(l.learnerId) ? 'row' : l.learnerId,
    qualification: l.qualification?.id ?? l.qualificationText,
    achieved: [...l.achieved].sort(),
    planned: [...l.planned].sort(),
    problems: l.problems.map((p) => `${p.code}:${(p.units ?? []).join('+')}`).sort(),
  }));
}

describe('the cohort reader on random grids', () => {
  it('never fails, and every warning names a cell inside the grid', () => {
    fc.assert(
      fc.property(anyGrid, fc.constantFrom(undefined, '600/0001/1', 'nope'), (grid, qualification) => {
        const reading = readCohort(grid, { catalogue, qualification });
        for (const w of reading.warnings) {
          assert.notEqual(w.problem.kind, 'reader-failure', readingMessage(w));
          assert.ok(
            inside(grid, w.cell),
            `${w.cell} is outside the grid at ${grid.top},${grid.left}: ${readingMessage(w)}`,
          );
        }
        if (reading.headerRow === 0) {
          assert.equal(reading.learners.length, 0);
          assert.equal(reading.warnings.filter((w) => w.code === 'no-header').length, 1);
        }
        for (const learner of reading.learners) {
          assert.ok(inside(grid, `A${learner.row}`.replace('A', letters(grid.left))), `row ${learner.row}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reads each learner the same whatever the order of the columns', () => {
    fc.assert(
      fc.property(cohort, fc.infiniteStream(fc.nat()), ({ titles, columns, body }, randoms) => {
        const order = columns.map((_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = (randoms.next().value as number) % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const original = readCohort(
          build(
            titles,
            columns.map((c) => c.header),
            body,
          ),
          { catalogue },
        );
        const shuffled = readCohort(
          build(
            titles,
            order.map((i) => columns[i].header),
            body.map((row) => order.map((i) => row[i])),
          ),
          { catalogue },
        );
        assert.deepEqual(conclusions(shuffled), conclusions(original));
      }),
      { numRuns: 300 },
    );
  });

  it('reads each learner the same whatever blank rows lie between them', () => {
    fc.assert(
      fc.property(cohort, fc.array(fc.nat(20), { maxLength: 6 }), ({ titles, columns, body }, blanks) => {
        const spaced: CellValue[][] = [];
        body.forEach((row, i) => {
          for (const b of blanks) if (b % (body.length + 1) === i) spaced.push(b % 2 === 0 ? [] : row.map(() => null));
          spaced.push(row);
        });
        const header = columns.map((c) => c.header);
        const plain = readCohort(build(titles, header, body), { catalogue });
        const withBlanks = readCohort(build(titles, header, spaced), { catalogue });
        assert.deepEqual(conclusions(withBlanks), conclusions(plain));
      }),
      { numRuns: 300 },
    );
  });
});

/** Whether the learner chose what the rules forbid: two units of a barred set, or a unit outside their qualification. */
function choseForbidden(learner: LearnerRecord): boolean {
  const q = learner.qualification;
  if (!q) return false;
  const taken = new Set([...learner.achieved, ...learner.planned]);
  const own = new Set(q.units.map((u) => u.ref));
  if ([...taken].some((ref) => !own.has(ref))) return true;
  if (learner.problems.some((p) => p.code === 'unit-not-in-qualification')) return true;
  return q.rules.some((r) => r.kind === 'barred' && r.units.filter((ref) => taken.has(ref)).length > 1);
}

describe('statuses on random cohorts', () => {
  // The test qualification with rules, so barred units and shortfalls arise: L/601/0933 and H/503/0403 barred.
  const ruled: QualificationDefinition = {
    ...QCF_QUALIFICATION,
    rules: [
      { id: 'total', kind: 'totalCredits', min: 6, text: 'at least 6 credits' },
      { id: 'X1', kind: 'barred', units: ['L/601/0933', 'H/503/0403'], text: 'only one of a barred set' },
    ],
  };
  const withRules = new Catalogue([ruled, NUMBERED_L2, NUMBERED_L3]);

  it('gives invalid for a forbidden choice and for nothing else; a problem of the sheet never leaves a learner achieved or on-track', () => {
    let invalid = 0;
    let sheetProblems = 0;
    let barred = 0;
    fc.assert(
      fc.property(
        cohort,
        fc.constantFrom(undefined, '600/0001/1', '10901', 'nope'),
        ({ titles, columns, body }, qualification) => {
          const reading = readCohort(
            build(
              titles,
              columns.map((c) => c.header),
              body,
            ),
            { catalogue: withRules, qualification },
          );
          for (const learner of reading.learners) {
            const { status } = checkLearner(learner);
            const forbidden = choseForbidden(learner);
            assert.equal(
              status === 'invalid',
              forbidden,
              `row ${learner.row} is ${status}: ${JSON.stringify(learner.problems.map((p) => p.code))}`,
            );
            if (status === 'invalid') invalid++;
            if (learner.qualification && checkLearner(learner).violations.some((v) => v.code === 'barred-combination'))
              barred++;
            if (learner.problems.some((p) => p.code !== undefined && SHEET_PROBLEMS.has(p.code))) {
              sheetProblems++;
              assert.ok(
                status === 'needs-data' || status === 'incomplete' || status === 'invalid',
                `row ${learner.row} with a sheet problem is ${status}`,
              );
            }
          }
        },
      ),
      { numRuns: 300, seed: 1313 },
    );
    // The generator must reach both kinds of learner, or the property says nothing.
    assert.ok(
      invalid > 20 && barred > 5 && sheetProblems > 20,
      `${invalid} invalid (${barred} barred), ${sheetProblems} with sheet problems`,
    );
  });
});
