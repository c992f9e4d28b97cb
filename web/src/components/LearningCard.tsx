import type { LearningView } from '../../../src/server/api-types.js';
import { Badge, StatusBadge } from './Badge.js';
import { EntityLink, EntityList } from './EntityLink.js';

/** A learning as Situation — Complication — Resolution, then its lessons. */
export function LearningCard({ learning, level = 2 }: { learning: LearningView; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article className="card learning" id={learning.name} aria-labelledby={`${learning.name}-t`}>
      <Heading id={`${learning.name}-t`} className="card-title">
        {learning.label}
      </Heading>
      <p className="meta">
        {learning.date ? <time dateTime={learning.date}>{learning.date}</time> : 'Undated'}
        {learning.bet ? (
          <>
            {' · bet '}
            <EntityLink entity={learning.bet} />
            {learning.betStatus ? (
              <>
                {' '}
                <StatusBadge status={learning.betStatus} />
              </>
            ) : null}
          </>
        ) : null}
        {learning.incident ? ` · incident ${learning.incident}` : null}
        {learning.source === 'radiator' ? (
          <>
            {' '}
            <Badge>written here</Badge>
          </>
        ) : null}
      </p>
      <dl className="scr">
        <dt>Situation</dt>
        <dd>{learning.situation ?? <span className="muted">Not written.</span>}</dd>
        <dt>Complication</dt>
        <dd>{learning.complication ?? <span className="muted">Not written.</span>}</dd>
        <dt>Resolution</dt>
        <dd>{learning.resolution ?? <span className="muted">Not written.</span>}</dd>
        {learning.lessons.length > 0 ? (
          <>
            <dt>Lessons</dt>
            <dd>
              <ul className="lessons">
                {learning.lessons.map((lesson, i) => (
                  // Lessons are free text and may repeat; their order is their identity.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <li key={i}>{lesson}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <p className="meta">
        {learning.teams.length > 0 ? (
          <>
            Teams: <EntityList refs={learning.teams} />
          </>
        ) : null}
        {learning.authors.length > 0 ? (
          <>
            {learning.teams.length > 0 ? ' · ' : null}
            Written by <EntityList refs={learning.authors} />
          </>
        ) : null}
      </p>
    </article>
  );
}
