import { type Catalog, humanizeEntityRef, type RequestRecord } from '../model/index.js';
import type { TimeWindow } from './window.js';

const DAY = 86_400;

/** Percentiles of a set of durations, in days, by the nearest-rank method. */
export interface Percentiles {
  p50: number | null;
  p85: number | null;
  p95: number | null;
}

export interface Remedy {
  kind: 'self-service' | 'embed' | 'unstable';
  why: string;
}

/** How one providing team's request queue behaved over the window. */
export interface QueueReport {
  team: string;
  /** Requests created in the window. */
  arrivals: number;
  /** Requests done in the window. */
  completions: number;
  /** Requests open at the window's end. */
  wip: number;
  /** Created → done, in days, over the requests done in the window. */
  leadTime: Percentiles;
  /**
   * The wait before work started, in days, over the requests done in the window that say it:
   * the time spent in waiting statuses where the export holds the status history (Jira's
   * changelog), else created → started.
   */
  waitBeforeStart: Percentiles;
  /** The promised lead time (`orgwire.dev/request-sla`), days; null when none is declared. */
  sla: number | null;
  /** Share of the requests done in the window whose lead time exceeded the promise. */
  breachRate: number | null;
  /** Per week of the window (from its start): arrivals, completions and their difference. */
  weeks: { start: string; arrivals: number; completions: number; net: number }[];
  /** More arrived than was done over the window. */
  backlogGrowing: boolean;
  /** The longest run of consecutive weeks in which more arrived than was done. */
  growingWeeks: number;
  /**
   * Little's law cross-check: the average number open (sampled daily) against arrival
   * rate × mean lead time. Far apart, the export is incomplete or the queue is not steady.
   */
  littlesLaw: {
    averageWip: number;
    arrivalsPerDay: number;
    meanLeadTime: number | null;
    predictedWip: number | null;
  };
  /** Requests done per week over the window (its length in days / 7), two decimals. */
  throughput: number;
  /**
   * Aging work in progress: the requests open at the window's end, against the p85 lead
   * time — an open request older than it is already later than 85 % of those done.
   * `open` and `overP85` count them all; `oldest` lists the {@link AGING_LISTED} oldest.
   */
  aging: { open: number; overP85: number; oldest: AgingRequest[] };
  /**
   * At the window's rates: `weeksOfWork`, the open requests over the throughput (null when
   * nothing was done); `weeksToClear`, with requests arriving as they did, the open ones
   * over the net rate at which the queue drains (`drainPerWeek`, throughput − arrivals
   * per week), null when it does not drain: it never clears at this rate. Both 0 when
   * nothing is open.
   */
  forecast: { weeksOfWork: number | null; weeksToClear: number | null; drainPerWeek: number };
  /** Requesting teams with their share of the arrivals, largest first. */
  requesters: { team: string; share: number }[];
  remedies: Remedy[];
}

/** An open request at the window's end. */
export interface AgingRequest {
  tracker: string;
  id: string;
  requester: string;
  /** Days from its creation to the window's end, one decimal. */
  ageDays: number;
  /** Whether work on it has started, where the export says. */
  started: boolean;
  /** Older than the team's p85 lead time. */
  overP85: boolean;
}

/** How many of a queue's open requests `aging.oldest` lists. */
export const AGING_LISTED = 100;

/** Requesting teams from which on a team counts as a shared service for many. */
export const MANY_REQUESTERS = 4;
/** A requester with more than this share of the arrivals dominates the queue. */
export const DOMINANT_SHARE = 0.6;
/** Weeks in a row of arrivals above completions that make a queue unstable. */
export const UNSTABLE_WEEKS = 4;

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile p (0–100] of sorted values: the value at rank ⌈p/100 · n⌉. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

function percentiles(days: number[]): Percentiles {
  const sorted = [...days].sort((a, b) => a - b);
  const at = (p: number) => {
    const v = nearestRank(sorted, p);
    return v === null ? null : round(v);
  };
  return { p50: at(50), p85: at(85), p95: at(95) };
}

/**
 * Queue measures per providing team (design.md §5) over the window, and the remedies the
 * numbers point to: `self-service` when many teams (4 or more) ask and the promise is
 * breached for the typical request (p85 lead time above it); `embed` when one other team,
 * with members or child groups, asks for more than 60 % of the requests; `unstable` when
 * arrivals exceed completions 4 weeks or more in a row — lead times will keep growing.
 */
export function analyzeQueues(
  catalog: Catalog,
  requests: readonly RequestRecord[],
  window: TimeWindow,
): QueueReport[] {
  const slaOf = new Map(catalog.groups.map((g) => [g.ref, g.requestSlaDays ?? null]));
  // Groups with nobody to embed a capability with, such as a stand-in for everyone
  // outside (`community`): no members and no child groups.
  const nobody = new Set(
    catalog.groups
      .filter((g) => g.members.length === 0 && g.children.length === 0)
      .map((g) => g.ref),
  );
  const byProvider = new Map<string, RequestRecord[]>();
  for (const r of requests) {
    const list = byProvider.get(r.provider);
    if (list) list.push(r);
    else byProvider.set(r.provider, [r]);
  }
  const within = (t: number | undefined): boolean =>
    t !== undefined && t >= window.since && t <= window.until;
  const windowDays = Math.max(1, (window.until - window.since + 1) / DAY);

  return [...byProvider]
    .map(([team, list]) => {
      const arrived = list.filter((r) => within(r.created));
      const done = list.filter((r) => within(r.done));
      const lead = done.map((r) => ((r.done as number) - r.created) / DAY);
      // The time spent waiting where the status history says it, else created → started.
      const waits = done.flatMap((r) => {
        if (r.waited !== undefined) return [r.waited / DAY];
        return r.started === undefined ? [] : [(r.started - r.created) / DAY];
      });
      const sla = slaOf.get(team) ?? null;
      const leadTime = percentiles(lead);

      const weeks: QueueReport['weeks'] = [];
      for (let start = window.since; start <= window.until; start += 7 * DAY) {
        const end = Math.min(start + 7 * DAY - 1, window.until);
        const a = arrived.filter((r) => r.created >= start && r.created <= end).length;
        const c = done.filter(
          (r) => (r.done as number) >= start && (r.done as number) <= end,
        ).length;
        weeks.push({
          start: new Date(start * 1000).toISOString().slice(0, 10),
          arrivals: a,
          completions: c,
          net: a - c,
        });
      }
      let run = 0;
      let growingWeeks = 0;
      for (const week of weeks) {
        run = week.net > 0 ? run + 1 : 0;
        growingWeeks = Math.max(growingWeeks, run);
      }

      let openDays = 0;
      for (let day = window.since + DAY - 1; day <= window.until; day += DAY) {
        openDays += list.filter(
          (r) => r.created <= day && (r.done === undefined || r.done > day),
        ).length;
      }
      const averageWip = openDays / Math.floor(windowDays);
      const meanLeadTime = lead.length > 0 ? lead.reduce((s, x) => s + x, 0) / lead.length : null;
      const arrivalsPerDay = arrived.length / windowDays;

      const open = list.filter(
        (r) => r.created <= window.until && (r.done === undefined || r.done > window.until),
      );
      const aged = open
        .map((r) => {
          const ageDays = (window.until - r.created) / DAY;
          return {
            tracker: r.tracker,
            id: r.id,
            requester: r.requester,
            ageDays: round(ageDays),
            started: r.started !== undefined && r.started <= window.until,
            overP85: leadTime.p85 !== null && ageDays > leadTime.p85,
          };
        })
        .sort((a, b) => b.ageDays - a.ageDays || a.id.localeCompare(b.id));
      const weeksLong = windowDays / 7;
      const throughput = done.length / weeksLong;
      const drainPerWeek = throughput - arrived.length / weeksLong;

      const counts = new Map<string, number>();
      for (const r of arrived) counts.set(r.requester, (counts.get(r.requester) ?? 0) + 1);
      const requesters = [...counts]
        .map(([requester, n]) => ({ team: requester, share: round(n / arrived.length, 3) }))
        .sort((a, b) => b.share - a.share || a.team.localeCompare(b.team));

      const remedies: Remedy[] = [];
      if (
        requesters.length >= MANY_REQUESTERS &&
        sla !== null &&
        leadTime.p85 !== null &&
        leadTime.p85 > sla
      ) {
        remedies.push({
          kind: 'self-service',
          why: `${requesters.length} teams ask, and the p85 lead time is ${leadTime.p85} days against a promise of ${round(sla)}: make the capability self-service or a platform.`,
        });
      }
      const top = requesters[0];
      // A team's own backlog (it asks itself) has nothing to embed, nor has a requester
      // with nobody in it.
      if (top && top.share > DOMINANT_SHARE && top.team !== team && !nobody.has(top.team)) {
        remedies.push({
          kind: 'embed',
          why: `${humanizeEntityRef(top.team)} asks for ${Math.round(top.share * 100)} % of the requests: embed the capability in that team.`,
        });
      }
      if (growingWeeks >= UNSTABLE_WEEKS) {
        remedies.push({
          kind: 'unstable',
          why: `More requests arrived than were done ${growingWeeks} weeks in a row: the queue is unstable and lead times will keep growing.`,
        });
      }

      return {
        team,
        arrivals: arrived.length,
        completions: done.length,
        wip: open.length,
        leadTime,
        waitBeforeStart: percentiles(waits),
        sla,
        breachRate:
          sla === null || lead.length === 0
            ? null
            : round(lead.filter((d) => d > sla).length / lead.length, 3),
        weeks,
        backlogGrowing: arrived.length > done.length,
        growingWeeks,
        littlesLaw: {
          averageWip: round(averageWip, 2),
          arrivalsPerDay: round(arrivalsPerDay, 3),
          meanLeadTime: meanLeadTime === null ? null : round(meanLeadTime, 1),
          predictedWip: meanLeadTime === null ? null : round(arrivalsPerDay * meanLeadTime, 2),
        },
        throughput: round(throughput, 2),
        aging: {
          open: open.length,
          overP85: aged.filter((r) => r.overP85).length,
          oldest: aged.slice(0, AGING_LISTED),
        },
        forecast: {
          weeksOfWork:
            open.length === 0 ? 0 : throughput > 0 ? round(open.length / throughput) : null,
          weeksToClear:
            open.length === 0 ? 0 : drainPerWeek > 0 ? round(open.length / drainPerWeek) : null,
          drainPerWeek: round(drainPerWeek, 2),
        },
        requesters,
        remedies,
      };
    })
    .sort((a, b) => b.arrivals - a.arrivals || a.team.localeCompare(b.team));
}

/**
 * The newest event (creation or completion) among the requests, in Unix seconds; 0 when
 * there is none. A loop, not `Math.max(...)`: a spread of every request overflows the
 * stack past about 62,000 of them.
 */
export function newestRequestEvent(requests: readonly RequestRecord[]): number {
  let newest = 0;
  for (const r of requests) newest = Math.max(newest, r.created, r.done ?? 0);
  return newest;
}

/** The expected wait at each providing team: its p85 lead time in days (for the bets board). */
export function queueWaits(queues: readonly QueueReport[]): Map<string, number> {
  return new Map(
    queues.flatMap((q) => (q.leadTime.p85 === null ? [] : [[q.team, q.leadTime.p85] as const])),
  );
}
