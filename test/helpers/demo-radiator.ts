import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { type Served, serveCli } from './serve.js';

/** Where the radiator's browser tests save their screenshots. */
export const SHOTS = resolve('test-artifacts/radiator');

/**
 * The built CLI serving the demo (`orgwire serve --demo`) in a folder of its own, and
 * Debian's Chromium to look at it, for the test file that calls this at its top: started
 * before its tests, stopped and removed after them.
 */
export function demoRadiator(name: string): {
  readonly served: Served;
  readonly browser: Browser;
  /** The folder the server runs in: a test may write files there. */
  readonly work: string;
} {
  const work = mkdtempSync(join(tmpdir(), `orgwire-${name}-`));
  let served: Served | undefined;
  let browser: Browser | undefined;
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
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the demo radiator's ${what} has not started`);
    return value;
  };
  return {
    get served() {
      return started(served, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    work,
  };
}
