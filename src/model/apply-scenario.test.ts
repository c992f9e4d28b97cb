import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScenario } from './apply-scenario.js';
import type { Catalog } from './build-catalog.js';
import { loadCatalog } from './load-catalog.js';
import { formatScenario, parseScenario, type Scenario, type ScenarioChange } from './scenario.js';
import { INTERACTION_MODES } from './schemas.js';

const group = (name: string, members: string[], extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}}\nspec: {type: team, parent: eng, children: [], members: [${members.join(', ')}]${extra}}\n`;
const user = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ${name}}\nspec: {memberOf: []}\n`;
const component = (name: string, owner: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ${name}}\nspec: {type: service, lifecycle: production, owner: ${owner}}\n`;

// eng holds web (ana, ben) and pay (cy); web owns cart and shop, pay owns ledger.
const { catalog } = loadCatalog([
  {
    path: 'org.yaml',
    text: [
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: eng}\nspec: {type: department, children: [web, pay]}\n',
      group('web', ['ana', 'ben'], ', interactions: [{with: data, mode: collaboration}]'),
      group('pay', ['cy']),
      group('data', ['dee']),
      ...['ana', 'ben', 'cy', 'dee'].map(user),
      component('cart', 'web'),
      component('shop', 'web'),
      component('ledger', 'pay'),
    ].join('---\n'),
  },
]);

function scenario(changes: string): Scenario {
  const { scenario, problems } = parseScenario(
    `apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  changes:\n${changes}`,
    'what-if.yaml',
  );
  expect(problems).toEqual([]);
  return scenario as Scenario;
}

const apply = (changes: string) => {
  const result = applyScenario(catalog, scenario(changes));
  expect(result.problems).toEqual([]);
  return result.catalog;
};
const members = (c: Catalog, team: string) =>
  c.groups
    .find((g) => g.name === team)
    ?.members.map((m) => m.split('/')[1])
    .sort();
const teamsOf = (c: Catalog, person: string) =>
  c.users
    .find((u) => u.name === person)
    ?.memberOf.map((m) => m.split('/')[1])
    .sort();
const owner = (c: Catalog, name: string) =>
  c.components.find((x) => x.name === name)?.owner.split('/')[1];

describe('applyScenario', () => {
  it('moves a person out of one team into another, both sides of the membership', () => {
    const after = apply('    - movePerson: {user: ben, from: web, to: pay}\n');
    expect(members(after, 'web')).toEqual(['ana']);
    expect(members(after, 'pay')).toEqual(['ben', 'cy']);
    expect(teamsOf(after, 'ben')).toEqual(['pay']);
    // The catalog given is left as it was.
    expect(members(catalog, 'web')).toEqual(['ana', 'ben']);
  });

  it('moves a component to another owner', () => {
    expect(owner(apply('    - moveComponent: {component: cart, to: pay}\n'), 'cart')).toBe('pay');
  });

  it('merges teams: members, components and interactions go to the one kept', () => {
    const after = apply('    - mergeTeams: {teams: [web, pay], into: pay}\n');
    expect(after.groups.map((g) => g.name).sort()).toEqual(['data', 'eng', 'pay']);
    expect(members(after, 'pay')).toEqual(['ana', 'ben', 'cy']);
    expect(owner(after, 'cart')).toBe('pay');
    expect(after.groups.find((g) => g.name === 'pay')?.interactions).toEqual([
      { with: 'group:default/data', mode: 'collaboration' },
    ]);
    // web went into pay, and pay's needs are followed from web's.
    const { renamed } = applyScenario(
      catalog,
      scenario(
        '    - mergeTeams: {teams: [web, pay], into: pay}\n    - mergeTeams: {teams: [pay, data], into: data}\n',
      ),
    );
    expect([...renamed]).toEqual([
      ['group:default/web', 'group:default/data'],
      ['group:default/pay', 'group:default/data'],
    ]);
    expect(after.groups.find((g) => g.name === 'eng')?.children).toEqual([
      'group:default/pay',
      'group:default/data',
    ]);
  });

  it('splits a team into parts of the same parent; what no part names goes to the first', () => {
    const after = apply(
      '    - splitTeam:\n        team: web\n        into:\n          - {name: web-a, members: [ana]}\n          - {name: web-b, members: [ben], components: [shop]}\n',
    );
    expect(members(after, 'web-a')).toEqual(['ana']);
    expect(members(after, 'web-b')).toEqual(['ben']);
    expect([owner(after, 'cart'), owner(after, 'shop')]).toEqual(['web-a', 'web-b']);
    expect(after.groups.find((g) => g.name === 'web-b')?.parent).toBe('group:default/eng');
    expect(after.byRef.has('group:default/web')).toBe(false);
    // Both parts keep web's collaboration with data.
    for (const part of ['web-a', 'web-b'])
      expect(after.groups.find((g) => g.name === part)?.interactions).toEqual([
        { with: 'group:default/data', mode: 'collaboration' },
      ]);
  });

  it('creates a team its members join, keeping their other teams', () => {
    const after = apply(
      '    - createTeam: {name: guild, members: [ana, cy], components: [ledger], parent: eng}\n',
    );
    expect(members(after, 'guild')).toEqual(['ana', 'cy']);
    expect(teamsOf(after, 'ana')).toEqual(['guild', 'web']);
    expect(owner(after, 'ledger')).toBe('guild');
  });

  it('dissolves a team into another, or into its parent', () => {
    expect(members(apply('    - dissolveTeam: {team: pay, into: web}\n'), 'web')).toEqual([
      'ana',
      'ben',
      'cy',
    ]);
    const gone = apply('    - dissolveTeam: {team: pay}\n');
    expect(teamsOf(gone, 'cy')).toEqual([]);
    expect(owner(gone, 'ledger')).toBe('eng');
  });

  it('declares and removes interactions', () => {
    const declared = apply('    - interaction: {between: [pay, web], mode: x-as-a-service}\n');
    expect(declared.groups.find((g) => g.name === 'pay')?.interactions).toEqual([
      { with: 'group:default/web', mode: 'x-as-a-service' },
    ]);
    const removed = apply('    - removeInteraction: {between: [data, web]}\n');
    expect(removed.groups.find((g) => g.name === 'web')?.interactions).toEqual([]);
  });

  it('embeds a providing team: its people shared out by the requests each team sent, the rest to the one that sent most', () => {
    const sent = new Map([
      ['group:default/pay', 1],
      ['group:default/data', 3],
    ]);
    const result = applyScenario(
      catalog,
      scenario('    - embed: {provider: web, into: [pay, data]}\n'),
      {
        requestsTo: (provider) => (provider === 'group:default/web' ? sent : new Map()),
      },
    );
    expect(result.problems).toEqual([]);
    // 2 people at 1 : 3 — quotas 0.5 and 1.5: one each; components and names to data.
    expect(members(result.catalog, 'pay')).toEqual(['ana', 'cy']);
    expect(members(result.catalog, 'data')).toEqual(['ben', 'dee']);
    expect(owner(result.catalog, 'cart')).toBe('data');
    expect(owner(result.catalog, 'shop')).toBe('data');
    expect(result.catalog.groups.some((g) => g.name === 'web')).toBe(false);
    expect(result.renamed.get('group:default/web')).toBe('group:default/data');
    expect(result.embedded).toEqual([
      { provider: 'group:default/web', into: ['group:default/pay', 'group:default/data'] },
    ]);
  });

  it('embeds evenly without requests, and never into the provider itself', () => {
    const even = apply('    - embed: {provider: web, into: [pay, data]}\n');
    expect(members(even, 'pay')).toEqual(['ana', 'cy']);
    expect(members(even, 'data')).toEqual(['ben', 'dee']);
    expect(owner(even, 'cart')).toBe('pay');
    const self = applyScenario(catalog, scenario('    - embed: {provider: web, into: [web]}\n'));
    expect(self.problems.map((p) => p.message)).toEqual(['web cannot be embedded into itself']);
  });

  it('takes a person who leaves out of every team', () => {
    expect(teamsOf(apply('    - leave: {user: ana}\n'), 'ana')).toEqual([]);
  });

  it('says which change names what the catalog does not have, at its line, and applies none', () => {
    const s = scenario(
      '    - movePerson: {user: ben, to: pay}\n    - moveComponent: {component: kart, to: pay}\n',
    );
    const { catalog: after, problems } = applyScenario(catalog, s);
    expect(problems).toMatchObject([
      { file: 'what-if.yaml', line: 7, message: 'no component kart in the catalog' },
    ]);
    expect(after).toBe(catalog);
  });

  it('gives back the memberships and owners it started from when a change is undone', () => {
    const people = ['ana', 'ben', 'cy', 'dee'];
    const teams = ['web', 'pay', 'data'];
    const state = (c: Catalog) => ({
      members: teams.map((t) => members(c, t)),
      owners: ['cart', 'shop', 'ledger'].map((x) => owner(c, x)),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...people),
        fc.constantFrom(...teams),
        fc.constantFrom('cart', 'shop', 'ledger'),
        fc.constantFrom(...teams),
        (person, to, comp, owned) => {
          const from = teams.find((t) => members(catalog, t)?.includes(person)) as string;
          const there = apply(
            `    - movePerson: {user: ${person}, from: ${from}, to: ${to}}\n    - moveComponent: {component: ${comp}, to: ${owned}}\n`,
          );
          const back = applyScenario(
            there,
            scenario(
              `    - movePerson: {user: ${person}, from: ${to}, to: ${from}}\n    - moveComponent: {component: ${comp}, to: ${owner(catalog, comp)}}\n`,
            ),
          ).catalog;
          expect(state(back)).toEqual(state(catalog));
        },
      ),
    );
  });
});

describe('parseScenario', () => {
  it('refuses an unknown change at its line, naming the kinds', () => {
    const { problems } = parseScenario(
      'apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  changes:\n    - teleport: {user: ana}\n',
      'x.yaml',
    );
    expect(problems[0]).toMatchObject({
      file: 'x.yaml',
      line: 6,
      message: 'spec.changes.0: unknown change teleport',
    });
    expect(problems[0]?.hint).toContain('movePerson');
  });

  it('refuses a file that is not a scenario', () => {
    const { problems } = parseScenario(
      'apiVersion: backstage.io/v1alpha1\nkind: Group\n',
      'x.yaml',
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(1);
  });

  it('reads back every change formatScenario writes, whatever the names hold', () => {
    // Names as catalogs and people write them: YAML's own characters included.
    const word = fc
      .string({
        minLength: 1,
        maxLength: 12,
        unit: fc.constantFrom(...'ab-_:#,[]{}\'" .&*!|>%@`ü'),
      })
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const words = fc.array(word, { minLength: 1, maxLength: 3 });
    const change: fc.Arbitrary<ScenarioChange> = fc.oneof(
      fc.record({ user: word, to: word }).map((movePerson) => ({ movePerson })),
      fc.record({ component: word, to: word }).map((moveComponent) => ({ moveComponent })),
      fc.record({ teams: words, into: word }).map((mergeTeams) => ({ mergeTeams })),
      fc
        .record({
          team: word,
          into: fc.array(fc.record({ name: word, members: words, components: words }), {
            minLength: 2,
            maxLength: 2,
          }),
        })
        .map((splitTeam) => ({ splitTeam })),
      fc
        .record({ name: word, members: words, components: words, parent: word })
        .map((createTeam) => ({ createTeam })),
      fc.record({ team: word }).map((dissolveTeam) => ({ dissolveTeam })),
      fc
        .record({ between: fc.tuple(word, word), mode: fc.constantFrom(...INTERACTION_MODES) })
        .map((interaction) => ({ interaction })),
      fc.record({ provider: word, into: words }).map((embed) => ({ embed })),
      fc.record({ user: word }).map((leave) => ({ leave })),
    );
    fc.assert(
      fc.property(word, fc.array(change, { minLength: 1, maxLength: 6 }), (name, changes) => {
        const text = formatScenario({ name, description: 'a: b # c', changes }, ['x # y']);
        const { scenario, problems } = parseScenario(text, 's.yaml');
        expect(problems).toEqual([]);
        expect(scenario?.name).toBe(name);
        expect(scenario?.description).toBe('a: b # c');
        expect(scenario?.changes.map((c) => c.change)).toEqual(changes);
        // One change a line, so that a problem's line points at its change.
        expect(scenario?.changes.map((c) => c.at.line)).toEqual(
          changes.map((_, i) => (scenario?.changes[0]?.at.line ?? 0) + i),
        );
      }),
    );
  });
});
