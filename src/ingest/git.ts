import { spawn } from 'node:child_process';
import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';

/** The few things orgwire asks of git, so tests and other sources can stand in. */
export interface GitSource {
  /** The repository folder as given. */
  readonly dir: string;
  /** Runs git and returns its whole standard output. */
  run(args: readonly string[], input?: string): Promise<Buffer>;
  /** Runs git and yields its standard output as it comes, with bounded memory. */
  stream(args: readonly string[]): AsyncIterable<Buffer>;
  /** The folder of its object packs, when {@link openRepository} learnt it. */
  readonly packDir?: string;
  /**
   * True when {@link openRepository} found it bare (no work tree): then what HEAD holds is
   * all there is, and what was read of HEAD holds until HEAD moves.
   */
  readonly bare?: boolean;
}

// Settings that make git's output the same whatever the user's configuration says.
const GIT_FLAGS = [
  '-c',
  'core.quotepath=off',
  '-c',
  'log.showSignature=false',
  '-c',
  'color.ui=never',
];
// What git says when an object it needs is not in the repository: a blob a partial clone
// left out and can no longer fetch, or an object file lost from a damaged one. (A lazy fetch
// that fails first prints why the fetch failed, so the whole of stderr is searched.)
const MISSING_OBJECT =
  /(?:unable to read (?:tree )?|could not read |could not fetch )[0-9a-f]{40,64}\b|missing (?:blob|tree|commit) object/i;
// GIT_FLUSH=0: git need not flush after every commit on a pipe; far fewer, larger reads.
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C', GIT_FLUSH: '0' };

export function gitSource(dir: string): GitSource {
  const start = (args: readonly string[], input?: string) => {
    const child = spawn('git', [...GIT_FLAGS, ...args], {
      cwd: dir,
      env: { ...process.env, ...GIT_ENV },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (child.stdin) {
      // git may exit before reading all its input; its exit status tells what happened.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
    const stdout = child.stdout as Readable;
    const stderr: Buffer[] = [];
    (child.stderr as Readable).on('data', (chunk: Buffer) => stderr.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT'
            ? new AppError(
                'git',
                'git is not installed or not on PATH.',
                'Install git 2.31 or newer.',
              )
            : error,
        ),
      );
      child.on('close', (code) => {
        if (code === 0) return resolve();
        const text = Buffer.concat(stderr).toString('utf8').trim();
        const message = text.split('\n')[0] ?? '';
        reject(
          new AppError(
            MISSING_OBJECT.test(text) ? 'missing-objects' : 'git',
            `git ${args[0]} failed in ${dir}: ${message}`,
            'Check that the folder is a readable git repository.',
          ),
        );
      });
    });
    return { child, stdout, done };
  };
  return {
    dir,
    async run(args, input) {
      const { stdout, done } = start(args, input);
      const chunks: Buffer[] = [];
      stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      await done;
      return Buffer.concat(chunks);
    },
    async *stream(args) {
      const { child, stdout, done } = start(args);
      // Attach the handler now so an early failure is not an unhandled rejection.
      done.catch(() => {});
      try {
        for await (const chunk of stdout) yield chunk as Buffer;
      } finally {
        if (child.exitCode === null) child.kill();
      }
      await done;
    },
  };
}

/**
 * Checks that `dir` is the top folder of a git repository git can read (a bare clone
 * too), with a clear error otherwise. A folder inside a repository is refused: orgwire
 * reads whole repositories, and taking the folder for the whole would mislead.
 */
export async function openRepository(dir: string): Promise<GitSource> {
  const hint = 'Pass --repo with the folder of a git clone (bare clones work too).';
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new AppError('not-found', `No repository at ${dir}.`, hint);
  if (!info.isDirectory()) {
    throw new AppError('invalid-input', `${dir} is a file, not a repository folder.`, hint);
  }
  const git = gitSource(dir);
  // One git for the common case (each process started costs the ingest of a thousand
  // repositories seconds): the pack folder, whether it is bare, and where the work tree is.
  const layout = await git
    .run([
      'rev-parse',
      '--git-path',
      'objects/pack',
      '--is-bare-repository',
      '--git-dir',
      '--show-prefix',
      '--show-cdup',
    ])
    .then((out) => out.toString('utf8').split('\n'))
    .catch(() => undefined);
  if (layout !== undefined && layout.length >= 3) {
    const [pack = '', bare, , prefix = '', cdup = ''] = layout;
    const top = bare === 'true' ? undefined : resolve(dir, cdup);
    if (top !== undefined && prefix !== '') throw insideRepository(dir, top);
    await checkMailmap(dir, top);
    return { ...git, packDir: resolve(dir, pack), bare: top === undefined };
  }
  // Something unusual (a work tree's .git folder given, say): asked step by step.
  try {
    await git.run(['rev-parse', '--git-dir']);
  } catch (error) {
    if (error instanceof AppError && error.message.startsWith('git is not')) throw error;
    throw new AppError('not-found', `${dir} is not a git repository.`, hint);
  }
  const prefix = await git
    .run(['rev-parse', '--show-prefix'])
    .then((out) => out.toString('utf8').trim())
    .catch(() => ''); // a bare clone has no work tree, so no prefix
  if (prefix !== '') {
    const top = (await git.run(['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    throw insideRepository(dir, top);
  }
  const top = await git
    .run(['rev-parse', '--show-toplevel'])
    .then((out) => out.toString('utf8').trim())
    .catch(() => ''); // a bare clone: git reads the mailmap from HEAD's tree, not from disk
  await checkMailmap(dir, top === '' ? undefined : top);
  return git;
}

function insideRepository(dir: string, top: string): AppError {
  return new AppError(
    'invalid-input',
    `${dir} is a folder inside the repository at ${top}.`,
    `Pass --repo ${top}: orgwire reads whole repositories, and components say which folders belong to whom.`,
  );
}

/**
 * git reads the work tree's `.mailmap` with every `git log`: a named pipe (or device) there
 * would block it forever. git does not follow a symbolic link there, so lstat says what
 * git would open.
 */
async function checkMailmap(dir: string, top: string | undefined): Promise<void> {
  // A bare clone: git reads the mailmap from HEAD's tree, not from disk.
  if (top === undefined) return;
  const info = await lstat(join(top, '.mailmap')).catch(() => undefined);
  if (info && !info.isFile() && !info.isSymbolicLink()) {
    throw new AppError(
      'invalid-input',
      `${join(dir, '.mailmap')} is not a regular file; git would wait on it forever.`,
      'Replace it with a regular .mailmap file, or remove it.',
    );
  }
}

/** Whether the repository has at least one commit on HEAD (an empty repository has none). */
export async function hasHead(git: GitSource): Promise<boolean> {
  return (await headCommit(git)) !== null;
}

/** The commit HEAD points at; null in an empty repository. */
export async function headCommit(git: GitSource): Promise<string | null> {
  try {
    return (await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))
      .toString('utf8')
      .trim();
  } catch {
    return null;
  }
}

/** Blobs' texts by one `git cat-file --batch` run: `<id> blob <size>\n<bytes>\n` each. */
export async function readBlobs(
  git: GitSource,
  blobs: readonly string[],
): Promise<Map<string, string>> {
  const out = await git.run(['cat-file', '--batch'], `${blobs.join('\n')}\n`);
  const texts = new Map<string, string>();
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(0x0a, at);
    if (newline === -1) break;
    const [id = '', type, size = '0'] = out.subarray(at, newline).toString('utf8').split(' ');
    at = newline + 1;
    if (type === 'missing') continue;
    const end = at + Number(size);
    texts.set(id, out.subarray(at, end).toString('utf8'));
    at = end + 1;
  }
  return texts;
}

/** The files (blobs) of a commit's tree under `pathspecs`, with their blob ids. */
export async function listTree(
  git: GitSource,
  ref: string,
  pathspecs: readonly string[],
): Promise<{ blob: string; path: string }[]> {
  return (await git.run(['ls-tree', '-r', '-z', '--full-tree', ref, '--', ...pathspecs]))
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .flatMap((entry) => {
      const [meta = '', path = ''] = entry.split('\t');
      const [, type, blob = ''] = meta.split(' ');
      return type === 'blob' ? [{ blob, path }] : [];
    });
}

/**
 * The blob id each object name (`<commit>:<path>`) names, by one `git cat-file
 * --batch-check` run; names that name nothing (the file was not there) are left out.
 */
export async function blobIds(
  git: GitSource,
  names: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (names.length === 0) return ids;
  const out = (await git.run(['cat-file', '--batch-check'], `${names.join('\n')}\n`)).toString(
    'utf8',
  );
  out
    .split('\n')
    .slice(0, names.length)
    .forEach((line, i) => {
      const [id = '', type] = line.split(' ');
      if (type === 'blob') ids.set(names[i] as string, id);
    });
  return ids;
}
