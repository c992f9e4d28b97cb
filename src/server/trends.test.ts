import { beforeAll, describe, expect, it } from 'vitest';
import { DriftNeeds, type DriftWeek } from '../analysis/index.js';
import { DEMO_CATALOG, DEMO_END_DATE } from '../demo/index.js';
import { readCatalogFiles } from '../ingest/index.js';
import { type Catalog, loadCatalog } from '../model/index.js';
import { createDb, createStore, migrateToLatest } from '../store/index.js';
import {
  buildReport,
  type DriftReport,
  type DriftReportAlert,
  type Report,
} from '../usecases/index.js';
import type { Overview, TeamPage, TrendsView } from './api-types.js';
import { createApp } from './app.js';
import { createAuthorizer } from './auth.js';
import { Radiator } from './radiator.js';
import { reorgWeeks } from './trends.js';

// The radiator's drift views over a hand-made series: four weeks of the demo organisation,
// a reorganisation in the third, and one alert of each kind the views sort.
const WEB = 'group:default/web-storefront';
const MOBILE = 'group:default/mobile-app';
const BILLING = 'group:default/billing-integration';

function week(n: number, over: Partial<DriftWeek> = {}): DriftWeek {
  const day = (d: number) => `2026-09-${String(d).padStart(2, '0')}`;
  return {
    week: `2026-W${36 + n}`,
    since: day(7 * n + 1),
    until: day(7 * n + 7),
    commits: 40 + n,
    congruence: { weighted: 0.9 - n / 10, unweighted: 0.8 },
    congruenceChange: n === 0 ? null : { work: -0.04, wiring: -0.06 },
    unwiredWeight: 2 + n,
    needs: DriftNeeds.of([
      { teams: [MOBILE, WEB], weight: 2 + n, components: ['component:default/checkout-api'] },
    ]),
    partners: [
      { team: WEB, teams: 1 + n },
      { team: MOBILE, teams: 1 },
    ],
    crossTeamCoupling: n,
    ownerShare: 0.8,
    coverage: 0.95,
    teamSizes: [
      { team: WEB, members: 6 + n },
      { team: BILLING, members: 4 },
    ],
    headcount: 40,
    idleInteractions: [],
    queues: [{ team: BILLING, p85: 20 + n, breachRate: 0.5, netFlow: -1, promise: 14 }],
    catalogCommit: null,
    multiTeamPeople: [],
    ...over,
  };
}

function alert(over: Partial<DriftReportAlert>): DriftReportAlert {
  return {
    rule: 'measure-shift',
    start: '2026-W38',
    end: null,
    teams: [MOBILE, WEB],
    components: ['component:default/checkout-api'],
    measure: 'unwiredWeight',
    value: 4,
    baseline: 1,
    level: 'alert',
    evidence: 'Unwired need weight rose to 4 in 2026-W38, from a median of 1.',
    bets: [],
    ...over,
  };
}

const SERIES: DriftWeek[] = [
  week(0),
  week(1, { catalogCommit: 'aaa111' }),
  week(2, { catalogCommit: 'bbb222' }),
  week(3, { catalogCommit: 'bbb222' }),
];
const ALERTS: DriftReportAlert[] = [
  alert({ rule: 'team-size', start: '2026-W36', level: 'watch', teams: [BILLING], components: [] }),
  alert({ rule: 'idle-interaction', start: '2026-W37', end: '2026-W38', teams: [BILLING, WEB] }),
  alert({ bets: ['bet:default/guest-checkout-first'] }),
  alert({ rule: 'queue-over-promise', start: '2026-W39', teams: [BILLING], components: [] }),
];
const DRIFT: DriftReport = {
  weeks: 4,
  series: SERIES,
  months: [],
  alerts: ALERTS,
  backtest: [{ rule: 'measure-shift', alerts: 1 }],
};

let catalog: Catalog;
let report: Report;

function appWith(drift: DriftReport | undefined, measuring = false) {
  const radiator = new Radiator({
    title: 'Trailhead Outfitters',
    catalog,
    report,
    today: DEMO_END_DATE,
    checkins: [],
    readings: [],
    learnings: [],
    ...(drift ? { drift } : {}),
    measuring,
  });
  return createApp({
    radiator,
    records: {} as never,
    auth: createAuthorizer({ tokens: async () => [] }),
  });
}

async function get<T>(app: ReturnType<typeof createApp>, path: string) {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  ({ catalog } = loadCatalog(await readCatalogFiles(DEMO_CATALOG)));
  const db = createDb({ dialect: 'sqlite', file: ':memory:' });
  await migrateToLatest(db);
  // The drift views need no history: the series is given.
  report = await buildReport(createStore(db), catalog, [], { today: DEMO_END_DATE });
});

describe('GET /api/trends', () => {
  it('sends the series trimmed to what the page draws, the reorg weeks, labelled alerts and the backtest', async () => {
    const { status, body } = await get<TrendsView>(appWith(DRIFT), '/api/trends');
    expect(status).toBe(200);
    expect(body.weeks).toBe(4);
    expect(body.series.map((w) => w.week)).toEqual([
      '2026-W36',
      '2026-W37',
      '2026-W38',
      '2026-W39',
    ]);
    expect(Object.keys(body.series[1] ?? {}).sort()).toEqual(
      [
        'catalogCommit',
        'commits',
        'congruence',
        'congruenceChange',
        'coverage',
        'crossTeamCoupling',
        'headcount',
        'ownerShare',
        'since',
        'unwiredWeight',
        'until',
        'week',
      ].sort(),
    );
    expect(body.series[1]?.congruenceChange).toEqual({ work: -0.04, wiring: -0.06 });
    // W37 follows today's catalog (null): no change; W38 has a new version; W39 keeps it.
    expect(body.reorgs).toEqual([{ week: '2026-W38', catalogCommit: 'bbb222', before: 'aaa111' }]);
    expect(body.backtest).toEqual([{ rule: 'measure-shift', alerts: 1 }]);
  });

  it('lists holding alerts first (alerts before watches, newest first), then the past, each with its teams and components named', async () => {
    const { body } = await get<TrendsView>(appWith(DRIFT), '/api/trends');
    expect(body.alerts.map((a) => [a.rule, a.level, a.end])).toEqual([
      ['queue-over-promise', 'alert', null],
      ['measure-shift', 'alert', null],
      ['team-size', 'watch', null],
      ['idle-interaction', 'alert', '2026-W38'],
    ]);
    expect(body.alerts.map((a) => a.id)).toEqual([3, 2, 0, 1]);
    const shift = body.alerts[1];
    expect(shift?.teams.map((t) => t.label)).toEqual(['Mobile App', 'Web Storefront']);
    expect(shift?.components).toEqual([
      {
        ref: 'component:default/checkout-api',
        kind: 'component',
        name: 'checkout-api',
        label: 'Checkout API',
      },
    ]);
    expect(shift?.evidence).toMatch(/rose to 4/);
    expect(shift?.bets.map((b) => [b.ref, b.label])).toEqual([
      ['bet:default/guest-checkout-first', 'Guest checkout first'],
    ]);
  });

  it('answers an empty series with no drift (no commits)', async () => {
    const { status, body } = await get<TrendsView>(appWith(undefined), '/api/trends');
    expect(status).toBe(200);
    expect(body).toEqual({
      weeks: 0,
      measuring: false,
      series: [],
      reorgs: [],
      catalogChanges: 0,
      alerts: [],
      backtest: [],
    });
  });
});

describe('drift on the overview and team pages', () => {
  it('lists on the overview only the alerts still active at the last week', async () => {
    const { body } = await get<Overview>(appWith(DRIFT), '/api/overview');
    expect(body.drift.lastWeek).toBe('2026-W39');
    expect(body.drift.active.map((a) => a.rule)).toEqual(['queue-over-promise', 'measure-shift']);
    expect(body.drift).toMatchObject({ watches: 1, past: 1 });
    const none = await get<Overview>(appWith(undefined), '/api/overview');
    expect(none.body.drift).toEqual({
      lastWeek: null,
      measuring: false,
      active: [],
      watches: 0,
      past: 0,
    });
  });

  it('gives a team its own series: partners, size, queue p85, and the alerts that name it', async () => {
    const app = appWith(DRIFT);
    const web = (await get<TeamPage>(app, '/api/teams/default/web-storefront')).body.trend;
    expect(web.weeks.map((w) => [w.week, w.partners, w.members, w.queueP85])).toEqual([
      ['2026-W36', 1, 6, null],
      ['2026-W37', 2, 7, null],
      ['2026-W38', 3, 8, null],
      ['2026-W39', 4, 9, null],
    ]);
    expect(web.provides).toBe(false);
    expect(web.alerts.map((a) => a.rule)).toEqual(['measure-shift', 'idle-interaction']);
    expect(web.reorgs.map((r) => r.week)).toEqual(['2026-W38']);

    const billing = (await get<TeamPage>(app, '/api/teams/default/billing-integration')).body.trend;
    expect(billing).toMatchObject({ provides: true, promise: 14 });
    expect(billing.weeks.map((w) => [w.partners, w.members, w.queueP85])).toEqual([
      [0, 4, 20],
      [0, 4, 21],
      [0, 4, 22],
      [0, 4, 23],
    ]);
    expect(billing.alerts.map((a) => a.rule)).toEqual([
      'queue-over-promise',
      'team-size',
      'idle-interaction',
    ]);
  });

  it('gives a team no series without drift', async () => {
    const { body } = await get<TeamPage>(appWith(undefined), '/api/teams/default/platform');
    expect(body.trend).toEqual({
      weeks: [],
      measuring: false,
      provides: false,
      promise: null,
      reorgs: [],
      alerts: [],
    });
  });
});

describe('while the history is measured in the background', () => {
  it('says so on the Trends page, the overview and each team page, and shows no series yet', async () => {
    const app = appWith(undefined, true);
    const trends = (await get<TrendsView>(app, '/api/trends')).body;
    expect(trends).toMatchObject({ measuring: true, series: [], alerts: [] });
    const overview = (await get<Overview>(app, '/api/overview')).body;
    expect(overview.drift).toMatchObject({ measuring: true, lastWeek: null, active: [] });
    const team = (await get<TeamPage>(app, '/api/teams/default/platform')).body;
    expect(team.trend).toMatchObject({ measuring: true, weeks: [] });
    // Measured, it says so no more.
    expect((await get<TrendsView>(appWith(DRIFT), '/api/trends')).body.measuring).toBe(false);
  });
});

describe('reorgWeeks', () => {
  const same = { congruenceChange: { work: 0.1, wiring: 0 } };
  it('marks a new catalog version only where it changed what the week measures', () => {
    const sized = (members: number) => [{ team: WEB, members }];
    const series = [
      week(0, { catalogCommit: 'a', teamSizes: sized(6) }),
      // A new version that moved nobody the work shows: counted, not marked.
      week(1, { ...same, catalogCommit: 'b', teamSizes: sized(6) }),
      // One that rewired the work: marked.
      week(2, { catalogCommit: 'c', teamSizes: sized(6) }),
      // One that changed a team's size only: marked.
      week(3, { ...same, catalogCommit: 'd', teamSizes: sized(7) }),
      // No new version: nothing, whatever moved.
      week(4, { catalogCommit: 'd', teamSizes: sized(9) }),
    ];
    expect(reorgWeeks(series)).toEqual({
      reorgs: [
        { week: '2026-W38', catalogCommit: 'c', before: 'b' },
        { week: '2026-W39', catalogCommit: 'd', before: 'c' },
      ],
      changes: 3,
    });
  });
});
