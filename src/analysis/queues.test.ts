import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type RequestRecord } from '../model/index.js';
import { AGING_LISTED, analyzeQueues, nearestRank, queueWaits } from './queues.js';

const { catalog } = loadCatalog([
  {
    path: 'c.yaml',
    text: `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: p
  annotations: {orgwire.dev/request-sla: 14d}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: community
  description: everyone outside, who files issues
spec: {type: team, children: []}
`,
  },
]);
const P = 'group:default/p';
const at = (day: string) => Date.parse(`${day}T12:00:00Z`) / 1000;
let n = 0;
const request = (
  requester: string,
  created: string,
  done?: string,
  started?: string,
): RequestRecord => ({
  tracker: 'csv',
  id: `R-${++n}`,
  requester: `group:default/${requester}`,
  provider: P,
  created: at(created),
  ...(done ? { done: at(done) } : {}),
  ...(started ? { started: at(started) } : {}),
  updated: at(done ?? started ?? created),
  source: `q.csv:${n + 1}`,
});
// Four weeks, 2026-01-01 to 2026-01-28.
const WINDOW = {
  since: Date.parse('2026-01-01T00:00:00Z') / 1000,
  until: Date.parse('2026-01-28T23:59:59Z') / 1000,
};

describe('analyzeQueues on a hand-computed queue', () => {
  const requests = [
    request('a', '2026-01-01', '2026-01-11', '2026-01-03'), // 10 days; waited 2 to start
    request('a', '2026-01-02', '2026-01-22'), // 20 days
    request('b', '2026-01-08', '2026-01-13', '2026-01-09'), // 5 days; waited 1
    request('a', '2026-01-15'), // still open
    request('c', '2026-01-16', '2026-01-26'), // 10 days
    request('a', '2025-12-20', '2026-01-05'), // arrived before the window, done in it: 16 days
  ];
  const [queue] = analyzeQueues(catalog, requests, WINDOW);

  it('counts arrivals, completions and work in progress', () => {
    expect(queue).toMatchObject({ team: P, arrivals: 5, completions: 5, wip: 1, sla: 14 });
  });

  it('gives lead-time percentiles by nearest rank, the wait before start and the breach rate', () => {
    // Lead times 5, 10, 10, 16, 20: p50 = rank ⌈2.5⌉ = 3 → 10; p85 = rank ⌈4.25⌉ = 5 → 20.
    expect(queue?.leadTime).toEqual({ p50: 10, p85: 20, p95: 20 });
    expect(queue?.waitBeforeStart).toEqual({ p50: 1, p85: 2, p95: 2 });
    // 16 and 20 exceed the 14-day promise: 2 of 5.
    expect(queue?.breachRate).toBe(0.4);
  });

  it('takes the time a status history says a request waited over created → started', () => {
    const DAY = 86_400;
    const [first, second, third, ...rest] = requests;
    // The first went back to waiting for 4 more days after it started; the second, never
    // started by its export's columns, waited 7 days by its history.
    const history = [
      { ...(first as RequestRecord), waited: 6 * DAY },
      { ...(second as RequestRecord), waited: 7 * DAY },
      third as RequestRecord,
      ...rest,
    ];
    const [measured] = analyzeQueues(catalog, history, WINDOW);
    // Waits 6, 7 and 1 (the third's started − created): p50 = rank 2 → 6; p85 = rank 3 → 7.
    expect(measured?.waitBeforeStart).toEqual({ p50: 6, p85: 7, p95: 7 });
  });

  it('nets arrivals against completions week by week', () => {
    expect(queue?.weeks.map((w) => [w.start, w.arrivals, w.completions, w.net])).toEqual([
      ['2026-01-01', 2, 1, 1],
      ['2026-01-08', 1, 2, -1],
      ['2026-01-15', 2, 0, 2],
      ['2026-01-22', 0, 2, -2],
    ]);
    expect(queue?.growingWeeks).toBe(1);
    expect(queue?.backlogGrowing).toBe(false);
  });

  it('cross-checks with Little\u2019s law', () => {
    // Open at the end of each day: 4 + 10 + 20 + 5 + 14 + 10 = 63 request-days over 28 days.
    // λ = 5 ÷ 28 a day, W = 61 ÷ 5 = 12.2 days, λW = 2.18.
    expect(queue?.littlesLaw).toEqual({
      averageWip: 2.25,
      arrivalsPerDay: 0.179,
      meanLeadTime: 12.2,
      predictedWip: 2.18,
    });
  });

  it('shares the arrivals among the requesting teams, and points to no remedy here', () => {
    expect(queue?.requesters).toEqual([
      { team: 'group:default/a', share: 0.6 },
      { team: 'group:default/b', share: 0.2 },
      { team: 'group:default/c', share: 0.2 },
    ]);
    expect(queue?.remedies).toEqual([]);
    expect(queueWaits(analyzeQueues(catalog, requests, WINDOW))).toEqual(new Map([[P, 20]]));
  });
});

describe('flow: throughput, aging work in progress, forecast', () => {
  it('measures the hand-computed queue: it drains no faster than it fills', () => {
    const requests = [
      request('a', '2026-01-01', '2026-01-11'),
      request('a', '2026-01-02', '2026-01-22'),
      request('b', '2026-01-08', '2026-01-13'),
      request('a', '2026-01-15'),
      request('c', '2026-01-16', '2026-01-26'),
      request('a', '2025-12-20', '2026-01-05'),
    ];
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    // 5 done in 4 weeks; 5 arrived: nothing drains.
    expect(queue?.throughput).toBe(1.25);
    expect(queue?.forecast).toEqual({ weeksOfWork: 0.8, weeksToClear: null, drainPerWeek: 0 });
    // Open from 15 January noon to the window's last second: 13.5 days, under the p85 of 20.
    expect(queue?.aging).toEqual({
      open: 1,
      overP85: 0,
      oldest: [
        {
          tracker: 'csv',
          id: requests[3]?.id,
          requester: 'group:default/a',
          ageDays: 13.5,
          started: false,
          overP85: false,
        },
      ],
    });
  });

  it('forecasts a draining queue and flags the open requests older than the p85 lead time', () => {
    const requests = [
      request('a', '2025-12-20', '2026-01-05'), // 16 days
      request('a', '2025-12-22', '2026-01-10'), // 19
      request('b', '2025-12-28', '2026-01-12'), // 15
      request('b', '2025-12-30', '2026-01-20'), // 21: the p85, rank ⌈3.4⌉ = 4
      request('a', '2026-01-02'), // open 26.5 days
      request('b', '2026-01-27', undefined, '2026-01-27'), // open 1.5 days, started
    ];
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    expect(queue?.leadTime.p85).toBe(21);
    // 4 done and 2 arrived in 4 weeks: drains half a request a week; 2 open.
    expect(queue?.throughput).toBe(1);
    expect(queue?.forecast).toEqual({ weeksOfWork: 2, weeksToClear: 4, drainPerWeek: 0.5 });
    expect(queue?.aging.open).toBe(2);
    expect(queue?.aging.overP85).toBe(1);
    expect(queue?.aging.oldest.map((r) => [r.ageDays, r.started, r.overP85])).toEqual([
      [26.5, false, true],
      [1.5, true, false],
    ]);
  });

  it('agrees with the queue’s own counts on any queue', () => {
    const dayOf = (offset: number) =>
      new Date(Date.parse('2026-01-01T12:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            created: fc.integer({ min: -30, max: 40 }),
            lead: fc.option(fc.integer({ min: 0, max: 40 })),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const requests = rows.map((r) =>
            request('a', dayOf(r.created), r.lead === null ? undefined : dayOf(r.created + r.lead)),
          );
          const [queue] = analyzeQueues(catalog, requests, WINDOW);
          if (queue === undefined) return;
          expect(queue.aging.open).toBe(queue.wip);
          expect(queue.aging.oldest.length).toBe(Math.min(queue.wip, AGING_LISTED));
          const ages = queue.aging.oldest.map((r) => r.ageDays);
          expect(ages).toEqual([...ages].sort((a, b) => b - a));
          const p85 = queue.leadTime.p85;
          expect(queue.aging.overP85).toBe(
            p85 === null ? 0 : queue.aging.oldest.filter((r) => r.ageDays > p85).length,
          );
          // Rounded to one decimal: 0.05 at most off.
          expect(Math.abs(queue.throughput - queue.completions / 4)).toBeLessThanOrEqual(
            0.05 + 1e-9,
          );
          if (queue.wip > 0)
            expect(queue.forecast.weeksToClear === null).toBe(queue.completions <= queue.arrivals);
        },
      ),
    );
  });
});

describe('remedies', () => {
  it('points a breached queue that many teams ask of to self-service', () => {
    const requests = ['a', 'b', 'c', 'd'].map((t) => request(t, '2026-01-02', '2026-01-25'));
    expect(analyzeQueues(catalog, requests, WINDOW)[0]?.remedies.map((r) => r.kind)).toEqual([
      'self-service',
    ]);
  });

  it('points a queue one team dominates to embedding', () => {
    const requests = [
      request('a', '2026-01-02', '2026-01-04'),
      request('a', '2026-01-03', '2026-01-05'),
      request('b', '2026-01-04', '2026-01-06'),
    ];
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    expect(queue?.remedies.map((r) => r.kind)).toEqual(['embed']);
    expect(queue?.remedies[0]?.why).toContain('67 %');
  });

  it('does not point a team that mostly asks itself to embedding in itself', () => {
    const requests = [
      request('p', '2026-01-02', '2026-01-04'),
      request('p', '2026-01-03', '2026-01-05'),
      request('b', '2026-01-04', '2026-01-06'),
    ];
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    expect(queue?.requesters[0]).toEqual({ team: P, share: 0.667 });
    expect(queue?.remedies).toEqual([]);
  });

  it('does not point to embedding in a group with nobody in it, such as everyone outside', () => {
    const requests = ['2026-01-02', '2026-01-03', '2026-01-04'].map((d) =>
      request('community', d, '2026-01-06'),
    );
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    expect(queue?.requesters).toEqual([{ team: 'group:default/community', share: 1 }]);
    expect(queue?.remedies).toEqual([]);
  });

  it('calls a queue unstable after four weeks of arrivals above completions', () => {
    const requests = ['2026-01-02', '2026-01-09', '2026-01-16', '2026-01-23'].map((d, i) =>
      request(`t${i % 2}`, d),
    );
    const [queue] = analyzeQueues(catalog, requests, WINDOW);
    expect(queue?.growingWeeks).toBe(4);
    expect(queue?.remedies.map((r) => r.kind)).toContain('unstable');
  });
});

describe('nearestRank', () => {
  it.each([
    [[], 50, null],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 51, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 85, 9],
  ])('of %j at p%i is %j', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});
