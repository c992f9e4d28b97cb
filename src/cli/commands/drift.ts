import { COVERAGE_WARNING, DRIFT_TRAILING_WEEKS, type DriftWeek } from '../../analysis/index.js';
import {
  activeAlerts,
  buildReport,
  type DriftReport,
  type DriftReportAlert,
  driftReport,
  keptDriftSeries,
} from '../../usecases/index.js';
import { versionsUsed } from '../catalog-or-empty.js';
import type { LoadedConfig } from '../context.js';
import { catalogWithHistory, driftCacheFor, withOwnershipHistory } from '../drift-setup.js';
import { type Io, writeJson } from '../io.js';
import { openStore } from '../open-store.js';
import { plural, ratio, short, wrap } from '../render.js';
import { windowFlags } from '../window-flags.js';
import { ingestForReport, plainReportFlags, reportOptions } from './analyze.js';

export interface DriftCommandOptions {
  catalog?: string[];
  repos: string[];
  db?: string;
  /** Weeks in each trailing window (default: orgwire.yaml's `drift.weeks`, else 4). */
  weeks?: number;
  /** The last week: the one holding this date (default: the newest commit's). */
  until?: string;
  requests?: string[];
  ignore?: string[];
  /** Also say how often each rule fired over the history. */
  backtest: boolean;
  format: 'table' | 'json' | 'md';
  quiet: boolean;
  /** The demo: its catalog lives in orgwire's own history, which is not the demo's. */
  demo?: boolean;
}

/** The options as the output shows them: with the trailing window's length settled. */
type Shown = DriftCommandOptions & { weeks: number };

/** The measures the table shows, with how to read a value. */
const MEASURES: {
  label: string;
  of: (w: DriftWeek) => number | null;
  ratio: boolean;
}[] = [
  {
    label: 'congruence',
    of: (w) => w.congruence.weighted,
    ratio: true,
  },
  { label: 'unwired need weight', of: (w) => w.unwiredWeight, ratio: false },
  {
    label: 'cross-team coupling',
    of: (w) => w.crossTeamCoupling,
    ratio: false,
  },
  { label: 'owner share', of: (w) => w.ownerShare, ratio: true },
  { label: 'coverage', of: (w) => w.coverage, ratio: true },
  { label: 'commits', of: (w) => w.commits, ratio: false },
];

/** Weeks the sparklines show. */
const SPARK_WEEKS = 26;

/**
 * `orgwire drift`: the wiring week by week over the whole history and the alerts its rules
 * raise. Exit 1 when an alert is still active at the last week (a CI gate, like `check`),
 * 0 otherwise.
 */
export async function drift(
  io: Io,
  config: LoadedConfig,
  options: DriftCommandOptions,
): Promise<number> {
  const catalog = await catalogWithHistory(io, config, options);
  const { loaded, ownership, read } = catalog;
  const settings = config.config.drift ?? {};
  const span = options.weeks ?? settings.weeks ?? DRIFT_TRAILING_WEEKS;
  const store = await openStore(io, options.db);
  let weeks: DriftWeek[];
  try {
    const flags = plainReportFlags(
      options,
      windowFlags(options.until === undefined ? {} : { until: options.until }),
      ownership,
    );
    const input = await ingestForReport(io, config, loaded.catalog, store, flags);
    const cache = await driftCacheFor(store, config, catalog, input, {
      span,
      ignore: options.ignore,
      until: options.until,
    });
    weeks =
      (await keptDriftSeries(store, cache)) ??
      (
        await buildReport(store, loaded.catalog, await withOwnershipHistory(catalog, input), {
          ...reportOptions(config, flags, input),
          drift: { weeks: span, versions: read ? (await read.load()).versions : [], cache },
        })
      ).drift ??
      [];
  } finally {
    await store.close();
  }
  if (read && read.list.length > 0 && !options.quiet) io.err(`${versionsUsed(read, weeks)}\n`);
  const { backtest, ...report } = driftReport(weeks, span, settings, loaded.catalog.bets);
  const status = activeAlerts(report).length > 0 ? 1 : 0;
  if (options.format === 'json') {
    writeJson(io, { ...report, ...(options.backtest ? { backtest } : {}) });
    return status;
  }
  const shown: Shown = { ...options, weeks: span };
  const { alerts } = report;
  io.out(
    options.format === 'md'
      ? markdown(weeks, alerts, backtest, shown)
      : table(weeks, alerts, backtest, shown),
  );
  return status;
}

/**
 * A warning when the last week's coverage is below {@link COVERAGE_WARNING}: its figures,
 * and the alerts on them, speak for a few of the people only.
 */
function coverageWarning(weeks: readonly DriftWeek[]): string | undefined {
  const coverage = weeks.at(-1)?.coverage;
  if (coverage == null || coverage >= COVERAGE_WARNING) return undefined;
  return `⚠ Coverage ${ratio(coverage)} at the last week: most commits come from people in no team, so these figures and alerts speak for a few people only. Fix: \`orgwire identities\` (same --repo and --catalog).`;
}

/** Values as a line of block characters, lowest to highest; a gap where there is none. */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const low = Math.min(...known);
  const high = Math.max(...known);
  const bars = '▁▂▃▄▅▆▇█';
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (high === low) return bars[3];
      return bars[Math.round(((v - low) / (high - low)) * (bars.length - 1))];
    })
    .join('');
}

const shown = (value: number | null, isRatio: boolean) =>
  value === null ? '–' : isRatio ? ratio(value) : String(Math.round(value * 10) / 10);

function heading(weeks: readonly DriftWeek[], options: Shown): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last) return 'No commits: there is no week to measure.';
  return `Drift ${first.week} to ${last.week}: ${plural(weeks.length, 'week')}, each measured over the ${plural(options.weeks, 'week')} that end with it.`;
}

/** The evidence, with the undecided bets that need what the alert is about. */
const evidenceOf = (a: DriftReportAlert) =>
  a.bets.length === 0
    ? a.evidence
    : `${a.evidence} ${plural(a.bets.length, 'bet')} not yet decided ${a.bets.length === 1 ? 'needs' : 'need'} these components: ${a.bets.map(short).join(', ')}.`;

function alertLine(a: DriftReportAlert): string {
  const about = a.teams.map(short).join(' + ');
  const when = a.end === null ? `since ${a.start}` : `${a.start} to ${a.end}`;
  return `${a.end === null ? '●' : '○'} ${a.level === 'watch' ? 'watch' : 'alert'}  ${a.rule}  ${when}${about ? `  ${about}` : ''}\n${wrap(evidenceOf(a), '    ')}`;
}

function table(
  weeks: readonly DriftWeek[],
  alerts: readonly DriftReportAlert[],
  fired: DriftReport['backtest'],
  options: Shown,
): string {
  const out = [heading(weeks, options)];
  if (weeks.length > 0) {
    const recent = weeks.slice(-SPARK_WEEKS);
    out.push('', `MEASURE              LAST      LAST ${recent.length} WEEKS`);
    for (const m of MEASURES) {
      const values = recent.map(m.of);
      out.push(
        `${m.label.padEnd(20)} ${shown(values.at(-1) ?? null, m.ratio).padEnd(9)} ${sparkline(values)}`,
      );
    }
  }
  const low = coverageWarning(weeks);
  if (low) out.push('', wrap(low));
  const raised = alerts.filter((a) => a.level === 'alert');
  const active = raised.filter((a) => a.end === null);
  const watching = alerts.filter((a) => a.level === 'watch' && a.end === null);
  out.push(
    '',
    raised.length === 0
      ? '✓ No alert over the history.'
      : `Alerts: ${active.length} active at the last week, ${raised.length} over the history (● active, ○ over).`,
  );
  // Active first, then the most recent; watches after the alerts.
  const shownAlerts = [...alerts].sort(
    (a, b) =>
      Number(b.level === 'alert') - Number(a.level === 'alert') ||
      Number(b.end === null) - Number(a.end === null) ||
      b.start.localeCompare(a.start),
  );
  for (const a of shownAlerts.slice(0, 15)) out.push(alertLine(a));
  if (alerts.length > 15) out.push(`… and ${alerts.length - 15} more (see --format json).`);
  if (watching.length > 0)
    out.push(
      `${plural(watching.length, 'watch', 'watches')} holding at the last week (a state since the first week, or close to an alert).`,
    );
  if (options.backtest) {
    out.push('', 'Backtest: how often each rule fired over the history');
    for (const b of fired) out.push(`  ${b.rule.padEnd(34)} ${b.alerts}`);
  }
  return `${out.join('\n')}\n`;
}

function markdown(
  weeks: readonly DriftWeek[],
  alerts: readonly DriftReportAlert[],
  fired: DriftReport['backtest'],
  options: Shown,
): string {
  const out = ['# Drift', '', heading(weeks, options), ''];
  const low = coverageWarning(weeks);
  if (low) out.push(low, '');
  const last = weeks.at(-1);
  if (last) {
    out.push('| Measure | Last week | Last 26 weeks |', '| --- | --- | --- |');
    for (const m of MEASURES) {
      const values = weeks.slice(-SPARK_WEEKS).map(m.of);
      out.push(`| ${m.label} | ${shown(m.of(last), m.ratio)} | ${sparkline(values)} |`);
    }
    out.push('');
  }
  out.push('## Alerts', '');
  if (alerts.length === 0) out.push('No alert over the history.');
  for (const a of [...alerts].reverse()) {
    out.push(
      `- **${a.rule}** (${a.level}, ${a.end === null ? `since ${a.start}` : `${a.start} to ${a.end}`})${a.teams.length ? ` — ${a.teams.map(short).join(' + ')}` : ''}: ${evidenceOf(a)}`,
    );
  }
  if (options.backtest) {
    out.push('', '## Backtest', '', '| Rule | Alerts |', '| --- | --- |');
    for (const b of fired) out.push(`| ${b.rule} | ${b.alerts} |`);
  }
  return `${out.join('\n')}\n`;
}
