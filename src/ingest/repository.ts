import { basename, join, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { type GitSource, hasHead } from './git.js';
import {
  CODEOWNERS_LOCATIONS,
  type CodeownersProblem,
  type CodeownersRule,
  parseCodeowners,
} from './ownership/codeowners.js';
import { readTextFile } from './read-text-file.js';

/** The repository's folder name without `.git`: how orgwire labels it. */
export function repositoryLabel(dir: string): string {
  return basename(resolve(dir)).replace(/\.git$/, '');
}

/**
 * The names a repository answers to in `REPO:` path prefixes: its folder name (without
 * `.git`), and from its `origin` remote both `name` and `owner/name`.
 */
export async function repositoryNames(git: GitSource): Promise<string[]> {
  const names = [repositoryLabel(git.dir)];
  try {
    const url = (await git.run(['config', '--get', 'remote.origin.url'])).toString('utf8').trim();
    const match = /([^/:]+)\/([^/:]+?)(?:\.git)?\/?$/.exec(url);
    if (match) names.push(match[2] as string, `${match[1]}/${match[2]}`);
  } catch {
    // No origin remote: the folder name is the only name.
  }
  return [...new Set(names)];
}

export interface RepositoryCodeowners {
  /** The CODEOWNERS file used, relative to the repository root; absent when there is none. */
  file?: string;
  rules: CodeownersRule[];
  problems: CodeownersProblem[];
}

/** Reads a repository's files by path; undefined when the file does not exist. */
export interface RepositoryFiles {
  read(path: string, what: string): Promise<string | undefined>;
}

/**
 * Reads the files of a repository as they are now: from the work tree when there is one,
 * so uncommitted edits show at once, else (a bare clone) from HEAD. `read(path)` is
 * undefined when the file does not exist.
 */
export async function repositoryFiles(
  git: GitSource,
  shownAs: string = git.dir,
): Promise<RepositoryFiles> {
  const top = await workTree(git);
  const head = await hasHead(git);
  return {
    read: (path, what) =>
      top
        ? readTextFile(join(top, path), { shownAs: join(shownAs, path), what }).catch(
            (error: unknown) => {
              if (error instanceof AppError && error.code === 'not-found') return undefined;
              throw error;
            },
          )
        : head
          ? git
              .run(['cat-file', 'blob', `HEAD:${path}`])
              .then((b) => b.toString('utf8'))
              .catch(() => undefined)
          : Promise.resolve(undefined),
  };
}

/**
 * Reads GitHub's CODEOWNERS where GitHub looks (`.github/`, the root, `docs/`; the first
 * found is used), from the work tree or HEAD (see {@link repositoryFiles}) unless `files`
 * says otherwise (a past commit's, read from git). Rules and
 * problems name the file under `shownAs`, the repository folder as the user wrote it.
 */
export async function readCodeowners(
  git: GitSource,
  shownAs: string = git.dir,
  given?: RepositoryFiles,
): Promise<RepositoryCodeowners> {
  const files = given ?? (await repositoryFiles(git, shownAs));
  for (const location of CODEOWNERS_LOCATIONS) {
    const text = await files.read(location, 'CODEOWNERS file');
    if (text !== undefined) {
      return { file: location, ...parseCodeowners(text, join(shownAs, location)) };
    }
  }
  return { rules: [], problems: [] };
}

async function workTree(git: GitSource): Promise<string | undefined> {
  try {
    return (await git.run(['rev-parse', '--show-toplevel'])).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Every file path in HEAD's tree (none in an empty repository). */
export async function listHeadFiles(git: GitSource): Promise<string[]> {
  if (!(await hasHead(git))) return [];
  const out = (
    await git.run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD'])
  ).toString('utf8');
  return out.split('\0').filter((p) => p !== '');
}
