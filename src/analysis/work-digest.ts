import { type CoupledPair, type CouplingOptions, changeCoupling } from './change-coupling.js';
import type { CommitFacts } from './commit-facts.js';

/** The commits of one set of authors: how many, and how many touched each component. */
export interface AuthorsWork {
  authors: readonly string[];
  commits: number;
  components: ReadonlyMap<string, number>;
}

/**
 * What the wiring analyses need of a window's commits that does not depend on the teams:
 * the commits by each set of authors, and the change coupling between components. Made
 * once, it serves every catalog the same work is analysed under (a what-if's).
 */
export interface WorkDigest {
  byAuthors: readonly AuthorsWork[];
  coupled: readonly CoupledPair[];
  /** The options `coupled` was measured with. */
  coupling: CouplingOptions;
}

/** Groups commits by their set of authors (as written: each author once, in order). */
export function groupByAuthors(facts: readonly CommitFacts[]): AuthorsWork[] {
  const groups = new Map<
    string,
    { authors: readonly string[]; commits: number; components: Map<string, number> }
  >();
  for (const f of facts) {
    const key = f.authors.length === 1 ? (f.authors[0] as string) : f.authors.join('\n');
    let group = groups.get(key);
    if (group === undefined) {
      group = { authors: f.authors, commits: 0, components: new Map() };
      groups.set(key, group);
    }
    group.commits++;
    for (const c of f.components) group.components.set(c, (group.components.get(c) ?? 0) + 1);
  }
  return [...groups.values()];
}

/** The digest of a window's commits (see {@link WorkDigest}). */
export function digestWork(facts: readonly CommitFacts[], coupling: CouplingOptions): WorkDigest {
  return {
    byAuthors: groupByAuthors(facts),
    coupled: changeCoupling(
      facts.map((f) => f.components),
      coupling,
    ),
    coupling,
  };
}
