import type { ComponentRow } from '../../../src/server/api-types.js';
import { num, pct } from '../format.js';
import { EntityLink } from './EntityLink.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

/** Components as a table: owner share, fragmentation, commits, teams changing them. */
export function OwnedTable({ rows, label }: { rows: readonly ComponentRow[]; label: string }) {
  if (rows.length === 0) return <p className="muted">Owns no component.</p>;
  return (
    <TableWrap label={label}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              <Term id="owner-share">Owner share</Term>
            </th>
            <th scope="col" className="num">
              Teams changing it
            </th>
            <th scope="col" className="num">
              <Term id="fragmentation">Fragmentation</Term>
            </th>
            <th scope="col" className="num">
              Commits
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
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
