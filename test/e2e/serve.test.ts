import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveCli } from '../helpers/serve.js';

const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);

describe('orgwire serve', () => {
  it('serves the demo, takes a check-in with a created token, and keeps it across a restart', async () => {
    const created = await orgwire(['token', 'create', '--demo', '--name', 'e2e']);
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^ow_[\w-]{43}$/);
    expect(created.stderr).toContain('shown only this once');
    expect((await orgwire(['token', 'list', '--demo'])).stdout).toMatch(
      /^NAME +CREATED +LAST USED\ne2e +\d{4}-\d\d-\d\dT\S+ +never\n$/,
    );
    expect(await listed()).toEqual({
      version: 1,
      tokens: [{ name: 'e2e', createdAt: expect.stringMatching(/^\d{4}-/), lastUsedAt: null }],
    });
    // The token itself is not in the store, only its hash.
    expect(
      spawnSync('grep', ['-c', token, join(work, '.orgwire/demo/orgwire.db')]).stdout.toString(),
    ).toBe('0\n');

    let served = await serveCli(['--demo', '--quiet'], work);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const health = await fetch(`${served.url}api/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const page = await fetch(`${served.url}bets/default/search-synonyms`);
      expect(page.headers.get('content-type')).toContain('text/html');

      const checkin = (auth?: string) =>
        fetch(`${served.url}api/bets/default/search-synonyms/checkins`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          },
          body: JSON.stringify({ status: 'killed', note: 'No lift after six weeks.' }),
        });
      expect((await checkin()).status).toBe(401);
      expect((await checkin('ow_wrong')).status).toBe(403);
      const written = await checkin(token);
      expect(written.status).toBe(201);
      expect(await written.json()).toMatchObject({ by: 'e2e', status: 'killed' });
      // The server records the use (not waiting for the write, hence the polling).
      await expect
        .poll(async () => (await listed()).tokens[0]?.lastUsedAt, { timeout: 10_000 })
        .toMatch(/^\d{4}-\d\d-\d\dT/);
      // Revoked while the server runs: refused on the very next request.
      const spare = (await orgwire(['token', 'create', '--demo', '--name', 'spare'])).stdout.trim();
      expect((await checkin(spare)).status).toBe(201);
      const revoked = await orgwire(['token', 'revoke', '--demo', 'spare']);
      expect(revoked.status).toBe(0);
      expect(revoked.stderr).toContain('Token "spare" revoked');
      expect((await checkin(spare)).status).toBe(403);
      // `token delete`, its first name, still works.
      const again = await orgwire(['token', 'delete', '--demo', 'spare']);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('No token named "spare"');
      expect(await served.stop()).toBe(0);

      served = await serveCli(['--demo', '--quiet'], work);
      const bet = (await (await fetch(`${served.url}api/bets/default/search-synonyms`)).json()) as {
        status: string;
        checkins: { note: string; by: string }[];
      };
      expect(bet.status).toBe('killed');
      expect(bet.checkins.map((c) => [c.by, c.note])).toEqual([
        ['spare', 'No lift after six weeks.'],
        ['e2e', 'No lift after six weeks.'],
      ]);
    } finally {
      await served.stop();
    }
  }, 240_000);

  it('answers only the hosts it serves, and warns loudly when open to the network without --read-token', async () => {
    const served = await serveCli(
      ['--demo', '--quiet', '--host', '0.0.0.0', '--public-url', 'http://radiator.test:8080/'],
      work,
    );
    try {
      // The warning goes to stderr just before the URL to stdout: the pipes may race.
      for (let i = 0; i < 50 && !served.stderr().includes('warning:'); i++)
        await new Promise((wait) => setTimeout(wait, 100));
      const stderr = served.stderr();
      expect(stderr).toContain('warning:');
      expect(stderr).toContain('anyone who can reach this machine on the network');
      expect(stderr).toContain('--read-token');
      const port = new URL(served.url).port;
      expect((await getWithHost(served.url, 'evil.example')).status).toBe(421);
      expect((await getWithHost(served.url, `evil.example:${port}`)).status).toBe(421);
      const proxied = await getWithHost(served.url, 'radiator.test:8080');
      expect(proxied).toEqual({ status: 200, body: '{"status":"ok"}' });
      expect((await getWithHost(served.url, `localhost:${port}`)).status).toBe(200);
    } finally {
      await served.stop();
    }

    const bad = await orgwire(['serve', '--demo', '--public-url', 'radiator.test']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--public-url takes an http:// or https:// URL');
  }, 240_000);

  it('says what is wrong with a bad port, a port in use, or no repository', async () => {
    const bad = await orgwire(['serve', '--demo', '--port', '70000']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port takes a port number from 0 to 65535, not "70000"');

    const weak = await orgwire(['serve', '--demo', '--quiet'], { ORGWIRE_TOKEN: 'a' });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('ORGWIRE_TOKEN is too weak: it has 1 character');
    expect(weak.stderr).toContain('openssl rand -hex 32');
    noStackTrace(weak.stderr);

    const none = await orgwire(['serve']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('No repository to analyse.');

    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await orgwire(['serve', '--demo', '--quiet', '--port', String(port)]);
      expect(taken.status).toBe(2);
      expect(taken.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: EADDRINUSE.`);
      expect(taken.stderr).toContain('pass --port with another one');
      noStackTrace(taken.stderr);
    } finally {
      blocker.close();
    }
  }, 120_000);
});

/** GET /api/health with a Host header of one's choosing (fetch does not let one set it). */
function getWithHost(url: string, host: string) {
  return new Promise<{ status: number | undefined; body: string }>((done, fail) => {
    const request = httpGet(new URL('api/health', url), { headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () => done({ status: response.statusCode, body }));
    });
    request.on('error', fail);
  });
}

/** Runs the built CLI in the work folder, without blocking the event loop (tests listen on it). */
/** What `orgwire token list --demo --format json` prints. */
async function listed(): Promise<{
  version: number;
  tokens: { name: string; createdAt: string; lastUsedAt: string | null }[];
}> {
  const run = await orgwire(['token', 'list', '--demo', '--format', 'json']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

function orgwire(args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    child.on('exit', (status) => done({ status, stdout, stderr }));
  });
}
