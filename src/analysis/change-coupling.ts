/** code-maat's filters for change coupling, with its defaults. */
export interface CouplingOptions {
  /** Both entities need at least this many revisions (commits). */
  minRevs: number;
  /** The pair needs at least this many shared commits. */
  minShared: number;
  /** The pair's degree needs to be at least this (percent). */
  minDegree: number;
  /** Commits that touch more entities than this are left out (bulk changes say little). */
  maxChangesetSize: number;
}

export const DEFAULT_COUPLING: CouplingOptions = {
  minRevs: 5,
  minShared: 5,
  minDegree: 30,
  maxChangesetSize: 30,
};

/** Two entities (components or files) that change together. */
export interface CoupledPair {
  a: string;
  b: string;
  /** Commits that touch both. */
  shared: number;
  revsA: number;
  revsB: number;
  /**
   * Coupling degree in percent: 100 · shared ÷ the average of the two revision counts,
   * rounded down to a whole number as code-maat does. 100 means they always change together.
   */
  degree: number;
}

/**
 * Change coupling between entities, code-maat style: each change set (the entities one
 * commit touched, each counted once) adds a revision to each entity and a shared change
 * to each pair. Change sets larger than `maxChangesetSize` count for nothing. Pairs are
 * ordered `a < b` and listed by degree, then shared commits, strongest first.
 */
export function changeCoupling(
  changeSets: Iterable<readonly string[]>,
  options: CouplingOptions = DEFAULT_COUPLING,
): CoupledPair[] {
  const revs = new Map<string, number>();
  // By the pair's first entity, then its second: no key string made per pair and commit
  // (a drift series counts millions of pairs, and those strings were most of its garbage).
  const shared = new Map<string, Map<string, number>>();
  for (const set of changeSets) {
    const entities = [...new Set(set)].sort();
    if (entities.length === 0 || entities.length > options.maxChangesetSize) continue;
    for (const e of entities) revs.set(e, (revs.get(e) ?? 0) + 1);
    for (let i = 0; i < entities.length - 1; i++) {
      const a = entities[i] as string;
      let withA = shared.get(a);
      if (withA === undefined) {
        withA = new Map();
        shared.set(a, withA);
      }
      for (let j = i + 1; j < entities.length; j++) {
        const b = entities[j] as string;
        withA.set(b, (withA.get(b) ?? 0) + 1);
      }
    }
  }
  const pairs: CoupledPair[] = [];
  for (const [a, withA] of shared) {
    const revsA = revs.get(a) ?? 0;
    if (revsA < options.minRevs) continue;
    for (const [b, count] of withA) {
      const revsB = revs.get(b) ?? 0;
      if (revsB < options.minRevs || count < options.minShared) continue;
      const degree = Math.floor((100 * count) / ((revsA + revsB) / 2));
      if (degree < options.minDegree) continue;
      pairs.push({ a, b, shared: count, revsA, revsB, degree });
    }
  }
  return pairs.sort(
    (x, y) =>
      y.degree - x.degree ||
      y.shared - x.shared ||
      x.a.localeCompare(y.a) ||
      x.b.localeCompare(y.b),
  );
}
