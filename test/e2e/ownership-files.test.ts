import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitSpec, createRepo, type Signature, type TestRepo } from '../helpers/git-repo.js';

// The ownership files organisations already keep — Kubernetes OWNERS, MAINTAINERS, GitLab
// CODEOWNERS — read from real repositories by the built CLI: who owns a path and which line
// decided it, the teams the files declare, `owners --check`, and folders when there is none.

const BIN = resolve('bin/orgwire.js');
// realpath: on macOS the temp folder is reached through a symlink, and repositories are not.
const work = realpathSync(mkdtempSync(join(tmpdir(), 'orgwire-ownership-')));
const repos: TestRepo[] = [];
afterAll(async () => {
  await Promise.all(repos.map((r) => r.cleanup()));
  rmSync(work, { recursive: true, force: true });
});

/** Runs the built CLI as a user would, from a work folder beside the repositories. */
function orgwire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A repository as the tests name it: `R` as typed from the work folder, `label` in refs. */
type Repo = { dir: string; R: string; label: string };

async function repoWith(history: CommitSpec[]): Promise<Repo> {
  const repo = await createRepo();
  repos.push(repo);
  for (const spec of history) repo.commit(spec);
  return { dir: repo.dir, R: relative(work, repo.dir), label: basename(repo.dir) };
}

/** A catalog folder in the work folder holding one YAML file. */
function catalog(name: string, yaml: string): string {
  mkdirSync(join(work, name), { recursive: true });
  writeFileSync(join(work, name, 'org.yaml'), yaml);
  return name;
}

// Catalog entities written as JSON, which YAML reads as it is.
const entity = (kind: string, metadata: object, spec: object) =>
  `---\n${JSON.stringify({ apiVersion: 'backstage.io/v1alpha1', kind, metadata, spec })}\n`;
const group = (name: string, members: string[]) =>
  entity('Group', { name }, { type: 'team', children: [], members });
const user = (name: string, annotations: Record<string, string>) =>
  entity('User', { name, annotations }, { memberOf: [] });

/** The 1-based line of `text` that starts with `start`, as a file:line names it. */
const lineOf = (text: string, start: string) =>
  text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

const json = (result: { status: number | null; stdout: string; stderr: string }) => {
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
};

const owners = (r: Repo, paths: string[], extra: string[] = []) =>
  orgwire(['owners', '--repo', r.R, ...extra, ...paths]);
const ownersJson = (r: Repo, paths: string[], extra: string[] = []) =>
  json(owners(r, paths, [...extra, '--format', 'json']));

const analyze = (r: Repo, db: string, extra: string[] = []) => {
  const result = orgwire(['analyze', '--repo', r.R, '--db', db, '--format', 'json', ...extra]);
  expect(result.status).toBe(0);
  return json(result);
};

type Component = { ref: string; owner: string | null; coOwners?: string[]; teams: unknown[] };
const refs = (report: { ownership: { components: Component[] } }) =>
  report.ownership.components.map((c) => c.ref).sort();

// GitHub logins, written as the no-reply e-mails GitHub gives (orgwire reads the login in them).
const gh = (id: string): Signature => ({ name: id, email: `${id}@users.noreply.github.com` });

describe('Kubernetes OWNERS and OWNERS_ALIASES', () => {
  const ROOT_OWNERS = 'approvers:\n  - root-approvers\n';
  const ALIASES =
    'aliases:\n  root-approvers:\n    - alice\n    - bob\n  api-approvers:\n    - carol\n    - dave\n';
  const API_OWNERS = '# the API\napprovers: [api-approvers]\nlabels: [sig/api]\n';
  const DOCS_OWNERS =
    'filters:\n  ".*":\n    approvers: [alice]\n  "\\\\.md$":\n    approvers: [carol]\n';
  let k: Repo;
  beforeAll(async () => {
    k = await repoWith([
      {
        author: gh('alice'),
        files: {
          OWNERS: ROOT_OWNERS,
          OWNERS_ALIASES: ALIASES,
          'pkg/api/OWNERS': API_OWNERS,
          'docs/OWNERS': DOCS_OWNERS,
          'main.go': 'package main\n',
        },
      },
      { author: gh('carol'), files: { 'pkg/api/types.go': 'package api\n' } },
      { author: gh('dave'), files: { 'pkg/api/types.go': 'package api // 2\n' } },
      { author: gh('alice'), files: { 'docs/guide.md': '# guide\n', 'docs/notes.txt': 'n\n' } },
      { author: gh('bob'), files: { 'main.go': 'package main // 2\n' } },
    ]);
  });

  it('names the OWNERS folder, its alias as owner and the line that decided', () => {
    const result = owners(k, ['pkg/api/types.go']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/component\s+pkg\/api\/ \(an OWNERS folder\)/);
    expect(result.stdout).toMatch(/owner\s+api-approvers\n/);
    expect(result.stdout).toMatch(/co-owners\s+root-approvers\n/);
    expect(result.stdout).toContain(
      `decided by  ${k.R}/pkg/api/OWNERS:${lineOf(API_OWNERS, 'approvers')}`,
    );
  });

  it('gives the rule as data, the root alias a co-owner', () => {
    const [path] = ownersJson(k, ['pkg/api/types.go']).paths;
    expect(path.component).toBe(`owners:${k.label}:pkg/api`);
    expect(path.owner).toBe('group:default/api-approvers');
    expect(path.coOwners).toContain('group:default/root-approvers');
    expect(path.rule).toMatchObject({
      source: 'owners',
      folder: 'pkg/api',
      owners: ['api-approvers'],
      file: `${k.R}/pkg/api/OWNERS`,
      line: lineOf(API_OWNERS, 'approvers'),
    });
  });

  it('makes a filter other than .* a component of its own, and .* the folder', () => {
    const [md, txt] = ownersJson(k, ['docs/guide.md', 'docs/notes.txt']).paths;
    expect(md.component).toBe(`owners:${k.label}:docs [\\.md$]`);
    expect(md.rule).toMatchObject({ source: 'owners', folder: 'docs', filter: '\\.md$' });
    expect(txt.component).toBe(`owners:${k.label}:docs`);
    expect(txt.rule).toMatchObject({ source: 'owners', folder: 'docs', filter: '.*' });
  });

  it('lets a sig/ label name the owner when the catalog has that Group', () => {
    const dir = catalog(
      'k-catalog',
      group('sig-api', ['carol']) + user('carol', { 'github.com/user-login': 'carol' }),
    );
    const [path] = ownersJson(k, ['pkg/api/types.go'], ['--catalog', dir]).paths;
    expect(path.owner).toBe('group:default/sig-api');
    expect(owners(k, ['pkg/api/types.go'], ['--catalog', dir]).stdout).toMatch(/owner\s+sig-api\n/);
  });

  it('reports OWNERS folders as components and credits the aliases members to their teams', () => {
    const report = analyze(k, 'k.db');
    const api = report.ownership.components.find(
      (c: Component) => c.ref === `owners:${k.label}:pkg/api`,
    );
    expect(api).toMatchObject({ owner: 'group:default/api-approvers', source: 'owners' });
    expect(api.teams).toContainEqual({ ref: 'group:default/api-approvers', commits: 2 });
    expect(report.identities.coverage).toBe(1);
    expect(report.identities.matchedBy).toEqual({ 'github-noreply': 4 });
    expect(report.identities.unmatched).toEqual([]);
  });
});

describe('MAINTAINERS', () => {
  const MAINTAINERS = `DPDK Maintainers
================

General Project Administration
------------------------------

Main Branch
M: Thomas Monjalon <thomas@monjalon.net>
T: git://dpdk.org/dpdk
Q: https://patches.dpdk.org/project/dpdk/list/

Core Libraries
--------------

EAL API and common code
M: Ana Lima <ana@example.org>
F: lib/eal/
F: lib/eal/include/*.h
X: lib/eal/windows/

Networking Drivers
------------------

Intel e1000
M: Ben Okafor <ben@example.org>
F: drivers/net/e1000/
F: lib/eal/include/rte_e1000*
`;
  const ANA_OLD: Signature = { name: 'Ana', email: 'ana@old.example' };
  const BEN: Signature = { name: 'Ben Okafor', email: 'ben@example.org' };
  let m: Repo;
  beforeAll(async () => {
    m = await repoWith([
      {
        author: BEN,
        files: {
          MAINTAINERS,
          '.mailmap': 'Ana Lima <ana@example.org> <ana@old.example>\n',
          'drivers/net/e1000/e1000.c': '0',
          'lib/eal/include/rte_eal.h': '0',
          'lib/eal/include/rte_e1000_x.h': '0',
          'lib/eal/windows/win.c': '0',
        },
      },
      { author: ANA_OLD, files: { 'lib/eal/eal.c': '1' } },
      { author: ANA_OLD, files: { 'lib/eal/eal.c': '2' } },
      { author: ANA_OLD, files: { 'lib/eal/eal.c': '3' } },
      { author: BEN, files: { 'drivers/net/e1000/e1000.c': '1' } },
    ]);
  });

  it('names the section and the F: line that decided', () => {
    const result = owners(m, ['lib/eal/eal.c']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/component\s+EAL API and common code \(a MAINTAINERS section\)/);
    expect(result.stdout).toMatch(/owner\s+core-libraries\n/);
    expect(result.stdout).toContain(
      `decided by  ${m.R}/MAINTAINERS:${lineOf(MAINTAINERS, 'F: lib/eal/')}  F: lib/eal/`,
    );
  });

  it('gives a file two sections match to the longer pattern, the other area a co-owner', () => {
    const both = ['lib/eal/include/rte_e1000_x.h', 'lib/eal/include/rte_eal.h'];
    const [e1000, eal] = ownersJson(m, both).paths;
    expect(e1000).toMatchObject({
      component: `maintainers:${m.label}:Intel e1000`,
      owner: 'group:default/networking-drivers',
      coOwners: ['group:default/core-libraries'],
      rule: {
        source: 'maintainers',
        section: 'Intel e1000',
        pattern: 'lib/eal/include/rte_e1000*',
        line: lineOf(MAINTAINERS, 'F: lib/eal/include/rte_e1000*'),
      },
    });
    expect(eal.owner).toBe('group:default/core-libraries');
    expect(eal.rule.pattern).toBe('lib/eal/include/*.h');
    expect(eal.coOwners).toBeUndefined();
  });

  it('leaves what X: excludes to the folders', () => {
    const [path] = ownersJson(m, ['lib/eal/windows/win.c']).paths;
    expect(path).toMatchObject({ owner: null, rule: { source: 'folder', folder: 'lib' } });
  });

  it('makes each area a team and credits commits under an old e-mail through .mailmap', () => {
    const report = analyze(m, 'm.db');
    const teams = report.teams.map((t: { ref: string }) => t.ref);
    expect(teams).toContain('group:default/core-libraries');
    expect(teams).toContain('group:default/networking-drivers');
    expect(report.identities.unmatched).toEqual([]);
    const credited = { ref: 'group:default/core-libraries', commits: 3 };
    expect(report.identities.teams).toContainEqual(credited);
    const eal = report.ownership.components.find(
      (c: Component) => c.ref === `maintainers:${m.label}:EAL API and common code`,
    );
    expect(eal.owner).toBe('group:default/core-libraries');
    expect(eal.teams).toContainEqual(credited);
  });
});

describe('GitLab CODEOWNERS', () => {
  const CODEOWNERS = `[Backend] @team-a
app/
!app/generated/
/docs

^[Review] @team-b
app/
`;
  let g: Repo;
  let dir: string;
  beforeAll(async () => {
    g = await repoWith([
      {
        author: { name: 'Ana', email: 'ana@example.org' },
        files: {
          '.gitlab/CODEOWNERS': CODEOWNERS,
          'app/models/user.rb': '0',
          'app/generated/schema.rb': '0',
          'docs/guide.md': '0',
        },
      },
    ]);
    dir = catalog(
      'g-catalog',
      group('team-a', ['ana']) +
        group('team-b', ['ana']) +
        user('ana', { 'orgwire.dev/emails': 'ana@example.org' }),
    );
  });

  const decide = (...paths: string[]) => ownersJson(g, paths, ['--catalog', dir]).paths;

  it('names the section and pattern, the optional section a co-owner', () => {
    const result = owners(g, ['app/models/user.rb'], ['--catalog', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/component\s+\[Backend\] app\/ \(a CODEOWNERS rule\)/);
    expect(result.stdout).toMatch(/owner\s+team-a\n/);
    expect(result.stdout).toContain(`decided by  ${g.R}/.gitlab/CODEOWNERS:2  [Backend] app/`);
    const [path] = decide('app/models/user.rb');
    expect(path.owner).toBe('group:default/team-a');
    expect(path.coOwners).toEqual(['group:default/team-b']);
    expect(path.rule).toMatchObject({ source: 'codeowners', section: 'Backend', line: 2 });
  });

  it('leaves a path a section excludes to the optional section that matches it', () => {
    const [path] = decide('app/generated/schema.rb');
    expect(path.owner).toBe('group:default/team-b');
    expect(path.rule).toMatchObject({
      section: 'Review',
      line: lineOf(CODEOWNERS, '^[Review]') + 1,
    });
    expect(path.coOwners).toBeUndefined();
  });

  it('matches /docs without a slash to a file named docs only, not to files below docs/', () => {
    const [guide, file] = decide('docs/guide.md', 'docs');
    expect(guide.rule.source).toBe('folder');
    expect(guide.component).toBe(`folder:${g.label}:docs`);
    expect(file.rule).toMatchObject({ source: 'codeowners', pattern: '/docs', line: 4 });
  });
});

describe('owners --check on every format', () => {
  // Each format's file with one problem planted in it, and what mends it.
  const cases = [
    {
      name: 'OWNERS: a filter Go cannot compile',
      file: 'docs/OWNERS',
      text: 'filters:\n  ".*":\n    approvers: [alice]\n  "(?=a)":\n    approvers: [bob]\n',
      bad: '  "(?=a)":',
      fix: '  "a+":',
      code: 'owners/bad-regex',
    },
    {
      name: 'MAINTAINERS: a tag that is none (Q: is one)',
      file: 'MAINTAINERS',
      text: 'Area\n----\n\nSection\nM: A B <a@b.example>\nQ: x\nZ: unknown\nF: src/\n',
      bad: 'Z: unknown\n',
      fix: '',
      code: 'maintainers/unknown-tag',
    },
    {
      name: 'GitLab: a section with no name',
      file: '.gitlab/CODEOWNERS',
      text: '[Main] @a\nsrc/\n\n[]\nsrc/ @b\n',
      bad: '[]',
      fix: '[Other]',
      code: 'gitlab-codeowners/empty-section',
    },
  ];
  let made: Repo[] = [];
  beforeAll(async () => {
    const author = { name: 'A B', email: 'a@b.example' };
    const files = { 'src/x.c': '0', 'docs/a.md': '0' };
    made = await Promise.all(
      cases.map((c) => repoWith([{ author, files: { ...files, [c.file]: c.text } }])),
    );
  });

  it.each(cases)('$name: exits 1 at its file:line, then 0 once mended', (c) => {
    const r = made[cases.indexOf(c)] as Repo;
    const [format] = c.code.split('/');
    const line = lineOf(c.text, c.bad.trimEnd());
    const label = c.code.slice(c.code.indexOf('/') + 1).replace(/-/g, ' ');
    const found = owners(r, [], ['--check']);
    expect(found.status).toBe(1);
    const at = `${r.R}/${c.file}:${line}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(found.stdout).toMatch(new RegExp(`${at}\\s+${label}\\s`));
    noStackTrace(found.stdout + found.stderr);

    const data = owners(r, [], ['--check', '--format', 'json']);
    expect(data.status).toBe(1);
    const out = json(data);
    expect(out.findings).toEqual([
      expect.objectContaining({ code: c.code, file: `${r.R}/${c.file}`, line }),
    ]);
    expect(out.ownershipFiles).toEqual([{ format, files: [c.file] }]);

    // Ownership files are read from the work tree: the uncommitted fix counts at once.
    writeFileSync(join(r.dir, c.file), c.text.replace(c.bad, c.fix));
    const clean = owners(r, [], ['--check', '--format', 'json']);
    expect(clean.status).toBe(0);
    expect(json(clean).findings).toEqual([]);
    expect(owners(r, [], ['--check']).status).toBe(0);
  });
});

describe('with no ownership file', () => {
  const people = ['ann', 'bob', 'cy', 'dee'].map((n) => ({ name: n, email: `${n}@corp.example` }));
  const [ann, bob, cy, dee] = people as [Signature, Signature, Signature, Signature];
  let f: Repo;
  beforeAll(async () => {
    const history: CommitSpec[] = [];
    for (let i = 0; i < 6; i++) {
      history.push({ author: i % 2 ? ann : bob, files: { 'src/a/a.ts': `${i}` } });
      history.push({ author: i % 2 ? cy : dee, files: { 'src/b/b.ts': `${i}` } });
    }
    // Where the two groups of people meet, and one small folder outside src/.
    history.push({ author: bob, files: { 'src/b/b.ts': 'bob', 'src/a/a.ts': 'bob' } });
    history.push({ author: cy, files: { 'src/a/a.ts': 'cy' } });
    history.push({ author: ann, files: { 'tools/release.sh': 'x' } });
    f = await repoWith(history);
  });

  it('splits a folder holding more than 20% of the changes into its sub-folders', () => {
    const folders = ['src/a', 'src/b', 'tools'].map((d) => `folder:${f.label}:${d}`);
    expect(refs(analyze(f, 'f.db'))).toEqual(folders);
  });

  it('cuts folders at --component-depth instead', () => {
    const folders = ['src', 'tools'].map((d) => `folder:${f.label}:${d}`);
    expect(refs(analyze(f, 'f.db', ['--component-depth', '1']))).toEqual(folders);
  });

  it('leads with the inferred teams, not a congruence of 0%', () => {
    const result = orgwire(['analyze', '--repo', f.R, '--db', 'f.db']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Teams \(\d+, inferred from who works on what\)/);
    expect(result.stdout).toContain('Where the inferred teams’ work meets');
    expect(result.stdout).not.toMatch(/Congruence 0\s?%/);
  });

  it.each(['0', 'x'])('refuses --component-depth %s with exit 2, naming the flag', (depth) => {
    const result = orgwire(['analyze', '--repo', f.R, '--db', 'f.db', '--component-depth', depth]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--component-depth');
    expect(result.stdout).toBe('');
    noStackTrace(result.stderr);
  });
});
