import { resolve } from 'node:path';
import { AppError } from '../errors.js';
import {
  blobAccess,
  type GitSource,
  headCommit,
  openRepository,
  type RenameDetection,
  readLog,
  repositoryLabel,
} from '../ingest/index.js';
import type { CommitRecord } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface IngestOptions {
  /** Keep merge commits (their files diffed against the first parent). */
  merges?: boolean;
  /** Count lines added and deleted (about 8× slower; reads every blob). */
  lines?: boolean;
  /** Commits per transaction: how much an interrupted run can lose. */
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  /** The repository's folder, as given. */
  dir: string;
  /** The repository's name. */
  repository: string;
  done: number;
  total: number;
}

/** What one repository's ingest did. */
export interface IngestResult {
  dir: string;
  label: string;
  repositoryId: number;
  /** The commit HEAD pointed at; null for an empty repository. */
  head: string | null;
  /** Commits read by this run. */
  added: number;
  /** The stored history no longer matched the repository (a force-push) and was read again. */
  rewritten: boolean;
  /** The stored commits were read with other options (merges, lines) and were read again. */
  modeChanged: boolean;
  /**
   * Why this run found renames only for files moved unchanged (`exact`), when it read any
   * commit: `partial`, a partial clone, where comparing contents would fetch blobs one
   * commit at a time; `missing`, blobs git cannot read (a partial clone cut off from its
   * remote, or a damaged one). Absent when renames were found by similarity, or nothing was
   * read.
   */
  exactRenames?: 'partial' | 'missing';
}

/** A repository whose ingest failed, and why; the store keeps what it saved before. */
export interface IngestFailure {
  dir: string;
  label: string;
  error: Error;
}

/** One repository's ingest: what it did, or why it failed. */
export type IngestOutcome =
  | { ok: true; result: IngestResult }
  | { ok: false; failure: IngestFailure };

export interface IngestEachOptions extends IngestOptions {
  /** Repositories read at the same time (default 1): each its own git, one writer at a time. */
  jobs?: number;
  /** Called as each repository finishes, with how many have finished. */
  onDone?: (outcome: IngestOutcome, done: number) => void;
}

/**
 * Reads what is new in each repository into the store, incrementally: per repository and
 * mode (merges, lines) the store keeps the last commit read; a later run reads only the
 * commits after it. Commits are saved a batch per transaction, in an order where every
 * commit follows its parents, so a run killed at any point leaves every repository at a
 * batch boundary and the next run continues from there. Rewritten history (the stored tip
 * is no longer an ancestor of HEAD) is read again from scratch.
 *
 * `jobs` repositories are read at a time, each by its own git process; their batches take
 * turns at the store, one transaction at a time each. A repository that fails is reported
 * in its outcome and the others go on — but a store that fails (a full disk, a server gone)
 * would fail them all: that stops the run, and is thrown once the repositories being read
 * have stopped. Outcomes come in the order of `dirs`.
 */
export async function ingestEach(
  store: Store,
  dirs: readonly string[],
  options: IngestEachOptions = {},
): Promise<IngestOutcome[]> {
  const { jobs = 1, onDone, ...perRepository } = options;
  const outcomes: IngestOutcome[] = new Array(dirs.length);
  let next = 0;
  let done = 0;
  let storeFailure: Error | undefined;
  const worker = async () => {
    while (storeFailure === undefined && next < dirs.length) {
      const index = next++;
      const dir = dirs[index] as string;
      let outcome: IngestOutcome;
      try {
        outcome = { ok: true, result: await ingestRepository(store, dir, perRepository) };
      } catch (cause) {
        const error = cause instanceof Error ? cause : new Error(String(cause));
        if (error instanceof AppError && error.code === 'store') storeFailure ??= error;
        outcome = { ok: false, failure: { dir, label: repositoryLabel(dir), error } };
      }
      outcomes[index] = outcome;
      onDone?.(outcome, ++done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, dirs.length)) }, worker));
  if (storeFailure) throw storeFailure;
  return outcomes;
}

/**
 * {@link ingestEach}, for commands that need every repository read: the first failure is
 * thrown, once every repository has been tried.
 */
export async function ingestRepositories(
  store: Store,
  dirs: readonly string[],
  options: IngestEachOptions = {},
): Promise<IngestResult[]> {
  const outcomes = await ingestEach(store, dirs, options);
  const failed = outcomes.find((o) => !o.ok);
  if (failed) throw failed.failure.error;
  return outcomes.map((o) => (o as { ok: true; result: IngestResult }).result);
}

async function ingestRepository(
  store: Store,
  dir: string,
  options: IngestOptions,
): Promise<IngestResult> {
  const git = await openRepository(dir);
  const label = repositoryLabel(dir);
  const repository = await store.repository(resolve(dir), label);
  const result: IngestResult = {
    dir,
    label,
    repositoryId: repository.id,
    head: null,
    added: 0,
    rewritten: false,
    modeChanged: false,
  };
  const head = await headCommit(git);
  if (head === null) return result;
  result.head = head;
  const ref = `HEAD${options.merges ? '+merges' : ''}${options.lines ? '+lines' : ''}`;

  let tip = await store.tip(repository.id, ref);
  if (tip === null && (await store.counts([repository.id])).commits > 0) {
    // Stored with other options: a commit's files depend on them, so read everything again.
    await store.resetRepository(repository.id);
    result.modeChanged = true;
  } else if (tip !== null && tip !== head && !(await isAncestor(git, tip, head))) {
    await store.resetRepository(repository.id);
    result.rewritten = true;
    tip = null;
  }
  if (tip === head) return result;

  // Counting costs git a walk of the history (about a sixth of the ingest on git/git):
  // only worth it when someone watches the progress.
  const total = options.onProgress
    ? await countCommits(git, tip === null ? [head] : [head, `^${tip}`], options.merges ?? false)
    : 0;
  options.onProgress?.({ dir, repository: label, done: 0, total });
  const access = await blobAccess(git);
  if (access !== 'complete') result.exactRenames = access === 'promised' ? 'partial' : 'missing';
  const reader: CommitReader = { git, store, repositoryId: repository.id, ref, head, total };
  try {
    await readCommits(reader, tip, access === 'complete' ? 'similar' : 'exact', options, result);
  } catch (error) {
    if (!isMissingObjects(error)) throw error;
    if (options.lines || access !== 'complete') throw missingObjects(label, options);
    // Finding a rename by similarity read a blob that is not there. The store holds what
    // was read up to the last batch saved, and its tip says where that ends: read on from
    // there finding only unchanged moves, which compare object ids and read no blob. The
    // batch read since was not saved, so no commit is stored twice; side-branch commits
    // read before that tip may come again, which the store takes as once, so the commits
    // this second read added are counted in the store.
    result.exactRenames = 'missing';
    const from = await store.tip(repository.id, ref);
    const before = (await store.counts([repository.id])).commits;
    const saved = result.added;
    await readCommits(reader, from, 'exact', options, result).catch((again: unknown) => {
      throw isMissingObjects(again) ? missingObjects(label, options) : again;
    });
    result.added = saved + (await store.counts([repository.id])).commits - before;
  }
  return result;
}

/** Where {@link readCommits} reads from and saves to. */
interface CommitReader {
  git: GitSource;
  store: Store;
  repositoryId: number;
  ref: string;
  head: string;
  /** Commits to read in all, for the progress; 0 when nobody watches. */
  total: number;
}

/**
 * Reads the commits after `tip` (all with null) up to HEAD into the store, a batch per
 * transaction, and moves the stored tip to HEAD. Commits come parents first, so the last
 * commit of each batch saved is a safe point to resume after.
 */
async function readCommits(
  reader: CommitReader,
  tip: string | null,
  renames: RenameDetection,
  options: IngestOptions,
  result: IngestResult,
): Promise<void> {
  const { git, store, repositoryId, ref, head, total } = reader;
  const label = result.label;
  const range = tip === null ? [head] : [head, `^${tip}`];
  const batchSize = options.batchSize ?? 2000;
  let batch: CommitRecord[] = [];
  for await (const commit of readLog(git, {
    range,
    renames,
    ...(options.merges ? { merges: true } : {}),
    ...(options.lines ? { lines: true } : {}),
  })) {
    batch.push(commit);
    if (batch.length % 250 === 0) {
      options.onProgress?.({
        dir: result.dir,
        repository: label,
        done: result.added + batch.length,
        total,
      });
    }
    if (batch.length >= batchSize) {
      await store.saveBatch(repositoryId, ref, batch, commit.sha);
      result.added += batch.length;
      options.onProgress?.({ dir: result.dir, repository: label, done: result.added, total });
      batch = [];
    }
  }
  await store.saveBatch(repositoryId, ref, batch, head);
  result.added += batch.length;
  options.onProgress?.({ dir: result.dir, repository: label, done: result.added, total });
}

function isMissingObjects(error: unknown): boolean {
  return error instanceof AppError && error.code === 'missing-objects';
}

/** The error for objects missing even where no blob is read, or where every blob is (`lines`). */
function missingObjects(label: string, options: IngestOptions): AppError {
  return options.lines
    ? new AppError(
        'missing-objects',
        `${label}: some blobs are missing (a partial or damaged clone), and counting lines reads every blob.`,
        'Leave out --lines, or make the clone whole (`git fetch --refetch`, or clone it again without --filter).',
      )
    : new AppError(
        'missing-objects',
        `${label}: objects git needs to list the files each commit changed are missing (a damaged clone).`,
        'Run `git fsck` in the repository to see what is missing, then fetch again or clone it anew.',
      );
}

async function isAncestor(git: GitSource, ancestor: string, descendant: string): Promise<boolean> {
  try {
    await git.run(['merge-base', '--is-ancestor', ancestor, descendant]);
    return true;
  } catch {
    // Not an ancestor, or the commit no longer exists at all (garbage-collected after a rewrite).
    return false;
  }
}

async function countCommits(
  git: GitSource,
  range: readonly string[],
  merges: boolean,
): Promise<number> {
  const out = await git.run([
    'rev-list',
    '--count',
    ...(merges ? [] : ['--no-merges']),
    ...range,
    '--',
  ]);
  return Number(out.toString('utf8').trim()) || 0;
}
