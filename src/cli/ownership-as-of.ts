import { resolve } from 'node:path';
import {
  displayPath,
  type OwnershipHistory,
  openRepository,
  type RepositoryOwnershipFiles,
  readOwnershipHistory,
  repositoryLabel,
} from '../ingest/index.js';
import type { Io } from './io.js';

/**
 * Each repository's ownership files as they were, one version per week they changed (see
 * `readOwnershipHistory`), by absolute folder; repositories whose files never changed are
 * left out.
 */
export async function ownershipHistories(
  io: Io,
  repos: readonly string[],
): Promise<Map<string, OwnershipHistory>> {
  const histories = new Map<string, OwnershipHistory>();
  for (const repo of repos) {
    const absolute = resolve(io.cwd, repo);
    if (histories.has(absolute)) continue;
    const git = await openRepository(absolute);
    const history = await readOwnershipHistory(
      git,
      repositoryLabel(absolute),
      displayPath(io.cwd, repo),
      'weekly',
    );
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
    const shownAs = displayPath(io.cwd, absolute);
    const history = await readOwnershipHistory(git, repositoryLabel(absolute), shownAs, [until]);
    const then = history && until < history.currentSince ? history.past[0] : undefined;
    if (!then) continue;
    result.set(absolute, { ...then.files, headFiles: today.headFiles });
    io.err(`Ownership files of ${shownAs} as they were on ${day}: ${then.commit.slice(0, 7)}.\n`);
  }
  return result;
}
