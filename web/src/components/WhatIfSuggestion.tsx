import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type {
  EntitySummary,
  ScenarioDocument,
  WhatIfSuggestion as Suggestion,
  WhatIfSuggestedTeam,
  Window,
} from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { num, pct, refTarget } from '../format.js';
import { queries } from '../queries.js';
import { noSuggestion } from '../what-if-words.js';
import { Badge } from './Badge.js';
import { type Columns, SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

/** Teams listed before "Show all": a big organisation's suggestion has hundreds. */
const SHOWN = 12;
/** Components named in a team's row; the rest are counted. */
const COMPONENTS_SHOWN = 6;

/** Seconds since `active` became true, ticking while it stays so. */
function useElapsed(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return seconds;
}

/** What a component is called: a folder or an ownership-file rule by its path, else its label. */
function componentName(c: EntitySummary): string {
  const target = refTarget(c.ref);
  return target.kind === 'text' && target.detail ? target.name : c.label;
}

/** Two dates that break between them, not at their hyphens. */
function Period({ period }: { period: Window }) {
  return (
    <>
      <span className="nowrap">{period.since}</span> to{' '}
      <span className="nowrap">{period.until}</span>
    </>
  );
}

const COLUMNS: Columns<WhatIfSuggestedTeam, 'team' | 'people' | 'components'> = {
  team: (t) => t.label,
  people: (t) => t.members.length + t.unnamed,
  components: (t) => t.components.length,
};

/** The suggested teams, the largest first until a header sorts them; the first 12 of them. */
function Teams({ teams }: { teams: readonly WhatIfSuggestedTeam[] }) {
  const [all, setAll] = useState(false);
  const sorted = useSort(teams, COLUMNS);
  // Sorted as a whole, then cut.
  const shown = all ? sorted.rows : sorted.rows.slice(0, SHOWN);
  return (
    <>
      <TableWrap
        label="Suggested teams"
        json={jsonLinks.whatIfSuggestion()}
        cut={shown.length < teams.length}
      >
        <table>
          <caption className="visually-hidden">
            The teams the work implies: people and components
          </caption>
          <thead>
            <tr>
              <SortHeader {...sorted.header('team')}>Team</SortHeader>
              <SortHeader {...sorted.header('people')}>People</SortHeader>
              <SortHeader {...sorted.header('components')}>Components</SortHeader>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.ref} data-team={t.ref}>
                <th scope="row">
                  {t.label}{' '}
                  {t.existing ? (
                    <Badge tone="neutral">existing</Badge>
                  ) : (
                    <Badge tone="info">new</Badge>
                  )}
                </th>
                <td>
                  <span className="nowrap">
                    {num(t.members.length)} {t.members.length === 1 ? 'person' : 'people'}
                  </span>
                  {t.unnamed > 0 ? (
                    <span className="muted nowrap"> + {num(t.unnamed)} not in the catalog</span>
                  ) : null}
                  {t.members.length > 0 ? (
                    <div className="muted small">{t.members.map((m) => m.label).join(', ')}</div>
                  ) : null}
                </td>
                <td>
                  {t.components.length === 0 ? (
                    <span className="muted">none</span>
                  ) : (
                    <>
                      {t.components.slice(0, COMPONENTS_SHOWN).map(componentName).join(', ')}
                      {t.components.length > COMPONENTS_SHOWN ? (
                        <span className="muted">
                          {' '}
                          and {num(t.components.length - COMPONENTS_SHOWN)} more
                        </span>
                      ) : null}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {teams.length > SHOWN ? (
        <button type="button" className="secondary small" onClick={() => setAll((a) => !a)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${num(teams.length)} teams`}
        </button>
      ) : null}
    </>
  );
}

function Answer({
  answer,
  period,
  onTry,
}: {
  answer: Suggestion;
  period: Window;
  onTry: (document: ScenarioDocument) => void;
}) {
  const [loaded, setLoaded] = useState(false);
  const { fitted, checked, unwired, suggested } = answer;
  const before = num(unwired.before);
  const after = num(unwired.after);
  const fresh = suggested?.teams.filter((t) => !t.existing).length ?? 0;
  const cut = unwired.before > 0 ? (unwired.before - unwired.after) / unwired.before : null;
  return (
    <div className="what-if-suggested">
      <dl className="stats">
        <div>
          <dt>Fitted on the work of</dt>
          <dd>
            <Period period={fitted} />
          </dd>
        </div>
        <div>
          <dt>Checked on the work of</dt>
          <dd>
            <Period period={checked} />
          </dd>
        </div>
        <div>
          <dt>
            <Term id="unwired">Unwired</Term> coordination there
          </dt>
          <dd>
            {before} → {after}
          </dd>
        </div>
        <div>
          <dt>
            Runs that <Term id="agreement">agreed</Term>
          </dt>
          <dd>
            {pct(answer.agreement)} of pairs, {num(answer.runs)} runs
          </dd>
        </div>
      </dl>
      {suggested === null ? (
        <p className="callout callout-warn">
          {noSuggestion(answer.why ?? 'no-cut', { before, after })}
        </p>
      ) : (
        <>
          <p className="what-if-suggestion-headline">
            On the later period, these boundaries cut unwired coordination from{' '}
            <strong>{before}</strong> to <strong>{after}</strong>
            {cut === null ? '' : ` (−${pct(cut)})`}. {num(suggested.teams.length)}{' '}
            {suggested.teams.length === 1 ? 'team' : 'teams'}, {fresh === 0 ? 'none' : num(fresh)}{' '}
            of them new:
          </p>
          <Teams teams={suggested.teams} />
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                onTry(suggested.scenario);
                setLoaded(true);
              }}
            >
              Try this on the board
            </button>
            <span className="muted small" role="status">
              {loaded
                ? `Loaded as the scenario “${suggested.scenario.metadata.name}”: its changes are listed under Changes, what it changes below.`
                : `Its ${num(suggested.scenario.spec.changes.length)} changes replace those on the board and are tried on the whole window, ${period.since} to ${period.until}.`}
            </span>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Suggested boundaries (issue 14): the teams the work implies, found on the server on the
 * first request (it can take a minute), and a button that loads their scenario onto the
 * board the way a shipped scenario is loaded.
 */
export function WhatIfSuggestion({
  period,
  onTry,
}: {
  /** The page's window, where the board tries the scenario. */
  period: Window;
  onTry: (document: ScenarioDocument) => void;
}) {
  const ids = useId();
  const [asked, setAsked] = useState(false);
  // Once made, the answer is kept: coming back to the page shows it without asking again.
  const query = useQuery({ ...queries.whatIfSuggestion(), enabled: asked });
  const waiting = query.isFetching && query.data === undefined;
  const seconds = useElapsed(waiting);
  return (
    <section className="card what-if-suggestion" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>
        <Term id="suggested-boundaries">Suggested boundaries</Term>
      </h2>
      <p className="muted">
        The team boundaries the work itself implies: people and components grouped by who changes
        what together. They are found in the first two thirds of the window and shown only when they
        would cut unwired coordination on the last third, work they were not fitted on.
      </p>
      {query.data ? (
        <Answer answer={query.data} period={period} onTry={onTry} />
      ) : waiting ? (
        <p className="loading" role="status" aria-busy="true">
          Finding the boundaries the work implies{seconds > 0 ? ` (${seconds} s)` : ''}… It analyses
          the work several times and runs community detection over everyone’s changes: seconds on a
          small organisation, up to a minute on a large one.
        </p>
      ) : query.error ? (
        <div className="form-error" role="alert">
          <p>The boundaries could not be suggested: {query.error.message}</p>
          <button type="button" className="secondary small" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" onClick={() => setAsked(true)}>
            Suggest boundaries from the work
          </button>
        </div>
      )}
    </section>
  );
}
