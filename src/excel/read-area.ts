// Which block of the active sheet a read covers: its used range, or the selected table or range, decided in the
// first syncs from the sheet's used range, tables and selection, in 1-based sheet coordinates for the reader.
import { rangeAddress, type CellRange } from '../sheet';
import type { ReadScope } from '../sheet';
import type { HostContext, HostRange } from './host';

interface Box {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

function boxOf(range: HostRange): Box {
  return {
    rowIndex: range.rowIndex,
    columnIndex: range.columnIndex,
    rowCount: range.rowCount,
    columnCount: range.columnCount,
  };
}

export function toRange(box: Box): CellRange {
  return {
    top: box.rowIndex + 1,
    left: box.columnIndex + 1,
    bottom: box.rowIndex + box.rowCount,
    right: box.columnIndex + box.columnCount,
  };
}

/** A loaded range (rowIndex, columnIndex, rowCount, columnCount) as 1-based sheet coordinates. */
export function rangeCells(range: HostRange): CellRange {
  return toRange(boxOf(range));
}

function intersect(a: Box, b: Box): Box | null {
  const top = Math.max(a.rowIndex, b.rowIndex);
  const left = Math.max(a.columnIndex, b.columnIndex);
  const bottom = Math.min(a.rowIndex + a.rowCount, b.rowIndex + b.rowCount);
  const right = Math.min(a.columnIndex + a.columnCount, b.columnIndex + b.columnCount);
  return top < bottom && left < right
    ? { rowIndex: top, columnIndex: left, rowCount: bottom - top, columnCount: right - left }
    : null;
}

function insideBox(outer: Box, inner: Box): boolean {
  return (
    inner.rowIndex >= outer.rowIndex &&
    inner.columnIndex >= outer.columnIndex &&
    inner.rowIndex + inner.rowCount <= outer.rowIndex + outer.rowCount &&
    inner.columnIndex + inner.columnCount <= outer.columnIndex + outer.columnCount
  );
}

const BOX_PROPS = 'address,rowIndex,columnIndex,rowCount,columnCount';

interface Located {
  sheetName: string;
  box: Box | null;
  source: string;
  tables: { name: string; range: string }[];
  wholeSheet?: boolean;
  pivotTables: number;
}

/** First syncs: the sheet, its used range, its tables and (for `selection`) the selection; decides the block to read. */
export async function locate(context: HostContext, scope: ReadScope, area?: CellRange): Promise<Located> {
  const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
  const used = sheet.getUsedRangeOrNullObject(true).load(BOX_PROPS);
  sheet.tables.load('items/name');
  // Counted in the same sync: a pivot table's field labels would be read as units and "Grand Total" as a learner.
  const pivots = sheet.pivotTables.getCount();
  const selection = scope === 'selection' ? context.workbook.getSelectedRange().load(BOX_PROPS) : null;
  await context.sync();

  const tableRanges = sheet.tables.items.map((table) => ({
    name: table.name,
    range: table.getRange().load(BOX_PROPS),
  }));
  if (tableRanges.length > 0) await context.sync();
  const tables = tableRanges.map((t) => ({
    name: t.name,
    box: boxOf(t.range),
    range: rangeAddress(toRange(boxOf(t.range))),
  }));
  const usedBox = used.isNullObject ? null : boxOf(used);
  const plainTables = tables.map(({ name, range }) => ({ name, range }));
  // eslint-disable-next-line office-addins/load-object-before-read -- getCount() gives a ClientResult, whose value the sync fills: there is nothing to load
  const pivotTables = pivots.value;

  if (area) {
    const wanted = {
      rowIndex: area.top - 1,
      columnIndex: area.left - 1,
      rowCount: area.bottom - area.top + 1,
      columnCount: area.right - area.left + 1,
    };
    const box = usedBox ? intersect(wanted, usedBox) : null;
    return {
      sheetName: sheet.name,
      box,
      source: box ? `range ${rangeAddress(toRange(box))}` : 'nothing',
      tables: plainTables,
      pivotTables,
    };
  }
  if (selection) {
    const selected = boxOf(selection);
    const single = selected.rowCount === 1 && selected.columnCount === 1;
    const table = tables.find((t) => insideBox(t.box, selected));
    if (table && (single || insideBox(table.box, selected))) {
      return {
        sheetName: sheet.name,
        box: table.box,
        source: `table ${table.name} (${table.range})`,
        tables: plainTables,
        pivotTables,
      };
    }
    if (!single) {
      const box = usedBox ? intersect(selected, usedBox) : null;
      return {
        sheetName: sheet.name,
        box,
        source: `selection ${rangeAddress(toRange(selected))}`,
        tables: plainTables,
        pivotTables,
      };
    }
  }
  return {
    wholeSheet: true,
    sheetName: sheet.name,
    box: usedBox,
    source: usedBox ? `used range ${rangeAddress(toRange(usedBox))}` : 'an empty sheet',
    tables: plainTables,
    pivotTables,
  };
}
