import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClonedRepo,
  cloneRepo,
  createRepo,
  type Signature,
  type TestRepo,
} from '../../test/helpers/git-repo.js';
import { AppError } from '../errors.js';
import type { CommitRecord } from '../model/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { type IngestOptions, ingestEach, ingestRepositories } from './ingest-repositories.js';

const ANA: Signature = { name: 'Ana Lima', email: 'ana@acme.example' };
const BEN: Signature = { name: 'Ben Okafor', email: 'ben@acme.example' };
const TEXT = Array.from({ length: 40 }, (_, i) => `line ${i}\n`).join('');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function repo(): Promise<TestRepo> {
  const made = await createRepo();
  cleanups.push(made.cleanup);
  return made;
}

async function clone(source: TestRepo, flags: readonly string[]): Promise<ClonedRepo> {
  const made = await cloneRepo(source.dir, flags);
  cleanups.push(made.cleanup);
  return made;
}

async function store(): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'orgwire-ingest-'));
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  const { error } = await migrateToLatest(db);
  if (error) throw error;
  const made = createStore(db);
  cleanups.push(async () => {
    await made.close();
    await rm(dir, { recursive: true, force: true });
  });
  return made;
}

/** Ingests one repository and returns its result and every commit stored, oldest first. */
async function ingestOne(dir: string, options: IngestOptions = {}, into?: Store) {
  const s = into ?? (await store());
  const [result] = await ingestRepositories(s, [dir], options);
  if (!result) throw new Error('no result');
  const stored: CommitRecord[] = [];
  for await (const { repositoryId: _, ...commit } of s.commits({
    repositoryIds: [result.repositoryId],
  })) {
    stored.unshift(commit);
  }
  return { result, stored };
}

/**
 * Ten commits: an unchanged move (commit 3), then, after six edits of other files, a move
 * with an edit (commit 10), which only similarity tells from a deletion and an addition.
 */
function history(r: TestRepo): string[] {
  const shas = [
    r.commit({ author: ANA, files: { 'src/a.txt': TEXT, 'README.md': 'hi\n' } }),
    r.commit({ author: BEN, files: { 'README.md': 'hello\n' } }),
    r.commit({ author: ANA, moves: { 'src/a.txt': 'lib/a.txt' } }),
  ];
  for (let i = 0; i < 6; i++) {
    shas.push(r.commit({ author: i % 2 ? ANA : BEN, files: { [`docs/n${i}.md`]: `${i}\n` } }));
  }
  shas.push(
    r.commit({
      author: BEN,
      moves: { 'lib/a.txt': 'lib/b.txt' },
      files: { 'lib/b.txt': `${TEXT}more\n` },
    }),
  );
  return shas;
}

/** Deletes the loose object file of `object` by hand, as a damaged copy would lose it. */
function loseObject(r: TestRepo, object: string): void {
  const sha = r.git(['rev-parse', object]).trim();
  const gitDir = r.git(['rev-parse', '--absolute-git-dir']).trim();
  rmSync(join(gitDir, 'objects', sha.slice(0, 2), sha.slice(2)));
}

/** Cuts a partial clone off from its promisor remote: git can no longer fetch what it left out. */
function forgetPromisor(c: ClonedRepo): void {
  // git takes a remote with a partial-clone filter for a promisor too; older git versions
  // also set extensions.partialclone.
  for (const key of ['remote.origin.promisor', 'remote.origin.partialclonefilter']) {
    c.git(['config', '--unset', key]);
  }
  try {
    c.git(['config', '--unset', 'extensions.partialclone']);
  } catch {
    // Not set: git config exits with 5.
  }
}

const statuses = (commit: CommitRecord | undefined) =>
  commit?.files.map((f) => `${f.status} ${f.oldPath ? `${f.oldPath} -> ` : ''}${f.path}`);

describe('ingestRepositories on clones that lack blobs', () => {
  it('finds moves with edits by similarity in a whole repository', async () => {
    const r = await repo();
    history(r);

    const { result, stored } = await ingestOne(r.dir);
    expect(result.exactRenames).toBeUndefined();
    expect(statuses(stored[9])).toEqual(['R lib/a.txt -> lib/b.txt']);
  });

  it('reads a repository that lost a blob by hand, finding only unchanged moves, each commit once', async () => {
    const r = await repo();
    const shas = history(r);
    loseObject(r, `${shas[8]}:lib/a.txt`);

    const { result, stored } = await ingestOne(r.dir);
    expect(result).toMatchObject({ added: 10, exactRenames: 'missing' });
    expect(stored.map((c) => c.sha)).toEqual(shas);
    expect(statuses(stored[2])).toEqual(['R src/a.txt -> lib/a.txt']);
    expect(statuses(stored[9])).toEqual(['D lib/a.txt', 'A lib/b.txt']);
  });

  it('keeps the batches saved before a blob was missed and reads on from the last of them', async () => {
    const r = await repo();
    const shas = history(r);
    loseObject(r, `${shas[8]}:lib/a.txt`);
    const s = await store();
    const progress: number[] = [];

    const { result, stored } = await ingestOne(
      r.dir,
      { batchSize: 4, onProgress: (p) => progress.push(p.done) },
      s,
    );
    expect(result).toMatchObject({ added: 10, exactRenames: 'missing' });
    expect(stored.map((c) => c.sha)).toEqual(shas);
    expect(await s.counts([result.repositoryId])).toEqual({ commits: 10 });
    expect(progress.at(-1)).toBe(10);

    // Nothing new: nothing read, nothing to say.
    const again = await ingestOne(r.dir, {}, s);
    expect(again.result.added).toBe(0);
    expect(again.result.exactRenames).toBeUndefined();
  });

  it('reads a partial clone cut off from its remote with unchanged moves, saying blobs are missing', async () => {
    const r = await repo();
    const shas = history(r);
    const partial = await clone(r, ['--bare', '--filter=blob:none']);
    forgetPromisor(partial);

    const { result, stored } = await ingestOne(partial.dir);
    expect(result).toMatchObject({ added: 10, exactRenames: 'missing' });
    expect(stored.map((c) => c.sha)).toEqual(shas);
    expect(statuses(stored[2])).toEqual(['R src/a.txt -> lib/a.txt']);
    expect(statuses(stored[9])).toEqual(['D lib/a.txt', 'A lib/b.txt']);
  });

  it('reads a partial clone with its remote with unchanged moves, fetching nothing', async () => {
    const r = await repo();
    history(r);
    const partial = await clone(r, ['--filter=blob:none', '--no-checkout']);
    partial.git(['remote', 'set-url', 'origin', 'file:///nonexistent/orgwire-promisor']);

    const { result } = await ingestOne(partial.dir);
    expect(result).toMatchObject({ added: 10, exactRenames: 'partial' });
  });

  it('refuses to count lines where blobs are missing, saying what to do', async () => {
    const r = await repo();
    const shas = history(r);
    loseObject(r, `${shas[8]}:lib/a.txt`);

    const failure = await ingestOne(r.dir, { lines: true }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({
      code: 'missing-objects',
      message: expect.stringMatching(/some blobs are missing .* counting lines reads every blob/),
      hint: expect.stringMatching(/Leave out --lines/),
    });
  });

  it('says the clone is damaged when git cannot even list the files of a commit', async () => {
    const r = await repo();
    const shas = history(r);
    loseObject(r, `${shas[4]}^{tree}`);

    await expect(ingestOne(r.dir)).rejects.toMatchObject({
      code: 'missing-objects',
      message: expect.stringMatching(/a damaged clone/),
      hint: expect.stringMatching(/git fsck/),
    });
  });
});

describe('ingestEach', () => {
  /** Every commit a store holds for a repository, newest first. */
  async function held(s: Store, repositoryId: number): Promise<CommitRecord[]> {
    const out: CommitRecord[] = [];
    for await (const { repositoryId: _, ...c } of s.commits({ repositoryIds: [repositoryId] }))
      out.push(c);
    return out;
  }

  it('reads repositories two at a time, each as it reads alone, and goes on past one that fails', async () => {
    const dirs: string[] = [];
    for (let n = 0; n < 3; n++) {
      const r = await repo();
      for (let i = 0; i < 7 + n; i++)
        r.commit({ author: i % 2 ? ANA : BEN, files: { [`src/${n}-${i}.ts`]: `${i}\n` } });
      dirs.push(r.dir);
    }
    const missing = join(tmpdir(), 'orgwire-no-such-repository');
    const together = await store();
    const finished: number[] = [];
    const outcomes = await ingestEach(together, [dirs[0] as string, missing, ...dirs.slice(1)], {
      jobs: 2,
      batchSize: 3,
      onDone: (_, done) => finished.push(done),
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
    expect(finished).toEqual([1, 2, 3, 4]);
    const failed = outcomes[1];
    expect(failed?.ok === false && failed.failure).toMatchObject({
      dir: missing,
      label: 'orgwire-no-such-repository',
      error: expect.objectContaining({ code: 'not-found' }),
    });
    for (const outcome of outcomes) {
      if (!outcome.ok) continue;
      const { result, stored } = await ingestOne(outcome.result.dir);
      expect(outcome.result.added).toBe(result.added);
      expect(await held(together, outcome.result.repositoryId)).toEqual(stored.reverse());
    }
  });

  it('stops when the store fails, rather than failing every repository the same way', async () => {
    const dirs: string[] = [];
    for (let n = 0; n < 4; n++) {
      const r = await repo();
      r.commit({ author: ANA, files: { 'a.ts': `${n}\n` } });
      dirs.push(r.dir);
    }
    const real = await store();
    let saves = 0;
    const full: Store = {
      ...real,
      async saveBatch() {
        saves++;
        throw new AppError('store', 'The disk holding the store is full.');
      },
    };
    await expect(ingestEach(full, dirs, { jobs: 2 })).rejects.toThrow(/disk .* is full/);
    // The two being read when the store failed; none started after.
    expect(saves).toBe(2);
  });
});
