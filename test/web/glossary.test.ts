import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, type GlossaryEntry, PAGES, type PageKey } from '../../web/src/glossary.js';

// The glossary is the one source of the radiator's definitions: these read it as data, and
// the UI's sources as text, to hold every <Term> to an entry that exists and says where it is.
const WEB = resolve('web/src');
const entries: readonly GlossaryEntry[] = GLOSSARY;
const ids = new Set(entries.map((e) => e.id));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.tsx') || d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/**
 * The glossary ids a source names: `<Term id="…">`, a `term="…"` prop handed on to a Term, and
 * the values of a `Record<…, TermId>` (a Term whose id is looked up; tsc checks those too).
 */
function termIds(text: string): string[] {
  const found = [
    ...text.matchAll(/<Term\s+id="([^"]*)"/g),
    ...text.matchAll(/\bterm="([^"]*)"/g),
  ].map((m) => m[1] as string);
  for (const map of text.matchAll(/Record<[^=]*?,\s*TermId>\s*=\s*\{([\s\S]*?)\};/g))
    for (const value of (map[1] as string).matchAll(/:\s*'([^']+)'/g))
      found.push(value[1] as string);
  return found;
}

const uses = new Map(
  sources(WEB).map((file) => [relative(WEB, file), termIds(readFileSync(file, 'utf8'))]),
);

/** The pages each file that uses <Term> is shown on (a component: the pages that render it). */
const SHOWN_ON: Record<string, readonly PageKey[]> = {
  'pages/OrgMapPage.tsx': ['map'],
  'pages/TeamsPage.tsx': ['teams'],
  'pages/TeamPage.tsx': ['team'],
  'pages/ComponentPage.tsx': ['component'],
  'pages/QueuesPage.tsx': ['queues'],
  'pages/ChainsPage.tsx': ['chains'],
  'pages/TrendsPage.tsx': ['trends'],
  'pages/DataQualityPage.tsx': ['data-quality'],
  'pages/LearningsPage.tsx': ['learnings'],
  'pages/WhatIfPage.tsx': ['what-if'],
  'components/MapLegend.tsx': ['map'],
  'components/NeedList.tsx': ['overview'],
  'components/NeedPanel.tsx': ['map'],
  'components/Coverage.tsx': ['overview', 'data-quality'],
  'components/OwnedTable.tsx': ['team'],
  'components/QueueDetail.tsx': ['queues', 'team'],
  'components/TrendTable.tsx': ['trends'],
  'components/TeamTrend.tsx': ['team'],
  'components/WhatIfDeltas.tsx': ['what-if'],
  'components/WhatIfSuggestion.tsx': ['what-if'],
};

describe('the glossary', () => {
  it('gives every entry its own id, usable as a #fragment', () => {
    expect(ids.size).toBe(entries.length);
    for (const e of entries) expect(e.id).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('has a term, a one-sentence short definition and a paragraph for every entry', () => {
    for (const e of entries) {
      expect(e.term.trim(), e.id).not.toBe('');
      expect(e.long.trim().length, e.id).toBeGreaterThan(e.short.length / 2);
      // The short text is a tooltip: one sentence, plain text.
      expect(e.short, e.id).toMatch(/^[A-Z0-9].*[.]$/s);
      expect(e.short, e.id).not.toMatch(/[.!?] [A-Z]/);
      expect(e.short, e.id).not.toContain('`');
      if (e.formula !== undefined) expect(e.formula.trim(), e.id).not.toBe('');
      expect(e.appears.length, e.id).toBeGreaterThan(0);
      for (const page of e.appears) expect(Object.keys(PAGES), e.id).toContain(page);
    }
  });

  it('defines the terms the radiator’s readers asked about', () => {
    for (const id of [
      'congruence',
      'congruence-unweighted',
      'need',
      'weight',
      'shared-work',
      'coupled-work',
      'wired',
      'unwired',
      'idle-interaction',
      'coverage',
      'owner-share',
      'fragmentation',
      'coupling-degree',
      'cross-team-coupling',
      'handoffs',
      'independence',
      'checkbox',
      'feasibility',
      'impact',
      'quick-win',
      'big-bet',
      'fill-in',
      'money-pit',
      'calibration',
      'hit-rate',
      'brier',
      'lead-time',
      'p85',
      'wip',
      'breach-rate',
      'promise',
      'embed',
      'chain',
      'compound-availability',
      'below-objective',
      'drift',
      'cusum',
      'headcount',
      'unmatched-author',
      'bot',
      'scenario',
      'queue-estimate',
      'unstable',
      'suggested-boundaries',
    ])
      expect(ids, id).toContain(id);
  });

  it('says what a Brier score of 0 and of 0.25 mean, and that a checkbox is 6 handoffs or more', () => {
    const brier = entries.find((e) => e.id === 'brier');
    expect(brier?.short).toMatch(/0 is perfect calibration, 0\.25 is no better than a coin toss/);
    expect(brier?.formula).toBe(
      'Brier = mean over decided bets with a confidence of (confidence − hit)², hit ∈ {0, 1}',
    );
    expect(entries.find((e) => e.id === 'checkbox')?.formula).toBe('handoffs ≥ 6');
  });
});

describe('<Term> in the radiator', () => {
  it('names only glossary entries, wherever it is used', () => {
    const all = [...uses].flatMap(([file, found]) => found.map((id) => ({ file, id })));
    // The pages and components of issue 15 use it: a few dozen places at least.
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter(({ id }) => !ids.has(id))).toEqual([]);
  });

  it('is used on every page and component it was added to', () => {
    for (const file of Object.keys(SHOWN_ON))
      expect(uses.get(file)?.length ?? 0, file).toBeGreaterThan(0);
  });

  it('lists, for each term a page shows, that page under “where it appears”', () => {
    const missing: string[] = [];
    for (const [file, pages] of Object.entries(SHOWN_ON))
      for (const id of uses.get(file) ?? []) {
        const entry = entries.find((e) => e.id === id);
        for (const page of pages)
          if (entry && !entry.appears.includes(page)) missing.push(`${id} on ${page} (${file})`);
      }
    expect(missing).toEqual([]);
  });
});
