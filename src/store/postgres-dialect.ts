import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  PostgresDialect,
  PostgresDriver,
  type QueryResult,
} from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { explainPostgresFailure } from './postgres-failure.js';

/**
 * How long opening a connection may take before orgwire says that no PostgreSQL answers,
 * in milliseconds: an address that drops packets must not hang a command.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connections kept open at most: one per ingest worker and a few for the radiator's reads.
 * PostgreSQL's own default limit is 100 for the whole server.
 */
const POOL_SIZE = 8;

/** PostgreSQL's type id of `bigint` (int8), which `pg` returns as a string by default. */
const INT8_OID = 20;

/**
 * Opens a PostgreSQL database (a `postgres://` URL) as a Kysely dialect. `bigint` columns
 * come back as numbers, as SQLite gives them: the store keeps seconds since the epoch and
 * counts there, all far below 2^53. Streams read through a server-side cursor. A failure the
 * person running orgwire can act on (no server at that address, a wrong password, a missing
 * database, a full disk) is thrown as an `AppError` saying what to do, by any query.
 */
export function postgresDialect(url: string): Dialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'orgwire',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? Number
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closed (a restart, a failover) is dropped from the pool and
  // the next query opens another; without a listener, `pg` would end the process.
  pool.on('error', () => {});
  const explain = (error: unknown) => explainPostgresFailure(error, url) ?? error;
  return new (class extends PostgresDialect {
    override createDriver() {
      return new ExplainingDriver({ pool, cursor: Cursor }, explain);
    }
  })({ pool, cursor: Cursor });
}

/** PostgreSQL's driver, with every failure — connecting included — passed through `explain`. */
class ExplainingDriver extends PostgresDriver {
  readonly #explain: (error: unknown) => unknown;

  constructor(
    config: ConstructorParameters<typeof PostgresDriver>[0],
    explain: (error: unknown) => unknown,
  ) {
    super(config);
    this.#explain = explain;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const explain = this.#explain;
    let connection: DatabaseConnection;
    try {
      connection = await super.acquireConnection();
    } catch (error) {
      throw explain(error);
    }
    // The driver releases by the connection object it handed out: wrap without copying it.
    return new Proxy(connection, {
      get(target, key, receiver) {
        if (key === 'executeQuery') {
          return async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
            try {
              return await target.executeQuery<R>(query);
            } catch (error) {
              throw explain(error);
            }
          };
        }
        if (key === 'streamQuery') {
          return async function* <R>(query: CompiledQuery, chunkSize?: number) {
            try {
              yield* target.streamQuery<R>(query, chunkSize);
            } catch (error) {
              throw explain(error);
            }
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
