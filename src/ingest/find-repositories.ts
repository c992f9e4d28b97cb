import { opendir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { readTextFile } from './read-text-file.js';

/**
 * Every git repository at or below `root`, sorted by path: a folder holding `.git` (a
 * folder, or a file as worktrees and submodules have), or a bare repository (`HEAD`,
 * `objects/` and `refs/`). A repository's own folders are not searched further — its
 * submodules and vendored clones belong to it — and neither are symbolic links (no loops)
 * nor `node_modules`.
 */
export async function findRepositories(root: string, shownAs = root): Promise<string[]> {
  const start = resolve(root);
  const info = await stat(start).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new AppError(
      info ? 'invalid-input' : 'not-found',
      info ? `${shownAs} is not a folder.` : `No folder at ${shownAs}.`,
      'Pass --repo-root a folder that holds git repositories (at any depth).',
    );
  }
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const folders: string[] = [];
    const names = new Set<string>();
    let folder: Awaited<ReturnType<typeof opendir>>;
    try {
      folder = await opendir(dir);
    } catch {
      // A folder this user may not read holds nothing orgwire could read either.
      return;
    }
    for await (const entry of folder) {
      names.add(entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') folders.push(entry.name);
    }
    if (names.has('.git') || (names.has('HEAD') && names.has('objects') && names.has('refs'))) {
      found.push(dir);
      return;
    }
    for (const name of folders.sort()) if (!name.startsWith('.')) await visit(join(dir, name));
  };
  await visit(start);
  return found.sort();
}

/**
 * The repositories a list file names (`--repos-from`): one folder per line, relative to the
 * list's own folder; blank lines and lines starting with `#` are skipped. A folder that is
 * no repository is not refused here: its ingest fails and is reported with the others.
 */
export async function readRepositoryList(file: string, shownAs = file): Promise<string[]> {
  const text = await readTextFile(file, {
    shownAs,
    what: 'list of repositories',
    flag: '--repos-from',
  });
  const base = dirname(resolve(file));
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => resolve(base, line));
}
