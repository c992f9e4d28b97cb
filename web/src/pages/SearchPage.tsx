import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { SearchHit, SearchResults } from '../../../src/server/api-types.js';
import { EntityLink } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { queries } from '../queries.js';

const KIND_TITLES: Record<string, string> = {
  group: 'Teams',
  component: 'Components',
  api: 'APIs',
  system: 'Systems',
  bet: 'Bets',
  goal: 'Goals',
  learning: 'Learnings',
  user: 'People',
  resource: 'Resources',
  domain: 'Domains',
};

const kindTitle = (kind: string) =>
  KIND_TITLES[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

/** Hits grouped by kind, in the order the kinds first appear (the API's ranking). */
function groupByKind(hits: readonly SearchHit[]): [string, SearchHit[]][] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const kind = hit.kind.toLowerCase();
    groups.set(kind, [...(groups.get(kind) ?? []), hit]);
  }
  return [...groups];
}

function Results({ data }: { data: SearchResults }) {
  if (data.results.length === 0)
    return <p role="status">Nothing matches “{data.query}”. Try a shorter word.</p>;
  return (
    <>
      <p role="status" className="muted">
        {data.results.length} {data.results.length === 1 ? 'result' : 'results'} for “{data.query}”
      </p>
      {groupByKind(data.results).map(([kind, hits]) => (
        <section key={kind} aria-labelledby={`results-${kind}`}>
          <h2 id={`results-${kind}`}>{kindTitle(kind)}</h2>
          <ul className="results">
            {hits.map((hit) => (
              <li key={`${hit.ref}-${hit.field}`}>
                <EntityLink entity={hit.ref} label={hit.label} />
                <p className="small">
                  <span className="muted">{hit.field}: </span>
                  {hit.snippet}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const query = useQuery(queries.search(q));
  return (
    <>
      <PageHeader title={q ? `Search: ${q}` : 'Search'} />
      {q === '' ? (
        <p>Type a team, component, bet, goal or learning into the search box at the top.</p>
      ) : (
        <Loaded query={query} what="search results">
          {(data) => <Results data={data} />}
        </Loaded>
      )}
    </>
  );
}
