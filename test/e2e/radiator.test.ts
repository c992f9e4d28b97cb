// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, visit as visitPage } from '../helpers/browser.js';
import { type Served, serveCli } from '../helpers/serve.js';

// The radiator as a person sees it: the built CLI serves the demo, Debian's Chromium
// opens every page. Screenshots go to test-artifacts/radiator/.
const BIN = resolve('bin/orgwire.js');
const SHOTS = resolve('test-artifacts/radiator');
const work = mkdtempSync(join(tmpdir(), 'orgwire-radiator-'));
let served: Served;
let browser: Browser;
let token: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const created = spawnSync(
    process.execPath,
    [BIN, 'token', 'create', '--demo', '--name', 'browser'],
    {
      cwd: work,
      encoding: 'utf8',
    },
  );
  token = created.stdout.trim();
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

const visit = (page: Page, path: string) => visitPage(page, new URL(path, served.url));

const PAGES: [string, string, RegExp][] = [
  ['overview', '/', /Trailhead Outfitters/],
  ['map', '/map', /Org map/i],
  ['teams', '/teams', /Teams/i],
  ['team', '/teams/default/billing-integration', /Billing Integration/],
  ['component', '/components/default/checkout-api', /Checkout API/],
  ['bets', '/bets', /Bets/i],
  ['bet', '/bets/default/unified-customer-id', /customer/i],
  ['learnings', '/learnings', /Learnings/i],
  ['queues', '/queues', /Queues/i],
  ['chains', '/chains', /Chains/i],
  ['data-quality', '/data-quality', /Data quality/],
  ['trends', '/trends', /Trends/],
  ['what-if', '/what-if', /What if/i],
  ['glossary', '/glossary', /Glossary/],
  ['search', '/search?q=billing', /Search/i],
  ['settings', '/settings', /Settings|Token/i],
  ['not-found', '/no/such/page', /not found/i],
];

describe('the radiator in Chromium', () => {
  it.each(PAGES)('opens the %s page (%s) with no console error', async (name, path, heading) => {
    const { page, errors } = await open();
    try {
      await visit(page, path);
      if (name === 'map')
        await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
      expect(await page.locator('h1').first().textContent()).toMatch(heading);
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(PAGES)(
    'fits the %s page into a phone (375 px) without scrolling sideways',
    async (name, path) => {
      const { page, errors } = await open(375);
      try {
        await visit(page, path);
        if (name === 'map')
          await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(375);
        await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it('answers the questions a new user brings, from the pages alone', async () => {
    const { page } = await open();
    try {
      // Which teams must coordinate without a declared interaction?
      await visit(page, '/');
      // Team names become their titles once the teams list has come; under load that can
      // be after the network went quiet. A list that never comes still fails here.
      await page.locator('main').getByText('Web Storefront').first().waitFor();
      const overview = await page.locator('main').innerText();
      expect(overview).toMatch(/Mobile App[\s\S]*Web Storefront|Web Storefront[\s\S]*Mobile App/);
      // What does the billing team promise, and what does it deliver?
      await visit(page, '/teams/default/billing-integration');
      const billing = await page.locator('main').innerText();
      expect(billing).toMatch(/Promise\s+14 d/);
      expect(billing).toMatch(/p50 \/ p85 \/ p95\s+71 d/);
      expect(billing).toMatch(/self-service/i);
      // Which bet is a checkbox project?
      await visit(page, '/bets');
      expect(await page.locator('main').innerText()).toMatch(/checkbox/i);
      // What did the last failed bet teach?
      await visit(page, '/learnings');
      expect(await page.locator('main').innerText()).toMatch(
        /Situation[\s\S]*Complication[\s\S]*Resolution[\s\S]*Lessons/i,
      );
    } finally {
      await page.close();
    }
  });

  it('shows a queue\u2019s flow: throughput, the forecast and each open request\u2019s age', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/teams/default/billing-integration');
      const main = await page.locator('main').innerText();
      // 33 done and 29 arrived in the 90 days: 2.6 a week, draining 0.3 a week; 22 open.
      expect(main).toMatch(/Done a week\s+2\.6/);
      expect(main).toMatch(/Clears in\s+70\.7 weeks/);
      expect(main).toMatch(/Open past p85\s+0/);
      const aging = page.locator('svg[aria-label*="by age, against the p85"]');
      await aging.waitFor();
      expect(await aging.locator('circle').count()).toBe(22);
      expect(main).toMatch(/No open request is older than the p85 lead time/);
      await aging.screenshot({ path: join(SHOTS, 'aging.png') });
      await page.locator('.queue-detail').screenshot({ path: join(SHOTS, 'queue-detail.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows coverage beside congruence, and every author who is no User on the data quality page', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/');
      const figures = await page.locator('section.congruence').innerText();
      expect(figures).toMatch(/23%[\s\S]*congruence/);
      expect(figures).toMatch(/97%[\s\S]*coverage/);
      // 97% needs no warning.
      expect(await page.getByRole('note', { name: 'Coverage warning' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Data quality' }).click();
      await page.getByRole('heading', { name: 'Authors who are no User' }).waitFor();
      const authors = page.getByRole('table', { name: /Authors who are no User/ });
      expect(await authors.innerText()).toMatch(/Dana Okafor[\s\S]*dana@freelance-devs\.io/);
      await page.getByRole('button', { name: 'Author', exact: true }).click();
      expect(await page.locator('th[aria-sort="ascending"]').innerText()).toMatch(/Author/);
      expect(await page.locator('main').innerText()).toMatch(/scripts\/\s+orgwire\.yaml/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('warns in the headline when few commits are credited to a team', async () => {
    // The demo's history against a catalog that knows one person of forty.
    const few = join(work, 'few');
    mkdirSync(few, { recursive: true });
    writeFileSync(
      join(few, 'org.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: storefront, title: Storefront }',
        'spec: { type: team, children: [] }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata: { name: jonas-becker }',
        'spec:',
        '  profile: { displayName: Jonas Becker, email: jonas.becker@trailhead.example }',
        '  memberOf: [storefront]',
        '',
      ].join('\n'),
    );
    const low = await serveCli(
      [
        '--catalog',
        few,
        '--repo',
        join(work, '.orgwire', 'demo', 'shop'),
        '--db',
        join(work, 'few.db'),
        '--quiet',
      ],
      work,
    );
    const { page, errors } = await open(375);
    try {
      await page.goto(low.url, { waitUntil: 'networkidle' });
      const warning = page.getByRole('note', { name: 'Coverage warning' });
      await warning.waitFor();
      const text = await warning.innerText();
      expect(text).toMatch(/Only \d+% of the people’s commits are credited to a team/);
      expect(text).toMatch(/orgwire identities --accept/);
      expect(await warning.locator('li').count()).toBe(3);
      await page.screenshot({
        path: join(SHOTS, 'overview-low-coverage-phone.png'),
        fullPage: true,
      });
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      await warning.getByRole('link', { name: /data quality/i }).click();
      await page.getByRole('heading', { name: 'Data quality' }).waitFor();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(SHOTS, 'data-quality-low-coverage.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await low.stop();
    }
  }, 120_000);

  it('goes from the org map to a team', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/map');
      await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
      const link = page.locator('main table a[href^="/teams/"]').first();
      const href = await link.getAttribute('href');
      await link.click();
      await page.waitForURL((url) => url.pathname === href);
      await page.getByRole('heading', { name: 'Members' }).waitFor();
      await page.getByRole('heading', { name: 'Who it coordinates with' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('records a check-in with a token and shows it at once', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/settings');
      await page.getByLabel('Token', { exact: true }).fill(token);
      await page.getByRole('button', { name: 'Save token' }).click();
      // Kept once the server has said whose it is.
      await page.getByRole('status').getByText('the server knows it as “browser”').waitFor();
      await visit(page, '/bets/default/search-synonyms');
      await page.getByLabel('Status').selectOption('killed');
      await page.getByLabel('Note').fill('Killed from the browser: no lift after six weeks.');
      await page.getByRole('button', { name: 'Record check-in' }).click();
      const checkins = page.locator('section', {
        has: page.locator('h2', { hasText: 'Check-ins' }),
      });
      await checkins.getByText('Killed from the browser').waitFor();
      await page.screenshot({ path: join(SHOTS, 'check-in.png'), fullPage: true });
      // Stored, not only drawn: the API has it too.
      const bet = (await (
        await fetch(new URL('/api/bets/default/search-synonyms', served.url))
      ).json()) as { status: string; checkins: { by: string }[] };
      expect(bet.status).toBe('killed');
      expect(bet.checkins[0]?.by).toBe('browser');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  it('runs none of 22 script payloads written through the API, on any page that shows them', async () => {
    const payloads = [
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '<svg onload="window.__xss=1">',
      '"><script>window.__xss=1</script>',
      "'><img src=x onerror=window.__xss=1>",
      'javascript:window.__xss=1',
      '<iframe src="javascript:top.__xss=1"></iframe>',
      '<a href="javascript:window.__xss=1">x</a>',
      '<body onload=window.__xss=1>',
      '<details open ontoggle=window.__xss=1>',
      '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
      '{{constructor.constructor("window.__xss=1")()}}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is the literal text.
      '${window.__xss=1}',
      '<input autofocus onfocus=window.__xss=1>',
      '<video><source onerror=window.__xss=1></video>',
      '<object data="javascript:window.__xss=1"></object>',
      '<embed src="javascript:window.__xss=1">',
      '<style>@import "javascript:window.__xss=1"</style>',
      '<svg><script>window.__xss=1</script></svg>',
      '<base href="javascript:/">',
      '<form action="javascript:window.__xss=1"><button>x</button></form>',
      '[x](javascript:window.__xss=1)',
    ];
    expect(payloads).toHaveLength(22);
    const write = async (path: string, body: unknown) => {
      const response = await fetch(new URL(path, served.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(201);
    };
    for (const [n, payload] of payloads.entries()) {
      await write('/api/bets/default/unified-customer-id/checkins', { note: payload });
      await write('/api/learnings', {
        title: `${payload} ${n}`,
        incident: payload,
        situation: payload,
        complication: payload,
        resolution: payload,
        lessons: [payload],
      });
    }
    const { page } = await open();
    let ran = false;
    page.on('dialog', (dialog) => {
      ran = true;
      void dialog.dismiss();
    });
    try {
      for (const path of [
        '/bets/default/unified-customer-id',
        '/learnings',
        '/',
        `/search?q=${encodeURIComponent('window.__xss')}`,
        `/search?q=${encodeURIComponent(payloads[1] as string)}`,
        `/teams/default/${encodeURIComponent(payloads[0] as string)}`,
      ]) {
        await visit(page, path);
        expect(await page.evaluate('window.__xss'), path).toBeUndefined();
        // Shown as text: the payloads reached the page and did not run.
        if (path === '/learnings')
          expect(await page.locator('main').innerText()).toContain('<img src=x onerror');
      }
      expect(ran).toBe(false);
    } finally {
      await page.close();
    }
  });
});
