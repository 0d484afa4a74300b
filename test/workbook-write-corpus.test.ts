// The package patch on workbooks other programs wrote (../shared/xlsx-corpus): result columns are written right of
// each file's first worksheet, and the copy must open in another reader (SheetJS) with every cell of the sheet as it
// was and every part but the sheet and styles.xml byte for byte the same. A third of the files (every third, in
// order) keeps the test short; the whole corpus passes the same way (run with QUALCHECK_CORPUS=all).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { writePlan } from '../src/cli/checked-copy';
import type { WritePlan } from '../src/placement/placement';
import { WorkbookFileError } from '../src/workbook/errors';
import { Workbook } from '../src/workbook/workbook';
import { WorkbookPackage } from '../src/workbook/package';
import { readWorkbookInfo, relationshipsPartOf } from '../src/workbook/parts';
import { unzipParts } from './support/feature-workbook';
import { describeNeeding, sharedPath } from './support/needs';

const corpus = sharedPath('xlsx-corpus', 'files');

async function corpusFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const folder of (await fs.readdir(corpus)).sort()) {
    for (const name of (await fs.readdir(path.join(corpus, folder))).sort())
      if (/\.xls[xm]$/i.test(name)) out.push(path.join(corpus, folder, name));
  }
  return process.env.QUALCHECK_CORPUS === 'all' ? out : out.filter((_, i) => i % 3 === 0);
}

/** The sheet's last row and column (0-based) from its cells and merges, not from its <dimension>, which can be wrong. */
function usedEnd(sheet: XLSX.WorkSheet): { row: number; column: number } {
  const end = { row: 0, column: 0 };
  for (const ref of Object.keys(sheet)) {
    if (ref.startsWith('!')) continue;
    const at = XLSX.utils.decode_cell(ref);
    end.row = Math.max(end.row, at.r);
    end.column = Math.max(end.column, at.c);
  }
  for (const m of sheet['!merges'] ?? []) end.column = Math.max(end.column, m.e.c);
  return end;
}

function values(sheet: XLSX.WorkSheet): Map<string, unknown> {
  return new Map(
    Object.entries(sheet)
      .filter(([ref]) => !ref.startsWith('!'))
      .map(([ref, cell]) => [ref, (cell as XLSX.CellObject).v]),
  );
}

describeNeeding('the package patch on real workbooks (xlsx-corpus of the shared folder)', [corpus], function () {
  this.timeout(600_000);

  it('writes result columns that another reader sees, and changes nothing else', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-corpus-'));
    const out = path.join(tmp, 'out.xlsx');
    let written = 0;
    const problems: string[] = [];
    try {
      for (const file of await corpusFiles()) {
        const name = path.relative(corpus, file);
        const bytes = await fs.readFile(file);
        let before: XLSX.WorkBook;
        try {
          before = XLSX.read(bytes);
        } catch {
          continue; // Not a package SheetJS reads either (encrypted, truncated): the reader's tests name those.
        }
        let pkg: WorkbookPackage;
        try {
          pkg = await WorkbookPackage.open(bytes);
        } catch (error) {
          if (error instanceof WorkbookFileError) continue;
          throw error;
        }
        try {
          const info = await readWorkbookInfo(pkg).catch((error: unknown) => {
            if (error instanceof WorkbookFileError) return undefined; // Damaged, said so by the reader.
            throw error;
          });
          const sheet = info?.sheets.find((s) => s.kind === 'worksheet' && s.part !== undefined && pkg.has(s.part));
          const cells = sheet && before.Sheets[sheet.name];
          if (!info || !sheet || !cells) continue;
          const end = usedEnd(cells);
          if (end.column > 16_000 || end.row > 100_000) continue;
          const height = Math.min(end.row + 1, 40);
          const plan: WritePlan = {
            target: 'columns',
            sheetName: sheet.name,
            headerRow: 1,
            firstColumn: end.column + 3,
            header: ['qualcheck: achieved credits', 'qualcheck: status'],
            firstRow: 2,
            rows: Array.from({ length: height - 1 }, (_, i) => [
              i * 3,
              i % 2 === 0 ? 'achieved' : 'see <notes> & "plan"',
            ]),
            textColumns: [],
            statusColumn: 1,
            sentenceColumns: [],
            staleRanges: [],
          };
          try {
            await writePlan({ bytes, pkg, info, file, out, sheetName: sheet.name }, plan);
          } catch (error) {
            if (error instanceof WorkbookFileError) continue; // Refused as damaged, with its reason: the reader's tests hold those.
            problems.push(`${name}: ${(error as Error).message}`);
            continue;
          }
          const copy = await fs.readFile(out);
          // The same copy made on the reader's row offsets (as check --out makes it), without the writer's own scan.
          const opened = await Workbook.open(bytes).catch(() => undefined);
          const reading = await opened?.readSheet(sheet).catch(() => undefined);
          opened?.close();
          if (reading?.kind === 'grid') {
            const onOffsets = `${out}.offsets.xlsx`;
            await writePlan(
              { bytes, pkg, info, file, out: onOffsets, sheetName: sheet.name, rows: reading.rows },
              plan,
            );
            const sheetOf = async (xlsx: Buffer) =>
              [...(await unzipParts(xlsx))].find(([part]) => part.toLowerCase() === sheet.part?.toLowerCase())?.[1];
            const [scanned, cut] = [await sheetOf(copy), await sheetOf(await fs.readFile(onOffsets))];
            if (!scanned || !cut || !scanned.equals(cut))
              problems.push(`${name}: the sheet patched on the reader's offsets differs from the one scanned again`);
            await fs.rm(onOffsets, { force: true });
          }
          const after = XLSX.read(copy).Sheets[sheet.name];
          assert.ok(after, `${name}: the sheet is in the copy`);
          const [was, is] = [values(cells), values(after)];
          for (const [ref, value] of was)
            if (!Object.is(is.get(ref), value))
              problems.push(`${name}: ${ref} was ${String(value)}, is ${String(is.get(ref))}`);
          const header = XLSX.utils.encode_cell({ r: 0, c: end.column + 3 });
          if (is.get(header) !== 'qualcheck: status')
            problems.push(`${name}: ${header} does not read qualcheck: status`);
          const [partsBefore, partsAfter] = [await unzipParts(bytes), await unzipParts(copy)];
          const owned = new Set([
            sheet.part?.toLowerCase(),
            ...info.relationships.filter((r) => r.type === 'styles').map((r) => r.part?.toLowerCase()),
          ]);
          // A package without styles.xml gets one, with its relationship and content type.
          if (!info.relationships.some((r) => r.type === 'styles'))
            owned.add('[content_types].xml').add(relationshipsPartOf(info.part).toLowerCase());
          for (const [part, data] of partsBefore) {
            if (!owned.has(part.toLowerCase()) && !partsAfter.get(part)?.equals(data))
              problems.push(`${name}: part ${part} changed`);
          }
          written++;
        } finally {
          pkg.close();
        }
      }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
    assert.deepEqual(problems, []);
    assert.ok(written > 200, `${written} copies written`);
  });
});
