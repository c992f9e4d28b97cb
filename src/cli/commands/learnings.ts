import type { Learning } from '../../model/index.js';
import { catalogPaths, type LoadedConfig, loadValidCatalog } from '../context.js';
import { type Io, writeJson } from '../io.js';
import { short, wrap } from '../render.js';

/** `orgwire learnings`: the learnings feed, newest first. */
export async function learnings(
  io: Io,
  config: LoadedConfig,
  options: { catalog?: string[]; format: 'table' | 'json' | 'md' },
): Promise<number> {
  const { catalog } = await loadValidCatalog(io, catalogPaths(io, config, options.catalog));
  const feed = [...catalog.learnings].sort(
    (a, b) => (b.spec.date ?? '').localeCompare(a.spec.date ?? '') || a.name.localeCompare(b.name),
  );
  if (options.format === 'json') {
    writeJson(io, {
      learnings: feed.map((l) => ({
        ref: l.ref,
        title: l.title ?? null,
        date: l.spec.date ?? null,
        bet: l.spec.bet ?? null,
        incident: l.spec.incident ?? null,
        situation: l.spec.situation ?? null,
        complication: l.spec.complication ?? null,
        resolution: l.spec.resolution ?? null,
        lessons: l.spec.lessons ?? [],
        authors: l.spec.authors ?? [],
      })),
    });
    return 0;
  }
  if (feed.length === 0) {
    io.out('No learnings yet. Write one for each lost or killed bet (kind: Learning).\n');
    return 0;
  }
  const render = options.format === 'md' ? markdown : text;
  io.out(`${feed.map(render).join('\n')}`);
  return 0;
}

const about = (l: Learning): string =>
  l.spec.bet ? `bet ${short(l.spec.bet)}` : l.spec.incident ? `incident: ${l.spec.incident}` : '';

function text(l: Learning): string {
  const lines = [
    wrap(`${l.spec.date ?? '(no date)'}  ${l.title ?? l.name}${about(l) ? ` — ${about(l)}` : ''}`),
  ];
  for (const [label, body] of [
    ['Situation', l.spec.situation],
    ['Complication', l.spec.complication],
    ['Resolution', l.spec.resolution],
  ] as const) {
    if (body) lines.push(wrap(`${label}: ${body}`, '  '));
  }
  for (const lesson of l.spec.lessons ?? []) {
    // Continuation lines sit under the lesson's text, not under its bullet.
    lines.push(wrap(`• ${lesson}`, '    ').replace(/\n {4}/g, '\n      '));
  }
  if (l.spec.authors?.length) lines.push(`  — ${l.spec.authors.map(short).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function markdown(l: Learning): string {
  const lines = [
    `## ${l.title ?? l.name}`,
    '',
    `*${l.spec.date ?? 'undated'}${about(l) ? ` · ${about(l)}` : ''}*`,
    '',
  ];
  if (l.spec.situation) lines.push(`**Situation.** ${l.spec.situation}`, '');
  if (l.spec.complication) lines.push(`**Complication.** ${l.spec.complication}`, '');
  if (l.spec.resolution) lines.push(`**Resolution.** ${l.spec.resolution}`, '');
  if (l.spec.lessons?.length)
    lines.push('**Lessons**', '', ...l.spec.lessons.map((x) => `- ${x}`), '');
  return `${lines.join('\n')}\n`;
}
