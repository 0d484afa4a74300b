// A temporary folder for the tests of one describe block: made before its tests, removed after them. The tests that
// run the command line on files they write share it, so each registers the same two hooks through here.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Registers the hooks in the calling describe block; the function it gives back names the folder inside its tests. */
export function tempFolder(name: string): () => string {
  let folder: string | undefined;
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), `qualcheck-${name}-`));
  });
  after(async () => {
    if (folder) await fs.rm(folder, { recursive: true, force: true });
  });
  return () => {
    if (!folder) throw new Error('The temporary folder is named only inside the tests of the block that made it.');
    return folder;
  };
}
