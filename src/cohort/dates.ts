// Dates as cohort sheets hold them: exceljs Date objects, Excel serial numbers (Office.js), and typed text in UK order.

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, counted so that serials from 61 on land right (Excel keeps 29/02/1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** exceljs gives a date cell as the UTC midnight of that day. */
export function isoFromDate(date: Date): string | undefined {
  const t = date.getTime();
  if (!Number.isFinite(t)) return undefined;
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** An Excel date serial (1 = 01/01/1900) as an ISO date; the time of day is dropped. */
export function isoFromExcelSerial(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  const whole = Math.floor(serial);
  // Serials 1..60 sit before Excel's phantom 29/02/1900, so they are one day later than the epoch arithmetic says.
  const ms = whole < 61 ? EXCEL_EPOCH_MS + (whole + 1) * DAY_MS : EXCEL_EPOCH_MS + whole * DAY_MS;
  if (whole === 60) return undefined;
  return isoFromDate(new Date(ms));
}

/** Whether an Excel number format shows a date (`dd/mm/yyyy`, `d-mmm-yy`, `[$-809]dd mmmm yyyy`), not a plain number or time. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  // Quoted text, bracketed locale or colour codes and escaped characters are not date tokens.
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '').replace(/General/gi, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare) && !/[0#?]/.test(bare));
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  // Two-digit years in trackers are recent ones: 70..99 are 1900s, the rest 2000s.
  return y >= 70 ? 1900 + y : 2000 + y;
}

/**
 * A date typed as text: `12/03/2013`, `12-3-13`, `12.03.2013` (day first, as UK centres write them),
 * `2013-03-12`, or `12 March 2013` / `12 Mar 13`. Undefined when it is not a real date.
 */
export function isoFromText(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(t);
  if (m) return isoFromParts(fullYear(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4}|\d{2})$/.exec(t);
  if (m) {
    const name = m[2].toLowerCase();
    const month = MONTHS[name.slice(0, 4)] ?? MONTHS[name.slice(0, 3)];
    const known = month !== undefined && ('january february march april may june july august september october november december'
      .split(' ').some((full) => full.startsWith(name)));
    if (known) return isoFromParts(fullYear(m[3]), month, Number(m[1]));
  }
  return undefined;
}
