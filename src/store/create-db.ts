import { Kysely } from 'kysely';
import { postgresDialect } from './postgres-dialect.js';
import { displayDbUrl } from './postgres-failure.js';
import type { Database } from './schema.js';
import { sqliteDialect } from './sqlite-dialect.js';

/** Where the store lives: a SQLite file (the default), or a PostgreSQL database. */
export type DbConfig =
  | {
      dialect: 'sqlite';
      /**
       * The database file. Created readable by its owner only (0600), and its missing
       * folders 0700: the store holds people's names and e-mail addresses. `:memory:` for a
       * throwaway.
       */
      file: string;
    }
  | {
      dialect: 'postgres';
      /** A `postgres://` (or `postgresql://`) URL of an existing database. */
      url: string;
    };

/**
 * Opens the database named by `config`. The only place a dialect is chosen: everything
 * else in the store is written against `Kysely<Database>` in portable SQL, with the few
 * differences in named functions (`dialect-of.ts`). Run `migrateToLatest` before use;
 * `db.destroy()` closes it. A failure the person running orgwire can act on is thrown as an
 * `AppError` saying what to do, here or by any query later.
 */
export function createDb(config: DbConfig): Kysely<Database> {
  return new Kysely<Database>({
    dialect: config.dialect === 'sqlite' ? sqliteDialect(config.file) : postgresDialect(config.url),
  });
}

/** The store as it may be named in messages: its file, or its URL without the password. */
export function describeDb(config: DbConfig): string {
  return config.dialect === 'sqlite' ? config.file : displayDbUrl(config.url);
}

/** Whether `location` (a `--db` value) names a PostgreSQL database rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
