// Tests that need something outside the repository: a path of the shared folder (../shared, or QUALCHECK_SHARED) or a
// Debian program. On a developer's machine that lacks it the block is one skipped test whose title says what is
// missing and how to provide it; under CI=true, where .ci/run installs everything, it is one failing test instead.
import { execFileSync } from 'node:child_process';
import { missingSharedLine, sharedPath, sharedRequired } from '../../scripts/shared-folder';

export { sharedPath };

/** The reproducers of the shared folder. */
export const sharedRepro = sharedPath('repro');

/** A program the tests run: what it is, whether it answers here, and how to install it. */
export interface ProgramNeed {
  program: string;
  answers: boolean;
  install: string;
}

/** A path (in the shared folder, or named by its own variable) or a program. */
export type Need = string | ProgramNeed;

/** Whether a program answers (`/usr/bin/python3 -c 'import openpyxl'`, `soffice --version`). */
export function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

function missingLine(title: string, need: Need): string | null {
  if (typeof need === 'string') return missingSharedLine(title, need);
  if (need.answers) return null;
  const required = sharedRequired() ? ' (required under CI=true)' : '';
  return `${title} needs ${need.program}, which is missing: ${need.install} to provide it${required}`;
}

/** `describe(title, body)` when every need is met, else the one line that says which is missing. */
export function describeNeeding(title: string, needs: readonly Need[], body: (this: Mocha.Suite) => void): void {
  const missing = needs.map((need) => missingLine(title, need)).find(Boolean);
  if (!missing) {
    describe(title, body);
    return;
  }
  if (sharedRequired()) {
    it(title, () => {
      throw new Error(missing);
    });
  } else {
    it.skip(`skipped: ${missing}`);
  }
}
