import { describe, expect, it } from 'vitest';
import { createBotDetector, createIdentityResolver } from '../ingest/index.js';
import { type Catalog, loadCatalog, type Person } from '../model/index.js';
import { type CommitPeople, createIdentityTally, type IdentitySummary } from './identity-tally.js';
import { createUserSuggester } from './suggest-user.js';

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: search
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana-lima
  annotations:
    github.com/user-login: analima
spec:
  profile:
    email: ana.lima@acme.example
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: dan-ito
spec:
  profile:
    email: dan.ito@acme.example
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ben-okafor
  annotations:
    orgwire.dev/emails: "ben@home.example"
spec:
  profile:
    email: ben.okafor@acme.example
  memberOf: [search]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: carla-diaz
spec:
  profile:
    email: carla.diaz@acme.example
  memberOf: [payments, search]
`;

const PAYMENTS = 'group:default/payments';
const SEARCH = 'group:default/search';

const ANA = { name: 'Ana Lima', email: 'ana.lima@acme.example' };
const ANA_NOREPLY = { name: 'Ana Lima', email: '123+analima@users.noreply.github.com' };
const DAN = { name: 'Dan Ito', email: 'dan.ito@acme.example' };
const BEN = { name: 'Ben Okafor', email: 'ben.okafor@acme.example' };
const BEN_HOME = { name: 'Ben', email: 'ben@home.example' };
const CARLA = { name: 'Carla Díaz', email: 'carla.diaz@acme.example' };
const BOT = {
  name: 'dependabot[bot]',
  email: '49699333+dependabot[bot]@users.noreply.github.com',
};
const EVE = { name: 'Eve Contractor', email: 'eve@agency.example' };
const FRANK = { name: 'Frank Freelance', email: 'frank@freelance.example' };
const GINA = { name: 'Gina', email: 'gina@agency.example' };

function catalog(): Catalog {
  const loaded = loadCatalog([{ path: 'catalog.yaml', text: CATALOG }]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.catalog;
}

function tally(
  commits: readonly CommitPeople[],
  isBot: (person: Person) => boolean = createBotDetector(),
): IdentitySummary {
  const cat = catalog();
  const t = createIdentityTally(cat, createIdentityResolver(cat.users, isBot));
  for (const commit of commits) t.add(commit);
  return t.result();
}

const by = (author: Person, ...coAuthors: Person[]): CommitPeople => ({ author, coAuthors });

describe('createIdentityTally', () => {
  it('counts nothing before any commit', () => {
    expect(tally([])).toEqual({
      commits: 0,
      peopleCommits: 0,
      matchedCommits: 0,
      creditedCommits: 0,
      coverage: null,
      botCommits: 0,
      matchedBy: {},
      unmatched: [],
      teams: [],
    });
  });

  it('counts a commit for the team of its author', () => {
    expect(tally([by(ANA), by(ANA), by(BEN_HOME)]).teams).toEqual([
      { ref: PAYMENTS, commits: 2 },
      { ref: SEARCH, commits: 1 },
    ]);
  });

  it('counts a commit by a user in two teams for both', () => {
    expect(tally([by(CARLA)]).teams).toEqual([
      { ref: PAYMENTS, commits: 1 },
      { ref: SEARCH, commits: 1 },
    ]);
  });

  it('credits only the groups that count as teams', () => {
    const cat = catalog();
    const t = createIdentityTally(
      cat,
      createIdentityResolver(cat.users, createBotDetector()),
      () => null,
      (group) => group === SEARCH,
    );
    for (const commit of [by(CARLA), by(ANA)]) t.add(commit);
    const result = t.result();
    expect(result.teams).toEqual([{ ref: SEARCH, commits: 1 }]);
    // Ana is only in payments, which is no team here: matched, not credited.
    expect([result.matchedCommits, result.creditedCommits]).toEqual([2, 1]);
  });

  it('counts a commit co-authored across teams once for each team', () => {
    const result = tally([by(ANA, BEN)]);
    expect(result.teams).toEqual([
      { ref: PAYMENTS, commits: 1 },
      { ref: SEARCH, commits: 1 },
    ]);
    expect(result.matchedCommits).toBe(1);
  });

  it('counts a commit by two members of one team once for that team', () => {
    expect(tally([by(ANA, DAN), by(CARLA, BEN)]).teams).toEqual([
      { ref: PAYMENTS, commits: 2 },
      { ref: SEARCH, commits: 1 },
    ]);
  });

  it('counts a bot’s commit as a bot commit, for no team and no one', () => {
    expect(tally([by(BOT), by(ANA)])).toEqual({
      commits: 2,
      peopleCommits: 1,
      matchedCommits: 1,
      creditedCommits: 1,
      coverage: 1,
      botCommits: 1,
      matchedBy: { email: 1 },
      unmatched: [],
      teams: [{ ref: PAYMENTS, commits: 1 }],
    });
  });

  it('leaves a bot co-author out and counts the commit for its human author', () => {
    expect(tally([by(ANA, BOT)])).toEqual({
      commits: 1,
      peopleCommits: 1,
      matchedCommits: 1,
      creditedCommits: 1,
      coverage: 1,
      botCommits: 0,
      matchedBy: { email: 1 },
      unmatched: [],
      teams: [{ ref: PAYMENTS, commits: 1 }],
    });
  });

  it('counts a bot’s commit with a person as co-author for the person, not as a bot commit', () => {
    // An agent's commit "Co-authored-by" the person who asked for it is the person's work.
    const result = tally([by(BOT, BEN), by(BOT, EVE), by(BOT)]);
    expect(result.botCommits).toBe(1);
    expect(result.peopleCommits).toBe(2);
    expect(result.teams).toEqual([{ ref: SEARCH, commits: 1 }]);
    expect(result.unmatched.map((u) => [u.email, u.commits])).toEqual([[EVE.email, 1]]);
    expect(result.coverage).toBe(0.5);
  });

  it('lists a bot as unmatched when bots are counted as people', () => {
    const result = tally([by(BOT), by(BOT)], () => false);
    expect(result.botCommits).toBe(0);
    expect(result.unmatched).toEqual([{ ...BOT, commits: 2, suggestion: null }]);
  });

  it('lists an author with no matching user as unmatched, with their commits', () => {
    const result = tally([by(EVE), by(EVE), by(ANA)]);
    expect(result.unmatched).toEqual([{ ...EVE, commits: 2, suggestion: null }]);
    expect(result.matchedCommits).toBe(1);
  });

  it('counts a commit for an unmatched co-author', () => {
    const result = tally([by(ANA, FRANK)]);
    expect(result.unmatched).toEqual([{ ...FRANK, commits: 1, suggestion: null }]);
    expect(result.teams).toEqual([{ ref: PAYMENTS, commits: 1 }]);
  });

  it('counts an unmatched person once per commit, whatever the case of their e-mail', () => {
    const result = tally([by(EVE, { name: 'Eve', email: 'EVE@Agency.example' }), by(EVE)]);
    expect(result.unmatched).toEqual([{ ...EVE, commits: 2, suggestion: null }]);
  });

  it('tallies a mixed history by hand', () => {
    const result = tally([
      by(ANA), //                   payments
      by(BEN), //                   search
      by(CARLA), //                 payments, search
      by(ANA, BEN), //              payments, search
      by(ANA, DAN), //              payments (once)
      by(BOT), //                   bot
      by(EVE), //                   eve
      by(ANA, EVE), //              payments; eve
      by(EVE, { name: 'Eve', email: 'Eve@AGENCY.example' }), // eve (once)
      by(FRANK, ANA_NOREPLY), //    payments; frank
      by(GINA), //                  gina
      by(CARLA, BEN_HOME), //       payments, search (once)
    ]);

    // People's commits: 11 (all but the bot's); credited to a team: 8 → coverage 8/11.
    expect(result).toEqual({
      commits: 12,
      peopleCommits: 11,
      matchedCommits: 8,
      creditedCommits: 8,
      coverage: 0.727,
      botCommits: 1,
      // Ana, Ben, Carla, Dan and Ben's home e-mail by e-mail; Ana's no-reply address.
      matchedBy: { email: 5, 'github-noreply': 1 },
      unmatched: [
        { ...EVE, commits: 3, suggestion: null },
        { ...FRANK, commits: 1, suggestion: null },
        { ...GINA, commits: 1, suggestion: null },
      ],
      teams: [
        { ref: PAYMENTS, commits: 7 },
        { ref: SEARCH, commits: 4 },
      ],
    });
  });

  it('lists unmatched people with the most commits first, then by e-mail', () => {
    const zed = { name: 'Zed', email: 'a@agency.example' };
    const result = tally([by(GINA), by(FRANK), by(FRANK), by(zed)]);
    expect(result.unmatched.map((u) => [u.email, u.commits])).toEqual([
      ['frank@freelance.example', 2],
      ['a@agency.example', 1],
      ['gina@agency.example', 1],
    ]);
  });

  it('counts a User in no team as matched but not credited', () => {
    const cat = loadCatalog([
      {
        path: 'c.yaml',
        text: `${CATALOG}---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: lone}
spec: {profile: {email: lone@acme.example}, memberOf: []}
`,
      },
    ]).catalog;
    const t = createIdentityTally(cat, createIdentityResolver(cat.users, createBotDetector()));
    t.add(by({ name: 'Lone', email: 'lone@acme.example' }));
    t.add(by(ANA));
    const result = t.result();
    expect([result.matchedCommits, result.creditedCommits, result.coverage]).toEqual([2, 1, 0.5]);
  });

  it('gives each unmatched author the suggestion the suggester makes', () => {
    const cat = catalog();
    const t = createIdentityTally(
      cat,
      createIdentityResolver(cat.users, createBotDetector()),
      createUserSuggester(cat.users),
    );
    t.add(by({ name: 'Ana Lima', email: 'ana@laptop.local' }));
    t.add(by(GINA));
    expect(t.result().unmatched).toEqual([
      {
        name: 'Ana Lima',
        email: 'ana@laptop.local',
        commits: 1,
        suggestion: { user: 'user:default/ana-lima', score: 1, why: expect.any(String) },
      },
      { ...GINA, commits: 1, suggestion: null },
    ]);
  });
});
