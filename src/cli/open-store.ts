import { resolve } from 'node:path';
import { openStore as openStoreFile, type Store } from '../store/index.js';
import type { Io } from './io.js';

/** Where the store lives unless `--db` says otherwise, relative to the current folder. */
export const DEFAULT_DB = '.orgwire/orgwire.db';

/** Opens (and creates or upgrades) the SQLite store named by `--db`, or the default one. */
export function openStore(io: Io, file: string | undefined): Promise<Store> {
  return openStoreFile({ dialect: 'sqlite', file: resolve(io.cwd, file ?? DEFAULT_DB) });
}
