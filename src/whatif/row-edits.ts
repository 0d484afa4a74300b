// The cells a what-if choice changes on one learner's row: unit cells in the sheet's own marks (a matrix sheet), or
// the unit list cells in their own separators (a list sheet, row-edits-list.ts). Every other cell is left as it is.
import { cellAddress, columnLetters, gridValue } from '../sheet';
import { DEFAULT_MARKS, MarkReader } from '../cohort/read';
import { sheetSpelling } from './mark-spelling';
import type { ReadOptions } from '../cohort/read';
import type { RowChanges, RowToEdit } from './row-changes';
import { listChanges } from './row-edits-list';
import type { CohortReading } from '../sheet';
import { changedUnits, sheetChoices, type Choices } from './unit-choices';
import type { QualificationDefinition } from '../rules/model';

/** The sheet columns of each unit of the qualification, from headers that name that unit alone for it. */
function unitColumnsFor(reading: CohortReading, q: QualificationDefinition): Map<string, number[]> {
  const own = new Set(q.units.map((u) => u.ref));
  const columns = new Map<string, number[]>();
  for (const column of reading.unitColumns) {
    const refs = column.refs.filter((ref) => own.has(ref));
    if (refs.length !== 1) continue;
    const list = columns.get(refs[0]) ?? [];
    list.push(column.column);
    columns.set(refs[0], list);
  }
  return columns;
}

function matrixChanges(row: RowToEdit, q: QualificationDefinition, choices: Choices): RowChanges {
  const reader = new MarkReader(row.marks ?? DEFAULT_MARKS);
  const spelling = sheetSpelling(row.grid, row.reading, reader);
  const columns = unitColumnsFor(row.reading, q);
  const result: RowChanges = { changes: [], notWritten: [] };
  for (const ref of changedUnits(q, sheetChoices(row.record), choices)) {
    const found = columns.get(ref) ?? [];
    if (found.length === 0) {
      result.notWritten.push({
        ref,
        reason: `the sheet has no column for unit ${ref}: add one headed ${ref} to record it`,
      });
      continue;
    }
    if (found.length > 1) {
      const letters = found.map(columnLetters).join(' and ');
      result.notWritten.push({
        ref,
        reason: `unit ${ref} has ${found.length} columns (${letters}): keep one so its mark has one place`,
      });
      continue;
    }
    const column = found[0];
    const after = spelling[choices[ref] ?? 'none'];
    result.changes.push({
      cell: cellAddress(row.record.row, column),
      row: row.record.row,
      column,
      before: gridValue(row.grid, row.record.row, column),
      after,
      units: [ref],
    });
  }
  return result;
}

/** The cells to write so the learner's row says what the what-if chose, and the units it cannot say. */
export function planRowChanges(row: RowToEdit, choices: Choices, options: ReadOptions): RowChanges {
  const q = row.record.qualification;
  if (!q) return { changes: [], notWritten: [] };
  return row.reading.layout === 'matrix' ? matrixChanges(row, q, choices) : listChanges(row, q, choices, options);
}
