// The sample cohort as a Grid (read with the command line's own reader), and larger cohorts made from it.
import path from 'node:path';
import { gridOfFile } from '../support/sheet-grid';
import type { Grid } from '../../src/sheet/types';

export const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'cohort-600-5106-1.xlsx');

let cached: { grid: Grid; sheetName: string } | undefined;

export async function sampleGrid(): Promise<{ grid: Grid; sheetName: string }> {
  cached ??= await gridOfFile(SAMPLE);
  return cached;
}

/** The sample's header and its first `learners` rows, repeated as often as needed; learner ids stay unique. */
export function cohortOf(sample: Grid, learners: number): Grid {
  const body = sample.values.slice(1);
  const formats = sample.numberFormats ?? [];
  const values = [sample.values[0]];
  const numberFormats = [formats[0] ?? []];
  for (let i = 0; i < learners; i++) {
    const row = body[i % body.length].slice();
    if (i >= body.length) row[0] = `${String(row[0])}-${Math.floor(i / body.length)}`;
    values.push(row);
    numberFormats.push(formats[1 + (i % body.length)] ?? []);
  }
  return { ...sample, values, numberFormats, hiddenRows: [], hiddenColumns: [], tables: [] };
}
