import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CatalogSources,
  displayPath,
  type RepositoryOwnershipFiles,
  readRepositoriesOwnership,
} from '../ingest/index.js';
import { type LoadedCatalog, loadCatalog } from '../model/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from './context.js';
import type { Io } from './io.js';

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
    loaded: await loadValidCatalog(io, paths, entities),
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
