// Values as a worksheet part writes them, read: a cell's reference, type and whole-number value, read where they stand
// in the part's text (a sheet has millions; nothing is cut out to be thrown away), and dates turned into the UTC
// moments Excel shows: a serial number of days in the workbook's date system, or the ISO 8601 text of a `t="d"` cell.
import type { CellValue } from '../sheet';

const DAY_MS = 86_400_000;
/** Days a JavaScript Date can reach either side of 1970, less a margin for the epochs. */
const MAX_DAYS = 100_000_000 - 30_000;

/**
 * A date serial as the UTC moment Excel shows. In the 1900 system serials below 60 count from 31/12/1899 and later
 * ones from 30/12/1899, because Excel keeps Lotus 1-2-3's 29/02/1900; serial 60 is that day and stays a number, for
 * the date reader to name. In the 1904 system serial 0 is 01/01/1904. A serial beyond Excel's dates (it shows ####)
 * still becomes a Date, one the date reader names as such.
 */
export function dateFromSerial(serial: number, date1904: boolean): Date | undefined {
  if (Math.abs(serial) > MAX_DAYS) return undefined;
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * DAY_MS));
  if (serial >= 60 && serial < 61) return undefined;
  const epoch = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * DAY_MS));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A `t="d"` cell's ISO 8601 text as a UTC moment (its wall-clock time: Excel has no time zones). */
export function dateFromIso(text: string): Date | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) {
    // A time alone (`T10:30:00` or `10:30:00`) is a time of day on Excel's day 0.
    const time = /^T?(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(text.trim());
    if (!time) return undefined;
    return new Date(
      Date.UTC(
        1899,
        11,
        30,
        Number(time[1]),
        Number(time[2]),
        Number(time[3] ?? 0),
        Math.round(Number(time[4] ?? 0) * 1000),
      ),
    );
  }
  const date = new Date(
    Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      Math.round(Number(m[7] ?? 0) * 1000),
    ),
  );
  return Number.isFinite(date.getTime()) && date.getUTCDate() === Number(m[3]) ? date : undefined;
}

let refRow = 0;

/** The row of the reference cellRefIn read last. */
export function cellRefRow(): number {
  return refRow;
}

/**
 * `s[from, to)` read as a cell reference: `AB12` → column 28, with the row for cellRefRow (a number, not an object made
 * per cell); 0 when the text is no cell reference.
 */
export function cellRefIn(s: string, from: number, to: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else if (code === 36 /* $ */) continue;
    else break;
  }
  let row = 0;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57) row = row * 10 + code - 48;
    else if (code !== 36) return 0;
  }
  refRow = row;
  return column;
}

/** A cell reference's column, its row for cellRefRow, as cellRefIn reads them. */
export function parseCellRef(ref: string): number {
  return cellRefIn(ref, 0, ref.length);
}

/**
 * A `<v>` written as a whole number in plain digits (at most 15, no leading zero: the number gives back its text), read
 * in place; -1 otherwise, for the text to be read as it always was.
 */
export function wholeNumberIn(s: string, from: number, to: number): number {
  const length = to - from;
  if (length === 0 || length > 15 || (length > 1 && s.charCodeAt(from) === 48)) return -1;
  let value = 0;
  for (let k = from; k < to; k++) {
    const code = s.charCodeAt(k);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

/** A cell's `t`; a number (`n`) when none, or one OOXML does not define. */
export type CellType = 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'd' | 'n';

export function cellTypeOf(t: string | undefined): CellType {
  switch (t) {
    case 's':
    case 'str':
    case 'inlineStr':
    case 'b':
    case 'e':
    case 'd':
      return t;
    default:
      return 'n';
  }
}

/** The value of a boolean (`b`), error (`e`) or date (`d`) cell's `<v>`, which holds more than white space. */
export function flaggedValue(type: 'b' | 'e' | 'd', text: string): CellValue {
  if (type === 'b') return text === '1' || text.trim().toLowerCase() === 'true';
  if (type === 'e') return { error: text.trim() };
  return dateFromIso(text) ?? text;
}

export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}
