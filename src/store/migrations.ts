import {
  type Kysely,
  type Migration,
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
} from 'kysely';
import type { Database } from './schema.js';

/**
 * The schema's history, oldest first. A migration, once released, is never edited: a
 * change is a new entry. Only portable DDL here; PostgreSQL runs the same migrations.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('repositories')
        // `integer primary key` numbers rows by itself in SQLite; PostgreSQL will need an
        // identity default here, the one DDL difference between the two.
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('path', 'text', (col) => col.notNull().unique())
        .addColumn('label', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('ingest_state')
        .addColumn('repository_id', 'integer', (col) =>
          col.notNull().references('repositories.id').onDelete('cascade'),
        )
        .addColumn('ref', 'text', (col) => col.notNull())
        .addColumn('tip', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('ingest_state_pk', ['repository_id', 'ref'])
        .execute();

      await db.schema
        .createTable('commits')
        .addColumn('repository_id', 'integer', (col) =>
          col.notNull().references('repositories.id').onDelete('cascade'),
        )
        .addColumn('sha', 'text', (col) => col.notNull())
        // bigint, not integer: PostgreSQL's integer is 32 bits and git author dates can
        // lie past 2038. SQLite stores both alike.
        .addColumn('time', 'bigint', (col) => col.notNull())
        .addColumn('author_name', 'text', (col) => col.notNull())
        .addColumn('author_email', 'text', (col) => col.notNull())
        .addColumn('co_authors', 'text', (col) => col.notNull())
        .addColumn('parents', 'integer', (col) => col.notNull())
        .addColumn('files', 'text', (col) => col.notNull())
        // The order commits were ingested in, per repository: every commit after its
        // parents. Author times cannot give that order (equal seconds, rebased work), and
        // following renames needs it.
        .addColumn('seq', 'bigint', (col) => col.notNull())
        // Keyed by time before sha: a sha fixes its author time, so this is as unique as
        // (repository_id, sha), and it doubles as the index every windowed read uses. Keyed
        // by sha alone, each batch of random shas dirtied most pages of that index and
        // ingest ran 2.7 times slower (80,000 commits in batches of 1,000: 2.7 s against 1.0 s).
        .addPrimaryKeyConstraint('commits_pk', ['repository_id', 'time', 'sha'])
        .execute();
    },
  },
  '0002-requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('requests')
        // The export a request was read from (its absolute path): reading an export again
        // replaces what it said before.
        .addColumn('export', 'text', (col) => col.notNull())
        .addColumn('id', 'text', (col) => col.notNull())
        .addColumn('requester', 'text', (col) => col.notNull())
        .addColumn('provider', 'text', (col) => col.notNull())
        .addColumn('created', 'bigint', (col) => col.notNull())
        .addColumn('started', 'bigint')
        .addColumn('done', 'bigint')
        .addColumn('type', 'text')
        .addColumn('source', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('requests_pk', ['export', 'id'])
        .execute();
    },
  },
  '0003-radiator': {
    async up(db: Kysely<unknown>) {
      // Access tokens for the radiator's writes: only a SHA-256 of each is kept.
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
        .addColumn('name', 'text', (col) => col.notNull().unique())
        .addColumn('hash', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('checkins')
        .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
        .addColumn('bet', 'text', (col) => col.notNull())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('status', 'text')
        .addColumn('outcome_value', 'double precision')
        .addColumn('note', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('checkins_bet').on('checkins').column('bet').execute();
      await db.schema
        .createTable('readings')
        .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
        .addColumn('goal', 'text', (col) => col.notNull())
        .addColumn('value', 'double precision', (col) => col.notNull())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('readings_goal').on('readings').column('goal').execute();
      // A learning written through the radiator: the same fields as a catalog Learning,
      // kept as JSON because the radiator only ever reads them whole.
      await db.schema
        .createTable('learnings')
        .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
        .addColumn('name', 'text', (col) => col.notNull().unique())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0004-merge-logins': {
    async up(db: Kysely<unknown>) {
      // Who is who from pull-request merges, read from the whole history: kept per
      // repository with the HEAD it was read at, and read again only when HEAD moves.
      await db.schema
        .createTable('merge_login_heads')
        .addColumn('repository_id', 'integer', (col) =>
          col.primaryKey().references('repositories.id').onDelete('cascade'),
        )
        .addColumn('head', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('merge_logins')
        .addColumn('repository_id', 'integer', (col) =>
          col.notNull().references('repositories.id').onDelete('cascade'),
        )
        .addColumn('email', 'text', (col) => col.notNull())
        .addColumn('login', 'text', (col) => col.notNull())
        .addColumn('commits', 'integer', (col) => col.notNull())
        .addPrimaryKeyConstraint('merge_logins_pk', ['repository_id', 'email', 'login'])
        .execute();
    },
  },
};

/** What `migrateToLatest` did: each migration's outcome, and the failure if there was one. */
export interface MigrationReport {
  results: MigrationResult[];
  /** Set when a migration failed; the migrations before it stay applied. */
  error?: Error;
}

/**
 * Brings the schema up to date. Never throws: a failure comes back as `error`, with a
 * message naming the migration that failed, and the caller decides what to tell the user.
 * Safe to run on every start; applied migrations are skipped.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  let outcome: MigrationResultSet;
  try {
    outcome = await migrator.migrateToLatest();
  } catch (cause) {
    // Kysely promises not to throw here; this keeps our promise if it ever does.
    outcome = { error: cause };
  }
  const results = [...(outcome.results ?? [])];
  if (outcome.error === undefined) return { results };
  const failed = results.find((result) => result.status === 'Error');
  const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  const what = failed ? `migration ${failed.migrationName} failed` : 'migrations could not run';
  return {
    results,
    error: new Error(`Could not bring the database schema up to date: ${what}: ${reason}`, {
      cause: outcome.error,
    }),
  };
}
