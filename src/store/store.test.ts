import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_DIALECTS, type TestStore } from '../../test/helpers/store-dialects.js';
import type { CommitRecord, RequestRecord } from '../model/index.js';
import {
  createDb,
  createStore,
  type Database,
  type DbConfig,
  migrateToLatest,
  openStore,
  type Store,
  type StoreOptions,
} from './index.js';
import { MIGRATIONS } from './migrations.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-store-'));
  file = join(dir, 'nested', 'folder', 'orgwire.db');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The store of a test run on every dialect; the SQLite-only tests use `file`. */
let generic: DbConfig | undefined;

/** Where the test's store is. */
function config(): DbConfig {
  return generic ?? { dialect: 'sqlite', file };
}

/** Opens the test database as a command does. */
function open(now?: () => Date): Promise<Store> {
  const options: StoreOptions = now === undefined ? {} : { now };
  return openStore(config(), options);
}

/** Runs `use` on a freshly opened store and closes it whatever happens. */
async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

let shaCounter = 0;
function commit(overrides: Partial<CommitRecord> = {}): CommitRecord {
  shaCounter += 1;
  return {
    sha: shaCounter.toString(16).padStart(40, '0'),
    time: 1_700_000_000,
    author: { name: 'Ana Lima', email: 'ana@acme.example' },
    coAuthors: [],
    parents: 1,
    files: [{ path: 'src/a.ts', status: 'M', added: 1, deleted: 0 }],
    ...overrides,
  };
}

async function readAll(store: Store, query: Parameters<Store['commits']>[0]) {
  const out = [];
  for await (const c of store.commits(query)) out.push(c);
  return out;
}

describe('createDb', () => {
  it('creates the folder of the database file and turns on WAL and foreign keys', async () => {
    const db = createDb({ dialect: 'sqlite', file });
    expect(existsSync(join(dir, 'nested', 'folder'))).toBe(true);
    await migrateToLatest(db);
    await db.destroy();
    const raw = new SqliteDatabase(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('names the file when it is not a database, and leaves it as it was', async () => {
    const junk = join(dir, 'junk.db');
    const text = 'not a database, just some text '.repeat(100);
    await writeFile(junk, text);
    expect(() => createDb({ dialect: 'sqlite', file: junk })).toThrow(
      /junk\.db is not an orgwire store: it is not a SQLite database\. orgwire did not change it\./,
    );
    expect(await readFile(junk, 'utf8')).toBe(text);
  });

  it('creates the store readable by its owner only, in folders only its owner can open', async () => {
    const db = createDb({ dialect: 'sqlite', file });
    await migrateToLatest(db);
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(join(dir, 'nested', 'folder'))).toBe(0o700);
    expect(mode(join(dir, 'nested'))).toBe(0o700);
    await db.destroy();
  });

  it('says what is in the way when a folder of the path is a file', async () => {
    await writeFile(join(dir, 'nested'), 'a file');
    expect(() => createDb({ dialect: 'sqlite', file })).toThrow(
      expect.objectContaining({
        code: 'store',
        message: expect.stringMatching(/Cannot open the store .*: .*ENOTDIR/),
      }),
    );
  });
});

describe('migrateToLatest on SQLite', () => {
  it('refuses, unchanged, a store whose table of an unrecorded migration holds rows', async () => {
    file = join(dir, 'orgwire.db');
    const raw = new SqliteDatabase(file);
    raw.exec("create table commits (something text); insert into commits values ('kept')");
    raw.close();
    const db = createDb({ dialect: 'sqlite', file });
    const report = await migrateToLatest(db);
    await db.destroy();
    expect(report.error?.message).toMatch(
      /^Could not bring the database schema up to date: migrations could not run: table commits of migration 0001-initial holds rows/,
    );
    await expect(open()).rejects.toThrow(
      /The store .* could not be brought up to date: .*orgwire did not change it/,
    );
    const after = new SqliteDatabase(file, { readonly: true });
    expect(after.prepare('select something from commits').all()).toEqual([{ something: 'kept' }]);
    after.close();
  });

  it('keeps the requests an earlier orgwire kept per export, under the export, when it moves them to tickets', async () => {
    file = join(dir, 'orgwire.db');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(file) }),
    });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    expect((await migrator.migrateTo('0007-kept-results')).error).toBeUndefined();
    await sql`insert into requests values ('/exports/a.csv', 'R-1', 'group:default/web', 'group:default/ops', 100, 150, 200, 'Bug', 'a.csv:2'), ('/exports/a.csv', 'R-2', 'group:default/web', 'group:default/ops', 120, null, null, null, 'a.csv:3')`.execute(
      db,
    );
    await db.destroy();
    await withStore(async (store) => {
      expect(await store.requests()).toEqual([
        {
          tracker: 'export:/exports/a.csv',
          id: 'R-1',
          requester: 'group:default/web',
          provider: 'group:default/ops',
          created: 100,
          started: 150,
          done: 200,
          type: 'Bug',
          updated: 200,
          source: 'a.csv:2',
        },
        {
          tracker: 'export:/exports/a.csv',
          id: 'R-2',
          requester: 'group:default/web',
          provider: 'group:default/ops',
          created: 120,
          updated: 120,
          source: 'a.csv:3',
        },
      ]);
    });
  });

  it('opens a store already up to date without waiting for another process\u2019s write', async () => {
    await (await open()).close();
    const writer = new SqliteDatabase(file);
    writer.exec('begin immediate');
    try {
      const started = Date.now();
      await withStore(async (store) => {
        expect(await store.tokens()).toEqual([]);
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      writer.exec('rollback');
      writer.close();
    }
  });

  it('recovers every half-migrated store an older orgwire left when it was killed between two schema changes', async () => {
    // Only these were ever run outside a transaction: later ones came with transactional ones.
    const names = Object.keys(MIGRATIONS).slice(0, 5);
    const reference = await schemaOf(join(dir, 'reference.db'), async (db) => {
      expect((await migrateToLatest(db)).error).toBeUndefined();
    });
    let cases = 0;
    for (const [index, name] of names.entries()) {
      for (let statements = 0; ; statements++) {
        file = join(dir, `old-${index}-${statements}.db`);
        const finished = await killedOldMigration(file, names.slice(0, index), name, statements);
        if (finished) break;
        cases++;
        const store = await open();
        if (index > 0) {
          // What the store held before the upgrade is kept.
          expect(await store.timeRange([1])).toEqual({
            oldest: 1_700_000_000,
            newest: 1_700_000_000,
          });
        }
        await store.close();
        expect(await schemaOf(file)).toEqual(reference);
      }
    }
    // 0001 makes 3 tables, 0002 1, 0003 6 tables and indexes, 0004 2, 0005 2: a kill before each.
    expect(cases).toBe(14);
  });
});

/**
 * Builds what an orgwire from before transactional migrations left when killed: the
 * migrations `applied` run and recorded (with a commit stored, once the commits table
 * exists), then `name` run the old way, without a transaction, stopped after `statements`
 * schema changes and never recorded. Returns true when `name` has fewer statements than
 * that (nothing to kill).
 */
async function killedOldMigration(
  path: string,
  applied: readonly string[],
  name: string,
  statements: number,
): Promise<boolean> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(path) }),
  });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    if (applied.length > 0) {
      const done = await migrator.migrateTo(applied.at(-1) as string);
      if (done.error) throw done.error;
      await db.insertInto('repositories').values({ path: '/repos/shop', label: 'shop' }).execute();
      await sql`insert into commits values (1, ${'a'.repeat(40)}, 1700000000, 'Ana', 'ana@x', '[]', 1, '[]', 1)`.execute(
        db,
      );
    } else {
      // A new store: the migrator's own tables come first.
      await migrator.getMigrations();
    }
    let left = statements;
    const killed = db.withPlugin({
      transformQuery: ({ node }) => {
        if (left-- <= 0) throw new Error('killed');
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    try {
      await (MIGRATIONS[name] as { up(db: Kysely<unknown>): Promise<void> }).up(
        killed as unknown as Kysely<unknown>,
      );
      return true;
    } catch (error) {
      if ((error as Error).message !== 'killed') throw error;
      return false;
    }
  } finally {
    await db.destroy();
  }
}

/** The schema of the store at `path` (after `prepare`, when given) as SQLite records it. */
async function schemaOf(
  path: string,
  prepare?: (db: ReturnType<typeof createDb>) => Promise<void>,
): Promise<unknown[]> {
  if (prepare) {
    const db = createDb({ dialect: 'sqlite', file: path });
    await prepare(db);
    await db.destroy();
  }
  const raw = new SqliteDatabase(path, { readonly: true });
  const rows = raw
    .prepare(
      "select type, name, sql from sqlite_master where name not like 'sqlite_%' order by name",
    )
    .all();
  raw.close();
  return rows;
}

// A writer that dies between BEGIN and COMMIT, as an ingest killed mid-batch would. It uses
// better-sqlite3 directly because the child cannot load the store's TypeScript.
const CRASHING_WRITER = `
import { createRequire } from 'node:module';
const [driver, file, repositoryId] = process.argv.slice(2);
const Database = createRequire(import.meta.url)(driver);
const db = new Database(file);
// A tiny page cache makes SQLite spill the uncommitted pages into the WAL before the kill.
db.pragma('cache_size = 4');
db.exec('BEGIN');
const insert = db.prepare(
  'insert into commits (repository_id, sha, time, author_name, author_email, co_authors, ' +
    'parents, files, seq) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const files = JSON.stringify([{ path: 'src/' + 'x'.repeat(200) + '.ts', status: 'M' }]);
for (let i = 0; i < 3000; i++) {
  const sha = 'dead' + String(i).padStart(36, '0');
  insert.run(Number(repositoryId), sha, 2000000000 + i, 'Crash', 'crash@example', '[]', 1, files, 100000 + i);
}
db.prepare("update ingest_state set tip = 'half-written' where repository_id = ?")
  .run(Number(repositoryId));
process.stdout.write('inserted\\n');
setInterval(() => {}, 1000);
`;

describe('crash safety', () => {
  it('shows nothing of a transaction whose writer was killed before COMMIT', async () => {
    const first = [commit({ time: 100 }), commit({ time: 200 })];
    const repositoryId = await withStore(async (store) => {
      const repo = await store.repository('/repos/shop', 'shop');
      await store.saveBatch(repo.id, 'HEAD', first, 'batch-1');
      return repo.id;
    });

    const script = join(dir, 'crashing-writer.mjs');
    await writeFile(script, CRASHING_WRITER);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, [script, driver, file, String(repositoryId)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('inserted')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the writer exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The dead writer left frames in the WAL; recovery must ignore them.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);

    await withStore(async (store) => {
      expect(await store.counts([repositoryId])).toEqual({ commits: 2 });
      expect(await store.tip(repositoryId, 'HEAD')).toBe('batch-1');
      const read = await readAll(store, { repositoryIds: [repositoryId] });
      expect(read.map((c) => c.sha)).toEqual([first[1]?.sha, first[0]?.sha]);

      await store.saveBatch(repositoryId, 'HEAD', [commit({ time: 300 })], 'batch-2');
      expect(await store.counts([repositoryId])).toEqual({ commits: 3 });
      expect(await store.tip(repositoryId, 'HEAD')).toBe('batch-2');
    });
  });
});

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.off)(`on ${dialect.name}`, () => {
    let under: TestStore;
    beforeEach(async () => {
      under = await dialect.fresh();
      generic = under.config;
    });
    afterEach(async () => {
      generic = undefined;
      await under.drop();
    });

    describe('migrateToLatest', () => {
      it('is idempotent: a second open applies nothing and keeps the data', async () => {
        const db = createDb(config());
        const first = await migrateToLatest(db);
        expect(first.error).toBeUndefined();
        expect(first.results.map((r) => r.status)).toEqual(
          Object.keys(MIGRATIONS).map(() => 'Success'),
        );
        const store = createStore(db);
        const repo = await store.repository('/repos/shop', 'shop');
        await store.saveBatch(repo.id, 'HEAD', [commit()], 'tip');
        await store.close();

        const again = createDb(config());
        const second = await migrateToLatest(again);
        expect(second).toEqual({ results: [] });
        const reopened = createStore(again);
        expect(await reopened.counts([repo.id])).toEqual({ commits: 1 });
        await reopened.close();
      });

      it('refuses a store written by a newer orgwire, asking for an upgrade', async () => {
        await (await open()).close();
        const db = createDb(config());
        await sql`insert into kysely_migration values ('9999-future', '2030-01-01T00:00:00.000Z')`.execute(
          db,
        );
        await db.destroy();
        await expect(open()).rejects.toThrow(
          /written by a newer orgwire \(its schema has 9999-future, which this version does not know\); upgrade orgwire/,
        );
      });

      // On SQLite a writer waits for the lock synchronously, so one process cannot hold two
      // that wait on each other; there, another process is what waits (`migrateToLatest on SQLite`).
      it.skipIf(dialect.name === 'sqlite')(
        'migrates once when several processes open a new store at the same time',
        async () => {
          const stores = await Promise.all(Array.from({ length: 4 }, () => open()));
          await Promise.all(stores.map((store) => store.close()));
          const db = createDb(config());
          const { rows } = await sql<{
            name: string;
          }>`select name from kysely_migration order by name`.execute(db);
          await db.destroy();
          expect(rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
        },
      );
    });

    describe('requests', () => {
      const request = (id: string, updated: number, more: Partial<RequestRecord> = {}) => ({
        tracker: 'jira:OPS',
        id,
        requester: 'group:default/web',
        provider: 'group:default/ops',
        created: 1_700_000_000,
        updated,
        source: `a.csv:${id}`,
        ...more,
      });
      const kept = async (store: Store) =>
        (await store.requests()).map((r) => `${r.tracker} ${r.id} ${r.done ?? 'open'}`);

      it('keeps each ticket once, whichever exports hold it', () =>
        withStore(async (store) => {
          await store.saveRequests('/exports/a.csv', [request('1', 10), request('2', 10)]);
          await store.saveRequests('/exports/b.csv', [request('1', 10), request('3', 10)]);
          await store.saveRequests('/exports/a.csv', [request('1', 10)]);
          // An export is a window onto the tracker: tickets it no longer holds stay.
          expect(await kept(store)).toEqual([
            'jira:OPS 1 open',
            'jira:OPS 2 open',
            'jira:OPS 3 open',
          ]);
        }));

      it('keeps the newer reading of a ticket, in whatever order the exports are read', () =>
        withStore(async (store) => {
          const older = request('1', 10);
          const newer = request('1', 20, { done: 1_700_100_000, source: 'b.csv:1' });
          await store.saveRequests('/exports/b.csv', [newer]);
          await store.saveRequests('/exports/a.csv', [older]);
          expect(await kept(store)).toEqual(['jira:OPS 1 1700100000']);
          expect((await store.requests())[0]?.source).toBe('b.csv:1');
          const third = request('1', 30, {
            type: 'Bug',
            started: 1_700_000_050,
            done: 1_700_000_090,
            waited: 60,
          });
          await store.saveRequests('/exports/c.json', [third]);
          expect(await store.requests()).toEqual([third]);
        }));

      it('keeps the same number in two trackers apart, lists the trackers and forgets one', () =>
        withStore(async (store) => {
          await store.saveRequests('/exports/issues.json', [
            request('1', 10, { tracker: 'github:acme/web' }),
            request('1', 10, { tracker: 'github:acme/api', done: 1_700_000_100 }),
            request('2', 10, { tracker: 'github:acme/api' }),
          ]);
          expect(await store.requestTrackers()).toEqual([
            { tracker: 'github:acme/api', tickets: 2, open: 1 },
            { tracker: 'github:acme/web', tickets: 1, open: 1 },
          ]);
          expect(await store.forgetRequests('github:acme/api')).toBe(2);
          expect(await store.forgetRequests('github:acme/api')).toBe(0);
          expect(await kept(store)).toEqual(['github:acme/web 1 open']);
        }));

      it('forgets what an earlier orgwire kept of an export when that export is read again', () =>
        withStore(async (store) => {
          const legacy = { tracker: 'export:/exports/a.csv' };
          await store.saveRequests('/exports/old.csv', [request('1', 10, legacy)]);
          await store.saveRequests('/exports/b.csv', [request('1', 10)]);
          expect(await kept(store)).toEqual(['export:/exports/a.csv 1 open', 'jira:OPS 1 open']);
          await store.saveRequests('/exports/a.csv', [request('1', 10)]);
          expect(await kept(store)).toEqual(['jira:OPS 1 open']);
        }));
    });

    describe('merge logins', () => {
      it('keeps the last read per repository with its HEAD, replaced whole, and forgets them on reset', () =>
        withStore(async (store) => {
          const shop = await store.repository('/repos/shop', 'shop');
          const pay = await store.repository('/repos/pay', 'pay');
          expect(await store.mergeLogins(shop.id)).toBeNull();
          const ana = { email: 'ana@laptop.local', login: 'analima', commits: 3 };
          const ben = { email: 'ben@home.example', login: 'benok', commits: 2 };
          await store.saveMergeLogins(shop.id, 'a'.repeat(40), [ana, ben]);
          await store.saveMergeLogins(pay.id, 'b'.repeat(40), []);
          expect(await store.mergeLogins(shop.id)).toEqual({
            head: 'a'.repeat(40),
            evidence: [ana, ben],
          });
          // Read with nothing found is still a read: an empty list at its HEAD, not null.
          expect(await store.mergeLogins(pay.id)).toEqual({ head: 'b'.repeat(40), evidence: [] });
          await store.saveMergeLogins(shop.id, 'c'.repeat(40), [{ ...ana, commits: 4 }]);
          expect(await store.mergeLogins(shop.id)).toEqual({
            head: 'c'.repeat(40),
            evidence: [{ ...ana, commits: 4 }],
          });
          await store.resetRepository(shop.id);
          expect(await store.mergeLogins(shop.id)).toBeNull();
          expect(await store.mergeLogins(pay.id)).not.toBeNull();
        }));
    });

    describe('drift series', () => {
      const week = (name: string, digest = 'd') => ({
        week: name,
        digest,
        data: `{"week":"${name}"}`,
      });

      it('keeps a series by key with its stamp, replaced whole, weeks in order', () =>
        withStore(async (store) => {
          expect(await store.driftSeries('k1')).toBeNull();
          await store.saveDriftSeries('k1', 's1', [week('2026-W02'), week('2026-W01')]);
          expect(await store.driftSeries('k1')).toEqual({
            stamp: 's1',
            weeks: [week('2026-W01'), week('2026-W02')],
          });
          await store.saveDriftSeries('k1', 's2', [week('2026-W03', 'e')]);
          expect(await store.driftSeries('k1')).toEqual({
            stamp: 's2',
            weeks: [week('2026-W03', 'e')],
          });
        }));

      it('writes again only the weeks not kept as they were, and drops the weeks no longer in it', () =>
        withStore(async (store) => {
          const w = ['2026-W01', '2026-W02', '2026-W03'].map((name) => week(name));
          await store.saveDriftSeries('k1', 's1', w);
          const changed = { week: '2026-W03', digest: 'e', data: '{"week":"2026-W03","new":1}' };
          await store.saveDriftSeries('k1', 's2', [changed, week('2026-W04', 'e')], {
            unchanged: new Map([['2026-W02', 'd']]),
          });
          expect(await store.driftSeries('k1')).toEqual({
            stamp: 's2',
            weeks: [w[1], changed, week('2026-W04', 'e')],
          });
        }));

      it('keeps nothing under a key whose week said unchanged is no longer kept as it was', () =>
        withStore(async (store) => {
          await store.saveDriftSeries('k1', 's1', [week('2026-W01'), week('2026-W02')]);
          // Replaced meanwhile (another process): W01's digest is no longer the one read.
          await store.saveDriftSeries('k1', 's2', [week('2026-W01', 'x')]);
          await store.saveDriftSeries('k1', 's3', [week('2026-W02', 'e')], {
            unchanged: new Map([['2026-W01', 'd']]),
          });
          expect(await store.driftSeries('k1')).toBeNull();
          expect(await store.driftStamp('k1')).toBeNull();
        }));

      it('keeps only the most recently saved series', () =>
        withStore(async (store) => {
          for (const key of ['a', 'b', 'c'])
            await store.saveDriftSeries(key, key, [week('2026-W01')], { keep: 2 });
          expect(await store.driftSeries('a')).toBeNull();
          expect((await store.driftSeries('b'))?.stamp).toBe('b');
          expect((await store.driftSeries('c'))?.weeks).toHaveLength(1);
        }));

      it('keeps results by kind and key, the most recently saved of each kind, and each kind apart', () =>
        withStore(async (store) => {
          expect(await store.keptResult('catalog', 'a')).toBeUndefined();
          const big = 'é'.repeat(300_000);
          await store.keepResult('catalog', 'a', big);
          expect(await store.keptResult('catalog', 'a')).toBe(big);
          await store.keepResult('catalog', 'a', 'again');
          expect(await store.keptResult('catalog', 'a')).toBe('again');
          await store.keepResult('other', 'x', 'x1', 1);
          await store.keepResult('catalog', 'b', 'b1', 2);
          // Saving a again makes it newer than b: c then lets b go, not a.
          await store.keepResult('catalog', 'a', 'a2', 2);
          await store.keepResult('catalog', 'c', 'c1', 2);
          expect(await store.keptResult('catalog', 'a')).toBe('a2');
          expect(await store.keptResult('catalog', 'b')).toBeUndefined();
          expect(await store.keptResult('catalog', 'c')).toBe('c1');
          expect(await store.keptResult('other', 'x')).toBe('x1');
          expect(await store.keptResult('other', 'a')).toBeUndefined();
        }));

      it('marks each repository with a number that every batch and every reset moves, and nothing else', () =>
        withStore(async (store) => {
          const shop = await store.repository('/repos/shop', 'shop');
          const pay = await store.repository('/repos/pay', 'pay');
          const marks = async () =>
            (await store.commitMarks([pay.id, shop.id])).map((m) => [m.repositoryId, m.mark]);
          const seen = [await marks()];
          expect(seen[0]?.map(([id]) => id)).toEqual([shop.id, pay.id]);
          await store.saveBatch(shop.id, 'HEAD', [commit({ sha: 'a'.repeat(40) })], 'a');
          seen.push(await marks());
          await store.saveBatch(shop.id, 'HEAD', [commit({ sha: 'b'.repeat(40), time: 2 })], 'b');
          seen.push(await marks());
          // Reading a history again from nothing after a reset: the mark is not one seen before.
          await store.resetRepository(shop.id);
          seen.push(await marks());
          await store.saveBatch(shop.id, 'HEAD', [commit({ sha: 'a'.repeat(40) })], 'a');
          seen.push(await marks());
          const shopMarks = seen.map((m) => m[0]?.[1]);
          expect(new Set(shopMarks).size).toBe(shopMarks.length);
          // pay's commits never changed, nor did its mark; reading changes nothing.
          expect(new Set(seen.map((m) => m[1]?.[1])).size).toBe(1);
          await readAll(store, { repositoryIds: [shop.id, pay.id] });
          expect(await marks()).toEqual(seen.at(-1));
          expect(await store.commitMarks([])).toEqual([]);
        }));
    });

    describe('repository', () => {
      it('creates a repository once and finds it again by path', () =>
        withStore(async (store) => {
          const first = await store.repository('/repos/shop', 'shop');
          const again = await store.repository('/repos/shop', 'shop');
          const other = await store.repository('/repos/shop-web', 'shop-web');
          expect(again).toEqual(first);
          expect(first).toEqual({ id: expect.any(Number), path: '/repos/shop', label: 'shop' });
          expect(other.id).not.toBe(first.id);
        }));

      it('keeps the id and takes the new label when a label changes', () =>
        withStore(async (store) => {
          const first = await store.repository('/repos/shop', 'shop');
          const renamed = await store.repository('/repos/shop', 'Shop backend');
          expect(renamed).toEqual({ id: first.id, path: '/repos/shop', label: 'Shop backend' });
          expect(await store.repository('/repos/shop', 'Shop backend')).toEqual(renamed);
        }));

      it('refuses a relative path', () =>
        withStore(async (store) => {
          await expect(store.repository('repos/shop', 'shop')).rejects.toThrow(/absolute path/);
        }));
    });

    describe('saveBatch and commits', () => {
      it('reads back exactly what was saved: co-authors, renames, line counts and odd paths', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          const saved: CommitRecord[] = [
            commit({
              time: 1_700_000_300,
              author: { name: 'Zoë Ñúñez', email: 'zoe@acme.example' },
              coAuthors: [
                { name: 'Ben Okafor', email: 'ben@acme.example' },
                { name: '李 雷', email: 'li@acme.example' },
              ],
              parents: 2,
              files: [
                {
                  path: 'docs/new name.md',
                  status: 'R',
                  oldPath: 'docs/old name.md',
                  added: 3,
                  deleted: 1,
                },
                { path: 'a file with\nnewline.txt', status: 'A', added: 10, deleted: 0 },
                { path: 'ünïcødé/日本語/🚀.ts', status: 'M', added: 0, deleted: 7 },
                {
                  path: 'tab\tand "quotes" and back\\slash',
                  status: 'C',
                  oldPath: 'x',
                  added: 1,
                  deleted: 1,
                },
                { path: 'images/logo.png', status: 'M' },
                { path: 'gone.txt', status: 'D', added: 0, deleted: 12 },
                { path: 'script.sh', status: 'T' },
              ],
            }),
          ];
          // Saved as ingest saves them, parents first: the root, then its child above.
          saved.unshift(commit({ time: 1_700_000_100, parents: 0, files: [] }));
          await store.saveBatch(repo.id, 'HEAD', saved, saved[1]?.sha ?? '');
          const read = await readAll(store, { repositoryIds: [repo.id] });
          // Read back newest first in history order: the reverse of the order saved.
          expect(read).toEqual(saved.map((c) => ({ ...c, repositoryId: repo.id })).reverse());
          // Absent optional fields stay absent rather than coming back as undefined or null.
          expect(Object.keys(read[0]?.files[4] ?? {})).toEqual(['path', 'status']);
        }));

      it('changes nothing when the same batch is saved again', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          const batch = [commit({ time: 10 }), commit({ time: 20 }), commit({ time: 30 })];
          await store.saveBatch(repo.id, 'HEAD', batch, 'c3');
          const before = await readAll(store, { repositoryIds: [repo.id] });
          await store.saveBatch(repo.id, 'HEAD', batch, 'c3');
          await store.saveBatch(repo.id, 'HEAD', batch.slice(1), 'c3');
          expect(await readAll(store, { repositoryIds: [repo.id] })).toEqual(before);
          expect(await store.counts([repo.id])).toEqual({ commits: 3 });
        }));

      it('saves a batch larger than one insert statement', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          const batch = Array.from({ length: 1_234 }, (_, i) => commit({ time: 1_000 + i }));
          await store.saveBatch(repo.id, 'HEAD', batch, 'tip');
          expect(await store.counts([repo.id])).toEqual({ commits: 1_234 });
          expect(await store.timeRange([repo.id])).toEqual({ oldest: 1_000, newest: 2_233 });
        }));

      it('stores none of a batch that fails part-way, and keeps the old tip', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          await store.saveBatch(repo.id, 'HEAD', [commit()], 'first');
          const good = Array.from({ length: 900 }, () => commit());
          // Past the first insert statement, so some rows were written before the failure.
          const bad = {
            ...commit(),
            author: { name: null, email: 'x' },
          } as unknown as CommitRecord;
          await expect(
            store.saveBatch(repo.id, 'HEAD', [...good, bad], 'second'),
          ).rejects.toThrow();
          expect(await store.counts([repo.id])).toEqual({ commits: 1 });
          expect(await store.tip(repo.id, 'HEAD')).toBe('first');
        }));

      it('refuses commits of a repository it does not know', () =>
        withStore(async (store) => {
          await expect(store.saveBatch(999, 'HEAD', [commit()], 'tip')).rejects.toThrow(
            /no repository 999/,
          );
        }));

      it('streams newest first, breaking ties by sha, within an inclusive window', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          const at = (time: number, sha: string) => commit({ time, sha: sha.padEnd(40, '0') });
          await store.saveBatch(
            repo.id,
            'HEAD',
            [at(100, 'a'), at(200, 'c'), at(200, 'b'), at(300, 'd'), at(400, 'e')],
            'e',
          );
          const shas = async (query: { since?: number; until?: number }) =>
            (await readAll(store, { repositoryIds: [repo.id], ...query })).map((c) => c.sha[0]);
          expect(await shas({})).toEqual(['e', 'd', 'b', 'c', 'a']);
          expect(await shas({ since: 200, until: 300 })).toEqual(['d', 'b', 'c']);
          expect(await shas({ since: 201 })).toEqual(['e', 'd']);
          expect(await shas({ until: 100 })).toEqual(['a']);
          expect(await shas({ since: 401 })).toEqual([]);
        }));

      it('gives each commit of a window its parents and files, as commits does, in any order', () =>
        withStore(async (store) => {
          const shop = await store.repository('/repos/shop', 'shop');
          const pay = await store.repository('/repos/pay', 'pay');
          const at = (time: number, path: string, parents = 1) =>
            commit({
              time,
              parents,
              files: [
                { path, status: 'M' },
                { path: `${path}.md`, status: 'A' },
              ],
            });
          await store.saveBatch(
            shop.id,
            'HEAD',
            [at(100, 'a'), at(200, 'b', 2), at(300, 'c')],
            'c',
          );
          await store.saveBatch(pay.id, 'HEAD', [at(150, 'x'), at(250, 'y')], 'y');
          // The same commits as `commits` gives, but none of what counting changes leaves out.
          const key = (c: { parents: number; files: readonly { path: string }[] }) =>
            `${c.parents} ${c.files.map((f) => f.path).join(',')}`;
          for (const query of [{}, { since: 150, until: 250 }, { since: 201 }, { until: 99 }]) {
            const asked = { repositoryIds: [shop.id, pay.id], ...query };
            const files: string[] = [];
            for await (const c of store.commitFiles(asked)) {
              expect(Object.keys(c).sort()).toEqual(['files', 'parents']);
              files.push(key(c));
            }
            const all = (await readAll(store, asked)).map(key);
            expect(files.sort()).toEqual(all.sort());
          }
          expect(
            await store.commitFiles({ repositoryIds: [] })[Symbol.asyncIterator]().next(),
          ).toEqual({
            done: true,
            value: undefined,
          });
        }));

      it('frees the connection when a reader stops early', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          await store.saveBatch(repo.id, 'HEAD', [commit(), commit(), commit()], 'tip');
          for await (const _ of store.commits({ repositoryIds: [repo.id] })) break;
          expect(await store.counts([repo.id])).toEqual({ commits: 3 });
        }));

      it('answers empty for no repositories or no commits', () =>
        withStore(async (store) => {
          const repo = await store.repository('/repos/shop', 'shop');
          expect(await readAll(store, { repositoryIds: [] })).toEqual([]);
          expect(await store.timeRange([])).toBeNull();
          expect(await store.timeRange([repo.id])).toBeNull();
          expect(await store.counts([])).toEqual({ commits: 0 });
          expect(await store.counts([repo.id])).toEqual({ commits: 0 });
          // A repository with none beside one with some: the range is the other's.
          const other = await store.repository('/repos/pay', 'pay');
          await store.saveBatch(other.id, 'HEAD', [commit({ time: 7 }), commit({ time: 9 })], 't');
          expect(await store.timeRange([repo.id, other.id])).toEqual({ oldest: 7, newest: 9 });
        }));
    });

    describe('tip', () => {
      it('is kept per repository and ref, and moves with each batch', async () => {
        let clock = new Date('2025-01-02T03:04:05Z');
        const store = await open(() => clock);
        try {
          const shop = await store.repository('/repos/shop', 'shop');
          const web = await store.repository('/repos/web', 'web');
          expect(await store.tip(shop.id, 'HEAD')).toBeNull();
          await store.saveBatch(shop.id, 'HEAD', [commit()], 'shop-1');
          await store.saveBatch(shop.id, 'refs/heads/release', [], 'release-1');
          await store.saveBatch(web.id, 'HEAD', [commit()], 'web-1');
          clock = new Date('2025-02-03T04:05:06Z');
          await store.saveBatch(shop.id, 'HEAD', [commit()], 'shop-2');
          expect(await store.tip(shop.id, 'HEAD')).toBe('shop-2');
          expect(await store.tip(shop.id, 'refs/heads/release')).toBe('release-1');
          expect(await store.tip(web.id, 'HEAD')).toBe('web-1');
          expect(await store.tip(web.id, 'refs/heads/release')).toBeNull();
        } finally {
          await store.close();
        }
        const db = createDb(config());
        const rows = await db
          .selectFrom('ingest_state')
          .select(['ref', 'tip', 'updated_at'])
          .orderBy('tip')
          .execute();
        await db.destroy();
        expect(rows).toEqual([
          { ref: 'refs/heads/release', tip: 'release-1', updated_at: '2025-01-02T03:04:05.000Z' },
          { ref: 'HEAD', tip: 'shop-2', updated_at: '2025-02-03T04:05:06.000Z' },
          { ref: 'HEAD', tip: 'web-1', updated_at: '2025-01-02T03:04:05.000Z' },
        ]);
      });
    });

    describe('several repositories', () => {
      it('keeps repositories apart, even when they share commits', () =>
        withStore(async (store) => {
          const shop = await store.repository('/repos/shop', 'shop');
          const fork = await store.repository('/repos/shop-fork', 'shop-fork');
          const shared = commit({ time: 500 });
          await store.saveBatch(shop.id, 'HEAD', [shared, commit({ time: 100 })], 'a');
          await store.saveBatch(fork.id, 'HEAD', [shared, commit({ time: 900 })], 'b');
          expect(await store.counts([shop.id])).toEqual({ commits: 2 });
          expect(await store.counts([shop.id, fork.id])).toEqual({ commits: 4 });
          expect(await store.timeRange([shop.id])).toEqual({ oldest: 100, newest: 500 });
          expect(await store.timeRange([shop.id, fork.id])).toEqual({ oldest: 100, newest: 900 });
          const both = await readAll(store, { repositoryIds: [fork.id, shop.id] });
          // Repository by repository, each in the reverse of the order its commits were saved.
          expect(both.map((c) => [c.time, c.repositoryId])).toEqual([
            [100, shop.id],
            [500, shop.id],
            [900, fork.id],
            [500, fork.id],
          ]);
        }));

      it('resets one repository without touching another', () =>
        withStore(async (store) => {
          const shop = await store.repository('/repos/shop', 'shop');
          const web = await store.repository('/repos/web', 'web');
          await store.saveBatch(shop.id, 'HEAD', [commit(), commit()], 'shop-tip');
          await store.saveBatch(web.id, 'HEAD', [commit()], 'web-tip');
          await store.resetRepository(shop.id);
          expect(await store.counts([shop.id])).toEqual({ commits: 0 });
          expect(await store.tip(shop.id, 'HEAD')).toBeNull();
          expect(await store.counts([web.id])).toEqual({ commits: 1 });
          expect(await store.tip(web.id, 'HEAD')).toBe('web-tip');
          // The repository itself stays, so ingest can start it again under the same id.
          expect((await store.repository('/repos/shop', 'shop')).id).toBe(shop.id);
        }));
    });

    describe("the radiator's records", () => {
      it('keeps tokens by hash and refuses a name or hash twice', () =>
        withStore(async (store) => {
          expect(await store.createToken('ci', 'a'.repeat(64))).toBe(true);
          expect(await store.createToken('ci', 'b'.repeat(64))).toBe(false);
          expect(await store.createToken('other', 'a'.repeat(64))).toBe(false);
          expect((await store.tokens()).map((t) => [t.name, t.hash])).toEqual([
            ['ci', 'a'.repeat(64)],
          ]);
        }));

      it('deletes a token by name, and says when there was none', () =>
        withStore(async (store) => {
          await store.createToken('ci', 'a'.repeat(64));
          await store.createToken('laptop', 'b'.repeat(64));
          expect(await store.deleteToken('ci')).toBe(true);
          expect(await store.deleteToken('ci')).toBe(false);
          expect((await store.tokens()).map((t) => t.name)).toEqual(['laptop']);
        }));

      it('records when a token was last used, and lists it (null: never)', () =>
        withStore(async (store) => {
          await store.createToken('ci', 'a'.repeat(64));
          await store.createToken('laptop', 'b'.repeat(64));
          expect(await store.touchToken('a'.repeat(64), '2026-10-02T09:00:00.000Z')).toBe(true);
          expect(await store.touchToken('a'.repeat(64), '2026-10-02T09:05:00.000Z')).toBe(true);
          // A hash no token has (revoked meanwhile) records nothing.
          expect(await store.touchToken('c'.repeat(64), '2026-10-02T09:05:00.000Z')).toBe(false);
          const tokens = await store.tokens();
          expect(tokens.map((t) => [t.name, t.lastUsedAt])).toEqual([
            ['ci', '2026-10-02T09:05:00.000Z'],
            ['laptop', null],
          ]);
          expect(tokens.every((t) => !Number.isNaN(Date.parse(t.createdAt)))).toBe(true);
        }));

      it('reads back check-ins, readings and learnings as written, across a reopen', async () => {
        await withStore(async (store) => {
          const checkin = await store.addCheckin({
            bet: 'bet:default/b',
            at: '2026-10-01T00:00:00.000Z',
            status: 'won',
            outcomeValue: 3.5,
            note: 'landed',
            by: 'ci',
          });
          expect(checkin.id).toBeGreaterThan(0);
          await store.addCheckin({ ...checkin, status: null, outcomeValue: null, note: 'later' });
          await store.addReading({
            goal: 'goal:default/g',
            value: 2,
            at: '2026-10-02T00:00:00.000Z',
            by: 'ci',
          });
          await store.addReading({
            goal: 'goal:default/g',
            value: 1,
            at: '2026-09-01T00:00:00.000Z',
            by: 'ci',
          });
          await store.addLearning({
            name: 'l',
            title: 'L',
            situation: 's',
            complication: 'c',
            resolution: 'r',
            lessons: ['one', 'two'],
            date: '2026-10-03',
            authors: [],
            at: '2026-10-03T00:00:00.000Z',
            by: 'ci',
          });
        });
        await withStore(async (store) => {
          expect((await store.checkins()).map((c) => [c.status, c.outcomeValue, c.note])).toEqual([
            ['won', 3.5, 'landed'],
            [null, null, 'later'],
          ]);
          // Readings come by the time they were measured, not the order they were written.
          expect((await store.readings()).map((r) => r.value)).toEqual([1, 2]);
          expect(await store.learnings()).toMatchObject([
            { name: 'l', lessons: ['one', 'two'], by: 'ci' },
          ]);
        });
      });
    });
  });
}
