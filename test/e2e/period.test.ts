// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Overview } from '../../src/server/api-types.js';
import { openPage, visit } from '../helpers/browser.js';
import { demoRadiator, SHOTS } from '../helpers/demo-radiator.js';

// The period picker (issue 15): every page that shows a period of the work asks the server
// for the one in its URL; the choice survives moving between pages and a reload, and a link
// with it shows the same.
const radiator = demoRadiator('period');

const search = (page: Page) => new URL(page.url()).search;

describe('the period picker', () => {
  it('shows the last 30 days on every page, keeps them across pages and a reload, and goes back', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await visit(page, radiator.served.url);
      const picker = page.getByRole('form', { name: 'Period' });
      const which = picker.getByLabel('Period', { exact: true });
      expect(await which.inputValue()).toBe('own');
      expect(await page.locator('main').innerText()).toMatch(/between\s+2026-08-02 and 2026-10-30/);
      await which.selectOption({ label: 'Last 30 days' });
      await page.waitForURL(/since=2026-10-01&until=2026-10-30/);
      await expect
        .poll(() => page.locator('main').innerText())
        .toMatch(/between\s+2026-10-01 and 2026-10-30/);
      // The server answered for the period: fewer commits than the quarter's 780.
      const commits = Number(
        (await page.locator('dl.counts').innerText())
          .match(/commits\s+([\d,]+)/)?.[1]
          ?.replace(',', ''),
      );
      expect(commits).toBeGreaterThan(0);
      expect(commits).toBeLessThan(780);
      await page.screenshot({ path: join(SHOTS, 'period-30-days.png'), fullPage: true });
      // Another page by the main navigation keeps it; so does a reload.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Queues' })
        .click();
      await page.waitForURL(/\/queues\?since=2026-10-01&until=2026-10-30/);
      await page.reload({ waitUntil: 'networkidle' });
      expect(search(page)).toBe('?since=2026-10-01&until=2026-10-30');
      expect(await which.inputValue()).toBe('30');
      // The period before: the 30 days up to 2026-09-30.
      await picker.getByRole('button', { name: '← The period before' }).click();
      await page.waitForURL(/since=2026-09-01&until=2026-09-30/);
      // Back to the analysis window: the URL names no period any more, on every page.
      await which.selectOption('own');
      await page.waitForURL((url) => url.search === '');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Overview' })
        .click();
      await page.waitForURL((url) => url.pathname === '/' && url.search === '');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('takes any range, and a link with a period shows it', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(
        new URL('/teams?since=2026-09-01&until=2026-09-15', radiator.served.url).href,
        {
          waitUntil: 'networkidle',
        },
      );
      const picker = page.getByRole('form', { name: 'Period' });
      expect(await picker.getByLabel('Period', { exact: true }).inputValue()).toBe('custom');
      await picker.getByLabel('Period', { exact: true }).selectOption('custom');
      await picker.getByLabel('From').fill('2026-08-10');
      await picker.getByLabel('to', { exact: true }).fill('2026-08-20');
      await picker.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/\/teams\?since=2026-08-10&until=2026-08-20/);
      const teams = (await (
        await fetch(new URL('/api/teams?since=2026-08-10&until=2026-08-20', radiator.served.url))
      ).json()) as { teams: unknown[] };
      expect(teams.teams.length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fits a phone without scrolling sideways, and is not shown where there is no period', async () => {
    const { page, errors } = await openPage(radiator.browser, 375);
    try {
      await page.goto(radiator.served.url, { waitUntil: 'networkidle' });
      await page.getByRole('form', { name: 'Period' }).waitFor();
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(SHOTS, 'period-phone.png'), fullPage: false });
      await visit(page, new URL('/trends', radiator.served.url));
      expect(await page.getByRole('form', { name: 'Period' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** The overview the API gives for `query` (`?since=&until=`, or '' for the radiator's own). */
async function overviewOf(query: string): Promise<Overview> {
  const response = await fetch(new URL(`/api/overview${query}`, radiator.served.url));
  return (await response.json()) as Overview;
}

/** The demo repository's commits' author days (UTC), newest last. */
function commitDays(): string[] {
  return execFileSync('git', ['log', '--all', '--format=%at'], {
    cwd: join(radiator.work, '.orgwire/demo/shop'),
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map(Number)
    .sort((a, b) => a - b)
    .map((t) => new Date(t * 1000).toISOString().slice(0, 10));
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const count = (n: number) => n.toLocaleString('en');

/** Each figure of the comparison as the overview of one period gives it, shown as the page shows it. */
function figures(o: Overview): Record<string, string> {
  const waits = o.breachingQueues.map((q) => q.leadTime.p85).filter((p) => p !== null);
  return {
    commits: count(o.counts.commits),
    congruence: percent(o.congruence.weighted),
    'congruence-unweighted': percent(o.congruence.unweighted),
    coverage: percent(o.coverage.share),
    needs: count(o.needCounts.all),
    'unwired-needs': count(o.needCounts.unwired),
    'breaching-queues': count(o.breachingQueues.length),
    'longest-wait':
      waits.length === 0
        ? '—'
        : `${Math.round(Math.max(...waits) * 10) / 10} d`.replace('.0 d', ' d'),
  };
}

describe('comparing with the period before', () => {
  it('shows the overview of the period and of the one before side by side, as the API gives them, kept in the URL and across pages', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/?since=2026-10-01&until=2026-10-30', radiator.served.url).href, {
        waitUntil: 'networkidle',
      });
      const picker = page.getByRole('form', { name: 'Period' });
      const toggle = picker.getByLabel('Compare with the period before');
      expect(await toggle.isChecked()).toBe(false);
      expect(await page.locator('table.period-compare').count()).toBe(0);
      await toggle.check();
      await page.waitForURL(/since=2026-10-01&until=2026-10-30&compare=1/);
      const table = page.locator('table.period-compare');
      await table.waitFor();
      // The 30 days before 2026-10-01: 2026-09-01 to 2026-09-30.
      const heads = await table.locator('thead th').allInnerTexts();
      expect(heads[1]).toMatch(/This period\s*2026-10-01 to 2026-10-30/);
      expect(heads[2]).toMatch(/The period before\s*2026-09-01 to 2026-09-30/);
      const now = figures(await overviewOf('?since=2026-10-01&until=2026-10-30'));
      const before = figures(await overviewOf('?since=2026-09-01&until=2026-09-30'));
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          figure: tr.getAttribute('data-figure') ?? '',
          cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
        })),
      );
      expect(rows.map((r) => r.figure)).toEqual(Object.keys(now));
      for (const { figure, cells } of rows) {
        expect(cells[0], figure).toBe(now[figure]);
        expect(cells[1], figure).toBe(before[figure]);
      }
      // The change in words, with its sign: congruence in points.
      const points = (text: string | undefined) => Number(text?.replace('%', ''));
      const diff = points(now.congruence) - points(before.congruence);
      const congruence = rows.find((r) => r.figure === 'congruence')?.cells[2];
      expect(congruence).toBe(
        diff === 0
          ? 'no change'
          : `${diff > 0 ? 'up' : 'down'} ${Math.abs(diff)} ${Math.abs(diff) === 1 ? 'point' : 'points'} (${diff > 0 ? '+' : '\u2212'}${Math.abs(diff)})`,
      );
      await page.screenshot({ path: join(SHOTS, 'period-compare.png'), fullPage: true });
      // Another page keeps it, with the period; so does a reload and the way back.
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Queues' }).click();
      await page.waitForURL(/\/queues\?since=2026-10-01&until=2026-10-30&compare=1/);
      await page.reload({ waitUntil: 'networkidle' });
      expect(await toggle.isChecked()).toBe(true);
      await nav.getByRole('link', { name: 'Overview' }).click();
      await page.waitForURL(/\/\?since=2026-10-01&until=2026-10-30&compare=1/);
      await table.waitFor();
      // Turned off: out of the URL, off the overview, and not brought back by another page.
      await toggle.uncheck();
      await page.waitForURL((url) => url.search === '?since=2026-10-01&until=2026-10-30');
      expect(await table.count()).toBe(0);
      await nav.getByRole('link', { name: 'Teams' }).click();
      await page.waitForURL(/\/teams\?since=2026-10-01&until=2026-10-30$/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says plainly when the period before has no commits, rather than showing a fall to zero', async () => {
    const { page, errors } = await openPage(radiator.browser, 375);
    try {
      const first = commitDays()[0] as string;
      const until = new Date(Date.parse(`${first}T00:00:00Z`) + 29 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      await page.goto(
        new URL(`/?since=${first}&until=${until}&compare=1`, radiator.served.url).href,
        { waitUntil: 'networkidle' },
      );
      const empty = page.locator('.period-compare-card [data-empty="before"]');
      await empty.waitFor();
      expect(await empty.innerText()).toMatch(/has no commits: there is nothing to compare with/);
      expect(await page.locator('table.period-compare').count()).toBe(0);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('data as of', () => {
  it('says on every page the day of the newest commit, as git has it', async () => {
    const newest = commitDays().at(-1) as string;
    expect((await overviewOf('')).dataAsOf).toBe(newest);
    expect((await overviewOf('?since=2026-09-01&until=2026-09-30')).dataAsOf).toBe(newest);
    const { page, errors } = await openPage(radiator.browser);
    try {
      for (const path of [
        '/',
        '/trends',
        '/glossary',
        '/teams?since=2026-09-01&until=2026-09-30',
      ]) {
        await page.goto(new URL(path, radiator.served.url).href, { waitUntil: 'networkidle' });
        const line = page.locator('footer .data-as-of');
        await line.waitFor();
        expect(await line.innerText(), path).toMatch(
          new RegExp(
            `^Data as of ${newest} \\(newest commit\\), read \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\. Restart orgwire serve, or run it with --refresh, to read newer history\\.$`,
          ),
        );
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
