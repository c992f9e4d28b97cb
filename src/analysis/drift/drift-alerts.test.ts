import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { backtest, DEFAULT_DRIFT, DRIFT_RULES, driftAlerts } from './drift-alerts.js';
import { DriftNeeds } from './drift-needs.js';
import type { DriftAlert, DriftNeed, DriftWeek } from './drift-types.js';
import { DRIFT_TRAILING_WEEKS } from './drift-types.js';

const WEB = 'group:default/web';
const PAY = 'group:default/payments';
const SEARCH = 'group:default/search';
const DATA = 'group:default/data';

/** `2026-W01` for index 0, 52 weeks a year, so that labels sort in order. */
const label = (i: number) =>
  `${2026 + Math.floor(i / 52)}-W${String((i % 52) + 1).padStart(2, '0')}`;

const DAY = 86_400_000;
/** Monday of 2026-W01, the week of index 0; later weeks are 7 days apart. */
const FIRST_MONDAY = Date.UTC(2025, 11, 29);
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Each week's figures over that week alone: independent values, so measure-shift runs its
 * CUSUM with overlap 1. `DRIFT_TRAILING_WEEKS` (4) is what `driftSeries` measures over by
 * default, and gives overlap 4.
 */
const ONE_WEEK = 1;

/**
 * A calm week: every measure steady, no need, no queue, nothing idle, its figures over the
 * trailing `span` weeks that end with it (`since` the Monday of the first, `until` the Sunday
 * of week i, as `driftSeries` writes them). measure-shift reads the CUSUM's overlap from
 * these dates: `span` weeks.
 */
function week(i: number, span: number, over: Over = {}): DriftWeek {
  const sunday = FIRST_MONDAY + (7 * i + 6) * DAY;
  return {
    week: label(i),
    since: day(sunday - (7 * span - 1) * DAY),
    until: day(sunday),
    commits: 100,
    catalogCommit: null,
    congruence: { weighted: 0.8, unweighted: 0.7 },
    congruenceChange: null,
    unwiredWeight: 10,
    partners: [],
    crossTeamCoupling: 4,
    ownerShare: 0.8,
    coverage: 0.9,
    teamSizes: [],
    headcount: 40,
    idleInteractions: [],
    queues: [],
    multiTeamPeople: [],
    ...over,
    needs: DriftNeeds.of(over.needs ?? []),
  };
}

/** What a test changes of a calm week: its needs as a list, packed by {@link week}. */
type Over = Partial<Omit<DriftWeek, 'needs'>> & { needs?: DriftNeed[] };

/** n weeks, each over the trailing `span` weeks and built from calm with `over(i)`. */
const history = (n: number, span: number, over: (i: number) => Over = () => ({})) =>
  Array.from({ length: n }, (_, i) => week(i, span, over(i)));

const only = (alerts: DriftAlert[], rule: DriftAlert['rule']) =>
  alerts.filter((a) => a.rule === rule);

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('driftAlerts: measure-shift', () => {
  // One-week figures (overlap 1). Weighted congruence wobbles 0.80/0.81/0.79 (median 0.8,
  // σ = 0.0148), then falls to 0.55 in week 20: z ≈ −17 and an effect of 0.25 ≥ 0.1, an
  // alert on the first low week.
  const wobble = [0.8, 0.81, 0.79];
  const needs = [
    { teams: [WEB, PAY] as [string, string], weight: 9, components: ['checkout', 'cart'] },
    { teams: [WEB, SEARCH] as [string, string], weight: 4, components: ['search-ui'] },
    { teams: [PAY, DATA] as [string, string], weight: 6, components: ['ledger'] },
    { teams: [SEARCH, DATA] as [string, string], weight: 1, components: ['index'] },
  ];
  const weeks = history(40, ONE_WEEK, (i) => ({
    congruence: { weighted: i >= 20 ? 0.55 : (wobble[i % 3] as number), unweighted: 0.7 },
    needs: i >= 20 ? needs : [],
  }));

  it('alerts in the week congruence falls, with the strongest unwired needs', () => {
    const alerts = only(driftAlerts(weeks), 'measure-shift');
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({
      start: '2026-W21',
      level: 'alert',
      measure: 'congruence.weighted',
      value: 0.55,
      baseline: 0.8,
      teams: [WEB, PAY, DATA, SEARCH],
      components: ['checkout', 'cart', 'ledger', 'search-ui'],
    });
    expect(alert?.evidence).toBe(
      'Weighted congruence fell to 0.55 in 2026-W21, from a median of 0.8 over the 12 weeks before; strongest unwired needs: web + payments (checkout), payments + data (ledger), web + search (search-ui).',
    );
  });

  it('leaves out the weeks whose window holds fewer than 10 commits', () => {
    // The same fall, but from week 20 on the windows hold 6 commits: nothing to alarm on.
    const quiet = weeks.map((w, i) => (i >= 20 ? { ...w, commits: 6 } : w));
    expect(only(driftAlerts(quiet), 'measure-shift')).toEqual([]);
    expect(only(driftAlerts(quiet, { minCommits: 5 }), 'measure-shift')).toHaveLength(1);
  });

  it('holds until the rolling baseline has absorbed the new level, then ends', () => {
    const [alert] = only(driftAlerts(weeks), 'measure-shift');
    // From week 26 the 12-week median is the new level (6 of 12 at 0.55 give a median
    // halfway, 7 give 0.55); the sum drains and the shift stops holding.
    expect(alert?.end).toBe('2026-W28');
  });

  it('fires once per state change, not every week the measure stays shifted', () => {
    // A lasting fall: CUSUM alert points recur every other week until the baseline absorbs it.
    const alerts = driftAlerts(weeks, { rules: ['measure-shift'] });
    expect(alerts).toHaveLength(1);
  });

  it('leaves out measures that move less than their minimum effect', () => {
    // Unwired weight moves 10 → 13, far above its noise but below its minimum effect of 5.
    const small = history(40, ONE_WEEK, (i) => ({
      unwiredWeight: i >= 20 ? 13 : 10 + (i % 3) * 0.1,
    }));
    expect(only(driftAlerts(small), 'measure-shift')).toEqual([]);
    const lowered = driftAlerts(small, {
      minEffect: { ...DEFAULT_DRIFT.minEffect, unwiredWeight: 2 },
    });
    expect(only(lowered, 'measure-shift').map((a) => [a.measure, a.start])).toEqual([
      ['unwiredWeight', '2026-W21'],
    ]);
  });

  it('raises a watch when the sum nears h, and an alert replaces it at once', () => {
    // Cross-team coupling 10/11/9 (median 10, σ 1.4826), one-week figures, then a spike to
    // 17.5 in week 12, the first with a baseline: z = 7.5 / 1.4826 = 5.0587, S⁺ = 4.5587, a
    // watch; week 13 is back to 11, an effect of 1 below the minimum of 2, so the watch ends.
    const calm = [10, 11, 9];
    const spike = history(20, ONE_WEEK, (i) => ({
      crossTeamCoupling: i === 12 ? 17.5 : (calm[i % 3] as number),
    }));
    expect(only(driftAlerts(spike), 'measure-shift').map((a) => [a.level, a.start, a.end])).toEqual(
      [['watch', '2026-W13', '2026-W14']],
    );
    // Then 14.5 in week 13: S⁺ = 4.5587 + 3.0352 − 0.5 = 7.0939, an alert that the watch's
    // cooldown does not hold back; it ends the week after, when the sum drains to 0.
    const rising = history(20, ONE_WEEK, (i) => ({
      crossTeamCoupling: i === 12 ? 17.5 : i === 13 ? 14.5 : (calm[i % 3] as number),
    }));
    expect(
      only(driftAlerts(rising), 'measure-shift').map((a) => [a.level, a.start, a.end]),
    ).toEqual([
      ['watch', '2026-W13', '2026-W14'],
      ['alert', '2026-W14', '2026-W15'],
    ]);
  });

  it('reads the overlap from the weeks’ trailing window', () => {
    // Cross-team coupling 10/11/9 (median 10, MAD 1), then 19 from week 12 on. Over one
    // week σ = 1.4826: z = 9 / 1.4826 = 6.0704, S⁺ = 5.5704, an alert in week 12 itself.
    // Over 4 weeks σ = 1.4826 × √4 = 2.9652: z = 3.0352, S⁺ = 2.5352 in week 12, then
    // 5.0704 in week 13 (one 19 in the baseline leaves median 10 and MAD 1): a week later.
    const calm = [10, 11, 9];
    const step = (i: number) => ({ crossTeamCoupling: i >= 12 ? 19 : (calm[i % 3] as number) });
    const first = (span: number) =>
      only(driftAlerts(history(20, span, step)), 'measure-shift').map((a) => [a.level, a.start])[0];
    expect(first(ONE_WEEK)).toEqual(['alert', '2026-W13']);
    expect(first(DRIFT_TRAILING_WEEKS)).toEqual(['alert', '2026-W14']);
  });

  it('raises no alert on a point that moved against the side its sum filled', () => {
    // Owner share 0.95/0.96/0.97 for 12 weeks (median 0.96, σ = 0.0148), then 1.0 for six
    // weeks: 0.03–0.04 above the median, under the minimum effect of 0.1, yet S⁺ fills to
    // 11.84. In week 18 it falls to 0.88, 0.105 below the median of 0.985 (σ = 0.0222,
    // z = −4.72): S⁺ = 11.84 − 4.72 − 0.5 = 6.62 is still over h, and the CUSUM calls the
    // point an alert on the up side. Owner share did not rise to 0.88: no alert.
    const calm = [0.95, 0.96, 0.97];
    const weeks = history(24, ONE_WEEK, (i) => ({
      ownerShare: i < 12 ? (calm[i % 3] as number) : i === 18 ? 0.88 : 1,
    }));
    expect(only(driftAlerts(weeks), 'measure-shift')).toEqual([]);
  });

  it('leaves out weighted congruence shifts that stand for less need than its minimum effect', () => {
    // Weighted congruence 0.95/0.96/0.97 (median 0.96, σ = 0.0148), then 0.84 from week 12:
    // z = −8.09, an alert by itself. Over a whole need weight of 25 (unwired 1.25/1/0.75,
    // then 4) the fall of 0.12 stands for 0.12 × 25 = 3 of need, under unwiredWeight's
    // minimum effect of 5: three stray commits, no news. Over 100 (unwired 5/4/3, then 16)
    // it stands for 12: an alert in week 12, as unwired need weight raises one too.
    const calm = [0.95, 0.96, 0.97];
    const fall = (need: number) =>
      history(20, ONE_WEEK, (i) => {
        const weighted = i < 12 ? (calm[i % 3] as number) : 0.84;
        return {
          congruence: { weighted, unweighted: 0.7 },
          unwiredWeight: Math.round(need * (1 - weighted) * 100) / 100,
        };
      });
    expect(only(driftAlerts(fall(25)), 'measure-shift')).toEqual([]);
    expect(only(driftAlerts(fall(100)), 'measure-shift').map((a) => [a.measure, a.start])).toEqual([
      ['congruence.weighted', '2026-W13'],
      ['unwiredWeight', '2026-W13'],
    ]);
  });

  it('leaves out unweighted congruence over fewer than 10 team pairs', () => {
    // Unweighted congruence 1 for 12 weeks (flat: σ = the minimum effect, 0.1), then 0.5:
    // z = −5, S⁻ = 4.5 (a watch) and then 9, an alert in week 13. Over 2 team pairs one
    // stray commit makes that fall; over 10 pairs it is 5 pairs gone unwired.
    const pairs = (n: number) =>
      Array.from({ length: 5 }, (_, t) => ({ team: `group:default/t${t}`, teams: (2 * n) / 5 }));
    const fall = (n: number) =>
      history(20, ONE_WEEK, (i) => ({
        congruence: { weighted: 0.8, unweighted: i < 12 ? 1 : 0.5 },
        partners: pairs(n),
      }));
    expect(only(driftAlerts(fall(2)), 'measure-shift')).toEqual([]);
    expect(only(driftAlerts(fall(10)), 'measure-shift').map((a) => [a.level, a.start])).toEqual([
      ['watch', '2026-W13'],
      ['alert', '2026-W14'],
    ]);
  });

  // Stable two-year histories of one-week figures (independent values, overlap 1): each
  // measure steady with normal noise of 10–30% of its minimum effect, no planted change. A
  // false alert needs a week at least 3.3 noise-sd from the baseline median with a CUSUM
  // sum at h; over 4,000 seeds, 179 histories (4.5%) had a measure-shift alert (183 alerts). The bound is on batches of 40 seeds: at most 10
  // with an alert (expected 1.8; 11 or more has a probability of about 3 in a million).
  it('raises no measure-shift alert over most stable two-year histories', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let noisy = 0;
        for (let s = 0; s < 40; s++) {
          const alerts = driftAlerts(stableHistory(seed + s * 7_919), { rules: ['measure-shift'] });
          if (alerts.some((a) => a.level === 'alert')) noisy++;
        }
        expect(noisy).toBeLessThanOrEqual(10);
      }),
      { numRuns: 5 },
    );
  });
});

const need = (teams: [string, string], weight: number, components = ['checkout']) => ({
  teams,
  weight,
  components,
});

describe('driftAlerts: emerging-need', () => {
  // Web + Payments: weight 1 (below 2) in weeks 0–13, 3 in weeks 14, 15 and 17, absent in
  // week 16, then gone from week 18.
  const weight = (i: number) => (i < 14 ? 1 : i === 16 || i >= 18 ? 0 : 3);
  const weeks = history(24, ONE_WEEK, (i) => ({
    needs: weight(i) > 0 ? [need([WEB, PAY], weight(i), ['checkout', 'cart'])] : [],
  }));

  it('fires in the week the need reaches 2 in 3 of the last 4 weeks, after 12 below', () => {
    const alerts = only(driftAlerts(weeks), 'emerging-need');
    expect(alerts).toEqual([
      {
        rule: 'emerging-need',
        start: '2026-W18',
        end: '2026-W19',
        level: 'alert',
        teams: [WEB, PAY],
        components: ['checkout', 'cart'],
        measure: 'needs',
        value: 3,
        baseline: 1,
        evidence:
          'Unwired need web + payments at 2 or more in 3 of the last 4 weeks (2026-W15 to 2026-W18), mostly in checkout, after 12 weeks below it.',
      },
    ]);
  });

  it('counts a need only from a tenth of the week\u2019s whole unwired need', () => {
    // The same need of 3 in an organisation with 100 of unwired need every week is noise
    // (3 < 10); with 20 of it, 3 is above a tenth (2) and the need is news.
    const crowded = weeks.map((w) => ({ ...w, unwiredWeight: 100 }));
    expect(only(driftAlerts(crowded), 'emerging-need')).toEqual([]);
    const small = weeks.map((w) => ({ ...w, unwiredWeight: 20 }));
    expect(only(driftAlerts(small), 'emerging-need').map((a) => a.start)).toEqual(['2026-W18']);
    expect(only(driftAlerts(crowded, { minShare: 0 }), 'emerging-need')).toHaveLength(1);
  });

  it('does not fire for a need that was already at 2 in the 12 weeks before', () => {
    const earlier = weeks.map((w, i) =>
      i === 5 ? { ...w, needs: DriftNeeds.of([need([WEB, PAY], 2)]) } : w,
    );
    expect(only(driftAlerts(earlier), 'emerging-need')).toEqual([]);
  });

  it('needs 16 weeks of history before it can tell a need is new', () => {
    const early = history(10, ONE_WEEK, (i) => ({ needs: i >= 2 ? [need([WEB, PAY], 5)] : [] }));
    expect(only(driftAlerts(early), 'emerging-need')).toEqual([]);
  });

  it('holds while the need stays, whichever order its teams come in', () => {
    const lasting = history(30, ONE_WEEK, (i) => ({
      needs: i >= 20 ? [need(i % 2 ? [PAY, WEB] : [WEB, PAY], 6)] : [],
    }));
    const alerts = only(driftAlerts(lasting), 'emerging-need');
    expect(alerts.map((a) => [a.start, a.end])).toEqual([['2026-W23', null]]);
  });

  it('counts a week of work once when the weeks’ windows overlap', () => {
    // Figures over 4 trailing weeks. Two commits of each team on one component in week 16
    // alone: a need of 2 in the windows of weeks 16–19, "3 of the last 4 weeks" by the
    // windows, yet one week of work that never grows: no alert.
    const burst = history(24, DRIFT_TRAILING_WEEKS, (i) => ({
      needs: i >= 16 && i <= 19 ? [need([WEB, PAY], 2)] : [],
    }));
    expect(only(driftAlerts(burst), 'emerging-need')).toEqual([]);
    // One a week from week 16 on: 1, 2, 3, 4; at 2 or more in weeks 17–19, and 4 in week 19
    // is more than the 2 of week 17: an alert in week 19.
    const lasting = history(24, DRIFT_TRAILING_WEEKS, (i) => ({
      needs: i >= 16 ? [need([WEB, PAY], Math.min(4, i - 15))] : [],
    }));
    expect(only(driftAlerts(lasting), 'emerging-need').map((a) => [a.start, a.value])).toEqual([
      ['2026-W20', 4],
    ]);
    // The burst's need in the week a new catalog version came in: the window read its 4
    // weeks with the new teams, so the need was there in each of them: an alert in week 18.
    const moved = burst.map((w, i) => ({ ...w, catalogCommit: i >= 16 ? 'moved' : 'before' }));
    expect(only(driftAlerts(moved), 'emerging-need').map((a) => a.start)).toEqual(['2026-W19']);
  });

  // A planted coupling in a noisy two-year history: weight 6 between two teams from a known
  // week on, every other pair below 2. It holds in weeks t, t+1, t+2, so it fires in week t+2.
  it('raises a planted new coupling within 3 weeks, naming the two teams', () => {
    const teams = [WEB, PAY, SEARCH, DATA, 'group:default/mobile'];
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 16, max: 100 }),
        fc.uniqueArray(fc.constantFrom(...teams), { minLength: 2, maxLength: 2 }),
        (seed, at, pick) => {
          const random = seededRandom(seed);
          const planted = pick as [string, string];
          const weeks = history(104, ONE_WEEK, (i) => ({
            needs: teams.flatMap((a, x) =>
              teams.slice(x + 1).map((b) => {
                const pair: [string, string] = [a, b];
                const isPlanted = planted.includes(a) && planted.includes(b);
                return need(pair, isPlanted && i >= at ? 6 : 1.99 * random());
              }),
            ),
          }));
          const alerts = only(driftAlerts(weeks), 'emerging-need');
          expect(alerts).toHaveLength(1);
          expect([...(alerts[0]?.teams ?? [])].sort()).toEqual([...planted].sort());
          expect(alerts[0]?.start).toBe(label(at + 2));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('driftAlerts: idle-interaction', () => {
  const idle = { teams: [WEB, PAY] as [string, string], mode: 'collaboration' };

  it('fires in the 8th idle week in a row and ends when work is shared again', () => {
    // Idle weeks 2–3 (a run of 2), then 5–14 (a run of 10).
    const weeks = history(20, ONE_WEEK, (i) => ({
      idleInteractions: (i >= 2 && i <= 3) || (i >= 5 && i <= 14) ? [idle] : [],
    }));
    const alerts = only(driftAlerts(weeks), 'idle-interaction');
    expect(alerts).toMatchObject([
      {
        start: '2026-W13',
        end: '2026-W16',
        teams: [WEB, PAY],
        measure: 'idleInteractions',
        value: 8,
        baseline: null,
        evidence:
          'The declared collaboration between web + payments had no shared work for 8 weeks in a row (2026-W06 to 2026-W13).',
      },
    ]);
  });

  it('tells interactions of the same teams apart by mode', () => {
    const other = { teams: [PAY, WEB] as [string, string], mode: 'x-as-a-service' };
    const weeks = history(10, ONE_WEEK, () => ({ idleInteractions: [idle, other] }));
    expect(only(driftAlerts(weeks), 'idle-interaction').map((a) => a.evidence)).toHaveLength(2);
  });
});

describe('driftAlerts: coordination-outgrows-headcount', () => {
  // Headcount 40 → 42 (×1.05); Web's partners 2 → 5 and Payments' 2 → 5 from week 20:
  // pairs (Σ partners / 2) 4 → 7 (×1.75 > 1.25 × 1.05) and 3 more pairs.
  const partners = (grown: boolean) => [
    { team: WEB, teams: grown ? 5 : 2 },
    { team: PAY, teams: grown ? 5 : 2 },
    { team: SEARCH, teams: 2 },
    { team: DATA, teams: 2 },
  ];
  const weeks = history(40, ONE_WEEK, (i) => ({
    partners: partners(i >= 20),
    headcount: i >= 20 ? 42 : 40,
  }));

  it('fires when the pairs a quarter apart grew faster than headcount', () => {
    const alerts = only(driftAlerts(weeks), 'coordination-outgrows-headcount');
    expect(alerts).toEqual([
      {
        rule: 'coordination-outgrows-headcount',
        // Quarter means: only week 32 (2026-W33) has a quarter all grown (weeks 20–32, 7
        // pairs, 42 people) after one all before (weeks 7–19, 4 pairs, 40 people); a week
        // later the quarter before holds a grown week and the gain (2.8) is under 3 pairs.
        start: '2026-W33',
        end: '2026-W34',
        level: 'alert',
        teams: [PAY, WEB],
        components: [],
        measure: 'partners',
        value: 7,
        baseline: 4,
        evidence:
          'Team pairs that must coordinate grew from 4 a week on average in the quarter to 2026-W20 to 7 in the quarter to 2026-W33 (×1.75), while headcount went from 40 to 42 (×1.05); most new partners: payments, web.',
      },
    ]);
  });

  it('does not fire when headcount grew as much, or when fewer than 3 pairs were added', () => {
    const hired = weeks.map((w, i) => ({ ...w, headcount: i >= 20 ? 70 : 40 }));
    expect(only(driftAlerts(hired), 'coordination-outgrows-headcount')).toEqual([]);
    expect(only(driftAlerts(weeks, { minNewPairs: 4 }), 'coordination-outgrows-headcount')).toEqual(
      [],
    );
  });
});

describe('driftAlerts: queue-over-promise', () => {
  const queue = (p85: number | null) => ({
    team: PAY,
    p85,
    breachRate: 0.3,
    netFlow: 0,
    promise: 5,
  });

  it('fires in the 3rd week running over the promise, not before', () => {
    // p85 over 5 in weeks 3–4, 4 in week 5, over in weeks 6–9.
    const p85 = [4, 4, 4, 8, 9, 4, 7, 12, 12, 12, 3, 3];
    const weeks = history(p85.length, ONE_WEEK, (i) => ({ queues: [queue(p85[i] as number)] }));
    const alerts = only(driftAlerts(weeks), 'queue-over-promise');
    expect(alerts).toMatchObject([
      {
        start: '2026-W09',
        end: '2026-W11',
        teams: [PAY],
        measure: 'queues.p85',
        value: 12,
        baseline: 4,
        evidence:
          'Requests to payments took 12 days at p85, over its promise of 5 days, 3 weeks running (2026-W07 to 2026-W09).',
      },
    ]);
  });

  it('ignores weeks with no promise or no request done', () => {
    const weeks = history(6, ONE_WEEK, (i) => ({
      queues: [i === 1 ? queue(null) : { ...queue(20), promise: i === 4 ? null : 5 }],
    }));
    expect(only(driftAlerts(weeks), 'queue-over-promise')).toEqual([]);
  });
});

describe('driftAlerts: team-size, state changes and cooldown', () => {
  const sized = (sizes: number[]) =>
    history(sizes.length, ONE_WEEK, (i) => ({
      teamSizes: [{ team: WEB, members: sizes[i] as number }],
    }));

  it('fires when a team leaves 5–9 members, once per change of state', () => {
    const alerts = only(driftAlerts(sized([7, 7, 12, 12, 12, 7, 7, 7, 7, 7, 4, 4])), 'team-size');
    expect(alerts).toMatchObject([
      { start: '2026-W03', end: '2026-W06', value: 12, baseline: 7, teams: [WEB] },
      { start: '2026-W11', end: null, value: 4, baseline: 7 },
    ]);
    expect(alerts[0]?.evidence).toBe('web has 12 members in 2026-W03, more than 9.');
    expect(alerts[1]?.evidence).toBe('web has 4 members in 2026-W11, fewer than 5.');
  });

  it('stays quiet for 4 weeks after it stops, then fires if it still holds', () => {
    // Over 9 in weeks 1–2, back in week 3, over again from week 4: the return inside the
    // cooldown (weeks 3–6) is not reported; it fires in week 7 as it still holds.
    const alerts = only(driftAlerts(sized([7, 12, 12, 8, 12, 12, 12, 12, 12, 12])), 'team-size');
    expect(alerts.map((a) => [a.start, a.end, a.level])).toEqual([
      ['2026-W02', '2026-W04', 'alert'],
      ['2026-W08', null, 'alert'],
    ]);
    // A blip inside the cooldown is not reported at all.
    const blip = only(driftAlerts(sized([7, 12, 8, 8, 12, 8, 8, 8, 8, 8])), 'team-size');
    expect(blip.map((a) => [a.start, a.end])).toEqual([['2026-W02', '2026-W03']]);
    // With no cooldown it is.
    const eager = only(driftAlerts(sized([7, 12, 8, 8, 12, 8]), { cooldownWeeks: 0 }), 'team-size');
    expect(eager.map((a) => [a.start, a.end])).toEqual([
      ['2026-W02', '2026-W03'],
      ['2026-W05', '2026-W06'],
    ]);
  });

  it('shows a state that holds from the first week as a watch while it lasts: no change, no drift', () => {
    const always = only(driftAlerts(sized([12, 12, 12])), 'team-size');
    expect(always.map((a) => [a.start, a.end, a.level])).toEqual([['2026-W01', null, 'watch']]);
    // Once it stops and comes back, that is a change: an alert.
    const back = only(driftAlerts(sized([12, 12, 8, 12])), 'team-size');
    expect(back.map((a) => [a.start, a.end, a.level])).toEqual([
      ['2026-W01', '2026-W03', 'watch'],
      ['2026-W04', null, 'alert'],
    ]);
  });

  it('takes its bounds from the options', () => {
    expect(only(driftAlerts(sized([12, 12]), { maxTeamSize: 12 }), 'team-size')).toEqual([]);
  });
});

describe('driftAlerts: person-in-many-teams', () => {
  it('names the teams and keeps the person to the evidence', () => {
    const person = { user: 'user:default/ada', teams: [WEB, PAY, SEARCH] };
    const weeks = history(6, ONE_WEEK, (i) => ({ multiTeamPeople: i >= 2 ? [person] : [] }));
    const alerts = only(driftAlerts(weeks), 'person-in-many-teams');
    expect(alerts).toMatchObject([
      { start: '2026-W03', end: null, teams: [WEB, PAY, SEARCH], value: 3, baseline: null },
    ]);
    expect(JSON.stringify({ ...alerts[0], evidence: '' })).not.toContain('ada');
    expect(alerts[0]?.evidence).toBe(
      'ada is a member of 3 teams (web, payments, search) in 2026-W03, more than 2; check the catalog.',
    );
  });
});

describe('driftAlerts and backtest', () => {
  const weeks = history(6, ONE_WEEK, (i) => ({
    teamSizes: [{ team: WEB, members: i % 2 ? 12 : 7 }],
    multiTeamPeople: i >= 1 ? [{ user: 'user:default/ada', teams: [WEB, PAY, SEARCH] }] : [],
  }));

  it('runs only the rules asked for', () => {
    expect(driftAlerts(weeks, { rules: ['team-size'] }).map((a) => a.rule)).toEqual(['team-size']);
  });

  it('orders alerts by start week, then by rule', () => {
    const alerts = driftAlerts(weeks, { cooldownWeeks: 0 });
    expect(alerts.map((a) => [a.start, a.rule])).toEqual([
      // Same week: in the order the rules are listed.
      ['2026-W02', 'team-size'],
      ['2026-W02', 'person-in-many-teams'],
      ['2026-W04', 'team-size'],
      ['2026-W06', 'team-size'],
    ]);
  });

  it('counts each rule’s alerts, every rule listed in order, watches left out', () => {
    const alerts = driftAlerts(weeks, { cooldownWeeks: 0 });
    const watch: DriftAlert = {
      ...(alerts[0] as DriftAlert),
      rule: 'measure-shift',
      level: 'watch',
    };
    expect(backtest([...alerts, watch])).toEqual([
      { rule: 'measure-shift', alerts: 0 },
      { rule: 'emerging-need', alerts: 0 },
      { rule: 'idle-interaction', alerts: 0 },
      { rule: 'coordination-outgrows-headcount', alerts: 0 },
      { rule: 'queue-over-promise', alerts: 0 },
      { rule: 'team-size', alerts: 3 },
      { rule: 'person-in-many-teams', alerts: 1 },
    ]);
    expect(backtest([]).map((b) => b.rule)).toEqual(DRIFT_RULES);
  });
});

/**
 * 104 calm one-week figures (overlap 1) with noise: each measure its own level and a noise of
 * 10–30% of its minimum effect.
 */
function stableHistory(seed: number): DriftWeek[] {
  const random = seededRandom(seed);
  const noise = normals(random);
  const effect = DEFAULT_DRIFT.minEffect;
  const sd = (e: number) => e * (0.1 + 0.2 * random());
  const m = {
    weighted: [0.5 + 0.4 * random(), sd(effect['congruence.weighted'])],
    unweighted: [0.5 + 0.4 * random(), sd(effect['congruence.unweighted'])],
    unwired: [5 + 40 * random(), sd(effect.unwiredWeight)],
    coupling: [2 + 20 * random(), sd(effect.crossTeamCoupling)],
    owner: [0.5 + 0.4 * random(), sd(effect.ownerShare)],
    coverage: [0.6 + 0.3 * random(), sd(effect.coverage)],
  } as const;
  const draw = ([level, spread]: readonly number[]) =>
    (level as number) + (spread as number) * noise();
  return history(104, ONE_WEEK, () => ({
    congruence: { weighted: draw(m.weighted), unweighted: draw(m.unweighted) },
    unwiredWeight: draw(m.unwired),
    crossTeamCoupling: draw(m.coupling),
    ownerShare: draw(m.owner),
    coverage: draw(m.coverage),
  }));
}
