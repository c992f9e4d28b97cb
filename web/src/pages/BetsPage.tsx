import * as Plot from '@observablehq/plot';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { BetCard, BetsBoard } from '../../../src/server/api-types.js';
import { BetCardView } from '../components/BetCardView.js';
import { EntityLink, EntityList } from '../components/EntityLink.js';
import { GoalCard } from '../components/GoalCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { PlotFigure } from '../components/PlotFigure.js';
import { Loaded } from '../components/QueryState.js';
import { TableWrap } from '../components/TableWrap.js';
import { num, pct } from '../format.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';

const QUADRANTS = [
  { x: 0.25, y: 0.97, text: 'big bet' },
  { x: 0.75, y: 0.97, text: 'quick win' },
  { x: 0.25, y: 0.03, text: 'money pit' },
  { x: 0.75, y: 0.03, text: 'fill-in' },
];

function Matrix({ bets }: { bets: readonly BetCard[] }) {
  // Dots carry a number, not the title: titles collide where bets cluster. The key says which.
  const placed = useMemo(
    () => bets.filter((b) => b.impact !== null).map((b, i) => ({ ...b, n: i + 1 })),
    [bets],
  );
  type Placed = (typeof placed)[number];
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      width,
      height: Math.min(480, Math.max(280, width * 0.55)),
      marginLeft: 48,
      marginRight: 16,
      x: { domain: [0, 1], label: 'feasibility →', tickFormat: '.0%', inset: 14 },
      y: { domain: [0, 1], label: '↑ impact', tickFormat: '.0%', inset: 14 },
      marks: [
        Plot.frame({ stroke: '#cbd5e1' }),
        Plot.ruleX([0.5], { stroke: '#94a3b8', strokeDasharray: '4,4' }),
        Plot.ruleY([0.5], { stroke: '#94a3b8', strokeDasharray: '4,4' }),
        Plot.text(QUADRANTS, {
          x: 'x',
          y: 'y',
          text: 'text',
          fill: '#475569',
          fontSize: 12,
          fontStyle: 'italic',
        }),
        Plot.dot(placed, {
          x: 'feasibility',
          y: 'impact',
          r: 9,
          fill: (b: Placed) => (b.overdue ? '#c81e1e' : '#1d4ed8'),
          stroke: '#ffffff',
          strokeWidth: 1.5,
          title: (b: Placed) =>
            `${b.n}. ${b.label}: feasibility ${pct(b.feasibility)}, impact ${pct(b.impact)}`,
        }),
        Plot.text(placed, {
          x: 'feasibility',
          y: 'impact',
          text: (b: Placed) => String(b.n),
          fill: '#ffffff',
          fontSize: 10,
          fontWeight: 700,
        }),
      ],
    }),
    [placed],
  );
  const unplaced = bets.filter((b) => b.impact === null);
  return (
    <figure className="card matrix">
      <figcaption>
        <strong>Impact × feasibility.</strong> Impact: the called shot’s movement as a share of its
        goal’s gap. Feasibility: what the handoffs to other teams and their queues leave of the
        chance to land. Red dots are past their decide-by date.
      </figcaption>
      {placed.length > 0 ? (
        <div className="matrix-body">
          <PlotFigure options={options} label="Bets placed by feasibility and impact" />
          <ol className="matrix-key">
            {placed.map((b) => (
              <li key={b.ref}>
                <span className={`key-dot${b.overdue ? ' is-overdue' : ''}`} aria-hidden="true">
                  {b.n}
                </span>
                <span>
                  <EntityLink entity={b.ref} label={b.label} />{' '}
                  <span className="muted small">
                    {b.quadrant ?? ''} · impact {pct(b.impact)}, feasibility {pct(b.feasibility)}
                    {b.overdue ? ' · overdue' : ''}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="muted">No bet has a known impact yet.</p>
      )}
      {unplaced.length > 0 ? (
        <p className="small">
          Impact unknown (no called shot, or its goal has no baseline and target):{' '}
          {unplaced.map((b, i) => (
            <span key={b.ref}>
              {i > 0 ? ', ' : null}
              <EntityLink entity={b.ref} label={b.label} />
            </span>
          ))}
        </p>
      ) : null}
    </figure>
  );
}

function Calibration({ calibration }: { calibration: BetsBoard['calibration'] }) {
  return (
    <section className="card" aria-labelledby="calibration-h">
      <h2 id="calibration-h">Calibration</h2>
      <p>
        Of {num(calibration.decided)} decided called shots, <strong>{num(calibration.hits)}</strong>{' '}
        landed: a hit rate of <strong>{pct(calibration.rate)}</strong>. Brier score{' '}
        <strong>{calibration.brier === null ? '—' : calibration.brier.toFixed(2)}</strong>{' '}
        <span className="muted">(0 is perfect confidence, 0.25 a coin toss)</span>.
      </p>
      {calibration.teams.length > 0 ? (
        <TableWrap label="Calibration per team">
          <table>
            <caption className="visually-hidden">Calibration per responsible team</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Decided
                </th>
                <th scope="col" className="num">
                  Landed
                </th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col" className="num">
                  Brier
                </th>
              </tr>
            </thead>
            <tbody>
              {calibration.teams.map((t) => (
                <tr key={t.team}>
                  <th scope="row">
                    <EntityLink entity={t.team} />
                  </th>
                  <td className="num">{num(t.decided)}</td>
                  <td className="num">{num(t.hits)}</td>
                  <td className="num">{pct(t.rate)}</td>
                  <td className="num">{t.brier === null ? '—' : t.brier.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

function Review({ review }: { review: BetsBoard['review'] }) {
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Review queue</h2>
      <dl className="facts">
        <dt>Past their decide-by date</dt>
        <dd>
          <EntityList refs={review.overdue} empty="none" />
        </dd>
        <dt>Goals no active bet serves</dt>
        <dd>
          <EntityList refs={review.goalsWithoutActiveBet} empty="none" />
        </dd>
        <dt>Active, but nothing they need changed</dt>
        <dd>
          {review.stalled === null ? (
            <span className="muted">unknown without history</span>
          ) : (
            <EntityList refs={review.stalled} empty="none" />
          )}
        </dd>
      </dl>
      <p className="small muted">
        Zero-based review: a bet stays only if someone argues it should.
      </p>
    </section>
  );
}

function BoardView({ data }: { data: BetsBoard }) {
  useScrollToHash(true);
  return (
    <>
      <PageHeader title="Bets">
        <p>
          Every bet’s called shot, when it must be decided, and which teams it waits on. Today is{' '}
          {data.today}.
        </p>
      </PageHeader>
      <Matrix bets={data.bets} />
      <h2>The bets</h2>
      {data.bets.length === 0 ? (
        <p className="muted">No bet in the catalog yet.</p>
      ) : (
        <div className="cards">
          {data.bets.map((bet) => (
            <BetCardView key={bet.ref} bet={bet} />
          ))}
        </div>
      )}
      <div className="grid-2">
        <Review review={data.review} />
        <Calibration calibration={data.calibration} />
      </div>
      <h2 id="goals">Goals</h2>
      {data.goals.length === 0 ? (
        <p className="muted">No goal in the catalog yet.</p>
      ) : (
        <div className="cards">
          {data.goals.map((goal) => (
            <GoalCard key={goal.ref} goal={goal} />
          ))}
        </div>
      )}
    </>
  );
}

export function BetsPage() {
  const query = useQuery(queries.bets());
  return (
    <Loaded query={query} what="bets board">
      {(data) => <BoardView data={data} />}
    </Loaded>
  );
}
