import { num } from '../format.js';
import type { CoordinationNeed } from '../types.js';
import { WiredBadge } from './Badge.js';
import { EntityLink, useName } from './EntityLink.js';
import { SortHeader, useSort } from './Sortable.js';
import { Term } from './Term.js';

type Evidence = CoordinationNeed['components'][number];

const NO_EVIDENCE: readonly Evidence[] = [];

/** The evidence behind one need: which work the two teams share. */
export function NeedPanel({
  need,
  onClose,
}: {
  need: CoordinationNeed | null;
  onClose: () => void;
}) {
  const name = useName();
  const { rows, header } = useSort(
    need?.components ?? NO_EVIDENCE,
    { component: (c: Evidence) => name(c.ref), weight: (c: Evidence) => c.weight },
    'weight',
  );
  if (!need) {
    return (
      <aside className="need-panel" aria-label="Need details">
        <h2>Evidence</h2>
        <p className="muted">
          Select a line on the map, or “Evidence” in the table, to see the work two teams share.
          Click a team to see it with the teams it needs; its name in the table opens its page.
        </p>
      </aside>
    );
  }
  return (
    <aside className="need-panel" aria-labelledby="need-panel-h" tabIndex={-1}>
      <div className="panel-head">
        <h2 id="need-panel-h">
          <EntityLink entity={need.teams[0]} /> <span aria-hidden="true">↔</span>
          <span className="visually-hidden"> and </span> <EntityLink entity={need.teams[1]} />
        </h2>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        <WiredBadge wired={need.wired} via={need.via} />
      </p>
      <dl className="facts">
        <dt>
          <Term id="weight">Weight</Term>
        </dt>
        <dd>{num(need.weight)}</dd>
        <dt>
          <Term id="shared-work">Shared work</Term>
        </dt>
        <dd>{num(need.sharedWork)}</dd>
        <dt>
          <Term id="coupled-work">Coupled work</Term>
        </dt>
        <dd>{num(need.coupledWork)}</dd>
        <dt>
          <Term id="wired">Wired</Term> via
        </dt>
        <dd>
          {need.via ?? 'nothing: neither team is inside the other, and no interaction is declared'}
        </dd>
      </dl>
      <h3>Components behind it</h3>
      {need.components.length === 0 ? (
        <p className="muted">No component named.</p>
      ) : (
        <table className="plain">
          <caption className="visually-hidden">Components behind this need</caption>
          <thead>
            <tr>
              <SortHeader {...header('component')}>Component</SortHeader>
              <SortHeader {...header('weight')} numeric>
                Weight
              </SortHeader>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.ref}>
                <td>
                  <EntityLink entity={c.ref} />
                </td>
                <td className="num">{num(c.weight)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small muted">
        Shared work: both teams changed the same component. Coupled work: they changed components
        that change together.
      </p>
    </aside>
  );
}
