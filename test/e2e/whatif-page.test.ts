// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright's Locator.innerText, the text as a person sees it, not the DOM property.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WhatIfSuggestion } from '../../src/server/api-types.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import type { TestRepo } from '../helpers/git-repo.js';
import { plantScrambledOrg } from '../helpers/scrambled-org.js';
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

async function visit(page: Page, on: Served = served): Promise<void> {
  await page.goto(new URL('/what-if', on.url).href, { waitUntil: 'networkidle' });
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

/**
 * Asks for the suggested boundaries, holding the server's answer back a moment so that the
 * waiting message is seen; resolves with the answer once the panel shows it.
 */
async function suggest(page: Page): Promise<WhatIfSuggestion> {
  let release = () => {};
  const held = new Promise<void>((done) => {
    release = done;
  });
  await page.route('**/api/whatif/suggestion', async (route) => {
    await held;
    await route.continue();
  });
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/whatif/suggestion'));
  await page.getByRole('button', { name: 'Suggest boundaries from the work' }).click();
  const panel = page.locator('.what-if-suggestion');
  expect(await panel.getByRole('status').innerText()).toMatch(
    /^Finding the boundaries the work implies.*up to a minute on a large one\.$/s,
  );
  release();
  const response = await answered;
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as WhatIfSuggestion;
  await panel.locator('.what-if-suggested').waitFor();
  await page.unroute('**/api/whatif/suggestion');
  return answer;
}

/** What the panel says of an answer: the periods, unwired coordination, and why or the teams. */
async function expectThePanel(page: Page, answer: WhatIfSuggestion): Promise<void> {
  const text = await page.locator('.what-if-suggestion').innerText();
  const { fitted, checked } = answer;
  expect(text).toContain(`${fitted.since} to ${fitted.until}`);
  expect(text).toContain(`${checked.since} to ${checked.until}`);
  const w = (x: number) => String(Math.round(x * 10) / 10);
  expect(text).toContain(`${w(answer.unwired.before)} → ${w(answer.unwired.after)}`);
  if (answer.suggested === null) {
    expect(text).toMatch(
      answer.why === 'unnamed'
        ? /The catalog names none of the people the work groups.*Add them to the catalog as Users/s
        : /would not cut unwired coordination on the later period .*so none is shown/s,
    );
    expect(await page.getByRole('button', { name: 'Try this on the board' }).count()).toBe(0);
    return;
  }
  expect(text).toMatch(/these boundaries cut unwired coordination from/);
  const rows = page.locator('.what-if-suggestion tbody tr');
  expect(await rows.count()).toBe(Math.min(12, answer.suggested.teams.length));
  for (const team of answer.suggested.teams.slice(0, 12)) {
    const row = await page.locator(`.what-if-suggestion tr[data-team="${team.ref}"]`).innerText();
    expect(row).toContain(team.label);
    expect(row).toContain(team.existing ? 'existing' : 'new');
    expect(row).toMatch(new RegExp(`\\b${team.members.length} (person|people)\\b`));
    if (team.unnamed > 0) expect(row).toContain(`+ ${team.unnamed} not in the catalog`);
  }
}

/** Loads the suggestion onto the board and waits for its deltas and both maps. */
async function tryOnTheBoard(page: Page, answer: WhatIfSuggestion): Promise<void> {
  const scenario = answer.suggested?.scenario;
  if (!scenario) throw new Error('no suggestion to try');
  await page.getByRole('button', { name: 'Try this on the board' }).click();
  await page.locator('.what-if-headline').waitFor();
  await maps(page);
  expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(scenario.metadata.name);
  expect(await changes(page)).toHaveLength(scenario.spec.changes.length);
  expect(await page.locator('.what-if-suggestion [role="status"]').innerText()).toMatch(
    /^Loaded as the scenario “suggested-boundaries”/,
  );
  expect(await page.locator('.what-if-headline').innerText()).toMatch(
    /^Congruence \d+% → \d+%; \d+ unwired needs resolved, \d+ created/,
  );
  expect(await page.locator('.what-if-deltas').innerText()).toMatch(/Unwired needs it resolves/);
  // What downloads is the suggestion, as `orgwire whatif` reads it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download YAML' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('suggested-boundaries.yaml');
  expect(parse(readFileSync(await download.path(), 'utf8')).spec.changes).toEqual(
    scenario.spec.changes,
  );
}

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

  it('says what someone who leaves takes with them, as the server answers it', async () => {
    const { page, errors } = await open();
    try {
      await visit(page);
      await page.getByText('Someone leaves').click();
      await page.getByLabel('Who leaves').selectOption({ label: 'Aisha Bello' });
      const answered = page.waitForResponse(
        (r) => r.url().endsWith('/api/whatif') && r.request().method() === 'POST',
      );
      await page.getByRole('form', { name: 'Someone leaves' }).getByRole('button').click();
      const answer = await (await answered).json();
      const lost = answer.changes.knowledge[0].components as { component: string }[];
      // Aisha made more of checkout-api's and product-catalog's commits than anyone else.
      expect(lost.map((c) => c.component)).toEqual([
        'component:default/checkout-api',
        'component:default/product-catalog',
      ]);
      const table = page.getByRole('table', { name: /Components where they made more/ });
      await table.waitFor();
      expect(await page.getByRole('heading', { name: /leaving loses/ }).innerText()).toBe(
        'What Aisha Bello leaving loses (2 components)',
      );
      expect(await table.locator('tbody tr').count()).toBe(lost.length);
      expect(await table.locator('tbody tr').first().innerText()).toMatch(
        /^Checkout API\s+11\s+16\s*%/,
      );
      await page.screenshot({ path: join(SHOTS, 'what-if-leave.png'), fullPage: true });
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

  it('suggests the boundaries the work implies, and loads them onto the board when they cut', async () => {
    const { page, errors } = await open();
    try {
      await visit(page);
      const answer = await suggest(page);
      await expectThePanel(page, answer);
      // The demo may or may not be better served by other boundaries: the page says which.
      if (answer.suggested) await tryOnTheBoard(page, answer);
      await page.screenshot({ path: join(SHOTS, 'what-if-suggestion.png'), fullPage: true });
      // Asked again after a reload, the server answers what it made the first time.
      await visit(page);
      const again = await suggest(page);
      expect(again).toEqual(answer);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fits a phone (375 px) without scrolling sideways', async () => {
    const { page, errors } = await open(375);
    try {
      await visit(page);
      await loadShipped(page, 'one-checkout-team');
      await suggest(page);
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

// An organisation whose catalog hides its true teams: everyone works on their own team's
// components (a tenth of the commits stray), but the catalog deals people round the teams at
// random. The work's boundaries then cut unwired coordination, so the page has one to try.
describe('the What-if page on a scrambled organisation', () => {
  const TEAMS = ['atlas', 'boreal', 'cirrus', 'delta'];
  const org = mkdtempSync(join(tmpdir(), 'orgwire-whatif-scrambled-'));
  let repo: TestRepo;
  let scrambled: Served;

  beforeAll(async () => {
    ({ repo } = await plantScrambledOrg(org, { seed: 2, teams: TEAMS }));
    scrambled = await serveCli(
      ['--catalog', 'catalog', '--repo', repo.dir, '--window', '120d', '--quiet'],
      org,
    );
  }, 180_000);

  afterAll(async () => {
    await scrambled?.stop();
    await repo?.cleanup();
    rmSync(org, { recursive: true, force: true });
  });

  it('shows the teams the work implies and tries them on the board', async () => {
    const { page, errors } = await open();
    try {
      await visit(page, scrambled);
      const answer = await suggest(page);
      expect(answer.why).toBeUndefined();
      expect(answer.suggested?.teams).toHaveLength(TEAMS.length);
      await expectThePanel(page, answer);
      await page.screenshot({
        path: join(SHOTS, 'what-if-suggestion-teams.png'),
        fullPage: true,
      });
      await tryOnTheBoard(page, answer);
      // Each true team is one team on the board again.
      for (const team of answer.suggested?.teams ?? []) {
        const board = page.locator(`.what-if-team[data-team="${team.ref}"] .chip-person`);
        const names = (await board.allInnerTexts()).map((n) => n.replace(/-\d+$/, ''));
        expect(new Set(names).size).toBe(1);
      }
      await page.screenshot({ path: join(SHOTS, 'what-if-suggestion-tried.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
