// What the what-if tests share: sample workbooks put into the fake Excel host, and a qualification loaded from JSON
// (the example of docs/qualification-format.md) with a small cohort sheet of its own.
import assert from 'node:assert/strict';
import path from 'node:path';
import { gridOfFile } from './support/sheet-grid';
import type { CellValue, Grid, LearnerRecord } from '../src/sheet/types';
import { sheetChoices, type Choices, type UnitChoice } from '../src/whatif/unit-choices';
import type { CheckSettings, SheetInspection } from '../src/excel/active-sheet';
import { embeddedCatalogue, type Catalogue } from '../src/rules/catalogue';
import { readDefinitionsJson } from '../src/rules/definition/file';
import type { QualificationDefinition } from '../src/rules/model/model';
import { createFakeExcel, type FakeExcel, type FakeSheet } from './fake-excel';
import { fillSheet } from './fake-excel/from-grid';

export const SAMPLES = path.join(__dirname, '..', 'samples');

export async function workbookGrid(file: string): Promise<{ grid: Grid; sheetName: string }> {
  return gridOfFile(path.join(SAMPLES, file));
}

export function fakeWith(grid: Grid, name = 'Cohort'): { fake: FakeExcel; sheet: FakeSheet } {
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet(name), grid);
  return { fake, sheet };
}

export const EXAMPLE_JSON = JSON.stringify({
  id: 'EX/0001/1',
  title: 'Example Level 2 Certificate in Contact Centre Basics',
  awardingBody: 'Example Awards',
  level: 2,
  groups: [
    { id: 'A', title: 'Mandatory units' },
    { id: 'B', title: 'Optional units' },
  ],
  units: [
    {
      ref: 'A/000/0001',
      number: 1,
      title: 'Health and safety in a contact centre',
      credits: 2,
      glh: 10,
      level: 1,
      group: 'A',
    },
    {
      ref: 'A/000/0002',
      number: 2,
      title: 'Personal effectiveness in a contact centre',
      credits: 4,
      glh: 20,
      level: 2,
      group: 'A',
    },
    { ref: 'A/000/0003', number: 3, title: 'Using email', credits: 2, glh: 15, level: null, group: 'B' },
    { ref: 'A/000/0004', number: 4, title: 'Using email (advanced)', credits: 3, glh: 20, level: 2, group: 'B' },
    {
      ref: 'EX-U5',
      number: 5,
      title: 'Handling complaints',
      credits: null,
      glh: null,
      level: 2,
      group: 'B',
      aliases: ['Complaints'],
    },
  ],
  rules: [
    { id: 'total', kind: 'totalCredits', min: 9, text: 'Learners must achieve at least 9 credits' },
    {
      id: 'level-2',
      kind: 'levelCredits',
      level: 2,
      orAbove: true,
      min: 6,
      text: '6 of which must be at level 2 or above',
    },
    { id: 'mandatory', kind: 'mandatory', group: 'A', text: 'both mandatory units' },
    { id: 'optional', kind: 'groupCredits', groups: ['B'], min: 3, text: 'at least 3 credits from the optional units' },
    {
      id: 'email',
      kind: 'barred',
      units: ['A/000/0003', 'A/000/0004'],
      text: 'Learners may take unit 3 or unit 4, but not both',
    },
  ],
});

/** The embedded catalogue with the JSON example added, as a centre's rules file adds it. */
export function catalogueWithExample(): { catalogue: Catalogue; example: QualificationDefinition } {
  const base = embeddedCatalogue();
  const { definitions, errors } = readDefinitionsJson(EXAMPLE_JSON, 'example.json', base.qualifications);
  if (errors.length > 0 || definitions.length !== 1)
    throw new Error(`example.json: ${errors.map((e) => e.message).join('; ')}`);
  return { catalogue: base.withDefinitions(definitions), example: definitions[0] };
}

/** A matrix cohort of the JSON example: two learners, one column per unit, marks A and P. */
export function exampleGrid(): Grid {
  const values: CellValue[][] = [
    ['Learner ID', 'Name', 'Qualification', 'A/000/0001', 'A/000/0002', 'A/000/0003', 'A/000/0004', 'Complaints'],
    ['EX1', 'Iris Lee', 'EX/0001/1', 'A', 'A', 'P', null, null],
    ['EX2', 'Jon Park', 'EX/0001/1', 'A', null, null, null, 'A'],
  ];
  return { values, top: 1, left: 1 };
}

export function settingsFor(catalogue: Catalogue = embeddedCatalogue()): CheckSettings {
  return { catalogue, scope: 'sheet', place: 'beside' };
}

export function learnerAt(inspection: SheetInspection, row: number): LearnerRecord {
  const record = inspection.reading.learners.find((l) => l.row === row);
  assert.ok(record, `a learner on row ${row}`);
  return record;
}

export function choose(record: LearnerRecord, changes: Record<string, UnitChoice>): Choices {
  const choices: Record<string, UnitChoice> = { ...sheetChoices(record) };
  for (const [ref, choice] of Object.entries(changes)) {
    if (choice === 'none') delete choices[ref];
    else choices[ref] = choice;
  }
  return choices;
}

export function intendedOf(choices: Choices): { achieved: string[]; planned: string[] } {
  const entries = Object.entries(choices);
  return {
    achieved: entries.filter(([, c]) => c === 'achieved').map(([r]) => r),
    planned: entries.filter(([, c]) => c === 'planned').map(([r]) => r),
  };
}
