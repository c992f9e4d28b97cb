import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { QueuesView } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge } from '../components/Badge.js';
import { EntityLink } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { QueueDetail } from '../components/QueueDetail.js';
import { type Columns, SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { days, num, pct, refName } from '../format.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';

/** Detailed cards (with charts) shown before "show all": big orgs have hundreds of queues. */
const DETAIL_LIMIT = 20;

const anchor = (team: string) => `queue-${refName(team)}`;

type Queue = QueuesView['queues'][number];

const COLUMNS: Columns<
  Queue,
  'team' | 'promise' | 'p50' | 'p85' | 'p95' | 'breachRate' | 'wip' | 'arrivals' | 'remedy'
> = {
  team: (q) => q.label,
  promise: (q) => q.sla,
  p50: (q) => q.leadTime.p50,
  p85: (q) => q.leadTime.p85,
  p95: (q) => q.leadTime.p95,
  breachRate: (q) => q.breachRate,
  wip: (q) => q.wip,
  arrivals: (q) => q.arrivals,
  // Queues with no remedy go last.
  remedy: (q) => (q.remedies.length === 0 ? null : q.remedies.map((r) => r.kind).join(' ')),
};

function QueuesList({ data }: { data: QueuesView }) {
  const [all, setAll] = useState(false);
  useScrollToHash(all ? 'all' : 'some');
  // The table sorts; the detailed cards below keep the server's order (most requests first).
  const { rows, header } = useSort(data.queues, COLUMNS, 'arrivals');
  const detailed = all ? data.queues : data.queues.slice(0, DETAIL_LIMIT);
  return (
    <>
      <PageHeader title="Queues">
        <p>
          Requests other teams make of a providing team, created between {data.window.since} and{' '}
          {data.window.until}: how long they take against the promise, whether the backlog grows,
          who asks, and the remedy the numbers point to.
        </p>
      </PageHeader>
      {data.queues.length === 0 ? (
        <p className="muted">
          No request export has been ingested. <code>orgwire ingest --requests FILE</code> reads
          one.
        </p>
      ) : (
        <>
          <TableWrap label="Queues at a glance" json={jsonLinks.queues()}>
            <table>
              <caption className="visually-hidden">Queues at a glance</caption>
              <thead>
                <tr>
                  <SortHeader {...header('team')}>Providing team</SortHeader>
                  <SortHeader {...header('promise')} numeric>
                    <Term id="promise">Promise</Term>
                  </SortHeader>
                  <SortHeader {...header('p50')} numeric>
                    p50
                  </SortHeader>
                  <SortHeader {...header('p85')} numeric>
                    <Term id="p85">p85</Term>
                  </SortHeader>
                  <SortHeader {...header('p95')} numeric>
                    p95
                  </SortHeader>
                  <SortHeader {...header('breachRate')} numeric>
                    <Term id="breach-rate">Breach rate</Term>
                  </SortHeader>
                  <SortHeader {...header('wip')} numeric>
                    <Term id="wip">In progress</Term>
                  </SortHeader>
                  <SortHeader {...header('arrivals')} numeric>
                    Arrived / done
                  </SortHeader>
                  <SortHeader {...header('remedy')}>Remedy</SortHeader>
                </tr>
              </thead>
              <tbody>
                {rows.map((q) => (
                  <tr key={q.team}>
                    <th scope="row">
                      <Link
                        to={{ hash: anchor(q.team) }}
                        onClick={() => {
                          if (!detailed.includes(q)) setAll(true);
                        }}
                      >
                        {q.label}
                      </Link>
                    </th>
                    <td className="num">{q.sla === null ? '—' : days(q.sla)}</td>
                    <td className="num">{days(q.leadTime.p50)}</td>
                    <td
                      className={`num${q.sla !== null && (q.leadTime.p85 ?? 0) > q.sla ? ' bad' : ''}`}
                    >
                      {days(q.leadTime.p85)}
                    </td>
                    <td className="num">{days(q.leadTime.p95)}</td>
                    <td className="num">{pct(q.breachRate)}</td>
                    <td className="num">{num(q.wip)}</td>
                    <td className="num nowrap">
                      {num(q.arrivals)} / {num(q.completions)}
                    </td>
                    <td>
                      {q.remedies.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        q.remedies.map((r) => (
                          <Badge key={r.kind} tone={r.kind === 'unstable' ? 'bad' : 'warn'}>
                            {r.kind}
                          </Badge>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {detailed.map((q) => (
            <section
              key={q.team}
              id={anchor(q.team)}
              className="card queue"
              aria-labelledby={`${anchor(q.team)}-h`}
            >
              <h2 id={`${anchor(q.team)}-h`}>
                <EntityLink entity={q.team} label={q.label} />
              </h2>
              <QueueDetail queue={q} json={jsonLinks.queues()} headingLevel={2} />
            </section>
          ))}
          {detailed.length < data.queues.length ? (
            <p>
              <button type="button" className="secondary" onClick={() => setAll(true)}>
                Show all {data.queues.length} queues in detail
              </button>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

export function QueuesPage() {
  const query = useQuery(queries.queues());
  return (
    <Loaded query={query} what="queues">
      {(data) => <QueuesList data={data} />}
    </Loaded>
  );
}
