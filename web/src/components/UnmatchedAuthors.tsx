import type { UnmatchedAuthor } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { num } from '../format.js';
import { type Columns, SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';

const COLUMNS: Columns<UnmatchedAuthor, 'name' | 'commits' | 'score'> = {
  name: (a) => a.name,
  commits: (a) => a.commits,
  // Authors with no suggestion go last, whichever way.
  score: (a) => a.suggestion?.score,
};

/** Authors who are no User, with the User each probably is; the column headers sort. */
export function UnmatchedAuthors({ authors }: { authors: UnmatchedAuthor[] }) {
  const { rows: sorted, header } = useSort(authors, COLUMNS, 'commits');
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
      <TableWrap label="Authors who are no User" json={jsonLinks.dataQuality()}>
        <table>
          <caption className="visually-hidden">
            Authors who are no User of the catalog, with the User each probably is; the column
            buttons sort the table
          </caption>
          <thead>
            <tr>
              <SortHeader {...header('name')}>Author</SortHeader>
              <SortHeader {...header('commits')} numeric>
                Commits
              </SortHeader>
              <th scope="col">Probably</th>
              <SortHeader {...header('score')} numeric>
                Score
              </SortHeader>
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
