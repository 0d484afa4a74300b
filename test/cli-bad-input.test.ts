// A centre administrator's mistakes on the command line: each gets one line naming the file, cell or option and what
// to do, exit code 2, no stack trace, and the input files are never written.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_LEARNERS } from '../scripts/make-samples';
import { jsonSyntaxError } from '../src/cli/json-file';
import { fileHash, qualcheck, repoRoot } from './support/cli';
import { tempFolder } from './support/temp-folder';

const sample = path.join(repoRoot, 'samples/cohort-600-5106-1.xlsx');
const withRules = path.join(repoRoot, 'samples/ocr-10266-with-rules.xlsx');

/** One line on stderr, nothing on stdout, exit code 2, and no trace of the code. */
function assertOneLine(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^qualcheck: /);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+|internal error/);
}

describe('command line: bad input from a centre administrator', function () {
  this.timeout(60000);
  const tmp = tempFolder('bad-input');

  describe('--out never writes over an input, and says what to do when it cannot write', () => {
    it('refuses --out that is a link to the cohort workbook, leaving the workbook as it was', async () => {
      const input = path.join(tmp(), 'cohort.xlsx');
      await fs.copyFile(sample, input);
      const hash = await fileHash(input);
      const symlink = path.join(tmp(), 'cohort-link.xlsx');
      const hardLink = path.join(tmp(), 'cohort-hard.xlsx');
      await fs.symlink(input, symlink);
      await fs.link(input, hardLink);
      for (const out of [symlink, hardLink]) {
        assertOneLine(
          await qualcheck(['check', input, '--out', out]),
          /is the input file .*cohort\.xlsx; qualcheck never modifies its input/,
        );
        assertOneLine(await qualcheck(['check', symlink, '--out', input]), /is the input file/);
        assertOneLine(await qualcheck(['register', input, '--out', out]), /is the input file/);
      }
      assert.equal(await fileHash(input), hash, 'the input workbook changed');
    });

    it('refuses --out that is the --marks or --rules file the check reads', async () => {
      const marks = path.join(tmp(), 'marks.json');
      await fs.writeFile(marks, JSON.stringify({ achieved: ['Done'] }));
      assertOneLine(
        await qualcheck(['check', sample, '--marks', marks, '--out', marks]),
        /--out .*marks\.json: is the input file/,
      );
      assert.deepEqual(JSON.parse(await fs.readFile(marks, 'utf8')), { achieved: ['Done'] });
    });

    it('refuses rules export over the workbook its --rules came from, which would lose the cohort sheet', async () => {
      const workbook = path.join(tmp(), 'with-rules.xlsx');
      await fs.copyFile(withRules, workbook);
      const hash = await fileHash(workbook);
      assertOneLine(await qualcheck(['rules', 'export', '--rules', workbook, '--out', workbook]), /is the input file/);
      assert.equal(await fileHash(workbook), hash, 'the rules workbook changed');
    });

    it('names a folder that does not exist before reading the workbook', async () => {
      const out = path.join(tmp(), 'no-such-folder', 'checked.xlsx');
      assertOneLine(
        await qualcheck(['check', sample, '--out', out]),
        /the folder .*no-such-folder does not exist; create it first/,
      );
      assertOneLine(
        await qualcheck([
          'register',
          sample,
          '--date',
          '2013-06-01',
          '--out',
          path.join(tmp(), 'no-such-folder', 'r.csv'),
        ]),
        /does not exist; create it first/,
      );
      assertOneLine(
        await qualcheck(['rules', 'export', '--out', path.join(tmp(), 'no-such-folder', 'rules.xlsx')]),
        /does not exist; create it first/,
      );
    });

    it('asks for a file name when --out is a folder', async () => {
      assertOneLine(
        await qualcheck(['check', sample, '--out', tmp()]),
        /is a folder; give a file name in it, for example .*cohort-checked\.xlsx/,
      );
    });

    it('asks for the right extension: the checked copy is .xlsx, the registration file .csv', async () => {
      const csv = path.join(tmp(), 'checked.csv');
      assertOneLine(await qualcheck(['check', sample, '--out', csv]), /give a name ending in \.xlsx/);
      await assert.rejects(fs.stat(csv), 'nothing is written under a name Excel would refuse to open');
      assertOneLine(
        await qualcheck(['register', sample, '--date', '2013-06-01', '--out', path.join(tmp(), 'registrations.xlsx')]),
        /give a name ending in \.csv/,
      );
    });
  });

  describe('a hand-written JSON file with a syntax error is named by line and column, on one line', () => {
    it('a --marks file with a comma before the closing bracket', async () => {
      const marks = path.join(tmp(), 'trailing-comma.json');
      await fs.writeFile(marks, '{\n  "achieved": ["Done"],\n  "planned": ["Booked",]\n}\n');
      assertOneLine(
        await qualcheck(['check', sample, '--marks', marks]),
        /trailing-comma\.json: line 3, column 24: not valid JSON \(found "\]"\); check for a missing or extra comma/,
      );
    });

    it('a --rules file cut short, and the same file given to rules diff', async () => {
      const rules = path.join(tmp(), 'cut-short.json');
      await fs.writeFile(rules, '[\n  {"id": "X/1",\n   "title": "X"');
      assertOneLine(
        await qualcheck(['check', sample, '--rules', rules]),
        /cut-short\.json: line 3, column 16: not valid JSON \(found the end of the file\)/,
      );
      assertOneLine(await qualcheck(['rules', 'diff', rules]), /cut-short\.json: line 3, column 16/);
    });

    it('an empty --marks or --rules file says what it should hold', async () => {
      const empty = path.join(tmp(), 'empty.json');
      await fs.writeFile(empty, '');
      assertOneLine(
        await qualcheck(['check', sample, '--marks', empty]),
        /empty\.json: is empty; it should hold the marks in JSON, for example \{"achieved": \["Done"\]/,
      );
      assertOneLine(
        await qualcheck(['check', sample, '--rules', empty]),
        /empty\.json: is empty; it should hold a qualification definition in JSON \(qualcheck rules export --out rules\.json/,
      );
    });

    it('finds a syntax error exactly when JSON.parse does, at the place it is', () => {
      const texts = [
        '{"a": [1,]}',
        '{"a" 1}',
        '{"a": tru}',
        '{"a": "x\\q"}',
        '{"a": "\\u12G4"}',
        '{"a":1} x',
        '{',
        '[1, 2',
        '{"a": -}',
        '{"a": 01}',
        '{"a": "b\nc"}',
        "{'a': 1}",
        '{"a": 1,}',
        '{"a":{"b":[true,false,null,-1.5e3,0,"\\u00e9\\n\\"",{}]}}',
        ' [ ] ',
        '"text"',
        '12',
      ];
      for (const text of texts) {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(jsonSyntaxError(text) === undefined, valid, text);
      }
      assert.deepEqual(jsonSyntaxError('{"a": [1,]}'), { offset: 9, found: '"]"' });
      assert.deepEqual(jsonSyntaxError('[1, 2'), { offset: 5, found: 'the end of the file' });
    });

    it('a file saved with a byte-order mark is still read', async () => {
      const marks = path.join(tmp(), 'bom.json');
      await fs.writeFile(marks, '\uFEFF{"achieved": ["Done"]}');
      const result = await qualcheck(['check', sample, '--marks', marks, '--json']);
      assert.equal(result.code, 0, result.stderr);
    });
  });

  describe('the command line itself used wrongly', () => {
    it('an impossible --date says which day does not exist, not that the form is wrong', async () => {
      assertOneLine(
        await qualcheck(['register', sample, '--date', '2013-02-31']),
        /--date 2013-02-31: no such day \(February 2013 has 28 days\); give a real registration date/,
      );
      assertOneLine(await qualcheck(['register', sample, '--date', '2013-13-01']), /no such day \(13 is not a month\)/);
      assertOneLine(
        await qualcheck(['register', sample, '--date', '01/06/2013']),
        /--date 01\/06\/2013: not a date; give the registration date as YYYY-MM-DD/,
      );
    });

    it('a real day nobody registers on (year 0000 or 9999) is refused, not turned into ages of thousands of years', async () => {
      assertOneLine(
        await qualcheck(['register', sample, '--date', '0000-01-01']),
        /--date 0000-01-01: registration dates run from 1990 to 2099/,
      );
      assertOneLine(
        await qualcheck(['register', sample, '--date', '9999-12-31']),
        /--date 9999-12-31: registration dates run from 1990 to 2099/,
      );
    });

    it('an unknown option, a misspelt one, a missing argument and an unknown command: one line saying where to look', async () => {
      assertOneLine(
        await qualcheck(['check', sample, '--bogus']),
        /^qualcheck: unknown option '--bogus'; qualcheck check --help shows how to use it$/m,
      );
      assertOneLine(
        await qualcheck(['check', sample, '--shet', 'Cohort']),
        /unknown option '--shet' \(did you mean --sheet\?\); qualcheck check --help/,
      );
      assertOneLine(await qualcheck(['check']), /missing required argument 'cohort\.xlsx'; qualcheck check --help/);
      assertOneLine(
        await qualcheck(['register', sample, '--date']),
        /option '--date <YYYY-MM-DD>' argument missing; qualcheck register --help/,
      );
      assertOneLine(
        await qualcheck(['check', sample, 'other.xlsx']),
        /too many arguments for 'check'\. Expected 1 argument but got 2; qualcheck check --help/,
      );
      assertOneLine(await qualcheck(['rules', 'diff']), /qualcheck rules diff --help/);
      assertOneLine(
        await qualcheck(['chek', sample]),
        /unknown command 'chek' \(did you mean check\?\); qualcheck --help/,
      );
    });

    it('--version prints the package version and exits 0', async () => {
      const { version } = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      const result = await qualcheck(['--version']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), version);
    });
  });

  describe('workbooks that hold no cohort say why', () => {
    async function workbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
      const wb = new ExcelJS.Workbook();
      fill(wb);
      const file = path.join(tmp(), name);
      await wb.xlsx.writeFile(file);
      return file;
    }

    it('a zip file with no worksheets (a .docx or .ods renamed .xlsx opens as one) is not a workbook', async () => {
      const file = await workbook('no-worksheets.xlsx', () => undefined);
      assertOneLine(
        await qualcheck(['check', file]),
        /no-worksheets\.xlsx: is not an Excel workbook \(\.xlsx\): it holds no worksheets .*save it as "Excel Workbook \(\.xlsx\)"/,
      );
    });

    it('a header with no learner rows under it names the header row, whether the sheet is found or named', async () => {
      const file = await workbook('header-only.xlsx', (wb) => {
        wb.addWorksheet('Cohort').addRow(['Learner ID', 'Name', 'Qualification', 'L/601/0933']);
      });
      assertOneLine(
        await qualcheck(['check', file]),
        /[Ss]heet "Cohort": A1:D1: row 1 is a header, but no learner rows follow it; add one row per learner under the header/,
      );
      assertOneLine(
        await qualcheck(['check', file, '--sheet', 'Cohort']),
        /sheet "Cohort": A1:D1: row 1 is a header, but no learner rows follow it/,
      );
      assertOneLine(
        await qualcheck(['register', file, '--sheet', 'Cohort', '--date', '2013-06-01']),
        /row 1 is a header, but no learner rows follow it/,
      );
    });

    it('--sheet finds a sheet named in another case, as Excel does', async () => {
      const result = await qualcheck(['check', sample, '--sheet', 'cohort', '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal((JSON.parse(result.stdout) as { learners: unknown[] }).learners.length, SAMPLE_LEARNERS.length);
    });

    it('a stray cell at XFD1048576 is named with what to do, instead of running out of memory', async () => {
      const file = path.join(tmp(), 'stray-cell.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(sample);
      wb.getWorksheet('Cohort')!.getCell('XFD1048576').value = 'note';
      await wb.xlsx.writeFile(file);
      const expected =
        /sheet "Cohort": its used cells run to XFD1048576 \(1,048,576 rows by 16,384 columns\), far beyond any cohort or rules sheet; in Excel press Ctrl\+End/;
      assertOneLine(await qualcheck(['check', file]), expected);
      assertOneLine(await qualcheck(['check', file, '--sheet', 'Cohort']), expected);
    });

    it("a stray cell far out on the workbook's rules sheet is named the same way, for check and for --rules", async () => {
      const file = path.join(tmp(), 'stray-rules-cell.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(sample);
      wb.addWorksheet('Qualification rules').getCell('XFD1048576').value = 'note';
      await wb.xlsx.writeFile(file);
      const expected = /sheet "Qualification rules": its used cells run to XFD1048576 .*Ctrl\+End/;
      assertOneLine(await qualcheck(['check', file]), expected);
      assertOneLine(await qualcheck(['check', sample, '--rules', file]), expected);
    });
  });

  describe('cells a reader might trip on', () => {
    it("a date of birth or unit mark holding a number beyond Excel's dates (shown ####) is a bad date, not an internal error", async () => {
      const file = path.join(tmp(), 'hashes.xlsx');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Cohort');
      ws.addRow(['Learner ID', 'First name', 'Last name', 'Qualification', 'Date of birth', 'L/601/0933']);
      ws.addRow(['X1', 'Ann', 'Lee', '600/5106/1', 3_000_000, 3_000_000]);
      ws.getCell('E2').numFmt = 'dd/mm/yyyy';
      ws.getCell('F2').numFmt = 'dd/mm/yyyy';
      await wb.xlsx.writeFile(file);
      const register = await qualcheck(['register', file, '--date', '2013-06-01', '--json']);
      assert.equal(register.code, 1, register.stderr);
      const report = JSON.parse(register.stdout) as {
        learners: { problems: { code: string; cell?: string; message: string }[] }[];
      };
      const problem = report.learners[0].problems.find((p) => p.code === 'bad-date');
      assert.equal(problem?.cell, 'E2');
      assert.match(problem?.message ?? '', /a number Excel cannot show as a date \(it shows ####\)/);
      const check = await qualcheck(['check', file, '--json']);
      assert.equal(check.code, 0, check.stderr);
      const warnings = (JSON.parse(check.stdout) as { warnings: { cell: string; message: string }[] }).warnings;
      assert.match(
        warnings.find((w) => w.cell === 'F2')?.message ?? '',
        /Cell F2 holds "3000000", which is not a mark/,
      );
    });

    it('names a mark it does not know with the words the pane uses, and says the command line takes them in --marks', async () => {
      const file = path.join(tmp(), 'unknown-mark.xlsx');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Cohort');
      ws.addRow(['Learner ID', 'First name', 'Last name', 'Qualification', 'L/601/0933']);
      ws.addRow(['X1', 'Ann', 'Lee', '600/5106/1', 'Done?']);
      await wb.xlsx.writeFile(file);
      const check = await qualcheck(['check', file]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, /or add "Done\?" to what the marks mean, in a --marks file\./);
      assert.doesNotMatch(check.stdout, /vocabulary/);
    });
  });
});
