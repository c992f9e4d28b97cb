import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { ComponentPage as ComponentData } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge } from '../components/Badge.js';
import { BetCardView } from '../components/BetCardView.js';
import { ChainFlags, ChainPath } from '../components/ChainPath.js';
import { EntityLink, EntityList, useName } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { availability, num, pct } from '../format.js';
import { queries } from '../queries.js';

type Changer = ComponentData['changedBy'][number];
type Coupling = ComponentData['coupled'][number];

function ChangedBy({ c, json }: { c: ComponentData; json: string }) {
  const name = useName();
  const { rows, header } = useSort(
    c.changedBy,
    { team: (t: Changer) => name(t.ref), commits: (t: Changer) => t.commits },
    // The server's order: most commits first.
    'commits',
  );
  if (c.changedBy.length === 0) return <p className="muted">No team changed it in the window.</p>;
  return (
    <TableWrap label={`Teams that changed ${c.label}`} json={json}>
      <table>
        <caption className="visually-hidden">Teams that changed it</caption>
        <thead>
          <tr>
            <SortHeader {...header('team')}>Team</SortHeader>
            <SortHeader {...header('commits')} numeric>
              Commits
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.ref}>
              <th scope="row">
                <EntityLink entity={t.ref} />
                {t.ref === c.owner ? (
                  <>
                    {' '}
                    <Badge>owner</Badge>
                  </>
                ) : null}
              </th>
              <td className="num">{num(t.commits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Coupled({ c, json }: { c: ComponentData; json: string }) {
  const name = useName();
  const { rows, header } = useSort(
    c.coupled,
    {
      component: (k: Coupling) => name(k.ref),
      degree: (k: Coupling) => k.degree,
      shared: (k: Coupling) => k.shared,
      // Another team's first, then nearly always together; plain couplings last.
      notes: (k: Coupling) => (k.crossTeam ? 2 : 0) + (k.changeTogether ? 1 : 0) || null,
    },
    // The server's order: the highest degree first.
    'degree',
  );
  if (c.coupled.length === 0) return <p className="muted">Nothing changes together with it.</p>;
  return (
    <TableWrap label={`Components that change with ${c.label}`} json={json}>
      <table>
        <caption className="visually-hidden">Components that change with it</caption>
        <thead>
          <tr>
            <SortHeader {...header('component')}>Component</SortHeader>
            <SortHeader {...header('degree')} numeric>
              <Term id="coupling-degree">Degree</Term>
            </SortHeader>
            <SortHeader {...header('shared')} numeric>
              Shared commits
            </SortHeader>
            <SortHeader {...header('notes')}>Notes</SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr key={k.ref}>
              <th scope="row">
                <EntityLink entity={k.ref} />
              </th>
              <td className="num">{num(k.degree)}%</td>
              <td className="num">{num(k.shared)}</td>
              <td>
                {k.crossTeam ? (
                  <Badge tone="warn">
                    <Term id="cross-team-coupling">another team owns it</Term>
                  </Badge>
                ) : null}
                {k.changeTogether ? (
                  <Badge tone="info">
                    <Term id="change-together">nearly always together</Term>
                  </Badge>
                ) : null}
                {!k.crossTeam && !k.changeTogether ? <span className="muted">—</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ComponentView({ c, json }: { c: ComponentData; json: string }) {
  return (
    <>
      <PageHeader
        title={c.label}
        eyebrow={
          <>
            {c.kind === 'api' || c.kind === 'API' ? 'API' : 'Component'}
            {c.type ? ` · ${c.type}` : null}
            {c.lifecycle ? ` · ${c.lifecycle}` : null}
          </>
        }
      >
        {c.description ? <p>{c.description}</p> : null}
      </PageHeader>
      <dl className="facts wide">
        <dt>
          <Term id="owner">Owner</Term>
        </dt>
        <dd>{c.owner ? <EntityLink entity={c.owner} /> : <Badge tone="warn">no owner</Badge>}</dd>
        <dt>
          <Term id="owner-share">Owner share</Term>
        </dt>
        <dd>
          {pct(c.ownerShare)} <span className="muted">of the changes in the window</span>
        </dd>
        <dt>Teams changing it</dt>
        <dd>
          {num(c.teams)}{' '}
          <span className="muted">
            (<Term id="fragmentation">fragmentation</Term>{' '}
            {c.fragmentation === null ? '—' : c.fragmentation.toFixed(2)})
          </span>
        </dd>
        <dt>Commits</dt>
        <dd>
          {num(c.commits)}
          {c.unmatchedCommits > 0 ? (
            <span className="muted">
              {' '}
              ({num(c.unmatchedCommits)} by <Term id="unmatched-author">authors</Term> matched to no
              team)
            </span>
          ) : null}
        </dd>
        <dt>Files</dt>
        <dd>{num(c.files)}</dd>
        {c.system ? (
          <>
            <dt>System</dt>
            <dd>
              <EntityLink entity={c.system} />
            </dd>
          </>
        ) : null}
        <dt>
          <Term id="availability-objective">Availability objective</Term>
        </dt>
        <dd>{availability(c.availability)}</dd>
      </dl>

      <section aria-labelledby="changed-h">
        <h2 id="changed-h">Teams that change it</h2>
        <ChangedBy c={c} json={json} />
      </section>
      <section aria-labelledby="coupled-h">
        <h2 id="coupled-h">Changes together with</h2>
        <Coupled c={c} json={json} />
      </section>
      <section aria-labelledby="deps-h">
        <h2 id="deps-h">Dependencies</h2>
        <dl className="facts wide">
          <dt>Depends on</dt>
          <dd>
            <EntityList refs={c.dependsOn} empty="nothing" />
          </dd>
          <dt>Depended on by</dt>
          <dd>
            <EntityList refs={c.dependents} empty="nothing" />
          </dd>
          {c.kind === 'api' ? (
            <>
              <dt>Provided by</dt>
              <dd>
                <EntityList refs={c.providedBy} empty="no component declares it" />
              </dd>
            </>
          ) : (
            <>
              <dt>Provides APIs</dt>
              <dd>
                <EntityList refs={c.providesApis} empty="none" />
              </dd>
            </>
          )}
          <dt>Consumes APIs</dt>
          <dd>
            <EntityList refs={c.consumesApis} empty="none" />
          </dd>
        </dl>
      </section>
      <section aria-labelledby="chains-h">
        <h2 id="chains-h">Synchronous chains through it</h2>
        {c.chains.length === 0 ? (
          <p className="muted">No synchronous chain runs through it.</p>
        ) : (
          <ul className="stack">
            {c.chains.map((chain) => (
              <li key={chain.entry}>
                <ChainPath path={chain.path} />
                <p className="small">
                  <Term id="chain">Depth</Term> {chain.depth},{' '}
                  <Term id="compound-availability">compound availability</Term>{' '}
                  {availability(chain.availability)} <ChainFlags chain={chain} />
                </p>
              </li>
            ))}
          </ul>
        )}
        {c.cycles.length > 0 ? (
          <>
            <h3>
              <Term id="cycle">Cycles</Term>
            </h3>
            <ul className="stack">
              {c.cycles.map((cycle) => (
                <li key={cycle.join(' ')}>
                  <Badge tone="bad">cycle</Badge> <EntityList refs={cycle} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="bets-h">
        <h2 id="bets-h">Bets that need it</h2>
        {c.bets.length === 0 ? (
          <p className="muted">No bet needs it.</p>
        ) : (
          <div className="cards">
            {c.bets.map((bet) => (
              <BetCardView key={bet.ref} bet={bet} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

export function ComponentPage() {
  const { ns = '', name = '' } = useParams();
  const query = useQuery(queries.component(ns, name));
  return (
    <Loaded query={query} what="component">
      {(c) => <ComponentView c={c} json={jsonLinks.component(ns, name)} />}
    </Loaded>
  );
}
