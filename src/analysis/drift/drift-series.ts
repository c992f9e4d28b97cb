import type { Catalog, RequestRecord } from '../../model/index.js';
import { analyzeWiring } from '../analyze-wiring.js';
import { type CouplingOptions, DEFAULT_COUPLING } from '../change-coupling.js';
import type { CommitFacts } from '../commit-facts.js';
import { analyzeQueues } from '../queues.js';
import { windowDates } from '../window.js';
import { SlidingDigest } from '../work-digest.js';
import { DriftNeeds, NameTable } from './drift-needs.js';
import { DRIFT_TRAILING_WEEKS, type DriftWeek } from './drift-types.js';

const DAY = 86_400;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

/** The Monday 00:00 UTC that starts the ISO week holding `time` (seconds). */
export function weekStart(time: number): number {
  const day = Math.floor(time / DAY);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const weekday = (day + 3) % 7;
  return (day - weekday) * DAY;
}

/** The ISO 8601 week of a week's Monday, `2026-W05` (the year is the Thursday's). */
export function isoWeek(monday: number): string {
  const thursday = new Date((monday + 3 * DAY) * 1000);
  const year = thursday.getUTCFullYear();
  const firstThursday = weekStart(Date.UTC(year, 0, 4) / 1000) + 3 * DAY;
  const week = 1 + Math.round((monday + 3 * DAY - firstThursday) / WEEK);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface DriftSeriesOptions {
  /** Weeks in each trailing window (default {@link DRIFT_TRAILING_WEEKS}). */
  weeks?: number;
  /**
   * The owner of each component (as path ownership decided it) under a catalog version, at
   * the end of the week measured (seconds; ownership files change too).
   */
  ownerOf: (component: string, catalog: Catalog, until: number) => string | null;
  /**
   * The catalog in force at a time (seconds), when its history is known (see
   * `readCatalogHistory`); each week is measured with the one in force at its end.
   * Default: `catalog` throughout.
   */
  catalogAt?: (time: number) => { catalog: Catalog; commit: string | null };
  /**
   * Which Groups of a catalog version are teams (see `coordinatingTeams`, which each version
   * answers for its own groups: a GitHub team gone today is still a permission team then);
   * default all.
   */
  isTeam?: (group: string, catalog: Catalog) => boolean;
  coupling?: CouplingOptions;
  /** Request exports, for each providing team's queue. */
  requests?: readonly RequestRecord[];
  /** The last week is the one holding this time (seconds); default the last commit's. */
  until?: number;
  /**
   * Weeks measured before, to keep instead of measuring again: a week is kept when the
   * digest of what it depends on — its window's facts and catalog version, and the week
   * before's (its congruence change) — is the one it was kept with. `digest` is given
   * (hashing is I/O's business); each week's digest is handed to `measured`.
   */
  reuse?: {
    digest: (facts: readonly CommitFacts[], catalogCommit: string | null) => string;
    kept: ReadonlyMap<string, { digest: string; week: DriftWeek }>;
    measured?: (week: DriftWeek, digest: string) => void;
  };
}

/**
 * The wiring week by week: for each ISO week from the first commit's to the last (or
 * `until`), the figures of `analyzeWiring` over the trailing window of `weeks` weeks that
 * ends with it, so that one quiet week does not read as a collapse. `facts` are the commits
 * of the whole history, any order; leading commits more than a year before the next (a
 * clock set to 1970) start no series. Each week is measured with the catalog in force at
 * its end (`catalogAt`): the teams its authors were in then, the team sizes then. Pure.
 */
export function driftSeries(
  catalog: Catalog,
  facts: readonly CommitFacts[],
  options: DriftSeriesOptions,
): DriftWeek[] {
  if (facts.length === 0) return [];
  const span = Math.max(1, Math.floor(options.weeks ?? DRIFT_TRAILING_WEEKS));
  const sorted = [...facts].sort((a, b) => a.time - b.time);
  // Real histories hold commits with impossible dates (xen has one of 1970): leading commits
  // more than a year before the next one start no series of empty decades.
  let start = 0;
  while (
    start < sorted.length - 1 &&
    (sorted[start + 1] as CommitFacts).time - (sorted[start] as CommitFacts).time > YEAR
  ) {
    start++;
  }
  const first = weekStart((sorted[start] as CommitFacts).time);
  const last = weekStart(options.until ?? (sorted[sorted.length - 1] as CommitFacts).time);
  const isTeam = options.isTeam ?? (() => true);
  const catalogAt = options.catalogAt ?? (() => ({ catalog, commit: null }));
  // What each catalog version says of its people, worked out once per version.
  const people = new Map<Catalog, ReturnType<typeof teamsOf>>();
  const teamsOf = (org: Catalog) => {
    const teams = org.groups.filter((g) => isTeam(g.ref, org));
    // Sizes and memberships speak of team design only for the catalog's own Groups: a GitHub
    // team or an OWNERS alias is an access list, and its size says nothing of a team; a group
    // of groups (a department, its head its one direct member) is a unit, not a team.
    const designed = new Set(
      teams.filter((g) => g.declaredBy === undefined && g.children.length === 0).map((g) => g.ref),
    );
    return {
      teamSizes: teams
        .filter((g) => designed.has(g.ref))
        .map((g) => ({ team: g.ref, members: g.members.length }))
        .sort((a, b) => a.team.localeCompare(b.team)),
      inTeam: new Set(teams.flatMap((g) => g.members)),
      multiTeamPeople: org.users
        .map((u) => ({ user: u.ref, teams: u.memberOf.filter((t) => designed.has(t)).sort() }))
        .filter((p) => p.teams.length > 2),
    };
  };

  const weeks: DriftWeek[] = [];
  // The references every week's needs name, numbered once for the series.
  const names = new NameTable();
  // The week before: its organisation and its weighted congruence, to split a change.
  let previous: { org: Catalog; weighted: number | null } | undefined;
  // The digest of the week before's own inputs, part of this week's (see `reuse`).
  let previousInputs = '';
  let from = 0;
  let to = 0;
  // The digest of the commits from `digested.from` to `digested.to`, moved to each week that
  // is measured (kept weeks are not: a restart that measures none moves it never).
  const coupling = options.coupling ?? DEFAULT_COUPLING;
  const sliding = new SlidingDigest(coupling);
  const digested = { from: 0, to: 0 };
  const digestOf = (start: number, end: number) => {
    // The window only moves on: what left it goes, then what came in comes.
    for (; digested.from < Math.min(start, digested.to); digested.from++)
      sliding.change(sorted[digested.from] as CommitFacts, -1);
    digested.from = Math.max(digested.from, start);
    digested.to = Math.max(digested.to, digested.from);
    for (; digested.to < end; digested.to++) sliding.change(sorted[digested.to] as CommitFacts, 1);
    return sliding.digest();
  };
  for (let monday = first; monday <= last; monday += WEEK) {
    const window = { since: monday - (span - 1) * WEEK, until: monday + WEEK - 1 };
    while (to < sorted.length && (sorted[to] as CommitFacts).time <= window.until) to++;
    while (from < to && (sorted[from] as CommitFacts).time < window.since) from++;
    const slice = sorted.slice(from, to);
    const version = catalogAt(window.until);
    const org = version.catalog;
    let known = people.get(org);
    if (!known) {
      known = teamsOf(org);
      people.set(org, known);
    }
    const { teamSizes, inTeam, multiTeamPeople } = known;
    const reuse = options.reuse;
    let digest = '';
    if (reuse) {
      const inputs = reuse.digest(slice, version.commit);
      digest = `${previousInputs}:${inputs}`;
      previousInputs = inputs;
      const kept = reuse.kept.get(isoWeek(monday));
      if (kept?.digest === digest) {
        weeks.push(kept.week);
        reuse.measured?.(kept.week, digest);
        previous = { org, weighted: kept.week.congruence.weighted };
        continue;
      }
    }
    const work = digestOf(from, to);
    const wiringUnder = (under: Catalog) =>
      analyzeWiring(under, slice, {
        window,
        ownerOf: (component) => options.ownerOf(component, under, window.until),
        isTeam: (group) => isTeam(group, under),
        coupling,
        digest: work,
      });
    const wiring = wiringUnder(org);
    const { needs, congruence, idleInteractions } = wiring.coordination;
    let congruenceChange: DriftWeek['congruenceChange'] = null;
    if (previous && previous.weighted !== null && congruence.weighted !== null) {
      // This week's work under last week's organisation: only when a new version came in.
      const before =
        previous.org === org
          ? congruence.weighted
          : wiringUnder(previous.org).coordination.congruence.weighted;
      if (before !== null) {
        const change = round(congruence.weighted - previous.weighted);
        const wiringPart = round(congruence.weighted - before);
        congruenceChange = { work: round(change - wiringPart), wiring: wiringPart };
      }
    }
    previous = { org, weighted: congruence.weighted };
    const unwired = needs.filter((n) => !n.wired);
    const partners = new Map<string, Set<string>>();
    for (const need of needs) {
      const [a, b] = need.teams;
      partners.set(a, (partners.get(a) ?? new Set()).add(b));
      partners.set(b, (partners.get(b) ?? new Set()).add(a));
    }
    let owned = 0;
    let attributed = 0;
    for (const c of wiring.components) {
      if (c.ownerShare === null) continue;
      const commits = c.teams.reduce((n, t) => n + t.commits, 0);
      owned += c.ownerShare * commits;
      attributed += commits;
    }
    const inferred = wiring.teams.length > 0 && wiring.teams.every((t) => t.inferred);
    const credited = slice.filter((f) => f.authors.some((a) => inTeam.has(a))).length;
    const week: DriftWeek = {
      week: isoWeek(monday),
      ...windowDates(window),
      commits: slice.length,
      congruence,
      congruenceChange,
      unwiredWeight: round(unwired.reduce((n, need) => n + need.weight, 0)),
      needs: DriftNeeds.of(
        unwired.map((n) => ({
          teams: n.teams,
          weight: n.weight,
          components: n.components.map((c) => c.ref),
        })),
        names,
      ),
      partners: [...partners]
        .map(([team, others]) => ({ team, teams: others.size }))
        .sort((a, b) => a.team.localeCompare(b.team)),
      crossTeamCoupling: wiring.coupling.pairs.filter((p) => p.crossTeam).length,
      ownerShare: attributed === 0 ? null : round(owned / attributed),
      coverage: inferred || slice.length === 0 ? null : round(credited / slice.length),
      teamSizes,
      headcount: inTeam.size,
      idleInteractions: idleInteractions.map((i) => ({ teams: i.teams, mode: i.mode })),
      catalogCommit: version.commit,
      queues: analyzeQueues(org, options.requests ?? [], window).map((q) => ({
        team: q.team,
        p85: q.leadTime.p85,
        breachRate: q.breachRate,
        netFlow: q.completions - q.arrivals,
        promise: q.sla,
      })),
      multiTeamPeople,
    };
    weeks.push(week);
    reuse?.measured?.(week, digest);
  }
  return weeks;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
