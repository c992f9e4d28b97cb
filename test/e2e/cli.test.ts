import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the built CLI as a user would, in `cwd`, with no terminal. */
function orgwire(args: string[], cwd = work) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const fresh = (name: string) => {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
function commit(repo: string, author: string, files: Record<string, string>, message = 'change') {
  write(repo, files);
  execFileSync('git', ['add', '-A'], { cwd: repo, env: GIT_ENV });
  const [, name, email] = /^(.*) <(.*)>$/.exec(author) ?? [];
  execFileSync('git', ['commit', '-q', '-m', message], {
    cwd: repo,
    env: {
      ...GIT_ENV,
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: 'ci',
      GIT_COMMITTER_EMAIL: 'ci@example',
    },
  });
}

describe('orgwire init and validate', () => {
  it('writes a starter catalog that validates with no problem', () => {
    const dir = fresh('starter');
    const init = orgwire(['init'], dir);
    expect(init.status).toBe(0);
    expect(readdirSync(join(dir, 'catalog')).sort()).toEqual(['components.yaml', 'org.yaml']);
    const result = orgwire(['validate', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ version: 1, valid: true, files: 2, problems: [] });
    expect(json.entities).toMatchObject({ Group: 3, User: 4, Component: 2 });
  });

  it('refuses to init over a folder that has files, and changes nothing', () => {
    const dir = write(fresh('occupied'), { 'catalog/mine.yaml': 'keep: me\n' });
    const result = orgwire(['init'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('catalog already exists and is not empty');
    expect(readdirSync(join(dir, 'catalog'))).toEqual(['mine.yaml']);
    noStackTrace(result.stderr);
  });

  it('reports every error of a broken catalog with its position, exit 2, no stack trace', () => {
    const dir = write(fresh('broken'), {
      'catalog/org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web
spec:
  type: team
  parent: engineering
  children: []
`,
      'catalog/deep/components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
spec:
  type: service
  lifecycle: production
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
spec: {type: service, lifecycle: production, owner: web}
`,
      'catalog/syntax.yml': 'kind: [Group\n',
    });
    const result = orgwire(['validate'], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('catalog/org.yaml:7:11');
    expect(result.stdout).toContain('spec.parent points at group:default/engineering');
    expect(result.stdout).toContain('catalog/deep/components.yaml:6:3');
    expect(result.stdout).toContain('Component cart has no owner');
    expect(result.stdout).toContain('catalog/deep/components.yaml:9:1');
    expect(result.stdout).toMatch(/component:default\/cart is defined twice/);
    expect(result.stdout).toContain('catalog/syntax.yml:2:1');
    expect(result.stdout).toContain('hint:');
    expect(result.stdout).toContain('4 errors');
    noStackTrace(result.stdout + result.stderr);

    const json = JSON.parse(orgwire(['validate', '--format', 'json'], dir).stdout);
    expect(json.valid).toBe(false);
    const errors = json.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { code: string }) => p.code).sort()).toEqual(
      ['entity/duplicate', 'owner/missing', 'ref/unknown', 'yaml/syntax'].sort(),
    );
  });

  it('reads a Backstage catalog with kinds orgwire does not use, noting what it skipped', () => {
    const dir = write(fresh('backstage'), {
      'catalog/all.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: example
spec:
  targets: [./org.yaml]
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: create-service
  title: Create a service
spec:
  owner: web
  type: service
  steps: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web
spec:
  type: team
  children: []
  members: [ana]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
spec:
  memberOf: []
`,
    });
    const result = orgwire(['validate'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'kind Template (scaffolder.backstage.io/v1beta3) is not one orgwire reads; skipped',
    );
    expect(result.stdout).toContain('1 Group, 1 User');
  });

  it('prints warnings and still exits 0', () => {
    const dir = write(fresh('warnings'), {
      'catalog/org.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: lonely\nspec:\n  type: team\n  children: []\n',
    });
    const result = orgwire(['validate'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('has no members and no child groups');
    expect(result.stdout).toContain('0 errors, 1 warning');
  });

  it('checks the ownership files of --repo at their file and line, with no catalog needed', () => {
    const dir = fresh('validate-repo');
    const repo = join(dir, 'kube');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: GIT_ENV });
    commit(repo, 'Ana <ana@acme.example>', {
      OWNERS: 'approvers: [ana-dev]\n',
      'pkg/OWNERS': 'filters:\n  "(?=a)":\n    approvers: [bo]\n',
      MAINTAINERS: 'Net\nM: Ana <ana@acme.example>\nF: pkg/\nZ: what\n',
      'pkg/a.go': 'package a\n',
    });
    const result = orgwire(['validate', '--repo', 'kube'], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/kube\/pkg\/OWNERS:2:1\s+error\s.*\(\?=a\)/);
    expect(result.stdout).toMatch(/kube\/MAINTAINERS:4:1\s+warning\s.*Z:/);
    noStackTrace(result.stdout + result.stderr);
    commit(repo, 'Ana <ana@acme.example>', { 'pkg/OWNERS': 'approvers: [bo]\n' });
    const fixed = orgwire(['validate', '--repo', 'kube', '--format', 'json'], dir);
    expect(fixed.status).toBe(0);
    const json = JSON.parse(fixed.stdout);
    expect(json.problems.map((p: { code: string }) => p.code)).toEqual(['maintainers/unknown-tag']);
    expect(json.entities.User).toBeGreaterThanOrEqual(2);
  });

  it('says how to start when there is no catalog', () => {
    const result = orgwire(['validate'], fresh('nothing'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No catalog at');
    expect(result.stderr).toContain('orgwire init');
    noStackTrace(result.stderr);
  });
});

describe('orgwire owners and analyze on a real repository', () => {
  let dir: string;
  let repo: string;
  beforeAll(() => {
    dir = fresh('shop-org');
    write(dir, {
      'catalog/org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web
  annotations:
    github.com/team-slug: acme/web-team
    orgwire.dev/team-type: stream-aligned
spec: {type: team, children: [], members: [ana, ben]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec: {type: team, children: [], members: [ben]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@acme.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@acme.example}}
`,
      'catalog/components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  annotations:
    orgwire.dev/paths: services/cart
spec: {type: service, lifecycle: production, owner: web}
`,
    });
    repo = join(dir, 'shop');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: GIT_ENV });
    commit(repo, 'Ana <ana@acme.example>', {
      'services/cart/a.ts': '1',
      'infra/main.tf': 'x',
      'scripts/x.sh': 'y',
      'README.md': 'r',
      '.github/CODEOWNERS':
        '# owners\n/infra/ @acme/web-team\n/infra/ @acme/platform @acme/ghosts\n',
      '.mailmap': 'Ben <ben@acme.example> <ben@laptop.local>\n',
    });
    commit(
      repo,
      'Ben B <ben@laptop.local>',
      { 'services/cart/b.ts': '2' },
      'pair\n\nCo-authored-by: Ana <ANA@acme.example>',
    );
    commit(repo, 'Kit Contractor <kit@agency.example>', { 'scripts/x.sh': 'z' });
    commit(repo, 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>', {
      'services/cart/a.ts': '3',
    });
  });

  it('says which component, team and rule own each path', () => {
    const result = orgwire(
      ['owners', 'services/cart/a.ts', 'infra/main.tf', 'scripts/x.sh', '--repo', 'shop'],
      dir,
    );
    expect(result.status).toBe(0);
    const block = (path: string) =>
      result.stdout.split('\n\n').find((b) => b.startsWith(`${path}\n`));
    expect(block('services/cart/a.ts')).toMatch(
      /component\s+cart\n\s+owner\s+web\n\s+decided by\s+catalog\/components\.yaml:1 {2}orgwire\.dev\/paths services\/cart/,
    );
    expect(block('infra/main.tf')).toMatch(
      /component\s+\/infra\/ \(a CODEOWNERS rule\)\n\s+owner\s+platform\n\s+decided by\s+shop\/\.github\/CODEOWNERS:3/,
    );
    expect(block('scripts/x.sh')).toMatch(
      /component\s+scripts\/ \(a top-level folder\)\n\s+owner\s+\(nobody\)/,
    );
    expect(result.stderr).toContain('CODEOWNERS:3: CODEOWNERS owner @acme/ghosts matches no Group');
  });

  it('gives the same answers as JSON', () => {
    const result = orgwire(['owners', 'infra/main.tf', '--repo', 'shop', '--format', 'json'], dir);
    const json = JSON.parse(result.stdout);
    expect(json.paths).toEqual([
      {
        path: 'infra/main.tf',
        component: 'codeowners:shop:/infra/',
        owner: 'group:default/platform',
        rule: {
          source: 'codeowners',
          pattern: '/infra/',
          owners: ['@acme/platform', '@acme/ghosts'],
          file: join('shop', '.github/CODEOWNERS'),
          line: 3,
        },
      },
    ]);
    expect(json.unresolvedOwners).toEqual([
      {
        owner: '@acme/ghosts',
        file: join('shop', '.github/CODEOWNERS'),
        line: 3,
        rules: 1,
        suggestion: null,
      },
    ]);
  });

  it('summarises ownership and identities: mailmap, co-authors, bots and contractors', () => {
    const result = orgwire(['analyze', '--repo', 'shop', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    // People's commits 3 (the bot's left out); Ana's and Ben's 2 are credited: 2/3.
    expect(json.identities).toEqual({
      commits: 4,
      peopleCommits: 3,
      matchedCommits: 2,
      creditedCommits: 2,
      coverage: 0.667,
      botCommits: 1,
      matchedBy: { email: 2 },
      unmatched: [
        { name: 'Kit Contractor', email: 'kit@agency.example', commits: 1, suggestion: null },
      ],
      // Ben is in both teams; the pair commit counts once for web although both are in it.
      teams: [
        { ref: 'group:default/web', commits: 2 },
        { ref: 'group:default/platform', commits: 1 },
      ],
    });
    const files = Object.fromEntries(
      json.ownership.components.map((c: { ref: string; files: number }) => [c.ref, c.files]),
    );
    expect(files).toEqual({
      'component:default/cart': 2,
      'codeowners:shop:/infra/': 1,
      'codeowners:shop:/.github/': undefined,
      'folder:shop:.github': 1,
      'folder:shop:/': 2,
      'folder:shop:scripts': 1,
    });
    expect(json.ownership.ownerlessComponents.sort()).toEqual([
      'folder:shop:.github',
      'folder:shop:/',
      'folder:shop:scripts',
    ]);
    // Line 2 gives /infra/ to web, but line 3 takes every file of it.
    expect(json.ownership.deadRules).toEqual([]);
    expect(json.ownership.shadowedRules).toMatchObject([
      {
        file: join('shop', '.github/CODEOWNERS'),
        line: 2,
        pattern: '/infra/',
        owners: ['@acme/web-team'],
        files: 1,
        overriddenBy: [3],
      },
    ]);
    expect(
      json.teams.map((t: { ref: string; members: string[] }) => [t.ref, t.members.length]),
    ).toEqual([
      ['group:default/platform', 1],
      ['group:default/web', 2],
    ]);
  });

  it('prints a readable report with the contractor listed', () => {
    const result = orgwire(['analyze', '--repo', 'shop'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Kit Contractor <kit@agency.example>');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('1 bot commit left out');
    expect(result.stdout.split('\n').filter((l) => l.length > 80)).toEqual([]);
  });

  it('takes bots from orgwire.yaml, and reports a broken orgwire.yaml with its line', () => {
    write(dir, { 'orgwire.yaml': 'identities:\n  bots:\n    extra: ["/contractor/"]\n' });
    const json = JSON.parse(orgwire(['analyze', '--repo', 'shop', '--format', 'json'], dir).stdout);
    expect(json.identities.botCommits).toBe(2);
    expect(json.identities.unmatched).toEqual([]);
    write(dir, { 'orgwire.yaml': 'identities:\n  bots:\n    exclude: true\n' });
    const broken = orgwire(['analyze', '--repo', 'shop'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('orgwire.yaml:3:5');
    expect(broken.stderr).toContain('unknown setting exclude');
    rmSync(join(dir, 'orgwire.yaml'));
  });

  it('refuses a missing repository, a missing --repo and an unknown option, exit 2', () => {
    const missing = orgwire(['analyze', '--repo', 'nope'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No repository at');
    const none = orgwire(['analyze'], dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--repo DIR');
    const unknown = orgwire(['analyze', '--repos', 'shop'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--repos'");
    const notGit = orgwire(['analyze', '--repo', 'catalog'], dir);
    expect(notGit.status).toBe(2);
    expect(notGit.stderr).toContain('is not a git repository');
    for (const r of [missing, none, unknown, notGit]) noStackTrace(r.stderr);
  });

  it('refuses a folder inside a repository, a file as --repo and a device as --catalog', () => {
    const inside = orgwire(['analyze', '--repo', 'shop/services'], dir);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/shop\/services is a folder inside the repository at .*shop/);
    const file = orgwire(['owners', 'x', '--repo', 'shop/README.md'], dir);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('is a file, not a repository folder');
    // A file is a catalog source (a team file, or one YAML file of entities); a device is not.
    const catalogFile = orgwire(['validate', '--catalog', '/dev/null'], dir);
    expect(catalogFile.status).toBe(2);
    expect(catalogFile.stderr).toContain('is neither a folder nor a file');
    for (const r of [inside, file, catalogFile]) noStackTrace(r.stderr);
  });

  it('stops on catalog errors before reading the repository', () => {
    const broken = write(fresh('broken-analyze'), {
      'catalog/x.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: x}\nspec: {memberOf: [nobody]}\n',
    });
    const result = orgwire(['analyze', '--repo', repo], broken);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('catalog/x.yaml:4:19');
    expect(result.stdout).toBe('');
  });
});

describe('orgwire owners --check, a CI gate for CODEOWNERS', () => {
  let dir: string;
  let repo: string;
  const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web
  annotations:
    github.com/team-slug: acme/web-team
spec: {type: team, children: [], members: [ana]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec: {type: team, children: [], members: [ana]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
  annotations:
    github.com/user-login: ana-dev
spec: {memberOf: [], profile: {email: ana@acme.example}}
`;
  const FLAWED = [
    '* @acme/web-team',
    '/infra/ @acme/platfrom',
    '/legacy/ @acme/web-team',
    '/docs/ @ana-dev',
    'docs/ @acme/platform',
    '!/services/ @acme/web-team',
  ].join('\n');
  beforeAll(() => {
    dir = write(fresh('gate-org'), { 'catalog/org.yaml': CATALOG });
    repo = join(dir, 'shop');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: GIT_ENV });
    commit(repo, 'Ana <ana@acme.example>', {
      'services/cart/a.ts': '1',
      'infra/main.tf': 'x',
      'docs/guide.md': 'd',
      '.github/CODEOWNERS': `${FLAWED}\n`,
    });
  });

  it('lists a typo with its did-you-mean, a dead rule, a shadowed rule and a skipped line, exit 1', () => {
    const result = orgwire(['owners', '--check', '--repo', 'shop'], dir);
    expect(result.status).toBe(1);
    const file = join('shop', '.github/CODEOWNERS');
    expect(result.stdout).toContain(
      `${file}:2  unknown owner  @acme/platfrom matches no Group or User in the catalog\n    hint: Did you mean @acme/platform?`,
    );
    expect(result.stdout).toContain(`${file}:3  dead rule  "/legacy/" matches no file at HEAD`);
    expect(result.stdout).toContain(
      `${file}:4  shadowed rule  "/docs/" decides no file: the one file it matches is matched by a later rule (line 5)`,
    );
    expect(result.stdout).toContain(`${file}:6  syntax  "!/services/": negation`);
    expect(result.stdout).toContain(
      `✗ 4 findings in ${file} (5 rules, 4 files at HEAD): 1 syntax, 1 unknown owner, 1 dead rule, 1 shadowed rule.`,
    );
  });

  it('gives the findings as data', () => {
    const result = orgwire(['owners', '--check', '--repo', 'shop', '--format', 'json'], dir);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      version: 1,
      codeowners: '.github/CODEOWNERS',
      rules: 5,
      files: 4,
    });
    expect(json.findings.map((f: { code: string; line: number }) => [f.line, f.code])).toEqual([
      [2, 'codeowners/unknown-owner'],
      [3, 'codeowners/dead-rule'],
      [4, 'codeowners/shadowed-rule'],
      [6, 'codeowners/syntax'],
    ]);
    expect(json.unresolvedOwners).toEqual([
      {
        owner: '@acme/platfrom',
        file: join('shop', '.github/CODEOWNERS'),
        line: 2,
        rules: 1,
        suggestion: '@acme/platform',
      },
    ]);
    expect(json.shadowedRules).toMatchObject([{ line: 4, files: 1, overriddenBy: [5] }]);
  });

  it('checks no owners without a catalog, and says so', () => {
    const bare = fresh('gate-bare');
    execFileSync('git', ['clone', '-q', '--bare', repo, join(bare, 'shop.git')], { env: GIT_ENV });
    const result = orgwire(['owners', '--check', '--repo', 'shop.git'], bare);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('unknown owner');
    expect(result.stdout).toContain('Owners were not checked: there is no catalog');
    expect(result.stdout).toContain('3 findings');
  });

  it('passes a clean CODEOWNERS, exit 0', () => {
    commit(repo, 'Ana <ana@acme.example>', {
      '.github/CODEOWNERS': '* @acme/web-team\n/infra/ @acme/platform\ndocs/ @ana-dev\n',
    });
    const result = orgwire(['owners', '--check', '--repo', 'shop'], dir);
    expect(result.stdout).toBe(
      `✓ ${join('shop', '.github/CODEOWNERS')}: no findings (3 rules, 4 files at HEAD).\n`,
    );
    expect(result.status).toBe(0);
  });

  it('refuses a PATH with --check, no PATH without it, and a missing repository, exit 2', () => {
    for (const args of [
      ['owners', '--check', 'infra/main.tf', '--repo', 'shop'],
      ['owners', '--repo', 'shop'],
      ['owners', '--check', '--repo', 'nope'],
    ]) {
      const result = orgwire(args, dir);
      expect(result.status).toBe(2);
      expect(result.stderr).not.toBe('');
      noStackTrace(result.stderr);
    }
    expect(orgwire(['owners', '--check', 'x', '--repo', 'shop'], dir).stderr).toContain(
      '--check checks the whole CODEOWNERS file and takes no PATH',
    );
  });
});

describe('orgwire --help and the demo', () => {
  it('lists the synchronous chains of the demo catalog, longest first, with the cycle', () => {
    const result = orgwire([
      'chains',
      '--catalog',
      resolve('examples/demo/catalog'),
      '--format',
      'json',
    ]);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.chains[0]).toMatchObject({
      entry: 'component:default/web-shop',
      depth: 12,
      flags: ['deep', 'below-objective'],
    });
    expect(json.cycles).toEqual([
      ['component:default/invoice-service', 'component:default/order-service'],
    ]);
    const bad = orgwire(['chains', '--max-depth', 'five']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-depth takes a whole number');
  });

  it('measures the demo\u2019s request queues and points to their remedies', () => {
    const args = [
      'queues',
      '--catalog',
      resolve('examples/demo/catalog'),
      '--requests',
      resolve('examples/demo/requests/requests.csv'),
    ];
    const result = orgwire([...args, '--format', 'json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    const billing = json.queues.find(
      (q: { team: string }) => q.team === 'group:default/billing-integration',
    );
    expect(billing.sla).toBe(14);
    expect(billing.requesters).toHaveLength(6);
    expect(billing.leadTime.p50).toBeGreaterThan(60); // about ten weeks against a two-week promise
    expect(billing.remedies.map((r: { kind: string }) => r.kind)).toContain('self-service');
    const data = json.queues.find((q: { team: string }) => q.team === 'group:default/data');
    expect(data.remedies.map((r: { kind: string }) => r.kind)).toEqual(['embed']);
  });

  it('skips a bad request row with its line, and refuses an export it cannot read', () => {
    const dir = write(fresh('queues'), {
      'catalog/org.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ops}\nspec: {type: team, children: []}\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: []}\n',
      'requests.csv':
        'id,requester,provider,created,started,done,type\nR-1,web,ops,2026-01-02,,2026-01-09,x\nR-2,marketing,ops,2026-01-03,,,x\nR-3,web,ops,not-a-date,,,x\n',
      'bad.csv': 'ticket,who\n1,web\n',
    });
    const ok = orgwire(['queues', '--requests', 'requests.csv', '--format', 'json'], dir);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('requests.csv:3:');
    expect(ok.stderr).toContain('requests.csv:4:');
    expect(JSON.parse(ok.stdout).requests).toBe(1);
    const bad = orgwire(['queues', '--requests', 'bad.csv'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.csv');
    const missing = orgwire(['queues', '--requests', 'nope.csv'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('No request export at nope.csv');
    for (const r of [ok, bad, missing]) noStackTrace(r.stderr);
  });

  it('counts a ticket once when its export is read again under another name, lists the trackers and forgets one', () => {
    const dir = fresh('requests-once');
    const demo = readFileSync(resolve('examples/demo/requests/requests.csv'), 'utf8');
    write(dir, { 'week-1.csv': demo, 'week-2.csv': demo });
    const queues = (file: string) => {
      const result = orgwire(
        [
          'queues',
          '--catalog',
          resolve('examples/demo/catalog'),
          '--db',
          'org.db',
          '--requests',
          file,
          '--format',
          'json',
        ],
        dir,
      );
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout);
      return {
        requests: json.requests,
        billing: json.queues.find(
          (q: { team: string }) => q.team === 'group:default/billing-integration',
        ).arrivals,
      };
    };
    const first = queues('week-1.csv');
    expect(first.billing).toBe(29);
    expect(queues('week-2.csv')).toEqual(first);
    const listed = orgwire(['requests', '--db', 'org.db', '--format', 'json'], dir);
    expect(JSON.parse(listed.stdout).trackers).toEqual([
      { tracker: 'csv', tickets: first.requests, open: expect.any(Number) },
    ]);
    expect(orgwire(['requests', '--db', 'org.db'], dir).stdout).toMatch(
      /^TRACKER +TICKETS +OPEN\ncsv +\d+ +\d+\n$/,
    );
    const unknown = orgwire(['requests', 'forget', 'jira:NOPE', '--db', 'org.db'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('No requests are kept from "jira:NOPE"');
    expect(unknown.stderr).toContain('The trackers kept: csv');
    noStackTrace(unknown.stderr);
    const forgot = orgwire(['requests', 'forget', 'csv', '--db', 'org.db'], dir);
    expect(forgot.status).toBe(0);
    expect(forgot.stderr).toContain(`Forgot ${first.requests} requests from csv.`);
    expect(orgwire(['requests', '--db', 'org.db', '--format', 'json'], dir).stdout).toContain(
      '"trackers": []',
    );
    const badRepo = orgwire(['queues', '--requests', 'week-1.csv', '--requests-repo', 'nope'], dir);
    expect(badRepo.status).toBe(2);
    expect(badRepo.stderr).toContain('owner/name');
  });

  it('takes the providing team from a GitHub project\u2019s items, read with the issues or after them', () => {
    const dir = fresh('requests-project');
    const group = (name: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\n  annotations: { github.com/team-slug: trailhead/${name} }\nspec:\n  type: team\n  children: []\n`;
    const fixture = (name: string) => readFileSync(resolve('test/fixtures/requests', name), 'utf8');
    write(dir, {
      'catalog/teams.yaml': ['billing-integration', 'platform', 'checkout', 'mobile-apps']
        .map(group)
        .join('---\n'),
      'orgwire.yaml': [
        'catalog: ./catalog',
        'requests:',
        '  github: { provider: billing-integration, requester: checkout }',
        '  githubProject: { field: Team, teams: { Payments: platform } }',
      ].join('\n'),
      'issues.json': fixture('rest-issues.json'),
      'items.json': fixture('gh-project-items.txt'),
    });
    const providers = (...files: string[]) => {
      const result = orgwire(
        [
          'queues',
          '--db',
          'org.db',
          '--format',
          'json',
          ...files.flatMap((f) => ['--requests', f]),
        ],
        dir,
      );
      expect(result.status).toBe(0);
      noStackTrace(result.stderr);
      const queues = JSON.parse(result.stdout).queues as { team: string; arrivals: number }[];
      return { queues: queues.map((q) => [q.team, q.arrivals]), stderr: result.stderr };
    };
    // The issues alone: #201 and #203 both ask billing, the repository's team.
    expect(providers('issues.json').queues).toEqual([['group:default/billing-integration', 2]]);
    // The board moves #201 to platform (its Team is Payments), in a later run or the same.
    const later = providers('items.json');
    expect(later.queues).toEqual([
      ['group:default/billing-integration', 1],
      ['group:default/platform', 1],
    ]);
    expect(later.stderr).toContain(
      'items.json: 1 item of the project name issues orgwire has not read (github:trailhead/billing-service#301 the first)',
    );
    rmSync(join(dir, 'org.db'));
    expect(providers('issues.json', 'items.json').queues).toEqual(later.queues);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --help | head -1`], {
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('Usage: orgwire [options] [command]\n');
    expect(result.stderr).toBe('');
  });

  it('shows examples in the help of every command', () => {
    expect(orgwire(['--help']).stdout).toContain('Examples:');
    for (const args of [
      ['validate', '--help'],
      ['init', '--help'],
      ['owners', '--help'],
      ['analyze', '--help'],
    ]) {
      const result = orgwire(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout).toContain('--format');
    }
  });

  it('analyses the demo organisation and finds its planted stories', () => {
    const dir = fresh('demo');
    const result = orgwire(['analyze', '--demo', '--format', 'json'], dir);
    expect(result.status).toBe(0);
    expect(existsSync(join(dir, '.orgwire/demo/shop/.git'))).toBe(true);
    const json = JSON.parse(result.stdout);
    const team = (name: string) => `group:default/${name}`;
    const component = (name: string) => `component:default/${name}`;
    // 90 whole days ending with the newest commit's day.
    expect(json.window).toEqual({ since: '2026-08-02', until: '2026-10-30' });
    expect(json.teams.filter((t: { type: string | null }) => t.type !== null)).toHaveLength(8);
    // The contractor is listed, the bot is left out.
    expect(json.identities.unmatched.map((u: { email: string }) => u.email)).toEqual([
      'dana@freelance-devs.io',
    ]);
    expect(json.identities.botCommits).toBeGreaterThan(0);
    // Teams that work together without a declared interaction: the strongest unwired needs.
    const unwired = json.coordination.needs
      .filter((n: { wired: boolean }) => !n.wired)
      .map((n: { teams: string[] }) => n.teams.join(' + '));
    expect(unwired.slice(0, 2)).toEqual([
      `${team('mobile-app')} + ${team('web-storefront')}`,
      `${team('call-centre')} + ${team('stores')}`,
    ]);
    // The component five teams change.
    const catalogComponent = json.ownership.components.find(
      (c: { ref: string }) => c.ref === component('product-catalog'),
    );
    expect(catalogComponent.teams).toHaveLength(5);
    // The two deployables one team always changes together.
    expect(json.coupling.pairs).toContainEqual(
      expect.objectContaining({
        a: component('pricing-engine'),
        b: component('pricing-sync'),
        changeTogether: true,
      }),
    );
    // scripts/, which every team touches and nobody owns, is left out on purpose by the
    // demo's orgwire.yaml, and said so: it makes no need and no unowned path.
    expect(json.ownership.unownedPaths.map((p: { folder: string }) => p.folder)).toEqual(['/']);
    expect(json.ignored.patterns).toContainEqual({
      pattern: 'scripts/',
      source: 'orgwire.yaml',
      files: 3,
    });
    expect(json.ignored.commits).toBeGreaterThan(0);
    expect(
      json.coordination.needs.flatMap((n: { components: { ref: string }[] }) =>
        n.components.map((c) => c.ref),
      ),
    ).not.toContain('folder:shop:scripts');
    // Rosa is in platform and enablement: alone, she makes no need between them.
    expect(
      json.coordination.needs.find(
        (n: { teams: string[] }) => n.teams.join() === `${team('enablement')},${team('platform')}`,
      ),
    ).toBeUndefined();
    expect(json.identities.coverage).toBeGreaterThan(0.9);
    // A second run reads nothing new and gives the same report.
    const again = orgwire(['analyze', '--demo', '--format', 'json'], dir);
    expect(JSON.parse(again.stdout)).toEqual(json);
    expect(readFileSync(join(dir, '.orgwire/demo/shop.fingerprint'), 'utf8')).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('selects the same commits when given back the days of its window, and refuses a --since after the newest commit', () => {
    // The demo's store from the test above, when it ran; built anew otherwise.
    const dir = fresh('demo');
    const json = JSON.parse(orgwire(['analyze', '--demo', '--format', 'json'], dir).stdout);

    // The window's days, given back, select the same commits.
    const { since, until } = json.window;
    const given = orgwire(
      ['analyze', '--demo', '--format', 'json', '--since', since, '--until', until],
      dir,
    );
    expect(given.status).toBe(0);
    expect(JSON.parse(given.stdout)).toEqual(json);

    // A --since after the newest commit would analyse nothing: an input error.
    const late = orgwire(['analyze', '--demo', '--since', '2027-01-01'], dir);
    expect(late.status).toBe(2);
    expect(late.stdout).not.toContain('Window');
    expect(late.stderr).toBe(
      'error: --since 2027-01-01 is after the newest commit (2026-10-30).\n' +
        '  Pass an earlier --since, or leave it out to analyse the last 90 days.\n',
    );
    // Three runs of the demo, and its history built when this test runs alone.
  }, 120_000);
});
