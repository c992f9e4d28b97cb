import { existsSync } from 'node:fs';
import { displayPath } from '../ingest/index.js';
import { type LoadedCatalog, loadCatalog } from '../model/index.js';
import { catalogDir, type LoadedConfig, loadValidCatalog } from './context.js';
import type { Io } from './io.js';

/**
 * The catalog for commands that also work without one: the one named (which must
 * exist), else `./catalog` when it exists, else an empty catalog, so that a bare
 * repository can still be looked at.
 */
export async function catalogOrEmpty(
  io: Io,
  config: LoadedConfig,
  flag: string | undefined,
): Promise<{ loaded: LoadedCatalog; dir?: string }> {
  const dir = catalogDir(io, config, flag);
  if (!flag && !config.config.catalog && !existsSync(dir)) {
    return { loaded: loadCatalog([]) };
  }
  return { loaded: await loadValidCatalog(io, dir), dir: displayPath(io.cwd, dir) };
}
