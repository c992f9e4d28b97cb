// ngraph.leiden ships no types: the part of its API orgwire calls (its README, "API").
declare module 'ngraph.leiden' {
  import type { Graph } from 'ngraph.graph';

  export interface DetectOptions {
    quality?: 'modularity' | 'cpm';
    resolution?: number;
    randomSeed?: number;
    /** Most total node size (`data.size`, default 1) in one community. */
    maxCommunitySize?: number;
    /** Nodes kept in their own community at the finest level. */
    fixedNodes?: Iterable<string | number>;
    refine?: boolean;
  }

  export interface Clusters {
    getClass(nodeId: string | number): number;
    getCommunities(): Map<number, (string | number)[]>;
    quality(): number;
  }

  // biome-ignore lint/suspicious/noExplicitAny: any graph's node and link data will do
  export function detectClusters(graph: Graph<any, any>, options?: DetectOptions): Clusters;
}
