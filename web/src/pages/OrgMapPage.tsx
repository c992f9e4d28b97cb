import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CoordinationMap, CoordinationNeed } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { WiredBadge } from '../components/Badge.js';
import { CoverageWarning } from '../components/Coverage.js';
import { EntityLink, useName } from '../components/EntityLink.js';
import { MapControls, mapSettings } from '../components/MapControls.js';
import { MapLegend } from '../components/MapLegend.js';
import { NeedComponents } from '../components/NeedList.js';
import { NeedPanel } from '../components/NeedPanel.js';
import { OrgMapGraph } from '../components/OrgMapGraph.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { num, pct } from '../format.js';
import { drawnMap, pairKey } from '../map-model.js';
import { MAP_EDGE_LIMIT, queries } from '../queries.js';

const PAGE = 100;

/** After choosing a need from the table, bring its evidence into view and focus. */
function revealPanel() {
  requestAnimationFrame(() => {
    const panel = document.querySelector<HTMLElement>('.need-panel');
    if (!panel) return;
    panel.scrollIntoView({ block: 'nearest' });
    panel.focus({ preventScroll: true });
  });
}

function MapView({ data }: { data: CoordinationMap }) {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const onlyUnwired = params.get('unwired') === '1';
  const showIdle = params.get('idle') === '1';
  const selected = params.get('need');
  const [shown, setShown] = useState(PAGE);

  const setParam = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  const needs = data.needs;
  const name = useName();
  const columns = useMemo(
    () => ({
      teams: (n: CoordinationNeed) => `${name(n.teams[0])} ${name(n.teams[1])}`,
      weight: (n: CoordinationNeed) => n.weight,
      shared: (n: CoordinationNeed) => n.sharedWork,
      coupled: (n: CoordinationNeed) => n.coupledWork,
      wired: (n: CoordinationNeed) => (n.wired ? 'wired' : 'unwired'),
    }),
    [name],
  );
  const { rows: sorted, header } = useSort(needs, columns, 'weight');
  const labels = useQuery({ ...queries.labels(), retry: false }).data?.labels;
  const settings = mapSettings(params, data);
  const { top, minWeight, focus, grouped, folded } = settings;
  const foldKey = folded.join(',');
  const drawn = useMemo(
    () =>
      drawnMap(data.teams, needs, showIdle ? data.idleInteractions : [], {
        top,
        minWeight,
        focus,
        grouped,
        collapsed: new Set(foldKey.split(',')),
        // The groups are in the map's own teams: the drawing waits for nothing else, and is
        // not laid out again when the labels come.
        groupLabel: (ref) =>
          data.teams.find((t) => t.ref === ref)?.label ?? ref.replace(/^.*\//, ''),
      }),
    [data, needs, showIdle, top, minWeight, focus, grouped, foldKey],
  );
  const selectedNeed = data.needs.find((n) => pairKey(n.teams) === selected) ?? null;
  const lighter = onlyUnwired ? data.lighter.unwired : data.lighter.needs;
  const drawnNeeds = drawn.edges.filter((e) => !e.idle).length;
  const teamsDrawn = drawn.nodes.filter((n) => n.kind !== 'group').length;
  const summary =
    `Org map of ${teamsDrawn} teams and groups and ${drawnNeeds} lines of coordination need` +
    `${onlyUnwired ? ' (unwired only)' : ''}. The same needs are listed in the table below.`;
  const labelOf = (ref: string) =>
    data.teams.find((t) => t.ref === ref)?.label ?? labels?.[ref] ?? ref;
  const toggleGroup = (group: string) =>
    setParam(
      'fold',
      (folded.includes(group) ? folded.filter((g) => g !== group) : [...folded, group]).join(',') ||
        null,
    );

  return (
    <>
      <PageHeader title="Org map">
        <p>
          Teams, and the coordination their work requires between {data.window.since} and{' '}
          {data.window.until}. <Term id="congruence">Congruence</Term>:{' '}
          <strong>{pct(data.congruence.weighted)}</strong> of the need is wired;{' '}
          <Term id="coverage">coverage</Term>: <strong>{pct(data.coverage.share)}</strong> of the
          people’s commits are credited to a team.
        </p>
        <p>
          {data.needs.length < data.matching
            ? `Drawing the strongest ${num(data.needs.length)} of ${num(data.matching)} ${onlyUnwired ? 'unwired needs' : 'needs'} of weight ${num(data.minWeight)} or more.`
            : `${num(data.matching)} ${onlyUnwired ? 'unwired ' : ''}${data.matching === 1 ? 'need' : 'needs'} of weight ${num(data.minWeight)} or more.`}{' '}
          {lighter > 0
            ? `${num(lighter)} lighter ${lighter === 1 ? 'one is' : 'ones are'} left out (the JSON report keeps them all).`
            : null}
        </p>
      </PageHeader>
      <CoverageWarning coverage={data.coverage} />
      <MapControls
        data={data}
        settings={settings}
        drawn={drawn}
        setParam={setParam}
        labelOf={labelOf}
      />
      <fieldset className="controls">
        <legend className="visually-hidden">What to draw</legend>
        <label htmlFor={`${id}-unwired`}>
          <input
            id={`${id}-unwired`}
            type="checkbox"
            checked={onlyUnwired}
            onChange={(e) => setParam('unwired', e.target.checked ? '1' : null)}
          />{' '}
          Only unwired needs
        </label>
        <label htmlFor={`${id}-idle`}>
          <input
            id={`${id}-idle`}
            type="checkbox"
            checked={showIdle}
            onChange={(e) => setParam('idle', e.target.checked ? '1' : null)}
          />{' '}
          Declared interactions with no shared work ({num(data.idleInteractions.length)})
        </label>
      </fieldset>
      <div className="map-layout">
        <div className="map-main">
          {drawn.edges.length === 0 ? (
            <p className="org-map-empty">
              {focus
                ? `${labelOf(focus)} has no need of this weight in this period.`
                : 'No need of this weight to draw.'}
            </p>
          ) : (
            <OrgMapGraph
              map={drawn}
              selected={selected}
              onSelectNeed={(key) => setParam('need', key)}
              onTeam={(ref) => setParam('focus', ref === focus ? null : ref)}
              onGroup={toggleGroup}
              summary={summary}
            />
          )}
          <MapLegend showIdle={showIdle} grouped={drawn.nodes.some((n) => n.kind !== 'team')} />
          {drawn.setAside.length > 0 ? (
            <details className="map-teams">
              <summary>
                Set aside: {num(drawn.setAside.length)}{' '}
                {drawn.setAside.length === 1 ? 'team' : 'teams'} with no need drawn
              </summary>
              <ul className="inline-list">
                {drawn.setAside.map((ref) => (
                  <li key={ref}>
                    <EntityLink entity={ref} label={labelOf(ref)} />
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
        <NeedPanel need={selectedNeed} onClose={() => setParam('need', null)} />
      </div>

      <h2 id={`${id}-needs`}>
        <Term id="need">Needs</Term>
        {onlyUnwired ? ' (unwired only)' : ''}, strongest first
      </h2>
      {needs.length === 0 ? (
        <p>
          {lighter > 0
            ? `No ${onlyUnwired ? 'unwired ' : ''}need weighs ${num(data.minWeight)} or more in this window.`
            : onlyUnwired && data.totalNeeds > 0
              ? 'Every need the work shows is wired.'
              : 'No two teams need to coordinate in this window.'}
        </p>
      ) : (
        <TableWrap
          label="Coordination needs"
          json={jsonLinks.coordination(MAP_EDGE_LIMIT, onlyUnwired)}
          cut={needs.length > shown}
        >
          <table>
            <caption className="visually-hidden">
              Coordination needs between teams, strongest first
            </caption>
            <thead>
              <tr>
                <SortHeader {...header('teams')}>Teams</SortHeader>
                <SortHeader {...header('weight')} numeric>
                  <Term id="weight">Weight</Term>
                </SortHeader>
                <SortHeader {...header('shared')} numeric>
                  <Term id="shared-work">Shared</Term>
                </SortHeader>
                <SortHeader {...header('coupled')} numeric>
                  <Term id="coupled-work">Coupled</Term>
                </SortHeader>
                <SortHeader {...header('wired')}>
                  <Term id="wired">Wiring</Term>
                </SortHeader>
                <th scope="col">Components</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.slice(0, shown).map((need) => {
                const key = pairKey(need.teams);
                return (
                  <tr key={key} className={key === selected ? 'is-selected' : undefined}>
                    <td className="nowrap">
                      <EntityLink entity={need.teams[0]} /> <span aria-hidden="true">↔</span>
                      <span className="visually-hidden"> and </span>{' '}
                      <EntityLink entity={need.teams[1]} />
                    </td>
                    <td className="num">{num(need.weight)}</td>
                    <td className="num">{num(need.sharedWork)}</td>
                    <td className="num">{num(need.coupledWork)}</td>
                    <td>
                      <WiredBadge wired={need.wired} via={need.via} />
                    </td>
                    <td>
                      <NeedComponents need={need} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="secondary small"
                        aria-pressed={key === selected}
                        onClick={() => {
                          setParam('need', key);
                          revealPanel();
                        }}
                      >
                        Evidence
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {needs.length > shown ? (
        <p>
          <button type="button" className="secondary" onClick={() => setShown(needs.length)}>
            Show all {num(needs.length)} needs
          </button>
        </p>
      ) : null}

      {showIdle ? (
        <>
          <h2>
            <Term id="idle-interaction">Declared interactions with no shared work</Term>
          </h2>
          {data.idleInteractions.length === 0 ? (
            <p>Every declared interaction is backed by shared work.</p>
          ) : (
            <ul className="compact">
              {data.idleInteractions.map((i) => (
                <li key={pairKey(i.teams)}>
                  <EntityLink entity={i.teams[0]} /> ↔ <EntityLink entity={i.teams[1]} />{' '}
                  <span className="muted">
                    ({i.mode}, declared by <EntityLink entity={i.declaredBy} />)
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}

export function OrgMapPage() {
  const [params] = useSearchParams();
  // Keep drawing the last map while the other filter loads, instead of a loading note.
  const query = useQuery({
    ...queries.coordination(params.get('unwired') === '1'),
    placeholderData: keepPreviousData,
  });
  return (
    <Loaded query={query} what="org map">
      {(data) => <MapView data={data} />}
    </Loaded>
  );
}
