export { createDb } from './create-db.js';
export { type DbConfig, describeDb, isPostgresUrl } from './db-config.js';
export { type MigrationReport, migrateToLatest } from './migrations.js';
export { openStore } from './open-store.js';
export type { Records } from './records.js';
export type { Database } from './schema.js';
export {
  type CommitQuery,
  createStore,
  type KeptDriftWeek,
  type Store,
  type StoredCommit,
  type StoredRepository,
  type StoreOptions,
} from './store.js';
