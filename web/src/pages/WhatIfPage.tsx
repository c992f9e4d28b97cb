import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useId, useMemo, useState } from 'react';
import type {
  ScenarioChangeBody,
  ScenarioDocument,
  WhatIfAnswer,
  WhatIfMap,
  WhatIfStart,
} from '../../../src/server/api-types.js';
import { ApiRequestError, api } from '../api.js';
import { MapLegend } from '../components/MapLegend.js';
import { OrgMapGraph } from '../components/OrgMapGraph.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { Term } from '../components/Term.js';
import { type Dragged, WhatIfBoard } from '../components/WhatIfBoard.js';
import { WhatIfDetails, WhatIfSummary } from '../components/WhatIfDeltas.js';
import { WhatIfForms } from '../components/WhatIfForms.js';
import { WhatIfSuggestion } from '../components/WhatIfSuggestion.js';
import { num, pct, refName } from '../format.js';
import { drawnMap, type MapOptions } from '../map-model.js';
import { queries } from '../queries.js';
import { describeChange, labelsOf, scenarioName } from '../what-if-words.js';

const DEFAULT_NAME = 'my-rewiring';
/** Both sides of a what-if draw every team with a need, ungrouped, as the table lists them. */
const WHOLE_MAP: MapOptions = {
  top: null,
  minWeight: 0,
  focus: null,
  grouped: false,
  collapsed: new Set(),
  groupLabel: (ref) => ref,
};

/** The org map of one side, drawn by the Org map page's graph. */
function MapFigure({ title, map }: { title: string; map: WhatIfMap }) {
  const drawn = useMemo(
    () =>
      drawnMap(
        map.teams.map((t) => ({ ...t, members: t.members.length })),
        map.needs,
        [],
        WHOLE_MAP,
      ),
    [map],
  );
  const unwired = map.needs.filter((n) => !n.wired).length;
  return (
    <figure className="what-if-map">
      <figcaption>
        <strong>{title}</strong> · congruence {pct(map.congruence.weighted)} · {num(unwired)}{' '}
        unwired of {num(map.needs.length)} needs
      </figcaption>
      <OrgMapGraph
        map={drawn}
        selected={null}
        summary={`Org map ${title.toLowerCase()}: ${map.teams.length} teams, ${map.needs.length} needs of weight ${num(map.minWeight)} or more, ${unwired} of them unwired.`}
      />
    </figure>
  );
}

/** Saves text as a file the browser downloads. */
function save(text: string, file: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a scenario's name: what a file system takes without question. */
const fileName = (name: string) =>
  `${name.replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '') || DEFAULT_NAME}.yaml`;

function Workbench({ start }: { start: WhatIfStart }) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(DEFAULT_NAME);
  // The name a scenario is tried under: typing is not an analysis per key.
  const [settledName, setSettledName] = useState(DEFAULT_NAME);
  const [description, setDescription] = useState<string | null>(null);
  const [changes, setChanges] = useState<ScenarioChangeBody[]>([]);
  const [last, setLast] = useState<WhatIfAnswer | null>(null);
  const [shipped, setShipped] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettledName(name.trim() || DEFAULT_NAME), 500);
    return () => clearTimeout(timer);
  }, [name]);

  const scenario = useMemo<ScenarioDocument>(
    () => ({
      metadata: { name: settledName, ...(description ? { description } : {}) },
      spec: { changes },
    }),
    [settledName, description, changes],
  );
  const tried = useQuery(queries.whatIf(scenario));
  useEffect(() => {
    if (tried.data) setLast(tried.data);
  }, [tried.data]);
  const scenarios = useQuery(queries.whatIfScenarios());

  const adopt = (document: ScenarioDocument) => {
    setName(document.metadata.name);
    setSettledName(document.metadata.name);
    setDescription(document.metadata.description ?? null);
    setChanges(document.spec.changes);
  };
  const opened = useMutation({
    mutationFn: async (file: File) => api.whatIfFile(await file.text()),
    onSuccess: (answer) => {
      const { metadata, spec } = answer.document;
      const document: ScenarioDocument = {
        metadata: {
          name: metadata.name,
          ...(metadata.description ? { description: metadata.description } : {}),
        },
        spec,
      };
      // The file as it was picked is what downloads: keep its answer for its changes.
      queryClient.setQueryData(queries.whatIf(document).queryKey, answer);
      setLast(answer);
      adopt(document);
    },
  });

  const answer = changes.length === 0 ? null : (tried.data ?? last);
  const current = answer?.after ?? start.today;
  const labels = useMemo(() => labelsOf([start.today, answer?.after]), [start, answer]);
  const label = (ref: string) => labels.get(ref) ?? refName(ref);
  const error = tried.error;
  const refusal = error instanceof ApiRequestError ? error.refusal : null;
  const refused = refusal?.change ?? null;
  // Refused: the board and the figures stay those of the last scenario that applied.
  const stale = error !== null && answer !== null;
  const staleNote = stale ? (
    <p className="callout callout-warn">
      These are the figures of the last scenario that applied; fix or remove the marked change to
      see this one’s.
    </p>
  ) : null;

  const add = (change: ScenarioChangeBody) => setChanges((list) => [...list, change]);
  const move = (what: Dragged, to: string) =>
    add(
      what.kind === 'person'
        ? {
            movePerson: {
              user: scenarioName(what.ref),
              from: scenarioName(what.from),
              to: scenarioName(to),
            },
          }
        : { moveComponent: { component: scenarioName(what.ref), to: scenarioName(to) } },
    );
  const openFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) opened.mutate(file);
    event.target.value = '';
  };
  const fileError = opened.error;
  const fileRefusal = fileError instanceof ApiRequestError ? fileError.refusal : null;
  const ready = tried.isSuccess && !tried.isFetching;

  return (
    <>
      <PageHeader title="What if">
        <p>
          Try a rewiring on paper before doing it to people: move people and components, merge or
          split teams, declare interactions. The work of {start.window.since} to{' '}
          {start.window.until} is held fixed and analysed again under the wiring you make; nothing
          is written. The figures are what <code>orgwire whatif</code> gives for the downloaded
          file.
        </p>
      </PageHeader>

      <section className="card what-if-scenario" aria-labelledby={`${ids}-scenario`}>
        <h2 id={`${ids}-scenario`}>
          <Term id="scenario">Scenario</Term>
        </h2>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${ids}-name`}>Name</label>
            <input
              id={`${ids}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              spellCheck={false}
            />
          </div>
          {(scenarios.data?.scenarios.length ?? 0) > 0 ? (
            <form
              className="field"
              onSubmit={(e) => {
                e.preventDefault();
                const found = scenarios.data?.scenarios.find((s) => s.name === shipped);
                if (found) {
                  opened.reset();
                  adopt(found.document);
                }
              }}
            >
              <label htmlFor={`${ids}-shipped`}>Load a shipped scenario</label>
              <div className="inline-fields">
                <select
                  id={`${ids}-shipped`}
                  value={shipped}
                  onChange={(e) => setShipped(e.target.value)}
                >
                  <option value="">Choose…</option>
                  {scenarios.data?.scenarios.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                      {s.description ? ` — ${s.description}` : ''}
                    </option>
                  ))}
                </select>
                <button type="submit" className="secondary" disabled={shipped === ''}>
                  Load
                </button>
              </div>
            </form>
          ) : null}
          <div className="field">
            <label htmlFor={`${ids}-file`}>Or open a scenario file</label>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".yaml,.yml,.json,application/yaml"
              onChange={openFile}
            />
          </div>
        </div>
        {fileError ? (
          <div className="form-error" role="alert">
            <p>
              {fileRefusal?.line ? `Line ${fileRefusal.line}: ` : ''}
              {fileError.message}
            </p>
            {fileRefusal ? <p>{fileRefusal.hint}</p> : null}
          </div>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            disabled={!ready}
            onClick={() => tried.data && save(tried.data.yaml, fileName(settledName))}
          >
            Download YAML
          </button>
          <button
            type="button"
            className="secondary"
            disabled={changes.length === 0}
            onClick={() => {
              setChanges([]);
              setDescription(null);
              opened.reset();
            }}
          >
            Start over
          </button>
          <span className="muted small" role="status">
            {tried.isFetching || opened.isPending
              ? 'Trying the scenario…'
              : error
                ? 'Fix or remove the marked change to download the file.'
                : ''}
          </span>
        </div>
      </section>

      <WhatIfSuggestion
        period={start.window}
        onTry={(document) => {
          opened.reset();
          adopt(document);
        }}
      />

      <div className="what-if-layout">
        <div className="what-if-side">
          <section className="card what-if-changes" aria-labelledby={`${ids}-changes`}>
            <h2 id={`${ids}-changes`}>Changes ({changes.length})</h2>
            {error ? (
              <div className="form-error" role="alert">
                <p>
                  {refused === null
                    ? 'The scenario is refused'
                    : `Change ${refused + 1} is refused`}
                  : {error.message}
                </p>
                {refusal ? <p>{refusal.hint}</p> : null}
              </div>
            ) : null}
            {changes.length === 0 ? (
              <p className="what-if-empty">
                No change yet — drag a person or a component onto another team, or add a change with
                the forms below (merge, split, interactions, embedding, someone leaving).
              </p>
            ) : (
              <ol className="what-if-list">
                {changes.map((change, i) => {
                  const text = describeChange(change, labels);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a change's place is its identity (the same change may be listed twice)
                    <li key={i} className={i === refused ? 'is-refused' : undefined}>
                      <span>
                        {text}
                        {i === refused ? <strong className="bad"> — refused</strong> : null}
                      </span>
                      <button
                        type="button"
                        className="secondary small"
                        aria-label={`Remove change ${i + 1}: ${text}`}
                        onClick={() => setChanges((list) => list.filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
            {answer && !stale ? (
              <p className="what-if-headline">
                <Term id="congruence">Congruence</Term>{' '}
                <strong>{pct(answer.changes.congruence?.before.weighted)}</strong> →{' '}
                <strong>{pct(answer.changes.congruence?.after.weighted)}</strong>;{' '}
                {num(answer.changes.resolved?.length ?? 0)} unwired needs resolved,{' '}
                {num(answer.changes.created?.length ?? 0)} created.{' '}
                <a href="#what-it-changes">What it changes</a>
              </p>
            ) : null}
          </section>
          <section aria-labelledby={`${ids}-add`}>
            <h2 id={`${ids}-add`}>Add a change</h2>
            <WhatIfForms map={current} onAdd={add} />
          </section>
        </div>
        <section className="what-if-main" aria-labelledby={`${ids}-board`}>
          <h2 id={`${ids}-board`}>
            {changes.length === 0 ? 'Teams today' : 'Teams after the changes'}
          </h2>
          <p className="muted">
            Drag a person or a component onto another team; the forms under “Add a change” do the
            same by keyboard.
          </p>
          {staleNote}
          <WhatIfBoard map={current} onMove={move} />
        </section>
      </div>

      <section aria-labelledby="what-it-changes">
        <h2 id="what-it-changes">What it changes</h2>
        {changes.length === 0 ? (
          <p className="muted">
            Add a change: congruence, the needs it resolves and creates, and each team’s size and
            what it owns appear here, beside the org map before and after.
          </p>
        ) : answer ? (
          <>
            {staleNote}
            <div className="what-if-result">
              <div className="card">
                <WhatIfSummary answer={answer} label={label} />
              </div>
              <div className="what-if-maps">
                <MapFigure title="Before" map={answer.before} />
                <MapFigure title="After" map={answer.after} />
                <MapLegend showIdle={false} />
              </div>
            </div>
            <WhatIfDetails answer={answer} label={label} />
          </>
        ) : error ? (
          <p className="muted">Nothing to compare until the scenario applies.</p>
        ) : (
          <p className="loading">Trying the scenario…</p>
        )}
      </section>
    </>
  );
}

/** The What-if page: a rewiring tried on the work held fixed (issue 14). */
export function WhatIfPage() {
  const start = useQuery(queries.whatIfStart());
  return (
    <Loaded query={start} what="wiring of today">
      {(data) => <Workbench start={data} />}
    </Loaded>
  );
}
