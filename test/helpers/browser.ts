import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page that records every console error and uncaught exception. */
export async function openPage(
  browser: Browser,
  width = 1280,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/**
 * Goes to a page of the radiator and waits until it has drawn its heading: a page shows
 * "Loading…" until its code and its data have come, which can be after the network is idle.
 */
export async function visit(page: Page, url: string | URL): Promise<void> {
  await page.goto(url.toString(), { waitUntil: 'networkidle' });
  await page.locator('h1').first().waitFor();
}
