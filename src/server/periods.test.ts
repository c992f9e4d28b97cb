import { describe, expect, it } from 'vitest';
import { createPeriods, periodOf } from './periods.js';
import type { Radiator } from './radiator.js';

const WINDOW = { since: '2026-08-02', until: '2026-10-30' };

describe('periodOf', () => {
  it('reads both ends, or one with the other as the window has it', () => {
    expect(periodOf({}, WINDOW)).toBeUndefined();
    expect(periodOf({ since: '2026-01-01', until: '2026-03-31' }, WINDOW)).toEqual({
      since: '2026-01-01',
      until: '2026-03-31',
    });
    expect(periodOf({ since: '2026-10-01' }, WINDOW)).toEqual({
      since: '2026-10-01',
      until: '2026-10-30',
    });
    // The window is 89 days from first to last day: so is a period given only its end.
    expect(periodOf({ until: '2026-07-31' }, WINDOW)).toEqual({
      since: '2026-05-03',
      until: '2026-07-31',
    });
  });

  it('refuses days that are no days, and ends the wrong way round', () => {
    expect(periodOf({ since: '2026-02-30' }, WINDOW)).toEqual({
      error: '`since` must be a day written YYYY-MM-DD, not "2026-02-30".',
    });
    expect(periodOf({ until: '26-10-01' }, WINDOW)).toMatchObject({ error: /`until` must be/ });
    expect(periodOf({ since: '2026-10-02', until: '2026-10-01' }, WINDOW)).toMatchObject({
      error: /is after/,
    });
    expect(periodOf({ since: '1990-01-01', until: '2026-01-01' }, WINDOW)).toEqual({
      error: 'A period is at most twenty years.',
    });
  });
});

describe('createPeriods', () => {
  const radiator = (name: string) => ({ name }) as unknown as Radiator;

  it('builds a period once however many ask at once, and keeps the most recently asked', async () => {
    const built: string[] = [];
    const periods = createPeriods(async (p) => {
      built.push(p.since);
      return radiator(p.since);
    }, 2);
    const day = (d: string) => ({ since: d, until: '2026-12-31' });
    const [a, b] = await Promise.all([periods.get(day('a')), periods.get(day('a'))]);
    expect(a).toBe(b);
    await periods.get(day('b'));
    await periods.get(day('a')); // a is asked again: b is now the least recently asked
    await periods.get(day('c')); // b goes
    expect(periods.kept().map((r) => (r as unknown as { name: string }).name)).toEqual(['a', 'c']);
    await periods.get(day('b'));
    expect(built).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps no failed build: the next request builds again', async () => {
    let calls = 0;
    const periods = createPeriods(async (p) => {
      calls++;
      if (calls === 1) throw new Error('the store went away');
      return radiator(p.since);
    });
    const period = { since: '2026-01-01', until: '2026-01-31' };
    await expect(periods.get(period)).rejects.toThrow('the store went away');
    expect(periods.kept()).toEqual([]);
    await expect(periods.get(period)).resolves.toBeDefined();
    expect(calls).toBe(2);
  });
});
