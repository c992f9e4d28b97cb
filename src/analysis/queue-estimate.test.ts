import { describe, expect, it } from 'vitest';
import { estimateQueue } from './queue-estimate.js';

// One a day arriving and done, two days' mean lead time: capacity 1 + 1/2 = 1.5 a day.
const measured = { arrivalsPerDay: 1, completionsPerDay: 1, meanLeadTime: 2 };

describe('estimateQueue', () => {
  it('gives back the measured lead time when nothing changes', () => {
    expect(estimateQueue(measured, 1, { before: 4, after: 4 })).toEqual({
      meanLeadTime: 2,
      unstable: false,
    });
  });

  it('shortens the wait when half the requests stop queueing: 1/(1.5 − 0.5) = 1 day', () => {
    expect(estimateQueue(measured, 0.5, { before: 4, after: 4 }).meanLeadTime).toBe(1);
  });

  it('lengthens it when half the people go: 1/(0.75 − 0.5) = 4 days', () => {
    expect(estimateQueue(measured, 0.5, { before: 4, after: 2 }).meanLeadTime).toBe(4);
  });

  it('is unstable when what arrives reaches what the people left can do', () => {
    expect(estimateQueue(measured, 1, { before: 4, after: 2 })).toEqual({
      meanLeadTime: null,
      unstable: true,
    });
    expect(estimateQueue(measured, 0.1, { before: 4, after: 0 }).unstable).toBe(true);
  });

  it('takes a queue that fell behind at its throughput', () => {
    // 2 a day arrived, 1 a day done: capacity 1; at 0.5 a day, 1/(1 − 0.5) = 2 days.
    const behind = { arrivalsPerDay: 2, completionsPerDay: 1, meanLeadTime: 30 };
    expect(estimateQueue(behind, 0.5, { before: 3, after: 3 }).meanLeadTime).toBe(2);
    expect(estimateQueue(behind, 1.5, { before: 3, after: 3 }).unstable).toBe(true);
  });

  it('has no queue when nothing arrives any more', () => {
    expect(estimateQueue(measured, 0, { before: 4, after: 4 })).toEqual({
      meanLeadTime: null,
      unstable: false,
    });
  });
});
