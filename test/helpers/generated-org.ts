import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { type Served, serveCli } from './serve.js';

/**
 * A generated organisation of 30 teams in five departments of six (bench/generate-org.mjs:
 * catalog, git repository and store) written into `dir`, served by the built CLI.
 */
export async function serveGeneratedOrg(dir: string, cwd: string): Promise<Served> {
  const made = spawnSync(
    process.execPath,
    [
      resolve('bench/generate-org.mjs'),
      dir,
      ...['--teams', '30', '--users', '240', '--components', '200'],
      ...['--commits', '20000', '--department-size', '6'],
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`generate-org failed:\n${made.stderr}`);
  return serveCli(
    [
      ...['--repo', join(dir, 'repo'), '--db', join(dir, 'orgwire.db')],
      ...['--catalog', join(dir, 'catalog'), '--quiet'],
    ],
    cwd,
  );
}
