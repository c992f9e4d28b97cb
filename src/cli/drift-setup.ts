import type { OwnershipHistory, RepositoryOwnershipFiles } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { type DriftCache, driftCache } from '../usecases/index.js';
import { buildId } from './build-id.js';
import { type CatalogVersions, catalogOrEmpty, catalogVersions } from './catalog-or-empty.js';
import type { ReportInput } from './commands/analyze.js';
import { catalogPaths, type LoadedConfig } from './context.js';
import type { Io } from './io.js';
import { ownershipHistories } from './ownership-as-of.js';

/** What drift measures with: today's catalog, the ownership files, the catalog's versions. */
export type CatalogWithHistory = Awaited<ReturnType<typeof catalogOrEmpty>> & {
  /** The catalog's versions from git; undefined outside git and for the demo. */
  read: CatalogVersions | undefined;
  /**
   * The repositories' ownership files as they were, by absolute folder (see
   * `ownershipHistories`), read on the first call: a series kept in the store needs none.
   */
  ownershipHistory: () => Promise<Map<string, OwnershipHistory>>;
};

/**
 * The catalog as `catalogOrEmpty` reads it, with its history from git (see
 * `catalogVersions`; the demo's catalog lives in orgwire's own history, which is not the
 * demo's, so the demo has none), and the repositories' ownership files as they were (see
 * `ownershipHistories`).
 */
export async function catalogWithHistory(
  io: Io,
  config: LoadedConfig,
  options: {
    catalog?: string[] | undefined;
    repos: string[];
    demo?: boolean;
    quiet: boolean;
    /** Where today's catalog's readings are kept between runs (see `keptReadings`). */
    store?: Store;
  },
): Promise<CatalogWithHistory> {
  const current = await catalogOrEmpty(io, config, options.catalog, options.repos, options.store);
  const read =
    current.dir && !options.demo
      ? await catalogVersions(
          io,
          catalogPaths(io, config, options.catalog),
          current.ownership,
          options.quiet,
        )
      : undefined;
  let histories: Promise<Map<string, OwnershipHistory>> | undefined;
  return {
    ...current,
    read,
    ownershipHistory: () => {
      histories ??= ownershipHistories(io, current.ownership);
      return histories;
    },
  };
}

/**
 * Where drift's weekly series is kept for this run (see `driftCache`): keyed by everything
 * its weeks depend on but the commits — orgwire's own code, orgwire.yaml, today's catalog and
 * the versions of its history, the trailing window, the ignore flags, the request exports,
 * the repositories and what their ownership files say — so that a change to any of them
 * measures every week again; stamped with the commits the store holds and `until`.
 */
export function driftCacheFor(
  store: Store,
  config: LoadedConfig,
  catalog: CatalogWithHistory,
  input: ReportInput,
  options: { span: number; ignore: readonly string[] | undefined; until: string | undefined },
): Promise<DriftCache> {
  const setup = {
    build: buildId(),
    config: config.config,
    catalog: catalog.loaded.catalog.entities,
    versions: (catalog.read?.list ?? []).map((v) => v.commit),
    span: options.span,
    ignore: options.ignore ?? [],
    requests: input.requests,
    repositories: input.repositories.map((r) => r.absolute),
    // The rules, not the paths at HEAD: a new file changes the facts, which the weeks' own
    // digests catch, not the setup. Their past is the repository's history, which the
    // stamp's commit marks follow.
    ownership: [...catalog.ownership].map(([dir, o]: [string, RepositoryOwnershipFiles]) => [
      dir,
      o.codeowners.rules,
      o.readings,
    ]),
  };
  return driftCache(
    store,
    setup,
    input.repositories.map((r) => r.repositoryId),
    options.until,
  );
}

/** The report's repositories with their ownership files as they were (see `catalogWithHistory`). */
export async function withOwnershipHistory(
  catalog: CatalogWithHistory,
  input: ReportInput,
): Promise<ReportInput['repositories']> {
  const histories = await catalog.ownershipHistory();
  return input.repositories.map((r) => ({ ...r, ownershipHistory: histories.get(r.absolute) }));
}
