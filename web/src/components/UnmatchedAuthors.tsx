import { useMemo, useState } from 'react';
import type { UnmatchedAuthor } from '../../../src/server/api-types.js';
import { num } from '../format.js';
import { TableWrap } from './TableWrap.js';

type SortKey = 'name' | 'commits' | 'score';
type Sort = { key: SortKey; descending: boolean };

const byKey: Record<SortKey, (a: UnmatchedAuthor, b: UnmatchedAuthor) => number> = {
  name: (a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email),
  commits: (a, b) => a.commits - b.commits || b.name.localeCompare(a.name),
  // Authors with no suggestion sort below every score.
  score: (a, b) => (a.suggestion?.score ?? -1) - (b.suggestion?.score ?? -1),
};

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric = false,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (key: SortKey) => void;
  numeric?: boolean;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => onSort(sortKey)}>
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** Authors who are no User, with the User each probably is; the column headers sort. */
export function UnmatchedAuthors({ authors }: { authors: UnmatchedAuthor[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'commits', descending: true });
  const sorted = useMemo(() => {
    const compare = byKey[sort.key];
    return [...authors].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }, [authors, sort]);
  const onSort = (key: SortKey) =>
    setSort((now) =>
      now.key === key ? { key, descending: !now.descending } : { key, descending: key !== 'name' },
    );
  if (authors.length === 0) {
    return <p>Every author in the window is a User of the catalog (or a bot). Nothing to do.</p>;
  }
  return (
    <>
      <p className="small">
        Each is on commits that count for no team. Where a User looks like them, run{' '}
        <code>orgwire identities --accept</code> to keep the suggestions as aliases in orgwire.yaml
        (it writes only those scoring 0.9 or more; <code>--min-score</code> changes that), or add{' '}
        <code>spec.profile.email</code> or <code>orgwire.dev/emails</code> to the User. Add the
        others as Users, or leave them out if they are no part of the organisation.
      </p>
      <TableWrap label="Authors who are no User">
        <table>
          <caption className="visually-hidden">
            Authors who are no User of the catalog, with the User each probably is; the column
            buttons sort the table
          </caption>
          <thead>
            <tr>
              <SortHeader label="Author" sortKey="name" sort={sort} onSort={onSort} />
              <SortHeader label="Commits" sortKey="commits" sort={sort} onSort={onSort} numeric />
              <th scope="col">Probably</th>
              <SortHeader label="Score" sortKey="score" sort={sort} onSort={onSort} numeric />
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((a) => (
              <tr key={a.email}>
                <th scope="row">
                  {a.name}
                  <br />
                  <span className="muted small break">{a.email}</span>
                </th>
                <td className="num">{num(a.commits)}</td>
                <td>
                  {a.suggestion ? (
                    <span title={a.suggestion.ref}>{a.suggestion.label}</span>
                  ) : (
                    <span className="muted">no User looks like them</span>
                  )}
                </td>
                <td className="num">{a.suggestion ? num(a.suggestion.score) : '—'}</td>
                <td className="small">{a.suggestion?.why ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
