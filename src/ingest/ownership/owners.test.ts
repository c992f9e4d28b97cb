import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidEntityName } from '../../model/index.js';
import { compileGoRegex, readOwners } from './owners.js';
import type { OwnershipFile, OwnershipReading } from './ownership-reading.js';

const file = (path: string, text: string): OwnershipFile => ({
  path,
  shownAs: `capi/${path}`,
  text,
});

// Shapes copied from kubernetes-sigs/cluster-api and kubernetes/kubernetes, names changed.
const ALIASES = `# See the OWNERS docs at https://go.k8s.io/owners#owners_aliases

aliases:
  # -----------------------------------------------------------
  # OWNERS_ALIASES for Cluster API
  # -----------------------------------------------------------
  cluster-api-admins:
  - Ana-Lima
  - zoe
  cluster-api-maintainers:
  - ana-lima
  - bruno
  - carla
  cluster-api-docs-reviewers:
  - dora
`;

const ROOT = `# See the OWNERS docs at https://go.k8s.io/owners for information on OWNERS files.
# See the OWNERS_ALIASES file at https://github.com/kubernetes-sigs/cluster-api/blob/main/OWNERS_ALIASES for a list of members for each alias.

approvers:
  - cluster-api-admins
  - cluster-api-maintainers

reviewers:
  - cluster-api-maintainers
  - Edu

emeritus_approvers:
  - old-timer

labels:
  - sig/cluster-lifecycle
`;

const DOCS = `filters:
  ".*":
    approvers:
      - cluster-api-maintainers
  "\\\\.md$":
    approvers:
      - dora
    labels:
      - area/documentation
`;

const API = `# Disable inheritance as this is an api owners file
options:
  no_parent_owners: true
filters:
  ".*":
    approvers:
    - fabio
    - gil
    labels:
    - wg/api-expression
  # examples:
  #   api/types.go
  #   api/v1beta1/register.go
  "([^/]+/)?(register|types)\\\\.go$":
    labels:
    - kind/api-change
`;

const CONTROLLERS = `reviewers:
- hana
`;

const PROVIDER = `approvers:
- ivo
- Gil
- fabio
labels:
- sig/cloud-provider
`;

const repoFiles = [
  file('OWNERS_ALIASES', ALIASES),
  file('OWNERS', ROOT),
  file('docs/OWNERS', DOCS),
  file('api/OWNERS', API),
  file('internal/controllers/OWNERS', CONTROLLERS),
  file('api/provider/OWNERS', PROVIDER),
];

const names = (reading: OwnershipReading, path: string) => {
  const d = reading.decide(path);
  return d && [d.component, d.owners.map(nameOf), d.coOwners.map(nameOf)];
};
const nameOf = (o: { kind: string; name?: string; owner?: string }) => o.name ?? o.owner;

describe('readOwners on a repository laid out like cluster-api', () => {
  const reading = readOwners(repoFiles, 'capi');

  it('reads the files without problem and lists them', () => {
    expect(reading.problems).toEqual([]);
    expect(reading.format).toBe('owners');
    expect(reading.files).toEqual([
      'OWNERS',
      'OWNERS_ALIASES',
      'api/OWNERS',
      'api/provider/OWNERS',
      'docs/OWNERS',
      'internal/controllers/OWNERS',
    ]);
  });

  it.each([
    // path, component, owners, co-owners
    ['main.go', '', ['sig-cluster-lifecycle', 'cluster-api-admins', 'capi-approvers'], []],
    ['Makefile', '', ['sig-cluster-lifecycle', 'cluster-api-admins', 'capi-approvers'], []],
    // a folder with only reviewers is a component; its owners come from the folder above
    [
      'internal/controllers/machine.go',
      'internal/controllers',
      ['sig-cluster-lifecycle', 'cluster-api-admins', 'capi-approvers'],
      [],
    ],
    // .* decides: the component is the folder; parents' labels are inherited
    [
      'docs/book/intro.go',
      'docs',
      ['sig-cluster-lifecycle', 'cluster-api-maintainers'],
      ['cluster-api-admins'],
    ],
    // the first matching filter other than .* names the component; .* approvers follow it
    [
      'docs/book/intro.md',
      'docs [\\.md$]',
      ['sig-cluster-lifecycle', 'capi-docs-md-approvers', 'cluster-api-maintainers'],
      ['cluster-api-admins'],
    ],
    // no_parent_owners: nothing inherited, no co-owners; a filter with labels only decides
    [
      'api/v1beta1/types.go',
      'api [([^/]+/)?(register|types)\\.go$]',
      ['wg-api-expression', 'capi-api-approvers'],
      [],
    ],
    ['api/v1beta1/conversion.go', 'api', ['wg-api-expression', 'capi-api-approvers'], []],
    // below a no_parent_owners folder: inherits from it and stops there
    [
      'api/provider/aws.go',
      'api/provider',
      ['sig-cloud-provider', 'wg-api-expression', 'capi-api-provider-approvers'],
      ['capi-api-approvers'],
    ],
    // a parent's filter labels count for the paths they match below it
    [
      'api/provider/types.go',
      'api/provider',
      ['sig-cloud-provider', 'wg-api-expression', 'capi-api-provider-approvers'],
      ['capi-api-approvers'],
    ],
  ])('decides %s', (path, component, owners, coOwners) => {
    expect(names(reading, path)).toEqual([component, owners, coOwners]);
  });

  it('declares aliases (lower-cased) and approver groups, never label groups', () => {
    const groups = Object.fromEntries(reading.entities.groups.map((g) => [g.name, g.members]));
    expect(groups).toEqual({
      'cluster-api-maintainers': ['login:ana-lima', 'login:bruno', 'login:carla'],
      'cluster-api-docs-reviewers': ['login:dora'],
      'cluster-api-admins': ['login:ana-lima', 'login:zoe'],
      'capi-approvers': ['login:ana-lima', 'login:zoe', 'login:bruno', 'login:carla'],
      'capi-api-approvers': ['login:fabio', 'login:gil'],
      'capi-docs-md-approvers': ['login:dora'],
      'capi-api-provider-approvers': ['login:ivo', 'login:gil', 'login:fabio'],
    });
    for (const g of reading.entities.groups) {
      expect(isValidEntityName(g.name)).toBe(true);
      expect(g.format).toBe('owners');
    }
    expect(reading.entities.groups.find((g) => g.name === 'cluster-api-admins')?.source).toEqual({
      file: 'capi/OWNERS_ALIASES',
      line: 7,
      column: 1,
    });
  });

  it('keys every approver, reviewer and alias member by lower-cased login, once', () => {
    expect(reading.entities.users.map((u) => u.key).sort()).toEqual(
      ['ana-lima', 'bruno', 'carla', 'dora', 'edu', 'fabio', 'gil', 'hana', 'ivo', 'zoe'].map(
        (l) => `login:${l}`,
      ),
    );
    expect(reading.entities.users.find((u) => u.key === 'login:edu')).toMatchObject({
      login: 'edu',
      source: { file: 'capi/OWNERS', line: 10 },
    });
    // emeritus approvers are nobody's
    expect(reading.entities.users.some((u) => u.login === 'old-timer')).toBe(false);
  });

  it('names the deciding rule with its folder, filter, approvers as written and line', () => {
    expect(reading.decide('main.go')?.rule).toEqual({
      source: 'owners',
      folder: '',
      owners: ['cluster-api-admins', 'cluster-api-maintainers'],
      file: 'capi/OWNERS',
      line: 4,
    });
    expect(reading.decide('docs/a.md')?.rule).toEqual({
      source: 'owners',
      folder: 'docs',
      filter: '\\.md$',
      owners: ['dora', 'cluster-api-maintainers'],
      file: 'capi/docs/OWNERS',
      line: 5,
    });
    expect(reading.decide('api/x.go')?.rule).toMatchObject({ filter: '.*', line: 5 });
  });

  it('writes one rule per OWNERS file, and one per filter', () => {
    expect(reading.rules.map((r) => [r.file, r.line, r.pattern])).toEqual([
      ['capi/OWNERS', 4, ''],
      ['capi/api/OWNERS', 5, 'api'],
      ['capi/api/OWNERS', 14, 'api [([^/]+/)?(register|types)\\.go$]'],
      ['capi/api/provider/OWNERS', 1, 'api/provider'],
      ['capi/docs/OWNERS', 2, 'docs'],
      ['capi/docs/OWNERS', 5, 'docs [\\.md$]'],
      ['capi/internal/controllers/OWNERS', 1, 'internal/controllers'],
    ]);
  });
});

describe('readOwners, the odd cases', () => {
  it('leaves a path without decision when no OWNERS covers it', () => {
    const reading = readOwners([file('pkg/OWNERS', 'approvers: [a]\n')], 'r');
    expect(reading.decide('main.go')).toBeUndefined();
    expect(reading.decide('pkgs/x.go')).toBeUndefined();
    expect(reading.decide('pkg/x.go')?.component).toBe('pkg');
    expect(readOwners([], 'r').decide('a')).toBeUndefined();
  });

  it('lets two folders with the same approvers share one group, named after the first', () => {
    const reading = readOwners(
      [
        file('b/OWNERS', 'approvers: [Zed, amy]\n'),
        file('a/OWNERS', 'approvers: [amy, zed]\n'),
        file('c/OWNERS', 'approvers: [amy]\n'),
      ],
      'r',
    );
    expect(reading.entities.groups.map((g) => g.name)).toEqual(['r-a-approvers', 'r-c-approvers']);
    expect(names(reading, 'b/x')?.[1]).toEqual(['r-a-approvers']);
  });

  it('uses an alias as the approvers group when the approvers are just that alias', () => {
    const reading = readOwners(
      [
        file('OWNERS_ALIASES', 'aliases:\n  Node-Approvers: [a, b]\n'),
        file('OWNERS', 'approvers: [node-approvers]\n'),
      ],
      'r',
    );
    expect(reading.entities.groups.map((g) => g.name)).toEqual(['node-approvers']);
    expect(names(reading, 'x')).toEqual(['', ['node-approvers'], []]);
  });

  it('keeps invented names valid and apart when they must be cut', () => {
    const long = 'a'.repeat(70);
    const reading = readOwners(
      [
        file(`${long}/x/OWNERS`, 'approvers: [a]\n'),
        file(`${long}/y/OWNERS`, 'approvers: [b]\n'),
        file('a_b/OWNERS', 'approvers: [c]\n'),
        file('a-b/OWNERS', 'approvers: [d]\n'),
        file('Ü/OWNERS', 'approvers: [e]\n'),
      ],
      'My Repo',
    );
    const groupNames = reading.entities.groups.map((g) => g.name);
    expect(new Set(groupNames).size).toBe(5);
    for (const name of groupNames) expect(isValidEntityName(name)).toBe(true);
    expect(groupNames).toContain('my-repo-a-b-approvers');
    expect(groupNames).toContain('my-repo-a-b-approvers-2');
    expect(groupNames).toContain('my-repo-approvers');
  });

  it('matches a filter against the path below its folder, as Prow does', () => {
    const reading = readOwners(
      [
        file('OWNERS', 'approvers: [root]\n'),
        file(
          'docs/OWNERS',
          'filters:\n  "^[^/]+\\\\.md$":\n    approvers: [writer]\n  "^docs/":\n    approvers: [never]\n',
        ),
      ],
      'r',
    );
    expect(reading.decide('docs/a.md')?.component).toBe('docs [^[^/]+\\.md$]');
    // deeper .md files and other files are not matched: docs/ stops nothing for them
    expect(reading.decide('docs/sub/a.md')?.component).toBe('');
    expect(reading.decide('docs/a.go')?.component).toBe('');
  });

  it('takes the root folder filters as [regex] and matches them against the whole path', () => {
    const reading = readOwners(
      [
        file(
          'OWNERS',
          'filters:\n  ".*":\n    approvers: [a]\n  "^go\\\\.mod$":\n    approvers: [b]\n',
        ),
      ],
      'r',
    );
    expect(reading.decide('go.mod')?.component).toBe('[^go\\.mod$]');
    expect(reading.decide('x/go.mod')?.component).toBe('');
  });

  it('reads the top level and ignores filters when a file has both, as Prow does', () => {
    const reading = readOwners(
      [file('OWNERS', 'labels:\n- sig/a\nfilters:\n  "\\\\.go$":\n    approvers: [b]\n')],
      'r',
    );
    expect(reading.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [3, 'owners/filters-ignored', 'warning'],
    ]);
    expect(names(reading, 'x.go')).toEqual(['', ['sig-a'], []]);
  });

  it('reads filters when the top level names nobody, even with options set', () => {
    const reading = readOwners(
      [
        file('OWNERS', 'approvers: [root]\n'),
        file(
          'a/OWNERS',
          'options:\n  no_parent_owners: yes\napprovers: []\nfilters:\n  ".*":\n    approvers: [x]\n',
        ),
      ],
      'r',
    );
    expect(reading.problems).toEqual([]);
    expect(names(reading, 'a/f')).toEqual(['a', ['r-a-approvers'], []]);
  });

  it('stops the walk at labels alone, and takes the approvers from above', () => {
    const reading = readOwners(
      [file('OWNERS', 'approvers: [root]\n'), file('a/OWNERS', 'labels: [sig/storage, area/x]\n')],
      'r',
    );
    expect(names(reading, 'a/f')).toEqual(['a', ['sig-storage', 'r-approvers'], []]);
    expect(reading.decide('a/f')?.rule).toMatchObject({ folder: 'a', owners: [], line: 1 });
  });

  it('makes a folder whose approvers are an empty alias a component owned from above, as Prow asks', () => {
    const reading = readOwners(
      [
        file('OWNERS_ALIASES', 'aliases:\n  nobody:\n  team: {x, y}\n'),
        file('OWNERS', 'approvers: [team]\n'),
        file('a/OWNERS', 'approvers: [nobody]\n'),
      ],
      'r',
    );
    // The empty alias comes first: the catalog may know it as a team (a GitHub team file).
    expect(names(reading, 'a/f')).toEqual(['a', ['nobody', 'team'], []]);
    expect(reading.entities.groups.map((g) => [g.name, g.members])).toEqual([
      ['nobody', []],
      ['team', ['login:x', 'login:y']],
    ]);
  });

  it('lists parents as co-owners by alias, else group, nearest first, up to no_parent_owners', () => {
    const reading = readOwners(
      [
        file('OWNERS_ALIASES', 'aliases:\n  mid-team: [m]\n'),
        file('OWNERS', 'approvers: [r]\nlabels: [sig/top]\n'),
        file('a/OWNERS', 'approvers: [mid-team, q]\noptions: {no_parent_owners: true}\n'),
        file('a/b/OWNERS', 'approvers: [s]\n'),
        file('a/b/c/OWNERS', 'approvers: [s]\nlabels: [committee/Steering]\n'),
      ],
      'r',
    );
    expect(names(reading, 'a/b/c/d/e.txt')).toEqual([
      'a/b/c',
      ['committee-steering', 'r-a-b-approvers'],
      ['mid-team'],
    ]);
    expect(names(reading, 'z')).toEqual(['', ['sig-top', 'r-approvers'], []]);
  });
});

describe('readOwners problems', () => {
  const problemsOf = (files: OwnershipFile[]) =>
    readOwners(files, 'r').problems.map((p) => [p.file, p.line, p.code, p.severity]);

  it('reports YAML syntax at its line and reads nothing of that file', () => {
    const reading = readOwners(
      [file('OWNERS', 'approvers: [a]\n'), file('x/OWNERS', 'approvers:\n- a\nreviewers: [\n')],
      'r',
    );
    expect(reading.problems[0]).toMatchObject({ file: 'capi/x/OWNERS', code: 'owners/yaml' });
    expect(reading.problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(reading.decide('x/y')?.component).toBe('');
  });

  it('drops a top level with a list that is not a list, as Prow fails to read it', () => {
    const reading = readOwners(
      [file('OWNERS', 'approvers: [a]\n'), file('x/OWNERS', 'approvers:\n- b\nlabels: sig/x\n')],
      'r',
    );
    expect(reading.problems.map((p) => [p.line, p.code])).toEqual([[3, 'owners/not-a-list']]);
    expect(reading.decide('x/y')?.component).toBe('');
  });

  it('reports bad logins and keeps the good ones', () => {
    const reading = readOwners(
      [file('OWNERS', 'approvers:\n- good\n- "not a login"\n- -dash\nreviewers:\n- "@At-Sign"\n')],
      'r',
    );
    expect(reading.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [3, 'owners/bad-login', 'warning'],
      [4, 'owners/bad-login', 'warning'],
    ]);
    expect(reading.entities.users.map((u) => u.key)).toEqual(['login:good', 'login:at-sign']);
    expect(reading.entities.groups[0]?.members).toEqual(['login:good']);
  });

  it('skips a filter whose regex Go would not compile, and reads the others', () => {
    const reading = readOwners(
      [
        file(
          'OWNERS',
          'filters:\n  "(?=x)":\n    approvers: [a]\n  "[":\n    approvers: [b]\n  "\\\\.go$":\n    approvers: [c]\n',
        ),
      ],
      'r',
    );
    expect(reading.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [2, 'owners/bad-regex', 'error'],
      [4, 'owners/bad-regex', 'error'],
    ]);
    expect(reading.rules.map((r) => r.pattern)).toEqual(['[\\.go$]']);
    expect(reading.decide('x.go')?.component).toBe('[\\.go$]');
    expect(reading.decide('x.md')).toBeUndefined();
  });

  it('warns of unknown keys and options, of aliases defined twice, and of files Prow ignores', () => {
    expect(
      problemsOf([
        file('OWNERS', 'approver: [a]\napprovers: [b]\noptions:\n  no_parents: true\n'),
        file('OWNERS_ALIASES', 'aliases:\n  t: [a]\n  T: [b]\nextra: 1\n'),
        file('sub/OWNERS_ALIASES', 'aliases: {}\n'),
      ]),
    ).toEqual([
      ['capi/sub/OWNERS_ALIASES', 1, 'owners/ignored-file', 'warning'],
      ['capi/OWNERS_ALIASES', 3, 'owners/duplicate-alias', 'warning'],
      ['capi/OWNERS_ALIASES', 4, 'owners/unknown-key', 'warning'],
      ['capi/OWNERS', 1, 'owners/unknown-key', 'warning'],
      ['capi/OWNERS', 4, 'owners/unknown-key', 'warning'],
    ]);
  });

  it('keeps the last of an alias defined twice', () => {
    const reading = readOwners([file('OWNERS_ALIASES', 'aliases:\n  t: [a]\n  T: [b]\n')], 'r');
    expect(reading.entities.groups.map((g) => [g.name, g.members])).toEqual([['t', ['login:b']]]);
  });

  it('reports shapes Prow cannot read, and never throws on junk', () => {
    expect(
      problemsOf([
        file('a/OWNERS', 'options:\n  no_parent_owners: maybe\napprovers: [x]\n'),
        file('b/OWNERS', 'filters: [x]\n'),
        file('c/OWNERS', '- just\n- a list\n'),
        file('d/OWNERS', `approvers: ${'['.repeat(3000)}`),
        file('e/OWNERS', 'filters:\n  ".*": nobody\n'),
        file('OWNERS_ALIASES', 'aliases:\n  t: someone\n'),
      ]).map(([f, l, code]) => [f, l, code]),
    ).toEqual([
      ['capi/OWNERS_ALIASES', 2, 'owners/not-a-list'],
      ['capi/a/OWNERS', 2, 'owners/bad-option'],
      ['capi/b/OWNERS', 1, 'owners/not-a-map'],
      ['capi/c/OWNERS', 1, 'owners/not-a-map'],
      ['capi/d/OWNERS', 1, 'owners/too-deep'],
      ['capi/e/OWNERS', 2, 'owners/not-a-map'],
    ]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, path) => {
        const reading = readOwners(
          [
            file('OWNERS', text),
            file('a/OWNERS', `filters:\n  ${JSON.stringify(text)}: {approvers: [x]}\n`),
          ],
          'r',
        );
        reading.decide(path);
        reading.decide(`a/${path}`);
      }),
    );
  });
});

describe('compileGoRegex', () => {
  it.each([
    ['\\.md$', 'docs/a.md', true],
    ['(?i)\\.MD$', 'a.md', true],
    ['(?P<ext>\\.go)\\z', 'a.go', true],
    ['\\Aapi/', 'x/api/', false],
    ['\\Aapi/', 'api/x', true],
    ['^OWNERS$', 'sub/OWNERS', false],
  ])('reads %s as Go does on %s', (source, path, matches) => {
    const re = compileGoRegex(source);
    expect(re).toBeInstanceOf(RegExp);
    expect((re as RegExp).test(path)).toBe(matches);
  });

  it.each(['(?=a)', '(?<!a)b', '(a)\\1', '(?U)a+', '[', '\\'])('refuses %s', (source) => {
    expect(typeof compileGoRegex(source)).toBe('string');
  });
});

// --- brute force ---------------------------------------------------------------------

interface GenFolder {
  folder: string;
  approvers: string[];
  labels: string[];
  noParent: boolean;
  /** A `\.md$` filter's approvers and labels; then the top level goes under `.*`. */
  md?: { approvers: string[]; labels: string[] } | undefined;
}

const render = (f: GenFolder): string => {
  const list = (key: string, items: string[], indent: string) =>
    items.length === 0 ? '' : `${indent}${key}:\n${items.map((i) => `${indent}- ${i}\n`).join('')}`;
  const options = f.noParent ? 'options:\n  no_parent_owners: true\n' : '';
  if (!f.md)
    return `${options}${list('approvers', f.approvers, '')}${list('labels', f.labels, '')}reviewers:\n- rev\n`;
  return `${options}filters:\n  ".*":\n${list('approvers', f.approvers, '    ')}${list('labels', f.labels, '    ')}    reviewers: [rev]\n  "\\\\.md$":\n${list('approvers', f.md.approvers, '    ')}${list('labels', f.md.labels, '    ')}`;
};

/**
 * What the rules say, read off the generated folders without any index: every folder whose
 * name is a prefix of the path, sorted deepest first; a folder's entries are its top level
 * and, for `.md` files, its `\.md$` filter.
 */
function bruteForce(folders: GenFolder[], path: string) {
  const above = folders
    .filter((f) => f.folder === '' || path.startsWith(`${f.folder}/`))
    .sort((a, b) => b.folder.length - a.folder.length);
  // Every generated top level names a reviewer, so every folder is a component for its
  // files; a `.md` file's filter counts when it names approvers or labels.
  const entries = (f: GenFolder) => {
    const md = f.md && path.endsWith('.md') ? [{ ...f.md, filter: true }] : [];
    return [
      ...md.filter((e) => e.approvers.length > 0 || e.labels.length > 0),
      { approvers: f.approvers, labels: f.labels, filter: false },
    ];
  };
  const at = above.findIndex((f) => entries(f).length > 0);
  if (at === -1) return undefined;
  const decider = above[at] as GenFolder;
  const first = entries(decider)[0];
  const component = first?.filter ? `${decider.folder} [\\.md$]`.trimStart() : decider.folder;
  const parentsOf = (i: number) => {
    const out: GenFolder[] = [];
    if (above[i]?.noParent) return out;
    for (const f of above.slice(i + 1)) {
      out.push(f);
      if (f.noParent) break;
    }
    return out;
  };
  const labels = [decider, ...parentsOf(at)].flatMap((f) =>
    entries(f).flatMap((e) => e.labels.map((l) => l.replace('/', '-'))),
  );
  const approverAt = above.findIndex(
    (f, i) => i >= at && entries(f).some((e) => e.approvers.length > 0),
  );
  const sets = (f: GenFolder) =>
    entries(f)
      .filter((e) => e.approvers.length > 0)
      .map((e) => [...new Set(e.approvers)].sort().join(' '));
  const approvers = approverAt === -1 ? [] : sets(above[approverAt] as GenFolder);
  const coOwners = approverAt === -1 ? [] : parentsOf(approverAt).flatMap(sets);
  const owners = [...new Set([...labels, ...approvers])];
  return { component, owners, coOwners: [...new Set(coOwners)].filter((o) => !owners.includes(o)) };
}

describe('decide against a brute-force walk', () => {
  const login = fc.constantFrom('ann', 'bob', 'cy');
  const folderName = fc.constantFrom('', 'a', 'a/b', 'a/b/c', 'b', 'a/bc', 'b/a');
  const genFolder = fc.record({
    folder: folderName,
    approvers: fc.uniqueArray(login, { maxLength: 2 }),
    labels: fc.uniqueArray(fc.constantFrom('sig/x', 'wg/y', 'area/z'), { maxLength: 1 }),
    noParent: fc.boolean(),
    md: fc.option(
      fc.record({
        approvers: fc.uniqueArray(login, { maxLength: 2 }),
        labels: fc.uniqueArray(fc.constantFrom('sig/docs', 'kind/docs'), { maxLength: 1 }),
      }),
      { nil: undefined },
    ),
  });
  const genPath = fc
    .tuple(
      fc.constantFrom('', 'a/', 'a/b/', 'a/b/c/', 'a/b/c/d/', 'b/', 'a/bc/', 'b/a/', 'ab/', 'a/x/'),
      fc.constantFrom('f.go', 'README.md', 'x.md.go'),
    )
    .map(([dir, name]) => dir + name);

  it('finds the same component, owners and co-owners', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(genFolder, { selector: (f) => f.folder, maxLength: 6 }),
        fc.array(genPath, { minLength: 1, maxLength: 12 }),
        (folders, paths) => {
          const reading = readOwners(
            folders.map((f) => file(f.folder === '' ? 'OWNERS' : `${f.folder}/OWNERS`, render(f))),
            'r',
          );
          expect(reading.problems).toEqual([]);
          // Approver groups compared by their members, label groups by name.
          const members = new Map(
            reading.entities.groups.map((g) => [
              g.name,
              g.members
                .map((m) => m.slice('login:'.length))
                .sort()
                .join(' '),
            ]),
          );
          const shown = (name: string) => members.get(name) ?? name;
          const labelKept = (o: string) => !/^(area|kind)-/.test(o);
          for (const path of paths) {
            const expected = bruteForce(folders, path);
            const got = reading.decide(path);
            if (!expected) {
              expect(got).toBeUndefined();
              continue;
            }
            expect(got?.component).toBe(expected.component);
            expect(got?.owners.map((o) => shown(nameOf(o) as string))).toEqual(
              expected.owners.filter(labelKept),
            );
            expect(got?.coOwners.map((o) => shown(nameOf(o) as string))).toEqual(expected.coOwners);
            // asked twice (the memo), the same answer
            expect(reading.decide(path)).toEqual(got);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
