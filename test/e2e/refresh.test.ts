// `serve --refresh`: new commits reach a running radiator, under load, with no error and no
// answer that mixes two readings of the history.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Overview, RefreshStart, RefreshStatus } from '../../src/server/index.js';
import { createRepo, type Signature, type TestRepo } from '../helpers/git-repo.js';
import { serveCli } from '../helpers/serve.js';
import { STORE_DIALECTS } from '../helpers/store-dialects.js';

const ANA: Signature = { name: 'Ana Lima', email: 'ana@acme.example' };
const BEN: Signature = { name: 'Ben Okafor', email: 'ben@acme.example' };
const TOKEN = 'refresh-test-token-0123456789abcdefABCDEF';

const work = mkdtempSync(join(tmpdir(), 'orgwire-e2e-refresh-'));
const repos: TestRepo[] = [];
afterAll(async () => {
  await Promise.all(repos.map((r) => r.cleanup()));
  rmSync(work, { recursive: true, force: true });
});

/** A repository cloned below `root` as `name`; commits go to the source, then are pulled. */
async function checkout(root: string, name: string, commits: number, from = '2026-01-05') {
  const source = await createRepo();
  repos.push(source);
  // A day apart from `from`.
  let made = 0;
  const add = (n: number) => {
    for (let i = 0; i < n; i++, made++)
      source.commit({
        author: i % 2 ? ANA : BEN,
        files: { [`${name}/f${i % 7}.ts`]: `${Math.random()}\n` },
        date: new Date(Date.parse(`${from}T09:00:00Z`) + made * 86_400_000),
      });
  };
  add(commits);
  const dir = join(root, name);
  spawnSync('git', ['clone', '-q', source.dir, dir]);
  return {
    dir,
    /** Adds `n` commits upstream and pulls them, as a deployment's checkout is updated. */
    grow(n: number) {
      add(n);
      const pulled = spawnSync('git', ['-C', dir, 'pull', '-q', '--ff-only'], { encoding: 'utf8' });
      expect(pulled.status, pulled.stderr).toBe(0);
    },
  };
}

/** Asks the API for JSON, with the token. */
async function get<T>(url: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, url), {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

for (const dialect of STORE_DIALECTS) {
  describe.skipIf(dialect.off)(`serve --refresh on ${dialect.name}`, () => {
    it('shows new commits and new repositories without a restart, under load, each answer whole', async () => {
      const store = await dialect.fresh();
      const root = join(work, dialect.name);
      const shop = await checkout(root, 'shop', 30);
      // Work from a year before: the overview's trend has windows before the radiator's.
      await checkout(root, 'old', 6, '2025-01-06');
      const served = await serveCli(
        ['--repo-root', root, '--db', store.location, '--refresh', '10s', '--quiet'],
        work,
        { ORGWIRE_TOKEN: TOKEN, ORGWIRE_DB: '' },
      );
      // What the server said, where a failure needs it (a refresh that failed, serve ended).
      onTestFailed(() => console.error(`orgwire serve said:\n${served.stderr()}`));
      try {
        const first = await get<Overview>(served.url, '/api/overview');
        expect(first.body).toMatchObject({
          counts: { commits: 30, repositories: 2 },
          refreshEvery: 10,
          readAt: expect.any(String),
        });

        // Load: eight clients asking all the time, every answer kept.
        const seen: { status: number; readAt?: string | null; commits?: number }[] = [];
        let loading = true;
        const client = async () => {
          const paths = ['/api/overview', '/api/coordination', '/api/teams', '/api/overview'];
          for (let i = 0; loading; i++) {
            const path = paths[i % paths.length] as string;
            const answer = await get<Overview>(served.url, path);
            seen.push(
              path === '/api/overview'
                ? {
                    status: answer.status,
                    readAt: answer.body.readAt,
                    commits: answer.body.counts.commits,
                  }
                : { status: answer.status },
            );
          }
        };
        const load = Promise.all(Array.from({ length: 8 }, client));

        // Asked for at once: new commits, and a repository that appeared below the root.
        shop.grow(5);
        await checkout(root, 'pay', 12);
        const refused = await fetch(new URL('/api/refresh', served.url), { method: 'POST' });
        expect(refused.status).toBe(401);
        const asked = await fetch(new URL('/api/refresh', served.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(asked.status).toBe(202);
        expect(((await asked.json()) as RefreshStart).status.running).toBe(true);
        const refreshed = await until(served.url, (o) => o.counts.commits === 47);
        expect(refreshed.counts.repositories).toBe(3);
        expect(refreshed.readAt).not.toBe(first.body.readAt);

        // On the timer alone.
        shop.grow(3);
        const timed = await until(served.url, (o) => o.counts.commits === 50);
        const status = await get<RefreshStatus>(served.url, '/api/refresh');
        expect(status.body).toMatchObject({
          every: 10,
          lastError: null,
          servedSince: timed.readAt,
        });

        loading = false;
        await load;
        expect(seen.length).toBeGreaterThan(100);
        expect(seen.filter((s) => s.status !== 200)).toEqual([]);
        // One reading of the history, one set of figures: no answer mixes two.
        const figures = new Map<string, Set<number>>();
        for (const s of seen) {
          if (s.readAt === undefined) continue;
          figures.set(
            String(s.readAt),
            (figures.get(String(s.readAt)) ?? new Set()).add(s.commits as number),
          );
        }
        expect(figures.size).toBeGreaterThanOrEqual(2);
        for (const [, commits] of figures) expect(commits.size).toBe(1);

        // Nothing new: the weeks kept in the store are the trends, as they were.
        const trends = await get<unknown>(served.url, '/api/trends');
        await fetch(new URL('/api/refresh', served.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        const same = await until(served.url, (o) => o.readAt !== timed.readAt);
        expect(same.counts.commits).toBe(50);
        // And the overview's trend, whose earlier windows are kept beside them.
        expect(same.trend).toEqual(timed.trend);
        expect(same.trend.length).toBeGreaterThan(1);
        expect((await get<unknown>(served.url, '/api/trends')).body).toEqual(trends.body);
        expect(served.stderr()).not.toMatch(/refresh failed|Error/);
      } finally {
        await served.stop();
        await store.drop();
      }
    }, 120_000);
  });
}

describe('serve --refresh and orgwire.yaml', () => {
  it('reads it again at each refresh: a broken one fails that refresh and the radiator stays; a mended one takes effect', async () => {
    const dir = join(work, 'config');
    const root = join(dir, 'repos');
    await checkout(root, 'shop', 20);
    const served = await serveCli(['--repo-root', root, '--db', join(dir, 'orgwire.db')], dir, {
      ORGWIRE_TOKEN: TOKEN,
      ORGWIRE_DB: '',
    });
    onTestFailed(() => console.error(`orgwire serve said:\n${served.stderr()}`));
    const refresh = async () => {
      const before = (await get<RefreshStatus>(served.url, '/api/refresh')).body;
      const asked = await fetch(new URL('/api/refresh', served.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(asked.status).toBe(202);
      for (;;) {
        await sleep(200);
        const now = (await get<RefreshStatus>(served.url, '/api/refresh')).body;
        if (!now.running && now.lastFinishedAt !== before.lastFinishedAt) return now;
      }
    };
    try {
      const weeks = (await get<{ weeks: number }>(served.url, '/api/trends')).body.weeks;
      expect(weeks).not.toBe(6);
      const overview = (await get<Overview>(served.url, '/api/overview')).body;

      writeFileSync(join(dir, 'orgwire.yaml'), 'drift:\n  weeks: many\n');
      const failed = await refresh();
      expect(failed.lastError).toMatch(/orgwire\.yaml/);
      expect(failed.servedSince).toBe(overview.readAt);
      expect((await get<Overview>(served.url, '/api/overview')).body.readAt).toBe(overview.readAt);
      expect(served.stderr()).toMatch(/the refresh failed[\s\S]*orgwire\.yaml:2/);

      writeFileSync(join(dir, 'orgwire.yaml'), 'drift:\n  weeks: 6\n');
      const mended = await refresh();
      expect(mended.lastError).toBeNull();
      expect((await get<{ weeks: number }>(served.url, '/api/trends')).body.weeks).toBe(6);
    } finally {
      await served.stop();
    }
  }, 120_000);
});

/** The overview once `ready` holds, asked every half second for up to 40 s. */
async function until(url: string, ready: (overview: Overview) => boolean): Promise<Overview> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const { body } = await get<Overview>(url, '/api/overview');
    if (ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`never refreshed: ${JSON.stringify(body.counts)}`);
    await sleep(500);
  }
}
