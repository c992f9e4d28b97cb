import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ClonedRepo,
  cloneRepo,
  createRepo,
  type TestRepo,
} from '../../test/helpers/git-repo.js';
import type { CommitRecord, FileChange } from '../model/index.js';
import { type GitSource, gitSource } from './git.js';
import {
  blobAccess,
  decodeGitText,
  LogParser,
  type ParsedCommit,
  type ReadLogOptions,
  readLog,
} from './read-log.js';

const ANA = { name: 'Ana Lima', email: 'ana.lima@acme.example' };
const BEN = { name: 'Ben Okafor', email: 'ben.okafor@acme.example' };
const CARLA = { name: 'Carla Díaz', email: 'carla.diaz@acme.example' };

const cleanups: (TestRepo | ClonedRepo)[] = [];
async function repo(): Promise<TestRepo> {
  const made = await createRepo();
  cleanups.push(made);
  return made;
}
async function clone(source: TestRepo, flags: readonly string[]): Promise<ClonedRepo> {
  const made = await cloneRepo(source.dir, flags);
  cleanups.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((r) => r.cleanup()));
});

async function readAll(git: GitSource | string, options?: ReadLogOptions) {
  const source = typeof git === 'string' ? gitSource(git) : git;
  const out: CommitRecord[] = [];
  for await (const commit of readLog(source, options)) out.push(commit);
  return out;
}

/** A small history with a move, then a move with an edit; for the clone tests. */
function smallHistory(r: TestRepo): string[] {
  const text = Array.from({ length: 40 }, (_, i) => `line ${i}\n`).join('');
  return [
    r.commit({ author: ANA, files: { 'src/a.txt': text, 'README.md': 'hi' } }),
    r.commit({ author: BEN, files: { 'README.md': 'hello' } }),
    r.commit({ author: ANA, moves: { 'src/a.txt': 'lib/a.txt' } }),
    r.commit({
      author: BEN,
      moves: { 'lib/a.txt': 'lib/b.txt' },
      files: { 'lib/b.txt': `${text}more\n`, 'README.md': null },
    }),
  ];
}

describe('readLog', () => {
  it('reads each commit oldest first with its author, time, parents and files', async () => {
    const r = await repo();
    const first = r.commit({
      author: ANA,
      date: '2026-02-01T10:00:00Z',
      files: { 'a.txt': '1', 'docs/b.md': 'b' },
    });
    const second = r.commit({
      author: BEN,
      date: '2026-02-02T10:00:00Z',
      files: { 'a.txt': '2', 'docs/b.md': null, 'c.txt': 'c' },
    });
    const empty = r.commit({ author: CARLA, date: '2026-02-03T10:00:00Z' });

    expect(await readAll(r.dir)).toEqual([
      {
        sha: first,
        time: Date.parse('2026-02-01T10:00:00Z') / 1000,
        author: ANA,
        coAuthors: [],
        parents: 0,
        files: [
          { path: 'a.txt', status: 'A' },
          { path: 'docs/b.md', status: 'A' },
        ],
      },
      {
        sha: second,
        time: Date.parse('2026-02-02T10:00:00Z') / 1000,
        author: BEN,
        coAuthors: [],
        parents: 1,
        files: [
          { path: 'a.txt', status: 'M' },
          { path: 'c.txt', status: 'A' },
          { path: 'docs/b.md', status: 'D' },
        ],
      },
      {
        sha: empty,
        time: Date.parse('2026-02-03T10:00:00Z') / 1000,
        author: CARLA,
        coAuthors: [],
        parents: 1,
        files: [],
      },
    ]);
  });

  it('keeps the old path of a file moved and edited in one commit', async () => {
    const r = await repo();
    const text = Array.from({ length: 20 }, (_, i) => `line ${i}\n`).join('');
    r.commit({ author: ANA, files: { 'src/cart/total.ts': text } });
    r.commit({
      author: ANA,
      moves: { 'src/cart/total.ts': 'src/checkout/total.ts' },
      files: { 'src/checkout/total.ts': `${text}line 20\n` },
    });

    const [, moved] = await readAll(r.dir);
    expect(moved?.files).toEqual([
      { path: 'src/checkout/total.ts', status: 'R', oldPath: 'src/cart/total.ts' },
    ]);
    const [, split] = await readAll(r.dir, { renames: 'off' });
    expect(split?.files).toEqual([
      { path: 'src/cart/total.ts', status: 'D' },
      { path: 'src/checkout/total.ts', status: 'A' },
    ]);
  });

  it('keeps odd file names byte for byte, and a name that is not UTF-8 as latin1', async () => {
    const r = await repo();
    const names = ['with space.txt', 'tab\there.txt', '"quoted".txt', 'new\nline.txt', 'über.txt'];
    const latin1 = [Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from([0x63, 0x61, 0x66, 0xff])];
    for (const bytes of latin1) {
      writeFileSync(Buffer.concat([Buffer.from(`${r.dir}/`), bytes]), 'x');
    }
    r.commit({ author: ANA, files: Object.fromEntries(names.map((n) => [n, n])) });

    const [commit] = await readAll(r.dir);
    const paths = commit?.files.map((f) => f.path) ?? [];
    expect([...paths].sort()).toEqual(
      [...names, ...latin1.map((b) => b.toString('latin1'))].sort(),
    );
    // The original bytes come back from the latin1 text, and the two stay distinct.
    expect(paths.filter((p) => p.startsWith('caf')).map((p) => Buffer.from(p, 'latin1'))).toEqual(
      latin1,
    );
  });

  it('leaves merges out by default and diffs them against the first parent when asked', async () => {
    const r = await repo();
    const base = r.commit({ author: ANA, files: { 'a.txt': '1' } });
    r.git(['checkout', '-q', '-b', 'feature']);
    const feature = r.commit({ author: BEN, files: { 'feature/x.ts': 'x', 'a.txt': '2' } });
    r.git(['checkout', '-q', 'main']);
    const onMain = r.commit({ author: ANA, files: { 'main.txt': 'm' } });
    const merge = r.merge({ branch: 'feature', author: CARLA });

    const withoutMerges = await readAll(r.dir);
    expect(withoutMerges.map((c) => c.sha).sort()).toEqual([base, feature, onMain].sort());

    const withMerges = await readAll(r.dir, { merges: true });
    expect(withMerges.map((c) => c.sha).sort()).toEqual([base, feature, onMain, merge].sort());
    expect(withMerges.at(-1)).toMatchObject({
      sha: merge,
      author: CARLA,
      parents: 2,
      // What the merge brought into main: the feature branch's files, not main's own.
      files: [
        { path: 'a.txt', status: 'M' },
        { path: 'feature/x.ts', status: 'A' },
      ],
    });
  });

  it('maps co-authors through .mailmap', async () => {
    const r = await repo();
    r.commit({
      author: ANA,
      files: {
        '.mailmap': [
          '<ben.okafor@acme.example> <ben@home.example>',
          'Carla Díaz <carla.diaz@acme.example> <CARLA@old.example>',
          'Ana Lima <ana.lima@acme.example> <ana@home.example>',
        ].join('\n'),
      },
    });
    r.commit({
      author: { name: 'ana', email: 'ana@home.example' },
      coAuthors: [
        { name: 'Ben Okafor', email: 'ben@home.example' },
        { name: 'carla', email: 'carla@old.example' },
        'Nobody in particular',
      ],
      files: { 'a.txt': '1' },
    });

    const [, commit] = await readAll(r.dir);
    expect(commit?.author).toEqual(ANA);
    expect(commit?.coAuthors).toEqual([BEN, CARLA]);
  });

  it('gives every commit after its parents, even when commit dates say otherwise', async () => {
    const r = await repo();
    const base = r.commit({ author: ANA, date: '2026-03-10T00:00:00Z', files: { 'a.txt': '1' } });
    r.git(['checkout', '-q', '-b', 'skewed']);
    // A clock a week slow: by date this commit is older than its own parent.
    r.commit({ author: BEN, date: '2026-03-03T00:00:00Z', files: { 'b.txt': '1' } });
    r.git(['checkout', '-q', 'main']);
    r.commit({ author: ANA, date: '2026-03-11T00:00:00Z', files: { 'a.txt': '2' } });
    r.merge({ branch: 'skewed', author: ANA, date: '2026-03-12T00:00:00Z' });

    const commits = await readAll(r.dir, { merges: true });
    const position = new Map(commits.map((c, i) => [c.sha, i]));
    const parentsOf = r
      .git(['rev-list', '--parents', 'HEAD'])
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(commits).toHaveLength(parentsOf.length);
    expect(commits[0]?.sha).toBe(base);
    for (const [child = '', ...parents] of parentsOf) {
      for (const parent of parents) {
        expect(position.get(parent)).toBeLessThan(position.get(child) ?? -1);
      }
    }
  });

  it('reads only the commits after a checkpoint with range HEAD ^checkpoint', async () => {
    const r = await repo();
    r.commit({ author: ANA, files: { 'a.txt': '1' } });
    const checkpoint = r.commit({ author: ANA, files: { 'a.txt': '2' } });
    const third = r.commit({ author: BEN, files: { 'a.txt': '3' } });
    const fourth = r.commit({ author: BEN, files: { 'b.txt': '4' } });

    const newer = await readAll(r.dir, { range: ['HEAD', `^${checkpoint}`] });
    expect(newer.map((c) => c.sha)).toEqual([third, fourth]);
    expect(await readAll(r.dir, { range: ['HEAD', `^${fourth}`] })).toEqual([]);
  });

  it('counts lines added and deleted with lines: true, leaving binary files uncounted', async () => {
    const r = await repo();
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join('');
    r.commit({
      author: ANA,
      files: {
        'a.txt': 'one\ntwo\nthree\n',
        'src/big.txt': text,
        'logo.png': Buffer.from([0, 1, 2]),
      },
    });
    r.commit({
      author: ANA,
      moves: { 'src/big.txt': 'lib/big.txt' },
      files: {
        'a.txt': 'one\n2\nthree\nfour\n',
        'lib/big.txt': `${text}line 10\n`,
        'logo.png': Buffer.from([0, 9, 9, 9]),
      },
    });

    const [first, second] = await readAll(r.dir, { lines: true });
    expect(first?.files).toEqual([
      { path: 'a.txt', status: 'A', added: 3, deleted: 0 },
      { path: 'logo.png', status: 'A' },
      { path: 'src/big.txt', status: 'A', added: 10, deleted: 0 },
    ]);
    expect(second?.files).toEqual([
      { path: 'a.txt', status: 'M', added: 2, deleted: 1 },
      { path: 'lib/big.txt', status: 'R', oldPath: 'src/big.txt', added: 1, deleted: 0 },
      { path: 'logo.png', status: 'M' },
    ]);
  });

  it('keeps a character split between two chunks of git output intact', async () => {
    const r = await repo();
    r.commit({ author: CARLA, coAuthors: [BEN], files: { 'größe/数据 🚀.txt': 'x' } });
    const real = gitSource(r.dir);
    const chopped: GitSource = {
      dir: real.dir,
      run: (args, input) => real.run(args, input),
      async *stream(args) {
        for await (const chunk of real.stream(args)) {
          for (let i = 0; i < chunk.length; i += 3) yield chunk.subarray(i, i + 3);
        }
      },
    };

    expect(await readAll(chopped)).toEqual(await readAll(real));
    expect((await readAll(chopped))[0]).toMatchObject({
      author: CARLA,
      coAuthors: [BEN],
      files: [{ path: 'größe/数据 🚀.txt', status: 'A' }],
    });
  });

  it('reads nothing from a repository with no commit yet', async () => {
    const r = await repo();
    expect(await readAll(r.dir)).toEqual([]);
  });

  it('refuses a range entry that git would take for an option', async () => {
    const r = await repo();
    r.commit({ author: ANA, files: { 'a.txt': '1' } });
    await expect(readAll(r.dir, { range: ['--output=/tmp/x'] })).rejects.toThrow(
      /is not a revision/,
    );
    await expect(readAll(r.dir, { range: ['no-such-branch'] })).rejects.toThrow(/git log failed/);
  });

  it('reads a bare clone like its source', async () => {
    const r = await repo();
    smallHistory(r);
    const bare = await clone(r, ['--bare']);

    expect(await readAll(bare.dir)).toEqual(await readAll(r.dir));
  });

  it('reads a shallow clone down to its cut, the oldest commit standing as a root', async () => {
    const r = await repo();
    const shas = smallHistory(r);
    const shallow = await clone(r, ['--depth', '2']);

    const commits = await readAll(shallow.dir);
    expect(commits.map((c) => c.sha)).toEqual(shas.slice(-2));
    // git sees no parent beyond the cut, so that commit lists every file it has as added.
    expect(commits[0]).toMatchObject({
      parents: 0,
      files: [
        { path: 'README.md', status: 'A' },
        { path: 'lib/a.txt', status: 'A' },
      ],
    });
  });

  it('reads a partial clone without fetching blobs, finding moves of unchanged files', async () => {
    const r = await repo();
    smallHistory(r);
    const partial = await clone(r, ['--bare', '--filter=blob:none']);
    // Cut the clone off from its promisor: a blob git needed would now fail the read.
    partial.git(['remote', 'set-url', 'origin', 'file:///nonexistent/orgwire-promisor']);

    const commits = await readAll(partial.dir);
    expect(commits).toEqual(await readAll(r.dir, { renames: 'exact' }));
    expect(commits[2]?.files).toEqual([{ path: 'lib/a.txt', status: 'R', oldPath: 'src/a.txt' }]);
    // Telling a moved-and-edited file from a new one takes both blobs, which are not there.
    expect(commits[3]?.files.map((f) => f.status)).toEqual(['D', 'D', 'A']);
    await expect(readAll(partial.dir, { renames: 'similar' })).rejects.toThrow(/git log failed/);
  });

  it('reads a partial clone whose promisor settings were lost with unchanged moves only', async () => {
    const r = await repo();
    smallHistory(r);
    const partial = await clone(r, ['--bare', '--filter=blob:none']);
    const source = gitSource(partial.dir);
    expect(await blobAccess(source)).toBe('promised');
    // Without them git fetches nothing: the blobs the clone left out are gone.
    partial.git(['config', '--unset', 'remote.origin.promisor']);
    partial.git(['config', '--unset', 'remote.origin.partialclonefilter']);
    expect(await blobAccess(source)).toBe('missing');

    expect(await readAll(source)).toEqual(await readAll(r.dir, { renames: 'exact' }));
    await expect(readAll(source, { renames: 'similar' })).rejects.toMatchObject({
      code: 'missing-objects',
    });
    expect(await blobAccess(gitSource(r.dir))).toBe('complete');
  });
});

// ---------------------------------------------------------------------------------------
// The parser, against git's -z output rendered from generated commits.

interface GenFile {
  path: Uint8Array;
  status: 'A' | 'M' | 'D' | 'T' | 'R' | 'C';
  oldPath: Uint8Array;
  score: number;
  lines: { added: number; deleted: number } | 'binary';
}

interface GenCommit {
  sha: string;
  parents: string[];
  time: number;
  name: string;
  email: string;
  coAuthors: string[];
  files: GenFile[];
}

const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

// Bytes chosen to collide with the format's own markers: the record separator, the field
// separator of trailers, a leading `\n`, `:` of --raw, digits and `-` of --numstat, a tab.
const pathByte = fc.oneof(
  fc.integer({ min: 1, max: 255 }),
  fc.constantFrom(0x1e, 0x1f, 0x0a, 0x09, 0x3a, 0x2d, 0x31, 0x20, 0x22, 0xc3, 0xbc, 0xe9),
);
const pathBytes = fc
  .array(pathByte, { minLength: 1, maxLength: 12 })
  .map((b) => Uint8Array.from(b));

const genFile: fc.Arbitrary<GenFile> = fc.record({
  path: pathBytes,
  status: fc.constantFrom('A', 'M', 'D', 'T', 'R', 'C'),
  oldPath: pathBytes,
  score: fc.integer({ min: 0, max: 100 }),
  lines: fc.oneof(
    fc.record({ added: fc.nat(5000), deleted: fc.nat(5000) }),
    fc.constant('binary' as const),
  ),
});

const genCommit: fc.Arbitrary<GenCommit> = fc.record({
  sha: hex(40),
  parents: fc.array(hex(40), { maxLength: 3 }),
  time: fc.nat(2 ** 31),
  name: fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0')),
  email: fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0')),
  coAuthors: fc.array(
    fc
      .tuple(
        fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'-]{0,8}[a-z]$/),
        fc.stringMatching(/^[a-z0-9.]{1,8}@[a-z]{1,6}\.example$/),
      )
      .map(([name, email]) => `${name} <${email}>`),
    { maxLength: 3 },
  ),
  // git lists each path once per commit.
  files: fc.uniqueArray(genFile, {
    maxLength: 5,
    selector: (f) => Buffer.from(f.path).toString('hex'),
  }),
});

const two = (status: GenFile['status']) => status === 'R' || status === 'C';
const statusText = (f: GenFile) => (two(f.status) ? `${f.status}${f.score}` : f.status);

/** A commit as git writes it with `-z` and `--name-status`, or `--raw --numstat`. */
function render(commit: GenCommit, lines: boolean): Buffer {
  const parts: (string | Uint8Array)[] = [];
  const field = (value: string | Uint8Array) => parts.push(value, '\0');
  field(`\x1e${commit.sha}`);
  field(commit.parents.join(' '));
  field(String(commit.time));
  field(commit.name);
  field(commit.email);
  field(commit.coAuthors.join('\x1f'));
  if (commit.files.length > 0) parts.push('\n');
  for (const f of commit.files) {
    const status = statusText(f);
    field(lines ? `:100644 100644 ${'a'.repeat(7)} ${'b'.repeat(7)} ${status}` : status);
    if (two(f.status)) field(f.oldPath);
    field(f.path);
  }
  if (lines) {
    for (const f of commit.files) {
      const counts = f.lines === 'binary' ? '-\t-\t' : `${f.lines.added}\t${f.lines.deleted}\t`;
      if (two(f.status)) {
        field(counts);
        field(f.oldPath);
        field(f.path);
      } else {
        field(Buffer.concat([Buffer.from(counts), f.path]));
      }
    }
  }
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
}

function expected(commit: GenCommit, lines: boolean): ParsedCommit {
  return {
    sha: commit.sha,
    time: commit.time,
    author: { name: commit.name, email: commit.email },
    coAuthors: commit.coAuthors,
    parents: commit.parents.length,
    files: commit.files.map((f) => {
      const file: FileChange = { path: decodeGitText(Buffer.from(f.path)), status: f.status };
      if (two(f.status)) file.oldPath = decodeGitText(Buffer.from(f.oldPath));
      if (lines && f.lines !== 'binary') {
        file.added = f.lines.added;
        file.deleted = f.lines.deleted;
      }
      return file;
    }),
  };
}

function parse(chunks: Iterable<Buffer>): ParsedCommit[] {
  const parser = new LogParser();
  const out: ParsedCommit[] = [];
  for (const chunk of chunks) out.push(...parser.write(chunk));
  out.push(...parser.end());
  return out;
}

function cut(bytes: Buffer, points: readonly number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...at, bytes.length].map((end, i) => bytes.subarray(at[i - 1] ?? 0, end));
}

describe('LogParser', () => {
  it('gives back the commits rendered into git -z output, in both file formats', () => {
    fc.assert(
      fc.property(fc.array(genCommit, { maxLength: 6 }), fc.boolean(), (commits, lines) => {
        const bytes = Buffer.concat(commits.map((c) => render(c, lines)));
        expect(parse([bytes])).toEqual(commits.map((c) => expected(c, lines)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same commits however the output is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(genCommit, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 40 }),
        (commits, lines, points) => {
          const bytes = Buffer.concat(commits.map((c) => render(c, lines)));
          expect(parse(cut(bytes, points))).toEqual(parse([bytes]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same commits when the output comes one byte at a time', () => {
    const commits = fc.sample(genCommit, { numRuns: 20, seed: 42 });
    const bytes = Buffer.concat(commits.map((c) => render(c, true)));
    const bytewise = Array.from(bytes, (b) => Buffer.from([b]));
    expect(parse(bytewise)).toEqual(commits.map((c) => expected(c, true)));
  });

  it('fails on output cut off in the middle of a commit', () => {
    const parser = new LogParser();
    parser.write(Buffer.from(`\x1e${'a'.repeat(40)}\0\0${1}\0Ana\0`));
    expect(() => parser.end()).toThrow(/ended in the middle of a commit/);
  });

  it('decodes UTF-8 as UTF-8 and other bytes as latin1', () => {
    expect(decodeGitText(Buffer.from('über/数据', 'utf8'))).toBe('über/数据');
    expect(decodeGitText(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('caf\u00e9');
    expect(decodeGitText(Buffer.from([0xc3]))).toBe('\u00c3');
  });
});
