import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  type CatalogSource,
  type CatalogSources,
  catalogSource,
  catalogSources,
  isCatalogYaml,
} from './catalog-files.js';
import { displayPath } from './display-path.js';
import { type GitSource, gitSource, listTree, readBlobs } from './git.js';
import { changesOf, versionsInForce } from './versions-in-force.js';

/** One version of the catalog: as the commit that made it left the catalog's files. */
export interface CatalogVersion {
  commit: string;
  /** The commit's committer time, seconds: when the change landed. */
  time: number;
  sources: CatalogSources;
}

/** The catalog's history in git, for the versions in force at the times asked for. */
export interface CatalogHistory {
  /** The repository that holds the catalog, as shown. */
  repository: string;
  /** Oldest first; each version is in force from its `time` until the next one's. */
  versions: { commit: string; time: number }[];
  /**
   * The versions with their files read from git and parsed — most of the cost, done on the
   * first call only (a series kept in the store needs their commits alone).
   */
  load(): Promise<CatalogVersion[]>;
  /** The newest commit that changed the catalog: a version that is it is today's catalog. */
  latest: string;
}

/**
 * Reads the versions of the catalog that were in force at each of `times` (seconds; with
 * `'weekly'`, at the end of every week of its history, so a week's many changes are one
 * version), when
 * every catalog path (folder or team file) lives in one git repository: the last commit
 * at or before each time that changed them, its YAML files read from git (each blob once,
 * however many versions share it). Undefined when a path is outside git or they are in
 * several repositories: then today's catalog stands for the past. Times before the first
 * version get the first version.
 */
export async function readCatalogHistory(
  paths: readonly string[],
  times: readonly number[] | 'weekly',
  cwd = process.cwd(),
): Promise<CatalogHistory | undefined> {
  if (paths.length === 0) return undefined;
  const absolute = paths.map((p) => resolve(cwd, p));
  const tops = await Promise.all(absolute.map(topLevel));
  const top = tops[0];
  if (top === undefined || tops.some((t) => t !== top)) return undefined;
  const git = gitSource(top);
  const within = absolute.map((p) => relative(top, p).split('\\').join('/') || '.');
  const log = await changesOf(git, within);
  if (log.length === 0) return undefined;
  const versions = versionsInForce(log, times);
  let loaded: Promise<CatalogVersion[]> | undefined;
  return {
    repository: displayPath(cwd, top),
    versions,
    load: () => {
      loaded ??= loadVersions(git, versions, within, top, cwd);
      return loaded;
    },
    latest: (log[log.length - 1] as { commit: string }).commit,
  };
}

/** Each version's YAML files from git, each blob read and parsed once. */
async function loadVersions(
  git: GitSource,
  versions: readonly { commit: string; time: number }[],
  within: readonly string[],
  top: string,
  cwd: string,
): Promise<CatalogVersion[]> {
  const sources = new Map<string, CatalogSource>();
  const loaded: CatalogVersion[] = [];
  for (const { commit, time } of versions) {
    const tree = (await listTree(git, commit, within)).filter((e) => isCatalogYaml(e.path));
    // A file's blob is read and parsed once however many versions hold it (a team file
    // changes one team at a time), named after the first commit that holds it.
    const missing = [...new Set(tree.map((e) => e.blob))].filter((b) => !sources.has(b));
    const texts = missing.length > 0 ? await readBlobs(git, missing) : new Map<string, string>();
    for (const e of tree) {
      if (sources.has(e.blob)) continue;
      sources.set(
        e.blob,
        catalogSource({
          path: `${displayPath(cwd, join(top, e.path))}@${commit.slice(0, 7)}`,
          text: texts.get(e.blob) ?? '',
        }),
      );
    }
    const read = tree.map((e) => sources.get(e.blob) as CatalogSource);
    loaded.push({ commit, time, sources: catalogSources(read) });
  }
  return loaded;
}

/** The work tree a path lies in, or undefined outside git. */
async function topLevel(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  const dir = info.isDirectory() ? path : dirname(path);
  try {
    const out = await gitSource(dir).run(['rev-parse', '--show-toplevel']);
    return out.toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
