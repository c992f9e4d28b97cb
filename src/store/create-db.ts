import { Kysely } from 'kysely';
import type { DbConfig } from './db-config.js';
import { postgresDialect } from './postgres-dialect.js';
import type { Database } from './schema.js';
import { sqliteDialect } from './sqlite-dialect.js';

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
