// The Unique Learner Number as a registration template wants it: 10 digits with a valid check digit.
import type { CellValue } from '../sheet';

export interface UlnProblem {
  code: 'invalid-uln' | 'placeholder-uln';
  message: string;
}

export interface UlnReading {
  /** The 10 digits, when the cell holds a usable ULN. */
  uln?: string;
  problem?: UlnProblem;
  /** Something worth telling that is not a problem: a blank ULN, spaces that were ignored. */
  note?: string;
}

/**
 * The check digit of a 9-digit ULN prefix, or null when no digit can complete it.
 *
 * The rule: weigh the nine digits 10, 9, ..., 2, sum; the check digit is 10 - (sum mod 11). The arithmetic gives
 * 10 - 0 = 10 when the sum is a multiple of 11: no single digit, so such a prefix has no valid ULN (1 prefix in 11).
 * A remainder of 10 gives 0, a valid check digit. (The other common spelling, 11 - (sum mod 11), would give 11 and 10
 * as its two impossible values; it is not this scheme and is not used.)
 *
 * Equivalently, with the check digit weighed 1: the weighted sum of all ten digits is 10 modulo 11. Because 11 is prime
 * and the weights 10..1 are distinct and non-zero modulo 11, changing any one digit, or swapping any two different
 * digits (neighbouring or not), changes the sum modulo 11 and so always makes a valid ULN invalid.
 */
export function ulnCheckDigit(prefix: string): number | null {
  if (!/^\d{9}$/.test(prefix)) throw new Error(`A ULN prefix is 9 digits, not '${prefix}'`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(prefix[i]) * (10 - i);
  const digit = 10 - (sum % 11);
  return digit === 10 ? null : digit;
}

/** True for 10 digits, first not 0, with a valid check digit. */
export function isValidUln(digits: string): boolean {
  if (!/^[1-9]\d{9}$/.test(digits)) return false;
  return ulnCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** Numbers systems put where they have no ULN; awarding bodies want the cell left blank instead. */
export function isPlaceholderUln(digits: string): boolean {
  return /^(\d)\1{9}$/.test(digits) || digits === '1234567890';
}

const LEAVE_BLANK = 'leave the cell blank instead, and the awarding body will issue a ULN at registration';

function invalid(message: string): UlnReading {
  return { problem: { code: 'invalid-uln', message } };
}

function fromDigits(digits: string, shown: string): UlnReading {
  if (isPlaceholderUln(digits)) {
    return { problem: { code: 'placeholder-uln', message: `${shown} is a placeholder, not a ULN: ${LEAVE_BLANK}` } };
  }
  if (digits.length !== 10)
    return invalid(`${shown} has ${digits.length} digits; a ULN has 10: correct it, or leave it blank`);
  if (digits[0] === '0') return invalid(`${shown} starts with 0; no ULN does: correct it, or leave it blank`);
  if (!isValidUln(digits)) {
    // A number that went through scientific notation comes back with its last digits turned to zeros.
    const hint = /0000$/.test(digits) ? ' (it ends in zeros: digits may have been lost to scientific notation)' : '';
    return invalid(
      `${shown} fails the ULN check digit${hint}: check it against the learner's record, or leave it blank`,
    );
  }
  return { uln: digits };
}

/**
 * Reads a ULN cell as the sheet holds it. Nothing is guessed: a value is read exactly or reported.
 * A blank cell is allowed (the awarding body issues a ULN at registration). Spaces between digit groups
 * (`9276 308 686`) and a leading apostrophe typed into the value (`'9276308686`) are ignored when reading, with a note;
 * the sheet is never changed.
 */
export function readUln(value: CellValue | undefined): UlnReading {
  if (value === null || value === undefined)
    return { note: 'no ULN: the awarding body will issue one at registration' };
  if (typeof value === 'number') {
    // A 10-digit integer is exact in a double, so a ULN stored as a number reads back digit for digit.
    if (!Number.isSafeInteger(value) || value < 0) return invalid(`${value} is not a whole number of 10 digits`);
    return fromDigits(String(value), String(value));
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return { note: 'no ULN: the awarding body will issue one at registration' };
    // A leading apostrophe is Excel's mark for "keep this as text"; typed into the value itself (pasted from another
    // sheet or an export), it is read past like spaces, and said.
    const apostrophe = /^['\u2018\u2019]/.test(text);
    const body = apostrophe ? text.slice(1).trim() : text;
    if (/^\d+(\.\d+)?e\+?\d+$/i.test(body)) {
      return invalid(
        `'${text}' is in scientific notation, which has lost the ULN's last digits: type the full 10 digits (format the cell as Text first)`,
      );
    }
    if (!/^\d[\d\s]*$/.test(body)) return invalid(`'${text}' is not a ULN: a ULN is 10 digits and nothing else`);
    const digits = body.replace(/\s+/g, '');
    const reading = fromDigits(digits, `'${text}'`);
    if (reading.uln !== undefined && digits !== text) {
      const ignored = [apostrophe ? 'leading apostrophe' : '', digits !== body ? 'spaces' : '']
        .filter(Boolean)
        .join(' and ');
      return { ...reading, note: `ULN '${text}' read as ${digits} (${ignored} ignored)` };
    }
    return reading;
  }
  if (value instanceof Date)
    return invalid('the cell holds a date, not a ULN: format it as Text and type the 10 digits');
  if (typeof value === 'boolean') return invalid(`the cell holds ${value ? 'TRUE' : 'FALSE'}, not a ULN`);
  return invalid(`the cell shows the error ${value.error}: fix the formula or type the ULN`);
}
