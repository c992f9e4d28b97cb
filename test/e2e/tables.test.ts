// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QueuesView } from '../../src/server/api-types.js';
import { openPage } from '../helpers/browser.js';
import { demoRadiator, SHOTS } from '../helpers/demo-radiator.js';

// Every table downloads as CSV, as the reader sees it, and says when it scrolls sideways
// (issue 15, item 4).
const radiator = demoRadiator('tables');

/** Clicks the n-th table's "Download CSV" and reads the file it saves. */
async function downloadCsv(page: Page, n = 0): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('button', { name: /^Download CSV/ })
      .nth(n)
      .click(),
  ]);
  const file = join(radiator.work, download.suggestedFilename());
  await download.saveAs(file);
  return parse(readFileSync(file, 'utf8')) as string[][];
}

describe('tables', () => {
  it('download as CSV: every row as shown, headers first, marks for the eye left out', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/data-quality', radiator.served.url).href, {
        waitUntil: 'networkidle',
      });
      const table = page.getByRole('region', { name: 'Authors who are no User' }).locator('table');
      await table.waitFor();
      const rows = await downloadCsvOf(page, 'Authors who are no User');
      // The header's sort buttons carry arrows drawn for the eye: not in the file.
      expect(rows[0]?.slice(0, 2)).toEqual(['Author', 'Commits']);
      expect(rows.length).toBe(await table.locator('tr').count());
      const first = await table.locator('tbody tr').first().locator('td, th').allInnerTexts();
      expect(rows[1]?.[1]).toBe(first[1]?.trim());
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('names the file after the table, and quotes what CSV must quote', async () => {
    const { page } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/queues', radiator.served.url).href, { waitUntil: 'networkidle' });
      await page.locator('.table-wrap table').first().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('button', { name: /^Download CSV/ })
          .first()
          .click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.csv$/);
      const text = readFileSync((await download.path()) as string, 'utf8');
      const rows = parse(text) as string[][];
      expect(rows.length).toBeGreaterThan(1);
      // Every row as wide as the header: cells with commas survived the round trip.
      for (const row of rows) expect(row.length).toBe(rows[0]?.length);
    } finally {
      await page.close();
    }
  });

  it('sorts by a column: a measure largest first, then smallest, and says which in aria-sort', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/teams', radiator.served.url).href, { waitUntil: 'networkidle' });
      const table = page.getByRole('region', { name: 'Teams' }).locator('table');
      await table.locator('tbody tr').first().waitFor();
      // Team, Type, Members, Owns, Commits, Unwired needs.
      const commits = () => numbers(table, 4);
      const server = await commits();
      expect(new Set(server).size).toBeGreaterThan(2);
      const button = page.getByRole('button', { name: 'Commits', exact: true });
      const header = table.locator('th', { has: button });
      expect(await header.getAttribute('aria-sort')).toBeNull();
      // "Commits" is a glossary link: the keyboard sorts by it like a click beside the word.
      await button.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      expect(await commits()).toEqual([...server].sort((a, b) => b - a));
      await button.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      expect(await commits()).toEqual([...server].sort((a, b) => a - b));
      // A click on another header sorts by it, and only it says so.
      await page.getByRole('button', { name: 'Members', exact: true }).click();
      const members = await numbers(table, 2);
      expect(members).toEqual([...members].sort((a, b) => b - a));
      expect(await header.getAttribute('aria-sort')).toBeNull();
      expect(await table.locator('th[aria-sort]').innerText()).toBe('Members');
      await page.screenshot({ path: join(SHOTS, 'table-sorted.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('downloads the rows in the order they are sorted', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/teams', radiator.served.url).href, { waitUntil: 'networkidle' });
      const table = page.getByRole('region', { name: 'Teams' }).locator('table');
      await table.locator('tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'Commits', exact: true }).press('Enter');
      await page.getByRole('button', { name: 'Commits', exact: true }).press('Enter');
      const shown = await numbers(table, 4);
      expect(shown).toEqual([...shown].sort((a, b) => a - b));
      const names = (await table.locator('tbody tr > :first-child').allInnerTexts()).map(squeeze);
      const rows = await downloadCsvOf(page, 'Teams');
      expect(rows[0]?.[4]).toBe('Commits');
      expect(rows.slice(1).map((r) => Number(r[4]?.replace(/,/g, '')))).toEqual(shown);
      expect(rows.slice(1).map((r) => r[0])).toEqual(names);
      expect(
        await page
          .getByRole('button', { name: /^Download CSV/ })
          .first()
          .getAttribute('title'),
      ).toMatch(/in the order shown/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('links the JSON a table comes from, for the period the page shows', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      const period = 'since=2026-10-01&until=2026-10-30';
      await page.goto(new URL(`/queues?${period}`, radiator.served.url).href, {
        waitUntil: 'networkidle',
      });
      const block = page.locator('.table-block', {
        has: page.getByRole('region', { name: 'Queues at a glance' }),
      });
      const rows = block.locator('tbody tr');
      await rows.first().waitFor();
      // As the server orders them until a header sorts them: most requests first.
      expect(await block.locator('th[aria-sort]').innerText()).toBe('Arrived / done');
      expect(await block.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
      const href = await block.getByRole('link', { name: /^JSON/ }).getAttribute('href');
      expect(href).toBe(`/api/queues?${period}`);
      const answer = await page.request.get(new URL(href as string, radiator.served.url).href);
      expect(answer.ok()).toBe(true);
      expect(answer.headers()['content-type']).toMatch(/application\/json/);
      const body = (await answer.json()) as QueuesView;
      expect(body.window).toEqual({ since: '2026-10-01', until: '2026-10-30' });
      expect(body.queues.length).toBeGreaterThan(0);
      expect(await rows.count()).toBe(body.queues.length);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says on a phone that a table scrolls sideways, and not where it fits', async () => {
    const phone = await openPage(radiator.browser, 375);
    const wide = await openPage(radiator.browser, 1280);
    try {
      for (const { page } of [phone, wide])
        await page.goto(new URL('/teams', radiator.served.url).href, { waitUntil: 'networkidle' });
      const hint = (page: Page) => page.locator('.scroll-hint').first();
      await hint(phone.page).waitFor();
      expect(await hint(phone.page).innerText()).toMatch(/Scroll the table sideways/);
      expect(await hint(wide.page).count()).toBe(0);
      await phone.page.screenshot({ path: join(SHOTS, 'table-phone.png'), fullPage: false });
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.page.close();
      await wide.page.close();
    }
  });
});

/** Text as one line, spaces squeezed (as the CSV has it). */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The numbers in the `n`-th cell (from 0) of every body row, as shown ("1,234" is 1234). */
async function numbers(table: Locator, n: number): Promise<number[]> {
  const cells = await table.locator(`tbody tr > :nth-child(${n + 1})`).allInnerTexts();
  return cells.map((text) => Number(text.replace(/,/g, '').trim()));
}

/** The CSV of the table in the region labelled `label`. */
async function downloadCsvOf(page: Page, label: string): Promise<string[][]> {
  const all = page.locator('.table-block');
  const n = await all.count();
  for (let i = 0; i < n; i++)
    if ((await all.nth(i).locator('.table-wrap').getAttribute('aria-label')) === label)
      return downloadCsv(page, i);
  throw new Error(`no table ${label}`);
}
