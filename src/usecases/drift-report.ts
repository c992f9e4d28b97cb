import {
  backtest,
  DRIFT_RULES,
  type DriftAlert,
  type DriftMonth,
  type DriftOptions,
  type DriftRule,
  type DriftWeek,
  driftAlerts,
  driftMonths,
} from '../analysis/index.js';
import type { Bet, Config } from '../model/index.js';

/** What drift says of a history: the series, its monthly means and the alerts (docs/json.md). */
export interface DriftReport {
  /** Weeks in each week's trailing window. */
  weeks: number;
  series: DriftWeek[];
  months: DriftMonth[];
  alerts: DriftReportAlert[];
  /** How often each rule fired over the history. */
  backtest: { rule: DriftRule; alerts: number }[];
}

/** An alert with the undecided bets that need what it is about. */
export interface DriftReportAlert extends DriftAlert {
  /**
   * The bets, proposed or active, that need a component the alert names: the work that
   * may have brought the change (a bet that needs seven teams' services couples them).
   */
  bets: string[];
}

/**
 * The alerts of a weekly series under `orgwire.yaml`'s `drift:` settings (rules turned
 * off are not run; every other setting over the rules' defaults), with the monthly means
 * and the backtest; each alert names the undecided `bets` that need its components. The
 * CLI's `drift` and the radiator's Trends page both read this.
 */
export function driftReport(
  series: DriftWeek[],
  span: number,
  settings: Config['drift'] = {},
  bets: readonly Bet[] = [],
): DriftReport {
  const { weeks: _span, rules, ...tuned } = settings;
  const given = Object.fromEntries(
    Object.entries(tuned).filter(([, value]) => value !== undefined),
  ) as Partial<DriftOptions>;
  const alerts = driftAlerts(series, {
    ...given,
    rules: DRIFT_RULES.filter((rule) => rules?.[rule] !== 'off'),
  });
  const open = bets.filter(
    (b) => (b.spec.status ?? 'proposed') === 'proposed' || b.spec.status === 'active',
  );
  const betsOf = (a: DriftAlert) =>
    open.filter((b) => b.spec.needs?.some((n) => a.components.includes(n))).map((b) => b.ref);
  return {
    weeks: span,
    series,
    months: driftMonths(series),
    alerts: alerts.map((a) => ({ ...a, bets: betsOf(a) })),
    backtest: backtest(alerts),
  };
}

/** A week as the radiator keeps it: without the evidence only the alert rules read. */
export type RadiatorDriftWeek = Omit<DriftWeek, 'needs' | 'multiTeamPeople' | 'idleInteractions'>;

/** The drift report as the radiator keeps it (see {@link radiatorDrift}). */
export type RadiatorDrift = Omit<DriftReport, 'series'> & { series: RadiatorDriftWeek[] };

/**
 * The report without each week's unwired needs, people in many teams and idle interactions:
 * the alerts have read them, the Trends page draws none of them, and on a large organisation
 * they are most of the series (300 MB of 1,000 teams' year).
 */
export function radiatorDrift(report: DriftReport): RadiatorDrift {
  return {
    ...report,
    series: report.series.map(
      ({ needs: _n, multiTeamPeople: _m, idleInteractions: _i, ...week }) => week,
    ),
  };
}

/** Alerts still holding at the last week, at the alert level: what makes `drift` exit 1. */
export function activeAlerts(report: Pick<DriftReport, 'alerts'>): DriftAlert[] {
  return report.alerts.filter((a) => a.end === null && a.level === 'alert');
}
