import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../errors.js';
import { makeFolders } from '../make-folders.js';

/**
 * Writes beside the target and renames over it, so a reader never sees half a file; on
 * failure, an input error naming the file, with `hint` saying what to do.
 */
export async function writeAtomically(path: string, text: string, hint: string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    makeFolders(dirname(path));
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      'invalid-input',
      `Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      hint,
    );
  }
}
