import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StatusChange, statusWaits } from './status-waits.js';

describe('statusWaits', () => {
  const change = (at: number, from: string, to: string): StatusChange => ({ at, from, to });

  it('adds up every stay in a waiting status until done, and starts at the first exit', () => {
    const changes = [
      change(10, 'to do', 'in progress'),
      change(20, 'in progress', 'blocked'),
      change(25, 'blocked', 'in progress'),
      change(40, 'in progress', 'to do'),
      change(45, 'to do', 'done'),
    ];
    expect(statusWaits(0, 45, changes, new Set(['blocked']))).toEqual({
      started: 10,
      waited: 10 + 5 + 5,
    });
    expect(statusWaits(0, undefined, changes, new Set())).toEqual({ started: 10 });
  });

  it('never waits less than nothing nor longer than the request lived', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: -50, max: 1_000 }),
            to: fc.constantFrom('to do', 'in progress', 'blocked', 'review'),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 1_100 }),
        (steps, done) => {
          const sorted = [...steps].sort((a, b) => a.at - b.at);
          const changes = sorted.map((s, i) =>
            change(s.at, i === 0 ? 'to do' : (sorted[i - 1]?.to as string), s.to),
          );
          const { started, waited } = statusWaits(0, done, changes, new Set(['blocked']));
          expect(waited).toBeGreaterThanOrEqual(0);
          expect(waited).toBeLessThanOrEqual(done);
          if (started !== undefined) {
            expect(started).toBeGreaterThanOrEqual(0);
            expect(started).toBeLessThanOrEqual(done);
            // Before work started it waited all along.
            expect(waited).toBeGreaterThanOrEqual(started);
          }
        },
      ),
    );
  });
});
