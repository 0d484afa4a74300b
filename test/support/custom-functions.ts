// A stand-in for Excel's CustomFunctions global: what the worksheet functions call (associate, Error, ErrorCode),
// recording what they register, and turning sheet values into what Excel hands a function.
import type { CellValue } from '../../src/sheet/types';

/** What `new CustomFunctions.Error(code, message)` makes in Excel: the cell shows `code`, its tooltip `message`. */
export class FakeExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export interface FakeCustomFunctions {
  associated: Map<string, (...args: unknown[]) => unknown>;
  global: {
    associate(id: string, fn: (...args: unknown[]) => unknown): void;
    Error: typeof FakeExcelError;
    ErrorCode: Record<string, string>;
  };
}

export function fakeCustomFunctions(): FakeCustomFunctions {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  return {
    associated,
    global: {
      associate(id, fn) {
        if (associated.has(id)) throw new Error(`${id} associated twice`);
        associated.set(id, fn);
      },
      Error: FakeExcelError,
      // The values Excel's own enum has.
      ErrorCode: {
        invalidValue: '#VALUE!',
        notAvailable: '#N/A',
        divisionByZero: '#DIV/0!',
        invalidNumber: '#NUM!',
        nullReference: '#NULL!',
        invalidName: '#NAME?',
        invalidReference: '#REF!',
      },
    },
  };
}

/** Puts the fake where the functions look for it, for code that runs in this process. */
export function installCustomFunctions(): FakeCustomFunctions {
  const fake = fakeCustomFunctions();
  (globalThis as Record<string, unknown>).CustomFunctions = fake.global;
  return fake;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A cell as Excel passes it to a function: a date as its serial number, an empty cell as "". */
export function excelArgument(value: CellValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Math.round((value.getTime() - EXCEL_EPOCH) / 86_400_000);
  if (typeof value === 'object') return '';
  return value;
}

/** Cells `from` to `to` (1-based columns) of a grid row, as Excel passes a one-row range. */
export function excelRow(
  row: readonly CellValue[] | undefined,
  from: number,
  to: number,
): (string | number | boolean)[][] {
  const cells: (string | number | boolean)[] = [];
  for (let c = from; c <= to; c++) cells.push(excelArgument(row?.[c - 1]));
  return [cells];
}

/**
 * The one cell a worksheet function gives, out of the 1 x 1 array Excel is handed (functions.json: result
 * dimensionality matrix, which requiresParameterAddresses needs); anything else is a failure.
 */
export function oneCell(result: unknown): unknown {
  if (!Array.isArray(result) || result.length !== 1 || !Array.isArray(result[0]) || result[0].length !== 1)
    throw new Error(`a worksheet function gave ${JSON.stringify(result)}, not one cell as a 1 x 1 array`);
  return (result[0] as unknown[])[0];
}

/** A worksheet function that gives its one cell, for tests that compare values. */
export function cellOf<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => unknown {
  return (...args: A) => oneCell(fn(...args));
}
