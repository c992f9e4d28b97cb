import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { TeamPage as TeamData } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge, WiredBadge } from '../components/Badge.js';
import { BetCardView } from '../components/BetCardView.js';
import { EntityLink, EntityList, useName } from '../components/EntityLink.js';
import { LearningCard } from '../components/LearningCard.js';
import { NeedComponents } from '../components/NeedList.js';
import { OwnedTable } from '../components/OwnedTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { QueueDetail } from '../components/QueueDetail.js';
import { SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { TeamTrend } from '../components/TeamTrend.js';
import { Term } from '../components/Term.js';
import { num } from '../format.js';
import { queries } from '../queries.js';

const other = (teams: readonly [string, string], self: string) =>
  teams[0] === self ? teams[1] : teams[0];

type Need = TeamData['coordination'][number];
type Interaction = TeamData['interactions'][number];

function Coordination({ team, json }: { team: TeamData; json: string }) {
  const name = useName();
  const { rows, header } = useSort(
    team.coordination,
    {
      team: (n: Need) => name(n.other),
      weight: (n: Need) => n.weight,
      wiring: (n: Need) => (n.wired ? `wired ${n.via ?? ''}` : 'unwired'),
      components: (n: Need) => n.components.length,
    },
    // The server's order: strongest first.
    'weight',
  );
  if (team.coordination.length === 0)
    return <p className="muted">No other team changed the same or coupled work in the window.</p>;
  return (
    <TableWrap label={`Teams ${team.label} coordinates with`} json={json}>
      <table>
        <caption className="visually-hidden">Who {team.label} coordinates with</caption>
        <thead>
          <tr>
            <SortHeader {...header('team')}>Team</SortHeader>
            <SortHeader {...header('weight')} numeric>
              <Term id="weight">Weight</Term>
            </SortHeader>
            <SortHeader {...header('wiring')}>
              <Term id="wired">Wiring</Term>
            </SortHeader>
            <SortHeader {...header('components')}>Components</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((need) => (
            <tr key={need.other}>
              <th scope="row">
                <EntityLink entity={need.other} />
              </th>
              <td className="num">{num(need.weight)}</td>
              <td>
                <WiredBadge wired={need.wired} via={need.via} />
              </td>
              <td>
                <NeedComponents need={need} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Interactions({ team, json }: { team: TeamData; json: string }) {
  const name = useName();
  const { rows, header } = useSort(team.interactions, {
    with: (i: Interaction) => name(other(i.teams, team.ref)),
    mode: (i: Interaction) => i.mode,
    purpose: (i: Interaction) => i.purpose,
    declaredBy: (i: Interaction) => name(i.declaredBy),
    // By the day it starts (ISO days sort as text); one with no start ("always") first.
    active: (i: Interaction) => i.since ?? '',
  });
  if (team.interactions.length === 0)
    return <p className="muted">No interaction declared with another team.</p>;
  return (
    <TableWrap label={`Interactions ${team.label} declares or is part of`} json={json}>
      <table>
        <caption className="visually-hidden">Declared interactions</caption>
        <thead>
          <tr>
            <SortHeader {...header('with')}>With</SortHeader>
            <SortHeader {...header('mode')}>Mode</SortHeader>
            <SortHeader {...header('purpose')}>Purpose</SortHeader>
            <SortHeader {...header('declaredBy')}>Declared by</SortHeader>
            <SortHeader {...header('active')}>Active</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={`${i.teams.join('~')}-${i.declaredBy}`}>
              <th scope="row">
                <EntityLink entity={other(i.teams, team.ref)} />
              </th>
              <td>{i.mode}</td>
              <td>{i.purpose ?? <span className="muted">—</span>}</td>
              <td>
                <EntityLink entity={i.declaredBy} />
              </td>
              <td className="nowrap">
                {i.since || i.until ? `${i.since ?? '…'} – ${i.until ?? '…'}` : 'always'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function TeamView({ team, json }: { team: TeamData; json: string }) {
  return (
    <>
      <PageHeader
        title={team.label}
        eyebrow={
          <>
            Team ·{' '}
            <Term id="team-type">{team.teamType ?? team.groupType ?? 'type not declared'}</Term>
            {team.inferred ? (
              <>
                {' '}
                <Badge>
                  <Term id="inferred-team">inferred from who works together</Term>
                </Badge>
              </>
            ) : null}
          </>
        }
      >
        {team.description ? <p>{team.description}</p> : null}
        <p className="small">
          {team.parent ? (
            <>
              Part of <EntityLink entity={team.parent} />.{' '}
            </>
          ) : null}
          {team.children.length > 0 ? (
            <>
              Teams within: <EntityList refs={team.children.map((c) => c.ref)} />.{' '}
            </>
          ) : null}
          {team.email ? (
            <>
              Contact <a href={`mailto:${team.email}`}>{team.email}</a>.{' '}
            </>
          ) : null}
          {team.slug ? <>GitHub team {team.slug}.</> : null}
        </p>
      </PageHeader>
      <dl className="counts">
        <div>
          <dt>members</dt>
          <dd>{num(team.members)}</dd>
        </div>
        <div>
          <dt>owns</dt>
          <dd>{num(team.owns)}</dd>
        </div>
        <div>
          <dt>
            <Term id="team-attributed-commits">commits</Term>
          </dt>
          <dd>{num(team.commits)}</dd>
        </div>
        <div>
          <dt>
            <Term id="unwired">unwired</Term> needs
          </dt>
          <dd className={team.unwiredNeeds > 0 ? 'bad' : undefined}>{num(team.unwiredNeeds)}</dd>
        </div>
      </dl>

      <section aria-labelledby="members-h">
        <h2 id="members-h">Members</h2>
        {team.people.length === 0 ? (
          <p className="muted">No members listed.</p>
        ) : (
          <ul className="people">
            {team.people.map((p) => (
              <li key={p.ref}>{p.label}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="owns-h">
        <h2 id="owns-h">What it owns</h2>
        <OwnedTable rows={team.owned} label={`What ${team.label} owns`} json={json} />
      </section>

      <section aria-labelledby="coord-h">
        <h2 id="coord-h">Who it coordinates with</h2>
        <p className="small muted">
          Teams whose work overlaps with this team’s, strongest first; unwired ones have no shared
          parent or declared interaction.
        </p>
        <Coordination team={team} json={json} />
      </section>

      <section aria-labelledby="interactions-h">
        <h2 id="interactions-h">
          <Term id="interaction">Declared interactions</Term>
        </h2>
        <Interactions team={team} json={json} />
        {team.idleInteractions.length > 0 ? (
          <>
            <h3>
              <Term id="idle-interaction">Declared, but no shared work in the window</Term>
            </h3>
            <ul className="compact">
              {team.idleInteractions.map((i) => (
                <li key={i.teams.join('~')}>
                  <EntityLink entity={other(i.teams, team.ref)} />{' '}
                  <span className="muted">({i.mode})</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="queue-h">
        <h2 id="queue-h">Requests to this team</h2>
        {team.queue ? (
          <QueueDetail queue={team.queue} json={json} />
        ) : (
          <p className="muted">Nobody asked this team for anything in the window.</p>
        )}
      </section>

      <section aria-labelledby="trend-h">
        <h2 id="trend-h">Over time</h2>
        <TeamTrend team={team} json={json} />
      </section>

      <section aria-labelledby="bets-h">
        <h2 id="bets-h">Bets</h2>
        {team.bets.length === 0 ? (
          <p className="muted">No bet names this team responsible or needs what it owns.</p>
        ) : (
          <div className="cards">
            {team.bets.map((bet) => (
              <BetCardView key={bet.ref} bet={bet} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="learn-h">
        <h2 id="learn-h">Learnings</h2>
        {team.learnings.length === 0 ? (
          <p className="muted">No learning concerns this team yet.</p>
        ) : (
          team.learnings.map((l) => <LearningCard key={l.ref} learning={l} level={3} />)
        )}
      </section>
    </>
  );
}

export function TeamPage() {
  const { ns = '', name = '' } = useParams();
  const query = useQuery(queries.team(ns, name));
  return (
    <Loaded query={query} what="team">
      {(team) => <TeamView team={team} json={jsonLinks.team(ns, name)} />}
    </Loaded>
  );
}
