import {
  type ColumnDefinitionBuilder,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  sql,
} from 'kysely';

/** A database, transaction or migration handle of any schema. */
type AnyDb = Pick<Kysely<unknown>, 'getExecutor'>;

/**
 * Whether `db` (a database, transaction or migration handle) speaks PostgreSQL. The store is
 * written in portable SQL; the few places where the dialects must differ ask this, each in a
 * named function of this file.
 */
export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The column definition of a table's own numbered key. SQLite numbers an `integer primary
 * key` by itself (with `autoincrement`, never reusing a number); PostgreSQL needs an
 * identity, which never reuses one either.
 */
export function numberedKey(
  db: AnyDb,
  options: { autoIncrement: boolean },
): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  if (isPostgres(db)) return (col) => col.generatedByDefaultAsIdentity().primaryKey();
  return options.autoIncrement
    ? (col) => col.primaryKey().autoIncrement()
    : (col) => col.primaryKey();
}

/**
 * `column` ordered by code point, as SQLite orders text: PostgreSQL otherwise orders by the
 * database's collation, which differs between servers (`en_US` ignores punctuation first).
 */
export function byCodePoint(db: AnyDb, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}
