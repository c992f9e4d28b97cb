import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link } from 'react-router';
import type { Overview, QueueSummary, SetupView } from '../../../src/server/api-types.js';
import { StatusBadge } from '../components/Badge.js';
import { DecideBy, ShotLine } from '../components/BetCardView.js';
import { CoverageFigure, CoverageWarning } from '../components/Coverage.js';
import { DriftAlertLinks } from '../components/DriftAlertList.js';
import { EntityLink, EntityList } from '../components/EntityLink.js';
import { Measuring } from '../components/Measuring.js';
import { NeedList } from '../components/NeedList.js';
import { PageHeader } from '../components/PageHeader.js';
import { PeriodCompare } from '../components/PeriodCompare.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { Loaded } from '../components/QueryState.js';
import { Remedies } from '../components/QueueDetail.js';
import { Term } from '../components/Term.js';
import { days, num, pct, refName } from '../format.js';
import { queries } from '../queries.js';

function TrendChart({ trend, measuring }: { trend: Overview['trend']; measuring: boolean }) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const rows = trend.map((t) => ({ ...t, date: new Date(`${t.until}T00:00:00Z`) }));
      return {
        width,
        height: 140,
        marginLeft: 44,
        x: { type: 'utc', label: null, ticks: Math.max(2, Math.floor(width / 110)) },
        y: { domain: [0, 1], tickFormat: '.0%', label: 'congruence', grid: true },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(rows, { x: 'date', y: 'weighted', stroke: '#1d4ed8', strokeWidth: 2 }),
          Plot.dot(rows, {
            x: 'date',
            y: 'weighted',
            fill: '#1d4ed8',
            r: 3,
            title: (d: (typeof rows)[number]) =>
              `${d.since} – ${d.until}: ${pct(d.weighted)} weighted, ${pct(d.unweighted)} unweighted`,
          }),
        ],
      };
    },
    [trend],
  );
  if (trend.length < 2 && measuring) return <Measuring what="the trend over earlier windows" />;
  if (trend.length < 2)
    return <p className="muted">Not enough history yet for a trend (one window so far).</p>;
  return <PlotFigure options={options} label="Congruence in each window, oldest first" />;
}

function Congruence({ data }: { data: Overview }) {
  const first = data.trend[0];
  return (
    <section className="card congruence" aria-labelledby="congruence-h">
      <h2 id="congruence-h">Congruence and coverage</h2>
      <div className="figure-pair">
        <div className="figure">
          <p className="big-number">{pct(data.congruence.weighted)}</p>
          {data.congruence.weighted === null ? (
            <p>
              <Term id="congruence">congruence</Term>: no two teams changed the same or coupled
              components in the window.
            </p>
          ) : (
            <p>
              <Term id="congruence">congruence</Term>: the share of the coordination the work
              requires that is <Term id="wired">wired</Term> (same team, parent and child, or a
              declared interaction).{' '}
              <Term id="congruence-unweighted">Counting each pair of teams once</Term>:{' '}
              <strong>{pct(data.congruence.unweighted)}</strong>.
            </p>
          )}
        </div>
        <CoverageFigure coverage={data.coverage} />
      </div>
      <TrendChart trend={data.trend} measuring={data.drift.measuring} />
      {first && data.trend.length >= 2 ? (
        <p className="muted small">
          {data.trend.length} windows since {first.since}. <Link to="/map">See the org map</Link>
        </p>
      ) : null}
    </section>
  );
}

function QueueItem({ queue }: { queue: QueueSummary }) {
  return (
    <li>
      <p>
        <EntityLink entity={queue.team} label={queue.label} />{' '}
        <span className="muted">
          <Term id="promise">promise</Term> {queue.sla === null ? 'none' : days(queue.sla)},{' '}
          <Term id="p85">p85</Term> actual{' '}
        </span>
        <strong>{days(queue.leadTime.p85)}</strong>
        <span className="muted">
          , <Term id="breach-rate">breach rate</Term> {pct(queue.breachRate)}, {num(queue.wip)}{' '}
          <Term id="wip">in progress</Term>, {num(queue.requesters)} requesting teams
        </span>
      </p>
      <Remedies remedies={queue.remedies} />
      <p className="small">
        <Link to={{ pathname: '/queues', hash: `queue-${refName(queue.team)}` }}>
          The queue in detail
        </Link>
      </p>
    </li>
  );
}

function Counts({ counts }: { counts: Overview['counts'] }) {
  const items: [string, number][] = [
    ['teams', counts.teams],
    ['people', counts.people],
    ['components', counts.components],
    ['repositories', counts.repositories],
    ['commits', counts.commits],
    ['goals', counts.goals],
    ['bets', counts.bets],
    ['learnings', counts.learnings],
  ];
  return (
    <dl className="counts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Text with `code` spans, as the server writes its steps. */
function Coded({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
        i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>,
      )}
    </>
  );
}

/** What orgwire could not see, and the next step for each gap; nothing when nothing is missing. */
function Setup({ setup }: { setup: SetupView }) {
  if (setup.steps.length === 0) return null;
  return (
    <section className="card setup" aria-labelledby="setup-h">
      <h2 id="setup-h">What orgwire can see, and what to do next</h2>
      <p className="muted small">
        {num(setup.teams.count)} {setup.teams.count === 1 ? 'team' : 'teams'} (
        {setup.teams.catalog > 0
          ? `${num(setup.teams.catalog)} from the catalog`
          : setup.teams.ownershipFiles > 0
            ? 'from ownership files'
            : setup.teams.inferred > 0
              ? 'inferred from the work'
              : 'none declared'}
        ), {num(setup.people)} {setup.people === 1 ? 'person' : 'people'} named,{' '}
        {setup.queues === 0 ? 'no request queue' : `${num(setup.queues)} request queues`}.
      </p>
      <ol className="stack setup-steps">
        {setup.steps.map((step) => (
          <li key={step.id} data-step={step.id}>
            <strong>{step.title}.</strong> <Coded text={step.text} />
            {step.command ? (
              <>
                {' '}
                <code className="command">{step.command}</code>
              </>
            ) : null}
            {step.link ? (
              <>
                {' '}
                <Link to={step.link}>Data quality</Link>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function UnwiredNeeds({ data }: { data: Overview }) {
  const { needCounts: counts } = data;
  const lighter =
    counts.lighterUnwired > 0
      ? `${num(counts.lighterUnwired)} lighter unwired ${counts.lighterUnwired === 1 ? 'need' : 'needs'} (weight under ${num(counts.minWeight)}) left out.`
      : null;
  return (
    <section className="card" aria-labelledby="unwired-h">
      <h2 id="unwired-h">
        Strongest <Term id="unwired">unwired</Term> <Term id="need">needs</Term>
      </h2>
      <p className="muted small">
        Teams whose work requires coordination that nothing in the organisation provides.
      </p>
      {counts.all === 0 && data.setup.teams.count < 2 ? (
        <p>
          With {data.setup.teams.count === 0 ? 'no team' : 'one team'}, there is no need between
          teams to show: no need is wired or unwired.
        </p>
      ) : counts.all === 0 ? (
        <p>
          No two teams changed the same or coupled components in this window, so the work shows no
          need to coordinate yet.
        </p>
      ) : counts.unwired === 0 ? (
        <p>Every one of the {num(counts.all)} needs the work shows is wired.</p>
      ) : data.unwiredNeeds.length === 0 ? (
        <p>No unwired need weighs {num(counts.minWeight)} or more.</p>
      ) : (
        <NeedList needs={data.unwiredNeeds} />
      )}
      {lighter ? <p className="muted small">{lighter}</p> : null}
      <p className="small">
        <Link to="/map?unwired=1">All unwired needs on the org map</Link>
      </p>
    </section>
  );
}

/** ", a, b and c", or nothing for no items. */
function listed(items: readonly string[]): string {
  if (items.length === 0) return '';
  const last = items.at(-1) as string;
  return items.length === 1 ? `, ${last}` : `, ${items.slice(0, -1).join(', ')} and ${last}`;
}

/** Active alerts the overview lists; the Trends page has every one. */
const ACTIVE_SHOWN = 6;

/** Drift alerts active at the last week of the weekly series, or that there are none. */
function DriftAlerts({ drift }: { drift: Overview['drift'] }) {
  const shown = drift.active.slice(0, ACTIVE_SHOWN);
  const hidden = drift.active.length - shown.length;
  const others = [
    hidden > 0 ? `${num(hidden)} more active` : null,
    drift.watches > 0 ? `${num(drift.watches)} ${drift.watches === 1 ? 'watch' : 'watches'}` : null,
    drift.past > 0 ? `${num(drift.past)} past ${drift.past === 1 ? 'alert' : 'alerts'}` : null,
  ].filter((x) => x !== null);
  return (
    <section className="card overview-drift" aria-labelledby="drift-h">
      <h2 id="drift-h">Alerts: where the wiring is drifting</h2>
      {drift.measuring ? (
        <Measuring what="the alerts" />
      ) : drift.lastWeek === null ? (
        <p className="muted">
          No weekly series: there is no commit to measure week by week, so no alert either.
        </p>
      ) : drift.active.length === 0 ? (
        <p>No alert is active at the last week ({drift.lastWeek}).</p>
      ) : (
        <>
          <p className="muted small">
            {num(drift.active.length)} {drift.active.length === 1 ? 'alert holds' : 'alerts hold'}{' '}
            at the last week ({drift.lastWeek}), newest first. Each links to its evidence.
          </p>
          <DriftAlertLinks alerts={shown} />
        </>
      )}
      <p className="small">
        <Link to="/trends">Trends: every measure week by week{listed(others)}</Link>
      </p>
    </section>
  );
}

function OverviewView({ data }: { data: Overview }) {
  return (
    <>
      <PageHeader title={data.title} eyebrow="Overview">
        <p>
          How the organisation is wired, measured from the work between{' '}
          <time dateTime={data.window.since}>{data.window.since}</time> and{' '}
          <time dateTime={data.window.until}>{data.window.until}</time>.
        </p>
      </PageHeader>
      <Setup setup={data.setup} />
      <CoverageWarning coverage={data.coverage} />
      <Counts counts={data.counts} />
      <PeriodCompare current={data} />
      <DriftAlerts drift={data.drift} />
      <div className="grid-2">
        <Congruence data={data} />
        <UnwiredNeeds data={data} />
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="queues-h">
          <h2 id="queues-h">Queues breaching their promise</h2>
          {data.breachingQueues.length === 0 ? (
            <p>No queue is past its promise.</p>
          ) : (
            <ul className="stack">
              {data.breachingQueues.map((q) => (
                <QueueItem key={q.team} queue={q} />
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/queues">Every queue</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="decide-h">
          <h2 id="decide-h">Bets to decide</h2>
          {data.betsToDecide.length === 0 ? (
            <p>No bet is waiting for a decision.</p>
          ) : (
            <ul className="stack">
              {data.betsToDecide.map((bet) => (
                <li key={bet.ref}>
                  <p>
                    <EntityLink entity={bet.ref} label={bet.label} />{' '}
                    <StatusBadge status={bet.status} />
                  </p>
                  <p className="small">
                    Decide by <DecideBy bet={bet} /> · <ShotLine shot={bet.shot} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/bets">The bets board</Link>
          </p>
        </section>
      </div>
      <div className="grid-2">
        <section className="card" aria-labelledby="learn-h">
          <h2 id="learn-h">Newest learnings</h2>
          {data.newestLearnings.length === 0 ? (
            <p>No learning written yet.</p>
          ) : (
            <ul className="stack">
              {data.newestLearnings.map((l) => (
                <li key={l.ref}>
                  <p>
                    <EntityLink entity={l.ref} label={l.label} />{' '}
                    <span className="muted small">{l.date ?? ''}</span>
                  </p>
                  {l.lessons[0] ? <p className="small">{l.lessons[0]}</p> : null}
                  {l.teams.length > 0 ? (
                    <p className="small muted">
                      Teams: <EntityList refs={l.teams} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <Link to="/learnings">Every learning</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="notes-h">
          <h2 id="notes-h">How to read these numbers</h2>
          <ul className="notes">
            {data.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

export function OverviewPage() {
  const query = useQuery(queries.overview());
  return (
    <Loaded query={query} what="overview">
      {(data) => <OverviewView data={data} />}
    </Loaded>
  );
}
