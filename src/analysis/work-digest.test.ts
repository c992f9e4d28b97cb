import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommitFacts } from './commit-facts.js';
import { digestWork, SlidingDigest, type WorkDigest } from './work-digest.js';

/** A digest in an order of its own: groups by their authors, each group's counts sorted. */
const normal = (digest: WorkDigest) => ({
  byAuthors: digest.byAuthors
    .map((g) => ({
      authors: g.authors.join('\n'),
      commits: g.commits,
      components: [...g.components].sort(([a], [b]) => a.localeCompare(b)),
    }))
    .sort((a, b) => a.authors.localeCompare(b.authors)),
  coupled: digest.coupled,
});

const COUPLING = { minRevs: 1, minShared: 1, minDegree: 0, maxChangesetSize: 3 };

describe('SlidingDigest', () => {
  it('digests a window moved on commit by commit as digesting the window whole does (property)', () => {
    const fact = fc.record({
      authors: fc.uniqueArray(fc.constantFrom('ana', 'ben', 'cy', 'dee'), {
        minLength: 1,
        maxLength: 3,
      }),
      components: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(fact, { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { minLength: 1, maxLength: 8 }),
        (drawn, ends) => {
          const facts: CommitFacts[] = drawn.map((f, time) => ({ time, ...f }));
          // Windows that only move on, as drift's weeks do: both ends never go back.
          let start = 0;
          let end = 0;
          const window = new SlidingDigest(COUPLING);
          let inside = { from: 0, to: 0 };
          for (const [a, b] of ends) {
            start = Math.min(Math.max(start, a), facts.length);
            end = Math.min(Math.max(end, start, b), facts.length);
            // Commits leave the window before the new ones come in, as in driftSeries.
            for (let i = inside.from; i < Math.min(start, inside.to); i++)
              window.change(facts[i] as CommitFacts, -1);
            const from = Math.max(inside.from, start);
            for (let i = Math.max(inside.to, from); i < end; i++)
              window.change(facts[i] as CommitFacts, 1);
            inside = { from, to: Math.max(end, from) };
            expect(normal(window.digest())).toEqual(
              normal(digestWork(facts.slice(start, end), COUPLING)),
            );
          }
        },
      ),
    );
  });

  it('is empty again once every commit has left the window', () => {
    const window = new SlidingDigest(COUPLING);
    const fact: CommitFacts = { time: 0, authors: ['ana'], components: ['a', 'b'] };
    window.change(fact, 1);
    expect(window.digest().coupled).toHaveLength(1);
    window.change(fact, -1);
    expect(window.digest()).toEqual({ byAuthors: [], coupled: [], coupling: COUPLING });
  });
});
