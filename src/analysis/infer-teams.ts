import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import type { CommitFacts } from './commit-facts.js';
import { seededRandom } from './seeded-random.js';

/** A team inferred from who works on what, when the catalog declares none. */
export interface InferredTeam {
  /** `group:inferred/team-N`, numbered by size, largest first. */
  ref: string;
  name: string;
  /** Author keys (`unmatched:EMAIL`) of its members. */
  members: string[];
  /** The components its members changed most, most first (at most three). */
  focus: string[];
}

// The package is CommonJS with an ES-style `export default` in its types: Node hands
// over module.exports (the function) where TypeScript expects an object with `default`.
const louvain = ((louvainImport as { default?: unknown }).default ??
  louvainImport) as typeof louvainImport.default;

/**
 * Infers teams by community detection (Louvain) on the author–component graph: an edge
 * joins an author and a component, weighted by the author's commits to it. Each
 * community's authors form a team; components take no team here. Deterministic: nodes
 * are added in sorted order and the random source is seeded.
 */
export function inferTeams(facts: Iterable<CommitFacts>): InferredTeam[] {
  const weights = new Map<string, Map<string, number>>();
  for (const commit of facts) {
    for (const author of commit.authors) {
      const row = weights.get(author) ?? new Map<string, number>();
      for (const component of commit.components) row.set(component, (row.get(component) ?? 0) + 1);
      weights.set(author, row);
    }
  }
  const graph = new UndirectedGraph();
  const authors = [...weights.keys()].sort();
  for (const author of authors) graph.addNode(`a:${author}`);
  for (const author of authors) {
    const row = weights.get(author) as Map<string, number>;
    for (const [component, weight] of [...row].sort(([x], [y]) => x.localeCompare(y))) {
      graph.mergeNode(`c:${component}`);
      graph.addEdge(`a:${author}`, `c:${component}`, { weight });
    }
  }
  const communities =
    graph.size > 0 ? louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(1) }) : {};
  const groups = new Map<number, string[]>();
  for (const author of authors) {
    const community = communities[`a:${author}`] ?? -1;
    groups.set(community, [...(groups.get(community) ?? []), author]);
  }
  const teams = [...groups.values()].map((members) => {
    const totals = new Map<string, number>();
    for (const member of members) {
      for (const [component, n] of weights.get(member) ?? [])
        totals.set(component, (totals.get(component) ?? 0) + n);
    }
    const focus = [...totals]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, 3)
      .map(([component]) => component);
    return { members, focus, size: [...totals.values()].reduce((s, n) => s + n, 0) };
  });
  teams.sort(
    (a, b) =>
      b.members.length - a.members.length ||
      b.size - a.size ||
      (a.members[0] ?? '').localeCompare(b.members[0] ?? ''),
  );
  return teams.map((team, i) => ({
    ref: `group:inferred/team-${i + 1}`,
    name: `team-${i + 1}`,
    members: team.members,
    focus: team.focus,
  }));
}
