import { analyzeBets, type BetsReport, parseDay, resolveWindow } from '../../analysis/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from '../context.js';
import { type Io, writeJson } from '../io.js';
import { renderBetsTable } from '../render-bets.js';
import { todayFlag } from '../window-flags.js';

/**
 * `orgwire bets` without history: the board from the catalog alone. (With `--repo`, the
 * CLI runs the analysis and shows its bets, which adds unwired needs and stalled bets.)
 */
export async function bets(
  io: Io,
  config: LoadedConfig,
  options: { catalog?: string[]; today?: string; format: 'table' | 'json' },
): Promise<number> {
  const today = todayFlag(options.today);
  const { catalog } = await loadValidCatalog(io, catalogPaths(io, config, options.catalog));
  // Without history, interactions count as wiring when active in the 90 days up to today.
  const window = resolveWindow({}, parseDay(today, true) as number);
  const report = analyzeBets(catalog, { today, window });
  printBets(io, report, options.format);
  return 0;
}

export function printBets(io: Io, report: BetsReport, format: 'table' | 'json'): void {
  if (format === 'json') writeJson(io, report);
  else io.out(renderBetsTable(report));
}
