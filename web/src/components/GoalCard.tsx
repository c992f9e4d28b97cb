import type { GoalView } from '../../../src/server/api-types.js';
import { num } from '../format.js';
import { EntityLink } from './EntityLink.js';

/** A goal: its metric from baseline to target, the newest reading, who is accountable. */
export function GoalCard({ goal }: { goal: GoalView }) {
  const m = goal.metric;
  return (
    <article className="card goal" id={`goal-${goal.name}`} aria-labelledby={`goal-${goal.name}-t`}>
      <h3 id={`goal-${goal.name}-t`} className="card-title">
        {goal.label}
      </h3>
      {goal.description ? <p>{goal.description}</p> : null}
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
    </article>
  );
}
