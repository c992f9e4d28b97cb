import type { ComponentRow } from '../../../src/server/api-types.js';
import { num, pct } from '../format.js';
import { EntityLink } from './EntityLink.js';
import { type Columns, SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

type Column = 'component' | 'kind' | 'ownerShare' | 'teams' | 'fragmentation' | 'commits';

const COLUMNS: Columns<ComponentRow, Column> = {
  component: (c) => c.label,
  kind: (c) => c.kind,
  ownerShare: (c) => c.ownerShare,
  teams: (c) => c.teams,
  fragmentation: (c) => c.fragmentation,
  commits: (c) => c.commits,
};

/**
 * Components as a table: owner share, fragmentation, commits, teams changing them; as the
 * server orders them (`sortedBy`: the column that order is) until a header sorts them.
 * `json`: the API route the rows come from.
 */
export function OwnedTable({
  rows,
  label,
  json,
  sortedBy,
}: {
  rows: readonly ComponentRow[];
  label: string;
  json: string;
  sortedBy?: Column;
}) {
  const { rows: sorted, header } = useSort(rows, COLUMNS, sortedBy ?? null);
  if (rows.length === 0) return <p className="muted">Owns no component.</p>;
  return (
    <TableWrap label={label} json={json}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <SortHeader {...header('component')}>Component</SortHeader>
            <SortHeader {...header('kind')}>Kind</SortHeader>
            <SortHeader {...header('ownerShare')} numeric>
              <Term id="owner-share">Owner share</Term>
            </SortHeader>
            <SortHeader {...header('teams')} numeric>
              Teams changing it
            </SortHeader>
            <SortHeader {...header('fragmentation')} numeric>
              <Term id="fragmentation">Fragmentation</Term>
            </SortHeader>
            <SortHeader {...header('commits')} numeric>
              Commits
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr key={c.ref}>
              <th scope="row">
                <EntityLink entity={c.ref} label={c.label} />
              </th>
              <td>{c.kind}</td>
              <td className="num">{pct(c.ownerShare)}</td>
              <td className="num">{num(c.teams)}</td>
              <td className="num">{c.fragmentation === null ? '—' : c.fragmentation.toFixed(2)}</td>
              <td className="num">{num(c.commits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
