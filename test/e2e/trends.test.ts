// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, visit } from '../helpers/browser.js';
import { type CommitSpec, createRepo, type TestRepo } from '../helpers/git-repo.js';
import { type Served, serveCli } from '../helpers/serve.js';

// The Trends page as a person sees it: the built CLI serves the demo, Debian's Chromium
// opens it. Screenshots go to test-artifacts/radiator/ beside the other pages'.
const SHOTS = resolve('test-artifacts/radiator');
const work = mkdtempSync(join(tmpdir(), 'orgwire-trends-'));
let served: Served;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  served = await serveCli(['--demo', '--quiet'], work);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh page that records every console error and uncaught exception. */
const open = (width = 1280) => openPage(browser, width);

/** Waits until every chart of the page has drawn (they draw once their width is known). */
async function charts(page: Page, count: number): Promise<void> {
  await page
    .locator('.trend-card .plot svg')
    .nth(count - 1)
    .waitFor();
}

describe('the Trends page on the demo', () => {
  it('draws a chart per measure, the alerts active first, and the table, with no console error', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, new URL('/trends', served.url).href);
      expect(await page.locator('h1').innerText()).toBe('Trends');
      await charts(page, 7);
      const titles = await page.locator('.trend-card h3').allInnerTexts();
      expect(titles).toEqual([
        'Congruence',
        'Unwired need weight',
        'Cross-team coupling',
        'Owner share',
        'Coverage',
        'Commits',
        'Headcount',
      ]);
      const main = await page.locator('main').innerText();
      // The congruence chart says what its last change was made of.
      expect(main).toMatch(
        /Last change, 2026-W\d\d against 2026-W\d\d: (of [+−]\d+ pts?, the work [+−]?\d+, the rewiring [+−]?\d+|congruence held)/,
      );
      expect(main).toMatch(/The catalog did not change over these weeks/);
      // The queue that breaks its promise is an alert; a team too small since the start, a watch.
      const holding = page.locator('section[aria-labelledby="alerts-h"] ul.drift-alerts').first();
      const first = await holding.locator('summary').allInnerTexts();
      expect(first.join('\n')).toMatch(
        /alert\s+A queue over its promise[\s\S]*Billing Integration/,
      );
      expect(first.join('\n')).toMatch(/watch\s+Team size outside 5–9/);
      // Alerts before watches among those holding.
      const levels = first.map((s) => s.split(/\s/)[0]);
      expect(levels.indexOf('watch')).toBeGreaterThan(levels.lastIndexOf('alert'));
      expect(main).toMatch(/Past \(\d+\)/);
      // Each alert opens its evidence, with its teams linked to their pages.
      const queue = holding.locator('details', { hasText: 'A queue over its promise' });
      await queue.locator('summary').click();
      expect(await queue.innerText()).toMatch(/took \d+ days at p85, over its promise of 14 days/);
      expect(
        await queue.getByRole('link', { name: 'Billing Integration' }).getAttribute('href'),
      ).toBe('/teams/default/billing-integration');
      // The table beside the charts, and the rules in plain words.
      expect(await page.getByRole('table', { name: /The last 12 weeks/ }).isVisible()).toBe(true);
      expect(main).toMatch(/How the alerts are raised[\s\S]*CUSUM, a running sum of surprises/);
      await page.screenshot({ path: join(SHOTS, 'trends.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fits a phone (375 px) without scrolling sideways', async () => {
    const { page, errors } = await open(375);
    try {
      await visit(page, new URL('/trends', served.url).href);
      await charts(page, 7);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(SHOTS, 'trends-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('lists the active alerts on the overview, each opening its evidence on the Trends page', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, served.url);
      const card = page.locator('section[aria-labelledby="drift-h"]');
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toMatch(/alerts hold at the last week \(2026-W\d\d\)/);
      expect(text).toMatch(/A queue over its promise/);
      expect(text).not.toMatch(/Team size outside/); // a watch, not an active alert
      await page.screenshot({ path: join(SHOTS, 'trends-overview.png'), fullPage: true });
      await card.getByRole('link', { name: 'A queue over its promise' }).click();
      await page.waitForURL(/\/trends#alert-\d+$/);
      const opened = page.locator('details[open]');
      await opened.waitFor();
      expect(await opened.innerText()).toMatch(/over its promise of 14 days/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows a team's own series and the alerts that name it", async () => {
    const { page, errors } = await open();
    try {
      await visit(page, new URL('/teams/default/billing-integration', served.url).href);
      const section = page.locator('section[aria-labelledby="trend-h"]');
      await charts(page, 3);
      const text = await section.innerText();
      expect(text).toMatch(/Teams it must coordinate with[\s\S]*Its size[\s\S]*Lead time/);
      expect(text).toMatch(/Alerts that name this team[\s\S]*A queue over its promise/);
      expect(await section.getByRole('table').innerText()).toMatch(/2026-W\d\d\s+\S+\s+4\s+\d+/);
      await section.screenshot({ path: join(SHOTS, 'trends-team.png') });
      // On a phone too, without scrolling sideways.
      await page.setViewportSize({ width: 375, height: 900 });
      await charts(page, 3);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      await section.screenshot({ path: join(SHOTS, 'trends-team-phone.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the Trends page over a catalog that changed', () => {
  // The catalog lives in the repository; in week 20 it moves Cy from web to pay, where Ana
  // (web) and Cy kept changing one library: from then on web and pay must coordinate.
  const org = (cyIn: 'web' | 'pay') =>
    [
      `---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web, title: Web}\nspec: {type: team, children: [], members: [ana${cyIn === 'web' ? ', cy' : ''}]}\n`,
      `---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: pay, title: Payments}\nspec: {type: team, children: [], members: [ben${cyIn === 'pay' ? ', cy' : ''}]}\n`,
      ...['ana', 'ben', 'cy'].map(
        (name) =>
          `---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ${name}}\nspec: {memberOf: [], profile: {email: ${name}@acme.example}}\n`,
      ),
    ].join('');
  const MOVE = 20;
  const MONDAY = Date.parse('2026-01-05T09:00:00Z');
  let repo: TestRepo;
  let moved: Served;

  beforeAll(async () => {
    repo = await createRepo();
    const specs: CommitSpec[] = [];
    for (let week = 0; week < MOVE + 8; week++) {
      const monday = MONDAY + week * 7 * 86_400_000;
      if (week === 0 || week === MOVE)
        specs.push({
          author: { name: 'ops', email: 'ops@acme.example' },
          date: new Date(monday),
          files: { 'catalog/org.yaml': org(week === 0 ? 'web' : 'pay') },
        });
      for (const [i, person] of ['ana', 'cy', 'ben'].entries())
        specs.push({
          author: { name: person, email: `${person}@acme.example` },
          date: new Date(monday + (i + 1) * 3_600_000),
          files: {
            [person === 'ben' ? `pay/w${week}.ts` : `lib/shared/w${week}-${person}.ts`]: 'x',
          },
        });
    }
    repo.importCommits(specs);
    moved = await serveCli(
      [
        '--repo',
        repo.dir,
        '--catalog',
        join(repo.dir, 'catalog'),
        '--db',
        join(work, 'moved.db'),
        '--quiet',
      ],
      work,
    );
  }, 120_000);

  afterAll(async () => {
    await moved?.stop();
    await repo?.cleanup();
  });

  it('marks the week the catalog changed on every chart and in the table', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, new URL('/trends', moved.url).href);
      await charts(page, 7);
      const main = await page.locator('main').innerText();
      expect(main).toMatch(/A reorganisation took effect once, in 2026-W\d\d/);
      expect(
        await page.locator('.trend-card svg text', { hasText: 'catalog changed' }).count(),
      ).toBe(7);
      expect(await page.getByRole('table', { name: /The last/ }).innerText()).toMatch(/changed/);
      // The alerts are listed with the teams' titles from the catalog.
      expect(main).toMatch(
        /Holding now \(\d+\)[\s\S]*Team size outside 5–9 since 2026-W\d\d, still holding · Web/,
      );
      await page.screenshot({ path: join(SHOTS, 'trends-reorg.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
