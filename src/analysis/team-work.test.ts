import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../model/index.js';
import { type CoupledPair, DEFAULT_COUPLING } from './change-coupling.js';
import type { CommitFacts } from './commit-facts.js';
import { coordination } from './coordination.js';
import { tallyTeamWork } from './team-work.js';
import { digestWork } from './work-digest.js';

const byAuthors = (facts: readonly CommitFacts[]) => digestWork(facts, DEFAULT_COUPLING).byAuthors;

const TEAMS = ['a', 'b', 'c'];
const catalog = loadCatalog([
  {
    path: 'teams.yaml',
    text: TEAMS.map(
      (t) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${t}}\nspec: {type: team, children: []}\n`,
    ).join('---\n'),
  },
]).catalog;
const [A, B, C] = TEAMS.map((t) => `group:default/${t}`) as [string, string, string];
const WINDOW = { since: 0, until: 10_000 };

let n = 0;
const commit = (authors: string[], components: string[]): CommitFacts => ({
  time: ++n,
  authors,
  components,
  files: components.map((c) => `r:${c}/f`),
});

const needOf = (
  facts: readonly CommitFacts[],
  teamsOf: ReadonlyMap<string, readonly string[]>,
  coupled: readonly CoupledPair[] = [],
) => coordination(catalog, tallyTeamWork(byAuthors(facts), teamsOf), coupled, WINDOW).needs;

describe('needs arise between different people', () => {
  // rosa is in a and b; ana only in a; ben only in b.
  const teamsOf = new Map([
    ['rosa', [A, B]],
    ['ana', [A]],
    ['ben', [B]],
    ['cy', [C]],
  ]);

  it('makes no need between two teams out of one person who is in both', () => {
    const facts = [commit(['rosa'], ['x']), commit(['rosa'], ['x']), commit(['rosa'], ['y'])];
    expect(needOf(facts, teamsOf)).toEqual([]);
  });

  it('counts only the commits of people in one team and not the other', () => {
    // On x: a∖b = {ana's 2} (rosa's 3 are in b too) = 2; b∖a = {ben's 1} = 1 → min 1.
    // On y: a∖b = 1 (ana); b∖a = 0 (rosa only) → 0. Shared work a–b = 1.
    // A commit by ana and rosa together counts for a∖b through ana: x gets 3 for a∖b.
    const facts = [
      commit(['rosa'], ['x']),
      commit(['rosa'], ['x']),
      commit(['rosa'], ['x']),
      commit(['ana'], ['x']),
      commit(['ana', 'rosa'], ['x']),
      commit(['ben'], ['x']),
      commit(['ana'], ['y']),
      commit(['rosa'], ['y']),
    ];
    const work = tallyTeamWork(byAuthors(facts), teamsOf);
    expect(work.byTeam.get(A)?.get('x')).toBe(5);
    expect(work.apart(A, B, 'x')).toBe(2);
    expect(work.apart(B, A, 'x')).toBe(1);
    expect(work.apart(A, B, 'y')).toBe(1);
    expect(work.apart(B, A, 'y')).toBe(0);
    // A person in a and b still makes a need with c, as anyone in a would.
    expect(work.apart(A, C, 'x')).toBe(5);
    const needs = needOf(facts, teamsOf);
    expect(needs.map((x) => [x.teams, x.sharedWork])).toEqual([[[A, B], 1]]);
  });

  it('counts coupled work between different people only', () => {
    // x–y coupled at degree 50. a∖b on x: ana 2; b∖a on y: rosa 0, ben 2 → min(2, 2) · 0.5 = 1.
    // b∖a on x: 0 (rosa only) → the other way round adds nothing.
    const facts = [
      commit(['ana'], ['x']),
      commit(['ana'], ['x']),
      commit(['rosa'], ['x']),
      commit(['rosa'], ['y']),
      commit(['ben'], ['y']),
      commit(['ben'], ['y']),
    ];
    const coupled: CoupledPair[] = [{ a: 'x', b: 'y', shared: 0, revsA: 3, revsB: 3, degree: 50 }];
    const [need] = needOf(facts, teamsOf, coupled);
    expect(need?.teams).toEqual([A, B]);
    expect(need?.sharedWork).toBe(0);
    expect(need?.coupledWork).toBe(1);
  });

  it('never raises a pair’s need when a person is added to both teams (property)', () => {
    const people = ['p0', 'p1', 'p2', 'p3', 'p4'];
    const components = ['x', 'y', 'z'];
    const membership = fc.array(fc.subarray([A, B, C]), {
      minLength: people.length,
      maxLength: people.length,
    });
    const commits = fc.array(
      fc.record({
        authors: fc.subarray(people, { minLength: 1 }),
        components: fc.subarray(components, { minLength: 1 }),
      }),
      { maxLength: 30 },
    );
    const degree = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(
        membership,
        commits,
        degree,
        fc.constantFrom(...people),
        fc.constantFrom<[string, string]>([A, B], [A, C], [B, C]),
        (teams, list, d, person, pair) => {
          const facts = list.map((c) => commit(c.authors, c.components));
          const coupled: CoupledPair[] = [
            { a: 'x', b: 'y', shared: 0, revsA: 1, revsB: 1, degree: d },
          ];
          const before = new Map(people.map((p, i) => [p, teams[i] ?? []]));
          const after = new Map(before);
          after.set(person, [...new Set([...(before.get(person) ?? []), ...pair])]);
          const weight = (teamsOf: Map<string, string[]>) =>
            needOf(facts, teamsOf, coupled).find((x) => x.teams.join() === [...pair].sort().join())
              ?.weight ?? 0;
          expect(weight(after)).toBeLessThanOrEqual(weight(before));
        },
      ),
    );
  });
});
