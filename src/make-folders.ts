import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from './errors.js';

/**
 * Creates `folder` and its missing parents with `mode`, one at a time from the nearest
 * one that exists. Node's recursive mkdir is not used: under /proc it gets ENOENT for ever
 * and never returns. A file in the way is an {@link AppError}; the file system's own
 * refusals (EACCES, EROFS, ENOSPC) are thrown as they come, for the caller to explain.
 */
export function makeFolders(folder: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let at = folder; ; ) {
    const found = statSync(at, { throwIfNoEntry: false });
    if (found?.isDirectory()) break;
    if (found) {
      throw new AppError(
        'invalid-input',
        `Cannot create ${folder}: ${at} is a file, not a folder.`,
        'Choose a path whose folders are folders.',
      );
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const at of missing.reverse()) mkdirSync(at, { mode });
}
