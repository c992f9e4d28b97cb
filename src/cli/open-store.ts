import { resolve } from 'node:path';
import { type DbConfig, isPostgresUrl } from '../store/db-config.js';
import type { Store } from '../store/index.js';
import type { Io } from './io.js';

/** Where the store lives unless `--db` or `ORGWIRE_DB` says otherwise, relative to the current folder. */
export const DEFAULT_DB = '.orgwire/orgwire.db';

/**
 * The store named by `--db`, else by `ORGWIRE_DB`, else the default file: a `postgres://`
 * URL names a PostgreSQL database, anything else a SQLite file (relative to the current
 * folder).
 */
export function dbConfig(io: Io, location: string | undefined): DbConfig {
  // Set but empty is unset, as in most shells' `VAR= command`.
  const named = location ?? (process.env.ORGWIRE_DB || undefined) ?? DEFAULT_DB;
  return isPostgresUrl(named)
    ? { dialect: 'postgres', url: named }
    : { dialect: 'sqlite', file: resolve(io.cwd, named) };
}

/** Opens (and creates or upgrades) the store named by `--db`, `ORGWIRE_DB`, or the default one. */
export async function openStore(io: Io, location: string | undefined): Promise<Store> {
  // Loaded here, not with the CLI: a command that opens no store (and `serve`'s process that
  // only takes connections) does without the database drivers.
  const { openStore: openStoreAt } = await import('../store/index.js');
  return openStoreAt(dbConfig(io, location));
}
