import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

/** Where the store lives. SQLite is the one dialect today; PostgreSQL joins this union. */
export type DbConfig = {
  dialect: 'sqlite';
  /** The database file; its folder is created. `:memory:` for a throwaway database. */
  file: string;
};

/**
 * Opens the database named by `config`. The only place a dialect is chosen: everything
 * else in the store is written against `Kysely<Database>` in portable SQL. Run
 * `migrateToLatest` before use; `db.destroy()` closes it.
 */
export function createDb(config: DbConfig): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(config.file) }),
  });
}

/** How long a writer waits for another process's lock before giving up, in milliseconds. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens a SQLite file with the settings orgwire relies on. The one function in the store
 * that speaks SQLite-only syntax.
 */
function openSqlite(file: string): SqliteDatabase.Database {
  let db: SqliteDatabase.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new SqliteDatabase(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets analyses read while an ingest writes, and commits without rewriting pages.
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL can lose the last commits on power loss but never corrupts the
    // file; an ingest resumes from the last tip it finds, a fair trade for the speed.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (cause) {
    db?.close();
    // A folder we cannot create or write, or a file that is not a SQLite database.
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Could not open the database ${file}: ${reason}`, { cause });
  }
  return db;
}
