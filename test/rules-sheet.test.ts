import assert from 'node:assert/strict';
import { readRulesSheet, rulesSheetGrid, type RulesSheetProblem } from '../src/rules-sheet/write';
import { applyRulesSheet } from '../src/rules-sheet/apply';
import { cellAddress, parseCellAddress, parseRange } from '../src/sheet/address';
import type { CellValue, Grid } from '../src/sheet/types';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { checkUnits } from '../src/rules/engine/evaluate';
import { diffDefinitions } from '../src/rules/definition/diff';
import { definitionsJson, readDefinitionsJson } from '../src/rules/definition/file';
import { centreFacts, evaluationProvenance, plainSource } from '../src/rules/engine/provenance';
import type { QualificationDefinition } from '../src/rules/model/model';

const [IQ, OCR2] = EMBEDDED_QUALIFICATIONS;

/** A rules sheet as the host would read it back: a fresh grid of the written values. */
function sheetOf(definitions: readonly QualificationDefinition[]): Grid {
  const layout = rulesSheetGrid(definitions);
  return { sheetName: 'Qualification rules', values: layout.values.map((row) => [...row]), top: 1, left: 1 };
}

function text(value: CellValue | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The grid row of a block's "Qualification" label. */
function blockRow(grid: Grid, id: string): number {
  const r = grid.values.findIndex((row) => text(row[0]) === 'Qualification' && text(row[1]) === id);
  assert.ok(r >= 0, `block ${id}`);
  return r;
}

/** The grid row of a table's header in a block, by its first header. */
function headerRow(grid: Grid, id: string, first: string): number {
  const r = grid.values.findIndex((row, i) => i > blockRow(grid, id) && text(row[0]) === first);
  assert.ok(r >= 0, `${first} of ${id}`);
  return r;
}

/** The cell, as [row, column] of the grid, of a table row's column: the row whose first cell is `key`. */
function tableCell(grid: Grid, id: string, first: string, key: string, column: string): [number, number] {
  const h = headerRow(grid, id, first);
  const c = grid.values[h].findIndex((v) => text(v) === column);
  assert.ok(c >= 0, `column ${column}`);
  const r = grid.values.findIndex((row, i) => i > h && text(row[0]) === key);
  assert.ok(r >= 0, `row ${key}`);
  return [r, c];
}

function factCell(grid: Grid, id: string, label: string): [number, number] {
  const r = grid.values.findIndex((row, i) => i > blockRow(grid, id) && text(row[0]) === label);
  assert.ok(r >= 0, `fact ${label}`);
  return [r, 1];
}

const a1 = (grid: Grid, [r, c]: [number, number]) => cellAddress(grid.top + r, grid.left + c);

function set(grid: Grid, [r, c]: [number, number], value: CellValue): void {
  grid.values[r][c] = value;
}

function setUnit(grid: Grid, id: string, ref: string, column: string, value: CellValue): string {
  const at = tableCell(grid, id, 'Unit ref', ref, column);
  set(grid, at, value);
  return a1(grid, at);
}

function setRule(grid: Grid, id: string, rule: string, column: string, value: CellValue): string {
  const at = tableCell(grid, id, 'Rule id', rule, column);
  set(grid, at, value);
  return a1(grid, at);
}

/** The one error at `cell`, which must say `pattern`; the block with it is not used. */
function errorAt(grid: Grid, cell: string, pattern: RegExp): RulesSheetProblem {
  const reading = readRulesSheet(grid);
  const error = reading.errors.find((e) => e.cell === cell);
  assert.ok(error, `an error at ${cell}; got ${JSON.stringify(reading.errors, null, 1)}`);
  assert.match(error.message, pattern);
  return error;
}

/** Example OCR 10266 values a centre copies from the handbook (Group A adds up to the stated 7). */
const OCR_VALUES: Record<number, [number, number]> = {
  1: [3, 2],
  2: [2, 1],
  3: [2, 2],
  4: [3, 2],
  5: [3, 2],
  6: [2, 2],
  7: [2, 2],
  8: [3, 2],
  9: [2, 2],
  10: [3, 2],
  11: [2, 2],
};

function fillOcr(grid: Grid): void {
  for (const unit of OCR2.units) {
    const [credits, level] = OCR_VALUES[unit.number ?? 0];
    setUnit(grid, '10266', unit.ref, 'Credits', credits);
    setUnit(grid, '10266', unit.ref, 'Level', level);
  }
}

describe('rules sheet: writing and reading back', () => {
  it('reads back every embedded qualification exactly as it was written', () => {
    const reading = readRulesSheet(sheetOf(EMBEDDED_QUALIFICATIONS));
    assert.deepEqual(reading.errors, []);
    assert.equal(reading.definitions.length, EMBEDDED_QUALIFICATIONS.length);
    reading.definitions.forEach((q, i) => {
      assert.equal(q.origin, 'rules sheet "Qualification rules"');
      assert.deepEqual({ ...q, origin: 'embedded' }, EMBEDDED_QUALIFICATIONS[i]);
    });
  });

  it("reads back a qualification of a centre's own with Entry levels, codes, other headers and no unit numbers", () => {
    const own: QualificationDefinition = {
      id: 'EX/0001/1',
      title: 'Example Entry Award',
      awardingBody: 'Example Awards',
      level: 0,
      codes: ['EX1', 'EX 0001'],
      operational: { from: '2024-01-01' },
      minAge: 14,
      glh: { min: 10, max: 20 },
      origin: 'x',
      groups: [
        { id: 'M', title: 'Mandatory', totalCredits: 5 },
        { id: 'O', title: 'Optional' },
      ],
      units: [
        { ref: 'A/000/0001', title: 'First', credits: 2, glh: 5, level: 0, group: 'M' },
        {
          ref: 'EX-2',
          title: 'Second, with a comma',
          credits: 3,
          glh: null,
          level: 1,
          group: 'M',
          aliases: ['Second unit', 'U2, the second'],
          source: 'our handbook',
        },
        { ref: 'EX-3', title: 'Third', credits: null, glh: null, level: null, group: 'O', number: 3 },
        { ref: 'EX-4', title: 'Fourth', credits: 1, glh: null, level: 1, group: 'O', number: 4 },
      ],
      rules: [
        { id: 'all', kind: 'totalCredits', min: 6, text: 'at least 6 credits' },
        {
          id: 'entry',
          kind: 'levelCredits',
          level: 0,
          orAbove: true,
          min: 2,
          text: '2 at Entry or above',
          note: 'read as or above',
        },
        { id: 'm', kind: 'mandatory', group: 'M', text: 'both mandatory units' },
        { id: 'o', kind: 'groupCredits', groups: ['M', 'O'], min: 6, text: 'six from M and O' },
        { id: 'bar', kind: 'barred', units: ['EX-3', 'EX-4'], text: 'not both 3 and 4' },
      ],
    };
    const reading = readRulesSheet(sheetOf([own]), { base: [] });
    assert.deepEqual(reading.errors, []);
    // With no catalogue to compare with, every value known is the centre's: the source says so and nothing else changes.
    const [read] = reading.definitions;
    assert.deepEqual(
      read.units.map((u) => plainSource(u)),
      own.units.map((u) => u.source),
    );
    assert.deepEqual(
      // Provenance (the source text's part and the `supplied` field) is the reader's record of where values came from.
      {
        ...read,
        origin: 'x',
        units: read.units.map(({ supplied, ...u }) => ({ ...u, source: plainSource({ source: u.source, supplied }) })),
      },
      { ...own, units: own.units.map((u) => ({ ...u, source: u.source })) },
    );
  });

  it("reads a Source cell's earlier record of the centre's values as that, and writes the record afresh", () => {
    // Written from a sheet read before: unit 1's source names its credits; the centre then changes its level too.
    const grid = sheetOf([OCR2]);
    setUnit(grid, '10266', 'T/503/0356', 'Credits', 3);
    const written = sheetOf(readRulesSheet(grid).definitions);
    setUnit(written, '10266', 'T/503/0356', 'Level', 2);
    const [q] = readRulesSheet(written).definitions;
    const unit = q.units.find((u) => u.ref === 'T/503/0356');
    assert.equal(unit?.source, `${OCR2.units[0].source}; credits and level: your rules sheet`);
    assert.deepEqual(unit?.supplied, { credits: { from: 'rules sheet' }, level: { from: 'rules sheet' } });
  });

  it('reads a sheet whose used range starts away from A1, naming the cells where they are on the sheet', () => {
    const grid = sheetOf([OCR2]);
    const moved: Grid = { ...grid, top: 3, left: 2 };
    const clean = readRulesSheet(moved);
    assert.deepEqual(clean.errors, []);
    assert.deepEqual({ ...clean.definitions[0], origin: 'embedded' }, OCR2);
    const at = tableCell(moved, '10266', 'Unit ref', '10266-U4', 'Credits');
    set(moved, at, -1);
    const cell = cellAddress(3 + at[0], 2 + at[1]);
    errorAt(
      moved,
      cell,
      /The credits of unit 10266-U4 must not be negative \(it says -1\): write 0 or more, or leave the cell empty when not known/,
    );
  });

  it('reads dates, numbers and levels the way Excel hands them back: date serials, numbers as text, "Level 2", "Entry"', () => {
    const grid = sheetOf([IQ]);
    set(grid, factCell(grid, '600/5106/1', 'Operational from'), 41053); // 24/05/2012 as Office.js gives a date cell
    set(grid, factCell(grid, '600/5106/1', 'Operational to'), '31/12/2013');
    set(grid, factCell(grid, '600/5106/1', 'Minimum age'), '18');
    setUnit(grid, '600/5106/1', 'D/503/0352', 'Level', 'Level 1');
    setUnit(grid, '600/5106/1', 'D/503/0352', 'Credits', ' 2 ');
    const reading = readRulesSheet(grid);
    assert.deepEqual(reading.errors, []);
    assert.deepEqual({ ...reading.definitions[0], origin: 'embedded' }, IQ);
  });

  it('lists the empty unknown credit, GLH and level cells for the host to highlight, and where each block and table is', () => {
    const layout = rulesSheetGrid([OCR2]);
    const grid: Grid = { values: layout.values, top: 1, left: 1 };
    // Every OCR unit lacks all three values: 11 units x 3 cells, each one empty.
    assert.equal(layout.unknownCells.length, 33);
    for (const cell of layout.unknownCells) {
      const at = parseCellAddress(cell);
      assert.ok(at);
      assert.equal(grid.values[at.row - 1][at.column - 1], null);
    }
    const [block] = layout.blocks;
    assert.equal(block.qualificationId, '10266');
    assert.equal(layout.values[(parseRange(block.units.header)?.top ?? 0) - 1][0], 'Unit ref');
    assert.equal(layout.values[(parseRange(block.rules.header)?.top ?? 0) - 1][0], 'Rule id');
    assert.ok(layout.values.every((row) => row.length === layout.width));
    assert.equal(layout.columnWidths.length, layout.width);
  });
});

describe("rules sheet: a centre's values", () => {
  const learner = { achieved: ['T/503/0356', '10266-U2', 'L/601/7638', '10266-U4', '10266-U10'], planned: [] };

  it('turn an OCR 10266 learner from needs-data into a decided status once credits and levels are filled in', () => {
    assert.equal(checkUnits(OCR2, learner).status, 'needs-data');
    const grid = sheetOf([OCR2]);
    fillOcr(grid);
    const { definitions, errors } = readRulesSheet(grid);
    assert.deepEqual(errors, []);
    const filled = definitions[0];
    assert.equal(checkUnits(filled, learner).status, 'achieved');
    assert.equal(
      checkUnits(filled, { achieved: ['T/503/0356', '10266-U2', 'L/601/7638', '10266-U6'], planned: [] }).status,
      'incomplete',
    );
    assert.equal(
      checkUnits(filled, { achieved: ['T/503/0356', '10266-U2', 'L/601/7638'], planned: ['10266-U4', '10266-U10'] })
        .status,
      'on-track',
    );
  });

  it("are marked in the unit's source beside the catalogue's own, which stays where nothing changed", () => {
    const grid = sheetOf([OCR2]);
    setUnit(grid, '10266', 'T/503/0356', 'Credits', 3);
    setUnit(grid, '10266', 'T/503/0356', 'Level', 2);
    const [q] = readRulesSheet(grid).definitions;
    const changed = q.units.find((u) => u.ref === 'T/503/0356');
    const same = q.units.find((u) => u.ref === '10266-U2');
    assert.equal(changed?.source, `${OCR2.units[0].source}; credits and level: your rules sheet`);
    assert.deepEqual([...centreFacts(changed ?? OCR2.units[0]).keys()], ['credits', 'level']);
    assert.equal(same?.source, OCR2.units[1].source);
    assert.equal(centreFacts(same ?? OCR2.units[1]).size, 0);
  });

  it('are named in the messages of the rules they decide', () => {
    const grid = sheetOf([IQ]);
    setUnit(grid, '600/5106/1', 'H/503/0403', 'Level', 2);
    const [q] = readRulesSheet(grid).definitions;
    const result = checkUnits(q, { achieved: ['D/503/0352', 'T/503/0342', 'H/503/0403', 'L/503/0394'], planned: [] });
    const level = result.withPlanned.rules.find((r) => r.ruleId === 'level-2');
    assert.match(level?.message ?? '', /\(level of H\/503\/0403 from your rules sheet\)$/);
    const total = result.withPlanned.rules.find((r) => r.ruleId === 'total');
    assert.doesNotMatch(total?.message ?? '', /your rules sheet/, 'the total rule uses no value the centre changed');
    const violation = result.violations.find((v) => v.ruleId === 'level-2');
    assert.match(violation?.message ?? '', /level of H\/503\/0403 from your rules sheet/);
  });

  it('are named for the learner whose status rests on them, an achieved one (no rule message shown) too', () => {
    const grid = sheetOf([OCR2]);
    fillOcr(grid);
    const [q] = readRulesSheet(grid).definitions;
    const result = checkUnits(q, learner);
    assert.equal(result.status, 'achieved');
    assert.equal(
      evaluationProvenance(q, result.achieved),
      'credits of 5 units, and level of 5 units from your rules sheet',
    );
    const iq = sheetOf([IQ]);
    setUnit(iq, '600/5106/1', 'H/503/0403', 'Level', 2);
    const [edited] = readRulesSheet(iq).definitions;
    const units = ['D/503/0352', 'T/503/0342', 'H/503/0403', 'L/503/0394'];
    assert.equal(
      evaluationProvenance(edited, checkUnits(edited, { achieved: units, planned: [] }).withPlanned),
      'level of H/503/0403 from your rules sheet',
    );
    assert.equal(
      evaluationProvenance(IQ, checkUnits(IQ, { achieved: units, planned: [] }).withPlanned),
      '',
      'the catalogue alone',
    );
  });

  it('are listed for a reviewer, one line per change, against the embedded catalogue', () => {
    const grid = sheetOf([OCR2]);
    setUnit(grid, '10266', 'T/503/0356', 'Credits', 3);
    setUnit(grid, '10266', 'T/503/0356', 'Level', 2);
    setRule(grid, '10266', 'level-2', 'At or above', 'yes');
    setRule(grid, '10266', 'total', 'Minimum', 14);
    const [q] = readRulesSheet(grid).definitions;
    assert.deepEqual(diffDefinitions(EMBEDDED_QUALIFICATIONS, [q]), [
      '10266 unit T/503/0356 (Unit 1): credits was unknown, now 3',
      '10266 unit T/503/0356 (Unit 1): level was unknown, now 2',
      '10266 rule total: was "at least 13 credits in all", now "at least 14 credits in all"',
      '10266 rule level-2: was "at least 10 credits at exactly level 2", now "at least 10 credits at or above level 2"',
    ]);
    assert.deepEqual(diffDefinitions(EMBEDDED_QUALIFICATIONS, EMBEDDED_QUALIFICATIONS), []);
  });

  it('that add and remove units, groups and whole qualifications each show up in the diff', () => {
    const edited: QualificationDefinition = {
      ...OCR2,
      groups: [...OCR2.groups, { id: 'C', title: 'Centre units' }],
      units: [
        ...OCR2.units.filter((u) => u.ref !== '10266-U11'),
        { ref: 'X/100/0001', title: 'Our unit', credits: 2, glh: 10, level: 2, group: 'C' },
      ],
    };
    const own: QualificationDefinition = { ...OCR2, id: 'OWN/1', title: 'Our own' };
    assert.deepEqual(diffDefinitions(EMBEDDED_QUALIFICATIONS, [edited, own]), [
      '10266: new group C "Centre units"',
      '10266: new unit X/100/0001 "Our unit" in group C, 2 credits, level 2, GLH 10',
      '10266: unit 10266-U11 (Unit 11) "Principles of legal, regulatory and ethical requirements of a contact centre" removed',
      'OWN/1: new qualification "Our own" (11 units, 7 rules), not in the built-in catalogue',
    ]);
  });

  it('that replace a built-in qualification under another spelling of its id say so in the diff', () => {
    const respelt: QualificationDefinition = { ...IQ, id: '600-5106-1', title: 'Our reading of it' };
    assert.deepEqual(diffDefinitions(EMBEDDED_QUALIFICATIONS, [respelt]), [
      '600-5106-1: replaces the built-in 600/5106/1 (the same id written another way)',
      `600-5106-1: title was "${IQ.title}", now "Our reading of it"`,
    ]);
    assert.equal(embeddedCatalogue().withDefinitions([respelt]).find('600/5106/1')?.title, 'Our reading of it');
  });

  it('go over the catalogue a check uses, with the changes listed, when the sheet is applied', () => {
    const grid = sheetOf([OCR2]);
    fillOcr(grid);
    const use = applyRulesSheet(embeddedCatalogue(), grid);
    assert.deepEqual(use.errors, []);
    assert.equal(use.changes.length, 22);
    assert.equal(use.catalogue.find('10266')?.units[0].credits, 3);
    assert.equal(use.catalogue.find('600/5106/1'), IQ, 'a qualification the sheet does not hold stays as it was');
  });

  it('travel through a JSON rules file, whose own values are marked as coming from that file', () => {
    const grid = sheetOf([OCR2]);
    fillOcr(grid);
    const text = definitionsJson(readRulesSheet(grid).definitions);
    assert.doesNotMatch(text, /"origin"/);
    const { definitions, errors } = readDefinitionsJson(text, '/tmp/centre.json', EMBEDDED_QUALIFICATIONS);
    assert.deepEqual(errors, []);
    assert.equal(
      definitions[0].units[0].source,
      `${OCR2.units[0].source}; credits and level: your rules file centre.json`,
    );
    const broken = readDefinitionsJson('{ "id": ', 'x.json', []);
    assert.match(broken.errors[0].message, /not valid JSON/);
  });
});

describe('rules sheet errors name the cell and say what to do', () => {
  it('a rule naming a group that does not exist', () => {
    const grid = sheetOf([IQ]);
    const cell = setRule(grid, '600/5106/1', 'groups-B-C', 'Groups or units', 'B, D');
    const error = errorAt(
      grid,
      cell,
      /Groups or units of rule groups-B-C names "D", a group the qualification does not have: use one of A, B, C, or add group "D" to the group table/,
    );
    assert.equal(readRulesSheet(grid).definitions.length, 0, 'a block with an error is not used');
    assert.doesNotMatch(error.message, /\[\d\]/);
  });

  it('a barred set naming a unit not in the qualification', () => {
    const grid = sheetOf([OCR2]);
    const cell = setRule(grid, '10266', 'barred-4-5', 'Groups or units', '10266-U4, 10266-U55');
    errorAt(
      grid,
      cell,
      /names "10266-U55", a unit the qualification does not have: write the ref of one of its units, or add the unit to the unit table/,
    );
  });

  it('a negative credit', () => {
    const grid = sheetOf([OCR2]);
    const cell = setUnit(grid, '10266', '10266-U6', 'Credits', -2);
    errorAt(grid, cell, /The credits of unit 10266-U6 must not be negative \(it says -2\)/);
  });

  it('a level outside Entry to 8, on a unit or a rule, and a word that is no level', () => {
    const grid = sheetOf([OCR2]);
    const unitCell = setUnit(grid, '10266', '10266-U6', 'Level', 9);
    const ruleCell = setRule(grid, '10266', 'level-2', 'Level', 'Level 12');
    const wordCell = setUnit(grid, '10266', '10266-U7', 'Level', 'Advanced');
    errorAt(
      grid,
      unitCell,
      /The level of unit 10266-U6 must be a level from 1 to 8, or 0 or "Entry" for Entry level; it says 9/,
    );
    errorAt(grid, ruleCell, /must be a level from 1 to 8.*it says 12/);
    errorAt(grid, wordCell, /must be a number from 1 to 8, or "Entry" for Entry level; it says "Advanced"/);
  });

  it("a mandatory group whose units' credits exceed the total the specification states for it", () => {
    const grid = sheetOf([OCR2]);
    for (const ref of ['T/503/0356', '10266-U2', 'L/601/7638']) setUnit(grid, '10266', ref, 'Credits', 3);
    const total = a1(grid, tableCell(grid, '10266', 'Group id', 'A', 'Total credits'));
    errorAt(
      grid,
      total,
      /Group A states 7 credits in all, but its units' credits add up to 9: correct its Total credits or the units' credits/,
    );
  });

  it("a mandatory group whose units' credits exceed the qualification's total", () => {
    const grid = sheetOf([IQ]);
    setUnit(grid, '600/5106/1', 'D/503/0352', 'Credits', 30);
    const mandatory = a1(grid, tableCell(grid, '600/5106/1', 'Rule id', 'mandatory-A', 'Groups or units'));
    errorAt(
      grid,
      mandatory,
      /Rule mandatory-A makes every unit of group A mandatory, and those units give 34 credits, more than the 28 credits in all that rule total asks for: .*Correct the credits of group A's units, or raise the Minimum of rule total\./,
    );
  });

  it('a rule with a Minimum of zero or below', () => {
    const grid = sheetOf([IQ]);
    const zero = setRule(grid, '600/5106/1', 'total', 'Minimum', 0);
    const negative = setRule(grid, '600/5106/1', 'group-B', 'Minimum', -4);
    errorAt(
      grid,
      zero,
      /^The Minimum of rule total must be 1 or more \(it says 0\): a rule asking for 0 credits or fewer is met by every learner\. Write the credits the specification asks for, or delete the rule\.$/,
    );
    errorAt(grid, negative, /^The Minimum of rule group-B must be 1 or more \(it says -4\)/);
  });

  it("a level that is not a whole number, in the sheet's words", () => {
    const grid = sheetOf([OCR2]);
    const cell = setUnit(grid, '10266', '10266-U6', 'Level', 2.5);
    errorAt(
      grid,
      cell,
      /^The level of unit 10266-U6 must be a level: 1 to 8, or "Entry", or leave the cell empty when not known; it says 2\.5\.$/,
    );
  });

  it('Entry 1 to 3 of a unit read as Entry level; a rule at Entry 3 refused', () => {
    const grid = sheetOf([OCR2]);
    setUnit(grid, '10266', '10266-U6', 'Level', 'Entry 3');
    setUnit(grid, '10266', '10266-U7', 'Level', 'E2');
    const reading = readRulesSheet(grid);
    assert.deepEqual(reading.errors, []);
    assert.deepEqual(
      reading.definitions[0].units.filter((u) => u.level === 0).map((u) => u.ref),
      ['10266-U6', '10266-U7'],
    );
    const cell = setRule(grid, '10266', 'level-2', 'Level', 'Entry 3');
    errorAt(grid, cell, /says "Entry 3", but qualcheck does not tell Entry 1, 2 and 3 apart/);
  });

  it("a rule no set of the qualification's units can meet, naming the rule", () => {
    const grid = sheetOf([IQ]);
    const cell = setRule(grid, '600/5106/1', 'total', 'Minimum', 500);
    errorAt(
      grid,
      cell,
      /Rule total asks for at least 500 credits, but all the units give at most \d+ .*no learner could meet it; lower its Minimum/,
    );
  });

  it('rules each of which can be met but not all together: two mandatory units barred against each other', () => {
    const grid = sheetOf([IQ]);
    setRule(grid, '600/5106/1', 'C1', 'Groups or units', 'D/503/0352, T/503/0342');
    const mandatory = a1(grid, tableCell(grid, '600/5106/1', 'Rule id', 'mandatory-A', 'Groups or units'));
    errorAt(
      grid,
      mandatory,
      /No choice of units meets every rule: even taking every unit \(one unit of each barred set counting\), rule mandatory-A is not met \(Mandatory Group A: missing .*\); a unit of the mandatory group may be barred/,
    );
  });

  it('text where a number belongs, with the unknown words read as empty', () => {
    const grid = sheetOf([OCR2]);
    const cell = setUnit(grid, '10266', '10266-U6', 'Credits', 'three');
    setUnit(grid, '10266', '10266-U7', 'Credits', 'unknown');
    setUnit(grid, '10266', '10266-U8', 'GLH', '?');
    const reading = readRulesSheet(grid);
    assert.deepEqual(reading.errors, [
      {
        cell,
        message: 'The Credits of unit 10266-U6 must be a whole number, or left empty when not known; it says "three".',
      },
    ]);
  });

  it('a rule kind qualcheck does not know, with the likely one', () => {
    const grid = sheetOf([OCR2]);
    const cell = setRule(grid, '10266', 'total', 'Kind', 'total credit');
    errorAt(
      grid,
      cell,
      /has the Kind "total credit", which qualcheck does not know \(did you mean "total credits"\?\): write one of total credits, credits at level, mandatory group, credits from groups, barred set/,
    );
  });

  it("a field a rule's kind needs left empty, and one it has not filled in", () => {
    const grid = sheetOf([OCR2]);
    const orAbove = setRule(grid, '10266', 'level-2', 'At or above', null);
    const min = setRule(grid, '10266', 'mandatory-A', 'Minimum', 3);
    errorAt(grid, orAbove, /Rule level-2 \(credits at level\) needs yes \(units above the level count too\) or no/);
    errorAt(
      grid,
      min,
      /Rule mandatory-A is a mandatory group rule, which has no Minimum: clear this cell, or change the Kind/,
    );
  });

  it('the same unit listed twice, by the rows it is on', () => {
    const grid = sheetOf([OCR2]);
    const [r] = tableCell(grid, '10266', 'Unit ref', '10266-U5', 'Unit ref');
    set(grid, [r, 0], '10266-u4');
    errorAt(
      grid,
      a1(grid, [r, 0]),
      new RegExp(`Unit 10266-U4 is listed twice \\(rows ${r} and ${r + 1}\\): remove one`, 'i'),
    );
  });

  it('a cell showing an Excel error, a missing fact row, a misspelt column header', () => {
    const grid = sheetOf([OCR2]);
    const errorCell = setUnit(grid, '10266', '10266-U6', 'Title', { error: '#REF!' });
    const [titleRow] = factCell(grid, '10266', 'Title');
    set(grid, [titleRow, 0], 'Titles');
    const h = headerRow(grid, '10266', 'Unit ref');
    set(grid, [h, 4], 'Credit value');
    set(grid, [h, 6], 'Levl');
    errorAt(grid, errorCell, /The cell shows the error #REF!: type the value itself, or correct the formula/);
    errorAt(grid, a1(grid, [titleRow, 0]), /"Titles" is not a fact qualcheck knows \(did you mean "Title"\?\)/);
    errorAt(
      grid,
      a1(grid, [blockRow(grid, '10266'), 0]),
      /Qualification 10266 has no Title row: add a row with "Title" in the first column/,
    );
    errorAt(grid, a1(grid, [h, 6]), /"Levl" is not a column qualcheck knows: did you mean "Level"\?/);
    assert.ok(
      !readRulesSheet(grid).errors.some((e) => e.cell === a1(grid, [h, 4])),
      '"Credit value" is another name of Credits',
    );
  });

  it('a table header whose first cell was overwritten: that one cell, not every row under it', () => {
    const grid = sheetOf([OCR2]);
    const h = headerRow(grid, '10266', 'Unit ref');
    set(grid, [h, 0], 'Units');
    const reading = readRulesSheet(grid);
    assert.deepEqual(
      reading.errors.map((e) => e.cell),
      [a1(grid, [h, 0])],
    );
    assert.match(
      reading.errors[0].message,
      /The unit table of qualification 10266 has no Unit ref column: add a header cell "Unit ref" to this row/,
    );
  });

  it('two blocks for one qualification, and a sheet with no block at all', () => {
    const grid = sheetOf([OCR2, OCR2]);
    const second = grid.values.findIndex((row, i) => i > blockRow(grid, '10266') && text(row[0]) === 'Qualification');
    errorAt(
      grid,
      a1(grid, [second, 1]),
      /Qualification 10266 already has a block on this sheet \(row \d+\): keep one block per qualification/,
    );
    assert.equal(readRulesSheet(grid).definitions.length, 1, 'the first block is still used');
    const empty: Grid = { values: [['My notes'], [null, 'nothing here']], top: 1, left: 1 };
    const reading = readRulesSheet(empty);
    assert.deepEqual(
      reading.errors.map((e) => e.cell),
      ['A1'],
    );
    assert.match(
      reading.errors[0].message,
      /No qualification found: each qualification's block starts with a row whose first cell says "Qualification"/,
    );
  });

  it('keeps the other blocks in use when one block has an error', () => {
    const grid = sheetOf(EMBEDDED_QUALIFICATIONS);
    setUnit(grid, '10266', '10266-U6', 'Credits', -1);
    const reading = readRulesSheet(grid);
    assert.equal(reading.errors.length, 1);
    assert.deepEqual(
      reading.definitions.map((q) => q.id),
      ['600/5106/1', '10267'],
    );
  });

  it('is applied block by block for the pane, and not at all for the command line, when a block has an error', () => {
    const grid = sheetOf(EMBEDDED_QUALIFICATIONS.map((q) => ({ ...q, title: `${q.title} (centre)` })));
    setUnit(grid, '10266', '10266-U6', 'Credits', -1);
    const catalogue = embeddedCatalogue();
    const pane = applyRulesSheet(catalogue, grid);
    assert.deepEqual(
      pane.definitions.map((q) => q.id),
      ['600/5106/1', '10267'],
    );
    assert.match(pane.catalogue.find('10267')?.title ?? '', /\(centre\)$/);
    const cli = applyRulesSheet(catalogue, grid, { policy: 'all-or-nothing' });
    assert.deepEqual(cli.errors, pane.errors, 'the same problems, in the same words');
    assert.deepEqual(cli.definitions, []);
    assert.deepEqual(cli.changes, []);
    assert.equal(cli.catalogue.find('10267')?.title, catalogue.find('10267')?.title);
  });
});
