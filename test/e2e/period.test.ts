// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.js';
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
      await page.goto(radiator.served.url, { waitUntil: 'networkidle' });
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
      await page.goto(new URL('/trends', radiator.served.url).href, { waitUntil: 'networkidle' });
      await page.locator('h1').first().waitFor();
      expect(await page.getByRole('form', { name: 'Period' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
