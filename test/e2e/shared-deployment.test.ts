// The shared deployment: many repositories ingested in parallel into one PostgreSQL, by
// several processes at once, killed at a random moment and resumed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitSpec, createRepo, type Signature, type TestRepo } from '../helpers/git-repo.js';
import { POSTGRES, type TestStore } from '../helpers/store-dialects.js';

const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-e2e-shared-'));
const repos: TestRepo[] = [];
const stores: TestStore[] = [];
afterAll(async () => {
  await Promise.all([...repos.map((r) => r.cleanup()), ...stores.map((s) => s.drop())]);
  rmSync(work, { recursive: true, force: true });
});

const PEOPLE: Signature[] = [
  { name: 'Ana Lima', email: 'ana@acme.example' },
  { name: 'Ben Okafor', email: 'ben@acme.example' },
  { name: 'Cy Young', email: 'cy@acme.example' },
  { name: 'Dee Park', email: 'dee@acme.example' },
];

/** The CLI saves 2,000 commits per transaction. */
const BATCH = 2_000;

/** Runs the built CLI to its end with no terminal. */
function orgwire(args: readonly string[], cwd = work) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ORGWIRE_DB: '' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built CLI in the background. */
function start(args: readonly string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: work,
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { child, exited: new Promise((done) => child.on('exit', (code) => done(code))) };
}

async function freshDb(): Promise<TestStore> {
  const made = await POSTGRES.fresh();
  stores.push(made);
  return made;
}

/** Rows of a query on a PostgreSQL store. */
async function query<T>(store: TestStore, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: store.location });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Per repository folder: how many commits the store holds, distinct shas, and its tip. */
async function perRepository(store: TestStore) {
  return query<{ path: string; n: string; distinct_: string; tip: string | null }>(
    store,
    `select r.path, count(c.sha) as n, count(distinct c.sha) as distinct_,
       (select tip from ingest_state s where s.repository_id = r.id) as tip
     from repositories r left join commits c on c.repository_id = r.id
     group by r.id, r.path order by r.path`,
  );
}

/** A repository under `root` with `count` commits by the four people over five folders. */
async function repoWith(root: string, name: string, count: number): Promise<TestRepo> {
  const repo = await createRepo();
  repos.push(repo);
  repo.importCommits(
    Array.from(
      { length: count },
      (_, i): CommitSpec => ({
        author: PEOPLE[(i * 7 + name.length) % PEOPLE.length] as Signature,
        files: { [`${name}-d${i % 5}/f${i % 40}.ts`]: `v${i}\n` },
      }),
    ),
  );
  const target = join(root, name);
  mkdirSync(root, { recursive: true });
  // The repositories live below one root, as an organisation's checkouts do.
  spawnSync('git', ['clone', '-q', repo.dir, target]);
  return repo;
}

describe.skipIf(POSTGRES.off)('many repositories into one PostgreSQL', () => {
  const root = join(work, 'org');
  const counts = { shop: 5_000, pay: 4_500, web: 3_000, ops: 600, data: 2_100 };
  let clean: TestStore;
  let analysis: unknown;
  /** How long the clean ingest took, in milliseconds: the kills land within it. */
  let took = 0;

  beforeAll(async () => {
    for (const [name, count] of Object.entries(counts)) await repoWith(root, name, count);
    clean = await freshDb();
    const started = Date.now();
    const ingested = orgwire([
      'ingest',
      '--repo-root',
      root,
      '--jobs',
      '2',
      '--db',
      clean.location,
      '--quiet',
    ]);
    expect(ingested.stderr).toBe('');
    expect(ingested.status).toBe(0);
    took = Date.now() - started;
    analysis = analyze(clean);
  }, 240_000);

  /** The analysis of the organisation from a store: nothing left to ingest. */
  function analyze(store: TestStore): unknown {
    const run = orgwire([
      'analyze',
      '--repo-root',
      root,
      '--db',
      store.location,
      '--window',
      '1y',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The store's own numbering of repositories follows who inserted first: not the analysis.
    return JSON.parse(run.stdout, (key, value) => (key === 'repositoryId' ? undefined : value));
  }

  it('stores every commit of every repository once, found below the root', async () => {
    const rows = await perRepository(clean);
    expect(
      rows.map((r) => [r.path.slice(root.length + 1), Number(r.n), Number(r.distinct_)]),
    ).toEqual(
      Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, count]) => [name, count, count]),
    );
  });

  it('resumes a parallel ingest killed at a random moment to exactly the analysis of a clean run', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), async (moment) => {
        const store = await freshDb();
        const run = start([
          'ingest',
          '--repo-root',
          root,
          '--jobs',
          '2',
          '--db',
          store.location,
          '--quiet',
        ]);
        await Promise.race([sleep(moment * took), run.exited]);
        run.child.kill('SIGKILL');
        await run.exited;
        // Every repository at a batch boundary: whole batches, exactly the ancestry of its tip.
        for (const row of await perRepository(store).catch(() => [])) {
          const name = row.path.slice(root.length + 1) as keyof typeof counts;
          const n = Number(row.n);
          expect(Number(row.distinct_)).toBe(n);
          expect(n === counts[name] || n % BATCH === 0, `${name}: ${n}`).toBe(true);
          if (row.tip !== null) {
            const ancestry = spawnSync('git', ['rev-list', '--count', row.tip], {
              cwd: row.path,
              encoding: 'utf8',
            });
            expect(Number(ancestry.stdout)).toBe(n);
          } else expect(n).toBe(0);
        }
        expect(analyze(store)).toEqual(analysis);
        await store.drop();
      }),
      { numRuns: 3 },
    );
  }, 240_000);

  it('takes ingests of different repositories from several processes at once', async () => {
    const store = await freshDb();
    const lists = join(work, 'lists');
    mkdirSync(lists, { recursive: true });
    // Relative to the list's own folder; comments and blank lines skipped.
    writeFileSync(join(lists, 'a.txt'), '# the shop side\n../org/shop\n../org/ops\n\n');
    writeFileSync(
      join(lists, 'b.txt'),
      `${join(root, 'pay')}\n${join(root, 'web')}\n${join(root, 'data')}\n`,
    );
    const runs = ['a.txt', 'b.txt'].map((list) =>
      start([
        'ingest',
        '--repos-from',
        join(lists, list),
        '--jobs',
        '2',
        '--db',
        store.location,
        '--quiet',
      ]),
    );
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0]);
    expect(analyze(store)).toEqual(analysis);
  }, 240_000);

  it('reports a repository that cannot be read, stores the others, and exits 1 with the list', async () => {
    const store = await freshDb();
    const broken = join(work, 'broken-root');
    mkdirSync(join(broken, 'not-a-repo', '.git'), { recursive: true });
    const list = join(work, 'with-broken.txt');
    writeFileSync(
      list,
      `${join(root, 'ops')}\n${join(broken, 'not-a-repo')}\n${join(work, 'missing')}\n`,
    );
    const run = orgwire([
      'ingest',
      '--repos-from',
      list,
      '--db',
      store.location,
      '--format',
      'json',
    ]);
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout) as {
      repositories: { dir: string; commits: number }[];
      failed: { dir: string; error: string }[];
    };
    expect(out.repositories).toEqual([
      expect.objectContaining({ dir: join(root, 'ops'), commits: 600 }),
    ]);
    expect(out.failed.map((f) => f.dir)).toEqual([
      join(broken, 'not-a-repo'),
      join(work, 'missing'),
    ]);
    expect(out.failed[0]?.error).toMatch(/not a git repository/);
    expect(run.stderr).toMatch(/2 repositories of 3 could not be read; the others were stored/);
  }, 60_000);

  it('says plainly when no PostgreSQL answers, with no stack trace and exit 2', () => {
    const run = orgwire([
      'ingest',
      '--repo',
      join(root, 'ops'),
      '--db',
      'postgres://orgwire:secret@127.0.0.1:9/none',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /No PostgreSQL answers at postgres:\/\/orgwire:\*\*\*@127\.0\.0\.1:9\/none/,
    );
    expect(run.stderr).not.toMatch(/secret| {4}at /);
  });
});
