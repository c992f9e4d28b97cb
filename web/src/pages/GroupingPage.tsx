import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { GroupingPage as GroupingData } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { EntityLink, EntityList } from '../components/EntityLink.js';
import { OwnedTable } from '../components/OwnedTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { num } from '../format.js';
import { queries } from '../queries.js';

function GroupingView({
  g,
  kind,
  json,
}: {
  g: GroupingData;
  kind: 'system' | 'domain';
  /** The API route it comes from. */
  json: string;
}) {
  return (
    <>
      <PageHeader title={g.label} eyebrow={kind === 'system' ? 'System' : 'Domain'}>
        {g.description ? <p>{g.description}</p> : null}
      </PageHeader>
      <dl className="facts wide">
        <dt>Owner</dt>
        <dd>{g.owner ? <EntityLink entity={g.owner} /> : <span className="muted">none</span>}</dd>
        <dt>{kind === 'system' ? 'Domain' : 'Part of'}</dt>
        <dd>{g.partOf ? <EntityLink entity={g.partOf} /> : <span className="muted">none</span>}</dd>
        {kind === 'domain' ? (
          <>
            <dt>Systems</dt>
            <dd>
              <EntityList refs={g.systems} empty="none" />
            </dd>
          </>
        ) : null}
        <dt>APIs</dt>
        <dd>
          <EntityList refs={g.apis} empty="none" />
        </dd>
        <dt>Teams that own its components</dt>
        <dd>
          {g.owners.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            g.owners.map((o, i) => (
              <span key={o.team}>
                {i > 0 ? ', ' : null}
                <EntityLink entity={o.team} /> ({num(o.components)})
              </span>
            ))
          )}
        </dd>
      </dl>
      <section aria-labelledby="grouping-components-h">
        <h2 id="grouping-components-h">Components ({num(g.components.length)})</h2>
        <OwnedTable
          rows={g.components}
          label={`Components in ${g.label}`}
          json={json}
          sortedBy="commits"
        />
      </section>
    </>
  );
}

/** A System or a Domain: what is in it and who owns it. */
export function GroupingPage({ kind }: { kind: 'system' | 'domain' }) {
  const { ns = '', name = '' } = useParams();
  const query = useQuery(queries.grouping(kind, ns, name));
  return (
    <Loaded query={query} what={kind}>
      {(g) => <GroupingView g={g} kind={kind} json={jsonLinks.grouping(kind, ns, name)} />}
    </Loaded>
  );
}
