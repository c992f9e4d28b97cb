import { describe, expect, it } from 'vitest';
import type { DeclaredEntities, DeclaredGroup, DeclaredUser } from './declared-entities.js';
import { declaredUserKey } from './declared-entities.js';
import { loadCatalog } from './load-catalog.js';

const at = (line: number) => ({ file: 'teams.yaml', line, column: 1 });
const person = (login: string, line = 1): DeclaredUser => ({
  key: declaredUserKey({ login }),
  login,
  emails: [],
  source: at(line),
});
const team = (name: string, members: string[], extra: Partial<DeclaredGroup> = {}) => ({
  name,
  members: members.map((login) => declaredUserKey({ login })),
  format: 'peribolos' as const,
  source: at(1),
  ...extra,
});
const declared = (...entities: DeclaredEntities[]) => ({
  files: entities.length,
  entities,
  problems: [],
});

const CATALOG = {
  path: 'catalog/org.yaml',
  text: `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
  annotations:
    github.com/user-login: Ana-L
spec:
  profile: {email: ana@example.org}
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: payments}
spec: {type: team, children: []}
`,
};

describe('loadCatalog with teams from team files', () => {
  it('adds teams as Groups and people as Users named by login, members both ways', () => {
    const { catalog, problems } = loadCatalog(
      [],
      declared({
        groups: [team('docs', ['Bo', 'cy']), team('docs-leads', ['bo'], { parent: 'docs' })],
        users: [person('Bo'), person('cy')],
      }),
    );
    expect(problems).toEqual([]);
    expect(catalog.groups.map((g) => [g.ref, g.members, g.parent ?? null])).toEqual([
      ['group:default/docs', ['user:default/bo', 'user:default/cy'], null],
      ['group:default/docs-leads', ['user:default/bo'], 'group:default/docs'],
    ]);
    expect(catalog.users.find((u) => u.name === 'bo')).toMatchObject({
      githubLogin: 'bo',
      memberOf: ['group:default/docs', 'group:default/docs-leads'],
    });
  });

  it('keeps a person the catalog has (same login) as that User, with the new teams', () => {
    const { catalog } = loadCatalog(
      [CATALOG],
      declared({ groups: [team('docs', ['ana-l'])], users: [person('ana-l')] }),
    );
    expect(catalog.users.map((u) => u.ref)).toEqual(['user:default/ana']);
    expect(catalog.users[0]?.memberOf).toEqual(['group:default/payments', 'group:default/docs']);
  });

  it("lets the catalog's own Group of the same name win, with a note", () => {
    const { catalog, problems } = loadCatalog(
      [CATALOG],
      declared({ groups: [team('payments', ['zed'])], users: [person('zed')] }),
    );
    expect(catalog.groups.find((g) => g.name === 'payments')?.members).toEqual([
      'user:default/ana',
    ]);
    expect(problems.map((p) => [p.severity, p.code, p.file])).toContainEqual([
      'note',
      'declared/catalog-wins',
      'teams.yaml',
    ]);
  });

  it('joins one team declared by two files, and tells two organisations apart', () => {
    const { catalog } = loadCatalog(
      [],
      declared(
        { groups: [team('ops', ['a'], { teamSlug: 'k8s/ops' })], users: [person('a')] },
        { groups: [team('ops', ['b'], { teamSlug: 'k8s/ops' })], users: [person('b')] },
        { groups: [team('ops', ['c'], { teamSlug: 'etcd/ops' })], users: [person('c')] },
      ),
    );
    expect(catalog.groups.map((g) => [g.name, g.members.length])).toEqual([
      ['ops', 2],
      ['etcd-ops', 1],
    ]);
  });
});

describe('loadCatalog with teams of nobody', () => {
  it('leaves out a declared team with no members and no child team, without a warning', () => {
    const { catalog, problems } = loadCatalog(
      [],
      declared({
        groups: [
          team('empty-alias', []),
          team('parent-only', []),
          team('child', ['bo'], { parent: 'parent-only' }),
        ],
        users: [person('bo')],
      }),
    );
    expect(catalog.groups.map((g) => g.name).sort()).toEqual(['child', 'parent-only']);
    expect(problems.filter((p) => p.code === 'group/no-members')).toEqual([]);
  });
});
