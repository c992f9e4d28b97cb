// The fault suite: the built CLI killed with SIGKILL at its writes to the store, two
// writers at once, a full disk, a read-only and a damaged store. After each, the next run
// must exit 0 with the same analysis as a clean run, or refuse with a message that says
// what to do and leave the store as it was.
//
// Kills are placed with strace's fault injection (`-e inject=pwrite64:signal=SIGKILL:
// when=N`): the process dies just before its Nth write to a file, which steps through every
// change SQLite makes to the store, in the schema's creation and upgrade as in the ingest.
// ORGWIRE_FAULT_STEP=1 (`npm run faults`) kills at every write, some minutes; the
// suite's default tries every 10th, a different one of each migration. The full disk and read-only cases mount a small tmpfs, so they need root.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommitSpec, createRepo, type TestRepo } from '../helpers/git-repo.js';
import { serveCli } from '../helpers/serve.js';

const BIN = resolve('bin/orgwire.js');
const STEP = Number(process.env.ORGWIRE_FAULT_STEP ?? 10);
const isRoot = process.getuid?.() === 0;

const work = mkdtempSync(join(tmpdir(), 'orgwire-e2e-faults-'));
const catalog = join(work, 'catalog');
let repo: TestRepo;
/** What `analyze` says of the repository on a store that was never interrupted. */
let reference: unknown;

const PEOPLE = [
  { name: 'Ana Lima', email: 'ana@acme.example' },
  { name: 'Ben Okafor', email: 'ben@acme.example' },
  { name: 'Cy Park', email: 'cy@acme.example' },
];

beforeAll(async () => {
  mkdirSync(catalog);
  repo = await createRepo();
  // Kills between ingest batches are the ingest suite's; this history is one batch, small
  // enough that each of the many runs below is quick.
  repo.importCommits(
    Array.from(
      { length: 240 },
      (_, i): CommitSpec => ({
        author: PEOPLE[i % 3] as (typeof PEOPLE)[number],
        date: new Date(Date.UTC(2026, 0, 1) + i * 12 * 3_600_000),
        files: { [`${['api', 'web', 'ops'][i % 3]}/f${i % 40}.ts`]: `v${i}\n` },
      }),
    ),
  );
  const clean = analyze(join(work, 'clean.db'));
  expect(clean.stderr).toBe('');
  expect(clean.status).toBe(0);
  reference = JSON.parse(clean.stdout);
}, 120_000);

afterAll(async () => {
  await repo?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Longest a run may take before the test calls it a hang. */
const RUN_TIMEOUT_MS = 120_000;

/** Runs the built CLI; with `killAtWrite`, under strace, killed just before that write. */
function orgwire(args: readonly string[], killAtWrite?: number): Run {
  const command = killAtWrite === undefined ? process.execPath : 'strace';
  const prefix =
    killAtWrite === undefined
      ? []
      : ['-qq', '-o', '/dev/null', `-einject=pwrite64:signal=SIGKILL:when=${killAtWrite}`];
  const result = spawnSync(
    command,
    [...prefix, ...(killAtWrite === undefined ? [] : [process.execPath]), BIN, ...args],
    // Bounded: a run that hangs fails this test instead of holding the suite (spawnSync
    // blocks the event loop, so vitest's own timeout cannot end it).
    {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: RUN_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    },
  );
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT')
    throw new Error(
      `orgwire ${args.join(' ')}${killAtWrite === undefined ? '' : ` (killed at write ${killAtWrite})`} did not end in ${RUN_TIMEOUT_MS / 1000} s: it hangs.`,
    );
  // strace reports the traced process killed by a signal by dying of the same signal.
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function analyze(db: string): Run {
  return orgwire([
    'analyze',
    '--repo',
    repo.dir,
    '--catalog',
    catalog,
    '--db',
    db,
    '--until',
    '2026-04-15',
    '--window',
    '90d',
    '--format',
    'json',
  ]);
}

/**
 * Kills `args` at each point, then checks that `analyze` on the store it left exits 0 with
 * the clean run's analysis. A run that wrote fewer times than the counted one (SQLite's
 * writes vary a little with timing) is not killed and must finish; nearly all must die.
 */
function killAndResume(
  points: readonly number[],
  args: (at: number) => string[],
  db: (at: number) => string,
): void {
  let killed = 0;
  for (const at of points) {
    const run = orgwire(args(at), at);
    if (run.signal === 'SIGKILL') killed++;
    else expect(run.status, `not killed at write ${at}: ${run.stderr}`).toBe(0);
    const again = analyze(db(at));
    expect(again.stderr, `after a kill at write ${at}`).toBe('');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout), `after a kill at write ${at}`).toEqual(reference);
  }
  expect(killed).toBeGreaterThanOrEqual(Math.floor(points.length * 0.8));
}

/** Long enough for every kill point: some seconds each on a busy 2-core machine. */
const SWEEP_MS = 60_000 + (120 * 10_000) / STEP;

/** How many times a run writes to its files, counted under strace. */
function writesOf(args: readonly string[]): number {
  const log = join(work, `writes-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(
    'strace',
    ['-qq', '-o', log, '-epwrite64', process.execPath, BIN, ...args],
    {
      cwd: work,
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(0);
  const count = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('pwrite64')).length;
  rmSync(log);
  return count;
}

/** Kill points 1..writes, every STEP-th, always with the last. */
function killPoints(writes: number): number[] {
  const points: number[] = [];
  for (let at = 1; at <= writes; at += STEP) points.push(at);
  if (points.at(-1) !== writes) points.push(writes);
  return points;
}

/** Reduces a store to a schema 0002 store with the same commits: what an older orgwire kept. */
function downgradeToOlderSchema(db: string): void {
  const raw = new SqliteDatabase(db);
  raw.exec(`
    drop table merge_logins; drop table merge_login_heads;
    drop table learnings; drop table readings; drop table checkins; drop table tokens;
    drop table drift_weeks; drop table drift_series;
    drop table tickets;
    create table requests (export text not null, id text not null, requester text not null,
      provider text not null, created bigint not null, started bigint, done bigint, type text,
      source text not null, constraint requests_pk primary key (export, id));
    alter table repositories drop column next_seq;
    delete from kysely_migration where name >= '0003';
  `);
  raw.close();
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('kill -9 at the store’s writes', () => {
  it(
    'creates a store that resumes to the clean analysis whichever write the first run died at',
    () => {
      const ingest = (db: string) => ['ingest', '--repo', repo.dir, '--db', db, '--quiet'];
      const writes = writesOf(ingest(join(work, 'count-fresh.db')));
      // The schema's creation alone is some hundred writes; the ingest adds a few.
      expect(writes).toBeGreaterThan(100);
      const db = (at: number) => join(work, `fresh-${at}.db`);
      killAndResume(killPoints(writes), (at) => ingest(db(at)), db);
    },
    SWEEP_MS,
  );

  it(
    'upgrades a store of an older schema holding commits, whichever write the upgrade died at',
    () => {
      const older = join(work, 'older.db');
      expect(analyze(older).status).toBe(0);
      downgradeToOlderSchema(older);
      const args = (db: string) => ['token', 'list', '--db', db];
      const copy = (name: string) => {
        const db = join(work, name);
        copyFileSync(older, db);
        return db;
      };
      const writes = writesOf(args(copy('count-upgrade.db')));
      expect(writes).toBeGreaterThan(20);
      const db = (at: number) => join(work, `upgrade-${at}.db`);
      killAndResume(killPoints(writes), (at) => args(copy(`upgrade-${at}.db`)), db);
    },
    SWEEP_MS,
  );
});

describe('two writers', () => {
  it('lets two ingests, an analysis and a new token take turns on one store, all finishing', async () => {
    // Several batches each, so the writers' transactions interleave.
    const big = await createRepo();
    try {
      big.importCommits(
        Array.from(
          { length: 7_000 },
          (_, i): CommitSpec => ({
            author: PEOPLE[i % 3] as (typeof PEOPLE)[number],
            files: { [`${['api', 'web', 'ops'][i % 3]}/f${i % 50}.ts`]: `v${i}\n` },
          }),
        ),
      );
      const db = join(work, 'two-writers.db');
      const ingest = ['ingest', '--repo', big.dir, '--db', db, '--quiet'];
      const runs = await Promise.all([
        start(ingest),
        start(ingest),
        start(['analyze', '--repo', big.dir, '--catalog', catalog, '--db', db, '--format', 'json']),
        start(['token', 'create', '--name', 'radiator', '--db', db]),
      ]);
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/error|locked/i);
        expect(run.status).toBe(0);
      }
      const raw = new SqliteDatabase(db, { readonly: true });
      expect(raw.prepare('select count(*) as n from commits').get()).toEqual({ n: 7_000 });
      raw.close();
    } finally {
      await big.cleanup();
    }
  }, 180_000);
});

/** Starts the built CLI and resolves with how it ended. */
function start(args: readonly string[]): Promise<Run> {
  return new Promise<Run>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('exit', (status, signal) => done({ status, signal, stdout, stderr }));
  });
}

describe('the radiator killed while it writes', () => {
  it('keeps every check-in it acknowledged', async () => {
    const cwd = join(work, 'radiator');
    mkdirSync(cwd);
    const created = spawnSync(process.execPath, [BIN, 'token', 'create', '--demo'], {
      cwd,
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    const served = await serveCli(['--demo', '--quiet'], cwd);
    const acknowledged: string[] = [];
    const post = async (note: string) => {
      const response = await fetch(`${served.url}api/bets/default/search-synonyms/checkins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ note }),
      }).catch(() => undefined);
      if (response?.status === 201) acknowledged.push(note);
    };
    // Eight writers at a time until the server is killed, a little after the 100th write.
    let next = 0;
    const writer = async () => {
      while (next < 2_000) {
        const note = `check-in ${next++}`;
        await post(note);
        if (acknowledged.length === 100) served.process.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(acknowledged.length).toBeLessThan(2_000);
    const raw = new SqliteDatabase(join(cwd, '.orgwire', 'demo', 'orgwire.db'), { readonly: true });
    const stored = new Set(
      (raw.prepare('select note from checkins').all() as { note: string }[]).map((r) => r.note),
    );
    raw.close();
    expect(acknowledged.filter((note) => !stored.has(note))).toEqual([]);
  }, 240_000);
});

describe('a damaged store', () => {
  it('is refused with the way to recover it, and left byte for byte as it was', () => {
    const db = join(work, 'damaged.db');
    expect(analyze(db).status).toBe(0);
    // Past the first pages (the schema), into the commits' b-tree.
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 40_960, 90_000);
    writeFileSync(db, bytes);
    const before = sha256(db);
    const run = analyze(db);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /error: The store .*damaged\.db is damaged \(SQLite says: .*\)\. orgwire did not change it\./,
    );
    expect(run.stderr).toContain('.recover');
    expect(run.stderr).not.toMatch(/remove|delete|\n\s+at /);
    expect(sha256(db)).toBe(before);
  }, 60_000);

  it('refuses a file that is not a store, leaving it as it was', () => {
    const file = join(work, 'notes.txt');
    writeFileSync(file, 'meeting notes, not a database\n'.repeat(200));
    const run = analyze(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/notes\.txt is not an orgwire store/);
    expect(readFileSync(file, 'utf8')).toBe('meeting notes, not a database\n'.repeat(200));
  });
});

describe.runIf(isRoot)('a small file system (mounted tmpfs, as root)', () => {
  const mount = join(work, 'mnt');
  const mountTmpfs = (options: string) => {
    mkdirSync(mount, { recursive: true });
    const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mount], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
  };
  const remount = (options: string) =>
    expect(spawnSync('mount', ['-o', `remount,${options}`, mount]).status).toBe(0);
  afterAll(() => {
    spawnSync('umount', [mount]);
  });

  it('stops at a full disk saying so, and a later run with space finishes to the clean analysis', () => {
    mountTmpfs('size=128k');
    const db = join(mount, 'orgwire.db');
    const full = analyze(db);
    expect(full.status).toBe(2);
    expect(full.stderr).toMatch(/error: The disk holding the store .* is full\./);
    expect(full.stderr).not.toMatch(/\n\s+at /);
    remount('size=64m');
    const again = analyze(db);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual(reference);
    spawnSync('umount', [mount]);
  }, 120_000);

  it('refuses a read-only store saying what to do, and reads it again once writable', () => {
    mountTmpfs('size=64m');
    const db = join(mount, 'orgwire.db');
    expect(analyze(db).status).toBe(0);
    remount('ro');
    const refused = analyze(db);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/read-only|Cannot open the store/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    remount('rw');
    const again = analyze(db);
    expect(JSON.parse(again.stdout)).toEqual(reference);
    spawnSync('umount', [mount]);
  }, 120_000);
});
