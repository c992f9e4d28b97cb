import type { BetCard, Checkin } from '../../../src/server/api-types.js';
import { days, num, pct, when } from '../format.js';
import { Badge, StatusBadge } from './Badge.js';
import { EntityLink, EntityList } from './EntityLink.js';

const INDEPENDENCE_TONE = {
  independent: 'good',
  light: 'neutral',
  heavy: 'warn',
  checkbox: 'bad',
} as const;

/** The called shot in one line: "conversion 2.1 → 2.6 by 2026-12-31". */
export function ShotLine({ shot }: { shot: BetCard['shot'] }) {
  if (!shot) return <span className="muted">No called shot.</span>;
  return (
    <>
      <strong>{shot.metric ?? 'metric'}</strong> {num(shot.from ?? null)} → {num(shot.to ?? null)}
      {shot.by ? ` by ${shot.by}` : null}
      {shot.confidence !== undefined ? (
        <span className="muted"> (confidence {pct(shot.confidence)})</span>
      ) : null}
    </>
  );
}

export function DecideBy({ bet }: { bet: BetCard }) {
  if (!bet.decideBy) return <span className="muted">No decide-by date.</span>;
  return (
    <>
      <time dateTime={bet.decideBy}>{bet.decideBy}</time>
      {bet.overdue ? (
        <>
          {' '}
          <Badge tone="bad">overdue</Badge>
        </>
      ) : null}
    </>
  );
}

export function CheckinLine({ checkin }: { checkin: Checkin }) {
  return (
    <>
      <time dateTime={checkin.at}>{when(checkin.at)}</time> <StatusBadge status={checkin.status} />
      {checkin.outcomeValue !== null ? ` outcome ${num(checkin.outcomeValue)}` : null}
      {checkin.note ? <> — {checkin.note}</> : null}
      <span className="muted"> (by {checkin.by})</span>
    </>
  );
}

/** Teams outside the responsible ones that the bet waits on, and how long. */
export function ExternalTeams({ bet }: { bet: BetCard }) {
  if (bet.external.length === 0)
    return <p className="muted">The responsible teams own everything this bet needs.</p>;
  return (
    <ul className="compact">
      {bet.external.map((team) => (
        <li key={team.team}>
          <EntityLink entity={team.team} />{' '}
          {team.wired ? <Badge tone="good">wired</Badge> : <Badge tone="bad">unwired</Badge>}{' '}
          <span className="muted">
            {team.waitDays === null ? 'wait unknown' : `expected wait ${days(team.waitDays)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What a bet's card says below its title: the hypothesis, the called shot, who and when. */
export function BetFacts({ bet }: { bet: BetCard }) {
  return (
    <>
      {bet.hypothesis ? <p className="hypothesis">{bet.hypothesis}</p> : null}
      <dl className="facts">
        <dt>Called shot</dt>
        <dd>
          <ShotLine shot={bet.shot} />
        </dd>
        <dt>Kill if</dt>
        <dd>{bet.shot?.kill ?? <span className="muted">No kill criterion.</span>}</dd>
        <dt>Decide by</dt>
        <dd>
          <DecideBy bet={bet} />
        </dd>
        <dt>Feasibility</dt>
        <dd>
          {pct(bet.feasibility)}{' '}
          <span className="muted">
            ({bet.handoffs} {bet.handoffs === 1 ? 'handoff' : 'handoffs'})
          </span>
        </dd>
        <dt>Impact</dt>
        <dd>{bet.impact === null ? <span className="muted">unknown</span> : pct(bet.impact)}</dd>
        <dt>Accountable</dt>
        <dd>{bet.accountable ? <EntityLink entity={bet.accountable} /> : 'nobody'}</dd>
        <dt>Responsible</dt>
        <dd>
          <EntityList refs={bet.responsible} empty="no team" />
        </dd>
      </dl>
      {bet.external.length === 0 ? (
        <p className="small">Waits on no other team.</p>
      ) : (
        <details className="external">
          <summary>
            Waits on {bet.external.length} other {bet.external.length === 1 ? 'team' : 'teams'}
          </summary>
          <ExternalTeams bet={bet} />
        </details>
      )}
      <p className="checkin">
        <span className="label">Latest check-in: </span>
        {bet.latestCheckin ? (
          <CheckinLine checkin={bet.latestCheckin} />
        ) : (
          <span className="muted">none yet</span>
        )}
      </p>
    </>
  );
}

/** The independence badge: how many teams outside the responsible ones the bet waits on. */
export function IndependenceBadge({ bet }: { bet: BetCard }) {
  return <Badge tone={INDEPENDENCE_TONE[bet.independence]}>{bet.independence}</Badge>;
}

/** A bet as a card (team and component pages): the called shot, its decision date, who it waits on. */
export function BetCardView({ bet, level = 3 }: { bet: BetCard; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const titleId = `bet-${bet.name}-t`;
  return (
    <article className={`card bet${bet.overdue ? ' is-overdue' : ''}`} aria-labelledby={titleId}>
      <Heading id={titleId} className="card-title">
        <EntityLink entity={bet.ref} label={bet.label} />
      </Heading>
      <p className="meta">
        <StatusBadge status={bet.status} />
        {bet.quadrant ? <Badge>{bet.quadrant}</Badge> : null}
        <IndependenceBadge bet={bet} />
      </p>
      <BetFacts bet={bet} />
    </article>
  );
}
