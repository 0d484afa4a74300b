// The register-long-cells.xlsx reproducer (../shared/repro): two cells of 32,767 mixed characters, Excel's most. Their
// characters are counted a window at a time (test/registration-graphemes.test.ts holds that work linear in their
// length); here the command line reads them and counts them as a person would.
import assert from 'node:assert/strict';
import { qualcheck } from './support/cli';
import { describeNeeding, sharedPath } from './support/needs';

const FILE = sharedPath('repro', 'register-long-cells.xlsx');

interface Problem {
  code: string;
  cell?: string;
  message: string;
}

describeNeeding('register on cells of 32,767 characters (register-long-cells.xlsx)', [FILE], function () {
  this.timeout(60_000);

  it('names each long cell with its length in characters, and the characters a template cannot carry', async () => {
    const result = await qualcheck(['register', FILE, '--date', '2013-06-01', '--json']);
    assert.equal(result.stderr, '');
    const report = JSON.parse(result.stdout) as { learners: { problems: Problem[] }[] };
    assert.equal(report.learners.length, 300);
    const problems = report.learners.flatMap((l) => l.problems);
    const tooLong = problems.filter((p) => p.code === 'field-too-long');
    assert.deepEqual(
      tooLong.map((p) => [p.cell, /is (\d+) characters/.exec(p.message)?.[1]]),
      [
        ['A7', '32767'],
        ['C11', '32556'],
      ],
    );
    const strange = problems.find((p) => p.code === 'bad-characters' && p.cell === 'C11');
    assert.match(strange?.message ?? '', /cannot carry: '✓'/);
  });
});
