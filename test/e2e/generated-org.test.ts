import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BetsBoard,
  Overview,
  TeamList,
  TeamPage,
  TrendsView,
} from '../../src/server/api-types.js';
import { launchChromium, openPage, visit } from '../helpers/browser.js';
import { SHOTS } from '../helpers/demo-radiator.js';
import { serveGeneratedOrg } from '../helpers/generated-org.js';
import type { Served } from '../helpers/serve.js';

// Every page of the radiator for an organisation nobody drew by hand — 30 generated teams
// in five departments — at a desktop's width and a phone's: no console error, no sideways
// scroll, and a screenshot of each in test-artifacts/radiator/generated-*.png to look at.
const work = mkdtempSync(join(tmpdir(), 'orgwire-generated-'));
let served: Served;
let browser: Browser;
let pages: [string, string][] = [];
/** What the server answered at once, before the history was measured (see `--history`). */
let early: { overview: Overview; trends: TrendsView; team: TeamPage; path: string };

const get = async <T>(path: string) => (await (await fetch(new URL(path, served.url))).json()) as T;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [served, browser] = await Promise.all([
    serveGeneratedOrg(join(work, 'org'), work),
    launchChromium(),
  ]);
  // Its 20,000 commits are more than a first start measures before serving: the window is
  // served at once, and a refresh measures the history (about a second here).
  const [overview, trends, listed] = await Promise.all([
    get<Overview>('/api/overview'),
    get<TrendsView>('/api/trends'),
    get<TeamList>('/api/teams'),
  ]);
  const busy = listed.teams.find((t) => t.commits > 0)?.ref.replace(/^[^:]+:/, '') ?? '';
  early = { overview, trends, team: await get<TeamPage>(`/api/teams/${busy}`), path: busy };
  const [teams, bets] = await Promise.all([
    get<TeamList>('/api/teams'),
    get<BetsBoard>('/api/bets'),
  ]);
  const path = (ref: string | undefined, kind: string) => {
    if (!ref) throw new Error(`the generated organisation has no ${kind}`);
    return `/${kind}/${ref.replace(/^[^:]+:/, '')}`;
  };
  const active = path(teams.teams.find((t) => t.commits > 0)?.ref, 'teams');
  const team = await get<TeamPage>(`/api${active}`);
  pages = [
    ['overview', '/'],
    ['map', '/map'],
    ['trends', '/trends'],
    ['what-if', '/what-if'],
    ['teams', '/teams'],
    ['team', active],
    ['component', path(team.owned.find((o) => o.kind === 'component')?.ref, 'components')],
    ['bets', '/bets'],
    ['bet', path(bets.bets[0]?.ref, 'bets')],
    ['learnings', '/learnings'],
    ['queues', '/queues'],
    ['chains', '/chains'],
    ['data-quality', '/data-quality'],
    ['glossary', '/glossary'],
  ];
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the radiator of a generated 30-team organisation', () => {
  it.each([
    [1280, 'desktop'],
    [375, 'phone'],
  ] as const)(
    'shows every page at %i px (%s) with no console error and no sideways scroll',
    async (width, name) => {
      const { page, errors } = await openPage(browser, width);
      try {
        for (const [page_, path] of pages) {
          await page.goto(new URL(path, served.url).href, { waitUntil: 'networkidle' });
          await page.locator('h1').first().waitFor();
          if (page_ === 'map')
            await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
          expect(await page.locator('h1').first().textContent(), path).not.toMatch(/not found/i);
          const scroll = await page.evaluate<number>('document.documentElement.scrollWidth');
          expect(scroll, `${path} at ${width} px`).toBeLessThanOrEqual(width);
          await page.screenshot({
            path: join(SHOTS, `generated-${page_}-${name}.png`),
            fullPage: true,
          });
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    180_000,
  );
});

describe('a first start that serves the window before it measures the history', () => {
  it('says on the overview, the Trends page and a team page that the history is being measured, then shows it', async () => {
    expect(early.trends).toMatchObject({ measuring: true, series: [] });
    expect(early.overview.drift.measuring).toBe(true);
    expect(early.overview.trend).toHaveLength(1);
    expect(early.team.trend).toMatchObject({ measuring: true, weeks: [] });
    const { page, errors } = await openPage(browser, 1280);
    try {
      // The pages as the server answered them then: its answers of that moment, replayed.
      const replay: Record<string, unknown> = {
        '/api/overview': early.overview,
        '/api/trends': early.trends,
        [`/api/teams/${early.path}`]: early.team,
      };
      await page.route(
        (url) => url.pathname in replay,
        (route) => route.fulfill({ json: replay[new URL(route.request().url()).pathname] }),
      );
      const measuring = /measuring the history week by week in the background/;
      await visit(page, served.url);
      expect(await page.locator('main').textContent()).toMatch(measuring);
      await page.screenshot({ path: join(SHOTS, 'measuring-overview.png'), fullPage: true });
      await visit(page, new URL('/trends', served.url));
      expect(await page.locator('main').textContent()).toMatch(measuring);
      await page.screenshot({ path: join(SHOTS, 'measuring-trends.png'), fullPage: true });
      await visit(page, new URL(`/teams/${early.path}`, served.url));
      await page.locator('#trend-h').waitFor();
      expect(await page.locator('main').textContent()).toMatch(measuring);
      await page.unrouteAll();

      // The server's own answers now: measured, with its charts.
      let trends = await get<TrendsView>('/api/trends');
      for (let tries = 0; trends.measuring && tries < 600; tries++) {
        await new Promise((done) => setTimeout(done, 100));
        trends = await get<TrendsView>('/api/trends');
      }
      expect(trends.series.length).toBeGreaterThan(40);
      await visit(page, new URL('/trends', served.url));
      await page.locator('.trend-card .plot svg').first().waitFor();
      expect(await page.locator('main').textContent()).not.toMatch(measuring);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
