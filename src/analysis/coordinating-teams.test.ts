import { describe, expect, it } from 'vitest';
import { declaredUserKey, loadCatalog } from '../model/index.js';
import { coordinatingTeams } from './coordinating-teams.js';

const person = (login: string) => ({
  key: declaredUserKey({ login }),
  login,
  emails: [],
  source: { file: 'OWNERS_ALIASES', line: 1, column: 1 },
});
const team = (name: string, members: string[], parent?: string) => ({
  name,
  members: members.map((login) => declaredUserKey({ login })),
  format: 'owners' as const,
  source: { file: 'OWNERS_ALIASES', line: 1, column: 1 },
  ...(parent ? { parent } : {}),
});

const { catalog } = loadCatalog(
  [
    {
      path: 'catalog/org.yaml',
      text: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}\n',
    },
  ],
  {
    files: 1,
    problems: [],
    entities: [
      {
        groups: [
          team('sig-apps', [], undefined),
          team('apps-approvers', ['ana'], 'sig-apps'),
          team('apps-reviewers', ['ana', 'bo']),
        ],
        users: [person('ana'), person('bo')],
      },
    ],
  },
);

describe('coordinatingTeams', () => {
  it('keeps catalog Groups and the file-made groups that own something, with their parents', () => {
    const isTeam = coordinatingTeams(catalog, ['group:default/apps-approvers', null]);
    expect(
      catalog.groups
        .map((g) => g.ref)
        .filter(isTeam)
        .sort(),
    ).toEqual(['group:default/apps-approvers', 'group:default/sig-apps', 'group:default/web']);
  });

  it('keeps every group when no file-made group owns anything', () => {
    const isTeam = coordinatingTeams(catalog, ['group:default/web']);
    expect(catalog.groups.every((g) => isTeam(g.ref))).toBe(true);
  });
});
