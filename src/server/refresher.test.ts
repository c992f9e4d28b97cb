import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefresher } from './refresher.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A refresh that ends when the test says: `resolve` serves the new radiator, then ends. */
function controlled() {
  const runs: {
    begun: Date;
    served: () => void;
    resolve: () => void;
    reject: (e: Error) => void;
  }[] = [];
  const run = (begun: Date, served: () => void) =>
    new Promise<void>((resolve, reject) => {
      runs.push({
        begun,
        served,
        resolve: () => {
          served();
          resolve();
        },
        reject,
      });
    });
  return { runs, run };
}

describe('createRefresher', () => {
  it('refreshes the interval after the last refresh ended, never two at once', async () => {
    const { runs, run } = controlled();
    const refresher = createRefresher({ run, every: 60_000, servedSince: new Date() });
    expect(refresher.status()).toMatchObject({
      running: false,
      every: 60,
      nextAt: '2026-12-03T10:01:00.000Z',
      lastStartedAt: null,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(1);
    expect(refresher.start()).toEqual({ started: false });
    // A long refresh: no second one starts while it runs.
    await vi.advanceTimersByTimeAsync(180_000);
    expect(runs).toHaveLength(1);
    runs[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresher.status()).toMatchObject({
      running: false,
      servedSince: '2026-12-03T10:01:00.000Z',
      lastFinishedAt: '2026-12-03T10:04:00.000Z',
      nextAt: '2026-12-03T10:05:00.000Z',
      lastError: null,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(2);
    runs[1]?.resolve();
    await refresher.stop();
  });

  it('starts one at once when asked, and the timer counts again from its end', async () => {
    const { runs, run } = controlled();
    const refresher = createRefresher({ run, every: 60_000, servedSince: new Date() });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(refresher.start()).toEqual({ started: true });
    runs[0]?.resolve();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    runs[1]?.resolve();
    await refresher.stop();
  });

  it('keeps what it served when a refresh fails, says why, and tries again on schedule', async () => {
    const { runs, run } = controlled();
    const errors: unknown[] = [];
    const refresher = createRefresher({
      run,
      every: 60_000,
      servedSince: new Date('2026-12-03T09:00:00Z'),
      onError: (e) => errors.push(e),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    runs[0]?.reject(new Error('No PostgreSQL answers'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    expect(refresher.status()).toMatchObject({
      servedSince: '2026-12-03T09:00:00.000Z',
      lastError: 'No PostgreSQL answers',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    runs[1]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresher.status().lastError).toBeNull();
    await refresher.stop();
  });

  it('says the new radiator is served from the moment it is, reading as of when the refresh began', async () => {
    const { runs, run } = controlled();
    const refresher = createRefresher({
      run,
      servedSince: new Date('2026-12-03T09:00:00Z'),
    });
    await vi.advanceTimersByTimeAsync(5_000);
    refresher.start();
    expect(runs[0]?.begun.toISOString()).toBe('2026-12-03T10:00:05.000Z');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(refresher.status().servedSince).toBe('2026-12-03T09:00:00.000Z');
    // Swapped, with the radiator it replaced still closing: the status says so already.
    runs[0]?.served();
    expect(refresher.status()).toMatchObject({
      servedSince: '2026-12-03T10:00:05.000Z',
      running: true,
    });
    runs[0]?.resolve();
    await refresher.stop();
    expect(refresher.status().running).toBe(false);
  });

  it('refreshes only when asked without an interval, and not at all once stopped', async () => {
    const { runs, run } = controlled();
    const refresher = createRefresher({ run, servedSince: new Date() });
    expect(refresher.status()).toMatchObject({ every: null, nextAt: null });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(runs).toHaveLength(0);
    expect(refresher.start()).toEqual({ started: true });
    runs[0]?.resolve();
    await refresher.stop();
    expect(refresher.start()).toEqual({ started: false });
  });
});
