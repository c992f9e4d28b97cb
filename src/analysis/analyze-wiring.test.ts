import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../model/index.js';
import { analyzeWiring } from './analyze-wiring.js';
import { type CouplingOptions, changeCoupling } from './change-coupling.js';
import type { CommitFacts } from './commit-facts.js';
import { inferTeams } from './infer-teams.js';
import { parseDay, parseWindowLength, resolveWindow } from './window.js';

// Three teams (a, b, c), four components (w, x, y, z). Every number below is worked out
// by hand in the comments next to it.
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: a}
spec:
  type: team
  children: []
  members: [ana]
  interactions:
    - {with: c, mode: facilitating}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: b}
spec: {type: team, children: [], members: [ben]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: c}
spec:
  type: team
  children: []
  members: [cy]
  interactions:
    - {with: b, mode: collaboration, since: '2026-01-01'}
    - {with: a, mode: x-as-a-service, until: '2025-12-31'}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@x.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@x.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: cy}
spec: {memberOf: [], profile: {email: cy@x.example}}
`;
const loaded = loadCatalog([{ path: 'c.yaml', text: CATALOG }]);
const catalog = loaded.catalog;
const [A, B, C] = ['group:default/a', 'group:default/b', 'group:default/c'];
const [ANA, BEN, CY] = ['user:default/ana', 'user:default/ben', 'user:default/cy'];
const DANA = 'unmatched:dana@agency.example';
const comp = (n: string) => `component:default/${n}`;
const OWNERS: Record<string, string> = {
  [comp('w')]: A,
  [comp('x')]: B,
  [comp('y')]: C,
  [comp('z')]: C,
};

const T0 = Date.parse('2026-06-01T00:00:00Z') / 1000;
let n = 0;
const commit = (authors: string[], components: string[]): CommitFacts => ({
  time: T0 + ++n * 3600,
  authors,
  components: components.map(comp),
  files: components.map((c) => `shop:${c}/file.ts`),
});
const FACTS = [
  commit([ANA], ['w']), // 1
  commit([ANA], ['w', 'x']), // 2
  commit([BEN], ['w']), // 3
  commit([BEN], ['x']), // 4
  commit([BEN, CY], ['y']), // 5: co-authored by b and c
  commit([CY], ['y', 'z']), // 6
  commit([CY], ['z']), // 7
  commit([ANA, BEN], ['w']), // 8
  commit([DANA], ['z']), // 9: a contractor who is no User
];
const WINDOW = { since: T0, until: T0 + 86_400 };
const report = analyzeWiring(catalog, FACTS, {
  window: WINDOW,
  coupling: { minRevs: 1, minShared: 1, minDegree: 30, maxChangesetSize: 30 },
  ownerOf: (c) => OWNERS[c] ?? null,
});

describe('analyzeWiring on a hand-computed history', () => {
  it('loads a valid catalog', () => {
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('couples components code-maat style', () => {
    // revs: w 4 (1,2,3,8), x 2 (2,4), y 2 (5,6), z 3 (6,7,9). shared: w–x 1 (2), y–z 1 (6).
    // degree w–x = ⌊100·1 ÷ 3⌋ = 33; y–z = ⌊100·1 ÷ 2.5⌋ = 40.
    expect(
      report.coupling.pairs.map((p) => [
        p.a,
        p.b,
        p.shared,
        p.revsA,
        p.revsB,
        p.degree,
        p.crossTeam,
        p.changeTogether,
      ]),
    ).toEqual([
      [comp('y'), comp('z'), 1, 2, 3, 40, false, false],
      [comp('w'), comp('x'), 1, 4, 2, 33, true, false],
    ]);
  });

  it('measures shared and coupled work between teams, and which needs are wired', () => {
    // a–b shared: w min(3,2)=2 + x min(1,1)=1 = 3; coupled over w–x (33 %):
    //   a on w & b on x: min(3,1)·0.33 = 0.33; b on w & a on x: min(2,1)·0.33 = 0.33 → 0.66.
    // b–c shared: y min(1,2) = 1; coupled over y–z (40 %): b on y & c on z: min(1,2)·0.4 = 0.4.
    // a–c: nothing. b–c is wired by c's collaboration; a–b is not.
    expect(
      report.coordination.needs.map((n) => [
        n.teams,
        n.sharedWork,
        n.coupledWork,
        n.weight,
        n.wired,
        n.via,
      ]),
    ).toEqual([
      [[A, B], 3, 0.66, 3.66, false, null],
      [[B, C], 1, 0.4, 1.4, true, 'collaboration'],
    ]);
    expect(report.coordination.needs[0]?.components.map((c) => c.ref)).toEqual([
      comp('w'),
      comp('x'),
    ]);
    // weighted: 1.4 ÷ 5.06 = 0.277 → 0.28; unweighted: 1 of 2 pairs.
    expect(report.coordination.congruence).toEqual({ weighted: 0.28, unweighted: 0.5 });
  });

  it('lists a declared interaction with no need as idle, and ignores one that ended before the window', () => {
    // a facilitates c (no shared work); c's x-as-a-service with a ended in 2025.
    expect(report.coordination.idleInteractions).toEqual([
      { teams: [A, C], mode: 'facilitating', declaredBy: A },
    ]);
  });

  it('measures ownership per component', () => {
    const byRef = Object.fromEntries(report.components.map((c) => [c.ref, c]));
    // w: a 3, b 2 → owner a's share 3/5 = 0.6; fragmentation 1 − (0.36 + 0.16) = 0.48.
    expect(byRef[comp('w')]).toEqual({
      ref: comp('w'),
      owner: A,
      ownerShare: 0.6,
      teams: [
        { ref: A, commits: 3 },
        { ref: B, commits: 2 },
      ],
      fragmentation: 0.48,
      commits: 4,
      unmatchedCommits: 0,
    });
    // y: b 1, c 2 → c's share 2/3; fragmentation 1 − (1/9 + 4/9) = 4/9.
    expect(byRef[comp('y')]).toMatchObject({ ownerShare: 0.667, fragmentation: 0.444, commits: 2 });
    // z: only c among teams, plus the contractor's commit.
    expect(byRef[comp('z')]).toMatchObject({
      ownerShare: 1,
      fragmentation: 0,
      commits: 3,
      unmatchedCommits: 1,
    });
  });

  it('counts a hierarchy as wiring and flags deployables of one team that change together', () => {
    const { catalog: tree } = loadCatalog([
      {
        path: 't.yaml',
        text: `${CATALOG.replace('metadata: {name: b}\nspec: {type: team, children: [], members: [ben]}', 'metadata: {name: b}\nspec: {type: team, parent: a, children: [], members: [ben]}')}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: y}
spec: {type: service, lifecycle: production, owner: c}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: z}
spec: {type: service, lifecycle: production, owner: c}
`,
      },
    ]);
    const together = [
      commit([CY], ['y', 'z']),
      commit([CY], ['y', 'z']),
      commit([CY], ['y', 'z']),
      commit([CY], ['y']),
    ];
    const result = analyzeWiring(tree, [...FACTS.slice(0, 4), ...together], {
      window: WINDOW,
      coupling: { minRevs: 1, minShared: 1, minDegree: 30, maxChangesetSize: 30 },
      ownerOf: (c) => OWNERS[c] ?? null,
    });
    expect(result.coordination.needs.find((n) => n.teams.join() === [A, B].join())?.via).toBe(
      'hierarchy',
    );
    // y 4 revs, z 3, shared 3: ⌊100·3 ÷ 3.5⌋ = 85 ≥ 80, both services of c.
    expect(result.coupling.pairs.find((p) => p.a === comp('y'))).toMatchObject({
      degree: 85,
      changeTogether: true,
      crossTeam: false,
    });
  });
});

describe('changeCoupling', () => {
  it('matches code-maat on its own example: revisions 2 and 1, shared 1 → degree 66', () => {
    expect(
      changeCoupling([['a', 'b'], ['a']], {
        minRevs: 1,
        minShared: 1,
        minDegree: 0,
        maxChangesetSize: 30,
      }),
    ).toEqual([{ a: 'a', b: 'b', shared: 1, revsA: 2, revsB: 1, degree: 66 }]);
  });

  it.each([
    ['min-revs', { minRevs: 3 }, 0],
    ['min-shared', { minShared: 3 }, 0],
    ['min-degree', { minDegree: 81 }, 0], // degree ⌊100·2 ÷ 2.5⌋ = 80
    ['max-changeset-size', { maxChangesetSize: 1 }, 0],
    ['nothing', {}, 1],
  ])('filters by %s', (_, option, expected) => {
    const sets = [['a', 'b'], ['a', 'b'], ['a']];
    const options = { minRevs: 1, minShared: 1, minDegree: 0, maxChangesetSize: 30, ...option };
    expect(changeCoupling(sets, options)).toHaveLength(expected);
  });

  it('counts every pair as a brute-force count over all pairs does, for any change sets', () => {
    // The reference: for each two entities, the sets holding both; nothing shared between them.
    const reference = (sets: string[][], options: CouplingOptions) => {
      const kept = sets
        .map((set) => [...new Set(set)])
        .filter((set) => set.length > 0 && set.length <= options.maxChangesetSize);
      const all = [...new Set(kept.flat())].sort();
      const revs = (e: string) => kept.filter((set) => set.includes(e)).length;
      const pairs = [];
      for (const a of all)
        for (const b of all) {
          if (a >= b) continue;
          const shared = kept.filter((set) => set.includes(a) && set.includes(b)).length;
          const [revsA, revsB] = [revs(a), revs(b)];
          if (shared === 0 || shared < options.minShared) continue;
          if (revsA < options.minRevs || revsB < options.minRevs) continue;
          const degree = Math.floor((100 * shared) / ((revsA + revsB) / 2));
          if (degree >= options.minDegree) pairs.push({ a, b, shared, revsA, revsB, degree });
        }
      return pairs.sort(
        (x, y) =>
          y.degree - x.degree ||
          y.shared - x.shared ||
          (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1),
      );
    };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 }), {
          maxLength: 40,
        }),
        fc.record({
          minRevs: fc.integer({ min: 0, max: 4 }),
          minShared: fc.integer({ min: 0, max: 4 }),
          minDegree: fc.integer({ min: 0, max: 100 }),
          maxChangesetSize: fc.integer({ min: 1, max: 6 }),
        }),
        (sets, options) => {
          expect(changeCoupling(sets, options)).toEqual(reference(sets, options));
        },
      ),
    );
  });

  it('counts an entity once per change set, however often it is listed', () => {
    expect(
      changeCoupling([['a', 'a', 'b']], {
        minRevs: 1,
        minShared: 1,
        minDegree: 0,
        maxChangesetSize: 2,
      })[0],
    ).toMatchObject({ shared: 1, revsA: 1 });
  });
});

describe('inferTeams', () => {
  it('finds the two groups of people that work on separate components, the same way every time', () => {
    const facts: CommitFacts[] = [];
    for (let i = 0; i < 6; i++) {
      facts.push(
        commit(['unmatched:p1@x', 'unmatched:p2@x'], ['front']),
        commit(['unmatched:p3@x'], ['front', 'web']),
      );
      facts.push(
        commit(['unmatched:q1@x'], ['db']),
        commit(['unmatched:q2@x', 'unmatched:q1@x'], ['db', 'etl']),
      );
    }
    const teams = inferTeams(facts);
    expect(teams.map((t) => t.members)).toEqual([
      ['unmatched:p1@x', 'unmatched:p2@x', 'unmatched:p3@x'],
      ['unmatched:q1@x', 'unmatched:q2@x'],
    ]);
    expect(teams[0]?.focus[0]).toBe(comp('front'));
    expect(inferTeams(facts)).toEqual(teams);
  });
});

describe('window', () => {
  it('defaults to the 90 days ending at the newest commit, both ends inclusive', () => {
    const newest = parseDay('2026-10-30', true) as number;
    const window = resolveWindow({}, newest);
    expect(window.until - window.since + 1).toBe(90 * 86_400);
    expect(new Date(window.since * 1000).toISOString()).toBe('2026-08-02T00:00:00.000Z');
  });

  it.each([
    ['90d', 90],
    ['12w', 84],
    ['6m', 180],
    ['1y', 365],
    ['90', undefined],
    ['0d', undefined],
  ])('reads the length %s', (text, days) => {
    expect(parseWindowLength(text)).toBe(days === undefined ? undefined : days * 86_400);
  });
});
