import { LRUCache } from 'lru-cache';
import {
  displayPath,
  headCommit,
  type OwnershipHistory,
  openRepository,
  type RepositoryOwnershipFiles,
  readOwnershipHistory,
  repositoryLabel,
} from '../ingest/index.js';
import type { Io } from './io.js';

/** The weekly histories of bare repositories' ownership files, by folder, name shown and HEAD. */
const historyAtHead = new LRUCache<string, { history: OwnershipHistory | undefined }>({
  max: 5_000,
});

/**
 * Each repository's ownership files as they were, one version per week they changed (see
 * `readOwnershipHistory`), by absolute folder; repositories whose files never changed are
 * left out. `ownership` (today's files, by absolute folder) says which keep OWNERS files.
 */
export async function ownershipHistories(
  io: Io,
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
): Promise<Map<string, OwnershipHistory>> {
  const histories = new Map<string, OwnershipHistory>();
  for (const [absolute, today] of ownership) {
    const git = await openRepository(absolute);
    const shownAs = displayPath(io.cwd, absolute);
    const label = repositoryLabel(absolute);
    // A bare repository's history of them changes only when HEAD moves (see readAtHead).
    const key = git.bare ? `${absolute}\0${shownAs}\0${await headCommit(git)}` : undefined;
    const kept = key === undefined ? undefined : historyAtHead.get(key);
    const history = kept
      ? kept.history
      : await readOwnershipHistory(git, label, shownAs, 'weekly', today.headFiles);
    if (key !== undefined && !kept) historyAtHead.set(key, { history });
    if (history) histories.set(absolute, history);
  }
  return histories;
}

/**
 * The ownership files in force at `until` (seconds) in each repository, where they have
 * changed since (said once per repository): a past window is analysed with the rules of its
 * end, over the paths at HEAD. Repositories whose files did not change keep today's.
 */
export async function ownershipAsOf(
  io: Io,
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
  until: number,
): Promise<Map<string, RepositoryOwnershipFiles>> {
  const result = new Map(ownership);
  const day = new Date(until * 1000).toISOString().slice(0, 10);
  for (const [absolute, today] of ownership) {
    const git = await openRepository(absolute);
    // Nothing changed after HEAD's commit: today's files were in force at `until` too.
    const head = Number(
      (await git.run(['log', '-1', '--format=%ct']).catch(() => Buffer.from('0')))
        .toString('utf8')
        .trim(),
    );
    if (!(until < head)) continue;
    const shownAs = displayPath(io.cwd, absolute);
    const label = repositoryLabel(absolute);
    const history = await readOwnershipHistory(git, label, shownAs, [until], today.headFiles);
    const then = history && until < history.currentSince ? history.past[0] : undefined;
    if (!then) continue;
    result.set(absolute, { ...then.files, headFiles: today.headFiles });
    io.err(`Ownership files of ${shownAs} as they were on ${day}: ${then.commit.slice(0, 7)}.\n`);
  }
  return result;
}
