import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../helpers/git-repo.js';

const BIN = resolve('bin/orgwire.js');
const SLOW = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
const DEEP = `${'**/a/'.repeat(8)}b`;
/** A file name the old matchers took longer than the age of the universe over. */
const LONG_NAME = `${'a'.repeat(200)}.ts`;
/** Past the 32,768 characters where a pattern's RegExp became "too large". */
const HUGE = `/${'x'.repeat(33_000)}`;
/** A minute is a hundred times what each command needs here; the old code never returned. */
const PROMPTLY = 60_000;

const work = mkdtempSync(join(tmpdir(), 'orgwire-globs-'));
let repo: TestRepo;
let catalog: string;

function orgwire(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: PROMPTLY,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

beforeAll(async () => {
  repo = await createRepo();
  repo.commit({
    author: { name: 'Ana', email: 'ana@acme.example' },
    files: {
      [`src/${LONG_NAME}`]: '1',
      [`${'a/'.repeat(40)}c.ts`]: '2',
      'src/ok.ts': '3',
      CODEOWNERS: `* @acme/web\n${SLOW} @acme/slow\n${DEEP} @acme/deep\n${HUGE} @acme/huge\n`,
    },
  });
  catalog = join(work, 'catalog');
  mkdirSync(catalog);
  writeFileSync(
    join(catalog, 'org.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web, annotations: {github.com/team-slug: acme/web}}
spec: {type: team, children: []}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: slow
  annotations: {orgwire.dev/paths: "${SLOW}, ${DEEP}"}
spec: {type: service, lifecycle: production, owner: web}
`,
  );
});
afterAll(async () => {
  await repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('globs that made the old matchers backtrack, end to end', () => {
  it('owners decides long names against "*a*a…*b" in CODEOWNERS and the catalog at once', () => {
    const long = 'a'.repeat(10_000);
    const result = orgwire([
      'owners',
      ...[`src/${LONG_NAME}`, `src/${long}`, `src/${long}b`, `${long}b`, 'src/ok.ts'],
      ...['--repo', repo.dir, '--catalog', catalog, '--format', 'json'],
    ]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    const label = repo.dir.split('/').at(-1) as string;
    const paths = JSON.parse(result.stdout).paths as { component: string }[];
    expect(paths.map((p) => p.component)).toEqual([
      `codeowners:${label}:*`,
      `codeowners:${label}:*`,
      `codeowners:${label}:${SLOW}`,
      // The catalog glob has no slash: anchored at the root, it matches a top-level name only.
      'component:default/slow',
      `codeowners:${label}:*`,
    ]);
  });

  it('owners --check reads the 33,000-character pattern and the slow ones, and reports them as dead rules', () => {
    const result = orgwire([
      'owners',
      '--check',
      '--repo',
      repo.dir,
      '--catalog',
      catalog,
      '--format',
      'json',
    ]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout).findings as { code: string; line: number }[];
    // No file at HEAD ends in `b`: the slow, the deep and the huge rule all match nothing.
    expect(findings.filter((f) => f.code === 'codeowners/dead-rule').map((f) => f.line)).toEqual([
      2, 3, 4,
    ]);
  });

  // Not from .gitattributes: git itself backtracks on such a pattern there (`git add` of the
  // long name never returned), so createPathFilter's unit tests cover that source.
  it('analyze applies "*a*a…*b" and "**/a/**/a/…" given to --ignore at once', () => {
    const result = orgwire([
      'analyze',
      ...['--repo', repo.dir, '--catalog', catalog, '--db', join(work, 'o.db')],
      ...['--ignore', SLOW, '--ignore', DEEP, '--window', '365d', '--format', 'json'],
    ]);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    const ignored = JSON.parse(result.stdout).ignored.patterns as {
      pattern: string;
      files: number;
    }[];
    expect(
      ignored.filter((p) => p.pattern === DEEP || p.pattern === SLOW).every((p) => p.files === 0),
    ).toBe(true);
  });
});
