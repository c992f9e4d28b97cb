import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TeamList } from '../../../src/server/api-types.js';
import { refTarget } from '../format.js';
import { queries } from '../queries.js';

// One lookup per team list, shared by every link on the page (there may be thousands).
const lookups = new WeakMap<TeamList, Map<string, string>>();

function labelsOf(list: TeamList): Map<string, string> {
  let labels = lookups.get(list);
  if (!labels) {
    labels = new Map(list.teams.map((t) => [t.ref, t.label]));
    lookups.set(list, labels);
  }
  return labels;
}

/** Team labels by reference, from the (cached) team list; refs the list lacks show their name. */
export function useTeamLabel(): (ref: string) => string | undefined {
  const { data } = useQuery({ ...queries.teams(), retry: false });
  const labels = data ? labelsOf(data) : undefined;
  return (ref) => labels?.get(ref);
}

interface Props {
  /** An entity reference: `group:default/payments`, `component:default/checkout-api`… */
  entity: string;
  /** What to show; the team's label or the reference's name by default. */
  label?: string | undefined;
}

/** A reference as a link to its page, or as plain text when it has none (people, rules). */
export function EntityLink({ entity, label }: Props) {
  const teamLabel = useTeamLabel();
  const target = refTarget(entity);
  const text = label ?? teamLabel(entity) ?? target.name;
  if (target.kind === 'page') return <Link to={target.to}>{text}</Link>;
  return (
    <span className="ref-text" title={entity}>
      {text}
      {target.detail ? <span className="muted"> ({target.detail})</span> : null}
    </span>
  );
}

/** References separated by commas; a dash when there are none. */
export function EntityList({ refs, empty = '—' }: { refs: readonly string[]; empty?: string }) {
  if (refs.length === 0) return <span className="muted">{empty}</span>;
  return (
    <>
      {refs.map((ref, i) => (
        <span key={ref}>
          {i > 0 ? ', ' : null}
          <EntityLink entity={ref} />
        </span>
      ))}
    </>
  );
}
