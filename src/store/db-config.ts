import { displayDbUrl } from './postgres-failure.js';

/** Where the store lives: a SQLite file (the default), or a PostgreSQL database. */
export type DbConfig =
  | {
      dialect: 'sqlite';
      /**
       * The database file. Created readable by its owner only (0600), and its missing
       * folders 0700: the store holds people's names and e-mail addresses. `:memory:` for a
       * throwaway.
       */
      file: string;
    }
  | {
      dialect: 'postgres';
      /** A `postgres://` (or `postgresql://`) URL of an existing database. */
      url: string;
    };

/** The store as it may be named in messages: its file, or its URL without the password. */
export function describeDb(config: DbConfig): string {
  return config.dialect === 'sqlite' ? config.file : displayDbUrl(config.url);
}

/** Whether `location` (a `--db` value) names a PostgreSQL database rather than a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
