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
 * The counts change coupling is made of: revisions per entity and shared commits per pair,
 * as change sets are added (`by` 1) and taken away again (`by` −1): a drift week's window
 * slides by adding its new week's commits and taking away those of the week that left it.
 * Change sets larger than `maxChangesetSize` count for nothing.
 */
export class CouplingCounts {
  private readonly revs = new Map<string, number>();
  // By the pair's first entity, then its second: no key string made per pair and commit
  // (a drift series counts millions of pairs, and those strings were most of its garbage).
  private readonly shared = new Map<string, Map<string, number>>();

  constructor(private readonly maxChangesetSize: number) {}

  /** Adds (`by` 1) or takes away (`by` −1) one change set: the entities one commit touched. */
  change(set: readonly string[], by: 1 | -1): void {
    const entities = [...new Set(set)].sort();
    if (entities.length === 0 || entities.length > this.maxChangesetSize) return;
    for (const e of entities) bump(this.revs, e, by);
    for (let i = 0; i < entities.length - 1; i++) {
      const a = entities[i] as string;
      let withA = this.shared.get(a);
      if (withA === undefined) {
        withA = new Map();
        this.shared.set(a, withA);
      }
      for (let j = i + 1; j < entities.length; j++) bump(withA, entities[j] as string, by);
      if (withA.size === 0) this.shared.delete(a);
    }
  }

  /** The coupled pairs the counts make under `options`' filters (see {@link changeCoupling}). */
  pairs(options: CouplingOptions): CoupledPair[] {
    const pairs: CoupledPair[] = [];
    for (const [a, withA] of this.shared) {
      const revsA = this.revs.get(a) ?? 0;
      if (revsA < options.minRevs) continue;
      for (const [b, count] of withA) {
        const revsB = this.revs.get(b) ?? 0;
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
}

/** Adds `by` to a count, and forgets it at 0 (a sliding window's maps stay its size). */
export function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
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
  const counts = new CouplingCounts(options.maxChangesetSize);
  for (const set of changeSets) counts.change(set, 1);
  return counts.pairs(options);
}
