// Where the shared folder is (specifications, xlsx corpus, reproducers, manifest schemas), and the one line that says
// what is missing when it is not there. The repository stands alone: a clone without it installs and passes its own
// tests, which skip what needs the folder; under CI=true the folder is required and its absence fails the run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** QUALCHECK_SHARED, or ../shared beside the clone. */
export function sharedFolder(): string {
  return process.env.QUALCHECK_SHARED
    ? resolve(process.env.QUALCHECK_SHARED)
    : resolve(__dirname, '..', '..', 'shared');
}

/** A path inside the shared folder. */
export function sharedPath(...segments: string[]): string {
  return join(sharedFolder(), ...segments);
}

/** Under CI the shared folder is required: what needs it fails rather than skips. */
export function sharedRequired(): boolean {
  return process.env.CI === 'true';
}

/**
 * The line that says `what` cannot run because `path` is missing and how to provide it, or null when it is there.
 * `path` is any file or folder the caller needs (inside the shared folder or named by its own variable).
 */
export function missingSharedLine(what: string, path: string, variable = 'QUALCHECK_SHARED'): string | null {
  if (existsSync(path)) return null;
  return `${what} needs ${path}, which is missing: set ${variable}=<folder> to provide it${sharedRequired() ? ' (required under CI=true)' : ''}`;
}
