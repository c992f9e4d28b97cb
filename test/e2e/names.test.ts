// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.js';
import { demoRadiator } from '../helpers/demo-radiator.js';

// One name per thing (issue 15, item 6): a person, a team or a component is called the same
// on every page, by its title or display name, with its reference on hover.
const radiator = demoRadiator('names');

describe('names', () => {
  it('calls a person by their name on a bet, a team and a component page alike', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      for (const path of [
        '/bets/default/unified-customer-id',
        '/teams/default/platform',
        '/components/default/identity-service',
      ]) {
        await page.goto(new URL(path, radiator.served.url).href, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor();
        await expect
          .poll(() => page.locator('main').innerText())
          .toMatch(/Erik Johansson|Platform/);
        const text = await page.locator('main').innerText();
        // No raw reference where a name is known.
        expect(text).not.toMatch(/\berik-johansson\b/);
      }
      await page.goto(new URL('/bets/default/unified-customer-id', radiator.served.url).href, {
        waitUntil: 'networkidle',
      });
      await expect.poll(() => page.locator('main').innerText()).toMatch(/Erik Johansson/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('opens the system of a component, and its domain, each on a page of its own', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/components/default/checkout-api', radiator.served.url).href, {
        waitUntil: 'networkidle',
      });
      await page.locator('main a[href^="/systems/"]').first().click();
      await page.waitForURL(/\/systems\/default\//);
      await expect
        .poll(() => page.locator('main').innerText())
        .toMatch(/System[\s\S]*Components \(\d+\)/i);
      expect(
        await page
          .getByRole('table', { name: /Components in/ })
          .locator('tbody tr')
          .count(),
      ).toBeGreaterThan(0);
      await page.locator('main a[href^="/domains/"]').first().click();
      await page.waitForURL(/\/domains\/default\//);
      await expect.poll(() => page.locator('main').innerText()).toMatch(/Domain[\s\S]*Systems/i);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
