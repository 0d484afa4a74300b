import assert from 'node:assert/strict';
import { readCohort } from '../src/cohort/read/read';
import type { CellValue } from '../src/sheet/types';
import { grid, summary, testCatalogue } from './fixtures/cohort-fixtures';
import { readingMessage } from '../src/cohort/read/reading-words';

const catalogue = testCatalogue();
const read = (values: CellValue[][], extra = {}, qualification?: string) =>
  readCohort(grid(values, extra), { catalogue, qualification });
const codes = (warnings: { code?: string }[]) => warnings.map((w) => w.code);

describe('reading a matrix cohort', () => {
  it('finds the header under a title and blank rows and reads learner columns however they are spelled', () => {
    const reading = read([
      ['Contact centre cohort, spring 2013'],
      [],
      [null, 'printed 01/04/2013'],
      ['Learner Ref', 'Forename', 'SURNAME', 'U.L.N.', 'D.O.B.', 'QAN', 'Gender', 'L/601/0933'],
      ['1001', 'Ann', 'Smith', 9276308686, '01/02/1990', '600/0001/1', 'F', 'A'],
    ]);
    assert.equal(reading.headerRow, 4);
    assert.equal(reading.layout, 'matrix');
    const [ann] = reading.learners;
    assert.equal(ann.row, 5);
    assert.equal(ann.learnerId, '1001');
    assert.equal(ann.firstName, 'Ann');
    assert.equal(ann.lastName, 'Smith');
    assert.equal(ann.fullName, 'Ann Smith');
    assert.equal(ann.uln, 9276308686);
    assert.equal(ann.dateOfBirth, '01/02/1990');
    assert.equal(ann.sex, 'F');
    assert.equal(ann.qualification?.id, '600/0001/1');
    assert.deepEqual(ann.achieved, ['L/601/0933']);
    // Read by name: the reader works each address out when asked (no own properties to compare).
    const { learnerId, name, firstName, lastName, uln, dateOfBirth, qualification, sex } = ann.cells;
    assert.deepStrictEqual(
      { learnerId, name, firstName, lastName, uln, dateOfBirth, qualification, sex },
      {
        learnerId: 'A5',
        name: undefined,
        firstName: 'B5',
        lastName: 'C5',
        uln: 'D5',
        dateOfBirth: 'E5',
        qualification: 'F5',
        sex: 'G5',
      },
    );
  });

  it('reads a grid that starts away from A1 with sheet addresses', () => {
    const reading = readCohort(
      grid(
        [
          ['Learner ID', 'Qualification', 'L/601/0933'],
          ['7', '600/0001/1', 'Q'],
        ],
        { top: 10, left: 3 },
      ),
      { catalogue },
    );
    assert.equal(reading.headerRow, 10);
    assert.equal(reading.firstColumn, 3);
    assert.equal(reading.lastColumn, 5);
    assert.equal(reading.learners[0].row, 11);
    assert.equal(reading.learners[0].problems[0].cell, 'E11');
  });

  it('reads a QCF reference in any spelling, a reference with its title, a title, a cut-short title and an alias', () => {
    const reading = read([
      [
        'Learner ID',
        'Qual',
        'l/601/0933',
        'D6130352'.replace('613', '503'),
        'T 503 0342',
        'L-601-0933 Give customers',
        'Communicate information to customers',
        'Give customers a positive impression…',
        'Comms with customers',
      ],
      ['1', '600/0001/1', 'A', 'P', 'A', null, 'P', null, null],
    ]);
    assert.deepEqual(
      reading.unitColumns.map((c) => c.refs),
      [['L/601/0933'], ['D/503/0352'], ['T/503/0342'], ['L/601/0933'], ['H/503/0403'], ['L/601/0933'], ['H/503/0403']],
    );
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933', 'T/503/0342']);
    assert.deepEqual(reading.learners[0].planned, ['D/503/0352', 'H/503/0403']);
  });

  it('reads unit numbers as Unit 4 or U4, and a bare number only under a Units banner', () => {
    const reading = read([
      [null, null, 'Units', null, null],
      ['Candidate No', 'Qualification', 1, '2', 'U3'],
      ['C1', '10901', 'A', 'P', 'x'],
    ]);
    assert.equal(reading.headerRow, 2);
    assert.deepEqual(reading.learners[0].achieved, ['L2-U1']);
    assert.deepEqual(reading.learners[0].planned, ['L2-U2', 'L2-U3']);

    const noBanner = read([
      ['Candidate No', 'Qualification', 'Unit 1', 2],
      ['C1', '10901', 'A', 'A'],
    ]);
    assert.deepEqual(
      noBanner.unitColumns.map((c) => c.header),
      ['Unit 1'],
    );
    assert.deepEqual(noBanner.learners[0].achieved, ['L2-U1']);
  });

  it("resolves a header that fits units of several qualifications by each learner's qualification", () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Unit 4', 'Unit 5'],
      ['a', '10901', 'A', null],
      ['b', 'Test Level 3 Certificate in Principles', 'A', 'P'],
      ['c', '10901', null, 'A'],
    ]);
    assert.deepEqual(reading.unitColumns[0].refs, ['L2-U4', 'L3-U4']);
    const [a, b, c] = reading.learners;
    assert.deepEqual(a.achieved, ['L2-U4']);
    assert.deepEqual(b.achieved, ['L3-U4']);
    assert.deepEqual(b.planned, ['L3-U5']);
    assert.deepEqual(codes(c.problems), ['unit-not-in-qualification']);
    assert.equal(c.problems[0].cell, 'D4');
    assert.deepEqual(c.achieved, []);
  });

  it('finds the qualification by id in any spelling, by code and by title', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['1', '600/0001/1', 'A'],
      ['2', '6000001 1', 'A'],
      ['3', '600-0001-1', 'A'],
      ['4', 'test level 2 certificate in contact centre skills (QCF)', 'A'],
      ['5', 'Test Level 2 Certificate in Contact Centre Skills', 'A'],
      ['6', 10901, null],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.qualification?.id),
      ['600/0001/1', '600/0001/1', '600/0001/1', '600/0001/1', '600/0001/1', '10901'],
    );
    assert.deepEqual(reading.warnings, []);
  });

  it('will not pick one of two qualifications that share a title: it names both and asks for the number', () => {
    const original = catalogue.find('600/0001/1');
    assert.ok(original);
    const centres = { ...original, id: 'CENTRE/1', codes: [] };
    const both = catalogue.withDefinitions([centres]);
    const reading = readCohort(
      grid([
        ['Learner ID', 'Qualification', 'L/601/0933'],
        ['1', 'Test Level 2 Certificate in Contact Centre Skills (QCF)', 'A'],
        ['2', 'test level 2 certificate in contact centre skills', 'A'],
        ['3', '600/0001/1', 'A'],
        ['4', 'CENTRE/1', 'A'],
      ]),
      { catalogue: both },
    );
    assert.deepEqual(
      reading.learners.map((l) => l.qualification?.id ?? null),
      [null, null, '600/0001/1', 'CENTRE/1'],
    );
    for (const learner of reading.learners.slice(0, 2)) {
      assert.equal(learner.problems[0].code, 'unknown-qualification');
      assert.match(
        readingMessage(learner.problems[0]),
        /a title 600\/0001\/1 and CENTRE\/1 share.*Write the qualification number instead/,
      );
    }
  });

  it('uses the chosen qualification when the sheet has no qualification column or a blank cell', () => {
    const reading = read(
      [
        ['Learner ID', 'L/601/0933'],
        ['1', 'A'],
      ],
      {},
      '6000001/1',
    );
    assert.equal(reading.learners[0].qualification?.id, '600/0001/1');
    assert.equal(reading.learners[0].qualificationText, '6000001/1');
    const blank = read(
      [
        ['Learner ID', 'Qual', 'Unit 4'],
        ['1', null, 'A'],
      ],
      {},
      '10902',
    );
    assert.deepEqual(blank.learners[0].achieved, ['L3-U4']);
  });

  it('reports an unknown qualification on the learner, naming the cell', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['1', '999/9999/9', 'A'],
      ['2', null, 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => codes(l.problems)),
      [['unknown-qualification'], ['missing-qualification']],
    );
    assert.equal(reading.learners[0].problems[0].cell, 'B2');
    assert.match(readingMessage(reading.learners[1].problems[0]), /B3 is blank/);
    assert.equal(reading.learners[0].qualification, null);
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933']);
  });

  it('reads the qualification every unit column belongs to when there is no column and no choice, and says so', () => {
    const reading = read([
      ['Learner ID', 'L/601/0933', 'D/503/0352'],
      ['1', 'A', 'P'],
    ]);
    assert.equal(reading.learners[0].qualification?.id, '600/0001/1');
    assert.ok(reading.warnings.some((w) => w.cell === 'A1' && /no Qualification column/.test(readingMessage(w))));
    const mixed = read([
      ['Learner ID', 'L/601/0933', 'Unit 5'],
      ['1', 'A', 'P'],
    ]);
    assert.deepEqual(codes(mixed.learners[0].problems), ['missing-qualification']);
  });

  it('reports an unrecognised mark with its cell and reads the unit as not taken', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352'],
      ['1', '600/0001/1', 'Done', 'A'],
    ]);
    const [learner] = reading.learners;
    assert.deepEqual(learner.achieved, ['D/503/0352']);
    assert.deepEqual(
      learner.problems.map((p) => [p.code, p.cell, p.units]),
      [['unrecognised-mark', 'C2', ['L/601/0933']]],
    );
    assert.match(readingMessage(learner.problems[0]), /"Done"/);
    assert.deepEqual(reading.warnings, learner.problems);
  });

  it('reads a custom marks vocabulary', () => {
    const values = [
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['1', '600/0001/1', 'Done'],
    ];
    const reading = readCohort(grid(values), {
      catalogue,
      marks: { achieved: ['Done'], planned: [], notTaken: [''], datesMeanAchieved: true },
    });
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933']);
  });

  it('reads dates as achieved on that date, a serial only when its format is a date', () => {
    const reading = read(
      [
        ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352', 'T/503/0342'],
        ['1', '600/0001/1', new Date(Date.UTC(2013, 0, 31)), 41345, '12/03/2013'],
      ],
      { numberFormats: [[], ['', '', '', 'dd/mm/yyyy', '']] },
    );
    assert.deepEqual(
      reading.learners[0].marks.map((m) => [m.ref, m.achievedOn]),
      [
        ['L/601/0933', '2013-01-31'],
        ['D/503/0352', '2013-03-12'],
        ['T/503/0342', '2013-03-12'],
      ],
    );
  });

  it('reports a formula error in a unit cell or a learner cell', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      [{ error: '#REF!' }, '600/0001/1', { error: '#N/A' }],
    ]);
    const [learner] = reading.learners;
    assert.deepEqual(
      learner.problems.map((p) => [p.code, p.cell]),
      [
        ['formula-error', 'A2'],
        ['missing-learner-id', 'A2'],
        ['formula-error', 'C2'],
      ],
    );
    assert.equal(learner.learnerId, 'row 2');
    assert.match(readingMessage(learner.problems[2]), /#N\/A/);
  });

  it('reads an error value handed over as text (as Office.js gives it) as a formula error', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'Units'],
      ['#REF!', '600/0001/1', '#N/A', null],
    ]);
    assert.deepEqual(
      reading.learners[0].problems.map((p) => [p.code, p.cell]),
      [
        ['formula-error', 'A2'],
        ['missing-learner-id', 'A2'],
        ['formula-error', 'C2'],
      ],
    );
  });

  it('reports the same unit marked twice for a learner and counts it once, achieved over planned', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'l6010933'],
      ['1', '600/0001/1', 'P', 'A'],
      ['2', '600/0001/1', 'A', null],
    ]);
    const [one, two] = reading.learners;
    assert.deepEqual(one.achieved, ['L/601/0933']);
    assert.deepEqual(one.planned, []);
    assert.deepEqual(codes(one.problems), ['duplicate-unit']);
    assert.deepEqual(two.problems, []);
    const header = reading.warnings.find((w) => w.code === 'duplicate-unit' && w.cell === 'D1');
    assert.ok(header, 'the header naming a unit twice is reported');
  });

  it('reports a header that names no known unit when it looks like a unit or sits among unit columns', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'Unit of nowhere', 'D/503/0352', 'X/999/9999', 'Unit 77', 'Notes'],
      ['1', '600/0001/1', 'A', 'A', 'A', 'A', 'A', 'call back'],
    ]);
    const unknown = reading.warnings.filter((w) => w.code === 'unknown-header').map((w) => w.cell);
    assert.deepEqual(unknown, ['D1', 'F1', 'G1']);
    assert.deepEqual(reading.learners[0].achieved, ['L/601/0933', 'D/503/0352']);
  });

  it('reports an unknown header whose column holds marks', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'Customer care basics'],
      ['1', '600/0001/1', 'A', 'A'],
      ['2', '600/0001/1', 'A', 'P'],
      ['3', '600/0001/1', 'A', 'A'],
    ]);
    assert.deepEqual(
      reading.warnings.filter((w) => w.code === 'unknown-header').map((w) => w.cell),
      ['D1'],
    );
    // Each learner's mark there is theirs to know about: named on the row, not only as a header warning.
    assert.deepEqual(
      reading.learners.map((l) => l.problems.map((p) => [p.code, p.cell])),
      [[['unknown-unit', 'D2']], [['unknown-unit', 'D3']], [['unknown-unit', 'D4']]],
    );
    assert.match(
      readingMessage(reading.learners[1].problems[0]),
      /D3 is marked planned under header D1 "Customer care basics", which names no unit/,
    );
  });

  it('names a mark under a mistyped unit reference on the learner, but not a date under a heading that is no unit', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'Z/999/9999', 'Start date'],
      ['1', '600/0001/1', 'A', 'A', '01/09/2012'],
      ['2', '600/0001/1', 'A', null, '01/09/2012'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.problems.map((p) => [p.code, p.cell])),
      [[['unknown-unit', 'D2']], []],
    );
  });

  it("asks for the reference when a title fits two units of the learner's qualification", () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'Using Email'],
      ['1', '600/0001/1', 'A'],
      ['2', '600/0001/1', null],
    ]);
    assert.ok(reading.warnings.some((w) => w.cell === 'C1' && /M\/502\/4300, J\/502\/4299/.test(readingMessage(w))));
    assert.deepEqual(codes(reading.learners[0].problems), ['ambiguous-header']);
    assert.match(
      readingMessage(reading.learners[0].problems[0]),
      /C2 is marked, but its header C1 "Using Email" fits 2 units .*not counted/,
    );
    assert.deepEqual(reading.learners[0].achieved, []);
    assert.deepEqual(reading.learners[1].problems, []);
  });

  it('skips empty learner rows silently', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      [],
      ['1', '600/0001/1', 'A'],
      [null, '  ', null],
      ['2', '600/0001/1', 'P'],
      [],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.row),
      [3, 5],
    );
    assert.equal(reading.lastRow, 5);
    assert.deepEqual(reading.warnings, []);
  });

  it('names a learner without id after the centre ref or candidate number, else after the row with a warning', () => {
    const reading = read([
      ['Learner ID', 'Centre ref', 'Candidate number', 'Name', 'Qualification', 'L/601/0933'],
      ['L1', 'C1', 'N1', 'Ann', '600/0001/1', 'A'],
      [null, 'C2', 'N2', 'Bob', '600/0001/1', 'A'],
      [null, null, 'N3', 'Cy', '600/0001/1', 'A'],
      [null, null, null, 'Dee', '600/0001/1', 'A'],
      [null, null, null, null, '600/0001/1', 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['L1', 'C2', 'N3', 'row 5', 'row 6'],
    );
    assert.deepEqual(
      reading.learners.map((l) => l.cells.learnerId),
      ['A2', 'B3', 'C4', undefined, undefined],
    );
    assert.deepEqual(codes(reading.learners[3].problems), ['missing-learner-id']);
    assert.equal(reading.learners[3].problems[0].cell, 'A5');
    assert.deepEqual(codes(reading.learners[4].problems), ['missing-learner-id']);
  });

  it('leaves out a totals row and says so', () => {
    const reading = read([
      ['Learner ID', 'Name', 'Qualification', 'L/601/0933'],
      ['1', 'Ann', '600/0001/1', 'A'],
      [null, 'Total', null, 1],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['1'],
    );
    assert.ok(reading.warnings.some((w) => w.cell === 'B3' && /totals row/.test(readingMessage(w))));
  });

  it('says once when the sheet has no id column, and warns per row only when a row has no name either', () => {
    const reading = read([
      ['Name', 'Qualification', 'L/601/0933'],
      ['Ann', '600/0001/1', 'A'],
      [null, '600/0001/1', 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['row 2', 'row 3'],
    );
    assert.deepEqual(
      reading.learners.map((l) => codes(l.problems)),
      [[], ['missing-learner-id']],
    );
    assert.equal(reading.warnings.filter((w) => w.code === 'missing-learner-id' && w.cell === 'A1').length, 1);
  });

  it('reads hidden rows and columns and counts them', () => {
    const reading = read(
      [
        ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352'],
        ['1', '600/0001/1', 'A', 'A'],
        ['2', '600/0001/1', 'A', 'P'],
        ['3', '600/0001/1', null, 'A'],
      ],
      { hiddenRows: [3, 9], hiddenColumns: [4, 7] },
    );
    assert.equal(reading.learners.length, 3);
    assert.deepEqual(reading.learners[1].planned, ['D/503/0352']);
    assert.equal(reading.hiddenRows, 1);
    assert.equal(reading.hiddenColumns, 1);
  });

  it('warns about merged header cells with the range and what to do', () => {
    const reading = read(
      [['Title'], ['Learner ID', 'Qualification', 'L/601/0933', null], ['1', '600/0001/1', 'A', 'A']],
      { merged: ['A1:D1', 'C2:D2'] },
    );
    const merged = reading.warnings.filter((w) => w.code === 'merged-header');
    assert.deepEqual(
      merged.map((w) => w.cell),
      ['C2'],
    );
    assert.match(readingMessage(merged[0]), /C2:D2.*[Uu]nmerge/);
  });

  it('reads a heading merged down over a banner row and the header row', () => {
    const reading = read(
      [
        ['Learner ID', 'Qualification', 'Units', null],
        [null, null, 1, 2],
        ['1', '10901', 'A', 'P'],
      ],
      { merged: ['A1:A2', 'B1:B2', 'C1:D1'] },
    );
    assert.equal(reading.headerRow, 2);
    assert.equal(reading.learners[0].learnerId, '1');
    assert.deepEqual(reading.learners[0].achieved, ['L2-U1']);
    assert.deepEqual(codes(reading.warnings), []);
  });

  it('says what a header needs when there is none, and reads no learners', () => {
    const reading = read([['Monthly report'], ['Total', 12], ['Average', 3]]);
    assert.equal(reading.learners.length, 0);
    assert.equal(reading.warnings.length, 1);
    assert.equal(reading.warnings[0].code, 'no-header');
    assert.equal(reading.warnings[0].cell, 'A1');
    assert.match(readingMessage(reading.warnings[0]), /Learner ID.*unit reference/);
  });

  it('says which row looked like a header when its unit columns are all unknown', () => {
    const reading = read([
      ['Learner ID', 'Name', 'Z/999/0000', 'Z/999/0001'],
      ['1', 'Ann', 'A', 'A'],
    ]);
    assert.equal(reading.learners.length, 0);
    assert.deepEqual(
      reading.warnings.map((w) => [w.code, w.cell]),
      [['no-header', 'A1']],
    );
    assert.match(
      readingMessage(reading.warnings[0]),
      /Row 1 names learner columns \(Learner ID, Name\).*C1 "Z\/999\/0000", D1 "Z\/999\/0001" name no known unit/,
    );
  });

  it('does not look for the header below row 20', () => {
    const values: CellValue[][] = Array.from({ length: 20 }, () => ['note']);
    values.push(['Learner ID', 'Qualification', 'L/601/0933'], ['1', '600/0001/1', 'A']);
    assert.equal(read(values).learners.length, 0);
    assert.equal(read(values.slice(1)).learners.length, 1);
  });

  it('skips a repeated header (a second export pasted below), reads the learners under it and leaves its title out', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['1', '600/0001/1', 'A'],
      [],
      ['Cohort B', null, null],
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['2', '600/0001/1', 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['1', '2'],
    );
    const note = reading.warnings.find((w) => w.cell === 'A5');
    assert.match(
      note ? readingMessage(note) : '',
      /Row 5 repeats the header .*skipped, and the learners under it are read/,
    );
    assert.equal(reading.lastRow, 6);
  });

  it('reads two exports pasted one straight under the other, header and all', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352'],
      ['1', '600/0001/1', 'A', null],
      ['2', '600/0001/1', null, 'P'],
      ['learner id', ' Qualification ', 'L/601/0933', 'D/503/0352'],
      ['3', '600/0001/1', 'A', 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => [l.learnerId, l.row]),
      [
        ['1', 2],
        ['2', 3],
        ['3', 5],
      ],
    );
    assert.ok(reading.warnings.some((w) => w.cell === 'A4' && /repeats the header/.test(readingMessage(w))));
  });

  it('stops at a second cohort with other columns below, keeping the learners above it', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933'],
      ['1', '600/0001/1', 'A'],
      ['Learner ID', 'Qualification', 'D/503/0352'],
      ['2', '600/0001/1', 'A'],
    ]);
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['1'],
    );
    assert.ok(
      reading.warnings.some((w) => w.cell === 'A3' && /second cohort with other columns/.test(readingMessage(w))),
    );
  });

  it('stops at a second cohort beside the first, after a blank column', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', null, 'Learner ID', 'Qualification', 'D/503/0352'],
      ['1', '600/0001/1', 'A', null, '2', '600/0001/1', 'A'],
    ]);
    assert.deepEqual(summary(reading.learners), [
      { learnerId: '1', qualification: '600/0001/1', achieved: ['L/601/0933'], planned: [], problems: [] },
    ]);
    assert.equal(reading.lastColumn, 3);
    assert.ok(reading.warnings.some((w) => w.cell === 'E1'));
  });

  it('reads the first of two columns with the same learner heading and says so', () => {
    const reading = read([
      ['Learner ID', 'Learner ref', 'Qualification', 'L/601/0933'],
      ['1', '2', '600/0001/1', 'A'],
    ]);
    assert.equal(reading.learners[0].learnerId, '1');
    assert.ok(reading.warnings.some((w) => w.cell === 'B1' && /only A1 is read/.test(readingMessage(w))));
  });

  it('reads mark style from the sheet', () => {
    const reading = read([
      ['Learner ID', 'Qualification', 'L/601/0933', 'D/503/0352'],
      ['1', '600/0001/1', 'Y', 'IP'],
      ['2', '600/0001/1', 'Y', 'A'],
    ]);
    assert.deepEqual(reading.markStyle, { achieved: 'Y', planned: 'IP', notTaken: '' });
  });
});

describe('reading Excel tables', () => {
  const values: CellValue[][] = [
    ['Spring cohort', null, null, null, null, null, null],
    ['Learner ID', 'Qualification', 'L/601/0933', null, 'Learner ID', 'Qualification', 'Unit 4'],
    ['1', '600/0001/1', 'A', null, '9', '10901', 'A'],
    ['2', '600/0001/1', 'P', null, null, null, null],
  ];
  const tables = [
    { name: 'Second', range: 'E2:G3' },
    { name: 'First', range: 'A2:C4' },
  ];

  it('reads the table a grid is cut to', () => {
    const cut = readCohort(
      grid(
        values.slice(1, 3).map((r) => r.slice(4)),
        { top: 2, left: 5, tables },
      ),
      { catalogue },
    );
    assert.equal(cut.table, 'Second');
    assert.deepEqual(summary(cut.learners), [
      { learnerId: '9', qualification: '10901', achieved: ['L2-U4'], planned: [], problems: [] },
    ]);
  });

  it('reads the first table of a grid that holds several, and names the others', () => {
    const reading = readCohort(grid(values, { tables }), { catalogue });
    assert.equal(reading.table, 'First');
    assert.deepEqual(
      reading.learners.map((l) => l.learnerId),
      ['1', '2'],
    );
    assert.ok(reading.warnings.some((w) => w.cell === 'A2' && /Second \(E2:G3\)/.test(readingMessage(w))));
  });
});
