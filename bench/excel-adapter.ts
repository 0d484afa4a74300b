// What a check of 50,000 learners costs the Excel adapter on the fake host (test/fake-excel): how many syncs (round
// trips to Excel), how many bytes each request and response carries, and how long it takes. The read is compared with
// the values alone (what a read of nothing but `values` would bring back), since number formats are read only where
// a cell holds a number. Goals: at most 20 syncs; a read payload at most 1.3 x the values alone.
//   npx tsx bench/excel-adapter.ts [learners, default 50000]
import { performance } from 'node:perf_hooks';
import { type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type SyncRecord } from '../test/fake-excel';
import { fillSheet } from '../test/fake-excel/from-grid';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';

const LEARNERS = Number(process.argv[2] ?? 50_000);
const MAX_SYNCS = 20;
const MAX_READ_RATIO = 1.3;
const encoder = new TextEncoder();
const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB`;
const sum = (records: SyncRecord[], pick: (s: SyncRecord) => number) => records.reduce((n, s) => n + pick(s), 0);

async function main(): Promise<void> {
  const { grid } = await sampleGrid();
  const fake = createFakeExcel();
  const sheet = fillSheet(fake.book.addSheet('Cohort'), cohortOf(grid, LEARNERS));
  // The values alone, as Office.js would send them back for the used range: "" for an empty cell.
  const used = sheet.usedRect(true);
  if (!used) throw new Error('the bench cohort is empty');
  const valuesOnly: unknown[][] = [];
  for (let r = used.row; r < used.row + used.rows; r++) {
    const row: unknown[] = [];
    for (let c = used.column; c < used.column + used.columns; c++) row.push(sheet.value(r, c) ?? '');
    valuesOnly.push(row);
  }
  const valuesBytes = encoder.encode(JSON.stringify(valuesOnly)).length;

  const settings: CheckSettings = { catalogue: embeddedCatalogue(), scope: 'sheet', place: 'beside' };
  const started = performance.now();
  const outcome = await checkSheet(fake.run, settings);
  const ms = performance.now() - started;

  const syncs = fake.stats.syncs;
  const reads = syncs.filter((s) => s.writes === 0);
  const writes = syncs.filter((s) => s.writes > 0);
  const readBytes = sum(reads, (s) => s.responseBytes + s.requestBytes);
  const ratio = readBytes / valuesBytes;
  console.log(
    `excel-adapter: ${outcome.checks.length.toLocaleString('en-GB')} learners x ${used.columns} columns, read in ${outcome.read.chunks} chunks, ${(ms / 1000).toFixed(1)} s on the fake host`,
  );
  console.log(
    `  syncs: ${syncs.length} (${reads.length} reading, ${writes.length} writing); goal <= ${MAX_SYNCS}: ${syncs.length <= MAX_SYNCS ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  read payload: ${kb(readBytes)} (requests ${kb(sum(reads, (s) => s.requestBytes))}, responses ${kb(sum(reads, (s) => s.responseBytes))}) against ${kb(valuesBytes)} of values alone = ${ratio.toFixed(2)} x; goal <= ${MAX_READ_RATIO}: ${ratio <= MAX_READ_RATIO ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  largest request ${kb(fake.stats.maxRequestBytes)}, largest response ${kb(fake.stats.maxResponseBytes)} (the fake host refuses over 4,096 KB)`,
  );
  console.log('  per sync (request / response):');
  for (const s of syncs)
    console.log(
      `    ${String(s.number).padStart(2)} ${s.writes > 0 ? 'write' : 'read '} ${kb(s.requestBytes).padStart(9)} / ${kb(s.responseBytes).padStart(9)}${s.calculationSuspended ? '  calculation suspended' : ''}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
