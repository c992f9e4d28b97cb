import { resolve } from 'node:path';
import {
  type GitSource,
  hasHead,
  openRepository,
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
}

/**
 * Reads what is new in each repository into the store, incrementally: per repository and
 * mode (merges, lines) the store keeps the last commit read; a later run reads only the
 * commits after it. Commits are saved a batch per transaction, in an order where every
 * commit follows its parents, so a run killed at any point leaves the store at a batch
 * boundary and the next run continues from there. Rewritten history (the stored tip is no
 * longer an ancestor of HEAD) is read again from scratch.
 */
export async function ingestRepositories(
  store: Store,
  dirs: readonly string[],
  options: IngestOptions = {},
): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  for (const dir of dirs) results.push(await ingestRepository(store, dir, options));
  return results;
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
  if (!(await hasHead(git))) return result;
  const head = (await git.run(['rev-parse', 'HEAD'])).toString('utf8').trim();
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

  const range = tip === null ? [head] : [head, `^${tip}`];
  // Counting costs git a walk of the history (about a sixth of the ingest on git/git):
  // only worth it when someone watches the progress.
  const total = options.onProgress ? await countCommits(git, range, options.merges ?? false) : 0;
  const batchSize = options.batchSize ?? 2000;
  let batch: CommitRecord[] = [];
  options.onProgress?.({ repository: label, done: 0, total });
  for await (const commit of readLog(git, {
    range,
    ...(options.merges ? { merges: true } : {}),
    ...(options.lines ? { lines: true } : {}),
  })) {
    batch.push(commit);
    if (batch.length % 250 === 0) {
      options.onProgress?.({ repository: label, done: result.added + batch.length, total });
    }
    if (batch.length >= batchSize) {
      // Commits come parents first, so the last one read is a safe point to resume after.
      await store.saveBatch(repository.id, ref, batch, commit.sha);
      result.added += batch.length;
      options.onProgress?.({ repository: label, done: result.added, total });
      batch = [];
    }
  }
  await store.saveBatch(repository.id, ref, batch, head);
  result.added += batch.length;
  options.onProgress?.({ repository: label, done: result.added, total });
  return result;
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
