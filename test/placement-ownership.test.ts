// The ownership record and the decision made from it: pure code shared by the add-in and the command line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseRange, rangeAddress } from '../src/sheet/address';
import { decideOwnership, locateBlock, type CellReader } from '../src/placement/ownership';
import {
  EMPTY_FINGERPRINT,
  fingerprint,
  OWNERSHIP_NAMESPACE,
  ownedBlockOf,
  recordWrite,
  rewriteCells,
  splitFingerprints,
  type OwnershipRecord,
  type WrittenBlock,
} from '../src/placement/ownership-record';
import {
  ownershipParts,
  ownershipPartsOfRow,
  parseOwnership,
  PART_ROWS,
  recordOfParts,
  serialiseOwnership,
  type RecordPart,
} from '../src/placement/ownership-xml';
import type { CellValue } from '../src/sheet/types';

const HEADER = ['qualcheck: achieved credits', 'qualcheck: status', 'qualcheck: next step'];

function written(rows: (string | number | null)[][], over: Partial<WrittenBlock> = {}): WrittenBlock {
  return { sheetName: 'Cohort', headerRow: 1, firstColumn: 4, header: HEADER, firstRow: 2, rows, ...over };
}

/** A sheet as a map of A1 addresses, with what the block wrote already in it. */
function sheetAfter(w: WrittenBlock): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  w.header.forEach((h, i) =>
    cells.set(
      rangeAddress({ top: w.headerRow, left: w.firstColumn + i, bottom: w.headerRow, right: w.firstColumn + i }),
      h,
    ),
  );
  w.rows.forEach((row, r) =>
    row.forEach((v, i) => {
      const value = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
      if (value !== null && value !== '')
        cells.set(
          rangeAddress({
            top: w.firstRow + r,
            left: w.firstColumn + i,
            bottom: w.firstRow + r,
            right: w.firstColumn + i,
          }),
          value,
        );
    }),
  );
  return cells;
}

function reader(cells: Map<string, CellValue>): CellReader {
  return (row, column) => cells.get(rangeAddress({ top: row, left: column, bottom: row, right: column })) ?? null;
}

const target = (w: WrittenBlock) => ({
  top: w.headerRow,
  left: w.firstColumn,
  bottom: w.firstRow + w.rows.length - 1,
  right: w.firstColumn + w.header.length - 1,
});

describe('ownership record', () => {
  const w = written([
    [34, 'achieved', ''],
    [20, 'incomplete', 'add F/502/4379 (4 cr)'],
    [null, null, null],
    [12, 'invalid', "'=not a formula"],
  ]);

  it('gives the same record back from its XML, in the qualcheck namespace, with a sheet name that needs escaping', () => {
    const record = recordWrite(
      recordWrite(null, w),
      written([[1, 'on-track', '']], { sheetName: `Tom & Jo's "<cohort>"` }),
    );
    const xml = serialiseOwnership(record);
    assert.ok(xml.includes(`xmlns="${OWNERSHIP_NAMESPACE}"`));
    assert.deepEqual(parseOwnership(xml), record);
    assert.equal(record.blocks.length, 2);
  });

  it('reads the record with a namespace prefix and single quotes, and drops a block whose columns do not add up', () => {
    const xml = serialiseOwnership({ blocks: [ownedBlockOf(w)] });
    const prefixed = xml
      .replace(/<(\/?)(ownership|block|column)\b/g, '<$1q:$2')
      .replace(`xmlns=`, 'xmlns:q=')
      .replace(/"/g, "'");
    assert.deepEqual(parseOwnership(prefixed), { blocks: [ownedBlockOf(w)] });
    const short = xml.replace(/<column>([^<]*)<\/column>/, (_, c: string) => `<column>${c.slice(3)}</column>`);
    assert.deepEqual(parseOwnership(short), { blocks: [] });
    assert.equal(parseOwnership('<other xmlns="urn:someone-else"/>'), undefined);
  });

  it('replaces the block of the sheet written and keeps the others', () => {
    const two = recordWrite(recordWrite(null, w), written([[1, 'x', '']], { sheetName: 'Other' }));
    const again = recordWrite(two, written([[2, 'y', '']]));
    assert.deepEqual(
      again.blocks.map((b) => [b.sheet, b.rows]),
      [
        ['Other', 1],
        ['Cohort', 1],
      ],
    );
  });

  it('tells a number from the same digits typed as text only as Excel does (not at all), and any other change apart', () => {
    assert.equal(fingerprint(12), fingerprint('12'));
    assert.equal(fingerprint(''), fingerprint(null));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), (a, b) => {
        fc.pre(a.trim() !== '' && a !== b);
        return fingerprint(a) !== fingerprint(b);
      }),
      // 18 bits collide once in 262,144 pairs: a fixed seed keeps the run the same.
      { seed: 13, numRuns: 500 },
    );
    const words = [
      'achieved',
      'on-track',
      'incomplete',
      'needs-data',
      'invalid',
      'ring Ben on Monday',
      'agreed with IQA: achieved',
    ];
    assert.equal(new Set(words.map(fingerprint)).size, words.length);
  });

  it('stays near 1 MB for 50,000 learners by 8 result columns, in parts of a few KB', () => {
    const statuses = ['achieved', 'on-track', 'incomplete', 'needs-data', 'invalid'];
    const rows = Array.from({ length: 50_000 }, (_, i) => [
      i % 40,
      (i * 7) % 45,
      `${i % 20} at level 2`,
      statuses[i % 5],
      i % 3 ? '' : `too few credits (${i})`,
      i % 5 === 2 ? `add unit ${i}` : '',
      '',
      i % 9 ? '' : 'L/601/1225',
    ]);
    const parts = ownershipParts({
      blocks: [ownedBlockOf(written(rows, { header: [...HEADER, 'a', 'b', 'c', 'd', 'e'] }))],
    });
    const sizes = parts.map((p) => Buffer.byteLength(p.xml));
    const bytes = sizes.reduce((a, b) => a + b, 0);
    assert.ok(bytes < 1_250_000, `${bytes} bytes`);
    assert.equal(parts.length, 1 + Math.ceil(50_001 / PART_ROWS));
    assert.ok(Math.max(...sizes) < 8_000, `largest part ${Math.max(...sizes)} bytes`);
  });
});

describe('ownership record after Apply', () => {
  it('fingerprints a value repeated down a column as it reads back, each cell alike', () => {
    // The block fingerprints each distinct value once: a number, the same number as text and as an apostrophe text
    // read back alike, an empty text and null are empty, and a formula-like text keeps its apostrophe off.
    const rows: (string | number | null)[][] = [
      [5, 'achieved', "'=A1"],
      ['5', 'achieved', '=A1'],
      ["'5", '', null],
      [5, 'achieved', "'=A1"],
    ];
    const block = ownedBlockOf(written(rows));
    const expected = HEADER.map((head, c) =>
      [
        fingerprint(head),
        ...rows.map((row) => fingerprint(row[c] === "'5" ? '5' : row[c] === "'=A1" ? '=A1' : row[c])),
      ].join(''),
    );
    assert.deepEqual(block.cells, expected);
    assert.equal(splitFingerprints(block.cells[0])?.slice(1).length, 4);
    assert.equal(new Set(splitFingerprints(block.cells[0])?.slice(1)).size, 1);
  });

  it('gives each rewritten cell its new fingerprint, whatever was there, and extends the block to a row below it', () => {
    const block = ownedBlockOf(
      written([
        [34, 'achieved', ''],
        [null, null, null],
        [12, 'invalid', 'add F/502/4379 (4 cr)'],
      ]),
    );
    const after = rewriteCells(block, [
      { row: 2, column: 4, value: null },
      { row: 3, column: 5, value: 'on-track' },
      { row: 4, column: 6, value: "'=not a formula" },
      { row: 7, column: 5, value: 'achieved' },
      { row: 5, column: 99, value: 'outside the block' },
    ]);
    assert.equal(after.rows, 6);
    const cells = after.cells.map((c) => splitFingerprints(c));
    const fp = (v: CellValue) => fingerprint(v);
    assert.deepEqual(cells, [
      [fp(HEADER[0]), '.', '.', fp(12), '.', '.', '.'],
      [fp(HEADER[1]), fp('achieved'), fp('on-track'), fp('invalid'), '.', '.', fp('achieved')],
      [fp(HEADER[2]), '.', '.', fp('=not a formula'), '.', '.', '.'],
    ]);
  });
});

describe('ownership record in parts', () => {
  // The rows test/fixtures/ownership-before-parts.xml was written for, by the record's code before parts (5f7cd9a).
  const rows = Array.from({ length: 300 }, (_, i) => [
    i % 40,
    ['achieved', 'incomplete', 'invalid'][i % 3],
    i % 4 ? '' : `add unit ${i}`,
  ]);
  const block = ownedBlockOf(written(rows, { sheetName: 'Cohort & Co' }));
  const record: OwnershipRecord = { blocks: [block] };
  const byNamespace = (parts: readonly RecordPart[]) => new Map(parts.map((p) => [p.namespace, p.xml]));

  it('reads a record written before parts (300 rows whole in one part) as it always did', () => {
    const before = readFileSync(path.join(__dirname, 'fixtures', 'ownership-before-parts.xml'), 'utf8');
    assert.deepEqual(parseOwnership(before), record);
    assert.deepEqual(recordOfParts(new Map([[OWNERSHIP_NAMESPACE, before]])), record);
  });

  it('keeps rows 2-250 and 251-301 in parts of their own beside the head, and gives the same record back', () => {
    const parts = ownershipParts(record);
    assert.equal(parts.length, 3);
    assert.equal(parts[0].namespace, OWNERSHIP_NAMESPACE);
    assert.deepEqual(
      parts.slice(1).map((p) => p.namespace),
      [`${OWNERSHIP_NAMESPACE}:rows:Cohort%20%26%20Co:0`, `${OWNERSHIP_NAMESPACE}:rows:Cohort%20%26%20Co:1`],
    );
    for (const p of parts) assert.ok(p.xml.includes(`xmlns="${p.namespace.replace(/&/g, '&amp;')}"`), p.namespace);
    assert.deepEqual(recordOfParts(byNamespace(parts)), record);
  });

  it('keeps a block of at most 250 rows whole in its head, as every record was before parts', () => {
    const small = { blocks: [ownedBlockOf(written(rows.slice(0, PART_ROWS - 1)))] };
    const parts = ownershipParts(small);
    assert.equal(parts.length, 1);
    assert.deepEqual(parseOwnership(parts[0].xml), small);
  });

  it("takes no cell of a part that is missing or does not add up for qualcheck's", () => {
    const parts = byNamespace(ownershipParts(record));
    const [, first, second] = [...parts.keys()];
    parts.delete(first);
    parts.set(second, parts.get(second)!.replace('<column>', '<column>AAA'));
    const read = recordOfParts(parts)!.blocks[0];
    assert.equal(read.rows, 300);
    for (const column of read.cells) {
      const fps = splitFingerprints(column)!;
      assert.equal(fps.length, 301);
      assert.equal(fps[0], splitFingerprints(block.cells[read.cells.indexOf(column)])![0], 'the header is kept');
      assert.ok(fps.slice(1).every((fp) => fp === EMPTY_FINGERPRINT));
    }
  });

  it('is dropped whole by a reader of the format before parts, whose column is then too short', () => {
    const head = ownershipParts(record)[0].xml;
    assert.match(head, /rowsInParts="250"/);
    // Before parts, a column had to hold one fingerprint for the header and each row, or its block was dropped.
    const columns = [...head.matchAll(/<column>([^<]*)<\/column>/g)].map((m) => splitFingerprints(m[1])?.length);
    assert.deepEqual(columns, [1, 1, 1]);
  });

  it('keeps the rows of a part written before Apply extended the block below it', () => {
    const parts = byNamespace(ownershipParts(record));
    // Apply on a learner added below the block, in a part of its own: the head and that part are all it writes.
    const next = { blocks: [rewriteCells(block, [{ row: 560, column: 5, value: 'on-track' }])] };
    for (const p of ownershipPartsOfRow(next, 'Cohort & Co', 560)) parts.set(p.namespace, p.xml);
    const read = recordOfParts(parts)!.blocks[0];
    assert.equal(read.rows, 559);
    for (const [c, column] of read.cells.entries()) {
      const fps = splitFingerprints(column)!;
      assert.deepEqual(
        fps.slice(0, 301),
        splitFingerprints(block.cells[c]),
        'the rows the check wrote are still proven',
      );
      assert.ok(fps.slice(301, 559).every((fp) => fp === EMPTY_FINGERPRINT));
      assert.equal(fps[559], c === 1 ? fingerprint('on-track') : EMPTY_FINGERPRINT);
    }
  });

  it("gives Apply the head and the one part that hold a row, as the whole record's parts have them", () => {
    const next = { blocks: [rewriteCells(block, [{ row: 260, column: 5, value: 'on-track' }])] };
    const all = byNamespace(ownershipParts(next));
    const ofRow = ownershipPartsOfRow(next, 'Cohort & Co', 260);
    assert.deepEqual(
      ofRow.map((p) => p.namespace),
      [OWNERSHIP_NAMESPACE, `${OWNERSHIP_NAMESPACE}:rows:Cohort%20%26%20Co:1`],
    );
    for (const p of ofRow) assert.equal(p.xml, all.get(p.namespace));
    assert.notEqual(all.get(ofRow[1].namespace), byNamespace(ownershipParts(record)).get(ofRow[1].namespace));
  });
});

describe('ownership decision', () => {
  const w = written([
    [34, 'achieved', ''],
    [20, 'incomplete', 'add F/502/4379 (4 cr)'],
    [12, 'invalid', "'=not a formula"],
  ]);
  const block = ownedBlockOf(w);

  it('lets every cell be written again when nothing changed', () => {
    const d = decideOwnership(block, reader(sheetAfter(w)), target(w));
    assert.deepEqual(d, { writable: true, edited: [], foreign: [], stale: [] });
  });

  it('keeps a cell a person typed into, or emptied and retyped, and names it; an emptied cell may be written', () => {
    const cells = sheetAfter(w);
    cells.set('F2', 'ring Ben on Monday');
    cells.set('E3', 'agreed with IQA: achieved');
    cells.set('E4', 'agreed with IQA: achieved');
    cells.delete('D2');
    const d = decideOwnership(block, reader(cells), target(w));
    assert.equal(d.writable, false);
    assert.deepEqual(d.edited.map(rangeAddress), ['E3:E4', 'F2']);
    cells.delete('F2');
    cells.delete('E3');
    cells.delete('E4');
    assert.equal(decideOwnership(block, reader(cells), target(w)).writable, true);
  });

  it('keeps anything in a cell of the target qualcheck never wrote (the block grew) and empties its own below a shorter cohort', () => {
    const cells = sheetAfter(w);
    cells.set('D5', 'a note under the results');
    const longer = decideOwnership(block, reader(cells), { ...target(w), bottom: 5 });
    assert.deepEqual(longer.foreign.map(rangeAddress), ['D5']);
    assert.equal(longer.writable, false);
    const shorter = decideOwnership(block, reader(sheetAfter(w)), { ...target(w), bottom: 2 });
    assert.equal(shorter.writable, true);
    assert.deepEqual(shorter.stale.map(rangeAddress), ['D3:F4']);
  });

  it('takes rows sorted with their results as still its own, but not a sorted row a person then typed into', () => {
    const cells = sheetAfter(w);
    const swap = (a: number, b: number) => {
      for (const column of ['D', 'E', 'F']) {
        const [x, y] = [cells.get(`${column}${a}`), cells.get(`${column}${b}`)];
        if (y === undefined) cells.delete(`${column}${a}`);
        else cells.set(`${column}${a}`, y);
        if (x === undefined) cells.delete(`${column}${b}`);
        else cells.set(`${column}${b}`, x);
      }
    };
    swap(2, 4);
    assert.deepEqual(decideOwnership(block, reader(cells), target(w)), {
      writable: true,
      edited: [],
      foreign: [],
      stale: [],
    });
    // Typed into after the sort, the row matches no row qualcheck wrote: every cell of it that moved is kept too.
    cells.set('E2', 'agreed with IQA: achieved');
    const typed = decideOwnership(block, reader(cells), target(w));
    assert.equal(typed.writable, false);
    assert.deepEqual(typed.edited.map(rangeAddress), ['D2:F2']);
  });

  it('finds the block where it moved whole, and knows when it was deleted', () => {
    const cells = new Map(
      [...sheetAfter(w)].map(([a, v]) => {
        const r = parseRange(a);
        assert.ok(r);
        return [rangeAddress({ top: r.top + 2, left: r.left + 1, bottom: r.top + 2, right: r.left + 1 }), v] as const;
      }),
    );
    const moved = locateBlock(block, reader(cells), 3, 10);
    assert.ok(moved && moved !== 'gone');
    assert.deepEqual([moved.headerRow, moved.firstColumn], [3, 5]);
    assert.equal(decideOwnership(moved, reader(cells), { top: 3, left: 5, bottom: 6, right: 7 }).writable, true);
    assert.equal(locateBlock(block, reader(new Map()), 1, 10), 'gone');
    assert.equal(locateBlock(block, reader(new Map([['E1', 'qualcheck: status (mine)']])), 1, 10), undefined);
  });
});
