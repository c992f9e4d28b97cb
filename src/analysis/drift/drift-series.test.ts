import { describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../model/index.js';
import type { CommitFacts } from '../commit-facts.js';
import { driftSeries, isoWeek, weekStart } from './drift-series.js';
import type { DriftWeek } from './drift-types.js';

const at = (date: string) => Date.parse(`${date}Z`) / 1000;

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01T12:00:00', '2025-12-29', '2026-W01'], // a Thursday: week 1 of its own year
    ['2024-12-31T23:59:59', '2024-12-30', '2025-W01'], // Monday 30 Dec starts 2025's week 1
    ['2021-01-03T00:00:00', '2020-12-28', '2020-W53'], // a Sunday in 2020's week 53
    ['2026-03-02T00:00:00', '2026-03-02', '2026-W10'], // a Monday at midnight
  ])('puts %s in the week of Monday %s, %s', (time, monday, week) => {
    expect(weekStart(at(time))).toBe(at(`${monday}T00:00:00`));
    expect(isoWeek(weekStart(at(time)))).toBe(week);
  });
});

// Two teams (web: ana; pay: ben) and an interaction-free org: every need is unwired.
const { catalog } = loadCatalog([
  {
    path: 'c.yaml',
    text: `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: [], members: [ana]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: pay}
spec: {type: team, children: [], members: [ben]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@x.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@x.example}}
`,
  },
]);
const [WEB, PAY] = ['group:default/web', 'group:default/pay'];
const [ANA, BEN] = ['user:default/ana', 'user:default/ben'];
const CART = 'folder:shop:cart';
const commit = (date: string, author: string, component = CART): CommitFacts => ({
  time: at(`${date}T10:00:00`),
  authors: [author],
  components: [component],
  files: [`shop:${component}/x.ts`],
});

describe('driftSeries', () => {
  // Week 10 (2–8 March 2026): ana twice on cart. Week 11: ben once on cart, and an agency
  // author nobody knows. Week 12: nothing. Week 13: ana once.
  const facts = [
    commit('2026-03-02', ANA),
    commit('2026-03-04', ANA),
    commit('2026-03-10', BEN),
    commit('2026-03-11', 'unmatched:dana@agency.example'),
    commit('2026-03-25', ANA),
  ];
  const weeks = driftSeries(catalog, facts, { weeks: 2, ownerOf: () => WEB });

  it('has a week for every ISO week from the first commit to the last, quiet ones too', () => {
    expect(weeks.map((w) => [w.week, w.since, w.until, w.commits])).toEqual([
      ['2026-W10', '2026-02-23', '2026-03-08', 2],
      ['2026-W11', '2026-03-02', '2026-03-15', 4],
      ['2026-W12', '2026-03-09', '2026-03-22', 2],
      ['2026-W13', '2026-03-16', '2026-03-29', 1],
    ]);
  });

  it('measures each week over its trailing window, worked out by hand', () => {
    // W10: only web on cart: no need. W11: web 2 and pay 1 on cart: shared = min(2, 1) = 1,
    // unwired; owner share = web's 2 ÷ 3 team commits; coverage = 3 credited of 4.
    // W12: pay alone (and the agency author): no need; owner share 0 ÷ 1.
    // As JSON writes them: the needs packed are written as their list.
    const [w10, w11, w12, w13] = weeks.map((w) => JSON.parse(JSON.stringify(w)));
    expect(w10).toMatchObject({
      unwiredWeight: 0,
      needs: [],
      ownerShare: 1,
      coverage: 1,
      congruence: { weighted: null, unweighted: null },
    });
    expect(w11).toMatchObject({
      unwiredWeight: 1,
      needs: [{ teams: [PAY, WEB], weight: 1, components: [CART] }],
      partners: [
        { team: PAY, teams: 1 },
        { team: WEB, teams: 1 },
      ],
      ownerShare: 0.667,
      coverage: 0.75,
      congruence: { weighted: 0, unweighted: 0 },
    });
    expect(w12).toMatchObject({ unwiredWeight: 0, ownerShare: 0, coverage: 0.5 });
    expect(w13).toMatchObject({ commits: 1, ownerShare: 1, coverage: 1 });
  });

  it('gives team sizes, headcount and nobody in many teams from the catalog', () => {
    expect(weeks[0]?.teamSizes).toEqual([
      { team: PAY, members: 1 },
      { team: WEB, members: 1 },
    ]);
    expect(weeks[0]?.headcount).toBe(2);
    expect(weeks[0]?.multiTeamPeople).toEqual([]);
    expect(weeks[0]?.queues).toEqual([]);
  });

  it('runs to the week of `until`, and gives nothing without commits', () => {
    const longer = driftSeries(catalog, facts, {
      weeks: 2,
      ownerOf: () => WEB,
      until: at('2026-04-08T00:00:00'),
    });
    expect(longer.map((w) => w.week).slice(-2)).toEqual(['2026-W14', '2026-W15']);
    expect(longer.at(-1)?.commits).toBe(0);
    expect(driftSeries(catalog, [], { ownerOf: () => null })).toEqual([]);
  });

  it('starts after commits dated more than a year before the next, as a clock set to 1970', () => {
    const epoch = { ...commit('1970-01-01', ANA), time: 0 };
    const series = driftSeries(catalog, [epoch, ...facts], { weeks: 2, ownerOf: () => WEB });
    expect(series.map((w) => w.week)).toEqual(weeks.map((w) => w.week));
  });

  it('leaves out a team the analysis does not count', () => {
    const only = driftSeries(catalog, facts, {
      weeks: 2,
      ownerOf: () => WEB,
      isTeam: (g) => g === WEB,
    });
    expect(only[1]?.needs.toJSON()).toEqual([]);
    expect(only[1]?.coverage).toBe(0.5); // ana's 2 of the 4 commits
    expect(only[1]?.partners).toEqual([]);
    expect(only[0]?.teamSizes).toEqual([{ team: WEB, members: 1 }]);
  });

  it('asks which groups are teams of the catalog version each week is measured with', () => {
    // From W12, a version in which pay is no team (a permission list, say): no need then.
    const version = { ...catalog };
    const asked: Catalog[] = [];
    const series = driftSeries(catalog, facts, {
      weeks: 2,
      ownerOf: () => WEB,
      catalogAt: (time) =>
        time >= at('2026-03-16T00:00:00')
          ? { catalog: version, commit: 'v2' }
          : { catalog, commit: 'v1' },
      isTeam: (g, org) => {
        asked.push(org);
        return org === catalog || g !== PAY;
      },
    });
    expect(asked).toContain(version);
    expect(series[1]?.needs).toHaveLength(1); // W11, v1: pay is a team
    expect(series[2]?.partners).toEqual([]); // W12, v2: it is not
  });
});

describe('driftSeries splits a change of congruence into the work and the wiring', () => {
  // ana (web) and ben (pay) both change cart every week from W10 to W13: one unwired need.
  // From W12 on, the catalog declares a collaboration between web and pay.
  const wired = loadCatalog([
    {
      path: 'c.yaml',
      text: `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec:
  type: team
  children: []
  members: [ana]
  interactions: [{with: pay, mode: collaboration}]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: pay}
spec: {type: team, children: [], members: [ben]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@x.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@x.example}}
`,
    },
  ]).catalog;
  const days = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'];
  const work = days.flatMap((d) => [commit(d, ANA), commit(d, BEN)]);
  const rewired = at('2026-03-16T00:00:00');

  it('gives the rewiring the whole change in the week a new catalog version comes in', () => {
    const weeks = driftSeries(catalog, work, {
      weeks: 1,
      ownerOf: () => WEB,
      catalogAt: (time) =>
        time >= rewired ? { catalog: wired, commit: 'v2' } : { catalog, commit: 'v1' },
    });
    expect(weeks.map((w) => [w.week, w.congruence.weighted, w.congruenceChange])).toEqual([
      ['2026-W10', 0, null],
      ['2026-W11', 0, { work: 0, wiring: 0 }],
      // The same work, now wired: C went 0 -> 1, all of it the rewiring.
      ['2026-W12', 1, { work: 0, wiring: 1 }],
      ['2026-W13', 1, { work: 0, wiring: 0 }],
    ]);
  });

  it('gives the work the change when the organisation stays, and null without a need', () => {
    // W12: ben does not come; W13: he is back. The catalog never changes.
    const weeks = driftSeries(
      catalog,
      work.filter(
        (f) => !(f.authors[0] === BEN && f.time >= rewired && f.time < rewired + 7 * 86_400),
      ),
      { weeks: 1, ownerOf: () => WEB },
    );
    expect(weeks.map((w) => w.congruenceChange)).toEqual([
      null,
      { work: 0, wiring: 0 },
      null, // no need in W12: no congruence to compare
      null, // nor a week before to compare with
    ]);
  });
});

describe('driftSeries keeps weeks measured before', () => {
  const days = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];
  const work = days.flatMap((d, i) => [commit(d, ANA), ...(i % 2 ? [commit(d, BEN)] : [])]);
  const digest = (facts: readonly CommitFacts[], version: string | null) =>
    `${version}:${facts.map((f) => `${f.time} ${f.authors}`).join(',')}`;

  /** The weeks of a first run, each kept with its digest and marked as kept. */
  const keep = (facts: readonly CommitFacts[]) => {
    const kept = new Map<string, { digest: string; week: DriftWeek }>();
    driftSeries(catalog, facts, {
      weeks: 2,
      ownerOf: () => WEB,
      reuse: {
        digest,
        kept: new Map(),
        measured: (week, d) => kept.set(week.week, { digest: d, week: { ...week, commits: -1 } }),
      },
    });
    return kept;
  };

  it('keeps the weeks whose window and the week before did not change, and measures the rest', () => {
    // A second run with a commit added in W12: W12 and W13 (whose windows hold it) and W14
    // (the week after W13, for its congruence change) are measured again.
    const extra = commit('2026-03-18', BEN);
    const weeks = driftSeries(catalog, [...work, extra], {
      weeks: 2,
      ownerOf: () => WEB,
      reuse: { digest, kept: keep(work) },
    });
    expect(weeks.map((w) => [w.week, w.commits === -1 ? 'kept' : 'measured'])).toEqual([
      ['2026-W10', 'kept'],
      ['2026-W11', 'kept'],
      ['2026-W12', 'measured'],
      ['2026-W13', 'measured'],
      ['2026-W14', 'measured'],
    ]);
    // What was measured again is what a run from nothing gives.
    const fresh = driftSeries(catalog, [...work, extra], { weeks: 2, ownerOf: () => WEB });
    expect(weeks.slice(2)).toEqual(fresh.slice(2));
  });

  it('measures every week again when nothing kept matches', () => {
    const other = (facts: readonly CommitFacts[], v: string | null) => `other:${digest(facts, v)}`;
    const weeks = driftSeries(catalog, work, {
      weeks: 2,
      ownerOf: () => WEB,
      reuse: { digest: other, kept: keep(work) },
    });
    expect(weeks).toEqual(driftSeries(catalog, work, { weeks: 2, ownerOf: () => WEB }));
  });
});

describe('driftSeries team sizes', () => {
  it('leaves out a group of groups: a department is a unit, not a team of one', () => {
    const { catalog: org } = loadCatalog([
      {
        path: 'c.yaml',
        text: `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: eng}
spec: {type: department, children: [web], members: [ana]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, parent: eng, children: [], members: [ben]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@x.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@x.example}}
`,
      },
    ]);
    const [week] = driftSeries(org, [commit('2026-03-02', BEN)], { ownerOf: () => WEB });
    expect(week?.teamSizes).toEqual([{ team: WEB, members: 1 }]);
  });
});
