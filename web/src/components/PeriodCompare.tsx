import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { Overview } from '../../../src/server/api-types.js';
import { days, num, pct } from '../format.js';
import { compareIn, type Period, previousPeriod } from '../period.js';
import { queries } from '../queries.js';
import { Term } from './Term.js';
import './PeriodCompare.css';

/** One headline figure of the overview, as the comparison shows and subtracts it. */
interface Figure {
  /** Stable name: the row's `data-figure`. */
  id: string;
  label: ReactNode;
  /** The figure as the overview shows it, rounded as shown: changes are of what people see. */
  value: (overview: Overview) => number | null;
  show: (value: number | null) => string;
  /** The unit of a change: one, many. */
  unit: [string, string];
}

/** A share as the overview shows it: whole percent, so that a change is in points. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));
const shownPercent = (value: number | null) => (value === null ? pct(null) : `${value}%`);
/** The longest p85 lead time among the queues past their promise, to a tenth of a day. */
const longestWait = (overview: Overview) => {
  const waits = overview.breachingQueues
    .map((q) => q.leadTime.p85)
    .filter((p): p is number => p !== null);
  return waits.length === 0 ? null : Math.round(Math.max(...waits) * 10) / 10;
};

/** The overview's headline figures that depend on the period. */
const FIGURES: readonly Figure[] = [
  {
    id: 'commits',
    label: 'Commits',
    value: (o) => o.counts.commits,
    show: num,
    unit: ['commit', 'commits'],
  },
  {
    id: 'congruence',
    label: <Term id="congruence">Congruence</Term>,
    value: (o) => percent(o.congruence.weighted),
    show: shownPercent,
    unit: ['point', 'points'],
  },
  {
    id: 'congruence-unweighted',
    label: <Term id="congruence-unweighted">Congruence, each pair of teams once</Term>,
    value: (o) => percent(o.congruence.unweighted),
    show: shownPercent,
    unit: ['point', 'points'],
  },
  {
    id: 'coverage',
    label: <Term id="coverage">Coverage</Term>,
    value: (o) => percent(o.coverage.share),
    show: shownPercent,
    unit: ['point', 'points'],
  },
  {
    id: 'needs',
    label: (
      <>
        <Term id="need">Needs</Term> to coordinate
      </>
    ),
    value: (o) => o.needCounts.all,
    show: num,
    unit: ['need', 'needs'],
  },
  {
    id: 'unwired-needs',
    label: (
      <>
        <Term id="unwired">Unwired</Term> needs
      </>
    ),
    value: (o) => o.needCounts.unwired,
    show: num,
    unit: ['need', 'needs'],
  },
  {
    id: 'breaching-queues',
    label: (
      <>
        Queues past their <Term id="promise">promise</Term>
      </>
    ),
    value: (o) => o.breachingQueues.length,
    show: num,
    unit: ['queue', 'queues'],
  },
  {
    id: 'longest-wait',
    label: (
      <>
        Longest <Term id="p85">p85</Term> wait at those queues
      </>
    ),
    value: longestWait,
    show: days,
    unit: ['day', 'days'],
  },
];

/**
 * A change in words with its sign: "up 4 points (+4)", "down 1 need (−1)", "no change";
 * "not comparable" when either period has no figure.
 */
function changeText(now: number | null, before: number | null, unit: [string, string]) {
  if (now === null || before === null) return 'not comparable';
  // Tenths, so that 0.1 + 0.2 says 0.3.
  const diff = Math.round((now - before) * 10) / 10;
  if (diff === 0) return 'no change';
  const size = Math.abs(diff);
  return `${diff > 0 ? 'up' : 'down'} ${num(size)} ${size === 1 ? unit[0] : unit[1]} (${diff > 0 ? '+' : '\u2212'}${num(size)})`;
}

const range = (period: Period) => (
  <>
    <time dateTime={period.since}>{period.since}</time> to{' '}
    <time dateTime={period.until}>{period.until}</time>
  </>
);

function Comparison({ current }: { current: Overview }) {
  const before = previousPeriod(current.window);
  const query = useQuery(queries.overviewOf(before));
  const previous = query.data;
  return (
    <section className="card period-compare-card" aria-labelledby="compare-h">
      <h2 id="compare-h">Compared with the period before</h2>
      {query.isPending ? (
        <p role="status">Loading the period before ({range(before)})…</p>
      ) : query.isError ? (
        <p role="alert">
          The period before could not be loaded: {query.error.message}{' '}
          <button type="button" className="secondary small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : previous && previous.counts.commits === 0 ? (
        <p data-empty="before">
          The period before, {range(before)}, has no commits: there is nothing to compare with.
        </p>
      ) : previous && current.counts.commits === 0 ? (
        <p data-empty="this">
          This period, {range(current.window)}, has no commits: there is nothing to compare.
        </p>
      ) : previous ? (
        <table className="period-compare">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">
                This period <span className="compare-range">{range(current.window)}</span>
              </th>
              <th scope="col">
                The period before <span className="compare-range">{range(previous.window)}</span>
              </th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.map((figure) => {
              const now = figure.value(current);
              const then = figure.value(previous);
              const change = changeText(now, then, figure.unit);
              return (
                <tr key={figure.id} data-figure={figure.id}>
                  <th scope="row">{figure.label}</th>
                  <td>{figure.show(now)}</td>
                  <td>{figure.show(then)}</td>
                  <td>{change}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * The overview's headline figures for its period beside those of the period before (of the
 * same length, just before it), with each change in words — when the page's URL asks for
 * it (`compare=1`, the period picker's "Compare with the period before").
 */
export function PeriodCompare({ current }: { current: Overview }) {
  const { search } = useLocation();
  return compareIn(search) ? <Comparison current={current} /> : null;
}
