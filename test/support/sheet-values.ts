// A sheet's cells as another reader (SheetJS) sees them, value and formula, to tell what a write changed.
import { strict as assert } from 'node:assert';
import * as XLSX from '@e965/xlsx';

/** Every cell of a sheet as value and formula, by address. */
export function sheetCells(bytes: Buffer, sheet: string): Map<string, { v: unknown; f?: string }> {
  const book = XLSX.read(bytes, { cellFormula: true, cellDates: true });
  const cells = book.Sheets[sheet];
  assert.ok(cells, `sheet ${sheet} is in the workbook`);
  const out = new Map<string, { v: unknown; f?: string }>();
  for (const [ref, cell] of Object.entries(cells)) {
    if (ref.startsWith('!')) continue;
    const c = cell as XLSX.CellObject;
    out.set(ref, { v: c.v instanceof Date ? c.v.toISOString() : c.v, ...(c.f ? { f: c.f } : {}) });
  }
  return out;
}

/** Addresses whose value or formula differs from `before`, among those `before` has and `owned` does not hold. */
export function changedCells(
  before: Map<string, { v: unknown; f?: string }>,
  after: Map<string, { v: unknown; f?: string }>,
  owned: (ref: string) => boolean = () => false,
): string[] {
  const changed: string[] = [];
  for (const [ref, was] of before) {
    if (owned(ref)) continue;
    const is = after.get(ref);
    if (was.f !== undefined ? is?.f !== was.f : !Object.is(is?.v, was.v)) changed.push(ref);
  }
  return changed;
}
