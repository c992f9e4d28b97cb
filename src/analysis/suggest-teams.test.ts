import { describe, expect, it } from 'vitest';
import type { CommitFacts } from './commit-facts.js';
import { seededRandom } from './seeded-random.js';
import { suggestTeams } from './suggest-teams.js';

let n = 0;
const commit = (authors: string[], components: string[]): CommitFacts => ({
  time: ++n,
  authors,
  components,
  files: [],
});
const times = (k: number, make: () => CommitFacts) => Array.from({ length: k }, make);

/**
 * The adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985): 1 when
 * they agree, about 0 for chance agreement.
 */
function adjustedRandIndex(a: readonly string[], b: readonly string[]): number {
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.values()];
  };
  const joint = count(a.map((x, i) => `${x}\u0000${b[i]}`)).reduce((s, c) => s + pairs(c), 0);
  const sa = count([...a]).reduce((s, c) => s + pairs(c), 0);
  const sb = count([...b]).reduce((s, c) => s + pairs(c), 0);
  const expected = (sa * sb) / pairs(a.length);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (joint - expected) / (max - expected);
}

/**
 * An organisation with a planted truth: `teams` teams of 3–9 people, each owning 2–5
 * components; each person's commits touch their own team's components, `stray` of them reach
 * one component of another team too, and `shared` of them a component everyone changes
 * (a changelog).
 */
function plantedOrganisation(seed: number, teams: number, stray: number, shared = 0) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const truth = new Map<string, number>();
  const owned: string[][] = [];
  for (let t = 0; t < teams; t++) {
    owned.push(Array.from({ length: 2 + Math.floor(random() * 4) }, (_, i) => `c${t}-${i}`));
    for (let p = 0; p < 3 + Math.floor(random() * 7); p++) truth.set(`user:default/p${t}-${p}`, t);
  }
  const facts: CommitFacts[] = [];
  for (const [who, t] of truth) {
    for (let k = 0; k < 20 + Math.floor(random() * 30); k++) {
      const own = owned[t] as string[];
      const components = new Set([pick(own), ...(random() < 0.5 ? [pick(own)] : [])]);
      if (random() < shared) components.add('changelog');
      if (random() < stray)
        components.add(pick(owned[pick([...owned.keys()].filter((x) => x !== t))] as string[]));
      facts.push(commit([who], [...components]));
    }
  }
  return { truth, facts };
}

describe('suggestTeams', () => {
  it('finds the two groups of people who change two separate sets of components', () => {
    const facts = [
      ...times(5, () => commit(['a1'], ['x'])),
      ...times(5, () => commit(['a2'], ['x', 'y'])),
      ...times(5, () => commit(['a3'], ['y'])),
      ...times(5, () => commit(['b1'], ['z'])),
      ...times(5, () => commit(['b2'], ['z', 'w'])),
      ...times(5, () => commit(['b3'], ['w'])),
      commit(['a1'], ['z']),
    ];
    const { communities } = suggestTeams(facts);
    expect(communities.map((c) => c.people)).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2', 'b3'],
    ]);
    expect(communities.map((c) => c.components)).toEqual([
      ['x', 'y'],
      ['w', 'z'],
    ]);
  });

  it('never puts more people in one team than the cap, however much they share', () => {
    const people = Array.from({ length: 14 }, (_, i) => `p${i}`);
    const facts = people.flatMap((p) => times(4, () => commit([p], ['core'])));
    const { communities } = suggestTeams(facts, { maxTeamSize: 5 });
    expect(communities.flatMap((c) => c.people).sort()).toEqual([...people].sort());
    for (const c of communities) expect(c.people.length).toBeLessThanOrEqual(5);
  });

  it('leaves out people with a single commit, who are not yet part of any team', () => {
    const facts = [...times(4, () => commit(['a'], ['x'])), commit(['drive-by'], ['x'])];
    expect(suggestTeams(facts).communities.flatMap((c) => c.people)).toEqual(['a']);
  });

  it('keeps pinned components with their team, and shares out a community two pins fell into', () => {
    const facts = [
      ...times(6, () => commit(['a', 'b'], ['x', 'y'])),
      ...times(6, () => commit(['b'], ['y'])),
      ...times(3, () => commit(['a'], ['x'])),
    ];
    const pins = new Map([
      ['x', 'group:default/one'],
      ['y', 'group:default/two'],
    ]);
    const { communities } = suggestTeams(facts, { pins });
    const of = (ref: string) => communities.find((c) => c.components.includes(ref));
    expect(of('x')?.pinnedTo).toBe('group:default/one');
    expect(of('y')?.pinnedTo).toBe('group:default/two');
    expect(of('x')?.people).toEqual(['a']);
    expect(of('y')?.people).toEqual(['b']);
  });

  it('gives the same answer every time for the same work', () => {
    const { facts } = plantedOrganisation(7, 8, 0.2);
    expect(suggestTeams(facts)).toEqual(suggestTeams([...facts]));
  });

  it('recovers planted teams from their work (adjusted Rand index ≥ 0.9 over seeds)', () => {
    const scores: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { truth, facts } = plantedOrganisation(seed, 6 + seed, 0.3, 0.3);
      const found = new Map<string, string>();
      suggestTeams(facts).communities.forEach((c, i) => {
        for (const p of c.people) found.set(p, String(i));
      });
      const people = [...truth.keys()];
      const ari = adjustedRandIndex(
        people.map((p) => String(truth.get(p))),
        people.map((p) => found.get(p) ?? `alone:${p}`),
      );
      scores.push(`seed ${seed}: ${ari.toFixed(3)}`);
      expect(ari, scores.join(', ')).toBeGreaterThanOrEqual(0.9);
    }
    console.info(
      `suggestTeams: adjusted Rand index on planted organisations — ${scores.join(', ')}`,
    );
  });

  it('scores agreement with itself as 1 and a scramble near 0 (adjusted Rand index)', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBeLessThan(0);
  });
});
