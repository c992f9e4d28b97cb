// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchChromium, openPage } from '../helpers/browser.js';
import { type Served, serveCli } from '../helpers/serve.js';

// The What-if page as a person uses it: the built CLI serves the demo with its shipped
// scenarios, Debian's Chromium loads one, adds a change by keyboard and by dragging, and
// downloads the file. Screenshots go to test-artifacts/radiator/ beside the other pages'.
const SHOTS = resolve('test-artifacts/radiator');
const work = mkdtempSync(join(tmpdir(), 'orgwire-whatif-page-'));
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

async function visit(page: Page): Promise<void> {
  await page.goto(new URL('/what-if', served.url).href, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1, name: 'What if' }).waitFor();
}

/** Loads a shipped scenario and waits for its deltas and both maps. */
async function loadShipped(page: Page, name: string): Promise<void> {
  await page.getByLabel('Load a shipped scenario').selectOption(name);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.locator('.what-if-headline').waitFor();
  await maps(page);
}

/** Waits until the scenario has been tried (Download YAML is offered) and both maps drew. */
async function maps(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Download YAML' }).and(page.locator(':enabled')).waitFor();
  await page.locator('[data-testid="org-map"][data-drawn="true"]').nth(1).waitFor();
}

const changes = (page: Page) => page.locator('.what-if-list > li').allInnerTexts();

describe('the What-if page on the demo', () => {
  it('loads the shipped checkbox scenario, adds a change by keyboard and by dragging, and downloads it', async () => {
    const { page, errors } = await open();
    try {
      await visit(page);
      expect(await page.getByRole('link', { name: 'What if' }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(await page.locator('main').innerText()).toMatch(
        /No change yet — drag a person or a component onto another team/,
      );
      await page.screenshot({ path: join(SHOTS, 'what-if-empty.png'), fullPage: true });

      await loadShipped(page, 'wire-the-checkbox');
      expect(await changes(page)).toEqual([
        expect.stringMatching(/^Declare collaboration between Platform and Billing Integration/),
        expect.stringMatching(/^Declare collaboration between Mobile App and Web Storefront/),
      ]);
      // Congruence rises, and the need between the app and the storefront is resolved.
      expect(await page.locator('.what-if-headline').innerText()).toMatch(
        /Congruence 23% → 60%; 2 unwired needs resolved, 0 created/,
      );
      const deltas = await page.locator('.what-if-deltas').innerText();
      expect(deltas).toMatch(/23% → 60%/);
      expect(deltas).toMatch(/\+37 pts/);
      expect(deltas).toMatch(/Unwired needs it resolves \(2\)\s+Mobile App \+ Web Storefront/);
      await page.screenshot({ path: join(SHOTS, 'what-if.png'), fullPage: true });

      // By keyboard: choose the component by typing its name, the team likewise, then Add.
      const what = page.getByLabel('What moves');
      await what.focus();
      await page.keyboard.type('Checkout API');
      expect(await what.locator('option:checked').innerText()).toBe(
        'Checkout API (Web Storefront)',
      );
      await page.keyboard.press('Tab');
      await page.keyboard.type('Mobile App');
      expect(
        await page.getByLabel('To the team').first().locator('option:checked').innerText(),
      ).toBe('Mobile App');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('.what-if-list > li').nth(2).waitFor();
      expect((await changes(page))[2]).toMatch(/^Move Checkout API to Mobile App/);
      await maps(page);
      const mobile = page.locator('.what-if-team[data-team="group:default/mobile-app"]');
      expect(await mobile.innerText()).toMatch(/Checkout API/);
      expect(await page.locator('.what-if-details').innerText()).toMatch(
        /Teams it changes[\s\S]*Mobile App\s+\d+ → \d+\s+3 → 4/,
      );

      // By dragging: a person onto another team.
      const web = page.locator('.what-if-team[data-team="group:default/web-storefront"]');
      await web.locator('.chip-person', { hasText: 'Jonas Becker' }).dragTo(mobile);
      await page.locator('.what-if-list > li').nth(3).waitFor();
      expect((await changes(page))[3]).toMatch(
        /^Move Jonas Becker from Web Storefront to Mobile App/,
      );
      await maps(page);
      expect(await mobile.locator('.chip-person').allInnerTexts()).toContain('Jonas Becker');

      // The file orgwire whatif reads: it parses, and names every change.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download YAML' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('wire-the-checkbox.yaml');
      const file = parse(readFileSync(await download.path(), 'utf8'));
      expect(file).toMatchObject({
        apiVersion: 'orgwire.dev/v1alpha1',
        kind: 'Scenario',
        metadata: { name: 'wire-the-checkbox' },
      });
      expect(file.spec.changes).toContainEqual({
        moveComponent: { component: 'checkout-api', to: 'mobile-app' },
      });
      expect(file.spec.changes).toContainEqual({
        movePerson: { user: 'jonas-becker', from: 'web-storefront', to: 'mobile-app' },
      });
      await page.screenshot({ path: join(SHOTS, 'what-if-changed.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('marks a change the server refuses and keeps it, and says where a picked file is wrong', async () => {
    const { page, errors } = await open();
    try {
      await visit(page);
      // Split web-storefront, move a component to the new part, then take the split away:
      // the move names a team that no longer exists.
      await page.getByText('Split a team').click();
      await page.getByLabel('Split the team').selectOption({ label: 'Web Storefront' });
      await page.getByLabel('Name of the new team').fill('checkout');
      await page.getByRole('checkbox', { name: 'Checkout API' }).check();
      await page.getByRole('form', { name: 'Split a team' }).getByRole('button').click();
      await maps(page);
      expect((await changes(page))[0]).toMatch(
        /^Split Web Storefront into web-storefront-core \(the rest\) and checkout \(Checkout API\)/,
      );
      const checkout = page.locator('.what-if-team[data-team="group:default/checkout"]');
      await checkout.waitFor();
      await page.getByLabel('What moves').selectOption({ label: 'Pricing engine (Stores)' });
      await page.getByLabel('To the team').first().selectOption({ label: 'checkout' });
      await page
        .getByRole('form', { name: 'Move a person or a component' })
        .getByRole('button')
        .click();
      await page.locator('.what-if-list > li').nth(1).waitFor();
      await maps(page);
      await page.getByRole('button', { name: /^Remove change 1:/ }).click();
      const alert = page.locator('.what-if-changes [role="alert"]');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(
        /Change 1 is refused: no team checkout in the catalog/,
      );
      expect(await page.locator('.what-if-list > li.is-refused').innerText()).toMatch(
        /Move Pricing engine to checkout — refused/,
      );
      expect(await page.getByRole('button', { name: 'Download YAML' }).isDisabled()).toBe(true);
      // What is still shown is said to be the last scenario that applied.
      expect(await page.locator('.what-if-main .callout').innerText()).toMatch(
        /figures of the last scenario that applied/,
      );
      await page.screenshot({ path: join(SHOTS, 'what-if-refused.png'), fullPage: true });

      // A file is read as it is, by the server: a bad one says its line.
      const bad = join(work, 'bad.yaml');
      writeFileSync(
        bad,
        'apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\nmetadata: {name: bad}\nspec:\n  changes:\n    - leave: {user: nobody}\n',
      );
      await page.getByLabel('Or open a scenario file').setInputFiles(bad);
      const fileAlert = page.locator('.what-if-scenario [role="alert"]');
      await fileAlert.waitFor();
      expect(await fileAlert.innerText()).toMatch(/Line 6: no person nobody in the catalog/);
      // A good one replaces the changes.
      const good = join(work, 'good.yaml');
      writeFileSync(
        good,
        'apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\nmetadata: {name: good}\nspec:\n  changes:\n    - mergeTeams: {teams: [stores, call-centre], into: stores}\n',
      );
      await page.getByLabel('Or open a scenario file').setInputFiles(good);
      await maps(page);
      expect(await changes(page)).toEqual([
        expect.stringMatching(/^Merge Call Centre into Stores/),
      ]);
      expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('good');
      // The browser logs each refusal the server sent; nothing else went wrong.
      expect(errors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fits a phone (375 px) without scrolling sideways', async () => {
    const { page, errors } = await open(375);
    try {
      await visit(page);
      await loadShipped(page, 'one-checkout-team');
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(SHOTS, 'what-if-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** A fresh page that records every console error and uncaught exception; a step that hangs fails in 15 s. */
async function open(width = 1280) {
  const opened = await openPage(browser, width);
  opened.page.setDefaultTimeout(15_000);
  return opened;
}
