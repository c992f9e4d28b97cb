import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BetsBoard, TeamList, TeamPage } from '../../src/server/api-types.js';
import { launchChromium, openPage } from '../helpers/browser.js';
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

const get = async <T>(path: string) => (await (await fetch(new URL(path, served.url))).json()) as T;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [served, browser] = await Promise.all([
    serveGeneratedOrg(join(work, 'org'), work),
    launchChromium(),
  ]);
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
