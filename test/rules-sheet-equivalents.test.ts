// Equivalent units in the rules sheet: their own table after a block's rules, written only for a qualification that
// has them, read back to the same definition (every other shape with them), each problem named on its cell with what
// to do, listed by rules diff, and a centre's sheet judging learners as the same definition in JSON does.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { runCheck } from '../src/cli/check';
import { addRulesSheet } from '../src/cli/rules-workbook';
import { DEFAULT_NOTES, readRulesSheet, rulesSheetGrid } from '../src/rules-sheet/write';
import type { LearnerJson } from '../src/cohort/verdict/results';
import type { CellValue, Grid } from '../src/sheet/types';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { parseQualificationDefinitions, readQualificationDefinitions } from '../src/rules/definition/definition';
import { diffDefinitions } from '../src/rules/definition/diff';
import { definitionsJson } from '../src/rules/definition/file';
import type { QualificationDefinition } from '../src/rules/model';
import { DEFINITION } from './fixtures/sum-definition';
import { arbitraryQualification, arbitrarySumQualification } from './planner-fixtures';
import { tempFolder } from './support/temp-folder';

const [centre] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;

function sheetOf(definitions: readonly QualificationDefinition[]): Grid {
  const layout = rulesSheetGrid(definitions);
  return { sheetName: 'Qualification rules', values: layout.values.map((row) => [...row]), top: 1, left: 1 };
}

/** The grid row (from 0) whose first cell says `first`, after row `after`. */
function rowOf(grid: Grid, first: string, after = -1): number {
  const r = grid.values.findIndex((row, i) => i > after && row[0] === first);
  assert.ok(r >= 0, first);
  return r;
}

const letter = (c: number) => String.fromCharCode(65 + c);

/** The definition as the sheet gives it back: no origin, and the units' sources (the sheet's provenance) aside. */
const withoutOrigin = (q: QualificationDefinition) => {
  const { origin: _origin, units, ...rest } = q;
  return { ...rest, units: units.map(({ source: _s, supplied: _p, ...u }) => u) };
};

/** The definition written to the sheet and read back, with the sheet's problems. */
function roundTrip(q: QualificationDefinition): { back?: QualificationDefinition; errors: unknown[] } {
  const reading = readRulesSheet(sheetOf([q]), { base: [] });
  return { back: reading.definitions[0], errors: reading.errors };
}

/** A definition as a centre's JSON file gives it (validated), or undefined when the generator made one it refuses. */
function asCentreFile(q: QualificationDefinition): QualificationDefinition | undefined {
  const { definitions } = readQualificationDefinitions(JSON.parse(definitionsJson([q])), 'centre.json');
  return definitions[0];
}

/** Each error whose message matches, as `cell: message`. */
function errorsLike(errors: readonly { cell: string; message: string }[], pattern: RegExp): string[] {
  return errors.filter((e) => pattern.test(e.message)).map((e) => `${e.cell}: ${e.message}`);
}

describe('equivalent units in the rules sheet', () => {
  it('have a table after the rules, only in the block of a qualification that has them', () => {
    const grid = sheetOf([EMBEDDED_QUALIFICATIONS[0], centre]);
    const headers = grid.values.filter((row) => row[0] === 'Equivalent unit');
    assert.equal(headers.length, 1);
    assert.deepEqual(headers[0].slice(0, 3), ['Equivalent unit', 'Title', 'Counts as']);
    const header = rowOf(grid, 'Equivalent unit');
    assert.ok(header > rowOf(grid, 'one-D'), 'after the last rule');
    assert.deepEqual(grid.values[header + 1].slice(0, 3), ['Y/600/1234', 'Unit one elsewhere', 'K/503/0421']);
    // The block's range takes in the table, so a centre copying the block copies it too.
    const layout = rulesSheetGrid([EMBEDDED_QUALIFICATIONS[0], centre]);
    assert.match(layout.blocks[1].range, new RegExp(`:[A-Z]+${header + 2}$`));
    assert.ok(layout.headings.includes(`A${header + 1}:C${header + 1}`), 'its header is shown as one');
  });

  it('leave a sheet of qualifications without them as it was: no table, no note about them', () => {
    const layout = rulesSheetGrid(EMBEDDED_QUALIFICATIONS);
    assert.ok(!layout.values.some((row) => row.includes('Equivalent unit') || row.includes('Counts as')));
    const notes = layout.values.slice(1, 1 + DEFAULT_NOTES.length).map((row) => row[0]);
    assert.deepEqual(notes, [...DEFAULT_NOTES]);
    assert.equal(layout.values[1 + DEFAULT_NOTES.length][0], null, 'a blank row after the notes');
    const reading = readRulesSheet({ values: layout.values, top: 1, left: 1 });
    assert.deepEqual(reading.errors, []);
    for (const q of reading.definitions) assert.ok(!('equivalents' in q), `${q.id} has no equivalents`);
  });

  it('read back the definition they were written from', () => {
    const { back, errors } = roundTrip(centre);
    assert.deepEqual(errors, []);
    assert.ok(back);
    assert.deepEqual(back.equivalents, centre.equivalents);
    assert.deepEqual(withoutOrigin(back), withoutOrigin(centre));
  });

  it('round-trip JSON → sheet → JSON with every other shape of rule beside them', () => {
    const withEquivalents = (q: QualificationDefinition): QualificationDefinition => ({
      ...q,
      equivalents: [
        ...(q.equivalents ?? []),
        { ref: 'Z/700/0002', title: 'Another elsewhere', countsAs: q.units[q.units.length - 1].ref },
      ],
    });
    let checked = 0;
    fc.assert(
      fc.property(
        fc.oneof(arbitrarySumQualification(8), arbitraryQualification(8)).map(withEquivalents),
        (generated) => {
          const q = asCentreFile(generated);
          fc.pre(q !== undefined);
          // Without a maximum, Over the maximum says nothing: the sheet writes it only beside a Maximum.
          const same = (d: QualificationDefinition) =>
            withoutOrigin({
              ...d,
              rules: d.rules.map((r) =>
                r.kind === 'sum' && r.max === undefined ? { ...r, overMax: 'not-counted' as const } : r,
              ),
            });
          const { back, errors } = roundTrip(q);
          assert.deepEqual(errors, []);
          assert.ok(back);
          assert.deepEqual(same(back), same(q));
          // And the sheet's definition, as a rules file, reads back the same once more.
          const again = parseQualificationDefinitions(JSON.parse(definitionsJson([back])), 'again.json');
          assert.deepEqual(again.errors, []);
          assert.deepEqual(same(again.definitions[0]), same(q));
          checked++;
        },
      ),
      { numRuns: 200 },
    );
    assert.ok(checked >= 50, `${checked} generated definitions were valid enough to round-trip`);
  });

  it('name the cell of each problem, and say what to do', () => {
    const grid = sheetOf([centre]);
    const header = rowOf(grid, 'Equivalent unit');
    const rows = [0, 1, 2, 3].map((i) => header + 1 + i);
    const set = (row: number, cells: CellValue[]) => {
      grid.values[row] = [...cells, ...new Array<CellValue>(grid.values[header].length - cells.length).fill(null)];
    };
    set(rows[0], ['Y/600/1234', 'Unit one elsewhere', 'X/999/9999']); // counts as a unit the qualification lacks
    set(rows[1], ['L/503/0394', 'Unit two', 'K/503/0421']); // one of its own units
    set(rows[2], ['y 600 1234', 'The same unit again', 'K/503/0421']); // listed twice, spelt otherwise
    set(rows[3], ['Y/600/123', 'A digit short', 'K/503/0421']); // not a QCF reference
    const { errors, definitions } = readRulesSheet(grid, { base: [] });
    assert.deepEqual(definitions, [], 'a block with a problem is not used');
    const at = (row: number, column: number) => `${letter(column)}${row + 1}`;
    assert.deepEqual(errorsLike(errors, /[Ee]quivalent unit|Counts as/), [
      `${at(rows[0], 2)}: The Counts as of equivalent unit Y/600/1234 names "X/999/9999", a unit the qualification does not have: write the ref of one of its units, or add the unit to the unit table.`,
      `${at(rows[1], 0)}: Equivalent unit L/503/0394 already names unit L/503/0394 of this qualification: an equivalent is a unit of another qualification that counts as one of this one's; remove it, or correct its ref.`,
      `${at(rows[2], 0)}: Equivalent unit Y/600/1234 is listed twice (rows ${rows[0] + 1} and ${rows[2] + 1}): keep one, since a unit can count as only one unit of this qualification.`,
      `${at(rows[3], 0)}: Equivalent unit "Y/600/123" is not a QCF unit reference (a letter, three digits and four digits, for example Y/600/1234): write the ref as the other qualification's specification gives it.`,
    ]);
    // An empty cell is named as the sheet is read, before the definition is checked as a whole (as in every table).
    const empty = sheetOf([centre]);
    empty.values[header + 1] = ['Z/600/0001', null, null, ...empty.values[header + 1].slice(3).map(() => null)];
    assert.deepEqual(errorsLike(readRulesSheet(empty, { base: [] }).errors, /[Ee]quivalent unit/), [
      `B${header + 2}: Equivalent unit Z/600/0001 has no Title: write the title of the unit of the other qualification.`,
      `C${header + 2}: Equivalent unit Z/600/0001 has no Counts as: write the Unit ref of this qualification's unit it counts as, from the unit table.`,
    ]);
  });

  it('name a ref with its title run on, an alias of a unit, and a table missing a column', () => {
    const q = { ...centre, units: centre.units.map((u, i) => (i === 1 ? { ...u, aliases: ['Unit two old'] } : u)) };
    const grid = sheetOf([q]);
    const header = rowOf(grid, 'Equivalent unit');
    grid.values[header + 1][0] = 'Y/600/1234 Deal with customers';
    grid.values.splice(header + 2, 0, ['Unit two old', 'Old name', 'K/503/0421']);
    const { errors } = readRulesSheet(grid, { base: [] });
    assert.deepEqual(errorsLike(errors, /^Equivalent unit/), [
      `A${header + 2}: Equivalent unit "Y/600/1234 Deal with customers" holds more than a unit reference: write the ref alone (for example Y/600/1234), and the title as its title.`,
      `A${header + 3}: Equivalent unit Unit two old already names unit L/503/0394 of this qualification (other header of that unit): an equivalent is a unit of another qualification that counts as one of this one's; remove it, or correct its ref.`,
    ]);

    const without = sheetOf([centre]);
    without.values[rowOf(without, 'Equivalent unit')][2] = null;
    const missing = readRulesSheet(without, { base: [] }).errors;
    assert.deepEqual(errorsLike(missing, /Counts as/), [
      `A${rowOf(without, 'Equivalent unit') + 1}: The equivalent unit table of qualification 999/0001/1 has no Counts as column: add a header cell "Counts as" to this row, with the values under it.`,
    ]);
  });

  it('in a rules file, name the field of each problem in JSON terms', () => {
    const json = {
      ...DEFINITION,
      equivalents: [
        { ref: 'Y/600/1234', title: 'Unit one elsewhere', countsAs: 'X/999/9999' },
        { ref: 'K/503/0421', title: 'Its own', countsAs: 'L/503/0394' },
        { ref: 'Y6001234', title: 'Again', countsAs: 'K/503/0421' },
      ],
    };
    const { errors } = parseQualificationDefinitions(json, 'centre.json');
    assert.deepEqual(
      errors.map((e) => `${e.path}: ${e.message.split(':')[0]}`),
      [
        'equivalents[0].countsAs: The countsAs of equivalent unit Y/600/1234 names "X/999/9999", a unit the qualification does not have',
        'equivalents[1].ref: Equivalent unit K/503/0421 already names unit K/503/0421 of this qualification',
        'equivalents[2].ref: Equivalent unit Y/600/1234 is listed twice (positions 1 and 3)',
      ],
    );
  });

  it('are listed by rules diff: added, removed, and counting as another unit', () => {
    const base = {
      ...centre,
      equivalents: [...(centre.equivalents ?? []), { ref: 'Z/600/0009', title: 'Gone', countsAs: 'L/503/0394' }],
    };
    const edited = {
      ...centre,
      equivalents: [
        { ref: 'y/600/1234', title: 'Unit one elsewhere', countsAs: 'L/503/0394' },
        { ref: 'Z/600/0010', title: 'New one', countsAs: 'K/503/0385' },
      ],
    };
    assert.deepEqual(diffDefinitions([base], [edited]), [
      '999/0001/1 equivalent unit y/600/1234: counts as was K/503/0421, now L/503/0394',
      '999/0001/1: new equivalent unit Z/600/0010 "New one", counts as K/503/0385',
      '999/0001/1: equivalent unit Z/600/0009 "Gone" removed (it counted as L/503/0394)',
    ]);
    assert.deepEqual(diffDefinitions([centre], [centre]), []);
  });
});

describe('command line: a rules sheet with equivalent units checks learners as the JSON definition does', function () {
  this.timeout(60_000);
  const HEADERS = ['Learner', 'Qualification', 'Y/600/1234', 'L/503/0394', 'K/503/0385', 'T/503/0001', 'T/503/0002'];
  const LEARNERS: (string | null)[][] = [
    ['L1', '999/0001/1', 'A', 'A', 'A', 'A', null],
    ['L2', '999/0001/1', 'A', 'A', null, 'A', 'A'],
    ['L3', '999/0001/1', null, 'A', 'A', 'A', null],
    ['L4', '999/0001/1', 'A', null, 'A', null, 'P'],
  ];
  const tmp = tempFolder('equivalents');

  async function cohortWorkbook(file: string, rulesSheet: boolean): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cohort');
    sheet.addRow(HEADERS);
    for (const row of LEARNERS) sheet.addRow(row);
    if (rulesSheet) addRulesSheet(workbook, rulesSheetGrid([centre]));
    await workbook.xlsx.writeFile(file);
  }

  /** What a learner's result says, without where the rules came from. */
  const verdict = (l: LearnerJson) => ({
    learnerId: l.learnerId,
    status: l.status,
    credits: l.credits,
    // The words differ only in where a centre's values came from: "from your rules sheet", "from your rules file".
    violations: l.violations.map((v) => ({
      code: v.code,
      ruleId: v.ruleId,
      message: v.message.replace(/ from your rules (sheet|file [^)]*)\)/, ')'),
    })),
    notCounted: l.notCounted,
    leftOut: l.leftOut,
    equivalents: l.equivalents,
    equivalentsText: l.equivalentsText,
    plans: l.plans,
  });

  it('gives every learner the same status, violations, counted units and equivalents', async () => {
    const rules = path.join(tmp(), 'centre.json');
    await fs.writeFile(rules, JSON.stringify(DEFINITION));
    const plain = path.join(tmp(), 'cohort.xlsx');
    const withSheet = path.join(tmp(), 'cohort-with-rules.xlsx');
    await cohortWorkbook(plain, false);
    await cohortWorkbook(withSheet, true);
    const fromFile = (await runCheck(plain, { rules: [rules], json: true })).json.learners;
    const fromSheet = (await runCheck(withSheet, { json: true })).json.learners;
    assert.equal(fromSheet.length, LEARNERS.length);
    assert.deepEqual(fromSheet.map(verdict), fromFile.map(verdict));
    // The sheet's equivalent did count: L1 holds the mandatory unit only through it.
    assert.equal(fromSheet[0].status, 'achieved');
    assert.equal(fromSheet[0].equivalentsText, 'Y/600/1234 counted as K/503/0421');
  });
});
