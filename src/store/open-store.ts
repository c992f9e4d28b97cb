import { AppError } from '../errors.js';
import { createDb } from './create-db.js';
import { type DbConfig, describeDb } from './db-config.js';
import { migrateToLatest } from './migrations.js';
import { createStore, type Store, type StoreOptions } from './store.js';

/**
 * The one way commands open the store: creates it when new (privately), brings its schema
 * up to date, and wraps it. Every way this can fail — a folder that cannot be made, a lock
 * held too long, a read-only, foreign, damaged or newer store, a full disk — is an
 * {@link AppError} that says what to do, and none of them changes the file.
 */
export async function openStore(config: DbConfig, options: StoreOptions = {}): Promise<Store> {
  const db = createDb(config);
  const migrated = await migrateToLatest(db);
  if (migrated.error) {
    await db.destroy();
    const { cause } = migrated.error;
    if (cause instanceof AppError) throw cause;
    throw new AppError(
      'store',
      `The store ${describeDb(config)} could not be brought up to date: ${migrated.error.message.replace(/^Could not bring the database schema up to date: /, '')}. orgwire did not change it.`,
      'Pass --db with another store to carry on meanwhile, and report this message: it is either a store from another program or a bug in orgwire.',
    );
  }
  return createStore(db, options);
}
