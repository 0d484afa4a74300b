// Every workbook of ../shared/xlsx-corpus (files other programs' test suites ship) is read, or refused with a line
// that says truly what is wrong with it; and the values read agree with an independent reader (SheetJS, republished
// as @e965/xlsx) on a sample of them.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { isDateFormat } from '../src/sheet/dates';
import type { CellValue, Grid } from '../src/sheet/types';
import { loadWorkbook } from '../src/cli/open-inputs';
import { readGridOrExplain } from '../src/cli/sheet-read';
import { UserError } from '../src/cli/user-error';
import type { Workbook } from '../src/workbook/workbook';
import { describeNeeding, sharedPath } from './support/needs';

const CORPUS = sharedPath('xlsx-corpus', 'files');

/** The files that are not workbooks qualcheck can read, each with the reason it must give (checked by hand). */
const REFUSED: Record<string, RegExp> = {
  // An Excel lock file ("~$name.xlsx", a few bytes naming who has the file open), not a workbook.
  'ClosedXML+ClosedXML/ClosedXML.Tests__Resource__TryToLoad__~$LoadPivotTables.xlsx':
    /is not an Excel workbook \(\.xlsx\)/,
  // Encrypted packages: an OLE compound file around the encrypted zip.
  'apache+poi/test-data__poifs__extenxls_pwd123.xlsx': /is password-protected/,
  'dtjohnson+xlsx-populate/examples__encryption__out.xlsx': /is password-protected/,
  'qax-os+excelize/test__encryptAES.xlsx': /is password-protected/,
  'qax-os+excelize/test__encryptSHA512.xlsx': /is password-protected/,
  'roo-rb+roo/test__files__type_excel.xlsm': /is password-protected or an old \.xls workbook/,
  // Fuzzed files whose zip directory is broken.
  'apache+poi/test-data__spreadsheet__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5185049589579776.xlsx':
    /damaged.*cut short or its zip directory is broken/,
  'apache+poi/test-data__spreadsheet__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5025401116950528.xlsx':
    /damaged.*cut short or its zip directory is broken/,
  'apache+poi/test-data__spreadsheet__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-5542865479270400.xlsx':
    /damaged.*cut short or its zip directory is broken/,
  'apache+poi/test-data__spreadsheet__clusterfuzz-testcase-minimized-XLSX2CSVFuzzer-6504225896792064.xlsx':
    /damaged.*cut short or its zip directory is broken/,
  // A fuzzed file whose sheet8.xml fails its CRC-32 (unzip -t says so too).
  'apache+poi/test-data__spreadsheet__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx':
    /damaged.*part xl\/worksheets\/sheet8\.xml fails its CRC-32 check/,
  // _rels/.rels holds the word CORRUPTED after its XML declaration.
  'apache+poi/test-data__spreadsheet__xlsx-corrupted.xlsx': /damaged.*part _rels\/\.rels is not well-formed XML/,
  // The sheet part has "foo" before its root element.
  'exceljs+exceljs/spec__integration__data__invalid-xml.xlsx':
    /damaged.*part xl\/worksheets\/sheet1\.xml is not well-formed XML/,
  // Two parts only: no workbook part, no content types.
  'exceljs+exceljs/spec__integration__data__missing-bits.xlsx':
    /damaged.*workbook part \(xl\/workbook\.xml\).*is missing/,
  // A workbook part whose <sheets> is empty.
  'qax-os+excelize/test__BadWorkbook.xlsx': /it holds no worksheets/,
  // Chart sheets only (a gallery of charts).
  'dotnet+Open-XML-SDK/test__DocumentFormat.OpenXml.Tests.Assets__assets__TestDataStorage__O14ISOStrict__Excel__xl8galry.xlsx':
    /holds only chart sheets/,
  // The workbook lists three sheets whose parts are not in the package.
  'tealeg+xlsx/testdocs__badfile_noWorksheets.xlsx':
    /damaged.*the part of sheet "Tabelle1", xl\/worksheets\/sheet1\.xml, is missing/,
};

async function corpusFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of (await fs.readdir(CORPUS)).sort()) {
    for (const name of (await fs.readdir(path.join(CORPUS, folder))).sort()) files.push(`${folder}/${name}`);
  }
  return files;
}

/** Every worksheet of the file as a grid (or a note that it is too large), or the one-line reason it is refused. */
async function readAll(file: string): Promise<{ workbook: Workbook; grids: Map<string, Grid> } | { refused: string }> {
  let workbook: Workbook;
  try {
    workbook = await loadWorkbook(file);
  } catch (error) {
    if (error instanceof UserError) return { refused: error.message };
    throw error;
  }
  const grids = new Map<string, Grid>();
  try {
    for (const sheet of workbook.worksheets) {
      const read = await readGridOrExplain(workbook, sheet, file);
      if (!('tooLarge' in read)) grids.set(sheet.name, read.grid);
    }
  } catch (error) {
    workbook.close();
    if (error instanceof UserError) return { refused: error.message };
    throw error;
  }
  return { workbook, grids };
}

describeNeeding('workbook reader on the corpus of real files', [CORPUS], function () {
  this.timeout(180_000);

  it('reads every file of the corpus, or refuses it with one true line', async () => {
    const files = await corpusFiles();
    assert.ok(files.length >= 900, `the corpus at ${CORPUS} holds ${files.length} files`);
    const wrong: string[] = [];
    let read = 0;
    for (const name of files) {
      const file = path.join(CORPUS, name);
      const result = await readAll(file);
      const expected = REFUSED[name];
      if ('refused' in result) {
        if (!expected) wrong.push(`${name}: refused: ${result.refused}`);
        else if (!expected.test(result.refused)) wrong.push(`${name}: refused for another reason: ${result.refused}`);
        else if (result.refused.includes('\n') || !result.refused.startsWith(`${file}: `))
          wrong.push(`${name}: not one line naming the file: ${result.refused}`);
        continue;
      }
      result.workbook.close();
      read++;
      if (expected) wrong.push(`${name}: read, but it was to be refused (${String(expected)})`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(read, files.length - Object.keys(REFUSED).length);
  });

  /**
   * Where the two readers differ by design, checked by hand. qualcheck keeps a time of day (a number in an `h:mm`
   * format) as the number, since no cohort cell is a time; SheetJS makes it a date on 31/12/1899.
   */
  const SHEETJS_DIFFERS: Record<string, string> = {
    // SheetJS leaves `<si/>` out of the shared strings, so every later index reads the next item (PhpSpreadsheet's issue 4063).
    'PHPOffice+PhpSpreadsheet/tests__data__Reader__XLSX__issue.4063.xlsx': 'empty shared string',
    // Rich-text runs after a plain <t>, or a plain <t> after runs: SheetJS keeps only the first part.
    'tafia+calamine/tests__richtext-after-plain.xlsx': 'rich text after plain text',
    'tidyverse+readxl/tests__testthat__sheets__inlineStr2.xlsx': 'rich text after plain text',
    'tafia+calamine/tests__minimal_package.xlsx': 'plain text then a run',
    'apache+poi/test-data__spreadsheet__InlineString.xlsx': 'SheetJS drops the first of two runs',
    // SheetJS gives the whitespace around an empty <t/> inside <is> as the text.
    'tealeg+xlsx/testdocs__inlineStrings.xlsx': 'empty inline string',
    // A custom date format ("dd\-mmm\-yy") SheetJS does not see as a date.
    'ClosedXML+ClosedXML/ClosedXML.Tests__Resource__TryToLoad__LO__xlsx__tdf100709.xlsx': 'escaped date format',
    // 123456789 in a date format is beyond Excel's dates (it shows ####): qualcheck keeps the number, SheetJS an invalid Date.
    'dotnet+Open-XML-SDK/test__DocumentFormat.OpenXml.Tests.Assets__assets__TestDataStorage__v2FxTestFiles__spreadsheet__NoExtDataA1.xlsx':
      'serial beyond Excel',
    // `_X0000_` (capital X) is not an escape in ST_Xstring; SheetJS reads it as one.
    'jmcnamara+XlsxWriter/xlsxwriter__test__comparison__xlsx_files__optimize07.xlsx': 'capital _X escape',
    // A t="d" time alone: SheetJS puts it on 31/12/1899, qualcheck on Excel's day 0, 30/12/1899.
    'tafia+calamine/tests__date_iso.xlsx': 'time alone',
  };

  function agrees(mine: CellValue, cell: XLSX.CellObject, format: string | undefined): boolean {
    switch (cell.t) {
      case 's':
        // A string cell with no text (`t="inlineStr"` without `<is>`, `t="s"` without `<v>`) is blank to either reader.
        if (cell.v === '' && mine === null) return true;
        return mine === cell.v || (typeof mine === 'string' && mine === String(cell.v).replace(/\r\n/g, '\n'));
      case 'n':
        return typeof mine === 'number' && Math.abs(mine - (cell.v as number)) <= 1e-9 * Math.max(1, Math.abs(mine));
      case 'b':
        return mine === cell.v;
      case 'e':
        return typeof mine === 'object' && mine !== null && 'error' in mine && mine.error === cell.w;
      case 'd':
        if (typeof mine === 'number' && !isDateFormat(format)) return true; // a time of day, kept as the number
        return mine instanceof Date && Math.abs(mine.getTime() - (cell.v as Date).getTime()) < 1000;
      default:
        return mine === null;
    }
  }

  it('reads the same values as SheetJS in a sample of the corpus (every fourth file)', async () => {
    const previous = process.env.TZ;
    process.env.TZ = 'UTC'; // SheetJS makes dates in local time
    try {
      const files = (await corpusFiles()).filter(
        (name, i) => i % 4 === 0 && !(name in REFUSED) && !(name in SHEETJS_DIFFERS),
      );
      const differences: string[] = [];
      const unread: string[] = [];
      let cells = 0;
      for (const name of files) {
        const bytes = await fs.readFile(path.join(CORPUS, name));
        const result = await readAll(path.join(CORPUS, name));
        assert.ok(!('refused' in result), name);
        result.workbook.close();
        let theirs: XLSX.WorkBook;
        try {
          theirs = XLSX.read(bytes, { type: 'buffer', cellDates: true });
        } catch {
          // SheetJS refuses a few files qualcheck reads (a workbook part in a namespace it does not know): nothing to compare.
          unread.push(name);
          continue;
        }
        for (const [sheetName, grid] of result.grids) {
          const sheet = theirs.Sheets[sheetName];
          if (!sheet) continue;
          const mergedAway = new Set<string>();
          for (const m of sheet['!merges'] ?? []) {
            for (let r = m.s.r; r <= m.e.r; r++)
              for (let c = m.s.c; c <= m.e.c; c++)
                if (r !== m.s.r || c !== m.s.c) mergedAway.add(XLSX.utils.encode_cell({ r, c }));
          }
          for (const address of Object.keys(sheet)) {
            if (address.startsWith('!') || mergedAway.has(address)) continue;
            const cell = sheet[address] as XLSX.CellObject;
            if (cell.t === 'z' || cell.v === undefined) continue;
            const { r, c } = XLSX.utils.decode_cell(address);
            cells++;
            const mine = grid.values[r]?.[c] ?? null;
            if (!agrees(mine, cell, grid.numberFormats?.[r]?.[c]))
              differences.push(
                `${name} ${sheetName}!${address}: qualcheck ${JSON.stringify(mine)}, SheetJS ${cell.t} ${JSON.stringify(cell.v)}`,
              );
          }
        }
      }
      assert.ok(cells > 10_000, `only ${cells} cells compared`);
      assert.ok(
        unread.length < files.length / 20,
        `SheetJS read only ${files.length - unread.length} of ${files.length} files: ${unread.join(', ')}`,
      );
      assert.deepEqual(differences.slice(0, 20), []);
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});
