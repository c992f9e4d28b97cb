// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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

/** The CSV of the table in the region labelled `label`. */
async function downloadCsvOf(page: Page, label: string): Promise<string[][]> {
  const all = page.locator('.table-block');
  const n = await all.count();
  for (let i = 0; i < n; i++)
    if ((await all.nth(i).locator('.table-wrap').getAttribute('aria-label')) === label)
      return downloadCsv(page, i);
  throw new Error(`no table ${label}`);
}
