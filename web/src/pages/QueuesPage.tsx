import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { QueuesView } from '../../../src/server/api-types.js';
import { Badge } from '../components/Badge.js';
import { EntityLink } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { QueueDetail } from '../components/QueueDetail.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { days, num, pct, refName } from '../format.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';

/** Detailed cards (with charts) shown before "show all": big orgs have hundreds of queues. */
const DETAIL_LIMIT = 20;

const anchor = (team: string) => `queue-${refName(team)}`;

function QueuesList({ data }: { data: QueuesView }) {
  const [all, setAll] = useState(false);
  useScrollToHash(all ? 'all' : 'some');
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
          <TableWrap label="Queues at a glance">
            <table>
              <caption className="visually-hidden">Queues at a glance</caption>
              <thead>
                <tr>
                  <th scope="col">Providing team</th>
                  <th scope="col" className="num">
                    <Term id="promise">Promise</Term>
                  </th>
                  <th scope="col" className="num">
                    p50
                  </th>
                  <th scope="col" className="num">
                    <Term id="p85">p85</Term>
                  </th>
                  <th scope="col" className="num">
                    p95
                  </th>
                  <th scope="col" className="num">
                    <Term id="breach-rate">Breach rate</Term>
                  </th>
                  <th scope="col" className="num">
                    <Term id="wip">In progress</Term>
                  </th>
                  <th scope="col" className="num">
                    Arrived / done
                  </th>
                  <th scope="col">Remedy</th>
                </tr>
              </thead>
              <tbody>
                {data.queues.map((q, i) => (
                  <tr key={q.team}>
                    <th scope="row">
                      <Link
                        to={{ hash: anchor(q.team) }}
                        onClick={() => {
                          if (i >= DETAIL_LIMIT) setAll(true);
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
              <QueueDetail queue={q} headingLevel={2} />
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
