import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Who signs a commit, as git writes it: `Name <email>`. */
export interface Signature {
  name: string;
  email: string;
}

export interface CommitSpec {
  author: Signature;
  /** The committer; the author when left out. */
  committer?: Signature;
  /** Written as `Co-authored-by: Name <email>` trailers in a last paragraph of the message. */
  coAuthors?: readonly (Signature | string)[];
  /** The whole message before the co-author trailers; `Commit N` when left out. */
  message?: string;
  /** Files to write (relative paths; text as UTF-8, or bytes) or, with `null`, to delete. */
  files?: Readonly<Record<string, string | Uint8Array | null>>;
  /** Files to move (`git mv`), old path to new path, before `files` are written. */
  moves?: Readonly<Record<string, string>>;
  /** Author and committer date; one minute after the previous commit's when left out. */
  date?: string | Date;
}

export interface MergeSpec {
  /** The branch merged into the current one, always with a merge commit (`--no-ff`). */
  branch: string;
  author: Signature;
  message?: string;
  date?: string | Date;
}

export interface TestRepo {
  /** The work tree, a fresh folder under the system's temp folder. */
  readonly dir: string;
  /** Runs git in the repository and returns its standard output. */
  git(args: readonly string[], input?: string): string;
  /** Makes a commit on the current branch and returns its hash. */
  commit(spec: CommitSpec): string;
  /**
   * Appends many commits to the current branch at once with `git fast-import` (hundreds per
   * second rather than a few dozen), then checks the result out; returns the last hash.
   */
  importCommits(specs: readonly CommitSpec[]): string;
  /** Merges a branch into the current one with a merge commit and returns its hash. */
  merge(spec: MergeSpec): string;
  /** Removes the repository folder. */
  cleanup(): Promise<void>;
}

/** The environment every git call gets: no system or user configuration, fixed identities. */
const BASE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: devNull,
  GIT_TERMINAL_PROMPT: '0',
};
const FIRST_DATE = Date.parse('2026-01-05T09:00:00Z');

export function contact(person: Signature | string): string {
  return typeof person === 'string' ? person : `${person.name} <${person.email}>`;
}

/** The message a spec gives: its text, then its co-authors as a trailer paragraph. */
function fullMessage(message: string, coAuthors: readonly (Signature | string)[] = []): string {
  if (coAuthors.length === 0) return `${message}\n`;
  const trailers = coAuthors.map((p) => `Co-authored-by: ${contact(p)}`).join('\n');
  return `${message.replace(/\n+$/, '')}\n\n${trailers}\n`;
}

/** Creates an empty repository with a `main` branch in a new temp folder. */
export async function createRepo(): Promise<TestRepo> {
  // realpath: on macOS the temp folder is reached through a symlink git resolves.
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'orgwire-repo-')));
  let commits = 0;

  const git = (args: readonly string[], input?: string, env: NodeJS.ProcessEnv = BASE_ENV) =>
    execFileSync('git', args, {
      cwd: dir,
      env,
      input: input ?? '',
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });

  let last = FIRST_DATE;
  const nextDate = (date?: string | Date): Date => {
    commits++;
    last = date === undefined ? last + 60_000 : new Date(date).getTime();
    return new Date(last);
  };

  const signEnv = (author: Signature, committer: Signature, date: Date): NodeJS.ProcessEnv => ({
    ...BASE_ENV,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_AUTHOR_DATE: date.toISOString(),
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
    GIT_COMMITTER_DATE: date.toISOString(),
  });

  git(['init', '-q', '-b', 'main']);

  return {
    dir,
    git: (args, input) => git(args, input),
    commit(spec) {
      const date = nextDate(spec.date);
      for (const [from, to] of Object.entries(spec.moves ?? {})) {
        mkdirSync(dirname(join(dir, to)), { recursive: true });
        git(['mv', '--', from, to]);
      }
      for (const [path, text] of Object.entries(spec.files ?? {})) {
        const file = join(dir, path);
        if (text === null) {
          git(['rm', '-q', '--', path]);
        } else {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
        }
      }
      git(['add', '-A']);
      const message = fullMessage(spec.message ?? `Commit ${commits}`, spec.coAuthors);
      git(
        ['commit', '-q', '--allow-empty', '--no-verify', '--cleanup=verbatim', '-F', '-'],
        message,
        signEnv(spec.author, spec.committer ?? spec.author, date),
      );
      return git(['rev-parse', 'HEAD']).trim();
    },
    importCommits(specs) {
      const branch = git(['symbolic-ref', 'HEAD']).trim();
      const hasHead = (() => {
        try {
          git(['rev-parse', '--verify', '--quiet', 'HEAD']);
          return true;
        } catch {
          return false;
        }
      })();
      const parts: Buffer[] = [];
      const text = (s: string) => parts.push(Buffer.from(s, 'utf8'));
      const data = (s: string | Uint8Array) => {
        const bytes = typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s);
        text(`data ${bytes.length}\n`);
        parts.push(bytes);
        text('\n');
      };
      specs.forEach((spec, i) => {
        const date = nextDate(spec.date);
        const when = `${Math.floor(date.getTime() / 1000)} +0000`;
        const committer = spec.committer ?? spec.author;
        text(`commit ${branch}\nmark :${i + 1}\n`);
        text(`author ${contact(spec.author)} ${when}\n`);
        text(`committer ${contact(committer)} ${when}\n`);
        data(fullMessage(spec.message ?? `Commit ${commits}`, spec.coAuthors));
        if (i === 0 && hasHead) text(`from ${branch}^0\n`);
        // fast-import reads a C-style quoted path, which JSON's escapes are a subset of.
        for (const [from, to] of Object.entries(spec.moves ?? {})) {
          text(`R ${JSON.stringify(from)} ${JSON.stringify(to)}\n`);
        }
        for (const [path, content] of Object.entries(spec.files ?? {})) {
          if (content === null) {
            text(`D ${path}\n`);
          } else {
            text(`M 100644 inline ${path}\n`);
            data(content);
          }
        }
        text('\n');
      });
      execFileSync('git', ['fast-import', '--quiet'], {
        cwd: dir,
        env: BASE_ENV,
        input: Buffer.concat(parts),
      });
      git(['reset', '-q', '--hard']);
      return git(['rev-parse', 'HEAD']).trim();
    },
    merge(spec) {
      const date = nextDate(spec.date);
      git(
        [
          'merge',
          '-q',
          '--no-ff',
          '--no-edit',
          '-m',
          spec.message ?? `Merge ${spec.branch}`,
          spec.branch,
        ],
        undefined,
        signEnv(spec.author, spec.author, date),
      );
      return git(['rev-parse', 'HEAD']).trim();
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A clone of a test repository, which may have no work tree. */
export interface ClonedRepo {
  readonly dir: string;
  git(args: readonly string[]): string;
  cleanup(): Promise<void>;
}

/**
 * Clones `source` into a new temp folder with extra `git clone` flags: `--bare`,
 * `--depth 1` (shallow) or `--filter=blob:none` (partial). The clone goes through a
 * `file://` URL, as git ignores --depth and --filter for a plain local path, and the
 * serving side allows filters, which a local upload-pack refuses by default.
 */
export async function cloneRepo(source: string, flags: readonly string[]): Promise<ClonedRepo> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'orgwire-clone-')));
  const git = (args: readonly string[], cwd = dir) =>
    execFileSync('git', args, { cwd, env: BASE_ENV, encoding: 'utf8', stdio: 'pipe' });
  git(
    [
      'clone',
      '-q',
      '--upload-pack',
      'git -c uploadpack.allowFilter=true upload-pack',
      ...flags,
      `file://${source}`,
      dir,
    ],
    tmpdir(),
  );
  return {
    dir,
    git: (args) => git(args),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
