import type { ReactNode } from 'react';
import type { GoalView } from '../../../src/server/api-types.js';
import { num } from '../format.js';
import { EntityLink } from './EntityLink.js';
import { RowToggle, useOpenedByHash } from './RowToggle.js';

/** A goal's metric from baseline to target, its newest reading, who is accountable, what it serves. */
function GoalFacts({ goal }: { goal: GoalView }) {
  const m = goal.metric;
  return (
    <dl className="facts">
      <dt>Metric</dt>
      <dd>
        {m ? (
          <>
            <strong>{m.name ?? 'unnamed'}</strong>
            {m.unit ? ` (${m.unit})` : null}: {num(m.baseline ?? null)} → {num(m.target ?? null)}
            {m.by ? ` by ${m.by}` : null}
          </>
        ) : (
          <span className="muted">no metric</span>
        )}
      </dd>
      <dt>Current</dt>
      <dd>
        {goal.current === null ? (
          <span className="muted">no reading yet</span>
        ) : (
          <>
            <strong>{num(goal.current)}</strong>{' '}
            <span className="muted">({goal.readings.length} readings)</span>
          </>
        )}
      </dd>
      <dt>Accountable</dt>
      <dd>{goal.accountable ? <EntityLink entity={goal.accountable} /> : 'nobody'}</dd>
      {goal.parent ? (
        <>
          <dt>Serves</dt>
          <dd>
            <EntityLink entity={goal.parent} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** A goal: its metric from baseline to target, the newest reading, who is accountable. */
export function GoalCard({ goal }: { goal: GoalView }) {
  return (
    <article className="card goal" id={`goal-${goal.name}`} aria-labelledby={`goal-${goal.name}-t`}>
      <h3 id={`goal-${goal.name}-t`} className="card-title">
        {goal.label}
      </h3>
      {goal.description ? <p>{goal.description}</p> : null}
      <GoalFacts goal={goal} />
    </article>
  );
}

/**
 * A goal on the bets board, collapsed to a row: title, metric from baseline to target, the
 * newest reading, and a link to its bets; a button (aria-expanded) opens the rest. Keeps the
 * `goal-NAME` id that links to a goal (`/bets#goal-NAME`) aim at, and opens when one does.
 */
export function GoalRow({ goal, bets }: { goal: GoalView; bets: ReactNode }) {
  const id = `goal-${goal.name}`;
  const [open, setOpen] = useOpenedByHash(id);
  const m = goal.metric;
  return (
    <li id={id} className={`goal-row${open ? ' is-expanded' : ''}`}>
      <div className="goal-row-head">
        <div className="goal-row-main">
          <span id={`${id}-t`} className="goal-row-title">
            {goal.label}
          </span>
          <span className="goal-row-meta">
            {m ? (
              <>
                {m.name ?? 'metric'} {num(m.baseline ?? null)} → {num(m.target ?? null)}
                {m.by ? ` by ${m.by}` : null}
              </>
            ) : (
              <span className="muted">no metric</span>
            )}
            {' · '}
            {goal.current === null ? (
              <span className="muted">no reading yet</span>
            ) : (
              <>now {num(goal.current)}</>
            )}
            {' · '}
            {bets}
          </span>
        </div>
        <RowToggle
          open={open}
          controls={`${id}-more`}
          label={goal.label}
          onToggle={() => setOpen((o) => !o)}
        />
      </div>
      <div id={`${id}-more`} className="goal-row-more" hidden={!open}>
        {open ? (
          <>
            {goal.description ? <p>{goal.description}</p> : null}
            <GoalFacts goal={goal} />
          </>
        ) : null}
      </div>
    </li>
  );
}
