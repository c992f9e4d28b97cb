import { describe, expect, it } from 'vitest';
import { githubTeamSlug, isPeribolosFile, readPeribolos } from './peribolos.js';

const TEAMS = `teams:
  sig-node-leads:
    description: Chairs and Technical Leads for SIG Node
    maintainers:
    - dchen1107
    members:
    - derekwaynecarr
    - Random-Liu
    privacy: closed
    teams:
      Node Reviewers:
        members:
        - random-liu
        - "249043822"
`;

describe('readPeribolos', () => {
  it('makes each team a Group named by its GitHub slug, nested teams its children', () => {
    const { entities, problems } = readPeribolos({
      shownAs: 'org/config/kubernetes/sig-node/teams.yaml',
      text: TEAMS,
    });
    expect(problems).toEqual([]);
    expect(entities.groups.map((g) => [g.name, g.title, g.parent, g.teamSlug])).toEqual([
      ['sig-node-leads', undefined, undefined, 'kubernetes/sig-node-leads'],
      ['node-reviewers', 'Node Reviewers', 'sig-node-leads', 'kubernetes/node-reviewers'],
    ]);
    expect(entities.groups[0]?.description).toBe('Chairs and Technical Leads for SIG Node');
    expect(entities.groups[0]?.members).toEqual([
      'login:dchen1107',
      'login:derekwaynecarr',
      'login:random-liu',
    ]);
    expect(entities.groups[0]?.source.line).toBe(2);
    expect(entities.groups[1]?.source.line).toBe(11);
  });

  it('keys people by login without case, once each, numbers read as logins', () => {
    const { entities } = readPeribolos({ shownAs: 'teams.yaml', text: TEAMS });
    expect(entities.users.map((u) => u.key)).toEqual([
      'login:dchen1107',
      'login:derekwaynecarr',
      'login:random-liu',
      'login:249043822',
    ]);
    expect(entities.users.find((u) => u.key === 'login:random-liu')?.source.line).toBe(8);
  });

  it('takes the organisation from orgs: and leaves it unknown outside config/ORG/', () => {
    const orgs = readPeribolos({
      shownAs: 'peribolos.yaml',
      text: 'orgs:\n  knative:\n    members: [a]\n    teams:\n      Docs: {members: [b]}\n',
    });
    expect(orgs.entities.groups.map((g) => g.teamSlug)).toEqual(['knative/docs']);
    expect(orgs.entities.users.map((u) => u.key)).toEqual(['login:b']);
    const bare = readPeribolos({ shownAs: 'teams.yaml', text: 'teams:\n  docs: {members: [b]}\n' });
    expect(bare.entities.groups[0]?.teamSlug).toBeUndefined();
  });

  it('reports bad logins, lists and YAML at their line, and never throws', () => {
    const { entities, problems } = readPeribolos({
      shownAs: 'teams.yaml',
      text: 'teams:\n  a:\n    members:\n    - ok\n    - not a login\n  b:\n    members: someone\n  c: [x]\n',
    });
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [5, 'peribolos/bad-login'],
      [7, 'peribolos/not-a-list'],
      [8, 'peribolos/not-a-map'],
    ]);
    expect(entities.groups.map((g) => g.name)).toEqual(['a', 'b']);
    const broken = readPeribolos({ shownAs: 'teams.yaml', text: 'teams:\n  a: [\n' });
    expect(broken.problems[0]).toMatchObject({ file: 'teams.yaml', code: 'peribolos/yaml' });
    const deep = readPeribolos({ shownAs: 'teams.yaml', text: `teams: ${'['.repeat(5000)}` });
    expect(deep.problems[0]?.code).toBe('peribolos/too-deep');
  });
});

describe('isPeribolosFile', () => {
  it('tells a team file from catalog entities', () => {
    expect(isPeribolosFile(TEAMS)).toBe(true);
    expect(isPeribolosFile('orgs:\n  a: {}\n')).toBe(true);
    expect(isPeribolosFile('apiVersion: backstage.io/v1alpha1\nkind: Group\nteams: x\n')).toBe(
      false,
    );
  });
});

describe('githubTeamSlug', () => {
  it('lower-cases and joins words with one dash, as GitHub does', () => {
    expect(githubTeamSlug('SIG Node Leads')).toBe('sig-node-leads');
    expect(githubTeamSlug('  a--b!!c ')).toBe('a-b-c');
    expect(githubTeamSlug('release_managers.v2')).toBe('release_managers.v2');
  });
});
