import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { refTarget } from '../format.js';
import { queries } from '../queries.js';

/**
 * What people call an entity, by reference, from the (cached) labels of the catalog: the
 * same name on every page. Undefined for references the catalog lacks (rules, folders).
 */
export function useLabel(): (ref: string) => string | undefined {
  const { data } = useQuery({ ...queries.labels(), retry: false });
  return (ref) => data?.labels[ref];
}

/** The name `EntityLink` shows for a reference: its label, else the reference's own name. */
export function useName(): (ref: string) => string {
  const labelOf = useLabel();
  return (ref) => labelOf(ref) ?? refTarget(ref).name;
}

interface Props {
  /** An entity reference: `group:default/payments`, `component:default/checkout-api`… */
  entity: string;
  /** What to show; the entity's label (or the reference's name) by default. */
  label?: string | undefined;
}

/** A reference as a link to its page, or as plain text when it has none (people, rules). */
export function EntityLink({ entity, label }: Props) {
  const labelOf = useLabel();
  const target = refTarget(entity);
  const text = label ?? labelOf(entity) ?? target.name;
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
