import { useMemo } from 'react';
import { Link } from 'react-router';
import type { TeamPage } from '../../../src/server/api-types.js';
import { alertTitle } from '../drift-words.js';
import { days, num } from '../format.js';
import type { TermId } from '../glossary.js';
import { DriftAlertLinks } from './DriftAlertList.js';
import { Measuring } from './Measuring.js';
import { type Columns, SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';
import { WeeklyChart, WeeklyChartKey, type WeekPoint } from './WeeklyChart.js';

/** Weeks the table shows: a quarter. */
const RECENT = 12;

type Trend = TeamPage['trend'];
type Field = 'partners' | 'members' | 'queueP85';

const COLUMNS: Columns<Trend['weeks'][number], 'week' | Field> = {
  week: (w) => w.week,
  partners: (w) => w.partners,
  members: (w) => w.members,
  queueP85: (w) => w.queueP85,
};

/** The team's alerts about a series, as chart marks. */
const RULES_OF: Record<Field, readonly string[]> = {
  partners: ['emerging-need', 'coordination-outgrows-headcount', 'idle-interaction'],
  members: ['team-size', 'person-in-many-teams'],
  queueP85: ['queue-over-promise'],
};

function TeamChart({
  trend,
  field,
  title,
  term,
  means,
  label,
}: {
  trend: Trend;
  field: Field;
  title: string;
  /** The glossary entry that explains the title. */
  term: TermId;
  means: string;
  label: string;
}) {
  const points = useMemo<WeekPoint[]>(
    () => trend.weeks.map((w) => ({ week: w.week, until: w.until, value: w[field] })),
    [trend, field],
  );
  const marks = useMemo(
    () =>
      trend.alerts
        .filter((a) => RULES_OF[field].includes(a.rule))
        .map((a) => ({
          week: a.start,
          level: a.level,
          title: `${a.level}: ${alertTitle(a)}, ${a.start}`,
        })),
    [trend, field],
  );
  const reorgs = useMemo(() => trend.reorgs.map((r) => r.week), [trend]);
  const reference = useMemo(
    () =>
      field === 'queueP85' && trend.promise !== null
        ? { value: trend.promise, label: `promise ${trend.promise} d` }
        : null,
    [trend, field],
  );
  return (
    <figure className="card trend-card">
      <figcaption>
        <h3>
          <Term id={term}>{title}</Term>
        </h3>
      </figcaption>
      <WeeklyChart
        points={points}
        unit={field === 'queueP85' ? 'days' : 'count'}
        reorgs={reorgs}
        marks={marks}
        reference={reference}
        label={label}
        height={130}
      />
      <p className="small muted">{means}</p>
    </figure>
  );
}

/**
 * A team's own series from drift: how many teams it must coordinate with, its size and,
 * when others ask it for work, its p85 lead time, week by week; and the alerts naming it.
 * The table is the last weeks, newest first until a header sorts them; `json`: its API route.
 */
export function TeamTrend({ team, json }: { team: TeamPage; json: string }) {
  const { trend } = team;
  const recent = useMemo(() => [...trend.weeks].reverse().slice(0, RECENT), [trend]);
  const { rows, header } = useSort(recent, COLUMNS, { key: 'week', direction: 'descending' });
  if (trend.measuring) return <Measuring what="this team's weekly series" />;
  if (trend.weeks.length === 0)
    return (
      <p className="muted">
        No weekly series: there is no commit to measure week by week. The{' '}
        <Link to="/trends">Trends page</Link> says more.
      </p>
    );
  const first = trend.weeks[0]?.week;
  const last = trend.weeks.at(-1)?.week;
  return (
    <>
      <p className="small muted">
        {first} to {last}, each week over the weeks that end with it, as on the{' '}
        <Link to="/trends">Trends page</Link>.
      </p>
      <WeeklyChartKey reorgs={trend.reorgs.length > 0} />
      <div className="trend-grid">
        <TeamChart
          trend={trend}
          field="partners"
          title="Teams it must coordinate with"
          term="partners"
          means="Other teams that changed the same or change-coupled code in the window, wired to it or not."
          label={`Teams ${team.label} must coordinate with, week by week`}
        />
        <TeamChart
          trend={trend}
          field="members"
          title="Its size"
          term="rule-team-size"
          means="Its members as the catalog said that week; 5 to 9 is the healthy range. A blank week: not one of the catalog’s teams then."
          label={`Members of ${team.label}, week by week`}
        />
        {trend.provides ? (
          <TeamChart
            trend={trend}
            field="queueP85"
            title="Lead time of requests to it (p85)"
            term="p85"
            means="85% of the requests done in the window took at most this long, against its promise (dashed)."
            label={`p85 lead time of requests to ${team.label}, week by week`}
          />
        ) : null}
      </div>
      <TableWrap label={`${team.label} over the last ${recent.length} weeks`} json={json}>
        <table>
          <caption className="visually-hidden">
            {team.label} over the last {recent.length} weeks; the column buttons sort them
          </caption>
          <thead>
            <tr>
              <SortHeader {...header('week')}>Week</SortHeader>
              <SortHeader {...header('partners')} numeric>
                Teams to coordinate with
              </SortHeader>
              <SortHeader {...header('members')} numeric>
                Members
              </SortHeader>
              {trend.provides ? (
                <SortHeader {...header('queueP85')} numeric>
                  Lead time p85
                </SortHeader>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="nowrap">
                  {w.week}
                </th>
                <td className="num">{num(w.partners)}</td>
                <td className="num">{num(w.members)}</td>
                {trend.provides ? <td className="num">{days(w.queueP85)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3>
        <Term id="alert-watch">Alerts</Term> that name this team
      </h3>
      {trend.alerts.length === 0 ? (
        <p className="muted">No drift alert names this team.</p>
      ) : (
        <DriftAlertLinks alerts={trend.alerts} />
      )}
    </>
  );
}
