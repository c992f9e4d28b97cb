import type { Catalog, Component } from '../model/index.js';

/** A synchronous call chain from an entry point, as deep as it goes. */
export interface Chain {
  /** The entry point: a component nothing calls synchronously. */
  entry: string;
  /** The longest synchronous chain from the entry, entry first. */
  path: string[];
  /** Components on that chain. */
  depth: number;
  /**
   * Compound availability of the chain in percent: the product of the components'
   * `orgwire.dev/availability`; null when any of them declares none.
   */
  availability: number | null;
  /** Synchronous dependencies the entry calls directly. */
  fanOut: number;
  /** Components the entry reaches synchronously, itself excluded. */
  reach: number;
  /** `deep`: depth above the limit; `below-objective`: compound availability under the entry's own objective. */
  flags: ('deep' | 'below-objective')[];
}

export interface ChainsResult {
  chains: Chain[];
  /** Groups of components that call each other synchronously in a circle, each sorted. */
  cycles: string[][];
}

/** Chains deeper than this are flagged (components on the chain). */
export const DEFAULT_MAX_DEPTH = 5;

/**
 * The synchronous dependency graph of the catalog's components: an edge for each
 * `dependsOn` component and each `consumesApis` API (to every component that provides it),
 * unless the component lists it in `orgwire.dev/async-dependencies`.
 */
export function synchronousEdges(catalog: Catalog): Map<string, string[]> {
  const providers = new Map<string, string[]>();
  for (const component of catalog.components) {
    for (const api of component.providesApis)
      providers.set(api, [...(providers.get(api) ?? []), component.ref]);
  }
  const components = new Set(catalog.components.map((c) => c.ref));
  const edges = new Map<string, string[]>();
  for (const component of catalog.components) {
    const asynchronous = new Set(component.asyncDependencies);
    const targets = [
      ...component.dependsOn.filter((ref) => !asynchronous.has(ref) && components.has(ref)),
      ...component.consumesApis
        .filter((ref) => !asynchronous.has(ref))
        .flatMap((api) => providers.get(api) ?? []),
    ];
    edges.set(component.ref, [...new Set(targets)].sort());
  }
  return edges;
}

/**
 * Synchronous chains (design.md §6): for each entry point, the longest synchronous chain,
 * its depth, compound availability and fan-out; and the cycles. Edges that close a cycle
 * are left out of the chains (a chain never visits a component twice), and reported as
 * cycles instead. Entry points are components no other component calls synchronously.
 */
export function synchronousChains(catalog: Catalog, maxDepth = DEFAULT_MAX_DEPTH): ChainsResult {
  const edges = synchronousEdges(catalog);
  const byRef = new Map<string, Component>(catalog.components.map((c) => [c.ref, c]));
  const cycles = stronglyConnected(edges).filter(
    (group) =>
      group.length > 1 || (edges.get(group[0] as string) ?? []).includes(group[0] as string),
  );
  const inCycle = new Map<string, number>();
  cycles.forEach((group, i) => {
    for (const ref of group) inCycle.set(ref, i);
  });
  // Chains follow only edges that leave a cycle, so that every path is finite.
  const acyclic = (from: string): string[] =>
    (edges.get(from) ?? []).filter(
      (to) => inCycle.get(to) === undefined || inCycle.get(to) !== inCycle.get(from),
    );

  // The longest chain from every component, computed in reverse topological order of the
  // acyclic edges (Kahn's algorithm) rather than by recursion, so depth is not limited by
  // the call stack. Ties go to the successor whose name sorts first.
  const nodes = [...edges.keys()];
  const indegree = new Map(nodes.map((n) => [n, 0]));
  for (const n of nodes) for (const m of acyclic(n)) indegree.set(m, (indegree.get(m) ?? 0) + 1);
  const order: string[] = [];
  const ready = nodes.filter((n) => indegree.get(n) === 0).sort();
  while (ready.length > 0) {
    const n = ready.pop() as string;
    order.push(n);
    for (const m of acyclic(n)) {
      const left = (indegree.get(m) ?? 0) - 1;
      indegree.set(m, left);
      if (left === 0) ready.push(m);
    }
  }
  const length = new Map<string, number>();
  const nextOf = new Map<string, string>();
  for (const n of order.reverse()) {
    let best: string | undefined;
    for (const m of acyclic(n)) {
      const lm = length.get(m) ?? 1;
      const lb = best === undefined ? 0 : (length.get(best) ?? 1);
      if (best === undefined || lm > lb || (lm === lb && m < best)) best = m;
    }
    length.set(n, best === undefined ? 1 : (length.get(best) ?? 1) + 1);
    if (best !== undefined) nextOf.set(n, best);
  }
  const longestFrom = (ref: string): string[] => {
    const path = [ref];
    for (let n = nextOf.get(ref); n !== undefined; n = nextOf.get(n)) path.push(n);
    return path;
  };
  const reachable = (ref: string): number => {
    const seen = new Set<string>([ref]);
    const stack = [ref];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop() as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen.size - 1;
  };

  const called = new Set([...edges.values()].flat());
  const chains: Chain[] = catalog.components
    .filter((c) => !called.has(c.ref) && (edges.get(c.ref) ?? []).length > 0)
    .map((entry) => {
      const path = longestFrom(entry.ref);
      const objectives = path.map((ref) => byRef.get(ref)?.availability);
      const availability = objectives.every((a) => a !== undefined)
        ? Math.round(
            objectives.reduce((p: number, a) => p * ((a as number) / 100), 1) * 1_000_000,
          ) / 10_000
        : null;
      const flags: Chain['flags'] = [];
      if (path.length > maxDepth) flags.push('deep');
      if (
        availability !== null &&
        entry.availability !== undefined &&
        availability < entry.availability
      )
        flags.push('below-objective');
      return {
        entry: entry.ref,
        path,
        depth: path.length,
        availability,
        fanOut: (edges.get(entry.ref) ?? []).length,
        reach: reachable(entry.ref),
        flags,
      };
    })
    .sort((a, b) => b.depth - a.depth || a.entry.localeCompare(b.entry));
  return { chains, cycles };
}

/**
 * Tarjan's strongly connected components, each sorted, in a stable order. Iterative, with
 * an explicit stack, so that a catalog's longest call path cannot overflow the call stack.
 */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    // Each frame: a node and how many of its successors have been looked at.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next);
    next++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [string, number];
      const [v, i] = frame;
      const successors = edges.get(v) ?? [];
      if (i < successors.length) {
        frame[1] = i + 1;
        const w = successors[i] as string;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next);
          next++;
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(v) as number));
      if (low.get(v) === index.get(v)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          group.push(w);
        } while (w !== v);
        groups.push(group.sort());
      }
    }
  }
  return groups.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
