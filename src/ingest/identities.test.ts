import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuthorMatch,
  type Catalog,
  type IdentitySignal,
  loadCatalog,
  type Person,
} from '../model/index.js';
import {
  createBotDetector,
  createIdentityResolver,
  githubNoreplyLogin,
  parseContact,
} from './identities.js';

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
kind: User
metadata:
  name: ana-lima
  annotations:
    orgwire.dev/emails: "ana@home.example, A.Lima@Old-Corp.example"
    github.com/user-login: "AnaLima"
spec:
  profile:
    displayName: Ana Lima
    email: Ana.Lima@acme.example
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ben-okafor
  annotations:
    github.com/user-login: "benok"
spec:
  profile:
    email: ben.okafor@acme.example
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: carla-diaz
spec:
  profile:
    email: carla.diaz@acme.example
  memberOf: [payments]
`;

function catalog(): Catalog {
  const loaded = loadCatalog([{ path: 'catalog.yaml', text: CATALOG }]);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.catalog;
}

const ANA = 'user:default/ana-lima';
const BEN = 'user:default/ben-okafor';
const byEmail = (user: string): AuthorMatch => ({ kind: 'user', user, via: 'email' });
const byNoreply = (user: string): AuthorMatch => ({ kind: 'user', user, via: 'github-noreply' });
const UNMATCHED: AuthorMatch = { kind: 'unmatched' };

describe('createIdentityResolver', () => {
  const noBots = () => false;
  const match = createIdentityResolver(catalog().users, noBots);

  it.each<[string, string, AuthorMatch]>([
    ['the profile e-mail', 'ana.lima@acme.example', byEmail(ANA)],
    ['the profile e-mail in another case', 'ANA.LIMA@Acme.Example', byEmail(ANA)],
    ['the profile e-mail with spaces around it', '  ana.lima@acme.example ', byEmail(ANA)],
    ['an e-mail from orgwire.dev/emails', 'ana@home.example', byEmail(ANA)],
    [
      'an extra e-mail written in mixed case in the catalog',
      'a.lima@old-corp.example',
      byEmail(ANA),
    ],
    ['an extra e-mail in another case', 'Ana@HOME.example', byEmail(ANA)],
    ['a no-reply address ID+login', '1234567+analima@users.noreply.github.com', byNoreply(ANA)],
    ['a no-reply address login only', 'analima@users.noreply.github.com', byNoreply(ANA)],
    ['a no-reply address in upper case', '42+AnaLima@Users.NoReply.GitHub.com', byNoreply(ANA)],
    ['the no-reply address of another user', '99+benok@users.noreply.github.com', byNoreply(BEN)],
  ])('matches a user by %s', (_, email, expected) => {
    expect(match({ name: 'Whoever', email })).toEqual(expected);
  });

  it.each<[string, string]>([
    ['an e-mail no user has', 'ana.lima@other.example'],
    ['a no-reply address whose login no user has', '1234567+ana-lima@users.noreply.github.com'],
    ['a no-reply address of another host', '1234567+analima@users.noreply.gitlab.com'],
    ['the local part of a profile e-mail alone', 'ana.lima'],
    ['an empty e-mail', ''],
  ])('leaves an author unmatched for %s', (_, email) => {
    expect(match({ name: 'Ana Lima', email })).toEqual(UNMATCHED);
  });

  it('matches by e-mail, not by name', () => {
    expect(match({ name: 'Ana Lima', email: 'someone@else.example' })).toEqual(UNMATCHED);
    expect(match({ name: 'Not Ana', email: 'ana.lima@acme.example' })).toEqual(byEmail(ANA));
  });

  it('does not match a user without a GitHub login by a no-reply address', () => {
    expect(match({ name: 'Carla Diaz', email: '7+carla-diaz@users.noreply.github.com' })).toEqual(
      UNMATCHED,
    );
  });

  describe('signals the work gives, in their documented order', () => {
    const hinted = createIdentityResolver(catalog().users, noBots, {
      aliases: new Map([
        ['ana-l@contractor.example', ANA],
        ['benny o.', BEN],
        // An alias never overrides a User's own e-mail.
        ['ben.okafor@acme.example', ANA],
      ]),
      mergeLogins: new Map([
        ['b.okafor@laptop.local', 'benok'],
        ['ana.lima@acme.example', 'benok'],
        ['someone@x.example', 'nobody-here'],
      ]),
    });
    const via = (user: string, signal: IdentitySignal): AuthorMatch => ({
      kind: 'user',
      user,
      via: signal,
    });
    it.each<[string, Person, AuthorMatch]>([
      ['an alias by e-mail', { name: 'X', email: 'Ana-L@Contractor.example' }, via(ANA, 'alias')],
      ['an alias by name', { name: 'Benny O.', email: 'b@nowhere.example' }, via(BEN, 'alias')],
      [
        'the login that merged their pull requests',
        { name: 'B', email: 'b.okafor@laptop.local' },
        via(BEN, 'merge-login'),
      ],
      [
        'the local part of an e-mail equal to a login',
        { name: 'Someone', email: 'analima@github.com' },
        via(ANA, 'login-in-email'),
      ],
      [
        'an author name equal to a login',
        { name: 'BenOk', email: 'laptop@localhost' },
        via(BEN, 'login-as-name'),
      ],
      [
        'the profile e-mail before any alias or merge login',
        { name: 'B', email: 'ben.okafor@acme.example' },
        byEmail(BEN),
      ],
      [
        'the profile e-mail before the merge login',
        { name: 'A', email: 'ana.lima@acme.example' },
        byEmail(ANA),
      ],
    ])('matches by %s', (_, person, expected) => {
      expect(hinted(person)).toEqual(expected);
    });
    it.each<[string, Person]>([
      ['a merge login that is no User', { name: 'S', email: 'someone@x.example' }],
      [
        'an author name of several words equal to nothing',
        { name: 'Ben Ok', email: 'x@y.example' },
      ],
    ])('leaves unmatched %s', (_, person) => {
      expect(hinted(person)).toEqual(UNMATCHED);
    });
    it('falls through a no-reply address of an unknown login to the later signals', () => {
      const person = { name: 'benok', email: '1+stranger@users.noreply.github.com' };
      expect(hinted(person)).toEqual(via(BEN, 'login-as-name'));
    });
  });

  it('never matches a bot to a user, even when it commits with a user’s e-mail', () => {
    const withBots = createIdentityResolver(catalog().users, createBotDetector());
    expect(withBots({ name: 'dependabot[bot]', email: 'ana.lima@acme.example' })).toEqual({
      kind: 'bot',
    });
    expect(withBots({ name: 'release-bot', email: 'analima@users.noreply.github.com' })).toEqual({
      kind: 'bot',
    });
    expect(withBots({ name: 'Ana Lima', email: 'ana.lima@acme.example' })).toEqual(byEmail(ANA));
  });

  it('matches any casing of a known e-mail to the same user', () => {
    const known = catalog().users.flatMap((u) => u.emails.map((email) => ({ email, ref: u.ref })));
    fc.assert(
      fc.property(
        fc.constantFrom(...known),
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        ({ email, ref }, upper) => {
          const cased = [...email]
            .map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase()))
            .join('');
          expect(match({ name: 'Anyone', email: cased })).toEqual(byEmail(ref));
        },
      ),
    );
  });

  it('matches a no-reply address with any numeric ID and any casing of the login', () => {
    fc.assert(
      fc.property(
        fc.option(fc.nat(), { nil: undefined }),
        fc.constantFrom('analima', 'ANALIMA', 'AnaLima', 'aNaLiMa'),
        (id, login) => {
          const email = `${id === undefined ? '' : `${id}+`}${login}@users.noreply.github.com`;
          expect(match({ name: 'Anyone', email })).toEqual(byNoreply(ANA));
        },
      ),
    );
  });
});

describe('createBotDetector', () => {
  const isBot = createBotDetector();

  it.each<[string, Person]>([
    ['a GitHub App account', { name: 'dependabot[bot]', email: 'support@github.com' }],
    [
      'the GitHub Actions no-reply address alone',
      { name: 'GitHub Actions', email: '41898282+github-actions[bot]@users.noreply.github.com' },
    ],
    [
      'github-actions[bot] with its no-reply address',
      {
        name: 'github-actions[bot]',
        email: '41898282+github-actions[bot]@users.noreply.github.com',
      },
    ],
    ['a name ending in -bot', { name: 'renovate-bot', email: 'ops@acme.example' }],
    ['a name ending in " bot"', { name: 'Release Bot', email: 'ops@acme.example' }],
    ['the name dependabot', { name: 'Dependabot', email: 'ops@acme.example' }],
    ['the name renovate', { name: 'renovate', email: 'ops@acme.example' }],
    ['the name github-actions', { name: 'github-actions', email: 'github-actions@github.com' }],
    ['an e-mail whose local part ends in -bot', { name: 'Deploys', email: 'ci-bot@acme.example' }],
    [
      'a named automation account by its e-mail’s local part (istio’s)',
      { name: 'Istio Automation', email: 'istio-testing-bot@google.com' },
    ],
    ['a coding agent', { name: 'Claude Opus 4.6', email: 'noreply@anthropic.com' }],
    ['the Renovate app e-mail', { name: 'Anything', email: 'bot@renovateapp.com' }],
    ['a well-known bot e-mail in upper case', { name: 'Release', email: 'SNYK-BOT@SNYK.IO' }],
    [
      'a no-reply address with a bot login',
      { name: 'Deps', email: '5+renovate@users.noreply.github.com' },
    ],
  ])('recognises %s as a bot', (_, person) => {
    expect(isBot(person)).toBe(true);
  });

  it.each<[string, Person]>([
    ['Abbott', { name: 'Jane Abbott', email: 'jane.abbott@acme.example' }],
    ['Abbot', { name: 'Abbot', email: 'abbot@acme.example' }],
    ['Talbot', { name: 'Sam Talbot', email: 'talbot@acme.example' }],
    ['Bottomley', { name: 'Virginia Bottomley', email: 'bottomley@acme.example' }],
    ['a name that starts with a bot’s name', { name: 'Renovate Smith', email: 'rs@acme.example' }],
    [
      'a human with a no-reply address',
      { name: 'Ana', email: '9+analima@users.noreply.github.com' },
    ],
    ['a local part that merely contains bot', { name: 'R', email: 'robot.fan@acme.example' }],
  ])('does not take %s for a bot', (_, person) => {
    expect(isBot(person)).toBe(false);
  });

  describe('with extra patterns', () => {
    const withExtra = createBotDetector({
      extra: [
        'Deploy Runner',
        'ci@acme.example',
        '/^release-/',
        'build.agent',
        'Jenkins <j@acme.example>',
      ],
    });

    it.each<[string, Person, boolean]>([
      ['a plain name, in any case', { name: 'DEPLOY runner', email: 'dr@acme.example' }, true],
      ['only the whole name', { name: 'Deploy Runner 2', email: 'dr@acme.example' }, false],
      ['an e-mail, whatever the name', { name: 'Carla', email: 'CI@acme.example' }, true],
      ['only the whole e-mail', { name: 'Carla', email: 'xci@acme.example' }, false],
      ['a /regex/ against the name', { name: 'Release-Train', email: 'rt@acme.example' }, true],
      ['a /regex/ against the e-mail', { name: 'Someone', email: 'release-x@acme.example' }, true],
      ['a /regex/ only where it matches', { name: 'prerelease-x', email: 'p@acme.example' }, false],
      [
        'a dot in a plain pattern as a dot',
        { name: 'buildXagent', email: 'b@acme.example' },
        false,
      ],
      ['a plain name with a dot', { name: 'build.agent', email: 'b@acme.example' }, true],
      ['a whole contact', { name: 'Jenkins', email: 'j@acme.example' }, true],
      ['a contact only with its e-mail', { name: 'Jenkins', email: 'k@acme.example' }, false],
      ['the default bots still', { name: 'dependabot[bot]', email: 'd@acme.example' }, true],
    ])('matches %s', (_, person, expected) => {
      expect(withExtra(person)).toBe(expected);
    });
  });
});

describe('githubNoreplyLogin', () => {
  it.each<[string, string | undefined]>([
    ['12345+octocat@users.noreply.github.com', 'octocat'],
    ['octocat@users.noreply.github.com', 'octocat'],
    ['12345+OctoCat@Users.Noreply.Github.Com', 'octocat'],
    [' 12345+octocat@users.noreply.github.com ', 'octocat'],
    ['41898282+github-actions[bot]@users.noreply.github.com', 'github-actions[bot]'],
    ['octocat@github.com', undefined],
    ['12345+octocat@noreply.github.com', undefined],
    ['12345+octocat@users.noreply.github.com.evil.example', undefined],
    ['@users.noreply.github.com', undefined],
    ['', undefined],
  ])('reads %j as %j', (email, login) => {
    expect(githubNoreplyLogin(email)).toBe(login);
  });

  it('round-trips ID+login and login no-reply addresses', () => {
    const login = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/);
    fc.assert(
      fc.property(fc.nat(), login, (id, name) => {
        expect(githubNoreplyLogin(`${id}+${name}@users.noreply.github.com`)).toBe(
          name.toLowerCase(),
        );
        expect(githubNoreplyLogin(`${name}@users.noreply.github.com`)).toBe(name.toLowerCase());
      }),
    );
  });
});

describe('parseContact', () => {
  it.each<[string, Person | undefined]>([
    ['Ana Lima <ana@acme.example>', { name: 'Ana Lima', email: 'ana@acme.example' }],
    ['  Ana Lima   <  ana@acme.example >  ', { name: 'Ana Lima', email: 'ana@acme.example' }],
    ['<ana@acme.example>', { name: '', email: 'ana@acme.example' }],
    ['Zoë Ångström <zoe@acme.example>', { name: 'Zoë Ångström', email: 'zoe@acme.example' }],
    ['李雷 <li.lei@acme.example>', { name: '李雷', email: 'li.lei@acme.example' }],
    ['Ana Lima <>', undefined],
    ['Ana Lima <   >', undefined],
    ['Ana Lima', undefined],
    ['ana@acme.example', undefined],
    ['Ana Lima <ana@acme.example> and more', undefined],
    ['Ana Lima <ana@acme.example', undefined],
    ['', undefined],
  ])('reads %j as %j', (text, person) => {
    expect(parseContact(text)).toEqual(person);
  });

  it('reads a contact as the regular expression it replaces did, in linear time', () => {
    const OLD = /^\s*(.*?)\s*<([^<>]*)>\s*$/;
    const old = (text: string): Person | undefined => {
      const match = OLD.exec(text);
      const email = match?.[2]?.trim();
      return match && email ? { name: match[1] as string, email } : undefined;
    };
    const piece = fc.constantFrom(' ', '\t', '\n', '\u2028', '<', '>', 'a', 'b@c', '\ufeff');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
        (text) => {
          expect(parseContact(text)).toEqual(old(text));
        },
      ),
      { numRuns: 2000 },
    );
    const started = performance.now();
    for (const text of [' '.repeat(50_000), `a${' '.repeat(50_000)}b`, `${'<'.repeat(50_000)}>`])
      expect(parseContact(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reads back any name and e-mail written as Name <email>', () => {
    const name = fc.string().filter((s) => !/[<>\n\r\u2028\u2029]/.test(s) && s.trim() === s);
    const email = fc.emailAddress();
    fc.assert(
      fc.property(name, email, (n, e) => {
        expect(parseContact(`${n} <${e}>`)).toEqual({ name: n, email: e });
      }),
    );
  });
});
