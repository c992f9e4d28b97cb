import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useLocation } from 'react-router';
import type { TrendAlert, TrendsView } from '../../../src/server/api-types.js';
import { AlertTimeline } from '../components/AlertTimeline.js';
import { DriftAlertList } from '../components/DriftAlertList.js';
import { Measuring } from '../components/Measuring.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { Term } from '../components/Term.js';
import { TrendTable } from '../components/TrendTable.js';
import { formatValue, WeeklyChart, WeeklyChartKey } from '../components/WeeklyChart.js';
import { alertTitle, lastChange, MEASURES, type MeasureSpec, RULE_WORDS } from '../drift-words.js';
import { num } from '../format.js';
import type { TermId } from '../glossary.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';

/** Past alerts listed before "show all": a long history raises hundreds. */
const PAST_LIMIT = 20;

/** The glossary entry of each chart (drift-words' `key`) and of each rule. */
const MEASURE_TERM: Record<string, TermId> = {
  congruence: 'congruence',
  unwired: 'unwired',
  coupling: 'cross-team-coupling',
  'owner-share': 'owner-share',
  coverage: 'coverage',
  headcount: 'headcount',
};
const RULE_TERM: Record<TrendAlert['rule'], TermId> = {
  'measure-shift': 'rule-measure-shift',
  'emerging-need': 'rule-emerging-need',
  'idle-interaction': 'rule-idle-interaction',
  'coordination-outgrows-headcount': 'rule-coordination-outgrows-headcount',
  'queue-over-promise': 'rule-queue-over-promise',
  'team-size': 'rule-team-size',
  'person-in-many-teams': 'rule-person-in-many-teams',
};

function MeasureChart({ spec, data }: { spec: MeasureSpec; data: TrendsView }) {
  const points = useMemo(
    () => data.series.map((w) => ({ week: w.week, until: w.until, value: spec.value(w) })),
    [data, spec],
  );
  const marks = useMemo(
    () =>
      data.alerts
        .filter((a) => spec.alerts.includes(a.measure))
        .map((a) => ({
          week: a.start,
          level: a.level,
          title: `${a.level}: ${alertTitle(a)}, ${a.start}`,
        })),
    [data, spec],
  );
  const reorgs = useMemo(() => data.reorgs.map((r) => r.week), [data]);
  const last = data.series.at(-1);
  const unit = spec.share ? 'share' : 'count';
  const change = spec.key === 'congruence' ? lastChange(data.series) : null;
  return (
    <figure className="card trend-card" aria-labelledby={`measure-${spec.key}`}>
      <figcaption>
        <h3 id={`measure-${spec.key}`}>
          {MEASURE_TERM[spec.key] ? (
            <Term id={MEASURE_TERM[spec.key] as TermId}>{spec.title}</Term>
          ) : (
            spec.title
          )}
        </h3>
        <p className="trend-last">
          <strong>{formatValue(unit, last ? spec.value(last) : null)}</strong>{' '}
          <span className="muted small">in {last?.week}</span>
        </p>
      </figcaption>
      <WeeklyChart
        points={points}
        unit={unit}
        reorgs={reorgs}
        marks={marks}
        label={`${spec.title} week by week, ${data.series[0]?.week} to ${last?.week}`}
      />
      {change ? (
        <p className="small">
          <Term id="congruence-change">Last change</Term>, {change.week} against {change.before}:{' '}
          <strong>{change.text}</strong>.
        </p>
      ) : null}
      <p className="small muted">{spec.means}</p>
    </figure>
  );
}

function Alerts({ data, openId }: { data: TrendsView; openId: number | null }) {
  const holding = data.alerts.filter((a) => a.end === null);
  const past = data.alerts.filter((a) => a.end !== null);
  const wanted = past.findIndex((a) => a.id === openId);
  const [all, setAll] = useState(wanted >= PAST_LIMIT);
  useScrollToHash(all ? 'all' : 'some');
  const shown = all ? past : past.slice(0, PAST_LIMIT);
  const reorgs = useMemo(() => data.reorgs.map((r) => r.week), [data]);
  return (
    <section aria-labelledby="alerts-h">
      <h2 id="alerts-h">
        <Term id="alert-watch">Alerts</Term>
      </h2>
      <p className="small muted">
        Each alert names the rule that raised it, the week it started and the teams it is about;
        open one for its evidence. An <strong>alert</strong> is a rule that fired; a{' '}
        <strong>watch</strong> is one close to firing, or a state held since the first week (how the
        organisation has always been, not drift).
      </p>
      {data.alerts.length > 0 ? (
        <figure className="card timeline">
          <figcaption>When each alert and watch started, one row per rule</figcaption>
          <AlertTimeline series={data.series} alerts={data.alerts} reorgs={reorgs} />
        </figure>
      ) : null}
      <h3>Holding now ({num(holding.length)})</h3>
      {holding.length === 0 ? (
        <p>No alert or watch holds at the last week.</p>
      ) : (
        <DriftAlertList alerts={holding} openId={openId} />
      )}
      <h3>Past ({num(past.length)})</h3>
      {past.length === 0 ? (
        <p className="muted">No alert has come and gone yet.</p>
      ) : (
        <>
          <DriftAlertList alerts={shown} openId={openId} />
          {shown.length < past.length ? (
            <p>
              <button type="button" className="secondary" onClick={() => setAll(true)}>
                Show all {num(past.length)} past alerts
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function Rules({ data }: { data: TrendsView }) {
  const fired = new Map(data.backtest.map((b) => [b.rule, b.alerts]));
  return (
    <section aria-labelledby="rules-h">
      <h2 id="rules-h">How the alerts are raised</h2>
      <p className="small muted">
        Each rule reads the weekly series. It raises an alert when its state changes, not every week
        the state holds, and after one ends the same rule rests 4 weeks for the same teams. The
        count is how often the rule fired over the whole history (its backtest).
      </p>
      <dl className="rules">
        {Object.entries(RULE_WORDS).map(([rule, words]) => {
          const times = fired.get(rule as TrendAlert['rule']) ?? 0;
          return (
            <div key={rule}>
              <dt>
                <strong>
                  <Term id={RULE_TERM[rule as TrendAlert['rule']]}>{words.title}</Term>
                </strong>{' '}
                <code className="small">{rule}</code>{' '}
                <span className="muted small nowrap">
                  {times === 0
                    ? 'never fired'
                    : `fired ${times === 1 ? 'once' : `${num(times)} times`}`}
                </span>
              </dt>
              <dd>{words.fires}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

function Reorgs({ data }: { data: TrendsView }) {
  const others = data.catalogChanges - data.reorgs.length;
  if (data.reorgs.length === 0)
    return (
      <p className="small muted">
        {data.catalogChanges === 0
          ? 'The catalog did not change over these weeks (or its history is not in git), so one organisation stands for every week.'
          : `The catalog changed ${num(data.catalogChanges)} times, but none of the changes moved anything these weeks measure (a team’s size, the headcount, or how the work is wired), so no reorganisation is marked.`}
      </p>
    );
  const newest = data.reorgs.slice(-8).reverse();
  const weeks = newest.map((r) => `${r.week} (${r.catalogCommit.slice(0, 7)})`).join(', ');
  const more = data.reorgs.length > newest.length ? ', …' : '';
  return (
    <p className="small">
      {data.reorgs.length === 1
        ? `A reorganisation took effect once, in ${weeks}.`
        : `A reorganisation took effect ${num(data.reorgs.length)} times, newest first: ${weeks}${more}.`}
      {others > 0
        ? ` The catalog changed ${num(data.catalogChanges)} times in all; the other ${num(others)} moved nothing these weeks measure.`
        : ''}
    </p>
  );
}

function TrendsBody({ data }: { data: TrendsView }) {
  const { hash } = useLocation();
  const openId = /^#alert-(\d+)$/.exec(hash)?.[1];
  const reorgSet = useMemo(() => new Set(data.reorgs.map((r) => r.week)), [data]);
  const first = data.series[0];
  const last = data.series.at(-1);
  const header = (
    <PageHeader title="Trends">
      {first && last ? (
        <p>
          The wiring <Term id="drift">week by week</Term>, {first.week} to {last.week}: each week is
          measured over the {data.weeks} weeks that end with it (so one quiet week is no collapse),
          with the organisation as the catalog said it was then.
        </p>
      ) : null}
    </PageHeader>
  );
  if (data.measuring)
    return (
      <>
        {header}
        <section className="callout" aria-label="Measuring the history">
          <Measuring what="every measure, its alerts and the reorganisations" />
        </section>
      </>
    );
  if (!first)
    return (
      <>
        {header}
        <section className="callout" aria-label="No weekly series">
          <p>
            <strong>No weekly series yet.</strong> There is no commit to measure week by week, so
            there is no trend and no alert.
          </p>
          <p>
            Start the radiator on a repository with history: <code>orgwire serve --repo DIR</code>.{' '}
            <code>orgwire drift --repo DIR</code> prints the same series in the terminal.
          </p>
        </section>
      </>
    );
  return (
    <>
      {header}
      <section aria-labelledby="measures-h">
        <h2 id="measures-h">The measures</h2>
        <WeeklyChartKey reorgs={data.reorgs.length > 0} />
        <Reorgs data={data} />
        <div className="trend-grid">
          {MEASURES.map((spec) => (
            <MeasureChart key={spec.key} spec={spec} data={data} />
          ))}
        </div>
      </section>
      <Alerts data={data} openId={openId === undefined ? null : Number(openId)} />
      <section aria-labelledby="weeks-h">
        <h2 id="weeks-h">Week by week</h2>
        <p className="small muted">The figures the charts draw, as a table.</p>
        <TrendTable series={data.series} reorgs={reorgSet} />
      </section>
      <Rules data={data} />
    </>
  );
}

export function TrendsPage() {
  const query = useQuery(queries.trends());
  return (
    <Loaded query={query} what="trends">
      {(data) => <TrendsBody data={data} />}
    </Loaded>
  );
}
