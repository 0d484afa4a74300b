// Where `--out` writes: never over a file the run reads (by any name that reaches it), into a folder that exists,
// under a name that says what the file is; and when the write fails anyway, what to do about it.
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from './user-error';

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch {
    return undefined;
  }
}

/** True when `a` and `b` name one file: the same path, or a link or another spelling that reaches the same file. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([statOrUndefined(a), statOrUndefined(b)]);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

export interface OutFileRules {
  /** The extension the written file must have, with its dot (`.xlsx`, `.csv`); undefined when the caller decides. */
  extension?: string;
  /** What the file is, for the message: "the checked copy of the workbook". */
  what: string;
  /** An example file name. */
  example: string;
  /** Every file the run reads: the cohort workbook, `--rules` and `--marks` files. */
  inputs: readonly (string | undefined)[];
}

/**
 * Stops before any work when `--out` would overwrite an input (the same path, a symbolic or hard link to it, or
 * another spelling of it on a case-insensitive disk), names a folder or a folder that does not exist, or has the
 * wrong extension for what is written there.
 */
export async function checkOutFile(out: string, rules: OutFileRules): Promise<void> {
  for (const input of rules.inputs) {
    if (input !== undefined && (await sameFile(out, input))) {
      const named = path.resolve(out) === path.resolve(input) ? '' : ` ${input}`;
      throw new UserError(
        `--out ${out}: is the input file${named}; qualcheck never modifies its input, choose another name`,
      );
    }
  }
  const target = await statOrUndefined(out);
  if (target?.isDirectory()) {
    throw new UserError(
      `--out ${out}: is a folder; give a file name in it, for example ${path.join(out, rules.example)}`,
    );
  }
  const folder = path.dirname(path.resolve(out));
  const parent = await statOrUndefined(folder);
  if (!parent)
    throw new UserError(
      `--out ${out}: the folder ${path.dirname(out)} does not exist; create it first, or choose a file in a folder that exists`,
    );
  if (!parent.isDirectory())
    throw new UserError(`--out ${out}: ${path.dirname(out)} is a file, not a folder; choose a file in a folder`);
  if (rules.extension !== undefined && path.extname(out).toLowerCase() !== rules.extension) {
    throw new UserError(
      `--out ${out}: ${rules.what} is written as ${rules.extension}; give a name ending in ${rules.extension}, for example ${rules.example}`,
    );
  }
}

/** A failed write of `--out` as a message that says why and what to do. */
export function outWriteError(out: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new UserError(
        `--out ${out}: cannot be written: permission denied (the file or its folder is read-only, or the file is open in Excel); close it or choose another name`,
      );
    case 'EBUSY':
      return new UserError(
        `--out ${out}: cannot be written: the file is in use (open in Excel?); close it and try again, or choose another name`,
      );
    case 'ENOENT':
      return new UserError(
        `--out ${out}: cannot be written: the folder ${path.dirname(out)} does not exist; create it first, or choose another folder`,
      );
    case 'EISDIR':
      return new UserError(`--out ${out}: is a folder; give a file name in it`);
    case 'EROFS':
      return new UserError(`--out ${out}: cannot be written: the disk is read-only; choose a file on another disk`);
    case 'ENOSPC':
      return new UserError(`--out ${out}: cannot be written: the disk is full; free some space or choose another disk`);
    default:
      return new UserError(
        `--out ${out}: cannot be written (${code ?? (error as Error).message ?? String(error)}); check the folder exists and you may write there`,
      );
  }
}
