import createGraph from 'ngraph.graph';
import { detectClusters } from 'ngraph.leiden';
import type { CommitFacts } from './commit-facts.js';

/** How suggested boundaries are found; every field has a default. */
export interface SuggestOptions {
  /** Most people in one suggested team (default 9). */
  maxTeamSize?: number;
  /** Components kept with a team, whatever the work says: component → team. */
  pins?: ReadonlyMap<string, string>;
  /** Seeds of the runs the consensus is taken over (default 1–8). */
  seeds?: readonly number[];
  /** People with fewer commits than this in the period are left out (default 2). */
  minCommits?: number;
  /**
   * A community with fewer people joins the one it is most linked to, where the cap leaves
   * room (default 3): one or two people are not a team, and would be wired to everyone.
   */
  minTeamSize?: number;
  /** Commits touching more components than this couple none of them (default 10). */
  maxCoChange?: number;
}

/** A community the work implies: people and the components they change together. */
export interface SuggestedCommunity {
  /** Author keys (user refs, or `unmatched:EMAIL`), sorted. */
  people: string[];
  /** Component refs, sorted. */
  components: string[];
  /** The team its pinned components are pinned to, when it holds some. */
  pinnedTo?: string;
}

export interface SuggestedCommunities {
  communities: SuggestedCommunity[];
  /** How often the runs agreed, over pairs of linked nodes: 1 is every run the same. */
  agreement: number;
  runs: number;
}

export const DEFAULT_MAX_TEAM_SIZE = 9;
export const DEFAULT_MIN_TEAM_SIZE = 3;
const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
/** Pairs together in at least this share of the runs are kept together by the consensus. */
const CONSENSUS = 0.5;

const person = (key: string) => `p:${key}`;
const component = (ref: string) => `c:${ref}`;
const pin = (team: string) => `t:${team}`;

/**
 * Team boundaries the work implies (issue 14): community detection on the graph of people
 * and components. A person and a component are linked by the person's commits to it (a
 * commit counts 1, shared evenly over the components it touches); two components by their
 * co-change (a commit touching k ≤ `maxCoChange` of them adds 1/(k−1) to each pair). Leiden
 * (ngraph.leiden: modularity, with refinement) runs once per seed with a cap of
 * `maxTeamSize` people per community (components weigh nothing against it); the consensus
 * of the runs (Lancichinetti & Fortunato 2012: linked nodes weighted by the share of runs that
 * put them together, pairs under half dropped) is clustered once more, under the same cap.
 *
 * Pinned components of one team are one node that does not move; a community that ends up
 * with two teams' pins is split between them, each node going to the pin it is most strongly
 * linked to. Communities with no people are not teams: their components are left out (they
 * stay where they are). Deterministic for the same input.
 */
export function suggestTeams(
  facts: Iterable<CommitFacts>,
  options: SuggestOptions = {},
): SuggestedCommunities {
  const cap = options.maxTeamSize ?? DEFAULT_MAX_TEAM_SIZE;
  const pins = options.pins ?? new Map<string, string>();
  const minCommits = options.minCommits ?? 2;
  const maxCoChange = options.maxCoChange ?? 10;
  const nodeOf = (ref: string) => {
    const team = pins.get(ref);
    return team === undefined ? component(ref) : pin(team);
  };

  const commitsBy = new Map<string, number>();
  const list = [...facts];
  for (const f of list) for (const a of f.authors) commitsBy.set(a, (commitsBy.get(a) ?? 0) + 1);
  const weights = new Map<string, Map<string, number>>();
  const link = (a: string, b: string, w: number) => {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    let row = weights.get(x);
    if (!row) {
      row = new Map();
      weights.set(x, row);
    }
    row.set(y, (row.get(y) ?? 0) + w);
  };
  const pinned = new Map<string, string[]>();
  for (const [ref, team] of pins) pinned.set(team, [...(pinned.get(team) ?? []), ref]);
  for (const f of list) {
    const nodes = [...new Set(f.components.map(nodeOf))];
    if (nodes.length === 0) continue;
    for (const a of f.authors) {
      if ((commitsBy.get(a) ?? 0) < minCommits) continue;
      for (const n of nodes) link(person(a), n, 1 / nodes.length);
    }
    if (nodes.length > 1 && nodes.length <= maxCoChange)
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++)
          link(nodes[i] as string, nodes[j] as string, 1 / (nodes.length - 1));
  }

  const ids = [
    ...new Set([...weights.keys(), ...[...weights.values()].flatMap((r) => [...r.keys()])]),
  ].sort();
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const runs =
    ids.length === 0
      ? []
      : seeds.map((seed) => classes(cappedCommunities(ids, weights, { cap, seed })));
  // The consensus: each linked pair weighted by the share of runs that put it together.
  const together = new Map<string, Map<string, number>>();
  let agreeing = 0;
  let pairs = 0;
  for (const [a, row] of weights) {
    const kept = new Map<string, number>();
    for (const b of row.keys()) {
      const share = runs.filter((r) => r.get(a) === r.get(b)).length / runs.length;
      pairs++;
      agreeing += share === 0 || share === 1 ? 1 : 0;
      if (share >= CONSENSUS) kept.set(b, share);
    }
    if (kept.size > 0) together.set(a, kept);
  }
  const found =
    ids.length === 0 ? [] : cappedCommunities(ids, together, { cap, seed: seeds[0] ?? 1 });

  const strength = (a: string, b: string) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    return weights.get(x)?.get(y) ?? 0;
  };
  // A community holding two teams' pins is shared out between them.
  const groups: string[][] = [];
  for (const members of found) {
    const anchors = members.filter((m) => m.startsWith('t:'));
    if (anchors.length <= 1) {
      groups.push(members);
      continue;
    }
    const parts = new Map(anchors.map((a) => [a, [a]]));
    for (const m of members) {
      if (anchors.includes(m)) continue;
      let best = anchors[0] as string;
      for (const a of anchors) if (strength(m, a) > strength(m, best)) best = a;
      parts.get(best)?.push(m);
    }
    groups.push(...parts.values());
  }

  const communities = absorbSmall(groups, weights, {
    cap,
    min: options.minTeamSize ?? DEFAULT_MIN_TEAM_SIZE,
  })
    .map((members) => {
      const anchor = members.find((m) => m.startsWith('t:'))?.slice(2);
      return {
        people: members
          .filter((m) => m.startsWith('p:'))
          .map((m) => m.slice(2))
          .sort(),
        components: [
          ...members.filter((m) => m.startsWith('c:')).map((m) => m.slice(2)),
          ...(anchor === undefined ? [] : (pinned.get(anchor) ?? [])),
        ].sort(),
        ...(anchor === undefined ? {} : { pinnedTo: anchor }),
      };
    })
    .filter((c) => c.people.length > 0)
    .sort(
      (a, b) =>
        b.people.length - a.people.length || (a.people[0] ?? '').localeCompare(b.people[0] ?? ''),
    );
  return { communities, agreement: pairs === 0 ? 1 : agreeing / pairs, runs: runs.length };
}

const isPerson = (id: string) => id.startsWith('p:');

/** Each node's community, by index. */
function classes(communities: readonly string[][]): Map<string, number> {
  const of = new Map<string, number>();
  communities.forEach((members, i) => {
    for (const m of members) of.set(m, i);
  });
  return of;
}

/**
 * Leiden communities of `nodes` with at most `cap` people each. A community over the cap is
 * clustered again on its own, and one that will not split is cut by a single level of capped
 * local moves. (ngraph.leiden 0.2.0 keeps the cap only at the finest level: coarser levels read
 * community sizes from before it renumbers them, so a capped multi-level run can overflow.)
 * Nodes of the `t:` kind (pinned components) do not move.
 */
function cappedCommunities(
  nodes: readonly string[],
  edges: ReadonlyMap<string, ReadonlyMap<string, number>>,
  options: { cap: number; seed: number },
): string[][] {
  const inside = new Set(nodes);
  const g = createGraph<{ size: number }, { weight: number }>();
  for (const id of nodes) g.addNode(id, { size: isPerson(id) ? 1 : 0 });
  for (const a of nodes)
    for (const [b, weight] of edges.get(a) ?? []) if (inside.has(b)) g.addLink(a, b, { weight });
  const run = (capped: boolean) => [
    ...detectClusters(g, {
      randomSeed: options.seed,
      fixedNodes: nodes.filter((id) => id.startsWith('t:')),
      ...(capped ? { maxLevels: 1, maxCommunitySize: options.cap } : {}),
    })
      .getCommunities()
      .values(),
  ];
  const found = run(false).map((members) => members.map(String));
  const over = (members: readonly string[]) => members.filter(isPerson).length > options.cap;
  if (found.length === 1 && over(found[0] as string[]))
    return run(true).map((members) => members.map(String));
  return found.flatMap((members) =>
    over(members) ? cappedCommunities(members, edges, options) : [members],
  );
}

/**
 * Communities of fewer than `min` people, smallest first, each joined to the community it
 * has the most link weight with, when that one has room under `cap` and no other team's
 * pin. One that is linked to none with room stays as it is.
 */
function absorbSmall(
  groups: readonly string[][],
  weights: ReadonlyMap<string, ReadonlyMap<string, number>>,
  options: { cap: number; min: number },
): string[][] {
  const parts = groups.map((g) => [...g]);
  const people = (g: readonly string[]) => g.filter(isPerson).length;
  const anchor = (g: readonly string[]) => g.find((m) => m.startsWith('t:'));
  const of = new Map<string, number>();
  parts.forEach((g, i) => {
    for (const m of g) of.set(m, i);
  });
  const tried = new Set<number>();
  for (;;) {
    let small = -1;
    parts.forEach((g, i) => {
      const n = people(g);
      if (
        n > 0 &&
        n < options.min &&
        !tried.has(i) &&
        (small < 0 || n < people(parts[small] as string[]))
      )
        small = i;
    });
    if (small < 0) return parts.filter((g) => g.length > 0);
    tried.add(small);
    const from = parts[small] as string[];
    const link = new Map<number, number>();
    for (const [a, row] of weights)
      for (const [b, w] of row) {
        const [x, y] = [of.get(a), of.get(b)];
        if (x === small && y !== undefined && y !== small) link.set(y, (link.get(y) ?? 0) + w);
        if (y === small && x !== undefined && x !== small) link.set(x, (link.get(x) ?? 0) + w);
      }
    const target = [...link]
      .filter(([i]) => {
        const to = parts[i] as string[];
        const pins = [anchor(to), anchor(from)].filter((a) => a !== undefined);
        return people(to) + people(from) <= options.cap && new Set(pins).size <= 1;
      })
      .sort(([i, a], [j, b]) => b - a || i - j)[0]?.[0];
    if (target === undefined) continue;
    for (const m of from) of.set(m, target);
    (parts[target] as string[]).push(...from);
    parts[small] = [];
    tried.delete(target);
  }
}
