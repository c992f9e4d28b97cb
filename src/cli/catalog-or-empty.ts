import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CatalogSources,
  displayPath,
  type RepositoryOwnershipFiles,
  readCatalogHistory,
  readRepositoriesOwnership,
} from '../ingest/index.js';
import { type Catalog, hasErrors, type LoadedCatalog, loadCatalog } from '../model/index.js';
import type { Store } from '../store/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from './context.js';
import type { Io } from './io.js';
import { plural } from './render.js';

/**
 * The catalog for commands that also work without one: the folders and team files named
 * (which must exist), else `./catalog` when it exists, else an empty catalog, so that a
 * bare repository can still be looked at. `dir` says what was read, as the user wrote it.
 * The ownership files of `repos` (OWNERS, MAINTAINERS, GitLab CODEOWNERS) are read too:
 * the teams and people they declare join the catalog, and `ownership` keeps what they say
 * for the analysis, by absolute repository folder.
 */
export async function catalogOrEmpty(
  io: Io,
  config: LoadedConfig,
  flag: readonly string[] | undefined,
  repos: readonly string[] = [],
  /** Where the catalog's readings are kept between runs (see `keptReadings`). */
  store?: Store,
): Promise<{
  loaded: LoadedCatalog;
  dir?: string;
  ownership: Map<string, RepositoryOwnershipFiles>;
}> {
  const { byDir, entities } = await readRepositoriesOwnership(
    repos.map((r) => ({ absolute: resolve(io.cwd, r), shownAs: displayPath(io.cwd, r) })),
  );
  const paths = catalogPaths(io, config, flag);
  if (!flag?.length && !config.config.catalog && !paths.every((p) => existsSync(p))) {
    return { loaded: await loadValidCatalog(io, [], entities), ownership: byDir };
  }
  return {
    loaded: await loadValidCatalog(io, paths, entities, store),
    dir: paths.map((p) => displayPath(io.cwd, p)).join(', '),
    ownership: byDir,
  };
}

/**
 * A catalog version read from git, loaded as today's catalog is: with the teams and people
 * the repositories' ownership files declare.
 */
export function loadCatalogVersion(
  sources: CatalogSources,
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
): LoadedCatalog {
  const fromRepositories = [...ownership.values()].flatMap((o) =>
    o.readings.map((r) => r.entities),
  );
  return loadCatalog(sources.files, {
    ...sources.declared,
    entities: [...sources.declared.entities, ...fromRepositories],
  });
}

/** Catalog versions read from git, with where they came from, for the drift series. */
export interface CatalogVersions {
  /** Each version's commit and the time it took effect (seconds), oldest first. */
  list: { time: number; commit: string }[];
  /** The repository holding the catalog, as shown. */
  repository: string;
  /**
   * Every version loaded (each file parsed once, however many versions share it), and how
   * many have errors (read as far as they go); loaded on first call only, as a series kept
   * in the store needs none of them.
   */
  load(): Promise<{
    versions: { time: number; commit: string; catalog: Catalog }[];
    broken: number;
  }>;
  /** How many versions have errors, once loaded. */
  broken?: number;
}

/**
 * The catalog as it was: its versions from git, one per week it changed, each loaded with
 * the teams the repositories' ownership files declare. A catalog outside git, said once
 * (unless `quiet`), leaves today's catalog for the whole history: undefined.
 */
export async function catalogVersions(
  io: Io,
  paths: readonly string[],
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>,
  quiet: boolean,
): Promise<CatalogVersions | undefined> {
  const history = await readCatalogHistory(paths, 'weekly', io.cwd);
  if (!history) {
    if (!quiet)
      io.err(
        'The catalog is not in one git repository: today\u2019s teams stand for the whole history.\n',
      );
    return undefined;
  }
  let loaded: Awaited<ReturnType<CatalogVersions['load']>> | undefined;
  const read: CatalogVersions = {
    list: history.versions,
    repository: history.repository,
    async load() {
      if (!loaded) {
        let broken = 0;
        const versions = (await history.load()).map((v) => {
          const version = loadCatalogVersion(v.sources, ownership);
          if (hasErrors(version.problems)) broken++;
          return { time: v.time, commit: v.commit, catalog: version.catalog };
        });
        loaded = { versions, broken };
        read.broken = broken;
      }
      return loaded;
    },
  };
  return read;
}

/**
 * What the series made of the catalog's history, in a line: the versions some week was
 * measured with (versions newer than the history, or one catalog kept apart from the work
 * and begun after it, are read but stand for no week).
 */
export function versionsUsed(
  read: CatalogVersions,
  series: readonly { catalogCommit: string | null }[],
): string {
  const used = new Set(series.map((w) => w.catalogCommit).filter((c) => c !== null)).size;
  const errors = read.broken ? ` (${read.broken} with errors, read as far as they go)` : '';
  if (used === 0)
    return `Catalog as it was: none of its ${plural(read.list.length, 'version')} in ${read.repository} is older than the work\u2019s last week, so today\u2019s teams stand for the whole history.`;
  return `Catalog as it was: ${plural(used, 'version')} of ${read.list.length} from the history of ${read.repository} measured the weeks${errors}; weeks before the first use today\u2019s.`;
}
