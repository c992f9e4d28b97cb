import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../errors.js';

/**
 * Writes beside the target and renames over it, so a reader never sees half a file; on
 * failure, an input error naming the file, with `hint` saying what to do.
 */
export async function writeAtomically(path: string, text: string, hint: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AppError(
      'invalid-input',
      `Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      hint,
    );
  }
}
