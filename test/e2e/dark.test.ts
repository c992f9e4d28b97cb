import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../helpers/browser.js';
import { demoRadiator, SHOTS } from '../helpers/demo-radiator.js';

// Dark mode follows the system setting (issue 15, item 8): dark surfaces, light ink, and
// text that still meets WCAG AA contrast on what it stands on.
const radiator = demoRadiator('dark');

/** The WCAG contrast ratio of `selector`'s text colour on its nearest painted background. */
async function contrast(page: Page, selector: string): Promise<number> {
  return page.evaluate<number, string>((css) => {
    const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (R as number) + 0.7152 * (G as number) + 0.0722 * (B as number);
    };
    // biome-ignore lint/suspicious/noExplicitAny: the page's own DOM, typed by the browser
    const win = globalThis as any;
    const doc = win.document;
    const getComputedStyle = win.getComputedStyle as (e: unknown) => {
      color: string;
      backgroundColor: string;
    };
    const element = doc.querySelector(css);
    if (!element) throw new Error(`nothing matches ${css}`);
    const ink = rgb(getComputedStyle(element).color);
    // Translucent backgrounds laid over the first opaque one below them, as painted.
    const layers: number[][] = [];
    for (let node = element; node; node = node.parentElement) {
      const bg = rgb(getComputedStyle(node).backgroundColor);
      if (bg.length < 3) continue;
      const alpha = bg[3] ?? 1;
      if (alpha === 0) continue;
      layers.push(bg);
      if (alpha >= 1) break;
    }
    let paint = [255, 255, 255];
    for (const layer of layers.reverse()) {
      const alpha = layer[3] ?? 1;
      paint = paint.map((v, i) => (layer[i] as number) * alpha + v * (1 - alpha));
    }
    const [a, b] = [luminance(ink), luminance(paint)].sort((x, y) => y - x) as [number, number];
    return (a + 0.05) / (b + 0.05);
  }, selector);
}

describe('dark mode', () => {
  it('follows the system setting, every text meeting AA contrast', async () => {
    const { page, errors } = await openPage(radiator.browser);
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      for (const path of ['/', '/queues', '/bets', '/map']) {
        await page.goto(new URL(path, radiator.served.url).href, { waitUntil: 'networkidle' });
        await page.locator('h1').first().waitFor();
        const background = await page.evaluate<string>(
          'getComputedStyle(document.documentElement).backgroundColor',
        );
        // A dark page: every channel low.
        for (const channel of background.match(/\d+/g)?.slice(0, 3) ?? [])
          expect(Number(channel)).toBeLessThan(40);
        expect(await contrast(page, 'h1')).toBeGreaterThanOrEqual(4.5);
        expect(await contrast(page, 'main p')).toBeGreaterThanOrEqual(4.5);
        expect(await contrast(page, '.site-header nav a')).toBeGreaterThanOrEqual(4.5);
      }
      await page.goto(radiator.served.url, { waitUntil: 'networkidle' });
      expect(await contrast(page, '.period-picker button')).toBeGreaterThanOrEqual(4.5);
      expect(await contrast(page, '.search-box button')).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: join(SHOTS, 'overview-dark.png'), fullPage: false });
      // And light when the system is light.
      await page.emulateMedia({ colorScheme: 'light' });
      const light = await page.evaluate<string>(
        'getComputedStyle(document.documentElement).backgroundColor',
      );
      for (const channel of light.match(/\d+/g)?.slice(0, 3) ?? [])
        expect(Number(channel)).toBeGreaterThan(230);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
