import { checkRules } from '../../analysis/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from '../context.js';
import { type Io, type OutputFormat, writeJson } from '../io.js';
import { plural, short, wrap } from '../render.js';
import { todayFlag } from '../window-flags.js';

/**
 * `orgwire check`: the alignment rules as a CI gate. Exit 0 when no error-severity rule
 * fires, 1 when one does, 2 when the input is wrong.
 */
export async function check(
  io: Io,
  config: LoadedConfig,
  options: { catalog?: string[]; today?: string; format: OutputFormat },
): Promise<number> {
  const today = todayFlag(options.today);
  const { catalog } = await loadValidCatalog(io, catalogPaths(io, config, options.catalog));
  const violations = checkRules(catalog, today, config.config.rules ?? {});
  const errors = violations.filter((v) => v.severity === 'error').length;
  if (options.format === 'json') {
    writeJson(io, { today, violations });
    return errors > 0 ? 1 : 0;
  }
  for (const v of violations) {
    io.out(
      `${v.file}:${v.line}  ${v.severity}  ${v.rule}  ${short(v.entity)}\n${wrap(v.message, '    ')}\n`,
    );
  }
  const warnings = violations.length - errors;
  const counted = `${catalog.goals.length} goals, ${catalog.bets.length} bets, ${catalog.groups.length} groups, ${catalog.users.length} users`;
  io.out(
    `${violations.length > 0 ? '\n' : ''}${errors > 0 ? '✗' : '✓'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${counted}; today is ${today}).\n`,
  );
  return errors > 0 ? 1 : 0;
}
