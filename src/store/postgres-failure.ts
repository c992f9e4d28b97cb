import { AppError } from '../errors.js';

/**
 * What a failure to reach, read or write a PostgreSQL store means to the person running
 * orgwire, as an {@link AppError} saying what to do next; `undefined` when it is not theirs
 * to fix (a bug in orgwire). Takes the network's error codes (`ECONNREFUSED`, `ENOTFOUND`)
 * and PostgreSQL's SQLSTATE codes (`28P01`, `3D000`, `53100`), which `pg` puts in `code`.
 * The URL is shown without its password.
 */
export function explainPostgresFailure(error: unknown, url: string): AppError | undefined {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const said = error instanceof Error ? error.message : String(error);
  const where = displayDbUrl(url);
  // `pg` says this, with no code, when a connection does not open in time.
  if (
    code === undefined &&
    /timeout exceeded when trying to connect|Connection terminated/i.test(said)
  ) {
    return unreachable(where, said);
  }
  if (typeof code !== 'string') return undefined;
  if (NETWORK.includes(code)) return unreachable(where, code);
  const kind = FAILURES.find(([prefixes]) => prefixes.some((prefix) => code.startsWith(prefix)));
  return kind?.[1](where, said);
}

/**
 * A `postgres://` URL as it may be shown: the password replaced by `***`. Text that is no
 * URL is shown as `postgres://…`, never echoed whole (it may hold a password).
 */
export function displayDbUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

const NETWORK = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
];

function unreachable(where: string, said: string): AppError {
  return new AppError(
    'store',
    `No PostgreSQL answers at ${where} (${said}).`,
    'Check that the server runs and that host and port in --db (or ORGWIRE_DB) are right; `pg_isready -d URL` tells. An ingest goes on from the last batch it saved.',
  );
}

const FAILURES: ReadonlyArray<
  readonly [prefixes: readonly string[], explain: (where: string, said: string) => AppError]
> = [
  [
    // invalid_authorization_specification, invalid_password
    ['28'],
    (where, said) =>
      new AppError(
        'store',
        `PostgreSQL at ${where} refused the login: ${said}.`,
        'Put the right user and password in the URL (postgres://USER:PASSWORD@HOST/DB), or in ~/.pgpass, or set PGPASSWORD.',
      ),
  ],
  [
    // invalid_catalog_name: the database does not exist
    ['3D000'],
    (where, said) =>
      new AppError(
        'store',
        `${said} at ${where}.`,
        'Create it first (`createdb NAME`, or `create database NAME` in psql): orgwire makes its tables, not the database.',
      ),
  ],
  [
    // insufficient_privilege
    ['42501'],
    (where, said) =>
      new AppError(
        'store',
        `The user in ${where} may not do what orgwire needs: ${said}.`,
        'orgwire creates its tables on first use and writes to them: grant the user CREATE on the schema and ownership of the tables, or use the database owner.',
      ),
  ],
  [
    // disk_full, out_of_memory, too_many_connections, and the server going down
    ['53', '57P'],
    (where, said) =>
      new AppError(
        'store',
        `PostgreSQL at ${where} could not do the work: ${said}.`,
        'Ask whoever runs the server (disk, memory, max_connections), then run again: nothing stored was lost, and an ingest goes on from the last batch it saved.',
      ),
  ],
  [
    // connection_exception
    ['08'],
    (where, said) => unreachable(where, said),
  ],
  [
    // read_only_sql_transaction: a standby
    ['25006'],
    (where) =>
      new AppError(
        'store',
        `PostgreSQL at ${where} is read-only (a standby), and orgwire writes to its store.`,
        'Point --db at the primary server.',
      ),
  ],
];
