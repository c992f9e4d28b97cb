import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let id: string | undefined;

/**
 * A digest of orgwire's own code (every module beside and below the CLI's parent folder:
 * `dist/src` when built, `src` under the tests): what the store keeps from a run — drift's
 * weekly facts — is measured again by any other build, so a changed measure never shows
 * stale figures. About 300 small files, hashed once per process.
 */
export function buildId(): string {
  if (id === undefined) {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const hash = createHash('sha1');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(js|ts)$/.test(f) && !/\.test\.(js|ts)$/.test(f))
      .sort();
    for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(root, file)));
    id = hash.digest('hex');
  }
  return id;
}
