import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay, resolveWindow, type TimeWindow, windowDates } from './window.js';

const DAY = 86_400;
const at = (iso: string) => Date.parse(iso) / 1000;
const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

/** The window as the CLI resolves it from flags written as days, as a user writes them. */
function fromFlags(flags: { since?: string; until?: string; days?: number }, newest: number) {
  return resolveWindow(
    {
      ...(flags.since === undefined ? {} : { since: parseDay(flags.since) as number }),
      ...(flags.until === undefined ? {} : { until: parseDay(flags.until, true) as number }),
      ...(flags.days === undefined ? {} : { length: flags.days * DAY }),
    },
    newest,
  );
}

const selected = (times: readonly number[], w: TimeWindow) =>
  times.filter((t) => t >= w.since && t <= w.until);

describe('resolveWindow', () => {
  const newest = at('2026-10-30T15:42:07Z');

  it('covers 90 whole UTC days ending with the newest commit’s day by default', () => {
    const w = resolveWindow({}, newest);
    expect(w).toEqual({ since: at('2026-08-02T00:00:00Z'), until: at('2026-10-30T23:59:59Z') });
    expect((w.until - w.since + 1) / DAY).toBe(90);
    expect(windowDates(w)).toEqual({ since: '2026-08-02', until: '2026-10-30' });
  });

  it('counts a length back from the --until day, that day being the first', () => {
    const w = fromFlags({ until: '2026-03-10', days: 3 }, newest);
    expect(windowDates(w)).toEqual({ since: '2026-03-08', until: '2026-03-10' });
    expect(w).toEqual({ since: at('2026-03-08T00:00:00Z'), until: at('2026-03-10T23:59:59Z') });
  });

  it('runs from the --since day to the end of the newest commit’s day when only --since is given', () => {
    expect(fromFlags({ since: '2026-10-01' }, newest)).toEqual({
      since: at('2026-10-01T00:00:00Z'),
      until: at('2026-10-30T23:59:59Z'),
    });
  });

  it('takes a one-day window as that whole day, even when the newest commit is at its first second', () => {
    const w = resolveWindow({ length: DAY }, at('2026-03-10T00:00:00Z'));
    expect(w).toEqual({ since: at('2026-03-10T00:00:00Z'), until: at('2026-03-10T23:59:59Z') });
  });

  it('selects the same commits again when given back the days it prints', () => {
    const start = at('2025-01-01T00:00:00Z');
    const span = 400 * DAY;
    const dayOf = fc.integer({ min: -30, max: 430 }).map((n) => day(start + n * DAY));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: start, max: start + span }), { minLength: 1, maxLength: 60 }),
        fc.record(
          { since: dayOf, until: dayOf, days: fc.integer({ min: 1, max: 500 }) },
          { requiredKeys: [] },
        ),
        (times, flags) => {
          fc.pre(
            flags.since === undefined || flags.until === undefined || flags.since <= flags.until,
          );
          const latest = Math.max(...times);
          const w = fromFlags(flags, latest);
          const printed = windowDates(w);
          // Whole days: what the printed days cover is exactly what the window selects.
          const inPrinted = times.filter((t) => day(t) >= printed.since && day(t) <= printed.until);
          expect(selected(times, w)).toEqual(inPrinted);
          // Given back as --since/--until, the days select the same window and commits.
          const again = fromFlags(printed, latest);
          expect(again).toEqual(w);
          expect(selected(times, again)).toEqual(selected(times, w));
          // A length asked for is covered in whole days.
          if (flags.since === undefined) {
            expect((w.until - w.since + 1) / DAY).toBe(flags.days ?? 90);
          }
        },
      ),
    );
  });
});
