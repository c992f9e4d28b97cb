import { describe, expect, it } from 'vitest';
import type { Catalog } from '../model/index.js';
import type { Report } from './build-report.js';
import { whatIfChanges } from './what-if-changes.js';

const [A, B, X] = ['group:default/a', 'group:default/b', 'group:default/x'];
const need = (teams: [string, string], weight: number, wired = false) => ({ teams, weight, wired });
/** Just what whatIfChanges reads of a report and a catalog. */
const report = (needs: ReturnType<typeof need>[], weighted: number) =>
  ({
    coordination: { needs, congruence: { weighted, unweighted: weighted } },
    ownership: { components: [{ ref: 'component:default/cart', owner: A }] },
    bets: { bets: [] },
    queues: [],
  }) as unknown as Report;
const catalog = (groups: [string, number][]) =>
  ({
    groups: groups.map(([ref, n]) => ({
      ref,
      members: Array.from({ length: n }, (_, i) => `u${i}`),
    })),
  }) as unknown as Catalog;

describe('whatIfChanges', () => {
  // b merges into a: b + x was unwired, and a + x still is (heavier) after.
  const before = {
    report: report([need([A, X], 3), need([B, X], 2)], 0.5),
    catalog: catalog([
      [A, 2],
      [B, 1],
      [X, 1],
    ]),
  };
  const after = {
    report: report([need([A, X], 5)], 0.4),
    catalog: catalog([
      [A, 3],
      [X, 1],
    ]),
  };

  it('follows a merged team to its heir: its needs are not resolved by vanishing', () => {
    const changes = whatIfChanges(before, after, { renamed: new Map([[B, A]]) });
    expect(changes.resolved).toEqual([]);
    expect(changes.created).toEqual([]);
    // a + x took b + x's work in: 3 + 2 before, 5 after.
    expect(changes.changed).toEqual([]);
    expect(changes.congruence.delta).toBe(-0.1);
    expect(changes.teams).toEqual([
      { team: A, members: [2, 3], owns: [1, 1] },
      { team: B, members: [1, 0], owns: [0, 0] },
    ]);
  });

  it('without the renaming, the merged team\u2019s need reads as resolved', () => {
    expect(whatIfChanges(before, after).resolved).toEqual([{ teams: [B, X], weight: 2 }]);
  });
});
