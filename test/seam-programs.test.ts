// A checked workbook opened and saved by other programs, then checked again (issue 22). openpyxl (and exceljs) drop
// the custom XML part that holds qualcheck's record of what it wrote: a person's words typed into any kind of result
// cell, or below the results, must survive the next check all the same, and qualcheck's own cells must still be
// replaced. LibreOffice keeps the part: its round trip stays recognised as qualcheck's. Debian's python3-openpyxl
// (/usr/bin/python3, not a pyenv python) and libreoffice-calc are needed; .ci/run installs them.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { runCheck } from '../src/cli/check';
import { columnLetters } from '../src/sheet/address';
import { RESULT_HEADERS } from '../src/cohort/verdict/results';
import { NOT_COUNTED_HEADER } from '../src/cohort/verdict/results';
import { repoRoot } from './support/cli';
import { unzipParts } from './support/feature-workbook';
import { describeNeeding, runs } from './support/needs';
import { changedCells, sheetCells } from './support/sheet-values';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const SAMPLE = path.join(repoRoot, 'samples/cohort-600-5106-1.xlsx');
const SHEET = 'Cohort';

// Sets one cell (a number when it reads as one) and saves the workbook, as a script built on openpyxl would.
const OPENPYXL_TYPE = `
import sys, openpyxl
source, out, sheet, cell, value = sys.argv[1:6]
book = openpyxl.load_workbook(source)
book[sheet][cell] = int(value) if value.isdigit() else value
book.save(out)
`;

/** Where the first check put each result column, by header. */
function resultColumns(bytes: Buffer): Map<string, string> {
  const cells = XLSX.read(bytes).Sheets[SHEET];
  const out = new Map<string, string>();
  for (let c = 0; c < 200; c++) {
    const v = (cells[XLSX.utils.encode_cell({ r: 0, c })] as XLSX.CellObject | undefined)?.v;
    if (typeof v === 'string' && v.startsWith('qualcheck:')) out.set(v, columnLetters(c + 1));
  }
  return out;
}

async function hasRecord(file: string): Promise<boolean> {
  const parts = await unzipParts(file);
  return [...parts.entries()].some(
    ([name, data]) => name.startsWith('customXml/item') && data.toString('utf8').includes('urn:qualcheck:ownership:1'),
  );
}

/** The person's edits tried: words in each kind of result cell, in an empty one, and below the results. */
function typings(columns: Map<string, string>, lastRow: number): { cell: string; words: string }[] {
  const at = (header: string, row: number) => `${columns.get(header)}${row}`;
  return [
    { cell: at(RESULT_HEADERS[0], 3), words: 'see Sam' },
    { cell: at(RESULT_HEADERS[1], 4), words: 'waiting on the employer' },
    { cell: at(RESULT_HEADERS[2], 5), words: 'n/a' },
    { cell: at(RESULT_HEADERS[3], 5), words: 'on hold - see Sam' },
    { cell: at(RESULT_HEADERS[4], 6), words: 'IQA sampled, fine' },
    { cell: at(RESULT_HEADERS[5], 7), words: 'ring Ben on Monday about his portfolio' },
    { cell: at(RESULT_HEADERS[6], 8), words: 'checked' },
    { cell: at(NOT_COUNTED_HEADER, 2), words: 'checked by JS' },
    { cell: at(RESULT_HEADERS[3], lastRow + 2), words: 'signed off' },
  ];
}

describe('seams: a checked workbook saved by other programs, then checked again', function () {
  this.timeout(300_000);
  let tmp: string;
  let checked: string;
  let checkedBytes: Buffer;
  let columns: Map<string, string>;
  let lastRow: number;

  before(async function () {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-programs-'));
    checked = path.join(tmp, 'checked.xlsx');
    const first = await runCheck(SAMPLE, { out: checked });
    assert.equal(first.written?.target, 'columns');
    checkedBytes = await fs.readFile(checked);
    columns = resultColumns(checkedBytes);
    assert.equal(columns.size, RESULT_HEADERS.length + 1);
    lastRow = Math.max(...first.checks.map((c) => c.record.row));
  });
  after(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** Checks `file` again; the person's cells of `before` (all but `replaced`) must be as they were. */
  async function checkAgain(file: string) {
    const out = path.join(tmp, `again-${path.basename(file)}`);
    const again = await runCheck(file, { out });
    const [was, is] = [sheetCells(await fs.readFile(file), SHEET), sheetCells(await fs.readFile(out), SHEET)];
    return { again, was, is };
  }

  async function typedWordsSurvive(save: (cell: string, words: string, out: string) => Promise<void>, tool: string) {
    for (const { cell, words } of typings(columns, lastRow)) {
      const typed = path.join(tmp, `${tool}-${cell}.xlsx`);
      await save(cell, words, typed);
      const { again, was, is } = await checkAgain(typed);
      assert.equal(is.get(cell)?.v, words, `${tool}: ${cell} "${words}" survives`);
      assert.deepEqual(changedCells(was, is), [], `${tool}: nothing of the cohort sheet changed (${cell})`);
      assert.equal(again.written?.target, 'sheet', `${tool}: the results went elsewhere (${cell})`);
      assert.match(again.written?.reason ?? '', new RegExp(`\\b${cell}\\b`), `${tool}: the message names ${cell}`);
    }
  }

  /** qualcheck's own cells, changed to other values qualcheck writes, are replaced by what this check writes. */
  async function ownCellsReplaced(file: string, tool: string) {
    const { again, is } = await checkAgain(file);
    assert.equal(again.written?.target, 'columns', `${tool}: the results are written beside the data again`);
    const original = sheetCells(checkedBytes, SHEET);
    for (const cell of [`${columns.get(RESULT_HEADERS[3])}5`, `${columns.get(RESULT_HEADERS[0])}3`])
      assert.equal(is.get(cell)?.v, original.get(cell)?.v, `${tool}: ${cell} is qualcheck's again`);
  }

  const OPENPYXL = {
    program: `openpyxl for ${PYTHON}`,
    answers: runs(PYTHON, ['-c', 'import openpyxl']),
    install: 'apt-get install python3-openpyxl',
  };
  describeNeeding('openpyxl (Debian python3-openpyxl)', [OPENPYXL], () => {
    const openpyxlType = async (source: string, cell: string, words: string, out: string) => {
      await run(PYTHON, ['-c', OPENPYXL_TYPE, source, out, SHEET, cell, words]);
    };

    it("drops the record, and a person's words typed into any result cell or below the results survive", async () => {
      const probe = path.join(tmp, 'openpyxl-probe.xlsx');
      await openpyxlType(checked, 'A1', 'Learner ID', probe);
      assert.equal(await hasRecord(checked), true, 'the first check keeps a record');
      assert.equal(await hasRecord(probe), false, 'openpyxl dropped it: the check below runs without one');
      await typedWordsSurvive((cell, words, out) => openpyxlType(checked, cell, words, out), 'openpyxl');
    });

    it("still replaces qualcheck's own cells without the record", async () => {
      const first = path.join(tmp, 'openpyxl-own-1.xlsx');
      const second = path.join(tmp, 'openpyxl-own-2.xlsx');
      const status = `${columns.get(RESULT_HEADERS[3])}5`;
      const was = sheetCells(checkedBytes, SHEET).get(status)?.v;
      await openpyxlType(checked, status, was === 'achieved' ? 'invalid' : 'achieved', first);
      await openpyxlType(first, `${columns.get(RESULT_HEADERS[0])}3`, '999', second);
      await ownCellsReplaced(second, 'openpyxl');
    });
  });

  describe('exceljs', () => {
    const exceljsType = async (cell: string, words: string | number, out: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(checked);
      const sheet = book.getWorksheet(SHEET);
      assert.ok(sheet);
      sheet.getCell(cell).value = words;
      await book.xlsx.writeFile(out);
    };

    it("keeps a person's words typed into any result cell or below the results", async () => {
      await typedWordsSurvive((cell, words, out) => exceljsType(cell, words, out), 'exceljs');
    });

    it("still replaces qualcheck's own cells", async () => {
      const out = path.join(tmp, 'exceljs-own.xlsx');
      await exceljsType(`${columns.get(RESULT_HEADERS[0])}3`, 999, out);
      await ownCellsReplaced(out, 'exceljs');
    });
  });

  const SOFFICE = {
    program: 'soffice',
    answers: runs('soffice', ['--version']),
    install: 'apt-get install libreoffice-calc',
  };
  describeNeeding('LibreOffice (Debian libreoffice-calc)', [SOFFICE], () => {
    it("round trip: the record survives and qualcheck's cells stay qualcheck's", async () => {
      const outdir = path.join(tmp, 'lo');
      const profile = path.join(tmp, 'lo-profile');
      await run(
        'soffice',
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outdir, checked],
        { timeout: 240_000 },
      );
      const converted = path.join(outdir, 'checked.xlsx');
      assert.equal(await hasRecord(converted), true, 'LibreOffice kept the record');
      const { again, was, is } = await checkAgain(converted);
      assert.equal(again.written?.target, 'columns', 'written beside the data, where the first check wrote');
      assert.deepEqual(resultColumns(await fs.readFile(path.join(tmp, 'again-checked.xlsx'))), columns);
      const outside = (ref: string) => [...columns.values()].includes(ref.replace(/\d+$/, ''));
      assert.deepEqual(changedCells(was, is, outside), []);
    });
  });
});
