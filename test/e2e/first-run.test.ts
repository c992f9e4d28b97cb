// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/server/api-types.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { type CommitSpec, createRepo, type TestRepo } from '../helpers/git-repo.js';
import { type Served, serveCli } from '../helpers/serve.js';

// A first run on a repository nobody prepared (issue 15): no catalog, a CODEOWNERS that gives
// everything to one team. The overview must say what orgwire could not see and what to do,
// not that every need is wired; on the demo, which has what it needs, it says nothing of it.
const SHOTS = resolve('test-artifacts/radiator');
const work = mkdtempSync(join(tmpdir(), 'orgwire-first-run-'));
let repo: TestRepo;
let bare: Served;
let demo: Served;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  repo = await createRepo();
  const specs: CommitSpec[] = [
    {
      author: { name: 'Ana', email: 'ana@acme.example' },
      date: new Date(Date.UTC(2026, 9, 1, 9)),
      files: { '.github/CODEOWNERS': '* @acme/everyone\n' },
    },
  ];
  for (let day = 0; day < 12; day++)
    specs.push({
      author: ['Ana', 'Ben', 'Cy'].map((n) => ({
        name: n,
        email: `${n.toLowerCase()}@acme.example`,
      }))[day % 3] as { name: string; email: string },
      date: new Date(Date.UTC(2026, 9, 2 + day, 9)),
      files: { [`${['api', 'web', 'jobs'][day % 3]}/f${day}.ts`]: `${day}` },
    });
  repo.importCommits(specs);
  [bare, demo] = await Promise.all([
    serveCli(['--repo', repo.dir, '--quiet'], work),
    serveCli(['--demo', '--quiet'], work),
  ]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([bare?.stop(), demo?.stop()]);
  await repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('the overview on a first run', () => {
  it('says what orgwire could not see and the next steps, and no need is called wired', async () => {
    const overview = (await (await fetch(new URL('api/overview', bare.url))).json()) as Overview;
    expect(overview.setup.steps.map((s) => s.id)).toEqual([
      'catalog',
      'catch-all',
      'one-team',
      'requests',
    ]);
    expect(overview.setup.catchAll).toMatchObject({ label: '@acme/everyone', share: 1 });
    // Nothing declares a team: the one there is, everyone, is inferred from the work.
    expect(overview.setup.teams).toEqual({ count: 1, catalog: 0, ownershipFiles: 0, inferred: 1 });
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(bare.url, { waitUntil: 'networkidle' });
      const card = page.getByRole('region', { name: 'What orgwire can see, and what to do next' });
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toMatch(/1 team \(inferred from the work\), 0 people named, no request queue/);
      expect(text).toMatch(/Describe your teams and people\.[\s\S]*orgwire init/);
      expect(text).toMatch(/One rule gives 100 % of the files to @acme\/everyone/);
      expect(text).toMatch(/With one team there is nothing to coordinate between teams/);
      expect(await card.locator('li').count()).toBe(4);
      const main = await page.locator('main').innerText();
      expect(main).not.toMatch(/is wired\./);
      expect(main).toMatch(/With one team, there is no need between teams to show/);
      await page.screenshot({ path: join(SHOTS, 'overview-first-run.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says nothing of it on an organisation that has what it needs', async () => {
    const overview = (await (await fetch(new URL('api/overview', demo.url))).json()) as Overview;
    expect(overview.setup.steps).toEqual([]);
    expect(overview.setup.catchAll).toBeNull();
    const { page, errors } = await openPage(browser);
    try {
      await page.goto(demo.url, { waitUntil: 'networkidle' });
      await page.locator('h1').first().waitFor();
      expect(await page.getByRole('region', { name: /What orgwire can see/ }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
