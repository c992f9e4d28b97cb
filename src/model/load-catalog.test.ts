import { describe, expect, it } from 'vitest';
import type { Component, Group, User } from './entities.js';
import { loadCatalog } from './load-catalog.js';
import type { Problem } from './problem.js';

const doc = (kind: string, name: string, spec: string, extra = '') =>
  `apiVersion: backstage.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}
${extra}spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

const group = (name: string, spec = 'type: team\nchildren: []', extra = '') =>
  doc('Group', name, spec, extra);
const user = (name: string, memberOf = '[web]', extra = '') =>
  doc('User', name, `memberOf: ${memberOf}\nprofile:\n  email: ${name}@acme.example`, extra);
const component = (
  name: string,
  spec = 'type: service\nlifecycle: production\nowner: web',
  extra = '',
) => doc('Component', name, spec, extra);

const load = (...docs: string[]) =>
  loadCatalog([{ path: 'catalog.yaml', text: docs.join('---\n') }]);
const codes = (problems: Problem[], severity: Problem['severity'] = 'error') =>
  problems.filter((p) => p.severity === severity).map((p) => p.code);
const errorsOf = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');

describe('loadCatalog: the kinds', () => {
  it('reads every Backstage kind and orgwire kind with their fields', () => {
    const { catalog, problems } = load(
      group('eng', 'type: department\nchildren: [web]'),
      group(
        'web',
        `type: team
parent: eng
children: []
interactions:
  - with: eng
    mode: collaboration
    purpose: planning
    since: '2026-01-01'`,
        `  annotations:
    orgwire.dev/team-type: stream-aligned
    orgwire.dev/request-sla: 2w
    github.com/team-slug: Acme/Web
`,
      ),
      user(
        'ana',
        '[web]',
        '  annotations:\n    orgwire.dev/emails: Ana@Home.example, ana@old.example\n    github.com/user-login: AnaS\n',
      ),
      component(
        'cart',
        `type: service
lifecycle: production
owner: web
system: shop
providesApis: [cart-api]
consumesApis: [cart-api]
dependsOn: [component:checkout, resource:db]`,
        `  annotations:
    orgwire.dev/paths: 'services/cart, shop:libs/cart/**'
    orgwire.dev/availability: '99.95'
    orgwire.dev/async-dependencies: checkout
`,
      ),
      component('checkout'),
      doc(
        'API',
        'cart-api',
        'type: openapi\nlifecycle: production\nowner: web\ndefinition: "openapi: 3.0.0"',
      ),
      doc('System', 'shop', 'owner: web\ndomain: retail'),
      doc('Domain', 'retail', 'owner: eng'),
      doc('Resource', 'db', 'type: database\nowner: group:web'),
      `apiVersion: orgwire.dev/v1alpha1
kind: Goal
metadata:
  name: conversion
spec:
  metric: {name: conversion, unit: '%', baseline: 2.1, target: 2.6, by: '2027-03-31'}
  accountable: ana
  owner: web
---
apiVersion: orgwire.dev/v1alpha1
kind: Bet
metadata:
  name: one-click
spec:
  hypothesis: One-click checkout lifts conversion.
  goal: conversion
  accountable: ana
  responsible: [web]
  needs: [cart, api:cart-api, system:shop]
  shot: {metric: conversion, from: 2.1, to: 2.3, by: '2027-01-31', kill: no lift after 6 weeks}
  decideBy: '2027-02-15'
  status: active
---
apiVersion: orgwire.dev/v1alpha1
kind: Learning
metadata:
  name: one-click-retro
spec:
  bet: one-click
  situation: s
  complication: c
  resolution: r
  lessons: [l]
  date: '2027-02-20'
  authors: [ana]
`,
    );
    expect(errorsOf(problems)).toEqual([]);
    expect(catalog.entities).toHaveLength(12);
    const web = catalog.byRef.get('group:default/web') as Group;
    expect(web).toMatchObject({
      parent: 'group:default/eng',
      teamType: 'stream-aligned',
      requestSlaDays: 14,
      teamSlug: 'acme/web',
      members: ['user:default/ana'],
      interactions: [
        {
          with: 'group:default/eng',
          mode: 'collaboration',
          purpose: 'planning',
          since: '2026-01-01',
        },
      ],
    });
    const ana = catalog.byRef.get('user:default/ana') as User;
    expect(ana.emails).toEqual(['ana@acme.example', 'ana@home.example', 'ana@old.example']);
    expect(ana.githubLogin).toBe('anas');
    const cart = catalog.byRef.get('component:default/cart') as Component;
    expect(cart).toMatchObject({
      owner: 'group:default/web',
      system: 'system:default/shop',
      providesApis: ['api:default/cart-api'],
      dependsOn: ['component:default/checkout', 'resource:default/db'],
      asyncDependencies: ['component:default/checkout'],
      availability: 99.95,
      paths: [{ glob: 'services/cart' }, { repo: 'shop', glob: 'libs/cart/**' }],
    });
    expect(catalog.bets[0]?.spec.needs).toEqual([
      'component:default/cart',
      'api:default/cart-api',
      'system:default/shop',
    ]);
    expect(catalog.goals[0]?.spec.accountable).toBe('user:default/ana');
    expect(catalog.learnings[0]?.spec.bet).toBe('bet:default/one-click');
  });

  it('reads several documents per file and several files, and skips empty documents', () => {
    const { catalog, problems } = loadCatalog([
      { path: 'a.yaml', text: `---\n${group('web')}---\n` },
      { path: 'b/c.yml', text: user('ana') },
    ]);
    expect(errorsOf(problems)).toEqual([]);
    expect(catalog.entities.map((e) => e.ref)).toEqual(['group:default/web', 'user:default/ana']);
  });
});

describe('loadCatalog: references', () => {
  const team = (name: string, ns?: string) =>
    group(name, 'type: team\nchildren: []', ns ? `  namespace: ${ns}\n` : '');
  it.each([
    ['web', 'group:default/web'],
    ['default/web', 'group:default/web'],
    ['group:web', 'group:default/web'],
    ['group:default/web', 'group:default/web'],
    ['Group:Default/WEB', 'group:default/web'],
    ['ops/infra', 'group:ops/infra'],
    ['group:ops/infra', 'group:ops/infra'],
    ['user:ana', 'user:default/ana'],
  ])('resolves owner "%s" to %s', (written, expected) => {
    const { catalog, problems } = load(
      team('web'),
      team('infra', 'ops'),
      user('ana'),
      component('c', `type: service\nlifecycle: production\nowner: ${written}`),
    );
    expect(errorsOf(problems)).toEqual([]);
    expect((catalog.byRef.get('component:default/c') as Component).owner).toBe(expected);
  });

  it('resolves a short reference in the namespace of the entity that makes it', () => {
    const { catalog, problems } = load(
      team('web', 'ops'),
      component('c', 'type: service\nlifecycle: production\nowner: web', '  namespace: ops\n'),
    );
    expect(errorsOf(problems)).toEqual([]);
    expect((catalog.byRef.get('component:ops/c') as Component).owner).toBe('group:ops/web');
  });

  it('requires a kind in dependsOn, which implies none', () => {
    const { problems } = load(
      team('web'),
      component('c', 'type: service\nlifecycle: production\nowner: web\ndependsOn: [db]'),
    );
    expect(codes(problems)).toEqual(['ref/invalid']);
    expect(errorsOf(problems)[0]).toMatchObject({
      line: 17,
      message: expect.stringContaining('names no kind'),
    });
    expect(errorsOf(problems)[0]?.hint).toContain('component:db');
  });

  it('refuses a reference to a kind the field does not take', () => {
    const { problems } = load(team('web'), user('ana', '[component:web]'));
    expect(codes(problems)).toEqual(['ref/invalid']);
    expect(errorsOf(problems)[0]?.message).toContain('takes Group');
  });

  it.each([['group:'], [':web'], ['default/'], ['a b']])(
    'refuses the malformed reference "%s"',
    (written) => {
      const { problems } = load(
        team('web'),
        component('c', `type: service\nlifecycle: production\nowner: '${written}'`),
      );
      expect(codes(problems)).toContain('ref/invalid');
    },
  );
});

describe('loadCatalog: integrity', () => {
  it('reports an unknown reference with its position and a suggestion', () => {
    const { problems } = load(
      group('payments'),
      component('c', 'type: service\nlifecycle: production\nowner: paymnts'),
    );
    expect(codes(problems)).toEqual(['ref/unknown']);
    expect(errorsOf(problems)[0]).toMatchObject({
      file: 'catalog.yaml',
      line: 16,
      column: 10,
      entity: 'component:default/c',
    });
    expect(errorsOf(problems)[0]?.hint).toContain('Did you mean payments?');
  });

  it('reports a duplicate entity, compared case-insensitively, at the second definition', () => {
    const { catalog, problems } = load(group('web'), group('Web'));
    expect(codes(problems)).toEqual(['entity/duplicate']);
    expect(errorsOf(problems)[0]?.line).toBe(9);
    expect(errorsOf(problems)[0]?.message).toContain('catalog.yaml:1');
    expect(catalog.groups).toHaveLength(1);
  });

  it('reports a cycle in group parents once, naming every member', () => {
    const { problems } = load(
      group('a', 'type: team\nparent: c\nchildren: []'),
      group('b', 'type: team\nparent: a\nchildren: []'),
      group('c', 'type: team\nparent: b\nchildren: []'),
      group('d', 'type: team\nparent: a\nchildren: []'),
    );
    expect(codes(problems)).toEqual(['group/cycle']);
    expect(errorsOf(problems)[0]?.message).toMatch(/a → b → c → a/);
  });

  it('reports a group whose parent and another group\u2019s children disagree', () => {
    const { problems } = load(
      group('eng', 'type: department\nchildren: []'),
      group('ops', 'type: department\nchildren: [web]'),
      group('web', 'type: team\nparent: eng\nchildren: []'),
      user('ana'),
    );
    expect(codes(problems)).toEqual(['group/parent-conflict']);
    expect(errorsOf(problems)[0]?.entity).toBe('group:default/web');
  });

  it('merges a one-sided parent/children declaration, as Backstage does', () => {
    const { catalog, problems } = load(
      group('eng', 'type: department\nchildren: [web]'),
      group('web', 'type: team\nchildren: []'),
      group('ops', 'type: team\nparent: eng\nchildren: []'),
      user('ana', '[web, ops]'),
    );
    expect(errorsOf(problems)).toEqual([]);
    const eng = catalog.byRef.get('group:default/eng') as Group;
    expect(eng.children.sort()).toEqual(['group:default/ops', 'group:default/web']);
    expect((catalog.byRef.get('group:default/web') as Group).parent).toBe('group:default/eng');
  });

  it.each([
    ['Component', 'type: service\nlifecycle: production'],
    ['API', 'type: openapi\nlifecycle: production\ndefinition: x'],
    ['System', 'domain: retail'],
  ])('reports a %s with no owner', (kind, spec) => {
    const { problems } = load(
      doc(kind, 'thing', spec),
      doc('Domain', 'retail', 'owner: web'),
      group('web'),
      user('ana'),
    );
    expect(codes(problems)).toEqual(['owner/missing']);
    expect(errorsOf(problems)[0]?.message).toBe(`${kind} thing has no owner`);
  });

  it('warns about a user in no group and a group with no members, merging both sides of membership', () => {
    const { catalog, problems } = load(
      group('web', 'type: team\nchildren: []\nmembers: [ana]'),
      group('empty'),
      user('ana', '[]'),
      user('bo', '[]'),
    );
    expect(errorsOf(problems)).toEqual([]);
    expect(codes(problems, 'warning').sort()).toEqual(['group/no-members', 'user/no-group']);
    expect(problems.find((p) => p.code === 'user/no-group')?.entity).toBe('user:default/bo');
    expect((catalog.byRef.get('user:default/ana') as User).memberOf).toEqual(['group:default/web']);
  });
  it('warns when two users claim the same e-mail or GitHub login', () => {
    const { problems } = load(
      group('web'),
      user('ana', '[web]', '  annotations:\n    github.com/user-login: anna\n'),
      user(
        'bo',
        '[web]',
        '  annotations:\n    orgwire.dev/emails: ANA@acme.example\n    github.com/user-login: Anna\n',
      ),
    );
    expect(errorsOf(problems)).toEqual([]);
    const shared = problems.filter((p) => p.code === 'user/shared-identity');
    expect(shared.map((p) => [p.entity, p.message.split(' also')[0]])).toEqual([
      ['user:default/bo', 'ana@acme.example'],
      ['user:default/bo', 'github login anna'],
    ]);
  });
});

describe('loadCatalog: what Backstage accepts', () => {
  it('accepts an API definition given as a $text/$json/$yaml placeholder, and an MCP server API without one', () => {
    const api = (name: string, spec: string) =>
      doc('API', name, `lifecycle: production\nowner: web\n${spec}`);
    const { catalog, problems } = load(
      group('web'),
      user('ana'),
      api('a', 'type: openapi\ndefinition:\n  $text: ./openapi.yaml'),
      api('b', 'type: openapi\ndefinition:\n  $json: https://example.com/api.json'),
      api('c', 'type: mcp-server\nremotes: [{type: sse, url: https://example.com/mcp}]'),
      api('d', 'type: openapi'),
    );
    expect(catalog.apis.map((a) => a.name)).toEqual(['a', 'b', 'c']);
    expect(errorsOf(problems).map((p) => p.message)).toEqual(['spec.definition is required']);
  });

  it('accepts tags with a colon, as the catalog\u2019s default validator does', () => {
    const { problems } = load(
      group('web', 'type: team\nchildren: []', '  tags: [lang:go, c++, team-a]\n'),
      user('ana'),
    );
    expect(errorsOf(problems)).toEqual([]);
  });

  it('skips YAML documents that are no entity (an OpenAPI file beside the catalog) with a note', () => {
    const { catalog, problems } = loadCatalog([
      {
        path: 'openapi.yaml',
        text: 'openapi: 3.0.0\ninfo: {title: Pets, version: 1.0.0}\npaths: {}\n',
      },
      { path: 'org.yaml', text: `${group('web')}---\n${user('ana')}` },
    ]);
    expect(errorsOf(problems)).toEqual([]);
    expect(problems.filter((p) => p.file === 'openapi.yaml').map((p) => p.code)).toEqual([
      'entity/skipped',
    ]);
    expect(catalog.entities).toHaveLength(2);
  });

  it('still checks the second definition of a duplicate entity', () => {
    const { problems } = load(
      group('web'),
      user('ana'),
      component('cart'),
      component('cart', 'type: service\nowner: nobody'),
    );
    expect(codes(problems).sort()).toEqual(['entity/duplicate', 'entity/shape', 'ref/unknown']);
  });
});

describe('loadCatalog: bad input', () => {
  it('reports a YAML syntax error with its position and still reads the other documents', () => {
    const { catalog, problems } = loadCatalog([
      { path: 'bad.yaml', text: `${group('web')}---\nkind: Group\nmetadata:\n  name: [oops\n` },
      { path: 'good.yaml', text: user('ana') },
    ]);
    expect(codes(problems)).toEqual(['yaml/syntax']);
    expect(errorsOf(problems)[0]).toMatchObject({ file: 'bad.yaml', line: 12 });
    expect(catalog.entities.map((e) => e.name)).toEqual(['web', 'ana']);
  });

  it('reports every problem of a document at once', () => {
    const { problems } = load(
      group('web'),
      doc(
        'Component',
        'Bad Name!',
        'type: service\ndependsOn: [db]',
        `  annotations:
    orgwire.dev/availability: 99.9
    orgwire.dev/paths: ''
`,
      ),
    );
    expect(codes(problems).sort()).toEqual(
      [
        'annotation/invalid',
        'entity/name',
        'entity/shape',
        'entity/shape',
        'owner/missing',
        'ref/invalid',
      ].sort(),
    );
    expect(problems.find((p) => p.message.includes('availability'))?.hint).toBe(
      "Quote the value: '99.9'.",
    );
  });

  it.each([
    ['orgwire.dev/team-type: streamaligned', 'is not a team type'],
    ['orgwire.dev/request-sla: soon', 'is not a duration'],
  ])('reports an invalid group annotation (%s)', (annotation, message) => {
    const { problems } = load(
      group('web', 'type: team\nchildren: []', `  annotations:\n    ${annotation}\n`),
      user('ana'),
    );
    expect(codes(problems)).toEqual(['annotation/invalid']);
    expect(errorsOf(problems)[0]?.message).toContain(message);
    expect(errorsOf(problems)[0]?.line).toBe(6);
  });

  it.each([
    ["orgwire.dev/availability: '101'", 'is not an availability'],
    ["orgwire.dev/paths: ' , '", 'path list is empty'],
    ["orgwire.dev/async-dependencies: 'mailer'", 'is not one of this entity'],
  ])('reports an invalid annotation (%s)', (annotation, message) => {
    const { problems } = load(
      group('web'),
      user('ana'),
      component('c', undefined, `  annotations:\n    ${annotation}\n`),
    );
    expect(
      problems
        .filter((p) => p.severity === 'error')
        .map((p) => p.message)
        .join(),
    ).toContain(message);
  });

  it('reports an invalid e-mail in a user\u2019s orgwire.dev/emails', () => {
    const { problems } = load(
      group('web'),
      user(
        'ana',
        '[web]',
        "  annotations:\n    orgwire.dev/emails: 'ana@x.example, not-an-email'\n",
      ),
    );
    expect(codes(problems)).toEqual(['annotation/invalid']);
    expect(errorsOf(problems)[0]?.message).toContain('"not-an-email" is not an e-mail address');
  });

  it('skips kinds orgwire does not read with a note, and reports a misspelt kind', () => {
    const { catalog, problems } = load(
      group('web'),
      user('ana'),
      'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: svc\nspec:\n  type: service\n',
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: root\nspec:\n  targets: [./a.yaml]\n',
      'apiVersion: acme.io/v1\nkind: Component\nmetadata:\n  name: custom\nspec: {}\n',
      'apiVersion: backstage.io/v1alpha1\nkind: component\nmetadata:\n  name: lower\nspec: {}\n',
    );
    expect(codes(problems, 'note')).toEqual(['entity/skipped', 'entity/skipped', 'entity/skipped']);
    expect(codes(problems)).toEqual(['entity/kind']);
    expect(catalog.entities).toHaveLength(2);
  });

  it('refuses a document that is not a mapping, and a missing apiVersion', () => {
    const { problems } = loadCatalog([
      {
        path: 'x.yaml',
        text: '- just\n- a list\n---\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}\n',
      },
    ]);
    expect(codes(problems)).toEqual(['entity/shape', 'entity/shape']);
    expect(problems[1]).toMatchObject({ line: 4, message: 'apiVersion is required' });
  });
});
