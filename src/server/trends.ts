import type { Catalog } from '../model/index.js';
import type { DriftReportAlert, RadiatorDrift, RadiatorDriftWeek } from '../usecases/index.js';
import type {
  DriftAlertsSummary,
  TeamTrend,
  TrendAlert,
  TrendReorg,
  TrendsView,
  TrendWeek,
} from './api-types.js';
import { summarize } from './labels.js';

/** Alerts still holding at the last week come first, alerts before watches, newest first. */
function byUrgency(a: TrendAlert, b: TrendAlert): number {
  const holding = Number(b.end === null) - Number(a.end === null);
  if (holding !== 0) return holding;
  const level = Number(b.level === 'alert') - Number(a.level === 'alert');
  if (a.end === null && level !== 0) return level;
  return b.start.localeCompare(a.start) || b.id - a.id;
}

/** A week of the series, trimmed to what the Trends page draws. */
function trendWeek(w: RadiatorDriftWeek): TrendWeek {
  return {
    week: w.week,
    since: w.since,
    until: w.until,
    commits: w.commits,
    congruence: w.congruence,
    congruenceChange: w.congruenceChange,
    unwiredWeight: w.unwiredWeight,
    crossTeamCoupling: w.crossTeamCoupling,
    ownerShare: w.ownerShare,
    coverage: w.coverage,
    headcount: w.headcount,
    catalogCommit: w.catalogCommit,
  };
}

/**
 * Reorganisations: the weeks whose catalog version (`catalogCommit`) differs from the week
 * before's, both known, and changed what the week measures — the rewiring moved congruence
 * (`congruenceChange.wiring`), or the teams' sizes or headcount changed. A team file edited
 * every week (kubernetes' changes 400 times in 8 years, mostly people no commit names) would
 * otherwise rule every chart solid. The first week has none before it; a week measured with
 * today's catalog (null) is no change of the catalog. `changes` counts every new version.
 */
export function reorgWeeks(series: readonly RadiatorDriftWeek[]): {
  reorgs: TrendReorg[];
  changes: number;
} {
  const reorgs: TrendReorg[] = [];
  let changes = 0;
  for (let i = 1; i < series.length; i++) {
    const last = series[i - 1] as RadiatorDriftWeek;
    const week = series[i] as RadiatorDriftWeek;
    const before = last.catalogCommit;
    if (before === null || week.catalogCommit === null || week.catalogCommit === before) continue;
    changes++;
    const rewired =
      (week.congruenceChange?.wiring ?? 0) !== 0 ||
      week.headcount !== last.headcount ||
      JSON.stringify(week.teamSizes) !== JSON.stringify(last.teamSizes);
    if (rewired) reorgs.push({ week: week.week, catalogCommit: week.catalogCommit, before });
  }
  return { reorgs, changes };
}

/**
 * The radiator's drift views: the Trends page, the overview's active alerts and each team's
 * own series. Built once from the report; an absent report (no commits, or the history still
 * being measured) gives empty views.
 */
export class Trends {
  private readonly catalog: Catalog;
  private readonly drift: RadiatorDrift | undefined;
  private readonly series: RadiatorDriftWeek[];
  private readonly alerts: TrendAlert[];
  private readonly reorgs: TrendReorg[];
  /** Every new catalog version over the series, whether it changed what was measured or not. */
  private readonly catalogChanges: number;
  private readonly alertsOf = new Map<string, TrendAlert[]>();
  /** The history is being measured in the background: the views are empty until it is. */
  private readonly measuring: boolean;

  constructor(catalog: Catalog, drift: RadiatorDrift | undefined, measuring = false) {
    this.catalog = catalog;
    this.drift = drift;
    this.measuring = measuring;
    this.series = drift?.series ?? [];
    const { reorgs, changes } = reorgWeeks(this.series);
    this.reorgs = reorgs;
    this.catalogChanges = changes;
    this.alerts = (drift?.alerts ?? []).map((a, id) => this.alertView(a, id)).sort(byUrgency);
    for (const alert of this.alerts) {
      for (const team of alert.teams) {
        const list = this.alertsOf.get(team.ref) ?? [];
        list.push(alert);
        this.alertsOf.set(team.ref, list);
      }
    }
  }

  private alertView(alert: DriftReportAlert, id: number): TrendAlert {
    const named = (refs: readonly string[]) => refs.map((r) => summarize(this.catalog, r));
    return {
      ...alert,
      id,
      teams: named(alert.teams),
      components: named(alert.components),
      bets: named(alert.bets),
    };
  }

  /** `GET /api/trends`. */
  view(): TrendsView {
    return {
      weeks: this.drift?.weeks ?? 0,
      measuring: this.measuring,
      series: this.series.map(trendWeek),
      reorgs: this.reorgs,
      catalogChanges: this.catalogChanges,
      alerts: this.alerts,
      backtest: this.drift?.backtest ?? [],
    };
  }

  /** The overview's list: alerts (not watches) still holding at the last week. */
  summary(): DriftAlertsSummary {
    const holding = this.alerts.filter((a) => a.end === null);
    return {
      lastWeek: this.series.at(-1)?.week ?? null,
      measuring: this.measuring,
      active: holding.filter((a) => a.level === 'alert'),
      watches: holding.filter((a) => a.level === 'watch').length,
      past: this.alerts.filter((a) => a.end !== null && a.level === 'alert').length,
    };
  }

  /**
   * One team's series: how many teams it must coordinate with (0 with no need, or no work,
   * in the window), its members (null: not one of the catalog's own teams that week) and
   * its queue's p85 lead time (null: no request done), with the alerts that name it.
   */
  team(ref: string): TeamTrend {
    let promise: number | null = null;
    let provides = false;
    const weeks = this.series.map((w) => {
      const queue = w.queues.find((q) => q.team === ref);
      if (queue) {
        provides = true;
        promise = queue.promise ?? promise;
      }
      return {
        week: w.week,
        since: w.since,
        until: w.until,
        // The series lists only teams with a need: the others must coordinate with none.
        partners: w.partners.find((p) => p.team === ref)?.teams ?? 0,
        members: w.teamSizes.find((s) => s.team === ref)?.members ?? null,
        queueP85: queue?.p85 ?? null,
      };
    });
    return {
      weeks,
      measuring: this.measuring,
      provides,
      promise,
      reorgs: this.reorgs,
      alerts: this.alertsOf.get(ref) ?? [],
    };
  }
}
