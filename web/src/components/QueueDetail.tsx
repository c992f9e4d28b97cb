import * as Plot from '@observablehq/plot';
import { useCallback } from 'react';
import { days, num, pct, refName } from '../format.js';
import type { TermId } from '../glossary.js';
import type { QueueReport } from '../types.js';
import { Badge } from './Badge.js';
import { EntityLink, useName } from './EntityLink.js';
import { PlotFigure } from './PlotFigure.js';
import { SortHeader, useSort } from './Sortable.js';
import { TableWrap } from './TableWrap.js';
import { Term } from './Term.js';

const REMEDY_LABEL = { 'self-service': 'self-service', embed: 'embed', unstable: 'unstable' };
const REMEDY_TERM: Record<keyof typeof REMEDY_LABEL, TermId> = {
  'self-service': 'self-service',
  embed: 'embed',
  unstable: 'unstable',
};

export function Remedies({ remedies }: { remedies: QueueReport['remedies'] }) {
  if (remedies.length === 0) return <p className="muted">No remedy suggested.</p>;
  return (
    <ul className="compact remedies">
      {remedies.map((r) => (
        <li key={r.kind}>
          <Badge tone={r.kind === 'unstable' ? 'bad' : 'warn'}>
            <Term id={REMEDY_TERM[r.kind]}>{REMEDY_LABEL[r.kind]}</Term>
          </Badge>{' '}
          {r.why}
        </li>
      ))}
    </ul>
  );
}

/**
 * A dashed rule at `days` on the x axis, labelled at the top — of the facet `fy` when the
 * chart has facets, so that the label is written once. Nothing when `days` is null.
 */
function referenceLine(days: number | null, label: string, fy?: string): Plot.Markish[] {
  if (days === null) return [];
  return [
    Plot.ruleX([days], { stroke: '#0f172a', strokeDasharray: '4,3', strokeWidth: 2 }),
    Plot.text([{ days, fy }], {
      x: 'days',
      ...(fy === undefined ? {} : { fy: 'fy' }),
      frameAnchor: 'top',
      dy: -14,
      text: () => `${label} ${days} d`,
      textAnchor: 'start',
      dx: 4,
    }),
  ];
}

/** Lead time percentiles as bars against the promise (a dashed rule). */
function LeadTimeChart({ queue }: { queue: QueueReport }) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const rows = (['p50', 'p85', 'p95'] as const).flatMap((p) => {
        const v = queue.leadTime[p];
        return v === null ? [] : [{ p, days: v }];
      });
      const max = Math.max(queue.sla ?? 0, ...rows.map((r) => r.days), 1);
      return {
        width,
        height: 140,
        marginLeft: 40,
        marginTop: 24,
        x: { label: 'lead time (days)', domain: [0, max * 1.1], grid: true },
        y: { label: null, domain: ['p50', 'p85', 'p95'] },
        marks: [
          Plot.barX(rows, {
            x: 'days',
            y: 'p',
            fill: (d: { days: number }) =>
              queue.sla !== null && d.days > queue.sla ? '#b91c1c' : '#475569',
          }),
          ...referenceLine(queue.sla, 'promise'),
        ],
      };
    },
    [queue],
  );
  return (
    <PlotFigure
      options={options}
      label={`Lead time of ${refName(queue.team)}: p50, p85 and p95 against the promise`}
    />
  );
}

/** Weekly arrivals (solid) against completions (dashed). */
function FlowChart({ queue }: { queue: QueueReport }) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const weeks = queue.weeks.map((w) => ({ ...w, date: new Date(`${w.start}T00:00:00Z`) }));
      return {
        width,
        height: 160,
        marginRight: 80,
        x: { label: 'week', type: 'utc' },
        // A queue with nothing in the window still gets an axis of whole requests.
        y: {
          label: 'requests',
          grid: true,
          domain: [0, Math.max(1, ...weeks.map((w) => Math.max(w.arrivals, w.completions)))],
        },
        marks: [
          Plot.lineY(weeks, { x: 'date', y: 'arrivals', stroke: '#1d4ed8', strokeWidth: 2 }),
          Plot.lineY(weeks, {
            x: 'date',
            y: 'completions',
            stroke: '#0f766e',
            strokeWidth: 2,
            strokeDasharray: '5,3',
          }),
          Plot.text(
            weeks,
            Plot.selectLast({
              x: 'date',
              y: 'arrivals',
              text: () => 'arrivals',
              dx: 6,
              textAnchor: 'start',
              fill: '#1d4ed8',
            }),
          ),
          Plot.text(
            weeks,
            Plot.selectLast({
              x: 'date',
              y: 'completions',
              text: () => 'completions',
              dx: 6,
              dy: 10,
              textAnchor: 'start',
              fill: '#0f766e',
            }),
          ),
        ],
      };
    },
    [queue],
  );
  return (
    <PlotFigure
      options={options}
      label={`Requests to ${refName(queue.team)} per week: arrivals against completions`}
    />
  );
}

/** The forecast as people read it: weeks, never, or nothing open. */
function clearsIn(queue: QueueReport): string {
  if (queue.wip === 0) return 'nothing open';
  const weeks = queue.forecast.weeksToClear;
  return weeks === null ? 'never at this rate' : `${num(weeks)} weeks`;
}

/** Each listed open request's age, a dot per request, waiting and started apart, past the p85 in red. */
function AgingChart({ queue }: { queue: QueueReport }) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const rows = queue.aging.oldest.map((r) => ({
        ...r,
        state: r.started ? 'started' : 'waiting',
      }));
      const p85 = queue.leadTime.p85;
      const max = Math.max(p85 ?? 0, ...rows.map((r) => r.ageDays), 1);
      return {
        width,
        height: 150,
        marginLeft: 64,
        marginTop: 24,
        x: { label: 'age (days)', domain: [0, max * 1.05], grid: true },
        y: { axis: null },
        fy: { label: null, domain: ['waiting', 'started'] },
        marks: [
          Plot.dot(
            rows,
            Plot.dodgeY('middle', {
              x: 'ageDays',
              fy: 'state',
              r: 3,
              fill: (d: { overP85: boolean }) => (d.overP85 ? '#b91c1c' : '#475569'),
              title: (d: { id: string; ageDays: number }) => `${d.id}: ${d.ageDays} d`,
            }),
          ),
          ...referenceLine(p85, 'p85', 'waiting'),
        ],
      };
    },
    [queue],
  );
  return (
    <PlotFigure
      options={options}
      label={`Open requests to ${refName(queue.team)} by age, against the p85 lead time`}
    />
  );
}

/** A ticket's page where its tracker has a known address (GitHub), else its id. */
function Ticket({ tracker, id }: { tracker: string; id: string }) {
  const repo = /^github:(.+\/.+)$/.exec(tracker)?.[1];
  if (repo === undefined) return id;
  return (
    <a href={`https://github.com/${repo}/issues/${id}`}>
      {repo}#{id}
    </a>
  );
}

/** The open requests past the p85 lead time, oldest first (ten). */
function AgingTable({ queue, json }: { queue: QueueReport; json: string }) {
  const late = queue.aging.oldest.filter((r) => r.overP85).slice(0, 10);
  if (queue.leadTime.p85 === null)
    return (
      <p className="muted">
        No request was done in the window: there is no p85 lead time to hold the open ones against.
      </p>
    );
  if (late.length === 0)
    return <p className="muted">No open request is older than the p85 lead time.</p>;
  return (
    <TableWrap label={`Oldest open requests to ${refName(queue.team)}`} json={json}>
      <table>
        <thead>
          <tr>
            <th>Request</th>
            <th>Asked by</th>
            <th className="num">Age</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {late.map((r) => (
            <tr key={`${r.tracker} ${r.id}`}>
              <td>
                <Ticket tracker={r.tracker} id={r.id} />
              </td>
              <td>
                <EntityLink entity={r.requester} />
              </td>
              <td className="num">{days(r.ageDays)}</td>
              <td>{r.started ? 'yes' : 'waiting'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Requester = QueueReport['requesters'][number];

/**
 * One providing team's inbound queue: promise vs lead time, flow, requesters, remedies.
 * `json`: the API route the queue comes from.
 */
export function QueueDetail({
  queue,
  json,
  headingLevel = 3,
}: {
  queue: QueueReport;
  json: string;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h3' : 'h4';
  const name = useName();
  const requesters = useSort(
    queue.requesters,
    { team: (r: Requester) => name(r.team), share: (r: Requester) => r.share },
    // The server's order: the largest share first.
    'share',
  );
  return (
    <div className="queue-detail">
      <dl className="stats">
        <div>
          <dt>
            <Term id="promise">Promise</Term>
          </dt>
          <dd>{queue.sla === null ? 'none' : days(queue.sla)}</dd>
        </div>
        <div>
          <dt>
            p50 / <Term id="p85">p85</Term> / p95
          </dt>
          <dd>
            {days(queue.leadTime.p50)} / {days(queue.leadTime.p85)} / {days(queue.leadTime.p95)}
          </dd>
        </div>
        <div>
          <dt>
            <Term id="breach-rate">Breach rate</Term>
          </dt>
          <dd className={queue.breachRate && queue.breachRate > 0 ? 'bad' : undefined}>
            {pct(queue.breachRate)}
          </dd>
        </div>
        <div>
          <dt>
            <Term id="wip">In progress</Term>
          </dt>
          <dd>{num(queue.wip)}</dd>
        </div>
        <div>
          <dt>Arrived / done</dt>
          <dd>
            {num(queue.arrivals)} / {num(queue.completions)}
            {queue.backlogGrowing ? (
              <>
                {' '}
                <Badge tone="warn">
                  <Term id="backlog-growing">backlog growing</Term>
                </Badge>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            <Term id="wait-before-start">Wait before start</Term> (p85)
          </dt>
          <dd>{days(queue.waitBeforeStart.p85)}</dd>
        </div>
        <div>
          <dt>
            Open past <Term id="aging-wip">p85</Term>
          </dt>
          <dd className={queue.aging.overP85 > 0 ? 'bad' : undefined}>
            {num(queue.aging.overP85)}
          </dd>
        </div>
        <div>
          <dt>
            <Term id="throughput">Done a week</Term>
          </dt>
          <dd>{num(queue.throughput)}</dd>
        </div>
        <div>
          <dt>
            <Term id="forecast">Clears in</Term>
          </dt>
          <dd className={queue.wip > 0 && queue.forecast.weeksToClear === null ? 'bad' : undefined}>
            {clearsIn(queue)}
          </dd>
        </div>
      </dl>
      <div className="chart-pair">
        <figure>
          <figcaption>
            <Term id="lead-time">Lead time</Term> against the promise
          </figcaption>
          <LeadTimeChart queue={queue} />
        </figure>
        <figure>
          <figcaption>Arrivals and completions per week</figcaption>
          <FlowChart queue={queue} />
        </figure>
      </div>
      <H>
        <Term id="aging-wip">Aging work in progress</Term>
      </H>
      {queue.aging.open === 0 ? (
        <p className="muted">Nothing open at the window’s end.</p>
      ) : (
        <>
          <figure>
            <figcaption>
              Age of each open request{' '}
              {queue.aging.open > queue.aging.oldest.length
                ? `(the ${num(queue.aging.oldest.length)} oldest of ${num(queue.aging.open)}) `
                : ''}
              against the p85 lead time
            </figcaption>
            <AgingChart queue={queue} />
          </figure>
          <AgingTable queue={queue} json={json} />
        </>
      )}
      <H>Remedies</H>
      <Remedies remedies={queue.remedies} />
      <H>Who asks</H>
      {queue.requesters.length === 0 ? (
        <p className="muted">No requests arrived in the window.</p>
      ) : (
        <TableWrap label={`Teams asking ${refName(queue.team)}`} json={json}>
          <table>
            <thead>
              <tr>
                <SortHeader {...requesters.header('team')}>Requesting team</SortHeader>
                <SortHeader {...requesters.header('share')} numeric>
                  Share of arrivals
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {requesters.rows.map((r) => (
                <tr key={r.team}>
                  <td>
                    <EntityLink entity={r.team} />
                  </td>
                  <td className="num">{pct(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}
