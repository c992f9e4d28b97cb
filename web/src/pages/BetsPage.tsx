import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { BetCard, BetsBoard } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import {
  type BetFilters,
  filtersIn,
  isDecided,
  matches,
  NO_FILTERS,
  narrows,
  onMatrix,
  searchWithFilters,
  shortRef,
} from '../bets-filters.js';
import { Badge } from '../components/Badge.js';
import { BetFilterBar } from '../components/BetFilterBar.js';
import { BetList } from '../components/BetList.js';
import { BetMatrix } from '../components/BetMatrix.js';
import { EntityLink, EntityList, useName } from '../components/EntityLink.js';
import { GoalRow } from '../components/GoalCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { num, pct } from '../format.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';
import '../bets.css';

/** What always saying 50 % scores: (0.5 − 1)² = (0.5 − 0)² = 0.25. */
const COIN_TOSS = 0.25;

/** A Brier score to two decimals, or three where two would hide which side of 0.25 it is. */
function brierText(brier: number): string {
  const two = brier.toFixed(2);
  return two === '0.25' && brier !== COIN_TOSS ? brier.toFixed(3) : two;
}

/** How a Brier score compares with a coin toss, in words on a badge (not in colour alone). */
function BrierVerdict({ brier }: { brier: number | null }) {
  if (brier === null) return null;
  if (brier > COIN_TOSS) return <Badge tone="bad">worse than a coin toss</Badge>;
  if (brier === COIN_TOSS) return <Badge tone="warn">no better than a coin toss</Badge>;
  return <Badge tone="good">better than a coin toss</Badge>;
}

type TeamCalibration = BetsBoard['calibration']['teams'][number];

function Calibration({ calibration }: { calibration: BetsBoard['calibration'] }) {
  const worse = calibration.teams.filter((t) => t.brier !== null && t.brier > COIN_TOSS);
  const name = useName();
  const { rows, header } = useSort(calibration.teams, {
    team: (t: TeamCalibration) => name(t.team),
    decided: (t: TeamCalibration) => t.decided,
    landed: (t: TeamCalibration) => t.hits,
    rate: (t: TeamCalibration) => t.rate,
    brier: (t: TeamCalibration) => t.brier,
  });
  return (
    <section className="card bet-calibration" aria-labelledby="calibration-h">
      <h2 id="calibration-h">
        <Term id="calibration">Calibration</Term>
      </h2>
      <p>
        Of {num(calibration.decided)} decided called shots, <strong>{num(calibration.hits)}</strong>{' '}
        landed: a <Term id="hit-rate">hit rate</Term> of <strong>{pct(calibration.rate)}</strong>.{' '}
        <Term id="brier">Brier score</Term>{' '}
        <strong>{calibration.brier === null ? '—' : brierText(calibration.brier)}</strong>{' '}
        <BrierVerdict brier={calibration.brier} />
      </p>
      <p className="small muted bet-brier-note">
        The Brier score is the mean squared gap between each shot’s stated confidence and its result
        (1 for a hit, 0 for a miss): 0 is perfect calibration, and always saying 50 % scores 0.25,
        so a score above 0.25 is worse than a coin toss.
      </p>
      {worse.length > 0 ? (
        <p className="bet-brier-worse">
          <Badge tone="bad">worse than a coin toss</Badge>{' '}
          {worse.length === 1 ? 'One team’s' : `${worse.length} teams’`} confidence was worse than
          saying 50 % every time: <EntityList refs={worse.map((t) => t.team)} />.
        </p>
      ) : null}
      {calibration.teams.length > 0 ? (
        <TableWrap label="Calibration per team" json={jsonLinks.bets()}>
          <table>
            <caption className="visually-hidden">Calibration per responsible team</caption>
            <thead>
              <tr>
                <SortHeader {...header('team')}>Team</SortHeader>
                <SortHeader {...header('decided')} numeric>
                  Decided
                </SortHeader>
                <SortHeader {...header('landed')} numeric>
                  Landed
                </SortHeader>
                <SortHeader {...header('rate')} numeric>
                  Rate
                </SortHeader>
                <SortHeader {...header('brier')} numeric>
                  Brier
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr
                  key={t.team}
                  className={t.brier !== null && t.brier > COIN_TOSS ? 'is-worse' : ''}
                >
                  <th scope="row">
                    <EntityLink entity={t.team} />
                  </th>
                  <td className="num">{num(t.decided)}</td>
                  <td className="num">{num(t.hits)}</td>
                  <td className="num">{pct(t.rate)}</td>
                  <td className="num">
                    {t.brier === null ? '—' : brierText(t.brier)}
                    {t.brier !== null && t.brier > COIN_TOSS ? (
                      <>
                        {' '}
                        <Badge tone="bad">worse than a coin toss</Badge>
                      </>
                    ) : null}
                  </td>
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
        <dt>Lost or killed, and no learning written yet</dt>
        <dd>
          <EntityList refs={review.unlearned} empty="none" />
        </dd>
      </dl>
      <p className="small muted">
        Zero-based review: a bet stays only if someone argues it should.
      </p>
    </section>
  );
}

/** The matrix, the legend, and what the matrix leaves out and why. */
function MatrixCard({
  bets,
  numbers,
  filters,
  onToggleDecided,
}: {
  bets: readonly BetCard[];
  numbers: ReadonlyMap<string, number>;
  filters: BetFilters;
  onToggleDecided: () => void;
}) {
  const placed = useMemo(() => bets.filter((b) => onMatrix(b, filters)), [bets, filters]);
  const decidedOff = bets.filter(
    (b) => b.impact !== null && isDecided(b.status) && !filters.showDecided,
  );
  const decidedOn = bets.filter(
    (b) => b.impact !== null && isDecided(b.status) && filters.showDecided,
  );
  const unknown = bets.filter((b) => b.impact === null);
  return (
    <figure className="card bet-matrix-card" aria-labelledby="matrix-h">
      <figcaption>
        <h2 id="matrix-h" className="bet-matrix-h">
          <Term id="impact">Impact</Term> × <Term id="feasibility">feasibility</Term>
        </h2>
        <p className="small">
          Impact: the called shot’s movement as a share of its goal’s gap. Feasibility: what the
          handoffs to other teams and their queues leave of the chance to land. Each dot is a bet,
          numbered as in the list below, and links to it. Where two dots would cover each other, one
          moves to the nearest free place in its own quadrant, with a thin line to where its figures
          put it.
        </p>
      </figcaption>
      {placed.length > 0 ? (
        <BetMatrix bets={placed} numbers={numbers} />
      ) : (
        <p className="muted bet-matrix-empty">
          No bet of the ones shown has a known impact to place.
        </p>
      )}
      <ul className="bet-legend small" aria-label="Legend">
        <li>
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
            <circle className="legend-open" cx="9" cy="9" r="8" />
          </svg>
          open (active or proposed)
        </li>
        <li>
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
            <circle className="legend-overdue" cx="9" cy="9" r="7.5" />
          </svg>
          <Term id="overdue">past its decide-by date</Term>, “overdue” after its name
        </li>
        <li>
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
            <rect className="legend-decided" x="1.5" y="1.5" width="15" height="15" rx="3" />
          </svg>
          decided, its status after its name (only with “show decided bets”)
        </li>
        <li>
          <svg aria-hidden="true" width="24" height="18" viewBox="0 0 24 18">
            <line className="legend-leader" x1="3" y1="9" x2="20" y2="9" />
            <circle className="legend-leader-dot" cx="3" cy="9" r="2" />
          </svg>
          moved off a taken spot; the small dot is its true place
        </li>
        <li>
          Quadrants: <Term id="quick-win">quick win</Term>, <Term id="big-bet">big bet</Term>,{' '}
          <Term id="fill-in">fill-in</Term>, <Term id="money-pit">money pit</Term>
        </li>
      </ul>
      {decidedOff.length > 0 ? (
        <p className="small bet-matrix-off">
          {decidedOff.length === 1 ? 'One decided bet is' : `${decidedOff.length} decided bets are`}{' '}
          off the matrix: their outcome is in, so where they stood no longer guides a choice.{' '}
          <button type="button" className="secondary small" onClick={onToggleDecided}>
            Show decided bets
          </button>
        </p>
      ) : decidedOn.length > 0 ? (
        <p className="small bet-matrix-off">
          {decidedOn.length === 1 ? 'One decided bet is' : `${decidedOn.length} decided bets are`}{' '}
          on the matrix as squares.{' '}
          <button type="button" className="secondary small" onClick={onToggleDecided}>
            Hide decided bets
          </button>
        </p>
      ) : null}
      {unknown.length > 0 ? (
        <p className="small">
          Impact unknown (no called shot, or its goal has no baseline and target):{' '}
          {unknown.map((b, i) => (
            <span key={b.ref}>
              {i > 0 ? ', ' : null}
              {numbers.get(b.ref)}. <EntityLink entity={b.ref} label={b.label} />
            </span>
          ))}
        </p>
      ) : null}
    </figure>
  );
}

function BoardView({ data }: { data: BetsBoard }) {
  useScrollToHash(true);
  const location = useLocation();
  const navigate = useNavigate();
  // The filters just chosen, until the router's URL (a transition) catches up: the controls
  // and the board follow a choice at once, and a checkbox never flicks back.
  const [pending, setPending] = useState<BetFilters | null>(null);
  const search = location.search;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new URL is what settles a choice
  useEffect(() => setPending(null), [search]);
  const fromUrl = useMemo(() => filtersIn(search), [search]);
  const filters = pending ?? fromUrl;
  const numbers = useMemo(() => new Map(data.bets.map((b, i) => [b.ref, i + 1])), [data.bets]);
  const shown = useMemo(() => data.bets.filter((b) => matches(b, filters)), [data.bets, filters]);
  const change = (next: BetFilters) => {
    setPending(next);
    void navigate({ search: searchWithFilters(search, next) }, { replace: true });
  };
  const betsOf = (goalRef: string) => data.bets.filter((b) => b.goal === goalRef).length;

  return (
    <>
      <PageHeader title="Bets">
        <p>
          Every bet’s called shot, when it must be decided, and which teams it waits on. Today is{' '}
          {data.today}.
        </p>
      </PageHeader>
      {data.bets.length === 0 ? (
        <p className="muted">No bet in the catalog yet.</p>
      ) : (
        <>
          <BetFilterBar
            bets={data.bets}
            goals={data.goals}
            filters={filters}
            shown={shown.length}
            onChange={change}
          />
          <MatrixCard
            bets={shown}
            numbers={numbers}
            filters={filters}
            onToggleDecided={() => change({ ...filters, showDecided: !filters.showDecided })}
          />
          <h2 id="the-bets">The bets</h2>
          {shown.length === 0 ? (
            <p className="muted">
              No bet matches these filters.{' '}
              <button type="button" className="secondary small" onClick={() => change(NO_FILTERS)}>
                Clear filters
              </button>
            </p>
          ) : (
            <BetList key={searchWithFilters('', filters)} bets={shown} numbers={numbers} />
          )}
          {narrows(filters) ? (
            <p className="small muted">
              The review queue, calibration and goals below are of every bet, not only the ones
              shown.
            </p>
          ) : null}
        </>
      )}
      <div className="bet-review">
        <Calibration calibration={data.calibration} />
        <Review review={data.review} />
      </div>
      <h2 id="goals">Goals</h2>
      {data.goals.length === 0 ? (
        <p className="muted">No goal in the catalog yet.</p>
      ) : (
        <ul className="goal-rows">
          {data.goals.map((goal) => {
            const count = betsOf(goal.ref);
            return (
              <GoalRow
                key={goal.ref}
                goal={goal}
                bets={
                  count === 0 ? (
                    <span className="muted">no bet</span>
                  ) : (
                    <Link
                      to={{
                        search: searchWithFilters(location.search, {
                          ...NO_FILTERS,
                          goal: shortRef(goal.ref),
                        }),
                        hash: '#the-bets',
                      }}
                    >
                      {count} {count === 1 ? 'bet' : 'bets'}
                    </Link>
                  )
                }
              />
            );
          })}
        </ul>
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
