import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CommitFacts,
  DRIFT_TRAILING_WEEKS,
  type DriftAlert,
  driftSeries,
  seededRandom,
} from '../analysis/index.js';
import { type Catalog, loadCatalog, type RequestRecord } from '../model/index.js';
import { type DriftReport, driftReport } from './drift-report.js';

/*
 * Generated organisations with two years of weekly work and one change planted at a known
 * week (or none), run through driftSeries and driftReport with every default: the
 * properties of issue 13's "Done when". The generator lives here, not in a module beside
 * this file, so that it is not built into dist.
 *
 * The organisation: 4–6 teams of 5–8 people, each owning 2–4 components. Teams 0+1, 2+3
 * and 4+5 declare a collaboration and share work every week (the even team changes its
 * partner's first component, Poisson 3 a week). The last team is also a service to the
 * others, with a promise of PROMISE_DAYS days, met with margin. Each week each team makes
 * Poisson(1.5 × its people) commits on its own components, 15 % of them touching two at
 * once; a little honest noise: each commit goes to another team's component instead with
 * probability NOISE.
 */

/** Weeks of history: two years. */
const HISTORY_WEEKS = 104;
/** The provider's promised lead time for requests, days (`orgwire.dev/request-sla`). */
const PROMISE_DAYS = 10;
/** The chance that a commit is a stray one on another team's component. */
const NOISE = 0.0025;
/** Commits a week of each declared collaboration on the partner's component (mean). */
const SHARED = 3;

/** What is planted, from which week (an index into the weeks of history). */
type Plant =
  | { kind: 'none' }
  /** Two teams that never shared work both change one of the second's components every week. */
  | { kind: 'coupling'; week: number }
  /** The catalog moves a person to another team; they keep working on their old team's code. */
  | { kind: 'move'; week: number }
  /** Every request the provider finishes has waited past its promise. */
  | { kind: 'queue'; week: number };

interface Generated {
  report: DriftReport;
  /** The teams the planted change is about; empty for none. */
  teams: string[];
  /** The component of a planted coupling. */
  component: string;
}

interface Team {
  name: string;
  people: string[];
  components: string[];
}

const TEAM_NAMES = ['web', 'payments', 'search', 'data', 'mobile', 'platform'];
const PARTS = ['api', 'ui', 'jobs', 'store'];
const DAY = 86_400;
const WEEK = 7 * DAY;
/** Monday 2024-01-01: week 0 is 2024-W01. */
const START = Date.UTC(2024, 0, 1) / 1000;

const group = (name: string) => `group:default/${name}`;

/** A Poisson draw (Knuth's method; the means here are small). */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/** The catalog of `teams`: 0+1, 2+3, 4+5 collaborating, the last with a request promise. */
function catalogOf(teams: readonly Team[]): Catalog {
  const last = teams.length - 1;
  const docs = teams.flatMap((team, t) => {
    const partner = t % 2 === 0 ? teams[t + 1] : undefined;
    return [
      `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${team.name}
  annotations: {${t === last ? `orgwire.dev/request-sla: ${PROMISE_DAYS}d` : ''}}
spec:
  type: team
  children: []
  members: [${team.people.join(', ')}]
  interactions: [${partner ? `{with: ${partner.name}, mode: collaboration}` : ''}]
`,
      ...team.people.map(
        (person) => `apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ${person}}
spec: {memberOf: [], profile: {email: ${person}@example.org}}
`,
      ),
      ...team.components.map(
        (name) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ${name}}
spec: {type: service, lifecycle: production, owner: ${team.name}}
`,
      ),
    ];
  });
  const { catalog, problems } = loadCatalog([{ path: 'catalog.yaml', text: docs.join('---\n') }]);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((p) => p.message).join('\n'));
  return catalog;
}

/** Two years of a generated organisation's work with `plant` in it, and drift's report. */
function generate(seed: number, plant: Plant): Generated {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const count = 4 + Math.floor(random() * 3);
  const teams: Team[] = TEAM_NAMES.slice(0, count).map((name) => ({
    name,
    people: Array.from({ length: 5 + Math.floor(random() * 4) }, (_, k) => `${name}-${k + 1}`),
    components: PARTS.slice(0, 2 + Math.floor(random() * 3)).map((part) => `${name}-${part}`),
  }));
  // The pair a change is about (a reaches out or loses a person, b is reached or gains one):
  // two teams with no declared collaboration.
  let from = 0;
  let to = 0;
  while (from === to || from >> 1 === to >> 1) {
    from = Math.floor(random() * count);
    to = Math.floor(random() * count);
  }
  const a = teams[from] as Team;
  const b = teams[to] as Team;
  // A move leaves both teams within 5–9 people: the mover's team has 6 or more.
  if (plant.kind === 'move' && a.people.length < 6) a.people.push(`${a.name}-6`);
  const mover = a.people.at(-1) as string;
  const week = plant.kind === 'none' ? HISTORY_WEEKS : plant.week;

  const facts: CommitFacts[] = [];
  const commit = (i: number, author: string, components: string[]) =>
    facts.push({
      time: START + i * WEEK + Math.floor(random() * WEEK),
      authors: [`user:default/${author}`],
      components: components.map((c) => `component:default/${c}`),
      files: components.map((c) => `org:${c}/src/index.ts`),
    });
  for (let i = 0; i < HISTORY_WEEKS; i++) {
    teams.forEach((team, t) => {
      for (let n = poisson(random, 1.5 * team.people.length); n > 0; n--) {
        const author = pick(team.people);
        if (random() < NOISE) {
          const o = (t + 1 + Math.floor(random() * (count - 1))) % count;
          // The planted pair had no shared work before the change: no stray between them.
          const quiet = plant.kind !== 'none' && i < week && (o === from || o === to);
          if (!quiet || (t !== from && t !== to)) {
            commit(i, author, [pick((teams[o] as Team).components)]);
            continue;
          }
        }
        const own = pick(team.components);
        const second = pick(team.components);
        commit(i, author, random() < 0.15 && second !== own ? [own, second] : [own]);
      }
    });
    for (let t = 0; t + 1 < count; t += 2) {
      const shared = (teams[t + 1] as Team).components[0] as string;
      for (let n = poisson(random, SHARED); n > 0; n--) {
        commit(i, pick((teams[t] as Team).people), [shared]);
      }
    }
    // The mover is one of their team's most active people: 3 or more commits a week.
    if (plant.kind === 'move') {
      for (let n = 3 + poisson(random, 1); n > 0; n--) commit(i, mover, [pick(a.components)]);
    }
    // The new coupling: both teams change b's first component, 2 or more commits a week each.
    if (plant.kind === 'coupling' && i >= week) {
      const target = b.components[0] as string;
      for (const team of [a, b]) {
        for (let n = 2 + poisson(random, 1); n > 0; n--) commit(i, pick(team.people), [target]);
      }
    }
  }

  // Requests to the last team, by the week they were done: 2 or more a week, each created
  // its lead time before; 20–60 % of the promise, and 130–250 % once the queue slows.
  const provider = teams[count - 1] as Team;
  const requests: RequestRecord[] = [];
  for (let i = 0; i < HISTORY_WEEKS; i++) {
    const slow = plant.kind === 'queue' && i >= week;
    for (let n = 2 + poisson(random, 2); n > 0; n--) {
      const done = START + i * WEEK + Math.floor(random() * WEEK);
      const lead = PROMISE_DAYS * DAY * (slow ? 1.3 + 1.2 * random() : 0.2 + 0.4 * random());
      requests.push({
        tracker: 'csv',
        id: `R-${requests.length + 1}`,
        requester: group((teams[Math.floor(random() * (count - 1))] as Team).name),
        provider: group(provider.name),
        created: Math.floor(done - lead),
        done,
        updated: done,
        source: `requests.csv:${requests.length + 2}`,
      });
    }
  }

  const catalog = catalogOf(teams);
  // The move: a second catalog version, in force from the planted week's Monday.
  const moved =
    plant.kind === 'move'
      ? catalogOf(
          teams.map((team) =>
            team === a
              ? { ...team, people: team.people.filter((p) => p !== mover) }
              : team === b
                ? { ...team, people: [...team.people, mover] }
                : team,
          ),
        )
      : undefined;
  const series = driftSeries(catalog, facts, {
    ownerOf: (ref, org) => {
      const entity = org.byRef.get(ref);
      return entity?.kind === 'Component' ? entity.owner : null;
    },
    ...(moved
      ? {
          catalogAt: (time: number) =>
            time >= START + week * WEEK
              ? { catalog: moved, commit: 'moved' }
              : { catalog, commit: 'before' },
        }
      : {}),
    requests,
    until: START + HISTORY_WEEKS * WEEK - 1,
  });
  const teamsOf: Record<Plant['kind'], string[]> = {
    none: [],
    coupling: [group(a.name), group(b.name)],
    move: [group(a.name), group(b.name)],
    queue: [group(provider.name)],
  };
  return {
    report: driftReport(series, DRIFT_TRAILING_WEEKS),
    teams: teamsOf[plant.kind],
    component: `component:default/${b.components[0]}`,
  };
}

/** The position of an alert's start week in the series. */
const startOf = (report: DriftReport, alert: DriftAlert) =>
  report.series.findIndex((w) => w.week === alert.start);

const sameTeams = (x: readonly string[], y: readonly string[]) =>
  [...x].sort().join() === [...y].sort().join();

/** A summary to read in a failure message. */
const described = (alerts: readonly DriftAlert[]) =>
  alerts.map((a) => `${a.rule} ${a.level} ${a.start}: ${a.evidence}`).join('\n');

// Planted weeks leave the rules their history: emerging-need needs 16 weeks before it can
// tell a need is new, and the change gets 6 weeks before the end.
const plantedWeek = fc.integer({ min: 20, max: HISTORY_WEEKS - 6 });
/**
 * Each planted property runs on 20 `fc.integer()` seeds with a planted week; fast-check
 * reports the seed and week that fail. Each held on 300 runs when this was written.
 */
const RUNS = { numRuns: 20 };

describe('drift on generated histories with a planted change', () => {
  it('raises no alert over two stable years', () => {
    // Seeds 1–20, fixed so that the run does not hang on chance. Over seeds 1–200 (and no
    // watch in any): 4 histories with an alert, each from a cluster of stray commits, such
    // as 4–6 in one month lifting the unwired need weight from about 0.5 to 6, or strays
    // between one pair of teams in 3 weeks of a month (an emerging need). With more strays
    // the rules raise more: at 1 stray commit in 200, 19 of 200 histories had an alert; at
    // 1 in 100, 85 (measure-shift on unwired need weight, emerging needs).
    for (let seed = 1; seed <= 20; seed++) {
      const { report } = generate(seed, { kind: 'none' });
      const alerts = report.alerts.filter((a) => a.level === 'alert');
      expect(alerts, `seed ${seed}:\n${described(alerts)}`).toEqual([]);
    }
  });

  it('raises an emerging need between two teams that start to change the same component', () => {
    fc.assert(
      fc.property(fc.integer(), plantedWeek, (seed, week) => {
        const { report, teams, component } = generate(seed, { kind: 'coupling', week });
        // Both teams change the component 2 or more times a week from `week` (quiet between
        // them before): the windows of week, week + 1 and week + 2 hold a need of 2 or more
        // (3 of the last 4 weeks), 6 or more in week + 2 against 2 or more in `week` (it
        // lasted: new work came in), so it starts in week + 2.
        const found = report.alerts.filter(
          (a) => a.rule === 'emerging-need' && a.level === 'alert' && sameTeams(a.teams, teams),
        );
        const starts = found.map((a) => startOf(report, a) - week);
        expect(starts, described(report.alerts)).toContain(2);
        expect(found[0]?.components[0]).toBe(component);
      }),
      RUNS,
    );
  });

  it('raises an emerging need when the catalog moves a person who keeps their old work', () => {
    fc.assert(
      fc.property(fc.integer(), plantedWeek, (seed, week) => {
        const { report, teams } = generate(seed, { kind: 'move', week });
        // From `week` the catalog credits the mover's commits, 3 or more a week on their old
        // team's components, to the new team: every window from `week` on holds a need of 12
        // or more between the two (4 weeks of 3), first with the new catalog version, so it
        // starts in week + 2 as a coupling does.
        const found = report.alerts.filter(
          (a) => a.rule === 'emerging-need' && a.level === 'alert' && sameTeams(a.teams, teams),
        );
        expect(
          found.map((a) => startOf(report, a) - week),
          described(report.alerts),
        ).toContain(2);
        // The week of the move: the rewiring lowered congruence (by 0.33–0.75 over 200 runs),
        // the work moved it as any week's does (by 0.1 at most over those runs).
        const change = report.series[week]?.congruenceChange;
        expect(change?.wiring).toBeLessThan(0);
        expect(Math.abs(change?.work ?? 1)).toBeLessThan(Math.abs(change?.wiring ?? 0) / 2);
      }),
      RUNS,
    );
  });

  it('raises a queue over its promise, naming the provider, when the queue slows', () => {
    fc.assert(
      fc.property(fc.integer(), plantedWeek, (seed, week) => {
        const { report, teams } = generate(seed, { kind: 'queue', week });
        // The rule holds in the 3rd week running with the p85 lead time of the requests done
        // in the trailing window (4 weeks) above the promise. Requests done from `week` on are
        // all late, those before all early: the p85 is over the promise once the late ones
        // are more than 15 % of the window's, from week + 3 at the latest (the window is all
        // late). So the rule's own bound is week + 2 to week + 5. Here 2 or more are done a
        // week: in week + 1, 4 or more late against the early ones of 2 weeks (4 + Poisson(4)),
        // over 15 % unless 23 or more were early, so it starts in week + 2 or week + 3.
        const found = report.alerts.filter(
          (a) => a.rule === 'queue-over-promise' && a.level === 'alert',
        );
        expect(found.map((a) => a.teams)).toEqual([teams]);
        expect([2, 3]).toContain(startOf(report, found[0] as DriftAlert) - week);
      }),
      RUNS,
    );
  });
});
