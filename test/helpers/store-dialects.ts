import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DbConfig } from '../../src/store/index.js';

/**
 * The PostgreSQL server the store tests use: this project's machines run one at
 * 127.0.0.1:5432 with trust authentication. `ORGWIRE_TEST_POSTGRES` names another (a URL of
 * a database to connect to while creating and dropping the test databases), or `off` to
 * skip the PostgreSQL half of the tests: they are then reported as skipped, never passed.
 */
const ADMIN_URL =
  process.env.ORGWIRE_TEST_POSTGRES || 'postgres://postgres@127.0.0.1:5432/postgres';
const POSTGRES_OFF = ADMIN_URL === 'off';

/** A store location made for one test, and how to throw it away. */
export interface TestStore {
  config: DbConfig;
  /** What `--db` takes to name it. */
  location: string;
  drop(): Promise<void>;
}

/** A dialect the store runs on, as the tests see it. */
export interface StoreDialect {
  name: 'sqlite' | 'postgres';
  /** True when this dialect's tests are to be skipped (PostgreSQL with ORGWIRE_TEST_POSTGRES=off). */
  off: boolean;
  /** A new, empty store location of this dialect. */
  fresh(): Promise<TestStore>;
}

let databases = 0;

/**
 * A new empty PostgreSQL database, named for this process, created through the admin URL;
 * `drop` removes it, closing whatever connections are left.
 */
async function freshPostgres(): Promise<TestStore> {
  const name = `orgwire_test_${process.pid}_${Date.now().toString(36)}_${++databases}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { dialect: 'postgres', url: url.toString() },
    location: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `No PostgreSQL answers at ${ADMIN_URL} (${(error as Error).message}), so the PostgreSQL half of the tests cannot run. Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), point ORGWIRE_TEST_POSTGRES at another server, or set ORGWIRE_TEST_POSTGRES=off to skip those tests.`,
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function freshSqlite(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'orgwire-store-'));
  const file = join(dir, 'orgwire.db');
  return {
    config: { dialect: 'sqlite', file },
    location: file,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Every dialect of the store: each store test runs on all of them. */
export const STORE_DIALECTS: readonly StoreDialect[] = [
  { name: 'sqlite', off: false, fresh: freshSqlite },
  { name: 'postgres', off: POSTGRES_OFF, fresh: freshPostgres },
];

/** The PostgreSQL dialect alone, for tests of what only a shared server does. */
export const POSTGRES = STORE_DIALECTS[1] as StoreDialect;
