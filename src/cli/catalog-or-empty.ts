import { existsSync } from 'node:fs';
import { displayPath } from '../ingest/index.js';
import { type LoadedCatalog, loadCatalog } from '../model/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from './context.js';
import type { Io } from './io.js';

/**
 * The catalog for commands that also work without one: the folders and team files named
 * (which must exist), else `./catalog` when it exists, else an empty catalog, so that a
 * bare repository can still be looked at. `dir` says what was read, as the user wrote it.
 */
export async function catalogOrEmpty(
  io: Io,
  config: LoadedConfig,
  flag: readonly string[] | undefined,
): Promise<{ loaded: LoadedCatalog; dir?: string }> {
  const paths = catalogPaths(io, config, flag);
  if (!flag?.length && !config.config.catalog && !paths.every((p) => existsSync(p))) {
    return { loaded: loadCatalog([]) };
  }
  return {
    loaded: await loadValidCatalog(io, paths),
    dir: paths.map((p) => displayPath(io.cwd, p)).join(', '),
  };
}
