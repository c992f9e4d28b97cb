import { useQuery } from '@tanstack/react-query';
import type { ChainsView } from '../../../src/server/api-types.js';
import { Badge } from '../components/Badge.js';
import { ChainFlags, ChainPath } from '../components/ChainPath.js';
import { EntityLink, EntityList } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { availability, num } from '../format.js';
import { queries } from '../queries.js';

function ChainsList({ data }: { data: ChainsView }) {
  return (
    <>
      <PageHeader title="Chains">
        <p>
          <Term id="chain">Synchronous call chains</Term> from each entry point, as the catalog
          declares them. Every link must be up for the chain to work, so availability compounds; and
          a deep chain must be deployed together. Chains deeper than {data.maxDepth} components are
          flagged.
        </p>
      </PageHeader>
      {data.chains.length === 0 ? (
        <p className="muted">The catalog declares no synchronous dependency.</p>
      ) : (
        <TableWrap label="Synchronous chains">
          <table>
            <caption className="visually-hidden">Synchronous chains, by entry point</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Longest chain</th>
                <th scope="col" className="num">
                  <Term id="chain">Depth</Term>
                </th>
                <th scope="col" className="num">
                  <Term id="compound-availability">Availability</Term>
                </th>
                <th scope="col" className="num">
                  Calls / reaches
                </th>
                <th scope="col">
                  Flags (deep, <Term id="below-objective">below objective</Term>)
                </th>
              </tr>
            </thead>
            <tbody>
              {data.chains.map((chain) => (
                <tr key={chain.entry}>
                  <th scope="row">
                    <EntityLink entity={chain.entry} />
                  </th>
                  <td>
                    <ChainPath path={chain.path} />
                  </td>
                  <td className="num">{num(chain.depth)}</td>
                  <td className="num">{availability(chain.availability)}</td>
                  <td className="num nowrap">
                    {num(chain.fanOut)} / {num(chain.reach)}
                  </td>
                  <td>
                    <ChainFlags chain={chain} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>
        <Term id="cycle">Cycles</Term>
      </h2>
      {data.cycles.length === 0 ? (
        <p>No components call each other in a circle.</p>
      ) : (
        <ul className="stack">
          {data.cycles.map((cycle) => (
            <li key={cycle.join(' ')}>
              <Badge tone="bad">cycle</Badge> <EntityList refs={cycle} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ChainsPage() {
  const query = useQuery(queries.chains());
  return (
    <Loaded query={query} what="chains">
      {(data) => <ChainsList data={data} />}
    </Loaded>
  );
}
