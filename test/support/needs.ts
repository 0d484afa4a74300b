// Tests that need something outside the repository (../shared, a Debian program): skipped with one line saying why
// on a developer's machine that lacks it, required under CI=true, where .ci/run installs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sharedPath } from '../../scripts/shared-folder';

/** The reproducers of the shared folder (QUALCHECK_SHARED, or ../shared beside the clone: scripts/shared-folder.ts). */
export const sharedRepro = sharedPath('repro');

/** Whether a program answers (`/usr/bin/python3 -c 'import openpyxl'`, `soffice --version`). */
export function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Skips the suite (from its `before` hook) with one line naming what is missing, unless CI=true, where a missing
 * part fails it: CI installs what these tests need.
 */
export function needs(context: Mocha.Context, what: string, present: boolean): void {
  if (present) return;
  if (process.env.CI === 'true') throw new Error(`${what} is missing, and CI=true requires it`);
  console.log(`    skipped: ${what} is missing`);
  context.skip();
}

export function hasShared(file = ''): boolean {
  return existsSync(path.join(sharedRepro, file));
}
