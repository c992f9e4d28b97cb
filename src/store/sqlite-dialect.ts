import { closeSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type QueryResult,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import { makeFolders } from '../make-folders.js';
import { explainSqliteFailure } from './sqlite-failure.js';

/**
 * Opens a SQLite store file as a Kysely dialect. A failure the person running orgwire can
 * act on (a lock held too long, a read-only or damaged file, a full disk) is thrown as an
 * `AppError` saying what to do, here or by any query later.
 */
export function sqliteDialect(file: string): Dialect {
  return new StoreDialect(openSqlite(file), (error) => explainSqliteFailure(error, file) ?? error);
}

/**
 * How long a writer waits for another process's write to finish, in milliseconds. Writers
 * hold the lock for one batch at a time (an ingest's 2,000 commits, one check-in), so a
 * second writer waits its turn; only a lock held this long is reported.
 */
const BUSY_TIMEOUT_MS = 30_000;

/** Rows a stream hands up at a time when the caller names no number. */
const STREAM_CHUNK = 1_000;

/**
 * Opens a SQLite file with the settings orgwire relies on. The one function in the store
 * that speaks SQLite-only syntax.
 */
function openSqlite(file: string): SqliteDatabase.Database {
  let db: SqliteDatabase.Database | undefined;
  try {
    if (file !== ':memory:') createPrivately(file);
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
    throw explainSqliteFailure(cause, file) ?? cause;
  }
  return db;
}

/**
 * Creates the store's missing folders (0700) and the file itself (0600) when it is new;
 * SQLite gives its -wal and -shm files the database file's permissions.
 */
function createPrivately(file: string): void {
  makeFolders(dirname(file), 0o700);
  if (statSync(file, { throwIfNoEntry: false }) === undefined) {
    closeSync(openSync(file, 'wx', 0o600));
  }
}

/**
 * SQLite as the store uses it. Every transaction begins IMMEDIATE, taking the write lock
 * before it reads: a deferred one that read first could not upgrade once another process
 * had written, and failed at once with "database is locked" instead of waiting its turn.
 * Schema changes run in transactions (SQLite can; Kysely assumes not), so a migration and
 * its record commit together. Every query's failure goes through `explain`.
 */
class StoreDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database;
  readonly #explain: (error: unknown) => unknown;

  constructor(sqlite: SqliteDatabase.Database, explain: (error: unknown) => unknown) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#explain = explain;
  }

  override createDriver(): SqliteDriver {
    return new StoreDriver(this.#sqlite, this.#explain);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StoreDriver extends SqliteDriver {
  readonly #sqlite: SqliteDatabase.Database;
  readonly #explain: (error: unknown) => unknown;

  constructor(sqlite: SqliteDatabase.Database, explain: (error: unknown) => unknown) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
    this.#explain = explain;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const explain = this.#explain;
    const sqlite = this.#sqlite;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          throw explain(error);
        }
      },
      // Rows in chunks, not one by one as Kysely's SQLite driver yields them: each chunk
      // passes through every async layer above once, not each row (on a 250,000-commit
      // window, 2 s of a restart went to those layers).
      async *streamQuery<R>(query: CompiledQuery, chunkSize = STREAM_CHUNK) {
        try {
          let chunk: R[] = [];
          for (const row of sqlite.prepare(query.sql).iterate(query.parameters as unknown[])) {
            chunk.push(row as R);
            if (chunk.length < chunkSize) continue;
            yield { rows: chunk };
            chunk = [];
          }
          if (chunk.length > 0) yield { rows: chunk };
        } catch (error) {
          throw explain(error);
        }
      },
    };
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite rolls back by itself on some failures (a full disk, an I/O error); rolling
    // back again would fail too and hide the failure that matters.
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}
