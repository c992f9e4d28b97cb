import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { BetPage as BetData } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge, StatusBadge } from '../components/Badge.js';
import { CheckinLine, DecideBy, ExternalTeams, ShotLine } from '../components/BetCardView.js';
import { CheckinForm } from '../components/CheckinForm.js';
import { EntityLink, EntityList } from '../components/EntityLink.js';
import { GoalCard } from '../components/GoalCard.js';
import { LearningCard } from '../components/LearningCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { ReadingForm } from '../components/ReadingForm.js';
import { type Columns, SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { num, pct, when } from '../format.js';
import { queries } from '../queries.js';
import { useToken } from '../use-token.js';

type Reading = NonNullable<BetData['goalView']>['readings'][number];

const READING_COLUMNS: Columns<Reading, 'at' | 'value' | 'by'> = {
  // ISO times sort as text.
  at: (r) => r.at,
  value: (r) => r.value,
  by: (r) => r.by,
};

const NO_READINGS: readonly Reading[] = [];

function Readings({ bet, json }: { bet: BetData; json: string }) {
  const readings = bet.goalView?.readings ?? NO_READINGS;
  // The server's order: oldest first.
  const { rows, header } = useSort(readings, READING_COLUMNS, {
    key: 'at',
    direction: 'ascending',
  });
  if (readings.length === 0) return null;
  return (
    <TableWrap label="Readings of the goal's metric" json={json}>
      <table>
        <caption className="visually-hidden">
          Readings of the goal’s metric, oldest first until a column button sorts them
        </caption>
        <thead>
          <tr>
            <SortHeader {...header('at')}>Measured</SortHeader>
            <SortHeader {...header('value')} numeric>
              Value
            </SortHeader>
            <SortHeader {...header('by')}>Recorded by</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{when(r.at)}</td>
              <td className="num">{num(r.value)}</td>
              <td>{r.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function BetView({ bet, ns, name }: { bet: BetData; ns: string; name: string }) {
  const token = useToken();
  return (
    <>
      <PageHeader
        title={bet.label}
        eyebrow={
          <>
            Bet <StatusBadge status={bet.status} />
            {bet.quadrant ? <Badge>{bet.quadrant}</Badge> : null}
            {bet.overdue ? <Badge tone="bad">overdue</Badge> : null}
          </>
        }
      >
        {bet.hypothesis ? <p className="hypothesis">{bet.hypothesis}</p> : null}
        {bet.description ? <p>{bet.description}</p> : null}
      </PageHeader>

      <div className="grid-2">
        <section className="card" aria-labelledby="shot-h">
          <h2 id="shot-h">The called shot</h2>
          <dl className="facts">
            <dt>Moves</dt>
            <dd>
              <ShotLine shot={bet.shot} />
            </dd>
            <dt>Kill if</dt>
            <dd>{bet.shot?.kill ?? <span className="muted">No kill criterion.</span>}</dd>
            <dt>Decide by</dt>
            <dd>
              <DecideBy bet={bet} />
            </dd>
            <dt>Goal</dt>
            <dd>
              {bet.goal ? (
                <EntityLink entity={bet.goal} label={bet.goalView?.label} />
              ) : (
                <Badge tone="warn">none</Badge>
              )}
            </dd>
            <dt>Accountable</dt>
            <dd>{bet.accountable ? <EntityLink entity={bet.accountable} /> : 'nobody'}</dd>
            <dt>Responsible</dt>
            <dd>
              <EntityList refs={bet.responsible} empty="no team" />
            </dd>
            <dt>Impact</dt>
            <dd>
              {bet.impact === null ? <span className="muted">unknown</span> : pct(bet.impact)}
            </dd>
            {bet.outcome ? (
              <>
                <dt>Outcome</dt>
                <dd>
                  {num(bet.outcome.value ?? null)}
                  {bet.outcome.decidedAt ? ` (decided ${bet.outcome.decidedAt})` : null}
                  {bet.outcome.note ? ` — ${bet.outcome.note}` : null}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="indep-h">
          <h2 id="indep-h">Independence of action</h2>
          <p>
            <Badge
              tone={
                bet.independence === 'checkbox'
                  ? 'bad'
                  : bet.independence === 'heavy'
                    ? 'warn'
                    : 'good'
              }
            >
              {bet.independence}
            </Badge>{' '}
            {bet.handoffs} {bet.handoffs === 1 ? 'handoff' : 'handoffs'}, feasibility{' '}
            <strong>{pct(bet.feasibility)}</strong>.
          </p>
          <p className="small">
            Teams owning what it needs: <EntityList refs={bet.teamsNeeded} empty="none" />
          </p>
          <h3>Teams it waits on</h3>
          <ExternalTeams bet={bet} />
          {bet.unwiredNeeds.length > 0 ? (
            <>
              <h3>Unwired needs among these teams</h3>
              <ul className="compact">
                {bet.unwiredNeeds.map((n) => (
                  <li key={n.teams.join('~')}>
                    <EntityLink entity={n.teams[0]} /> ↔ <EntityLink entity={n.teams[1]} />{' '}
                    <span className="muted">weight {num(n.weight)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="checkins-h">
        <h2 id="checkins-h">Check-ins</h2>
        {bet.checkins.length === 0 ? (
          <p className="muted">No check-in yet.</p>
        ) : (
          <ol className="stack checkins">
            {bet.checkins.map((c) => (
              <li key={c.id}>
                <CheckinLine checkin={c} />
              </li>
            ))}
          </ol>
        )}
        {token ? (
          <CheckinForm ns={ns} name={name} />
        ) : (
          <p className="small">
            To check in, <Link to="/settings">set a token</Link>.
          </p>
        )}
      </section>

      {bet.goalView ? (
        <section aria-labelledby="goal-h">
          <h2 id="goal-h">The goal it serves</h2>
          <GoalCard goal={bet.goalView} />
          <Readings bet={bet} json={jsonLinks.bet(ns, name)} />
          {token ? <ReadingForm goal={bet.goalView.ref} label={bet.goalView.label} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="learnings-h">
        <h2 id="learnings-h">Learnings</h2>
        {bet.learnings.length === 0 ? (
          <p className="muted">
            No learning yet. <Link to="/learnings#write">Write one</Link>.
          </p>
        ) : (
          bet.learnings.map((l) => <LearningCard key={l.ref} learning={l} level={3} />)
        )}
      </section>
    </>
  );
}

export function BetPage() {
  const { ns = '', name = '' } = useParams();
  const query = useQuery(queries.bet(ns, name));
  return (
    <Loaded query={query} what="bet">
      {(bet) => <BetView bet={bet} ns={ns} name={name} />}
    </Loaded>
  );
}
