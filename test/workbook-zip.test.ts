// The checked copy's zip writer: a part deflated in blocks on several cores is one deflate stream that unpacks to
// the part's bytes exactly (many blocks, a character cut by a block's edge, an empty part), and the zip around it is
// read by yauzl, by Info-ZIP's unzip and by Python's zipfile, each entry's sizes and CRC-32 in its local header.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { WorkbookPackage } from '../src/workbook/package';
import { PackageEdit } from '../src/workbook/package-edit';
import { BLOCK_BYTES, deflatedInBlocks, ZipWriter, type DeflatedSums } from '../src/workbook/zip';
import { describeNeeding, runs } from './support/needs';
import { zipParts } from './support/feature-workbook';
import { tempFolder } from './support/temp-folder';

/** Text of rows that differ from one another (a counter in each), so deflate finds matches but not one long run. */
function sheetText(bytes: number): string {
  const rows: string[] = [];
  let length = 0;
  for (let r = 1; length < bytes; r++) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Learner ${(r * 7919) % 100003}</t></is></c></row>`;
    rows.push(row);
    length += row.length;
  }
  return rows.join('').slice(0, bytes);
}

/** `bytes` cut into pieces of `size`, as a patcher hands them over. */
async function* piecesOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function deflated(input: AsyncIterable<Buffer> | Buffer[]): Promise<{ blocks: Buffer[]; sums: DeflatedSums }> {
  const sums: DeflatedSums = { crc32: 0, size: 0, compressedSize: 0 };
  const blocks: Buffer[] = [];
  for await (const block of deflatedInBlocks(input, sums)) blocks.push(block);
  return { blocks, sums };
}

describe('a part deflated in blocks', function () {
  this.timeout(30_000);

  it('is one deflate stream of the part, over many blocks, with its CRC-32 and sizes', async () => {
    const part = Buffer.from(sheetText(Math.floor(4.5 * BLOCK_BYTES)));
    const { blocks, sums } = await deflated(piecesOf(part, 100_003));
    assert.ok(blocks.length >= 5, `${blocks.length} blocks`);
    const stream = Buffer.concat(blocks);
    assert.ok(zlib.inflateRawSync(stream).equals(part), 'unpacks to the part');
    assert.deepEqual(sums, { crc32: zlib.crc32(part), size: part.length, compressedSize: stream.length });
    // Each block reaches back into the one before it: about as small as one stream over the whole part.
    const whole = zlib.deflateRawSync(part, { level: 6 });
    assert.ok(stream.length < whole.length * 1.01, `${stream.length} bytes against ${whole.length} in one stream`);
  });

  it('keeps a character whose bytes a block edge cuts, and a part that ends on an edge', async () => {
    // '𝄞' is four bytes in UTF-8, the first block's last byte its first.
    const part = Buffer.from(`${'a'.repeat(BLOCK_BYTES - 1)}𝄞${'é€'.repeat(BLOCK_BYTES / 4)}`);
    assert.ok(part.length > 2 * BLOCK_BYTES);
    const edge = part.subarray(0, 2 * BLOCK_BYTES);
    for (const bytes of [part, edge]) {
      const { blocks, sums } = await deflated(piecesOf(bytes, 65_537));
      assert.ok(zlib.inflateRawSync(Buffer.concat(blocks)).equals(bytes));
      assert.equal(sums.crc32, zlib.crc32(bytes));
    }
    const { blocks } = await deflated(piecesOf(part, 65_537));
    assert.equal(zlib.inflateRawSync(Buffer.concat(blocks)).toString('utf8').indexOf('𝄞'), BLOCK_BYTES - 1);
  });

  it('makes an empty part one empty final block', async () => {
    const { blocks, sums } = await deflated([]);
    assert.equal(zlib.inflateRawSync(Buffer.concat(blocks)).length, 0);
    assert.deepEqual(sums, { crc32: 0, size: 0, compressedSize: 2 });
  });

  it('passes on the failure of the bytes it deflates', async () => {
    async function* failing(): AsyncIterable<Buffer> {
      yield Buffer.alloc(3 * BLOCK_BYTES, 'a');
      throw new Error('the patch failed');
    }
    await assert.rejects(deflated(failing()), /the patch failed/);
  });
});

/** The entries of a zip as yauzl reads them, with the flags and sizes of each local header. */
async function entriesOf(file: string): Promise<{ name: string; method: number; flags: number; data: Buffer }[]> {
  const bytes = await fs.readFile(file);
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  const entries = [];
  for await (const entry of zip.eachEntry()) {
    const at = entry.relativeOffsetOfLocalHeader;
    const local = {
      flags: bytes.readUInt16LE(at + 6),
      crc: bytes.readUInt32LE(at + 14),
      size: bytes.readUInt32LE(at + 22),
    };
    assert.deepEqual([local.crc, local.size], [entry.crc32, entry.uncompressedSize], `${entry.fileName}: local header`);
    const chunks: Buffer[] = [];
    if (!entry.fileName.endsWith('/'))
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({
      name: entry.fileName,
      method: entry.compressionMethod,
      flags: local.flags,
      data: Buffer.concat(chunks),
    });
  }
  zip.close();
  return entries;
}

const UNZIP = { program: 'unzip', answers: runs('unzip', ['-v']), install: 'apt-get install unzip' };
const PYTHON = {
  program: '/usr/bin/python3',
  answers: runs('/usr/bin/python3', ['--version']),
  install: 'apt-get install python3',
};

describeNeeding("the copy's zip, read by yauzl, unzip and Python's zipfile", [UNZIP, PYTHON], function () {
  this.timeout(60_000);
  const tmp = tempFolder('zip');

  it('holds a folder, a stored part, a large part deflated in blocks and an empty one, sizes before the data', async () => {
    const file = path.join(tmp(), 'entries.zip');
    const large = Buffer.from(`${sheetText(3 * BLOCK_BYTES + 12_345)}€`);
    const stored = Buffer.from('stored as it is');
    const mtime = new Date(2024, 4, 17, 10, 30, 42);
    const zip = await ZipWriter.create(file, (name) => new Error(`${name} too large`));
    await zip.directory('xl/', mtime);
    await zip.stored('xl/media/image1.png', mtime, stored);
    await zip.deflated('xl/worksheets/sheet1.xml', mtime, piecesOf(large, 77_777));
    await zip.deflated('xl/empty.xml', mtime, []);
    await zip.finish();

    const entries = await entriesOf(file);
    assert.deepEqual(
      entries.map((e) => [e.name, e.method, e.flags]),
      [
        ['xl/', 0, 0x800],
        ['xl/media/image1.png', 0, 0x800],
        ['xl/worksheets/sheet1.xml', 8, 0x800],
        ['xl/empty.xml', 8, 0x800],
      ],
      'UTF-8 names, no data descriptor',
    );
    assert.ok(entries[1].data.equals(stored));
    assert.ok(entries[2].data.equals(large));
    assert.equal(entries[3].data.length, 0);

    execFileSync('unzip', ['-tq', file], { stdio: 'pipe' });
    assert.ok(execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { maxBuffer: 64 << 20 }).equals(large));
    const python = `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(z.getinfo('xl/worksheets/sheet1.xml').date_time, len(z.read('xl/worksheets/sheet1.xml')))`;
    const said = execFileSync('/usr/bin/python3', ['-c', python, file], { encoding: 'utf8' }).trim();
    assert.equal(said, `(2024, 5, 17, 10, 30, 42) ${large.length}`);
  });

  it('copies a package whose sheet is patched into several blocks, every other part as it was', async () => {
    const sheet = Buffer.from(`<worksheet><sheetData>${sheetText(2 * BLOCK_BYTES)}</sheetData></worksheet>`);
    const parts = new Map([
      ['[Content_Types].xml', Buffer.from('<Types/>')],
      ['xl/worksheets/sheet1.xml', sheet],
      ['xl/styles.xml', Buffer.from('<styleSheet/>')],
    ]);
    const bytes = await zipParts(parts);
    const pkg = await WorkbookPackage.open(bytes);
    const edit = new PackageEdit(pkg);
    // The patch makes each L two bytes (Ł), wherever the chunks it is handed are cut.
    const patch = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace(/L/g, 'Ł'));
    edit.setContent('xl/worksheets/sheet1.xml', async function* (original) {
      for await (const chunk of original) yield patch(chunk);
    });
    const out = path.join(tmp(), 'copy.xlsx');
    await edit.write(bytes, out);
    pkg.close();
    const expected = patch(sheet);
    const entries = await entriesOf(out);
    assert.deepEqual(
      entries.map((e) => e.name),
      [...parts.keys()],
    );
    assert.ok(entries[1].data.equals(expected), 'the patched sheet');
    assert.ok(entries[1].data.length > 2 * BLOCK_BYTES);
    assert.ok(entries[0].data.equals(parts.get('[Content_Types].xml') ?? Buffer.alloc(0)));
    assert.ok(entries[2].data.equals(parts.get('xl/styles.xml') ?? Buffer.alloc(0)));
    execFileSync('unzip', ['-tq', out], { stdio: 'pipe' });
    assert.ok(execFileSync('unzip', ['-p', out, 'xl/worksheets/sheet1.xml'], { maxBuffer: 64 << 20 }).equals(expected));
  });
});
