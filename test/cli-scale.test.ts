// The command line at thousands of learners: every count with separators, the learners needing attention first, a
// screenful of them with the count of the rest and how to see all (--all, --json), a reason every learner shares said
// once by `register`; --json complete.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CohortJson } from '../src/cohort/verdict/results';
import { SCREENFUL_ROWS } from '../src/cli/screenful';
import { qualcheck } from './support/cli';
import { workbookPackage } from './support/xlsx-package';
import { tempFolder } from './support/temp-folder';

const LEARNERS = 2_500;

/** A cohort of 600/5106/1: every tenth learner with a qualification the catalogue lacks (needs-data), the rest short. */
function cohortXml(): string {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = [
    `<row r="1">${cell('A1', 'Learner ID')}${cell('B1', 'Qualification')}${cell('C1', 'L/601/0933')}${cell('D1', 'D/503/0352')}</row>`,
  ];
  for (let i = 0; i < LEARNERS; i++) {
    const r = i + 2;
    const qualification = i % 10 === 3 ? '600/9999/9' : '600/5106/1';
    rows.push(
      `<row r="${r}">${cell(`A${r}`, `L${10000 + i}`)}${cell(`B${r}`, qualification)}${cell(`C${r}`, 'A')}</row>`,
    );
  }
  return `<sheetData>${rows.join('')}</sheetData>`;
}

describe('the command line at thousands of learners', function () {
  this.timeout(120_000);
  const tmp = tempFolder('scale');
  let file: string;
  before(async () => {
    file = path.join(tmp(), 'cohort.xlsx');
    await fs.writeFile(file, await workbookPackage({ sheets: [{ name: 'Cohort', xml: cohortXml() }] }));
  });

  it('check prints a screenful, needing attention first, with separators in every count', async () => {
    const run = await qualcheck(['check', file]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /: 2,500 learners$/);
    const headerAt = lines.findIndex((l) => l.startsWith('Row '));
    const rows = lines.slice(headerAt + 2, headerAt + 2 + SCREENFUL_ROWS);
    assert.ok(rows.every((l) => /^\d+ /.test(l)));
    // The 250 learners of an unknown qualification need data: they come first, before the incomplete ones.
    assert.ok(
      rows.every((l) => / needs-data /.test(l)),
      rows.join('\n'),
    );
    assert.equal(
      lines[headerAt + 2 + SCREENFUL_ROWS],
      `... and 2,460 more learners: --all lists every one, --json gives them all in full`,
    );
    const status = lines.find((l) => l.startsWith('Status: ')) ?? '';
    assert.match(status, /incomplete 2,250, needs-data 250/);
    // No count of four or more digits without its separator in a line of words (row numbers and ids are in the table).
    for (const line of lines.slice(headerAt + 3 + SCREENFUL_ROWS))
      assert.doesNotMatch(line.replace(/\b[A-Z]+\d+\b|\bL\d+\b|\d+\/\d+\/\d+|\b1026[67]\b/g, ''), /\d{4}/, line);
  });

  it('check --all lists every learner, and --json holds them all', async () => {
    const all = await qualcheck(['check', file, '--all']);
    assert.equal(all.stdout.split('\n').filter((l) => /^\d+ +L\d+ /.test(l)).length, LEARNERS);
    const json = JSON.parse((await qualcheck(['check', file, '--json'])).stdout) as CohortJson;
    assert.equal(json.learners.length, LEARNERS);
  });

  it('register says the reason every learner shares once, and the held-back learners first', async () => {
    const run = await qualcheck(['register', file, '--date', '2030-06-01']);
    const closed = run.stdout.split('\n').filter((l) => l.includes('qualification-closed'));
    assert.deepEqual(closed.length, 1, closed.join('\n'));
    assert.match(
      closed[0],
      /^For 2,250 learners: x qualification-closed: 600\/5106\/1 was open for registration until/,
    );
    assert.match(run.stdout, /\n\.\.\. and 2,460 more learners: --all lists every one/);
    assert.match(run.stdout, /\n0 of 2,500 learners ready to register; 2,500 held back\.\n/);
  });
});
