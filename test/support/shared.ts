// Tests that read the shared folder (../shared, or QUALCHECK_SHARED): when what they need is missing, the block is one
// skipped test whose title says what is missing and how to provide it; under CI=true it is one failing test instead.
import { missingSharedLine, sharedPath, sharedRequired } from '../../scripts/shared-folder';

export { sharedPath };

/** `describe(title, body)` when every path in `needs` exists (see sharedPath), else one line that says which is missing. */
export function describeWithShared(title: string, needs: string[], body: (this: Mocha.Suite) => void): void {
  const missing = needs.map((need) => missingSharedLine(title, need)).find(Boolean);
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
