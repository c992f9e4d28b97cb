import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoRepo } from './build-demo-repo.js';
import { demoHistory } from './demo-history.js';

/** The demo organisation's catalog, shipped with the package (`examples/demo/catalog`). */
export const DEMO_CATALOG = fileURLToPath(new URL('../../examples/demo/catalog', import.meta.url));

/** The demo's settings (`examples/demo/orgwire.yaml`): what it leaves out as noise. */
export const DEMO_CONFIG = fileURLToPath(
  new URL('../../examples/demo/orgwire.yaml', import.meta.url),
);

/** The demo's request-queue export (plain CSV): billing-integration and data. */
export const DEMO_REQUESTS = fileURLToPath(
  new URL('../../examples/demo/requests/requests.csv', import.meta.url),
);

/**
 * The demo repository under `base` (`.orgwire/demo/shop`), built on first use and rebuilt
 * when the demo history changes (a fingerprint of it is kept beside the repository).
 */
export async function ensureDemoRepo(base: string): Promise<string> {
  const dir = join(base, '.orgwire', 'demo', 'shop');
  const stamp = `${dir}.fingerprint`;
  const fingerprint = createHash('sha256').update(JSON.stringify(demoHistory())).digest('hex');
  if (existsSync(dir) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint)
    return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await buildDemoRepo(dir);
  await writeFile(stamp, fingerprint);
  return dir;
}
