import {
  createPathResolver,
  type OwnershipHistory,
  type OwnershipVersion,
  type RepositoryOwnership,
} from '../ingest/index.js';
import type { Catalog, PathOwnership } from '../model/index.js';

/** A path's owner as files no longer in force decided it, and how long they were. */
export interface PastOwnership extends PathOwnership {
  /** When those files took effect and when the next ones did (seconds). */
  from: number;
  to: number;
}

/** Per component, the owners past files gave it, by the time each was in force. */
export type PastOwners = Map<string, Map<number, { to: number; owner: string | null }>>;

/** Keeps the owner a past version gave a component, once per version. */
export function recordPastOwner(owners: PastOwners, was: PastOwnership): void {
  let spans = owners.get(was.component);
  if (!spans) {
    spans = new Map();
    owners.set(was.component, spans);
  }
  if (!spans.has(was.from)) spans.set(was.from, { to: was.to, owner: was.owner });
}

/**
 * The owner past files gave a component at `time`; undefined when no past version then
 * decided it (today's files, or a catalog component).
 */
export function pastOwnerAt(
  owners: PastOwners,
  component: string,
  time: number,
): string | null | undefined {
  for (const [from, span] of owners.get(component) ?? [])
    if (from <= time && time < span.to) return span.owner;
  return undefined;
}

/**
 * What a repository's past ownership files decided of a path at a time: the version in
 * force then (the first before all), its resolver built on first use, its folders split as
 * today's are; undefined from the time today's files took effect.
 */
export function pastResolver(
  catalog: Catalog,
  repo: RepositoryOwnership,
  history: OwnershipHistory,
  split: (found: PathOwnership) => PathOwnership,
): (path: string, time: number) => PastOwnership | undefined {
  const { past, currentSince } = history;
  // Per version: its resolver, built on first use, and what it decided of each path.
  const versions = new Map<
    number,
    { resolve: (path: string) => PathOwnership; decided: Map<string, PastOwnership> }
  >();
  return (path, time) => {
    if (time >= currentSince) return undefined;
    let index = 0;
    for (let lo = 0, hi = past.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if ((past[mid] as OwnershipVersion).time <= time) {
        index = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const version = past[index] as OwnershipVersion;
    let cached = versions.get(index);
    if (!cached) {
      const { codeowners, readings } = version.files;
      cached = {
        resolve: createPathResolver(catalog, repo, codeowners, readings).resolve,
        decided: new Map(),
      };
      versions.set(index, cached);
    }
    let found = cached.decided.get(path);
    if (!found) {
      found = {
        ...split(cached.resolve(path)),
        // The first version stands for the time before it too.
        from: index === 0 ? Number.NEGATIVE_INFINITY : version.time,
        to: (past[index + 1] as OwnershipVersion | undefined)?.time ?? currentSince,
      };
      cached.decided.set(path, found);
    }
    return found;
  };
}
