import { useState } from 'react';
import type { TrendWeek } from '../../../src/server/api-types.js';
import { num, pct } from '../format.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

/** Weeks the table shows before "every week": a quarter. */
const RECENT = 12;

/** The charts' figures week by week, newest first: the last 12 weeks, or every week. */
export function TrendTable({
  series,
  reorgs,
}: {
  series: readonly TrendWeek[];
  reorgs: ReadonlySet<string>;
}) {
  const [all, setAll] = useState(false);
  const newest = [...series].reverse();
  const shown = all ? newest : newest.slice(0, RECENT);
  const title = all ? 'Every week, newest first' : `The last ${shown.length} weeks, newest first`;
  return (
    <>
      <TableWrap label={title}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Week (its window)</th>
              <th scope="col" className="num">
                Commits
              </th>
              <th scope="col" className="num">
                <Term id="congruence">Congruence</Term>
              </th>
              <th scope="col" className="num">
                <Term id="unwired">Unwired</Term> need
              </th>
              <th scope="col" className="num">
                <Term id="cross-team-coupling">Cross-team coupling</Term>
              </th>
              <th scope="col" className="num">
                <Term id="owner-share">Owner share</Term>
              </th>
              <th scope="col" className="num">
                <Term id="coverage">Coverage</Term>
              </th>
              <th scope="col" className="num">
                <Term id="headcount">Headcount</Term>
              </th>
              {reorgs.size > 0 ? (
                <th scope="col">
                  <Term id="reorganisation">Catalog</Term>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.week}>
                <th scope="row" className="nowrap">
                  {w.week}
                  <br />
                  <span className="muted small week-window">
                    {w.since} – {w.until}
                  </span>
                </th>
                <td className="num">{num(w.commits)}</td>
                <td className="num">{pct(w.congruence.weighted)}</td>
                <td className="num">{num(w.unwiredWeight)}</td>
                <td className="num">{num(w.crossTeamCoupling)}</td>
                <td className="num">{pct(w.ownerShare)}</td>
                <td className="num">{pct(w.coverage)}</td>
                <td className="num">{num(w.headcount)}</td>
                {reorgs.size > 0 ? (
                  <td className="nowrap">{reorgs.has(w.week) ? <strong>changed</strong> : null}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {series.length > RECENT ? (
        <p>
          <button type="button" className="secondary" onClick={() => setAll(!all)}>
            {all ? `Show the last ${RECENT} weeks only` : `Show all ${num(series.length)} weeks`}
          </button>
        </p>
      ) : null}
    </>
  );
}
