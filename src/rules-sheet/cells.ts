// The cells of the rules sheet as the reader takes them: values by grid position, coerced to text, numbers, levels,
// dates and yes or no, and the problems found in them, each on its cell inside the grid read.
import type { CellValue, Grid } from '../sheet';
import {
  cellAddress,
  parseCellAddress,
  gridWidth,
  isBlank,
  isoFromDate,
  isoFromExcelSerial,
  isoFromText,
} from '../sheet';
import { labelKey, NO_WORDS, UNKNOWN_WORDS, YES_WORDS } from './layout';

function cellError(value: CellValue): string | undefined {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && typeof value.error === 'string'
    ? value.error
    : undefined;
}

/** A cell's text as a list: other codes and other headers split on `;`, groups or units also on `,`. */
export function listOf(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A problem of the sheet, on a cell by grid position. */
export interface CellProblem {
  row: number;
  column: number;
  message: string;
}

export class RulesSheetCells {
  readonly values: CellValue[][];
  readonly height: number;
  readonly width: number;
  readonly errors: CellProblem[] = [];

  constructor(readonly grid: Grid) {
    this.values = Array.isArray(grid.values) ? grid.values : [];
    this.height = this.values.length;
    this.width = gridWidth({ ...grid, values: this.values });
  }

  value(row: number, column: number): CellValue {
    const line = this.values[row];
    return Array.isArray(line) ? (line[column] ?? null) : null;
  }

  sheetRow(row: number): number {
    return this.grid.top + row;
  }

  /** The A1 address of a grid cell; a cell past the grid's right or bottom edge is named by the nearest cell inside. */
  address(row: number, column: number): string {
    const r = Math.max(0, Math.min(row, this.height - 1));
    const c = Math.max(0, Math.min(column, this.width - 1));
    return cellAddress(this.grid.top + r, this.grid.left + c);
  }

  fail(row: number, column: number, message: string): void {
    this.errors.push({
      row: Math.max(0, Math.min(row, this.height - 1)),
      column: Math.max(0, Math.min(column, this.width - 1)),
      message,
    });
  }

  sortedErrors(): { cell: string; message: string }[] {
    const seen = new Set<string>();
    return [...this.errors]
      .sort((a, b) => a.row - b.row || a.column - b.column)
      .map((e) => ({ cell: this.address(e.row, e.column), message: e.message }))
      .filter((e) => {
        const key = `${e.cell}\n${e.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  rowIsBlank(row: number): boolean {
    const line = this.values[row];
    return !Array.isArray(line) || line.every((v) => isBlank(v));
  }

  /** A cell as text: numbers as typed, dates as ISO; an Excel error is reported and read as empty. */
  text(row: number, column: number): string | undefined {
    const value = this.value(row, column);
    const error = cellError(value);
    if (error !== undefined) {
      this.fail(row, column, `The cell shows the error ${error}: type the value itself, or correct the formula.`);
      return undefined;
    }
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (value instanceof Date) return isoFromDate(value);
    return undefined;
  }

  /** A whole number, passed on as typed for the validation to judge (negative, fractional); unknown words read as null. */
  count(row: number, column: number, what: string, unknownAllowed: boolean): number | null | undefined {
    const value = this.value(row, column);
    if (typeof value === 'number') return value;
    if (value instanceof Date || typeof value === 'boolean') {
      this.fail(
        row,
        column,
        `${what} must be a whole number${unknownAllowed ? ', or left empty when not known' : ''}; the cell holds ${value instanceof Date ? 'a date' : 'TRUE or FALSE'}.`,
      );
      return undefined;
    }
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (unknownAllowed && UNKNOWN_WORDS.includes(labelKey(text))) return null;
    this.fail(
      row,
      column,
      `${what} must be a whole number${unknownAllowed ? ', or left empty when not known' : ''}; it says "${text}".`,
    );
    return undefined;
  }

  /** A level: a number, `Level 2`, `L2`, or Entry (passed on for the validation to check the range and the word). */
  level(row: number, column: number, unknownAllowed: boolean): number | string | null | undefined {
    const value = this.value(row, column);
    if (typeof value === 'number') return value;
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const m = /^(?:level|l)?\s*(\d+)$/i.exec(text);
    if (m) return Number(m[1]);
    if (unknownAllowed && UNKNOWN_WORDS.includes(labelKey(text))) return null;
    return text;
  }

  date(row: number, column: number): string | undefined {
    const value = this.value(row, column);
    if (value instanceof Date) return isoFromDate(value);
    // Office.js gives a date cell as its serial number.
    if (typeof value === 'number') return isoFromExcelSerial(value) ?? String(value);
    const text = this.text(row, column);
    return text === undefined ? undefined : (isoFromText(text) ?? text);
  }

  /** One of a column's words (compared without case, spaces or punctuation), as the key it stands for. */
  word<K extends string>(row: number, column: number, what: string, words: Record<K, string>): K | undefined {
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const keys = Object.keys(words) as K[];
    const found = keys.find((k) => labelKey(words[k]) === labelKey(text) || labelKey(k) === labelKey(text));
    if (found === undefined)
      this.fail(row, column, `${what} must be one of ${keys.map((k) => words[k]).join(', ')}; it says "${text}".`);
    return found;
  }

  yesNo(row: number, column: number, what: string): boolean | undefined {
    const value = this.value(row, column);
    if (typeof value === 'boolean') return value;
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const key = labelKey(text);
    if (YES_WORDS.includes(key)) return true;
    if (NO_WORDS.includes(key)) return false;
    this.fail(
      row,
      column,
      `${what} must be yes (units above the level count too) or no (only units at exactly the level count); it says "${text}".`,
    );
    return undefined;
  }

  hasErrorAt(row: number, column: number): boolean {
    return this.errors.some((e) => e.row === row && e.column === Math.min(column, this.width - 1));
  }

  /** Whether a problem was found on a row from `from` up to (not including) `to`. */
  hasErrorsIn(from: number, to: number): boolean {
    return this.errors.some((e) => e.row >= from && e.row < to);
  }

  positionOf(cell: string): { row: number; column: number } {
    const at = parseCellAddress(cell);
    return at ? { row: at.row - this.grid.top, column: at.column - this.grid.left } : { row: 0, column: 0 };
  }

  /** Whether the cell holds nothing. */
  isBlank(row: number, column: number): boolean {
    return isBlank(this.value(row, column));
  }
}
