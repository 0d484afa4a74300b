// The registration file: ready learners laid out as an awarding body's bulk registration template.
import { stringify } from 'csv-stringify/sync';
import type { RegistrationResult } from './result';
import { formatUkDate } from '../sheet';
import { REGISTRATION_COLUMNS } from './columns';

/** The header row, then one row per ready learner, in the order of the cohort sheet. */
export function registrationRows(results: readonly RegistrationResult[]): string[][] {
  const rows = results
    .filter((r) => r.ready)
    .map(({ learner: l }) => [
      l.centreRef,
      l.uln ?? '',
      l.firstName ?? '',
      l.lastName ?? '',
      l.dateOfBirth === undefined ? '' : formatUkDate(l.dateOfBirth),
      l.sex ?? '',
      l.qualification ?? '',
    ]);
  return [[...REGISTRATION_COLUMNS], ...rows];
}

/**
 * The rows as CSV: UTF-8 with a byte-order mark (without it Excel opens the file as the local code page and
 * `Zoë` becomes `ZoÃ«`), CRLF line ends as RFC 4180 has them.
 *
 * The ULN is written as its plain 10 digits. Excel opening the CSV turns it into a number, but a number of up to
 * 11 digits shows in full in the General format, and no ULN starts with 0, so nothing is lost or shown in scientific
 * notation. The usual tricks to force text (`="9276308686"`, a leading apostrophe or tab) would put those characters
 * into the file the awarding body's portal reads, so none is used.
 */
export function registrationCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((r) => [...r]),
    { bom: true, record_delimiter: 'windows' },
  );
}
