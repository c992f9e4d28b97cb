import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TeamList } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge } from '../components/Badge.js';
import { EntityLink } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { type Columns, SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { num } from '../format.js';
import { queries } from '../queries.js';

const COLUMNS: Columns<
  TeamList['teams'][number],
  'team' | 'type' | 'members' | 'owns' | 'commits' | 'unwired'
> = {
  team: (t) => t.label,
  type: (t) => t.teamType ?? t.groupType,
  members: (t) => t.members,
  owns: (t) => t.owns,
  commits: (t) => t.commits,
  unwired: (t) => t.unwiredNeeds,
};

function TeamsView({ data }: { data: TeamList }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const { rows, header } = useSort(data.teams, COLUMNS);
  const teams = needle
    ? rows.filter(
        (t) => t.label.toLowerCase().includes(needle) || t.name.toLowerCase().includes(needle),
      )
    : rows;
  return (
    <>
      <PageHeader title="Teams">
        <p>
          Every team: its <Term id="team-type">Team Topologies type</Term>, its members, what it
          owns and how many of its coordination needs nothing wires.
        </p>
      </PageHeader>
      <div className="filter">
        <label htmlFor={`${id}-filter`}>Filter teams by name</label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted small" role="status">
          {needle ? `${teams.length} of ${data.teams.length} teams` : `${data.teams.length} teams`}
        </span>
      </div>
      <TableWrap label="Teams" json={jsonLinks.teams()} cut={teams.length < data.teams.length}>
        <table>
          <caption className="visually-hidden">Teams</caption>
          <thead>
            <tr>
              <SortHeader {...header('team')}>Team</SortHeader>
              <SortHeader {...header('type')}>Type</SortHeader>
              <SortHeader {...header('members')} numeric>
                Members
              </SortHeader>
              <SortHeader {...header('owns')} numeric>
                Owns
              </SortHeader>
              <SortHeader {...header('commits')} numeric>
                <Term id="team-attributed-commits">Commits</Term>
              </SortHeader>
              <SortHeader {...header('unwired')} numeric>
                <Term id="unwired">Unwired</Term> needs
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.ref}>
                <th scope="row">
                  <EntityLink entity={t.ref} label={t.label} />
                  {t.inferred ? (
                    <>
                      {' '}
                      <Badge>inferred</Badge>
                    </>
                  ) : null}
                </th>
                <td>
                  {t.teamType ?? <span className="muted">{t.groupType ?? 'not declared'}</span>}
                </td>
                <td className="num">{num(t.members)}</td>
                <td className="num">{num(t.owns)}</td>
                <td className="num">{num(t.commits)}</td>
                <td className={`num${t.unwiredNeeds > 0 ? ' bad' : ''}`}>{num(t.unwiredNeeds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

export function TeamsPage() {
  const query = useQuery(queries.teams());
  return (
    <Loaded query={query} what="teams">
      {(data) => <TeamsView data={data} />}
    </Loaded>
  );
}
