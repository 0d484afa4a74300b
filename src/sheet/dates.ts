// Dates as cohort sheets hold them: Excel dates, serial numbers, and text typed the UK way round. One reading of
// dates serves unit marks (achieved on a date), dates of birth and registration dates alike.
import type { CellValue } from './types';

export interface DateProblem {
  code: 'bad-date';
  message: string;
}

export interface DateReading {
  /** ISO `YYYY-MM-DD`. */
  date?: string;
  problem?: DateProblem;
  /** How an ambiguous part was read (a two-digit year), for the user to confirm. */
  note?: string;
}

export interface ReadDateOptions {
  /**
   * A two-digit year `yy` is read as the latest year ending in `yy` that is not after this year: a date of birth
   * is never in the future, so with 2025, `05` is 2005 and `26` is 1926. Default: the current year.
   */
  referenceYear?: number;
  /** The workbook's date system for serial numbers: 1900 (Windows, default) or 1904 (old Mac workbooks). */
  dateSystem?: 1900 | 1904;
}

const DAY_MS = 86_400_000;
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Excel's largest date serial, 31/12/9999. */
const MAX_SERIAL = 2_958_465;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function isoFromUtc(d: Date): string {
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `2005-04-03` to `03/04/2005`, the form registration templates want. */
export function formatUkDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) === null;
}

/** Why `YYYY-MM-DD` text names no day of the calendar ("February 2013 has 28 days"); null when it does, or is not in that form. */
export function isoDateProblem(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m === null ? null : calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Null when year-month-day is a real date, otherwise why not. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `${month} is not a month`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days)
    return `${MONTHS[month - 1][0].toUpperCase()}${MONTHS[month - 1].slice(1)} ${year} has ${days} days`;
  return null;
}

function bad(message: string): DateReading {
  return { problem: { code: 'bad-date', message } };
}

function fromParts(text: string, year: number, month: number, day: number): DateReading {
  const why = calendarDate(year, month, day);
  if (why !== null) return bad(`'${text}' is not a date: ${why}`);
  return { date: iso(year, month, day) };
}

/**
 * Excel's 1900 date system counts 1900 as a leap year (kept from Lotus 1-2-3): serial 60 is 29/02/1900, a day
 * that never was, so serials from 61 on are one day ahead of a plain count from 31/12/1899.
 */
function fromSerial(serial: number, system: 1900 | 1904): DateReading {
  const whole = Math.floor(serial);
  if (system === 1904) {
    if (whole < 0 || whole > MAX_SERIAL - 1462) return bad(`${serial} is not an Excel date serial`);
    return { date: isoFromUtc(new Date(Date.UTC(1904, 0, 1) + whole * DAY_MS)) };
  }
  if (whole < 1 || whole > MAX_SERIAL) return bad(`${serial} is not an Excel date serial: type the date as dd/mm/yyyy`);
  if (whole === 60) return bad('serial 60 is 29/02/1900, a day Excel counts but the calendar does not have');
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return { date: isoFromUtc(new Date(epoch + whole * DAY_MS)) };
}

function fullYear(yy: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  return century + yy <= referenceYear ? century + yy : century - 100 + yy;
}

function monthByName(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(lower) || (lower === 'sept' && m === 'september'));
  return index === -1 ? null : index + 1;
}

function fromText(raw: string, opts: ReadDateOptions): DateReading {
  const text = raw.trim().replace(/\s+/g, ' ');
  const isoLike = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$/.exec(text);
  if (isoLike) return fromParts(text, Number(isoLike[1]), Number(isoLike[3]), Number(isoLike[4]));

  const referenceYear = opts.referenceYear ?? new Date().getFullYear();
  // Day first, always: 03/04/2005 is 3 April. A sheet typed month first shows itself only where the day is over 12.
  const uk = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(text);
  if (uk) {
    const day = Number(uk[1]);
    const month = Number(uk[3]);
    if (month > 12 && day <= 12) {
      return bad(
        `'${text}' reads as month ${month}: dates are read day first (dd/mm/yyyy), so type ${pad(month)}/${pad(day)}/${uk[4]} if that was meant`,
      );
    }
    return withYear(text, uk[4], referenceYear, (year) => fromParts(text, year, month, day));
  }

  const named = /^(\d{1,2})(?:st|nd|rd|th)?(?: |-)([A-Za-z]+)\.?(?: |-|, ?)(\d{2}|\d{4})$/.exec(text);
  if (named) {
    const month = monthByName(named[2]);
    if (month === null) return bad(`'${text}': '${named[2]}' is not a month`);
    return withYear(text, named[3], referenceYear, (year) => fromParts(text, year, month, Number(named[1])));
  }
  return bad(`'${text}' is not a date this checker can read: type it as dd/mm/yyyy`);
}

function withYear(
  text: string,
  yearText: string,
  referenceYear: number,
  read: (year: number) => DateReading,
): DateReading {
  if (yearText.length === 4) return read(Number(yearText));
  const year = fullYear(Number(yearText), referenceYear);
  const reading = read(year);
  return reading.date === undefined ? reading : { ...reading, note: `two-digit year in '${text}' read as ${year}` };
}

/**
 * Reads a date cell. Blank gives neither a date nor a problem: the caller knows whether the date is required.
 * `Date` values are read in UTC, as exceljs makes them (a date-only cell is midnight UTC); any time of day is dropped.
 */
export function readDate(value: CellValue | undefined, opts: ReadDateOptions = {}): DateReading {
  if (value === null || value === undefined) return {};
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return bad('the cell holds a date Excel could not read');
    // A number outside Excel's dates in a date-formatted cell (Excel shows ####) arrives from exceljs as a Date all the
    // same, in year 10113 or before 1900: not a date anyone typed.
    const year = value.getUTCFullYear();
    if (year > 9999 || year < 1900)
      return bad(`the cell holds a number Excel cannot show as a date (it shows ####): type the date as dd/mm/yyyy`);
    return { date: isoFromUtc(value) };
  }
  if (typeof value === 'number') return fromSerial(value, opts.dateSystem ?? 1900);
  if (typeof value === 'string') return value.trim() === '' ? {} : fromText(value, opts);
  if (typeof value === 'boolean') return bad(`the cell holds ${value ? 'TRUE' : 'FALSE'}, not a date`);
  return bad(`the cell shows the error ${value.error}: fix the formula or type the date as dd/mm/yyyy`);
}

function parts(isoDate: string): [number, number, number] {
  if (!isIsoDate(isoDate)) throw new Error(`'${isoDate}' is not a date in YYYY-MM-DD form`);
  const [y, m, d] = isoDate.split('-').map(Number);
  return [y, m, d];
}

/**
 * Age in whole years on a date. A birthday counts from the day itself. Someone born on 29 February is a year older
 * on 1 March in a common year (as in UK law), because 28 February still comes before their birthday.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(on);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** The date someone born on `dateOfBirth` reaches `years` of age (1 March for a 29 February birthday in a common year). */
export function dateOfAge(dateOfBirth: string, years: number): string {
  const [by, bm, bd] = parts(dateOfBirth);
  const year = by + years;
  if (bd > daysInMonth(year, bm)) return iso(year, bm + 1, 1);
  return iso(year, bm, bd);
}

/** A date value as an ISO date, or undefined when it is not a real date (the reasons are in `readDate`). */
export function isoFromDate(date: Date): string | undefined {
  return readDate(date).date;
}

/** An Excel date serial (1 = 01/01/1900, 1900 date system) as an ISO date; the time of day is dropped. */
export function isoFromExcelSerial(serial: number): string | undefined {
  return Number.isFinite(serial) ? readDate(serial).date : undefined;
}

/** A date typed as text, day first (`12/03/2013`, `12-3-13`, `12.03.2013`, `12 March 2013`) or ISO. */
export function isoFromText(text: string): string | undefined {
  return text.trim() === '' ? undefined : readDate(text).date;
}

/** Whether an Excel number format shows a date (`dd/mm/yyyy`, `d-mmm-yy`, `[$-809]dd mmmm yyyy`), not a plain number or time. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  // Quoted text, bracketed locale or colour codes and escaped characters are not date tokens.
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/General/gi, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare) && !/[0#?]/.test(bare));
}
