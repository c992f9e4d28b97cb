import type { Store } from '../store/index.js';

/**
 * The day (`YYYY-MM-DD`, UTC) of the newest commit the store holds for `repositories`, by
 * author time as every window counts it: what the radiator's figures are "as of". Null
 * when the store holds no commit of theirs.
 */
export async function newestCommitDay(
  store: Pick<Store, 'timeRange'>,
  repositories: readonly { repositoryId: number }[],
): Promise<string | null> {
  const range = await store.timeRange(repositories.map((r) => r.repositoryId));
  return range ? new Date(range.newest * 1000).toISOString().slice(0, 10) : null;
}
