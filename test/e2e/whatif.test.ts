import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitSpec, createRepo, type TestRepo } from '../helpers/git-repo.js';

// What-if through the built CLI: web (ana) and pay (ben) both change cart every week; a
// scenario declares their collaboration and moves ben to web. Its `after` must be what
// `analyze` says of a catalog edited by hand the same way.

const BIN = resolve('bin/orgwire.js');
const work = realpathSync(mkdtempSync(join(tmpdir(), 'orgwire-whatif-')));
let repo: TestRepo;

function orgwire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const org = (web: string[], pay: string[], interaction = '') =>
  [
    `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: web}\nspec: {type: team, children: [], members: [${web.join(', ')}]${interaction}}\n`,
    `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: pay}\nspec: {type: team, children: [], members: [${pay.join(', ')}]}\n`,
    ...['ana', 'ben', 'cy'].map(
      (name) =>
        `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ${name}}\nspec: {memberOf: [], profile: {email: ${name}@acme.example}}\n`,
    ),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: cart, annotations: {orgwire.dev/paths: "cart/**"}}\nspec: {type: service, lifecycle: production, owner: web}\n',
  ].join('---\n');

const SCENARIO = `apiVersion: orgwire.dev/v1alpha1
kind: Scenario
metadata: {name: wire-cart}
spec:
  changes:
    - interaction: {between: [web, pay], mode: collaboration}
    - movePerson: {user: cy, from: pay, to: web}
`;

beforeAll(async () => {
  for (const [dir, text] of [
    ['before', org(['ana'], ['ben', 'cy'])],
    ['edited', org(['ana', 'cy'], ['ben'], ', interactions: [{with: pay, mode: collaboration}]')],
  ] as const) {
    mkdirSync(join(work, dir));
    writeFileSync(join(work, dir, 'org.yaml'), text);
  }
  writeFileSync(join(work, 'wire-cart.yaml'), SCENARIO);
  repo = await createRepo();
  const specs: CommitSpec[] = [];
  for (let day = 0; day < 30; day++)
    for (const person of ['ana', 'ben', 'cy'])
      specs.push({
        author: { name: person, email: `${person}@acme.example` },
        date: new Date(Date.UTC(2026, 0, 5 + day, 9 + (specs.length % 5))),
        files: { [`cart/${person}${day}.ts`]: 'x' },
      });
  repo.importCommits(specs);
}, 120_000);
afterAll(async () => {
  await repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('orgwire whatif', () => {
  it('gives as `after` what analyze says of the catalog edited by hand the same way', () => {
    const out = orgwire([
      'whatif',
      'wire-cart.yaml',
      '--repo',
      repo.dir,
      '--catalog',
      'before',
      '--format',
      'json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    const edited = JSON.parse(
      orgwire(['analyze', '--repo', repo.dir, '--catalog', 'edited', '--format', 'json', '--quiet'])
        .stdout,
    );
    const original = JSON.parse(
      orgwire(['analyze', '--repo', repo.dir, '--catalog', 'before', '--format', 'json', '--quiet'])
        .stdout,
    );
    expect(json.after.coordination).toEqual(edited.coordination);
    expect(json.after.teams).toEqual(edited.teams);
    expect(json.before.coordination).toEqual(original.coordination);
    // web + pay was the one unwired need; the interaction wires it.
    expect(json.changes.congruence.before.weighted).toBe(0);
    expect(json.changes.congruence.after.weighted).toBe(1);
    expect(json.changes.resolved.map((n: { teams: string[] }) => n.teams)).toEqual([
      ['group:default/pay', 'group:default/web'],
    ]);
    expect(json.changes.teams).toEqual([
      { team: 'group:default/pay', members: [2, 1], owns: [0, 0] },
      { team: 'group:default/web', members: [1, 2], owns: [1, 1] },
    ]);
  });

  it('prints before → after in the terminal', () => {
    const out = orgwire(['whatif', 'wire-cart.yaml', '--repo', repo.dir, '--catalog', 'before']);
    expect(out.stdout).toMatch(/Congruence\s+0% → 100%\s+\(\+100 pts\)/);
    expect(out.stdout).toMatch(/Unwired needs it resolves \(1\)\n\s+pay \+ web/);
  });

  it('refuses a change the catalog cannot take at its line, and a scenario that is none, with exit 2', () => {
    writeFileSync(
      join(work, 'bad.yaml'),
      SCENARIO.replace('{user: cy, from: pay, to: web}', '{user: cy, from: web, to: pay}'),
    );
    const bad = orgwire(['whatif', 'bad.yaml', '--repo', repo.dir, '--catalog', 'before']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:7:7');
    expect(bad.stderr).toContain('cy is not in web');
    writeFileSync(join(work, 'none.yaml'), 'apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\n');
    const none = orgwire(['whatif', 'none.yaml', '--repo', repo.dir, '--catalog', 'before']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('none.yaml:');
    expect(none.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
