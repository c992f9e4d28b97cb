import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../errors.js';
import { readCatalogSources, readTextFile } from '../ingest/index.js';
import {
  type Config,
  type DeclaredEntities,
  hasErrors,
  type LoadedCatalog,
  loadCatalog,
  parseConfig,
} from '../model/index.js';
import type { Store } from '../store/index.js';
import { InputProblems } from './input-problems.js';
import type { Io } from './io.js';
import { keptReadings } from './kept-readings.js';
import { formatProblem, problemCounts } from './render.js';

export const DEFAULT_CATALOG = 'catalog';
export const CONFIG_FILE = 'orgwire.yaml';

export interface LoadedConfig {
  config: Config;
  /** The folder the config's relative paths start from. */
  base: string;
  /** The config file read, or where `orgwire.yaml` would be when there is none. */
  file: string;
}

/**
 * Reads `--config FILE`, else `orgwire.yaml` in the current folder when there is one.
 * A broken config is an input error with every problem listed.
 */
export async function loadConfig(io: Io, file: string | undefined): Promise<LoadedConfig> {
  const path = file ? resolve(io.cwd, file) : join(io.cwd, CONFIG_FILE);
  const shown = file ?? CONFIG_FILE;
  let text: string;
  try {
    text = await readTextFile(path, { shownAs: shown, what: 'config file', flag: '--config' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') {
      if (!file) return { config: {}, base: io.cwd, file: path };
      throw new AppError(
        'not-found',
        `No config file at ${file}.`,
        'Pass --config with an existing orgwire.yaml, or leave it out.',
      );
    }
    throw error;
  }
  const { config, problems } = parseConfig(text, shown);
  if (problems.length > 0) throw new InputProblems(problems, `${shown} is not valid.`);
  return { config, base: dirname(path), file: path };
}

/**
 * The catalog's folders and team files: every `--catalog`, else the config's `catalog`,
 * else `./catalog`.
 */
export function catalogPaths(
  io: Io,
  loaded: LoadedConfig,
  flag: readonly string[] | undefined,
): string[] {
  if (flag?.length) return flag.map((path) => resolve(io.cwd, path));
  if (loaded.config.catalog) {
    return [
      isAbsolute(loaded.config.catalog)
        ? loaded.config.catalog
        : resolve(loaded.base, loaded.config.catalog),
    ];
  }
  return [resolve(io.cwd, DEFAULT_CATALOG)];
}

/**
 * Loads a catalog for a command that needs a valid one: errors stop the run (every one
 * printed, exit 2); warnings go to standard error and the run goes on. The teams and
 * people the repositories' ownership files declare are added to it.
 */
export async function loadValidCatalog(
  io: Io,
  paths: readonly string[],
  fromRepositories: readonly DeclaredEntities[] = [],
  store?: Store,
): Promise<LoadedCatalog> {
  const { files, declared } = paths.length
    ? await readCatalogSources(paths, io.cwd)
    : { files: [], declared: { files: 0, entities: [], problems: [] } };
  // With a store: the files' readings kept by the last run that read them, if any.
  const keep = store ? await keptReadings(store, files) : undefined;
  const loaded = loadCatalog(files, {
    ...declared,
    entities: [...declared.entities, ...fromRepositories],
  });
  if (hasErrors(loaded.problems)) {
    throw new InputProblems(
      loaded.problems,
      `The catalog has ${problemCounts(loaded.problems)}. Run \`orgwire validate\` for details.`,
    );
  }
  for (const problem of loaded.problems)
    if (problem.severity === 'warning') io.err(`${formatProblem(problem)}\n`);
  await keep?.();
  return loaded;
}
