import { isUtf8 } from 'node:buffer';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../errors.js';
import type { CommitRecord, FileChange } from '../model/index.js';
import { coAuthorContacts, mapCoAuthors, type WithContacts } from './co-author-mailmap.js';
import { type GitSource, hasHead } from './git.js';

/**
 * How renames are found. `similar`: `-M`, a deleted and an added file at least 50% alike
 * (reads both blobs). `exact`: `-M100%`, only files moved unchanged (compares object ids,
 * reads no blob). `off`: `--no-renames`, a move is a deletion and an addition.
 */
export type RenameDetection = 'similar' | 'exact' | 'off';

export interface ReadLogOptions {
  /** Revisions for `git log`: `['HEAD']` (the default), or `['HEAD', '^<last sha read>']`. */
  range?: readonly string[];
  /** Include merge commits, with their files diffed against the first parent. */
  merges?: boolean;
  /** Count lines added and deleted per file (`--numstat`; about 8× slower, reads every blob). */
  lines?: boolean;
  /**
   * Default `similar`, except `exact` when blobs were left out of the clone (see
   * {@link blobAccess}): in a partial clone `similar` would fetch the missing blobs of every
   * candidate pair from the promisor remote, one round trip per commit, and fail when the
   * remote is out of reach; cut off from its remote, it cannot read them at all.
   */
  renames?: RenameDetection;
}

// git writes the separators from %x escapes: arguments cannot carry a NUL byte. With -z
// git ends the format with a NUL, then writes `\n` and the NUL-separated file entries
// when the commit changed any file.
const FORMAT = [
  '%x1e%H',
  '%P',
  '%at',
  '%aN',
  '%aE',
  '%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)',
].join('%x00');

const RENAME_FLAGS: Record<RenameDetection, string> = {
  similar: '-M',
  exact: '-M100%',
  off: '--no-renames',
};

/**
 * Streams the commits reachable from `range`, oldest first, each with the files it
 * changed, from one `git log` run, yielding each commit as soon as it is parsed (co-authors
 * aside: see {@link mapCoAuthors}). Authors are mapped through `.mailmap` by git;
 * `Co-authored-by:` trailers through `git check-mailmap`. Merges are left out unless
 * `merges` is set. A range that names HEAD in a repository with no commit yet gives
 * nothing.
 *
 * Paths come through byte for byte (`-z`): see {@link decodeGitText} for how bytes become
 * strings. Shallow, bare and partial clones work; `lines` in a partial clone fetches every
 * blob it diffs from the promisor remote. An object git cannot read fails the read with an
 * AppError whose code is `missing-objects` (see {@link blobAccess}), after the commits before it.
 */
export async function* readLog(
  git: GitSource,
  options: ReadLogOptions = {},
): AsyncGenerator<CommitRecord> {
  const range =
    options.range === undefined || options.range.length === 0 ? ['HEAD'] : options.range;
  for (const rev of range) {
    if (rev.startsWith('-')) {
      throw new AppError(
        'invalid-input',
        `"${rev}" is not a revision.`,
        'Pass revisions such as HEAD, a branch, or ^<sha> to leave out what was read.',
      );
    }
  }
  if (range.includes('HEAD') && !(await hasHead(git))) return; // an empty repository
  const renames = options.renames ?? ((await blobAccess(git)) === 'complete' ? 'similar' : 'exact');
  const args = [
    'log',
    '-z',
    `--format=${FORMAT}`,
    // Oldest first, and every commit after all of its parents: --reverse alone reverses
    // git's date order, which puts a commit before its parent when a clock was wrong. The
    // caller saves the last commit of a batch as its checkpoint and resumes with
    // ^<checkpoint>, which is right only if every ancestor of the checkpoint was emitted
    // before it. (Commits of a side branch emitted before the checkpoint but not behind
    // it come again on resuming: the store must take a commit twice as once.)
    '--topo-order',
    '--reverse',
    ...(options.merges ? ['--diff-merges=first-parent'] : ['--no-merges']),
    // --raw gives the status of each file, --numstat only its counts; git writes all raw
    // entries of a commit, then all numstat entries, in the same order.
    ...(options.lines ? ['--raw', '--numstat'] : ['--name-status']),
    RENAME_FLAGS[renames],
    // A user's log.showRoot=false would hide the files of root commits.
    '--root',
    // Count the stored bytes, and never run a user's diff or textconv program.
    '--no-ext-diff',
    '--no-textconv',
    ...range,
    '--',
  ];
  yield* mapCoAuthors<CommitRecord>(git, parseLogStream(git.stream(args)));
}

async function* parseLogStream(chunks: AsyncIterable<Buffer>): AsyncGenerator<ParsedCommit> {
  const parser = new LogParser();
  for await (const chunk of chunks) yield* parser.write(chunk);
  yield* parser.end();
}

/**
 * Whether the blobs of the history are in the repository, as far as a cheap look tells:
 * - `complete`: a full clone (shallow or not);
 * - `promised`: a partial clone, whose missing blobs git fetches from its promisor remote on
 *   demand (slowly, and not at all when the remote is out of reach);
 * - `missing`: a partial clone cut off from its promisor remote (its packs are marked as
 *   promisor packs, but no remote is configured to promise anything): the blobs the clone
 *   left out cannot be read.
 *
 * A damaged repository that lost object files looks `complete` until git fails to read one
 * (an error with code `missing-objects`); only a walk of every object would tell sooner.
 */
export type BlobAccess = 'complete' | 'promised' | 'missing';

export async function blobAccess(git: GitSource): Promise<BlobAccess> {
  if (await hasPromisorRemote(git)) return 'promised';
  return (await hasPromisorPacks(git)) ? 'missing' : 'complete';
}

/** Whether git would fetch a missing object from a remote, as git decides it. */
async function hasPromisorRemote(git: GitSource): Promise<boolean> {
  try {
    // git takes a remote with a partialclonefilter for a promisor too.
    const out = await git.run([
      'config',
      '--get-regexp',
      '^(extensions\\.partialclone|remote\\..*\\.(promisor|partialclonefilter))$',
    ]);
    return out
      .toString('utf8')
      .split('\n')
      .some((line) => line !== '' && !/\.promisor false$/i.test(line));
  } catch {
    return false; // git config exits with 1 when no key matches
  }
}

/** Whether a pack came from a promisor remote (a `.promisor` file beside it): blobs may be left out. */
async function hasPromisorPacks(git: GitSource): Promise<boolean> {
  try {
    const packs =
      git.packDir ??
      (await git.run(['rev-parse', '--git-path', 'objects/pack'])).toString('utf8').trim();
    const names = await readdir(resolve(git.dir, packs));
    return names.some((name) => name.endsWith('.promisor'));
  } catch {
    return false; // no pack folder yet
  }
}

/**
 * Bytes from git as a string: valid UTF-8 as UTF-8; anything else as latin1, which maps
 * each byte to one character, so distinct non-UTF-8 paths stay distinct and the original
 * bytes are `Buffer.from(text, 'latin1')`. Caveat: a latin1-decoded path can equal a
 * UTF-8 one (`caf\xe9` and `café`); a repository holding both spellings gets them merged.
 */
export function decodeGitText(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

/** A commit as the log gives it, its co-authors still `Name <email>` contacts. */
export type ParsedCommit = WithContacts<CommitRecord>;

const NUL = 0x00;
const RS = 0x1e;
const LF = 0x0a;
const TAB = 0x09;
const COLON = 0x3a;
const HEADER_FIELDS = 6;
const EMPTY = Buffer.alloc(0);
const STATUSES = new Set<string>(['A', 'M', 'D', 'R', 'C', 'T']);

/** A file entry whose paths are still to come. */
type OpenEntry =
  | { kind: 'status'; status: string; paths: string[]; need: number }
  | { kind: 'numstat'; added: number | undefined; deleted: number | undefined; paths: string[] };

/**
 * An incremental parser of `git log -z --format=<readLog's format>` output with
 * `--name-status`, or `--raw --numstat`, or both. Feed it chunks cut anywhere; it splits
 * them into NUL-terminated fields as bytes and decodes only whole fields, so a chunk
 * boundary inside a multi-byte character does no harm. A commit is complete when the next
 * one starts (a field beginning with 0x1e) or at {@link end}. A path field is never taken
 * for the start of a commit, whatever its bytes: the parser always knows how many paths an
 * entry has. Memory: the open commit and one partial field.
 */
export class LogParser {
  #carry: Buffer = EMPTY;
  #header: Buffer[] = [];
  #commit: ParsedCommit | undefined;
  #entry: OpenEntry | undefined;
  /** Whether the next entry field is the commit's first, which git prefixes with `\n`. */
  #first = false;
  /** Where to look for the file the next numstat entry counts. */
  #cursor = 0;

  /** Parses a chunk and returns the commits it completed. */
  write(chunk: Buffer): ParsedCommit[] {
    const out: ParsedCommit[] = [];
    let start = 0;
    let nul = chunk.indexOf(NUL);
    if (this.#carry.length > 0) {
      if (nul === -1) {
        this.#carry = Buffer.concat([this.#carry, chunk]);
        return out;
      }
      this.#field(Buffer.concat([this.#carry, chunk.subarray(0, nul)]), out);
      this.#carry = EMPTY;
      start = nul + 1;
      nul = chunk.indexOf(NUL, start);
    }
    while (nul !== -1) {
      this.#field(chunk.subarray(start, nul), out);
      start = nul + 1;
      nul = chunk.indexOf(NUL, start);
    }
    // A copy, so that the few bytes kept do not pin the whole chunk in memory.
    if (start < chunk.length) this.#carry = Buffer.from(chunk.subarray(start));
    return out;
  }

  /** Parses what is left at the end of the output and returns the last commit. */
  end(): ParsedCommit[] {
    const out: ParsedCommit[] = [];
    if (this.#carry.length > 0) {
      this.#field(this.#carry, out);
      this.#carry = EMPTY;
    }
    if (this.#header.length > 0 || this.#entry !== undefined) {
      throw new AppError(
        'git',
        'git log output ended in the middle of a commit.',
        'Run the command again; if it persists, check the repository with `git fsck`.',
      );
    }
    if (this.#commit) out.push(this.#commit);
    this.#commit = undefined;
    return out;
  }

  #field(field: Buffer, out: ParsedCommit[]): void {
    if (this.#header.length > 0) {
      this.#header.push(field);
      if (this.#header.length === HEADER_FIELDS) this.#startCommit();
      return;
    }
    const entry = this.#entry;
    if (entry) {
      entry.paths.push(decodeGitText(field));
      if (entry.kind === 'status' ? entry.paths.length === entry.need : entry.paths.length === 2) {
        this.#closeEntry(entry);
      }
      return;
    }
    if (field[0] === RS) {
      if (this.#commit) out.push(this.#commit);
      this.#commit = undefined;
      this.#header.push(field.subarray(1));
      return;
    }
    if (this.#first && field[0] === LF) field = field.subarray(1);
    this.#first = false;
    if (field.length === 0) return;
    if (!this.#commit) {
      throw new AppError(
        'git',
        'git log output does not start with a commit.',
        'Check that git is 2.31 or newer and that no alias replaces `git log`.',
      );
    }
    this.#openEntry(field);
  }

  #startCommit(): void {
    const [sha, parents, time, name, email, trailers] = this.#header.map((f) => decodeGitText(f));
    this.#header = [];
    this.#commit = {
      sha: sha ?? '',
      time: Number(time),
      author: { name: name ?? '', email: email ?? '' },
      coAuthors: coAuthorContacts(trailers ?? ''),
      parents: parents ? parents.split(' ').length : 0,
      files: [],
    };
    this.#first = true;
    this.#cursor = 0;
  }

  #openEntry(field: Buffer): void {
    if (field[0] === COLON) {
      // --raw: `:<mode> <mode> <oid> <oid> <status><score>`, then one or two paths.
      const status = field.toString('latin1', field.lastIndexOf(0x20) + 1);
      this.#entry = { kind: 'status', status, paths: [], need: pathCount(status) };
      return;
    }
    const first = field[0] ?? 0;
    if ((first >= 0x30 && first <= 0x39) || first === 0x2d) {
      // --numstat: `<added>\t<deleted>\t<path>`, or an empty path and then the old and new
      // paths of a rename. Binary files count `-` for both.
      const tab1 = field.indexOf(TAB);
      const tab2 = field.indexOf(TAB, tab1 + 1);
      const count = (from: number, to: number) => {
        const text = field.toString('latin1', from, to);
        return text === '-' ? undefined : Number(text);
      };
      const entry: OpenEntry = {
        kind: 'numstat',
        added: count(0, tab1),
        deleted: count(tab1 + 1, tab2),
        paths: [],
      };
      if (tab2 + 1 < field.length) {
        entry.paths.push('', decodeGitText(field.subarray(tab2 + 1)));
        this.#closeEntry(entry);
      } else {
        this.#entry = entry;
      }
      return;
    }
    // --name-status: `<status><score>`, then one or two paths.
    const status = field.toString('latin1');
    this.#entry = { kind: 'status', status, paths: [], need: pathCount(status) };
  }

  #closeEntry(entry: OpenEntry): void {
    this.#entry = undefined;
    const files = (this.#commit as ParsedCommit).files;
    if (entry.kind === 'status') {
      const status = entry.status.charAt(0);
      // U (unmerged) and X (unknown) cannot describe a commit; B needs -B, never passed.
      if (!STATUSES.has(status)) return;
      const [first = '', second] = entry.paths;
      files.push(
        second === undefined
          ? { path: first, status: status as FileChange['status'] }
          : { path: second, status: status as FileChange['status'], oldPath: first },
      );
      return;
    }
    const [oldPath, path] = entry.paths;
    // Same order as the raw entries; a search from the cursor copes with a skipped one.
    for (let i = this.#cursor; i < files.length; i++) {
      const file = files[i] as FileChange;
      if (file.path !== path || (oldPath !== '' && file.oldPath !== oldPath)) continue;
      if (entry.added !== undefined) file.added = entry.added;
      if (entry.deleted !== undefined) file.deleted = entry.deleted;
      this.#cursor = i + 1;
      return;
    }
  }
}

/** How many paths follow a status: two for a rename or a copy (old, then new). */
function pathCount(status: string): number {
  return status.startsWith('R') || status.startsWith('C') ? 2 : 1;
}
