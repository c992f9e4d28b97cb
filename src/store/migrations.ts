import {
  type Kysely,
  type Migration,
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
  sql,
} from 'kysely';
import { isPostgres, numberedKey } from './dialect-of.js';
import type { Database } from './schema.js';

/**
 * A step of the schema's history. `creates` names the tables it creates, in order, for
 * {@link dropLeftovers}; a migration that alters existing tables lists none.
 */
interface StoreMigration extends Migration {
  creates: readonly string[];
}

/**
 * The schema's history, oldest first. A migration, once released, is never edited: a
 * change is a new entry. Only portable DDL here, but for the numbered keys
 * ({@link numberedKey}): PostgreSQL runs the same migrations.
 */
export const MIGRATIONS: Readonly<Record<string, StoreMigration>> = {
  '0001-initial': {
    creates: ['repositories', 'ingest_state', 'commits'],
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('repositories')
        // `integer primary key` numbers rows by itself in SQLite; PostgreSQL needs an
        // identity, the one DDL difference between the two.
        .addColumn('id', 'integer', numberedKey(db, { autoIncrement: false }))
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
    creates: ['requests'],
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
    creates: ['tokens', 'checkins', 'readings', 'learnings'],
    async up(db: Kysely<unknown>) {
      // Access tokens for the radiator's writes: only a SHA-256 of each is kept.
      await db.schema
        .createTable('tokens')
        .addColumn('id', 'integer', numberedKey(db, { autoIncrement: true }))
        .addColumn('name', 'text', (col) => col.notNull().unique())
        .addColumn('hash', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('checkins')
        .addColumn('id', 'integer', numberedKey(db, { autoIncrement: true }))
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
        .addColumn('id', 'integer', numberedKey(db, { autoIncrement: true }))
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
        .addColumn('id', 'integer', numberedKey(db, { autoIncrement: true }))
        .addColumn('name', 'text', (col) => col.notNull().unique())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '0004-merge-logins': {
    creates: ['merge_login_heads', 'merge_logins'],
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
  '0005-drift-weeks': {
    creates: ['drift_series', 'drift_weeks'],
    async up(db: Kysely<unknown>) {
      // Drift's weekly facts, kept so that a run reads what has not changed instead of
      // measuring it again. A series is keyed by everything its weeks depend on but the
      // commits; `stamp` says which commits it saw, and each week keeps the digest of the
      // facts of its trailing window.
      await db.schema
        .createTable('drift_series')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('stamp', 'text', (col) => col.notNull())
        // The order series were saved in: the oldest are let go first.
        .addColumn('saved', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema
        .createTable('drift_weeks')
        .addColumn('series', 'text', (col) =>
          col.notNull().references('drift_series.key').onDelete('cascade'),
        )
        .addColumn('week', 'text', (col) => col.notNull())
        .addColumn('digest', 'text', (col) => col.notNull())
        .addColumn('data', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('drift_weeks_pk', ['series', 'week'])
        .execute();
    },
  },
  '0006-shared-deployment': {
    creates: [],
    async up(db: Kysely<unknown>) {
      // The next ingest position of each repository, kept instead of asked for: `max(seq)`
      // per batch read the index once per batch, quadratic over a large first ingest. Its
      // row is also what serialises two writers of one repository on PostgreSQL.
      await db.schema
        .alterTable('repositories')
        .addColumn('next_seq', 'bigint', (col) => col.notNull().defaultTo(1))
        .execute();
      await sql`update repositories set next_seq = 1 + coalesce((select max(seq) from commits where commits.repository_id = repositories.id), 0)`.execute(
        db,
      );
      // When a token was last used, for `orgwire token list` (null: never).
      await db.schema.alterTable('tokens').addColumn('last_used_at', 'text').execute();
    },
  },
  '0007-kept-results': {
    creates: ['kept_results'],
    async up(db: Kysely<unknown>) {
      // Results that cost much to make and depend only on what their key hashes (the catalog
      // read, by the code that read it), kept so that a restart reads them instead. A few of
      // each kind are kept, the most recently saved.
      await db.schema
        .createTable('kept_results')
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('saved', 'bigint', (col) => col.notNull())
        .addColumn('value', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('kept_results_pk', ['kind', 'key'])
        .execute();
    },
  },
  '0008-tickets': {
    creates: ['tickets'],
    async up(db: Kysely<unknown>) {
      // Requests by their identity in their tracker (a Jira key, a repository's issue number),
      // not by the export they were read from: exports overlap (each is a window onto the
      // tracker), and one ticket read from two of them was counted twice. `updated` decides
      // which of two readings is kept: the newer.
      await db.schema
        .createTable('tickets')
        .addColumn('tracker', 'text', (col) => col.notNull())
        .addColumn('id', 'text', (col) => col.notNull())
        .addColumn('requester', 'text', (col) => col.notNull())
        .addColumn('provider', 'text', (col) => col.notNull())
        .addColumn('created', 'bigint', (col) => col.notNull())
        .addColumn('started', 'bigint')
        .addColumn('done', 'bigint')
        .addColumn('type', 'text')
        .addColumn('waited', 'bigint')
        .addColumn('updated', 'bigint', (col) => col.notNull())
        .addColumn('source', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('tickets_pk', ['tracker', 'id'])
        .execute();
      // What earlier versions kept stays, under the export it was read from (whose format is
      // not known here), until that export is read again: it then replaces them, as before.
      await sql`insert into tickets (tracker, id, requester, provider, created, started, done, type, updated, source)
        select 'export:' || export, id, requester, provider, created, started, done, type,
          coalesce(done, started, created), source
        from requests`.execute(db);
      await db.schema.dropTable('requests').execute();
    },
  },
};

/** What `migrateToLatest` did: each migration's outcome, and the failure if there was one. */
export interface MigrationReport {
  results: MigrationResult[];
  /** Set when the schema could not be brought up to date; then nothing was changed. */
  error?: Error;
}

/**
 * Brings the schema up to date. Never throws: a failure comes back as `error`, with a
 * message naming the migration that failed, and the caller decides what to tell the user.
 * Safe to run on every start: a store already up to date is only read, so opening one
 * takes no write lock. The pending migrations run in one transaction with their records
 * (the dialect's DDL is transactional), so a process killed during an upgrade leaves the
 * store as it was before it. Before that, what a killed older orgwire left half-created
 * is dropped ({@link dropLeftovers}).
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  let outcome: MigrationResultSet;
  try {
    const recorded = await recordedMigrations(db);
    const unknown = recorded.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0) {
      return {
        results: [],
        error: new Error(
          `it was written by a newer orgwire (its schema has ${unknown.join(', ')}, which this version does not know); upgrade orgwire to read it`,
        ),
      };
    }
    if (recorded.length === Object.keys(MIGRATIONS).length) return { results: [] };
    // Read the records again under the write lock: another process may have migrated since.
    // PostgreSQL's schema changes were always transactional: it has no leftovers to drop.
    if (!isPostgres(db)) {
      await db
        .transaction()
        .execute(async (tx) => dropLeftovers(tx, new Set(await recordedMigrations(tx))));
    }
    outcome = await new Migrator({
      db,
      provider: { getMigrations: async () => MIGRATIONS },
    }).migrateToLatest();
  } catch (cause) {
    // Kysely's migrator promises not to throw; reading the records or dropping leftovers may.
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

/** The migrations the store records as applied; none for a new store. */
async function recordedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Drops the tables of migrations the store does not record as applied. Before schema
 * changes ran in a transaction, a process killed inside a migration left some of its
 * tables created and no record of it, and every later run failed on "table already
 * exists". Such a table can hold nothing (no run could open the store since), and one
 * that does is not dropped: the store is then refused, with its data kept.
 */
async function dropLeftovers(db: Kysely<Database>, recorded: ReadonlySet<string>): Promise<void> {
  const existing = new Set((await db.introspection.getTables()).map((table) => table.name));
  const leftovers = Object.entries(MIGRATIONS)
    .filter(([name]) => !recorded.has(name))
    .flatMap(([name, migration]) => migration.creates.map((table) => ({ name, table })))
    .filter(({ table }) => existing.has(table))
    // Dependent tables (commits -> repositories) were created last: drop them first.
    .reverse();
  for (const { name, table } of leftovers) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    if (Number(rows[0]?.n ?? 0) > 0) {
      throw new Error(
        `table ${table} of migration ${name} holds rows though the migration is not recorded as applied`,
      );
    }
    await db.schema.dropTable(table).execute();
  }
}
