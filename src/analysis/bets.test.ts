import { describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../model/index.js';
import { analyzeBets, feasibility, independence, quadrant } from './bets.js';
import type { CoordinationNeed } from './coordination.js';
import { parseDay } from './window.js';

// Eight teams under one engineering department, one person each (uma is in data and
// search). Web declares it uses payments as a service, and collaborated with search
// until January 2026, which is before the window below: web–search is not wired.
const ORG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: engineering}
spec: {type: department, children: [web, payments, search, data, mobile, platform, stores, finance]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec:
  type: team
  children: []
  interactions:
    - {with: payments, mode: x-as-a-service}
    - {with: search, mode: collaboration, until: '2026-01-31'}
${['payments', 'search', 'data', 'mobile', 'platform', 'stores', 'finance']
  .map(
    (team) => `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ${team}}
spec: {type: team, children: []}
`,
  )
  .join('')}${[
  ['wendy', 'web'],
  ['paul', 'payments'],
  ['sam', 'search'],
  ['dana', 'data'],
  ['mo', 'mobile'],
  ['pia', 'platform'],
  ['stu', 'stores'],
  ['fay', 'finance'],
  ['uma', 'data, search'],
]
  .map(
    ([user, teams]) => `---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ${user}}
spec: {memberOf: [${teams}]}
`,
  )
  .join('')}`;

// Who owns what. The commerce system's parts belong to web, payments and stores; the
// notebook belongs to a person, uma; the design system to the department.
const COMPONENTS = `${[
  ['web-shop', 'web'],
  ['checkout-api', 'web'],
  ['payment-gateway', 'payments'],
  ['search-index', 'search'],
  ['recommender', 'data'],
  ['app-shell', 'mobile'],
  ['cluster', 'platform'],
  ['pos', 'stores'],
  ['ledger', 'finance'],
  ['design-system', 'engineering'],
  ['notebook', 'user:uma'],
]
  .map(
    ([name, owner]) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ${name}}
spec: {type: service, lifecycle: production, owner: ${owner}}
---
`,
  )
  .join('')}apiVersion: backstage.io/v1alpha1
kind: System
metadata: {name: commerce}
spec: {owner: platform}
${[
  ['cart', 'web'],
  ['billing', 'payments'],
  ['stock', 'stores'],
]
  .map(
    ([name, owner]) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ${name}}
spec: {type: service, lifecycle: production, owner: ${owner}, system: commerce}
`,
  )
  .join('')}`;

// conversion is served only through its children; stock-accuracy has no target and only
// a proposed bet; phantom-stock has no metric and no active bet.
const GOALS = `apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: conversion}
spec: {metric: {name: Conversion, baseline: 2.0, target: 2.5}, accountable: wendy}
---
apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: checkout-completion}
spec: {metric: {name: Completion, baseline: 58, target: 66}, accountable: wendy, parent: conversion}
---
apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: app-conversion}
spec: {metric: {name: App conversion, baseline: 1.6, target: 2.2}, accountable: mo, parent: conversion}
---
apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: stock-accuracy}
spec: {metric: {name: Stock accuracy, baseline: 91}, accountable: stu}
---
apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata: {name: phantom-stock}
spec: {accountable: stu, parent: stock-accuracy}
`;

interface BetDoc {
  name: string;
  status: string;
  responsible: string[];
  needs?: string[];
  goal?: string;
  shot?: string;
  decideBy?: string;
  outcome?: number;
}

const bet = (b: BetDoc): string => `apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata: {name: ${b.name}}
spec:
  status: ${b.status}
  accountable: wendy
  responsible: [${b.responsible.join(', ')}]
${b.needs ? `  needs: [${b.needs.join(', ')}]\n` : ''}${b.goal ? `  goal: ${b.goal}\n` : ''}${
  b.shot ? `  shot: {${b.shot}}\n` : ''
}${b.decideBy ? `  decideBy: '${b.decideBy}'\n` : ''}${
  b.outcome === undefined ? '' : `  outcome: {value: ${b.outcome}}\n`
}`;

function load(bets: readonly BetDoc[]): Catalog {
  const { catalog, problems } = loadCatalog([
    { path: 'org.yaml', text: ORG },
    { path: 'components.yaml', text: COMPONENTS },
    { path: 'goals.yaml', text: GOALS },
    { path: 'bets.yaml', text: bets.map(bet).join('---\n') },
  ]);
  expect(problems).toEqual([]);
  return catalog;
}

const team = (name: string) => `group:default/${name}`;
const betRef = (name: string) => `bet:default/${name}`;
const goalRef = (name: string) => `goal:default/${name}`;
const TODAY = '2026-10-30';
const WINDOW = {
  since: parseDay('2026-08-01') as number,
  until: parseDay('2026-10-30', true) as number,
};

// The board: each bet with its hand-worked figures next to it.
const BOARD: BetDoc[] = [
  // All its needs are web's own: no handoff, feasibility 1. Impact |62 − 58| / |66 − 58|
  // = 4/8 = 0.5 → quick win (0.5 is on the upper side of the split).
  {
    name: 'solo',
    status: 'active',
    responsible: ['web'],
    needs: ['web-shop', 'checkout-api'],
    goal: 'checkout-completion',
    shot: 'from: 58, to: 62',
    decideBy: '2026-12-01',
  },
  // payments (wired by web's x-as-a-service) and search (collaboration ended in January):
  // 0.85 × 0.7 = 0.595, light. Impact 2/8 = 0.25 → fill-in. Decide-by is today: not overdue.
  {
    name: 'pay-and-search',
    status: 'active',
    responsible: ['web'],
    needs: ['checkout-api', 'payment-gateway', 'search-index'],
    goal: 'checkout-completion',
    shot: 'from: 58, to: 60',
    decideBy: TODAY,
  },
  // The commerce system means its parts' owners, web, payments and stores (not platform,
  // which owns the system itself): 0.85 (payments) × 0.7 (stores) = 0.595. Impact 8/8 = 1
  // → quick win. Decide-by was yesterday: overdue.
  {
    name: 'commerce-system',
    status: 'active',
    responsible: ['web'],
    needs: ['system:commerce'],
    goal: 'checkout-completion',
    shot: 'from: 58, to: 66',
    decideBy: '2026-10-29',
  },
  // The notebook is uma's, so it counts as data and search; search is responsible, data is
  // one unwired handoff: 0.7. The goal has no target: impact null. Proposed and overdue.
  {
    name: 'user-owned',
    status: 'proposed',
    responsible: ['search'],
    needs: ['notebook'],
    goal: 'stock-accuracy',
    shot: 'from: 91, to: 93',
    decideBy: '2026-10-01',
  },
  // Six teams outside web, none wired: 0.7^6 = 0.117649 → 0.118, a checkbox project.
  // Impact |2.0 − 1.6| / |2.2 − 1.6| = 0.4/0.6 = 0.667 → big bet.
  {
    name: 'checkbox',
    status: 'active',
    responsible: ['web'],
    needs: ['search-index', 'recommender', 'app-shell', 'cluster', 'pos', 'ledger'],
    goal: 'app-conversion',
    shot: 'from: 1.6, to: 2.0',
    decideBy: '2027-03-31',
  },
  // Three unwired handoffs: 0.7³ = 0.343, heavy. Impact 1/8 = 0.125 → money pit.
  {
    name: 'money-pit',
    status: 'active',
    responsible: ['mobile'],
    needs: ['recommender', 'cluster', 'ledger'],
    goal: 'checkout-completion',
    shot: 'from: 58, to: 59',
    decideBy: '2027-01-15',
  },
  // |70 − 50| / 8 = 2.5, capped at 1; no needs: feasibility 1 → quick win. Lost, so not
  // overdue although its decide-by date is long past.
  {
    name: 'big-swing',
    status: 'lost',
    responsible: ['web'],
    goal: 'checkout-completion',
    shot: 'from: 50, to: 70',
    decideBy: '2026-09-01',
    outcome: 57,
  },
  // No goal, and a goal without a metric: impact null, no quadrant.
  { name: 'no-goal', status: 'proposed', responsible: ['web'], shot: 'from: 1, to: 2' },
  {
    name: 'phantom-probe',
    status: 'proposed',
    responsible: ['stores'],
    needs: ['pos'],
    goal: 'phantom-stock',
    shot: 'from: 4.8, to: 3',
  },
  // The design system is the department's, web's parent: wired by the group tree, 0.85.
  { name: 'design-refresh', status: 'proposed', responsible: ['web'], needs: ['design-system'] },
];

const board = load(BOARD);
const report = analyzeBets(board, { today: TODAY, window: WINDOW });
const of = (name: string) => {
  const found = report.bets.find((b) => b.name === name);
  if (!found) throw new Error(`no bet ${name}`);
  return found;
};

describe('independence, feasibility and quadrant', () => {
  it.each([
    [0, 'independent'],
    [1, 'light'],
    [2, 'light'],
    [3, 'heavy'],
    [5, 'heavy'],
    [6, 'checkbox'],
    [11, 'checkbox'],
  ] as const)('calls %i handoffs %s', (handoffs, expected) => {
    expect(independence(handoffs)).toBe(expected);
  });

  it('scores no handoff 1, a wired one 0.85, an unwired one 0.7', () => {
    expect(feasibility([])).toBe(1);
    expect(feasibility([{ team: 'a', wired: true, waitDays: null }])).toBe(0.85);
    expect(feasibility([{ team: 'a', wired: false, waitDays: null }])).toBe(0.7);
  });

  it.each([
    [0, 0.85], // 1 − 0/90 = 1
    [18, 0.68], // 0.85 × (1 − 18/90 = 0.8)
    [45, 0.425], // 0.85 × max(0.5, 1 − 45/90 = 0.5)
    [120, 0.425], // 0.85 × max(0.5, 1 − 120/90 < 0) = 0.85 × 0.5
  ])('multiplies a wired handoff with a %i-day wait to %f', (waitDays, expected) => {
    expect(feasibility([{ team: 'a', wired: true, waitDays }])).toBe(expected);
  });

  it.each([
    [0.5, 0.5, 'quick win'],
    [1, 0.49, 'big bet'],
    [0.49, 0.5, 'fill-in'],
    [0.49, 0.49, 'money pit'],
    [null, 1, null],
  ] as const)('puts impact %s and feasibility %f in %s', (impact, feasible, expected) => {
    expect(quadrant(impact, feasible)).toBe(expected);
  });
});

describe('analyzeBets: the teams a bet needs', () => {
  it('finds a bet whose needs its own team owns independent, feasibility 1', () => {
    expect(of('solo')).toMatchObject({
      teamsNeeded: [team('web')],
      external: [],
      handoffs: 0,
      independence: 'independent',
      feasibility: 1,
    });
  });

  it('scores a wired and an unwired handoff 0.85 × 0.7 = 0.595', () => {
    expect(of('pay-and-search')).toMatchObject({
      teamsNeeded: [team('payments'), team('search'), team('web')],
      external: [
        { team: team('payments'), wired: true, waitDays: null },
        { team: team('search'), wired: false, waitDays: null },
      ],
      handoffs: 2,
      independence: 'light',
      feasibility: 0.595,
    });
  });

  it("counts a System as its components' owners", () => {
    expect(of('commerce-system')).toMatchObject({
      teamsNeeded: [team('payments'), team('stores'), team('web')],
      external: [
        { team: team('payments'), wired: true },
        { team: team('stores'), wired: false },
      ],
      handoffs: 2,
      feasibility: 0.595,
    });
  });

  it("counts a component a person owns as that person's teams", () => {
    expect(of('user-owned')).toMatchObject({
      teamsNeeded: [team('data'), team('search')],
      external: [{ team: team('data'), wired: false, waitDays: null }],
      handoffs: 1,
      independence: 'light',
      feasibility: 0.7,
    });
  });

  it('calls six unwired handoffs a checkbox project, 0.7^6 = 0.118', () => {
    const checkbox = of('checkbox');
    expect(checkbox.external.map((e) => [e.team, e.wired])).toEqual(
      ['data', 'finance', 'mobile', 'platform', 'search', 'stores'].map((t) => [team(t), false]),
    );
    expect(checkbox).toMatchObject({ handoffs: 6, independence: 'checkbox', feasibility: 0.118 });
  });

  it('scores three unwired handoffs 0.7³ = 0.343, heavy', () => {
    expect(of('money-pit')).toMatchObject({
      handoffs: 3,
      independence: 'heavy',
      feasibility: 0.343,
    });
  });

  it('counts the group tree as wiring', () => {
    expect(of('design-refresh')).toMatchObject({
      external: [{ team: team('engineering'), wired: true }],
      feasibility: 0.85,
    });
  });

  it('wires web and search when the window reaches back to their collaboration', () => {
    const january = {
      since: parseDay('2026-01-01') as number,
      until: parseDay('2026-03-31', true) as number,
    };
    const earlier = analyzeBets(board, { today: TODAY, window: january });
    const bet = earlier.bets.find((b) => b.name === 'pay-and-search');
    expect(bet?.external.map((e) => [e.team, e.wired])).toEqual([
      [team('payments'), true],
      [team('search'), true],
    ]);
  });

  it("multiplies in a team's known wait: 0.7 × max(0.5, 1 − 45/90) = 0.35", () => {
    const waits = new Map([
      [team('data'), 45],
      // search is responsible for user-owned (no handoff there) but external to pay-and-search
      [team('search'), 18],
    ]);
    const waited = analyzeBets(board, { today: TODAY, window: WINDOW, waits });
    const bet = waited.bets.find((b) => b.name === 'user-owned');
    expect(bet).toMatchObject({
      external: [{ team: team('data'), wired: false, waitDays: 45 }],
      feasibility: 0.35,
    });
    // pay-and-search: payments has no known wait, search 18 days → 0.85 × 0.7 × (1 − 18/90)
    // = 0.595 × 0.8 = 0.476.
    expect(waited.bets.find((b) => b.name === 'pay-and-search')).toMatchObject({
      external: [
        { team: team('payments'), waitDays: null },
        { team: team('search'), waitDays: 18 },
      ],
      feasibility: 0.476,
    });
  });
});

describe('analyzeBets: impact and quadrant', () => {
  it.each([
    ['solo', 0.5, 'quick win'],
    ['pay-and-search', 0.25, 'fill-in'],
    ['commerce-system', 1, 'quick win'],
    ['checkbox', 0.667, 'big bet'],
    ['money-pit', 0.125, 'money pit'],
    ['big-swing', 1, 'quick win'],
  ] as const)('gives %s impact %f, %s', (name, impact, expected) => {
    expect(of(name)).toMatchObject({ impact, quadrant: expected });
  });

  it.each([
    ['user-owned', 'its goal has no target'],
    ['no-goal', 'it has no goal'],
    ['phantom-probe', 'its goal has no metric'],
  ])('leaves %s without impact or quadrant: %s', (name) => {
    expect(of(name)).toMatchObject({ impact: null, quadrant: null });
  });
});

describe('analyzeBets: the review queue', () => {
  it('lists active and proposed bets past their decide-by date, not one due today or decided', () => {
    expect(report.review.overdue).toEqual([betRef('commerce-system'), betRef('user-owned')]);
    expect(of('pay-and-search').overdue).toBe(false);
    expect(of('big-swing').overdue).toBe(false);
  });

  it('counts a goal as served through an active bet on a goal below it', () => {
    // conversion has no bet of its own; checkout-completion and app-conversion have active
    // ones. stock-accuracy has only a proposed bet, phantom-stock (below it) none active.
    expect(report.review.goalsWithoutActiveBet).toEqual([
      goalRef('stock-accuracy'),
      goalRef('phantom-stock'),
    ]);
  });

  it('cannot tell stalled bets without history', () => {
    expect(report.review.stalled).toBeNull();
  });

  it('lists active bets none of whose needed components changed', () => {
    // solo needs web-shop (changed); commerce-system needs the commerce system, whose
    // billing changed. The other active bets, pay-and-search, checkbox and money-pit,
    // touched nothing.
    const changed = new Set(['component:default/web-shop', 'component:default/billing']);
    const withHistory = analyzeBets(board, { today: TODAY, window: WINDOW, changed });
    expect(withHistory.review.stalled).toEqual([
      betRef('pay-and-search'),
      betRef('checkbox'),
      betRef('money-pit'),
    ]);
  });

  it('lists every active bet as stalled when nothing changed', () => {
    const still = analyzeBets(board, { today: TODAY, window: WINDOW, changed: new Set() });
    expect(still.review.stalled).toEqual(
      ['solo', 'pay-and-search', 'commerce-system', 'checkbox', 'money-pit'].map(betRef),
    );
  });
});

describe('analyzeBets: unwired needs', () => {
  const need = (a: string, b: string, weight: number, wired: boolean): CoordinationNeed => ({
    teams: [team(a), team(b)],
    sharedWork: weight,
    coupledWork: 0,
    weight,
    wired,
    via: wired ? 'collaboration' : null,
    components: [],
  });

  it('keeps the unwired needs among the teams a bet involves', () => {
    const needs = [
      need('search', 'web', 4, false), // both involved, unwired: kept
      need('data', 'web', 3, false), // data is not involved in pay-and-search
      need('payments', 'web', 6, true), // wired
      need('payments', 'search', 2, false), // both involved, though neither is responsible
    ];
    const withNeeds = analyzeBets(board, { today: TODAY, window: WINDOW, needs });
    const bet = withNeeds.bets.find((b) => b.name === 'pay-and-search');
    expect(bet?.unwiredNeeds).toEqual([
      { teams: [team('search'), team('web')], weight: 4 },
      { teams: [team('payments'), team('search')], weight: 2 },
    ]);
    expect(withNeeds.bets.find((b) => b.name === 'solo')?.unwiredNeeds).toEqual([]);
  });

  it('has none without history', () => {
    expect(report.bets.every((b) => b.unwiredNeeds.length === 0)).toBe(true);
  });
});

describe('analyzeBets: calibration', () => {
  // Decided with an outcome and a shot from/to:
  //   hit-up       web            10 → 20, confidence 0.8, outcome 22: hit   (0.8 − 1)² = 0.04
  //   miss-up      web, payments  10 → 20, confidence 0.6, outcome 15: miss  (0.6 − 0)² = 0.36
  //   hit-down     payments       14 → 12, confidence 0.5, outcome 12: hit   (0.5 − 1)² = 0.25
  //   miss-down    search         22 → 12, no confidence,  outcome 17: miss (17 > 12)
  // Not decided, or not measurable: an active bet with an outcome, a killed bet without
  // one, a won bet whose shot has no `to`.
  // Overall: decided 4, hits 2, rate 0.5, Brier (0.04 + 0.36 + 0.25) / 3 = 0.2167 → 0.217.
  // payments: hits 1 of 2 (miss-up, hit-down), Brier (0.36 + 0.25) / 2 = 0.305.
  // search:   hits 0 of 1, no confidence, Brier null.
  // stores:   nothing decided: rate and Brier null.
  // web:      hits 1 of 2 (hit-up, miss-up), Brier (0.04 + 0.36) / 2 = 0.2.
  const CALIBRATION: BetDoc[] = [
    {
      name: 'hit-up',
      status: 'won',
      responsible: ['web'],
      shot: 'from: 10, to: 20, confidence: 0.8',
      outcome: 22,
    },
    {
      name: 'miss-up',
      status: 'lost',
      responsible: ['web', 'payments'],
      shot: 'from: 10, to: 20, confidence: 0.6',
      outcome: 15,
    },
    {
      name: 'hit-down',
      status: 'won',
      responsible: ['payments'],
      shot: 'from: 14, to: 12, confidence: 0.5',
      outcome: 12,
    },
    {
      name: 'miss-down',
      status: 'inconclusive',
      responsible: ['search'],
      shot: 'from: 22, to: 12',
      outcome: 17,
    },
    {
      name: 'still-active',
      status: 'active',
      responsible: ['web'],
      shot: 'from: 10, to: 20, confidence: 0.9',
      outcome: 25,
    },
    {
      name: 'killed-early',
      status: 'killed',
      responsible: ['stores'],
      shot: 'from: 10, to: 20, confidence: 0.9',
    },
    {
      name: 'no-target',
      status: 'won',
      responsible: ['web'],
      shot: 'from: 10, confidence: 0.9',
      outcome: 30,
    },
  ];
  const calibration = analyzeBets(load(CALIBRATION), { today: TODAY, window: WINDOW }).calibration;

  it('counts hits on rising and falling shots, the hit rate and the Brier score', () => {
    expect(calibration).toMatchObject({ decided: 4, hits: 2, rate: 0.5, brier: 0.217 });
  });

  it('calibrates each responsible team on the bets it shared', () => {
    expect(calibration.teams).toEqual([
      { team: team('payments'), decided: 2, hits: 1, rate: 0.5, brier: 0.305 },
      { team: team('search'), decided: 1, hits: 0, rate: 0, brier: null },
      { team: team('stores'), decided: 0, hits: 0, rate: null, brier: null },
      { team: team('web'), decided: 2, hits: 1, rate: 0.5, brier: 0.2 },
    ]);
  });

  it('has nothing to calibrate before any bet is decided', () => {
    const active = CALIBRATION.filter((b) => b.status === 'active');
    expect(analyzeBets(load(active), { today: TODAY, window: WINDOW }).calibration).toEqual({
      decided: 0,
      hits: 0,
      rate: null,
      brier: null,
      teams: [{ team: team('web'), decided: 0, hits: 0, rate: null, brier: null }],
    });
  });
});
