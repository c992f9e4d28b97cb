import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../helpers/git-repo.js';

// Figures true to the organisation, end to end through the built CLI: who is who from
// what the work says, suggestions kept as aliases, noise left out, headline weights.

const BIN = resolve('bin/orgwire.js');
function orgwire(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Two teams keyed by GitHub logins only, as a GitHub team file gives them.
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: [], members: [ana-lima, ben-okafor]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ops}
spec: {type: team, children: [], members: [cy-tan, dee-roy]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana-lima, annotations: {github.com/user-login: analima}}
spec: {memberOf: [], profile: {displayName: Ana Lima}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben-okafor, annotations: {github.com/user-login: benok}}
spec: {memberOf: [], profile: {displayName: Ben Okafor}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: cy-tan, annotations: {github.com/user-login: cytan}}
spec: {memberOf: [], profile: {displayName: Cy Tan}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: dee-roy, annotations: {github.com/user-login: deeroy}}
spec: {memberOf: [], profile: {displayName: Dee Roy}}
`;

const ANA = { name: 'Ana Lima', email: 'ana@laptop.local' }; // suggested by her display name
const BEN = { name: 'B. Okafor', email: 'b.okafor@corp.example' }; // known by his pull requests
const CY = { name: 'Cy', email: 'cytan@corp.example' }; // local part is the login
const DEE = { name: 'deeroy', email: 'dee@home.example' }; // name is the login
const GH = { name: 'GitHub', email: 'noreply@github.com' };

let repo: TestRepo;
let dir: string;
beforeAll(async () => {
  repo = await createRepo();
  dir = join(repo.dir, '..', `${repo.dir.split('/').pop()}-work`);
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  writeFileSync(join(dir, 'catalog', 'org.yaml'), CATALOG);
  writeFileSync(join(dir, 'orgwire.yaml'), '# our settings\ncatalog: catalog\n');
  repo.commit({ author: CY, files: { 'web/a.ts': '0', 'ops/x.tf': '0' } });
  repo.git(['checkout', '-q', '-b', 'pr']);
  repo.commit({ author: BEN, files: { 'web/a.ts': '1' } });
  repo.commit({ author: BEN, files: { 'web/b.ts': '1' } });
  repo.git(['checkout', '-q', 'main']);
  repo.merge({ branch: 'pr', author: GH, message: 'Merge pull request #1 from benok/pr' });
  for (let i = 0; i < 4; i++) {
    repo.commit({ author: ANA, files: { 'web/a.ts': `ana ${i}` } });
    repo.commit({ author: CY, files: { 'web/a.ts': `cy ${i}`, 'ops/x.tf': `${i}` } });
  }
  repo.commit({ author: DEE, files: { 'ops/x.tf': 'dee' } });
  // Noise: a lock-file bump by Dee, and a shared scripts folder both teams touch.
  repo.commit({ author: DEE, files: { 'package-lock.json': '{}' } });
  repo.commit({ author: ANA, files: { 'tools/release.sh': 'a' } });
  repo.commit({ author: CY, files: { 'tools/release.sh': 'c' } });
});
afterAll(() => repo?.cleanup());

const analyze = (extra: string[] = []) => {
  const result = orgwire(
    ['analyze', '--repo', repo.dir, '--db', 'o.db', '--format', 'json', ...extra],
    dir,
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
};

describe('who is who, from what the work says', () => {
  it('matches authors by pull-request logins, logins in e-mails and names, and suggests the rest', () => {
    const json = analyze();
    expect(json.identities.matchedBy).toEqual({
      'merge-login': 1,
      'login-in-email': 1,
      'login-as-name': 1,
    });
    // People's commits 14 (the merge is left out); Ana's 5 are uncredited → 9/14.
    expect(json.identities.peopleCommits).toBe(14);
    expect(json.identities.creditedCommits).toBe(9);
    expect(json.identities.coverage).toBe(0.643);
    expect(json.identities.unmatched).toEqual([
      {
        ...ANA,
        commits: 5,
        suggestion: {
          user: 'user:default/ana-lima',
          score: 1,
          why: 'name "Ana Lima" = login "analima"',
        },
      },
    ]);
  });

  it('warns in the headline below 80% coverage, with who would lift it and the fix', () => {
    const table = orgwire(['analyze', '--repo', repo.dir, '--db', 'o.db'], dir).stdout;
    expect(table).toMatch(/⚠ Coverage 64%: 9 of the 14 commits by people are credited/);
    expect(table).toMatch(
      /Most uncredited work: Ana Lima <ana@laptop.local> 5 \(probably\s+ana-lima\)/,
    );
    expect(table).toContain('`orgwire identities`');
  });

  it('keeps accepted suggestions as aliases in orgwire.yaml, comments kept, and coverage rises', () => {
    const listed = orgwire(['identities', '--repo', repo.dir, '--db', 'o.db'], dir);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/Ana Lima <ana@laptop.local>\s+5\s+ana-lima\s+1\.00/);
    const accepted = orgwire(['identities', '--repo', repo.dir, '--db', 'o.db', '--accept'], dir);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('coverage 64% → 100%');
    const config = readFileSync(join(dir, 'orgwire.yaml'), 'utf8');
    expect(config).toContain('# our settings');
    expect(config).toMatch(/aliases:\n\s+ana@laptop.local: ana-lima/);
    expect(analyze().identities.coverage).toBe(1);
  });

  it('refuses an alias to nobody with exit 2, naming it', () => {
    const other = join(dir, 'bad.yaml');
    writeFileSync(other, 'catalog: catalog\nidentities:\n  aliases:\n    x@y.example: ana-lma\n');
    const result = orgwire(['--config', other, 'analyze', '--repo', repo.dir, '--db', 'o.db'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('identities.aliases: x@y.example → ana-lma names no User');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses identities without a repository or without users, with exit 2', () => {
    expect(orgwire(['identities'], dir).status).toBe(2);
    const bare = orgwire(['--config', '/dev/null', 'identities', '--repo', repo.dir], repo.dir);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('no User');
  });
});

describe('noise left out, on purpose and in sight', () => {
  it('leaves lock files out by default, and a commit that touched only them counts for nothing', () => {
    const json = analyze();
    expect(json.ignored.patterns).toContainEqual({
      pattern: 'package-lock.json',
      source: 'default',
      files: 1,
    });
    // 15 commits (the merge aside); the lock-file bump is not among the window's commits.
    expect(json.ignored.commits).toBe(1);
    expect(json.identities.commits).toBe(14);
  });

  it('leaves out what --ignore names, and takes a default back with !', () => {
    const before = analyze();
    const tools = (j: { ownership: { components: { ref: string }[] } }) =>
      j.ownership.components.some((c) => c.ref.endsWith(':tools'));
    expect(tools(before)).toBe(true);
    const after = analyze(['--ignore', 'tools/', '--ignore', '!package-lock.json']);
    expect(tools(after)).toBe(false);
    // The two tools/ commits count for nothing; the lock-file bump counts again.
    expect(after.ignored.commits).toBe(2);
    expect(after.identities.commits).toBe(13);
    expect(after.ignored.patterns.at(-1)).toEqual({
      pattern: '!package-lock.json',
      source: '--ignore',
      files: 0,
    });
  });

  it('keeps needs lighter than --min-weight out of the headline but in the JSON', () => {
    const json = analyze(['--min-weight', '100']);
    expect(json.coordination.minWeight).toBe(100);
    expect(json.coordination.needs.length).toBeGreaterThan(0);
    const table = orgwire(
      ['analyze', '--repo', repo.dir, '--db', 'o.db', '--min-weight', '100'],
      dir,
    ).stdout;
    expect(table).toMatch(/unwired needs? lighter than 100 left out of the headline/);
    expect(orgwire(['analyze', '--repo', repo.dir, '--min-weight', '-1'], dir).status).toBe(2);
  });
});
