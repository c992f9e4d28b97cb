import { createHash } from 'node:crypto';
import { type CatalogFile, catalogReadings, rememberReadings } from '../model/index.js';
import type { Store } from '../store/index.js';
import { buildId } from './build-id.js';

const KIND = 'catalog-readings';

/**
 * Reads the catalog's files from the store when this build of orgwire read these same files
 * before — a radiator's restart: a catalog of 30,000 entities is 30 MB of JSON to read, where
 * its 9 MB of YAML take 7 s to parse. Returns what keeps them there when they were not (call
 * it once the catalog is known to be good).
 */
export async function keptReadings(
  store: Store,
  files: readonly CatalogFile[],
): Promise<() => Promise<void>> {
  if (files.length === 0) return async () => {};
  const hash = createHash('sha1').update(buildId());
  for (const file of files) hash.update(`\0${file.path}\0${file.text}`);
  const key = hash.digest('hex');
  const kept = await store.keptResult(KIND, key);
  if (kept !== undefined) {
    rememberReadings(files, JSON.parse(kept));
    return async () => {};
  }
  return () => store.keepResult(KIND, key, JSON.stringify(catalogReadings(files)));
}
