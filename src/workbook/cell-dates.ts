// Dates as a worksheet part stores them, turned into the UTC moments Excel shows: a serial number of days in the
// workbook's date system, or the ISO 8601 text of a `t="d"` cell.

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
