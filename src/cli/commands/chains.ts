import { DEFAULT_MAX_DEPTH, synchronousChains } from '../../analysis/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from '../context.js';
import { type Io, writeJson } from '../io.js';
import { chainsMarkdown, chainsTable } from '../render-chains.js';

/** `orgwire chains`: synchronous dependency chains from the catalog, and their cycles. */
export async function chains(
  io: Io,
  config: LoadedConfig,
  options: { catalog?: string[]; maxDepth?: number; format: 'table' | 'json' | 'md' },
): Promise<number> {
  const { catalog } = await loadValidCatalog(io, catalogPaths(io, config, options.catalog));
  const result = synchronousChains(catalog, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (options.format === 'json') writeJson(io, result);
  else io.out(options.format === 'md' ? chainsMarkdown(result) : chainsTable(result));
  return 0;
}
