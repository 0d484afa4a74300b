// What a block of the rules sheet becomes as it is read: the JSON a centre would write, with the cell of each field
// it fills and the rows of its tables. Its own module so that the block's reader (block.ts) and its
// tables' reader (rows.ts) share these types without importing each other.
import type { PathSegment } from '../rules/model';
import type { TableName } from './layout';

export type Json = Record<string, unknown>;

export interface BlockStart {
  row: number;
  column: number;
}

export interface Block {
  start: BlockStart;
  json: Json;
  /** JSON path (as `formatPath` writes it, prefix `[0]`) to the A1 cell that holds it. */
  cells: Map<string, string>;
  /** Grid rows of the units, groups, rules and equivalent units, by their position in the JSON lists. */
  rows: Record<TableName, number[]>;
  /** The grid row after the block's last row. */
  end: number;
  id?: string;
}

/** Records the cell that holds the field at a JSON path. */
export type Mark = (path: readonly PathSegment[], row: number, column: number) => void;
