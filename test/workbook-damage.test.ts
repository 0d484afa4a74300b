// The reproducers of damaged and hostile packages (../shared/repro, README there): a part whose CRC-32 fails is damage,
// named in one line with exit 2 and nothing written; a part that unpacks far out of proportion (a zip bomb) is refused
// in one line within seconds; an empty <v/> is an empty cell.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gridValue } from '../src/sheet/grid';
import { qualcheck } from './support/cli';
import { describeNeeding, sharedPath } from './support/needs';
import { gridOfFile } from './support/sheet-grid';

const REPRO = sharedPath('repro');

describeNeeding('damaged and hostile packages (the reproducers of the shared folder)', [REPRO], function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'qualcheck-damage-'));
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  /** `check FILE ...` on a reproducer: it must be refused in one line, exit 2, with nothing left in the folder. */
  async function refused(file: string, args: string[]): Promise<string> {
    const result = await qualcheck(['check', path.join(REPRO, file), ...args]);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.deepEqual(await fs.readdir(tmp), [], 'nothing is written, not even a partial file');
    return lines[0];
  }

  for (const [file, part] of [
    ['bad-bitflip.xlsx', 'xl/worksheets/sheet2.xml'],
    ['bad-bitflip-deflate.xlsx', 'xl/worksheets/sheet1.xml'],
  ]) {
    it(`${file}: a part whose CRC-32 fails is damage, named in one line, and no copy is written`, async () => {
      const line = await refused(file, ['--out', path.join(tmp, 'out.xlsx')]);
      assert.match(line, new RegExp(`is damaged .*part ${part.replace(/\./g, '\\.')} fails its CRC-32 check`));
    });
  }

  for (const args of [['--json'], ['--out', 'OUT']]) {
    it(`bad-zip-bomb.xlsx: check ${args.join(' ')} refuses the 300 MB sheet in one line before unpacking it`, async () => {
      const line = await refused(
        'bad-zip-bomb.xlsx',
        args.map((a) => (a === 'OUT' ? path.join(tmp, 'out.xlsx') : a)),
      );
      assert.match(line, /part xl\/worksheets\/sheet1\.xml unpacks to 300 MB, 1,026 times its packed size/);
    });
  }

  it('empty-v-shared-string.xlsx: an empty <v/> in a shared-string cell is an empty cell, not string 0', async () => {
    const { grid } = await gridOfFile(path.join(REPRO, 'empty-v-shared-string.xlsx'));
    const row = (r: number) => [1, 2, 3].map((c) => gridValue(grid, r, c));
    assert.deepEqual(row(1), ['Name', 'City', 'Status']);
    assert.deepEqual(row(2), ['Alice', null, 'Active']);
    assert.deepEqual(row(3), [null, 'Berlin', null]);
  });
});
