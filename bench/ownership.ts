// The ownership record for a large cohort: how big its custom XML parts get (the head and the parts of rows), and how long it takes to make, read
// back and compare with the sheet (each check does all three). The sample cohort's learners repeated to 50,000.
// Run: npx tsx bench/ownership.ts [learners]
import { performance } from 'node:perf_hooks';
import { checkCohort } from '../src/cohort/verdict/learner-result';
import { decideOwnership } from '../src/placement/ownership';
import { ownedBlockOf } from '../src/placement/ownership-record';
import { ownershipParts, recordOfParts } from '../src/placement/ownership-xml';
import { readCohort } from '../src/cohort/read';
import { resultsBlock } from '../src/cohort/verdict/results';
import { withNotCounted } from '../src/placement/unit-highlight';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';

const LEARNERS = Number(process.argv[2] ?? 50_000);

async function main(): Promise<void> {
  const { grid } = await sampleGrid();
  const big = cohortOf(grid, LEARNERS);
  const reading = readCohort(big, { catalogue: embeddedCatalogue() });
  const checks = checkCohort(reading);
  const block = withNotCounted(resultsBlock(reading, checks), reading, checks, big);
  const firstColumn = reading.lastColumn + 1;
  const written = {
    sheetName: 'Cohort',
    headerRow: reading.headerRow,
    firstColumn,
    header: block.header,
    firstRow: reading.headerRow + 1,
    rows: block.rows,
  };

  let t = performance.now();
  const parts = ownershipParts({ blocks: [ownedBlockOf(written)] });
  const made = performance.now() - t;
  const bytes = parts.reduce((n, p) => n + p.xml.length, 0);
  const largest = Math.max(...parts.map((p) => p.xml.length));
  t = performance.now();
  const record = recordOfParts(new Map(parts.map((p) => [p.namespace, p.xml])));
  const parsed = performance.now() - t;
  const owned = record?.blocks[0];
  if (!owned) throw new Error('the record did not read back');
  const value = (row: number, column: number) =>
    (row === written.headerRow
      ? block.header[column - firstColumn]
      : block.rows[row - written.firstRow]?.[column - firstColumn]) ?? null;
  t = performance.now();
  const decision = decideOwnership(owned, value, {
    top: written.headerRow,
    left: firstColumn,
    bottom: reading.lastRow,
    right: firstColumn + block.header.length - 1,
  });
  const compared = performance.now() - t;
  console.log(
    `ownership: ${LEARNERS} learners x ${block.header.length} columns: record ${(bytes / 1024).toFixed(0)} KB in ${parts.length} parts (largest ${(largest / 1024).toFixed(1)} KB); made in ${made.toFixed(0)} ms, ` +
      `read back in ${parsed.toFixed(0)} ms, compared with the sheet in ${compared.toFixed(0)} ms (${decision.writable ? 'all cells as written' : 'cells changed'})`,
  );
}

void main();
