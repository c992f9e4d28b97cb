// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.js';
import { demoRadiator } from '../helpers/demo-radiator.js';

// Settings keeps a token only once the server says whose it is (issue 15, item 6).
const radiator = demoRadiator('settings');

describe('Settings', () => {
  it('refuses a token the server does not know, and keeps one it knows, saying whose', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.goto(new URL('/settings', radiator.served.url).href, { waitUntil: 'networkidle' });
      const form = page.locator('form.token-form');
      await form.getByLabel('Token').fill('ow_a-token-nobody-made');
      await form.getByRole('button', { name: 'Save token' }).click();
      const status = form.getByRole('status');
      await expect.poll(() => status.innerText()).toMatch(/does not know this token/);
      expect(await form.innerText()).toMatch(/No token is set\./);
      expect(
        await page.evaluate<string | null>("localStorage.getItem('orgwire.token')"),
      ).toBeNull();
      // A token made for the demo's store, as a reader would make one.
      const made = spawnSync(
        process.execPath,
        [resolve('bin/orgwire.js'), 'token', 'create', '--demo', '--name', 'wall'],
        { cwd: radiator.work, encoding: 'utf8' },
      );
      await form.getByLabel('Token').fill(made.stdout.trim());
      await form.getByRole('button', { name: 'Save token' }).click();
      await expect.poll(() => status.innerText()).toMatch(/the server knows it as “wall”/);
      expect(await form.innerText()).toMatch(/A token is set/);
      // The browser logs the refused check as a failed request: that is the only error.
      expect(errors.filter((e) => !/403/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
