import { afterEach, describe, expect, it } from 'vitest';
import { createRepo, type TestRepo } from '../../test/helpers/git-repo.js';
import { type GitSource, gitSource, openRepository } from './git.js';
import { readLog } from './read-log.js';

const ANA = { name: 'Ana Lima', email: 'ana.lima@acme.example' };
const BEN = { name: 'Ben Okafor', email: 'ben.okafor@acme.example' };
const CARLA = { name: 'Carla Díaz', email: 'carla.diaz@acme.example' };

const repos: TestRepo[] = [];
async function repo(): Promise<TestRepo> {
  const made = await createRepo();
  repos.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => r.cleanup()));
});

interface CommitAuthors {
  sha: string;
  author: { name: string; email: string };
  coAuthors: { name: string; email: string }[];
}

/** Who made each commit, newest first, as readLog reads them. */
async function readAll(
  git: GitSource,
  options: { rev?: string; merges?: boolean } = {},
): Promise<CommitAuthors[]> {
  const out: CommitAuthors[] = [];
  for await (const { sha, author, coAuthors } of readLog(git, {
    ...(options.rev ? { range: [options.rev] } : {}),
    ...(options.merges ? { merges: true } : {}),
  })) {
    out.push({ sha, author, coAuthors });
  }
  return out.reverse();
}

describe('readLog: who made each commit', () => {
  it('reads the author of each commit, newest first, with its hash', async () => {
    const r = await repo();
    const first = r.commit({ author: ANA, files: { 'a.txt': '1' } });
    const second = r.commit({ author: BEN, files: { 'a.txt': '2' } });
    const third = r.commit({ author: ANA, files: { 'b.txt': '3' } });

    expect(await readAll(await openRepository(r.dir))).toEqual([
      { sha: third, author: ANA, coAuthors: [] },
      { sha: second, author: BEN, coAuthors: [] },
      { sha: first, author: ANA, coAuthors: [] },
    ]);
  });

  it('maps an author’s alias e-mail and name to the canonical ones through .mailmap', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      files: {
        '.mailmap': [
          'Ana Lima <ana.lima@acme.example> <ana@home.example>',
          'Ben Okafor <ben.okafor@acme.example> bo <BO@laptop.local>',
        ].join('\n'),
      },
    });
    r.commit({ author: { name: 'ana', email: 'ana@home.example' }, files: { 'a.txt': '1' } });
    r.commit({ author: { name: 'bo', email: 'bo@laptop.local' }, files: { 'a.txt': '2' } });
    // The name-and-e-mail line maps only that name: another name at the address stays.
    r.commit({ author: { name: 'Bee', email: 'bo@laptop.local' }, files: { 'a.txt': '3' } });

    const authors = (await readAll(gitSource(r.dir))).map((c) => c.author);
    expect(authors).toEqual([{ name: 'Bee', email: 'bo@laptop.local' }, BEN, ANA, ANA]);
  });

  it('lists the Co-authored-by trailers as co-authors, in their order', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      message: 'Pair on the refund flow\n\nSplit the ledger write from the notification.',
      coAuthors: [BEN, CARLA],
      files: { 'refunds.ts': 'x' },
    });

    const [commit] = await readAll(gitSource(r.dir));
    expect(commit?.author).toEqual(ANA);
    expect(commit?.coAuthors).toEqual([BEN, CARLA]);
  });

  it('reads the trailer key in any case and unfolds a folded trailer', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      message: [
        'Fix rounding',
        '',
        'co-authored-by: Ben Okafor <ben.okafor@acme.example>',
        'CO-AUTHORED-BY: Carla Díaz',
        ' <carla.diaz@acme.example>',
        'Signed-off-by: Ana Lima <ana.lima@acme.example>',
      ].join('\n'),
      files: { 'a.txt': '1' },
    });

    const [commit] = await readAll(gitSource(r.dir));
    expect(commit?.coAuthors).toEqual([BEN, CARLA]);
  });

  it('takes no co-author from a Co-authored-by line that is not in the trailer block', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      message:
        'Fix rounding\n\nCo-authored-by: Ben Okafor <ben.okafor@acme.example>\n\nThanks all.',
      files: { 'a.txt': '1' },
    });

    const [commit] = await readAll(gitSource(r.dir));
    expect(commit?.coAuthors).toEqual([]);
  });

  it('drops a co-author trailer without an e-mail and keeps one with only an e-mail', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      coAuthors: ['Ben Okafor', '<carla.diaz@acme.example>'],
      files: { 'a.txt': '1' },
    });

    const [commit] = await readAll(gitSource(r.dir));
    // With no name, the e-mail stands in for it.
    expect(commit?.coAuthors).toEqual([
      { name: 'carla.diaz@acme.example', email: 'carla.diaz@acme.example' },
    ]);
  });

  it('applies .mailmap to co-authors', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      files: {
        '.mailmap': [
          '<ben.okafor@acme.example> <ben@home.example>',
          'Carla Díaz <carla.diaz@acme.example> <CARLA@old.example>',
        ].join('\n'),
      },
    });
    r.commit({
      author: ANA,
      coAuthors: [
        { name: 'Ben Okafor', email: 'ben@home.example' },
        { name: 'carla', email: 'carla@old.example' },
        { name: 'Dee Contractor', email: 'dee@agency.example' },
      ],
      files: { 'a.txt': '1' },
    });

    const [commit] = await readAll(gitSource(r.dir));
    expect(commit?.coAuthors).toEqual([
      BEN,
      CARLA,
      { name: 'Dee Contractor', email: 'dee@agency.example' },
    ]);
  });

  it('leaves merge commits out by default and reads them with { merges: true }', async () => {
    const r = await repo();
    const base = r.commit({ author: ANA, files: { 'a.txt': '1' } });
    r.git(['checkout', '-q', '-b', 'feature']);
    const feature = r.commit({ author: BEN, files: { 'b.txt': '1' } });
    r.git(['checkout', '-q', 'main']);
    const onMain = r.commit({ author: ANA, files: { 'c.txt': '1' } });
    const merge = r.merge({ branch: 'feature', author: CARLA });
    const git = gitSource(r.dir);

    const withoutMerges = await readAll(git);
    expect(withoutMerges.map((c) => c.sha).sort()).toEqual([base, feature, onMain].sort());
    expect(withoutMerges.at(-1)?.sha).toBe(base);

    const withMerges = await readAll(git, { merges: true });
    expect(withMerges.map((c) => c.sha).sort()).toEqual([base, feature, onMain, merge].sort());
    expect(withMerges[0]).toEqual({ sha: merge, author: CARLA, coAuthors: [] });
  });

  it('reads from the revision given', async () => {
    const r = await repo();
    const first = r.commit({ author: ANA, files: { 'a.txt': '1' } });
    r.commit({ author: BEN, files: { 'a.txt': '2' } });

    const commits = await readAll(gitSource(r.dir), { rev: first });
    expect(commits).toEqual([{ sha: first, author: ANA, coAuthors: [] }]);
  });

  it('keeps names with non-ASCII characters intact, in authors and co-authors', async () => {
    const r = await repo();
    const zoe = { name: 'Zoë Ångström', email: 'zoe@acme.example' };
    const li = { name: '李雷', email: 'li.lei@acme.example' };
    const emoji = { name: 'Ólafur 🚀 Þór', email: 'olafur@acme.example' };
    r.commit({ author: zoe, coAuthors: [li, emoji], files: { 'a.txt': '1' } });
    r.commit({
      author: li,
      files: { '.mailmap': 'Zoë Ångström <zoe@acme.example> <zoe@home.example>' },
    });
    r.commit({
      author: ANA,
      coAuthors: [{ name: 'zoe', email: 'zoe@home.example' }],
      files: { 'a.txt': '2' },
    });

    expect(await readAll(gitSource(r.dir))).toEqual([
      expect.objectContaining({ author: ANA, coAuthors: [zoe] }),
      expect.objectContaining({ author: li, coAuthors: [] }),
      expect.objectContaining({ author: zoe, coAuthors: [li, emoji] }),
    ]);
  });

  it('keeps a character that git’s output splits between two chunks intact', async () => {
    const r = await repo();
    const zoe = { name: 'Zoë Ångström', email: 'zoe@acme.example' };
    const li = { name: '李雷 🚀', email: 'li.lei@acme.example' };
    r.commit({ author: zoe, coAuthors: [li], files: { 'a.txt': '1' } });
    r.commit({ author: li, coAuthors: [zoe], files: { 'a.txt': '2' } });
    const real = gitSource(r.dir);
    // The real git, its output handed on three bytes at a time so that every multi-byte
    // character is cut somewhere.
    const chopped: GitSource = {
      dir: real.dir,
      run: (args, input) => real.run(args, input),
      async *stream(args) {
        for await (const chunk of real.stream(args)) {
          for (let i = 0; i < chunk.length; i += 3) yield chunk.subarray(i, i + 3);
        }
      },
    };

    const commits = await readAll(chopped);
    expect(commits.map((c) => [c.author, c.coAuthors])).toEqual([
      [li, [zoe]],
      [zoe, [li]],
    ]);
  });

  it('reads no commits from a repository that has none yet', async () => {
    const r = await repo();
    // An empty repository is a valid input (listHeadFiles gives no files for it), so reading
    // its history should give no commits rather than fail on the missing HEAD.
    expect(await readAll(await openRepository(r.dir))).toEqual([]);
  });

  it('maps the co-authors of more than one batch of commits, newest first', async () => {
    const r = await repo();
    const zoe = { name: 'Zoë Ångström', email: 'zoe@acme.example' };
    const li = { name: '李雷', email: 'li.lei@acme.example' };
    r.commit({
      author: ANA,
      files: {
        '.mailmap': [
          'Zoë Ångström <zoe@acme.example> <zoe@home.example>',
          '李雷 <li.lei@acme.example> <lilei@old.example>',
        ].join('\n'),
      },
    });
    const count = 1_203;
    // Every commit has a contact of its own, so each batch sends check-mailmap new ones;
    // the multi-byte names make the log long enough to arrive in several chunks.
    r.importCommits(
      Array.from({ length: count }, (_, i) => ({
        author: i % 2 === 0 ? zoe : { name: 'zoe', email: 'zoe@home.example' },
        coAuthors: [
          { name: 'Li', email: 'lilei@old.example' },
          { name: `Ærøskøbing Ōkubo ${i}`, email: `guest${i}@agency.example` },
        ],
        files: { 'counter.txt': `${i}\n` },
      })),
    );

    const commits = await readAll(gitSource(r.dir));
    const shas = r.git(['rev-list', 'HEAD']).trim().split('\n');
    expect(commits).toHaveLength(count + 1);
    expect(commits.map((c) => c.sha)).toEqual(shas);
    const imported = commits.slice(0, count).reverse();
    imported.forEach((commit, i) => {
      expect(commit.author).toEqual(zoe);
      expect(commit.coAuthors).toEqual([
        li,
        { name: `Ærøskøbing Ōkubo ${i}`, email: `guest${i}@agency.example` },
      ]);
    });
    expect(commits.at(-1)).toEqual({ sha: shas.at(-1), author: ANA, coAuthors: [] });
  });

  it('fails with a git error for a revision that does not exist', async () => {
    const r = await repo();
    r.commit({ author: ANA, files: { 'a.txt': '1' } });

    await expect(readAll(gitSource(r.dir), { rev: 'no-such-branch' })).rejects.toThrow(
      /git log failed/,
    );
  });
});
