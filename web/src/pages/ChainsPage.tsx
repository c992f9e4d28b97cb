import { useQuery } from '@tanstack/react-query';
import type { ChainsView } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { Badge } from '../components/Badge.js';
import { ChainFlags, ChainPath } from '../components/ChainPath.js';
import { EntityLink, EntityList, useName } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { availability, num } from '../format.js';
import { queries } from '../queries.js';

type Chain = ChainsView['chains'][number];

function ChainsList({ data }: { data: ChainsView }) {
  const name = useName();
  const { rows, header } = useSort(
    data.chains,
    {
      entry: (c: Chain) => name(c.entry),
      depth: (c: Chain) => c.depth,
      availability: (c: Chain) => c.availability,
      calls: (c: Chain) => c.fanOut,
      // Chains with flags first, the most first; the others have nothing to sort by.
      flags: (c: Chain) => (c.flags.length === 0 ? null : c.flags.length),
    },
    // The server's order: deepest first.
    'depth',
  );
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
        <TableWrap label="Synchronous chains" json={jsonLinks.chains()}>
          <table>
            <caption className="visually-hidden">Synchronous chains, by entry point</caption>
            <thead>
              <tr>
                <SortHeader {...header('entry')}>Entry</SortHeader>
                <th scope="col">Longest chain</th>
                <SortHeader {...header('depth')} numeric>
                  <Term id="chain">Depth</Term>
                </SortHeader>
                <SortHeader {...header('availability')} numeric>
                  <Term id="compound-availability">Availability</Term>
                </SortHeader>
                <SortHeader {...header('calls')} numeric>
                  Calls / reaches
                </SortHeader>
                <SortHeader {...header('flags')}>
                  Flags (deep, <Term id="below-objective">below objective</Term>)
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((chain) => (
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
