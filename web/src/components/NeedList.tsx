import { num } from '../format.js';
import type { CoordinationNeed } from '../types.js';
import { WiredBadge } from './Badge.js';
import { EntityLink } from './EntityLink.js';
import { Term } from './Term.js';

/** The components behind a need, strongest first, with their share of its weight. */
export function NeedComponents({ need }: { need: CoordinationNeed }) {
  if (need.components.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="inline-list">
      {need.components.map((c) => (
        <li key={c.ref}>
          <EntityLink entity={c.ref} /> <span className="muted">({num(c.weight)})</span>
        </li>
      ))}
    </ul>
  );
}

/** A need as one line: team ↔ team, weight, the work behind it. */
export function NeedItem({
  need,
  explain = false,
}: {
  need: CoordinationNeed;
  /** Explains the jargon (first item of a list only: once is enough). */
  explain?: boolean;
}) {
  return (
    <li className="need">
      <span className="need-teams">
        <EntityLink entity={need.teams[0]} /> <span aria-hidden="true">↔</span>
        <span className="visually-hidden"> and </span> <EntityLink entity={need.teams[1]} />
      </span>{' '}
      <WiredBadge wired={need.wired} via={need.via} />{' '}
      <span className="muted">
        {explain ? <Term id="weight">weight</Term> : 'weight'} {num(need.weight)} (
        {explain ? <Term id="shared-work">shared</Term> : 'shared'} {num(need.sharedWork)},{' '}
        {explain ? <Term id="coupled-work">coupled</Term> : 'coupled'} {num(need.coupledWork)})
      </span>
      <div className="need-evidence">
        <span className="label">Evidence: </span>
        <NeedComponents need={need} />
      </div>
    </li>
  );
}

export function NeedList({ needs }: { needs: readonly CoordinationNeed[] }) {
  return (
    <ul className="needs">
      {needs.map((need, i) => (
        <NeedItem key={need.teams.join(' ')} need={need} explain={i === 0} />
      ))}
    </ul>
  );
}
