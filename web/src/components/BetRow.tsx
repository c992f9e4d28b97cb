import type { BetCard } from '../../../src/server/api-types.js';
import { isDecided } from '../bets-filters.js';
import { pct } from '../format.js';
import { Badge, StatusBadge } from './Badge.js';
import { BetFacts, IndependenceBadge } from './BetCardView.js';
import { EntityLink } from './EntityLink.js';
import { RowToggle, useOpenedByHash } from './RowToggle.js';

/** A bet's number as the matrix draws it: round when open, square when decided, red when overdue. */
export function BetNumber({ bet, n }: { bet: BetCard; n: number }) {
  const classes = [
    'bet-num',
    isDecided(bet.status) ? 'is-decided' : 'is-open',
    bet.overdue ? 'is-overdue' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span className={classes} aria-hidden="true">
      {n}
    </span>
  );
}

/**
 * One bet in the board's list, collapsed to a row: its number on the matrix, title, status,
 * quadrant, independence, figures and handoffs; a button (aria-expanded) opens the rest of its
 * card. A link to `#bet-NAME` opens the row it names.
 */
export function BetRow({ bet, n }: { bet: BetCard; n: number }) {
  const id = `bet-${bet.name}`;
  const [open, setOpen] = useOpenedByHash(id);
  const panelId = `${id}-more`;
  const classes = [
    'bet-row',
    isDecided(bet.status) ? 'is-decided' : '',
    bet.overdue ? 'is-overdue' : '',
    open ? 'is-expanded' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li id={id} className={classes} data-bet={bet.name}>
      <div className="bet-row-head">
        <BetNumber bet={bet} n={n} />
        <div className="bet-row-main">
          <span className="bet-row-title">
            <EntityLink entity={bet.ref} label={bet.label} />
          </span>
          <span className="bet-row-meta">
            <StatusBadge status={bet.status} />
            {bet.overdue ? <Badge tone="bad">overdue</Badge> : null}
            <Badge>{bet.quadrant ?? 'impact unknown'}</Badge>
            <IndependenceBadge bet={bet} />
            <span className="bet-row-figures">
              impact {pct(bet.impact)} · feasibility {pct(bet.feasibility)} ·{' '}
              {bet.handoffs === 0
                ? 'no handoff'
                : `${bet.handoffs} ${bet.handoffs === 1 ? 'handoff' : 'handoffs'}`}
            </span>
          </span>
        </div>
        <RowToggle
          open={open}
          controls={panelId}
          label={bet.label}
          onToggle={() => setOpen((o) => !o)}
        />
      </div>
      <div id={panelId} className="bet-row-more" hidden={!open}>
        {open ? <BetFacts bet={bet} /> : null}
      </div>
    </li>
  );
}
