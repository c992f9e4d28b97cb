import type { ChainsResult } from '../analysis/index.js';
import { columns, plural, short, wrap } from './render.js';

const availability = (a: number | null): string => (a === null ? 'unknown' : `${a}%`);

export function chainsTable(result: ChainsResult): string {
  const out = [`Synchronous chains (${result.chains.length}) — longest first`];
  if (result.chains.length === 0) {
    out.push(
      wrap('No component calls another synchronously (spec.dependsOn, spec.consumesApis).', '  '),
    );
  } else {
    out.push(
      columns([
        ['ENTRY POINT', 'DEPTH', 'AVAILABILITY', 'FAN-OUT', 'FLAGS'],
        ...result.chains.map((c) => [
          short(c.entry),
          String(c.depth),
          availability(c.availability),
          String(c.fanOut),
          c.flags.join(', '),
        ]),
      ]),
    );
    const deepest = result.chains[0];
    if (deepest && deepest.depth > 2) {
      out.push(wrap(`Longest: ${deepest.path.map(short).join(' → ')}.`, '  '));
    }
  }
  if (result.cycles.length > 0) {
    out.push('', `Cycles (${result.cycles.length}): components that call each other synchronously`);
    for (const cycle of result.cycles) out.push(wrap(`${cycle.map(short).join(' ↔ ')}`, '  '));
  }
  out.push(
    '',
    wrap(
      `AVAILABILITY: the product of the objectives (orgwire.dev/availability) along the chain. ${plural(result.chains.filter((c) => c.flags.includes('below-objective')).length, 'chain')} below the entry point's own objective.`,
      '  ',
    ),
  );
  return `${out.join('\n')}\n`;
}

export function chainsMarkdown(result: ChainsResult): string {
  const out = ['## Synchronous chains', ''];
  out.push(
    '| Entry point | Depth | Availability | Fan-out | Flags | Chain |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const c of result.chains) {
    out.push(
      `| ${short(c.entry)} | ${c.depth} | ${availability(c.availability)} | ${c.fanOut} | ${c.flags.join(', ')} | ${c.path.map(short).join(' → ')} |`,
    );
  }
  if (result.cycles.length > 0)
    out.push('', `**Cycles:** ${result.cycles.map((c) => c.map(short).join(' ↔ ')).join('; ')}`);
  return `${out.join('\n')}\n`;
}
