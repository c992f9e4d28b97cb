import { resolve } from 'node:path';
import { AppError } from '../errors.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import type { Io } from './io.js';

/** Where the store lives unless `--db` says otherwise, relative to the current folder. */
export const DEFAULT_DB = '.orgwire/orgwire.db';

/** Opens (and creates or upgrades) the SQLite store, with a clear error when it cannot. */
export async function openStore(io: Io, file: string | undefined): Promise<Store> {
  const path = resolve(io.cwd, file ?? DEFAULT_DB);
  let db: ReturnType<typeof createDb>;
  try {
    db = createDb({ dialect: 'sqlite', file: path });
  } catch (error) {
    throw new AppError(
      'invalid-input',
      (error as Error).message,
      'Pass --db with a file in a folder you can write to.',
    );
  }
  const migrated = await migrateToLatest(db);
  if (migrated.error) {
    await db.destroy();
    throw new AppError(
      'invalid-input',
      `${file ?? DEFAULT_DB} is not an orgwire database (${migrated.error.message}).`,
      'Pass --db with another file, or remove this one to start afresh.',
    );
  }
  return createStore(db);
}
