// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, type GlossaryEntry } from '../../web/src/glossary.js';
import { openPage, visit as visitPage } from '../helpers/browser.js';
import { demoRadiator, SHOTS } from '../helpers/demo-radiator.js';

// Every figure explained where it stands (issue 15, item 3), as a person meets it: the built
// CLI serves the demo, Debian's Chromium hovers, tabs to and taps the terms, and reads the
// Glossary page. Screenshots go to test-artifacts/radiator/ beside the other pages'.
const entries: readonly GlossaryEntry[] = GLOSSARY;
const byId = new Map(entries.map((e) => [e.id, e]));
const radiator = demoRadiator('glossary');

const open = (width = 1280) => openPage(radiator.browser, width);

const visit = (page: Page, path: string) => visitPage(page, new URL(path, radiator.served.url));

/** The tooltip a term's link is described by. */
async function tooltipOf(page: Page, term: Locator): Promise<Locator> {
  const id = await term.getAttribute('aria-describedby');
  expect(id).toBeTruthy();
  const tip = page.locator(`[id="${id}"]`);
  expect(await tip.getAttribute('role')).toBe('tooltip');
  return tip;
}

/** The glossary id of the focused term, or null (an expression run in the page). */
const FOCUSED_TERM = "document.activeElement?.getAttribute('data-term') ?? null";

/** The id of the element with the focus (an expression run in the page). */
const FOCUSED_ID = 'document.activeElement?.id ?? null';

/** Presses Tab until a glossary term has the focus; returns its id. */
async function tabToTerm(page: Page): Promise<string> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate<string | null>(FOCUSED_TERM);
    if (id) return id;
  }
  throw new Error('no glossary term is reachable by Tab');
}

/** Hover, focus by Tab, Escape and the link of the first terms on a page. */
async function explainsItsTerms(path: string, hovered: string, shot?: string): Promise<void> {
  const { page, errors } = await open();
  try {
    await visit(page, path);
    if (path === '/map') await page.locator('[data-testid="org-map"][data-drawn="true"]').waitFor();
    // Hover: the short definition shows, and stays while the pointer is on it.
    const term = page.locator(`main .term-link[data-term="${hovered}"]`).first();
    const tip = await tooltipOf(page, term);
    expect(await tip.isVisible()).toBe(false);
    await term.hover();
    await tip.waitFor({ state: 'visible' });
    expect(await tip.innerText()).toBe(byId.get(hovered)?.short);
    // The pointer may move onto the definition without losing it.
    await tip.hover();
    await page.waitForTimeout(400);
    expect(await tip.isVisible()).toBe(true);
    await term.hover();
    // Escape hides it, the pointer still over the term.
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    // It stays hidden until the pointer comes back; moving away hides it too.
    await page.mouse.move(2, 600);
    await term.hover();
    await tip.waitFor({ state: 'visible' });
    await page.mouse.move(2, 600);
    await tip.waitFor({ state: 'hidden' });

    // Keyboard: Tab from the top of the page reaches a term, and focus shows its definition.
    await page.locator('body').focus();
    await page.evaluate('window.scrollTo(0, 0)');
    const focusedId = await tabToTerm(page);
    const focused = page.locator(':focus');
    const focusedTip = await tooltipOf(page, focused);
    await focusedTip.waitFor({ state: 'visible' });
    expect(await focusedTip.innerText()).toBe(byId.get(focusedId)?.short);
    // Inside the viewport, beside the term.
    const box = await focusedTip.boundingBox();
    const at = await focused.boundingBox();
    expect(box && at).toBeTruthy();
    if (box && at) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(Math.abs(box.y - (at.y + at.height))).toBeLessThan(40);
    }
    if (shot) await page.screenshot({ path: join(SHOTS, shot) });
    await page.keyboard.press('Escape');
    await focusedTip.waitFor({ state: 'hidden' });
    expect(await page.evaluate<string | null>(FOCUSED_TERM)).toBe(focusedId);

    // The link: Enter opens the term's entry on the Glossary page, in view and focused.
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/glossary' && url.hash === `#${focusedId}`);
    const entry = page.locator(`[id="${focusedId}"]`);
    await entry.waitFor();
    await expect.poll(() => page.evaluate<string | null>(FOCUSED_ID)).toBe(focusedId);
    expect(await entry.locator('h3').innerText()).toBe(byId.get(focusedId)?.term);
    const inView = await entry.boundingBox();
    expect(inView && inView.y >= -1 && inView.y < 900).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

describe('terms explained where they stand', () => {
  it('lists every glossary entry on the Glossary page, each at its own anchor', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/glossary');
      expect(await page.locator('h1').innerText()).toBe('Glossary');
      expect(await page.locator('.glossary-entry').count()).toBe(entries.length);
      for (const e of entries) {
        const entry = page.locator(`article[id="${e.id}"]`);
        expect(await entry.count(), e.id).toBe(1);
        const text = await entry.innerText();
        expect(await entry.locator('h3').innerText()).toBe(e.term);
        expect(text).toContain(e.short);
        if (e.formula) expect(text).toContain(e.formula);
        expect(text).toMatch(/Where it appears:/);
        // The index at the top links to it.
        expect(await page.locator(`nav a[href="#${e.id}"]`).count(), e.id).toBe(1);
      }
      // The Brier score is explained the right way round.
      expect(await page.locator('#brier').innerText()).toMatch(
        /0 is perfect calibration, 0\.25 is no better than a coin toss/,
      );
      await page.screenshot({ path: join(SHOTS, 'glossary.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('links every page to the Glossary from the footer', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/queues');
      const link = page.locator('footer').getByRole('link', { name: 'Glossary' });
      await link.click();
      await page.waitForURL((url) => url.pathname === '/glossary');
      await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('explains a term of the org map on hover and on keyboard focus, and Escape hides it', async () => {
    await explainsItsTerms('/map', 'congruence', 'glossary-term.png');
  });

  it('explains a term of the queues page on hover and on keyboard focus, and Escape hides it', async () => {
    await explainsItsTerms('/queues', 'p85');
  });

  it('opens the entry a term links to when clicked', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, '/queues');
      const link = page.locator('.term-link[data-term="breach-rate"]');
      const cell = page.locator('main th', { has: link }).first();
      // The definition is not part of the cell's text (a table's CSV, a column's name).
      expect(await cell.textContent()).toBe('Breach rate');
      await cell.locator(link).click();
      await page.waitForURL((url) => url.pathname === '/glossary' && url.hash === '#breach-rate');
      await expect.poll(() => page.evaluate<string | null>(FOCUSED_ID)).toBe('breach-rate');
      expect(await page.locator('#breach-rate h3').innerText()).toBe('breach rate');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the definition on a first tap and follows the link on the second, on a phone', async () => {
    const context = await radiator.browser.newContext({
      viewport: { width: 375, height: 800 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await visit(page, '/queues');
      const term = page.locator('main .term-link[data-term="p85"]').first();
      await term.scrollIntoViewIfNeeded();
      const tip = await tooltipOf(page, term);
      await term.tap();
      await tip.waitFor({ state: 'visible' });
      expect(new URL(page.url()).pathname).toBe('/queues');
      const box = await tip.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'glossary-term-phone.png') });
      // A tap elsewhere hides it.
      await page.locator('h1').tap();
      await tip.waitFor({ state: 'hidden' });
      // First tap shows, second follows.
      await term.tap();
      await tip.waitFor({ state: 'visible' });
      await term.tap();
      await page.waitForURL((url) => url.pathname === '/glossary' && url.hash === '#p85');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits the Glossary page into a phone (375 px) without scrolling sideways', async () => {
    const { page, errors } = await open(375);
    try {
      await visit(page, '/glossary');
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(375);
      await page.screenshot({ path: join(SHOTS, 'glossary-phone.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
