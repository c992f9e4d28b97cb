import type { WhatIfAnswer } from '../../../src/server/api-types.js';
import { DASH, days, num, pct } from '../format.js';
import { SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

type Changes = WhatIfAnswer['changes'];

/** The fields of `changes` this page knows; others (knowledge lost…) are shown as they come. */
const KNOWN = new Set([
  'congruence',
  'resolved',
  'created',
  'changed',
  'teams',
  'bets',
  'queues',
  'knowledge',
]);

/** `+18 pts`, `−3 pts`, `±0 pts`. */
function points(delta: number | null): string {
  if (delta === null) return DASH;
  const p = Math.round(delta * 100);
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p)} pts`;
}

/** `camelCase` as words: `knowledgeLost` → `Knowledge lost`. */
function words(key: string): string {
  const text = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A value of a field this page does not know, as plainly as it can: a pair is before → after,
 * except a pair of teams (`teams`, `between`).
 */
function plain(value: unknown, label: (ref: string) => string, key = ''): string {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return /^[a-z]+:/.test(value) ? label(value) : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 2 && value.every((v) => v === null || typeof v !== 'object'))
      return key === 'teams' || key === 'between'
        ? value.map((v) => plain(v, label)).join(' + ')
        : `${plain(value[0], label)} → ${plain(value[1], label)}`;
    return value.map((v) => plain(v, label)).join(', ') || DASH;
  }
  if (typeof value === 'object' && 'before' in value && 'after' in value)
    return `${plain(value.before, label)} → ${plain(value.after, label)}`;
  return JSON.stringify(value);
}

function Other({
  name,
  value,
  label,
}: {
  name: string;
  value: unknown;
  label: (ref: string) => string;
}) {
  const title = words(name);
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null)) {
    if (value.length === 0)
      return (
        <p>
          <strong>{title}:</strong> none.
        </p>
      );
    const columns = [...new Set(value.flatMap((v) => Object.keys(v as object)))];
    return (
      <TableWrap label={title}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {words(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {value.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of an unknown shape have no key of their own
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{plain((row as Record<string, unknown>)[c], label, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    );
  }
  return (
    <p>
      <strong>{title}:</strong> {plain(value, label, name)}
    </p>
  );
}

function Needs({
  title,
  needs,
  label,
  empty,
}: {
  title: string;
  needs: Changes['resolved'];
  label: (ref: string) => string;
  empty: string;
}) {
  return (
    <section className="what-if-needs">
      <h3>
        {title} ({needs.length})
      </h3>
      {needs.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="compact">
          {needs.map((n) => (
            <li key={n.teams.join()}>
              {n.teams.map(label).join(' + ')}{' '}
              <span className="muted">· weight {num(n.weight)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The headline of what the scenario changes: congruence, and the unwired needs. */
export function WhatIfSummary({
  answer,
  label,
}: {
  answer: WhatIfAnswer;
  label: (ref: string) => string;
}) {
  const { changes } = answer;
  const delta = changes.congruence?.delta ?? null;
  const changed = changes.changed ?? [];
  return (
    <div className="what-if-deltas">
      <div className="what-if-congruence">
        <p className="label">
          <Term id="congruence">Congruence</Term>
        </p>
        <p className="big-number">
          {pct(changes.congruence?.before.weighted)} → {pct(changes.congruence?.after.weighted)}
        </p>
        <p className={delta !== null && delta < 0 ? 'bad' : 'muted'}>
          {points(delta)}: the share of the coordination the work requires that is wired
        </p>
      </div>
      <Needs
        title="Unwired needs it resolves"
        needs={changes.resolved ?? []}
        label={label}
        empty="None: every unwired need stays."
      />
      <Needs
        title="Unwired needs it creates"
        needs={changes.created ?? []}
        label={label}
        empty="None."
      />
      {changed.length > 0 ? (
        <section className="what-if-needs">
          <h3>Unwired needs it makes heavier or lighter ({changed.length})</h3>
          <ul className="compact">
            {changed.map((n) => (
              <li key={n.teams.join()}>
                {n.teams.map(label).join(' + ')}{' '}
                <span className="muted">
                  · weight {num(n.before)} → {num(n.after)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** `a → b` for a field's before and after. */
const arrow = (pair: readonly (number | string | null)[] | undefined, format = num) =>
  pair ? `${format(pair[0] as never)} → ${format(pair[1] as never)}` : DASH;

/** What a before → after column sorts by: the value after. */
const after = <T,>(pair: readonly [T, T]) => pair[1];

const SORTS_BY_AFTER = 'the column buttons sort by the value after';

type Label = (ref: string) => string;

function TeamsChanged({
  teams,
  owned,
  label,
}: {
  teams: Changes['teams'];
  owned: ReadonlyMap<string, readonly { label: string }[]>;
  label: Label;
}) {
  const { rows, header } = useSort(teams, {
    team: (t: Changes['teams'][number]) => label(t.team),
    people: (t: Changes['teams'][number]) => after(t.members),
    components: (t: Changes['teams'][number]) => after(t.owns),
  });
  return (
    <TableWrap label="Teams it changes">
      <table>
        <caption className="visually-hidden">
          Teams it changes, before → after; {SORTS_BY_AFTER}
        </caption>
        <thead>
          <tr>
            <SortHeader {...header('team')}>Team</SortHeader>
            <SortHeader {...header('people')}>People</SortHeader>
            <SortHeader {...header('components')}>Components</SortHeader>
            <th scope="col">What it owns after</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.team}>
              <th scope="row">{label(t.team)}</th>
              <td className="nowrap">{arrow(t.members)}</td>
              <td className="nowrap">{arrow(t.owns)}</td>
              <td>
                {(owned.get(t.team) ?? []).map((c) => c.label).join(', ') || (
                  <span className="muted">{t.members[1] === 0 ? 'gone' : 'nothing'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function BetsChanged({ bets, label }: { bets: Changes['bets']; label: Label }) {
  const { rows, header } = useSort(bets, {
    bet: (b: Changes['bets'][number]) => label(b.bet),
    handoffs: (b: Changes['bets'][number]) => after(b.handoffs),
    feasibility: (b: Changes['bets'][number]) => after(b.feasibility),
    independence: (b: Changes['bets'][number]) => after(b.independence),
  });
  return (
    <TableWrap label="Bets it changes">
      <table>
        <caption className="visually-hidden">
          Bets it changes, before → after; {SORTS_BY_AFTER}
        </caption>
        <thead>
          <tr>
            <SortHeader {...header('bet')}>Bet</SortHeader>
            <SortHeader {...header('handoffs')}>
              <Term id="handoffs">Handoffs</Term>
            </SortHeader>
            <SortHeader {...header('feasibility')}>
              <Term id="feasibility">Feasibility</Term>
            </SortHeader>
            <SortHeader {...header('independence')}>
              <Term id="independence">Independence</Term>
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.bet}>
              <th scope="row">{label(b.bet)}</th>
              <td className="nowrap">{arrow(b.handoffs)}</td>
              <td className="nowrap">{arrow(b.feasibility, pct)}</td>
              <td>{arrow(b.independence, String)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function QueuesChanged({ queues, label }: { queues: Changes['queues']; label: Label }) {
  const { rows, header } = useSort(queues, {
    team: (q: Changes['queues'][number]) => label(q.team),
    requests: (q: Changes['queues'][number]) => after(q.arrivals),
    people: (q: Changes['queues'][number]) => after(q.people),
    // An unstable queue's wait grows without bound: the longest of all.
    leadTime: (q: Changes['queues'][number]) =>
      q.unstable ? Number.POSITIVE_INFINITY : after(q.meanLeadTime),
  });
  return (
    <TableWrap label="Queues it changes">
      <table>
        <caption className="visually-hidden">
          Request queues, before → after; {SORTS_BY_AFTER}
        </caption>
        <thead>
          <tr>
            <SortHeader {...header('team')}>Providing team</SortHeader>
            <SortHeader {...header('requests')}>Requests</SortHeader>
            <SortHeader {...header('people')}>People doing them</SortHeader>
            <SortHeader {...header('leadTime')}>
              Mean <Term id="lead-time">lead time</Term>, measured →{' '}
              <Term id="queue-estimate">estimated</Term>
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((q) => (
            <tr key={q.team}>
              <th scope="row">{label(q.team)}</th>
              <td className="nowrap">{arrow(q.arrivals)}</td>
              <td className="nowrap">{arrow(q.people)}</td>
              <td>
                {arrow(q.meanLeadTime, days)}
                {q.unstable ? (
                  <strong className="bad">
                    {' '}
                    <Term id="unstable-estimate">unstable</Term>: more arrives than its people can
                    do
                  </strong>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Lost = Changes['knowledge'][number]['components'][number];

function KnowledgeLost({ lost, label }: { lost: Changes['knowledge'][number]; label: Label }) {
  const { rows, header } = useSort(
    lost.components,
    {
      component: (c: Lost) => label(c.component),
      commits: (c: Lost) => c.commits,
      share: (c: Lost) => c.share,
      owner: (c: Lost) => (c.owner === null ? null : label(c.owner)),
    },
    // As the answer lists them: their most commits first.
    'commits',
  );
  return (
    <section>
      <h3>
        What {label(lost.user)} <Term id="knowledge-lost">leaving loses</Term> (
        {lost.components.length} {lost.components.length === 1 ? 'component' : 'components'})
      </h3>
      {lost.components.length === 0 ? (
        <p className="muted">
          No component loses the person who made more of its commits than anyone else.
        </p>
      ) : (
        <TableWrap label={`What ${label(lost.user)} leaving loses`}>
          <table>
            <caption className="visually-hidden">
              Components where they made more of the window's commits than anyone else
            </caption>
            <thead>
              <tr>
                <SortHeader {...header('component')}>Component</SortHeader>
                <SortHeader {...header('commits')}>Their commits</SortHeader>
                <SortHeader {...header('share')}>Share of its commits</SortHeader>
                <SortHeader {...header('owner')}>Owner</SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.component}>
                  <th scope="row">{label(c.component)}</th>
                  <td className="nowrap">{c.commits}</td>
                  <td className="nowrap">{pct(c.share)}</td>
                  <td>
                    {c.owner === null ? <span className="muted">nobody</span> : label(c.owner)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

/**
 * The rest of what it changes, in tables: teams (people, what they own), bets (handoffs,
 * feasibility), queues (arrivals, wait), what someone who leaves knew, and any field of
 * `changes` this page does not know. The known tables sort (no JSON link: the answer is a
 * POST's); the unknown fields show as they come.
 */
export function WhatIfDetails({ answer, label }: { answer: WhatIfAnswer; label: Label }) {
  const { changes, after: map } = answer;
  const owned = new Map(map.teams.map((t) => [t.ref, t.components]));
  const others = Object.entries(changes).filter(([key]) => !KNOWN.has(key));
  const teams = changes.teams ?? [];
  const bets = changes.bets ?? [];
  const queues = changes.queues ?? [];
  const knowledge = changes.knowledge ?? [];
  return (
    <div className="what-if-details">
      <h3>Teams it changes ({teams.length})</h3>
      {teams.length === 0 ? (
        <p className="muted">No team gains or loses people or components.</p>
      ) : (
        <TeamsChanged teams={teams} owned={owned} label={label} />
      )}
      {bets.length > 0 ? (
        <>
          <h3>Bets it changes ({bets.length})</h3>
          <BetsChanged bets={bets} label={label} />
        </>
      ) : null}
      {queues.length > 0 ? (
        <>
          <h3>Queues it changes ({queues.length})</h3>
          <QueuesChanged queues={queues} label={label} />
        </>
      ) : null}
      {knowledge.map((k) => (
        <KnowledgeLost key={k.user} lost={k} label={label} />
      ))}
      {others.map(([key, value]) => (
        <section key={key}>
          <Other name={key} value={value} label={label} />
        </section>
      ))}
    </div>
  );
}
