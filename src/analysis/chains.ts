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

  const longest = new Map<string, string[]>();
  const longestFrom = (ref: string): string[] => {
    const known = longest.get(ref);
    if (known) return known;
    let best: string[] = [];
    for (const next of acyclic(ref)) {
      const path = longestFrom(next);
      if (
        path.length > best.length ||
        (path.length === best.length && (path[0] ?? '') < (best[0] ?? ''))
      )
        best = path;
    }
    const path = [ref, ...best];
    longest.set(ref, path);
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

/** Tarjan's strongly connected components, each sorted, in a stable order. */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
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
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
