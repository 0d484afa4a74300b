/** A problem the user can fix (a missing file, a sheet that is not a cohort): one line, exit code 2, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
