import { useMemo, useState } from 'react';
import type { TrendWeek } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { num, pct } from '../format.js';
import type { Direction } from '../sort-rows.js';
import { SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

/** Weeks the table shows before "every week": a quarter. */
const RECENT = 12;

/** What each sortable column measures, as the table's title names it when it sorts by it. */
const MEASURE = {
  commits: 'commits',
  congruence: 'congruence',
  unwired: 'unwired need',
  coupling: 'cross-team coupling',
  ownerShare: 'owner share',
  coverage: 'coverage',
  headcount: 'headcount',
  catalog: 'catalog changes',
} as const;

type Key = 'week' | keyof typeof MEASURE;

/** The table's title: which weeks it shows, in which order. */
function titleOf(sort: { key: Key; direction: Direction } | null, shown: number, all: boolean) {
  if (!sort || sort.key === 'week') {
    const order = sort?.direction === 'ascending' ? 'oldest first' : 'newest first';
    if (all) return `Every week, ${order}`;
    return sort?.direction === 'ascending'
      ? `The first ${shown} weeks, ${order}`
      : `The last ${shown} weeks, ${order}`;
  }
  const most = sort.direction === 'descending' ? 'most' : 'least';
  return all
    ? `Every week, the ${most} ${MEASURE[sort.key]} first`
    : `The ${shown} weeks with the ${most} ${MEASURE[sort.key]}`;
}

/**
 * The charts' figures week by week, newest first: the last 12 weeks, or every week. A header
 * sorts every week, and the first 12 in that order show (the weeks with the most commits…).
 */
export function TrendTable({
  series,
  reorgs,
}: {
  series: readonly TrendWeek[];
  reorgs: ReadonlySet<string>;
}) {
  const [all, setAll] = useState(false);
  const newest = useMemo(() => [...series].reverse(), [series]);
  const columns = useMemo(
    () => ({
      week: (w: TrendWeek) => w.week,
      commits: (w: TrendWeek) => w.commits,
      congruence: (w: TrendWeek) => w.congruence.weighted,
      unwired: (w: TrendWeek) => w.unwiredWeight,
      coupling: (w: TrendWeek) => w.crossTeamCoupling,
      ownerShare: (w: TrendWeek) => w.ownerShare,
      coverage: (w: TrendWeek) => w.coverage,
      headcount: (w: TrendWeek) => w.headcount,
      // Weeks the catalog changed first; the others have nothing to sort by.
      catalog: (w: TrendWeek) => (reorgs.has(w.week) ? 1 : null),
    }),
    [reorgs],
  );
  const { rows, sort, header } = useSort(newest, columns, {
    key: 'week',
    direction: 'descending',
  });
  // Sorted as a whole, then cut: the first weeks in the order chosen.
  const shown = all ? rows : rows.slice(0, RECENT);
  const title = titleOf(sort, shown.length, all);
  return (
    <>
      <TableWrap label={title} json={jsonLinks.trends()} cut={shown.length < rows.length}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <SortHeader {...header('week')}>Week (its window)</SortHeader>
              <SortHeader {...header('commits')} numeric>
                Commits
              </SortHeader>
              <SortHeader {...header('congruence')} numeric>
                <Term id="congruence">Congruence</Term>
              </SortHeader>
              <SortHeader {...header('unwired')} numeric>
                <Term id="unwired">Unwired</Term> need
              </SortHeader>
              <SortHeader {...header('coupling')} numeric>
                <Term id="cross-team-coupling">Cross-team coupling</Term>
              </SortHeader>
              <SortHeader {...header('ownerShare')} numeric>
                <Term id="owner-share">Owner share</Term>
              </SortHeader>
              <SortHeader {...header('coverage')} numeric>
                <Term id="coverage">Coverage</Term>
              </SortHeader>
              <SortHeader {...header('headcount')} numeric>
                <Term id="headcount">Headcount</Term>
              </SortHeader>
              {reorgs.size > 0 ? (
                <SortHeader {...header('catalog')}>
                  <Term id="reorganisation">Catalog</Term>
                </SortHeader>
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
            {all
              ? sort?.key === 'week' && sort.direction === 'descending'
                ? `Show the last ${RECENT} weeks only`
                : `Show the first ${RECENT} only`
              : `Show all ${num(series.length)} weeks`}
          </button>
        </p>
      ) : null}
    </>
  );
}
