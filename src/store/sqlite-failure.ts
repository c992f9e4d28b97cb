import { AppError } from '../errors.js';

/**
 * What a failure to open, read or write the store means to the person running orgwire,
 * as an {@link AppError} saying what to do next; `undefined` when it is not theirs to fix
 * (a bug in orgwire). Takes SQLite's result codes (better-sqlite3 puts them in `code`,
 * extended ones included: `SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_WRITE`) and the file
 * system's (`EACCES`, `ENOSPC`) when creating the file or its folders.
 *
 * No message here advises removing the store: it holds check-ins, learnings, readings and
 * tokens that exist nowhere else.
 */
export function explainSqliteFailure(error: unknown, file: string): AppError | undefined {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const said = error instanceof Error ? error.message : String(error);
  const kind = FAILURES.find(([prefixes]) => prefixes.some((prefix) => code.startsWith(prefix)));
  if (kind === undefined) return undefined;
  return kind[1](file, said);
}

const UNTOUCHED = 'orgwire did not change it.';

const FAILURES: ReadonlyArray<
  readonly [prefixes: readonly string[], explain: (file: string, said: string) => AppError]
> = [
  [
    ['SQLITE_BUSY', 'SQLITE_LOCKED'],
    (file) =>
      new AppError(
        'store',
        `Another process held the store ${file} for writing for over 30 seconds.`,
        'Another orgwire (an ingest, or serve reading history) is writing to it: run this again when it has finished. Reading never waits; only two writers take turns.',
      ),
  ],
  [
    ['SQLITE_FULL', 'ENOSPC', 'EDQUOT'],
    (file) =>
      new AppError(
        'store',
        `The disk holding the store ${file} is full.`,
        'Free some space and run again: nothing stored was lost, and an ingest goes on from the last batch it saved.',
      ),
  ],
  [
    ['SQLITE_READONLY', 'EROFS'],
    (file) =>
      new AppError(
        'store',
        `The store ${file} is read-only, and orgwire writes to it (and to the -wal and -shm files beside it).`,
        'Make the file and its folder writable (chmod u+w), or copy the file to a folder you can write to and pass --db with the copy.',
      ),
  ],
  [
    [
      'SQLITE_CANTOPEN',
      'SQLITE_PERM',
      'SQLITE_AUTH',
      'EACCES',
      'EPERM',
      'ENOENT',
      'ENOTDIR',
      'EISDIR',
    ],
    (file, said) =>
      new AppError(
        'store',
        `Cannot open the store ${file}: ${said}.`,
        'Pass --db with a file in a folder you can write to.',
      ),
  ],
  [
    ['SQLITE_NOTADB'],
    (file) =>
      new AppError(
        'store',
        `${file} is not an orgwire store: it is not a SQLite database. ${UNTOUCHED}`,
        'Pass --db with the store (by default .orgwire/orgwire.db), or with a new file to start one.',
      ),
  ],
  [
    ['SQLITE_CORRUPT'],
    (file, said) =>
      new AppError(
        'store',
        `The store ${file} is damaged (SQLite says: ${said}). ${UNTOUCHED}`,
        `Recover what it holds into a new file with SQLite's own tool — sqlite3 '${file}' .recover | sqlite3 '${file}.recovered' — then pass --db '${file}.recovered'. Keep the damaged file until the recovered one works.`,
      ),
  ],
  [
    ['SQLITE_IOERR', 'EIO'],
    (file, said) =>
      new AppError(
        'store',
        `Reading or writing the store ${file} failed (${said}).`,
        'Check the disk or network share the file is on, then run again; an ingest goes on from the last batch it saved.',
      ),
  ],
];
