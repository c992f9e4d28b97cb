import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClonedRepo,
  type CommitSpec,
  cloneRepo,
  createRepo,
  type Signature,
  type TestRepo,
} from '../helpers/git-repo.js';

const BIN = resolve('bin/orgwire.js');
const work = mkdtempSync(join(tmpdir(), 'orgwire-e2e-ingest-'));
const repos: TestRepo[] = [];
const cleanupClones: ClonedRepo[] = [];
afterAll(async () => {
  await Promise.all([...repos, ...cleanupClones].map((r) => r.cleanup()));
  rmSync(work, { recursive: true, force: true });
});

/** A new temp repository, removed after the tests. */
async function newRepo(): Promise<TestRepo> {
  const repo = await createRepo();
  repos.push(repo);
  return repo;
}

const fresh = (name: string) => {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Runs the built CLI as a user would, in `cwd`, with no terminal. */
function orgwire(args: string[], cwd = work) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface IngestRow {
  dir: string;
  label: string;
  head: string | null;
  added: number;
  rewritten: boolean;
  modeChanged: boolean;
  commits: number;
}

/** `orgwire ingest --format json` of one repository: its row, after checking the exit. */
function ingest(repo: string, db: string, ...flags: string[]): IngestRow {
  const result = orgwire(['ingest', '--repo', repo, '--db', db, '--format', 'json', ...flags]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout) as { version: number; repositories: IngestRow[] };
  expect(json.version).toBe(1);
  expect(json.repositories).toHaveLength(1);
  return json.repositories[0] as IngestRow;
}

/** Reads the store as another process would, without writing to it. */
function readDb<T>(file: string, read: (db: SqliteDatabase.Database) => T): T {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const countCommits = (file: string) =>
  readDb(
    file,
    (db) =>
      db.prepare('SELECT count(*) AS n, count(DISTINCT sha) AS distinct_ FROM commits').get() as {
        n: number;
        distinct_: number;
      },
  );
const storedShas = (file: string) =>
  readDb(file, (db) =>
    (db.prepare('SELECT sha FROM commits').all() as { sha: string }[]).map((r) => r.sha).sort(),
  );
const storedTip = (file: string) =>
  readDb(
    file,
    (db) => (db.prepare('SELECT tip FROM ingest_state').get() as { tip: string } | undefined)?.tip,
  );

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const revCount = (repo: TestRepo, ...args: string[]) =>
  Number(repo.git(['rev-list', '--count', ...args]).trim());

const ANA: Signature = { name: 'Ana Lima', email: 'ana@acme.example' };
const BEN: Signature = { name: 'Ben Okoro', email: 'ben@acme.example' };
const CY: Signature = { name: 'Cy Park', email: 'cy@acme.example' };

describe('orgwire ingest', () => {
  it('stores every commit, then nothing on a second run, then only the new ones', async () => {
    const repo = await newRepo();
    for (let i = 0; i < 6; i++)
      repo.commit({ author: i % 2 ? ANA : BEN, files: { [`src/f${i % 3}.ts`]: `v${i}\n` } });
    const db = join(fresh('incremental'), 'orgwire.db');
    const all = revCount(repo, '--no-merges', 'HEAD');
    expect(all).toBe(6);

    const first = ingest(repo.dir, db);
    expect(first).toMatchObject({ added: 6, commits: 6, rewritten: false, modeChanged: false });
    expect(first.head).toBe(repo.git(['rev-parse', 'HEAD']).trim());

    expect(ingest(repo.dir, db)).toMatchObject({ added: 0, commits: 6 });

    for (let i = 0; i < 3; i++) repo.commit({ author: CY, files: { 'src/new.ts': `n${i}\n` } });
    const third = ingest(repo.dir, db);
    expect(third).toMatchObject({ added: 3, commits: 9, rewritten: false, modeChanged: false });
    expect(third.commits).toBe(revCount(repo, '--no-merges', 'HEAD'));
    expect(countCommits(db)).toEqual({ n: 9, distinct_: 9 });
  });

  it('finishes an ingest killed mid-way, from the last batch it saved', async () => {
    // The CLI saves 2,000 commits per transaction: 5,000 commits give saves at 2,000,
    // 4,000 and 5,000, and time between them to kill the process.
    const TOTAL = 5_000;
    const BATCH = 2_000;
    const repo = await newRepo();
    repo.importCommits(
      Array.from(
        { length: TOTAL },
        (_, i): CommitSpec => ({
          author: [ANA, BEN, CY][i % 3] as Signature,
          files: { [`d${i % 20}/f${i % 100}.ts`]: `v${i}\n` },
        }),
      ),
    );
    expect(revCount(repo, 'HEAD')).toBe(TOTAL);
    const db = join(fresh('interrupted'), 'orgwire.db');

    const child = spawn(
      process.execPath,
      [BIN, 'ingest', '--repo', repo.dir, '--db', db, '--quiet', '--format', 'json'],
      { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } },
    );
    let exited = false;
    const exit = new Promise<void>((done) =>
      child.on('exit', () => {
        exited = true;
        done();
      }),
    );
    // Kill as soon as a batch is visible.
    const deadline = Date.now() + 20_000;
    while (!exited && Date.now() < deadline) {
      let seen = 0;
      try {
        seen = countCommits(db).n;
      } catch {
        // Not created or not migrated yet.
      }
      if (seen > 0) break;
      await sleep(5);
    }
    if (!exited) child.kill('SIGKILL');
    await exit;

    // Whether the kill landed mid-way (the usual case) or after the last save, the store
    // holds whole batches, and exactly the ancestry of the tip it recorded.
    const { n, distinct_ } = countCommits(db);
    expect(distinct_).toBe(n);
    expect([BATCH, 2 * BATCH, TOTAL]).toContain(n);
    const tip = storedTip(db);
    expect(tip).toBeDefined();
    expect(storedShas(db)).toEqual(lines(repo.git(['rev-list', tip as string])).sort());

    const resumed = ingest(repo.dir, db, '--quiet');
    expect(resumed).toMatchObject({
      added: TOTAL - n,
      commits: TOTAL,
      rewritten: false,
      modeChanged: false,
    });
    expect(countCommits(db)).toEqual({ n: TOTAL, distinct_: TOTAL });
    expect(storedTip(db)).toBe(repo.git(['rev-parse', 'HEAD']).trim());
  });

  it('reads a rewritten history again after a force-push', async () => {
    const repo = await newRepo();
    for (let i = 0; i < 5; i++) repo.commit({ author: ANA, files: { 'a.txt': `v${i}\n` } });
    const db = join(fresh('force-push'), 'orgwire.db');
    expect(ingest(repo.dir, db)).toMatchObject({ added: 5, commits: 5, rewritten: false });

    repo.git(['reset', '-q', '--hard', 'HEAD~2']);
    repo.commit({ author: BEN, files: { 'b.txt': 'other\n' } });
    repo.commit({ author: BEN, files: { 'b.txt': 'history\n' } });
    const again = ingest(repo.dir, db);
    expect(again).toMatchObject({ added: 5, commits: 5, rewritten: true, modeChanged: false });
    // The two commits dropped by the reset are gone from the store.
    expect(storedShas(db)).toEqual(lines(repo.git(['rev-list', 'HEAD'])).sort());
  });

  it('reads everything again when --merges is added, and then keeps the merges', async () => {
    const repo = await newRepo();
    repo.commit({ author: ANA, files: { 'a.txt': '1\n' } });
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.commit({ author: BEN, files: { 'b.txt': '1\n' } });
    repo.git(['checkout', '-q', 'main']);
    repo.commit({ author: ANA, files: { 'a.txt': '2\n' } });
    const merge = repo.merge({ branch: 'feature', author: ANA });
    expect(revCount(repo, '--no-merges', 'HEAD')).toBe(3);
    expect(revCount(repo, 'HEAD')).toBe(4);
    const db = join(fresh('merges'), 'orgwire.db');

    expect(ingest(repo.dir, db)).toMatchObject({ added: 3, commits: 3, modeChanged: false });
    expect(storedShas(db)).not.toContain(merge);

    const withMerges = ingest(repo.dir, db, '--merges');
    expect(withMerges).toMatchObject({ added: 4, commits: 4, modeChanged: true, rewritten: false });
    expect(storedShas(db)).toContain(merge);
    const parents = readDb(
      db,
      (d) =>
        d.prepare('SELECT parents FROM commits WHERE sha = ?').get(merge) as { parents: number },
    );
    expect(parents.parents).toBe(2);
  });

  it('ingests and analyses an empty repository with no commit', async () => {
    const repo = await newRepo();
    const dir = fresh('empty');
    expect(ingest(repo.dir, join(dir, 'orgwire.db'))).toMatchObject({
      head: null,
      added: 0,
      commits: 0,
      rewritten: false,
      modeChanged: false,
    });
    const result = orgwire(['analyze', '--repo', repo.dir, '--format', 'json'], dir);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.repositories).toEqual([expect.objectContaining({ files: 0, commits: 0 })]);
    expect(json.identities).toMatchObject({ commits: 0, matchedCommits: 0, unmatched: [] });
    expect(json.coordination.needs).toEqual([]);
  });
});

// Two teams (web: ana and ben; ops: cy); component svc covers svc/**, infra covers infra/.
const CATALOG = {
  'catalog/org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web
  annotations:
    orgwire.dev/team-type: stream-aligned
spec: {type: team, children: [], members: [ana, ben]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ops
  annotations:
    orgwire.dev/team-type: platform
spec: {type: team, children: [], members: [cy]}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ana}
spec: {memberOf: [], profile: {email: ana@acme.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: ben}
spec: {memberOf: [], profile: {email: ben@acme.example}}
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: {name: cy}
spec: {memberOf: [], profile: {email: cy@acme.example}}
`,
  'catalog/components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc
  annotations:
    orgwire.dev/paths: 'svc/**'
spec: {type: service, lifecycle: production, owner: web}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: infra
  annotations:
    orgwire.dev/paths: infra
spec: {type: service, lifecycle: production, owner: ops}
`,
};

/** File names git and a naive parser disagree on: space, tab, quote, newline, non-ASCII. */
const ODD = [
  'odd/with space.txt',
  'odd/with\ttab.txt',
  'odd/with"quote.txt',
  'odd/with\nnewline.txt',
  'odd/café ünïcode.txt',
];

const WEB = 'group:default/web';
const OPS = 'group:default/ops';
const SVC = 'component:default/svc';
const INFRA = 'component:default/infra';
// Long enough for git to see an unchanged move as a rename.
const source = (n: number) => `export const a = ${n};\n${'// a line of padding\n'.repeat(8)}`;

describe('orgwire analyze on a repository with a catalog', () => {
  let dir: string;
  let repo: TestRepo;
  let label: string;
  let merge: string;
  const odd = (n: number) => Object.fromEntries(ODD.map((p) => [p, `${p} ${n}\n`]));

  beforeAll(async () => {
    dir = fresh('shop-org');
    for (const [name, text] of Object.entries(CATALOG)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    repo = await newRepo();
    label = basename(repo.dir);
    // c1–c9 by hand-picked dates; c8 is on a branch merged at the end.
    const at = (date: string, spec: CommitSpec) => repo.commit({ ...spec, date });
    at('2026-01-10T10:00:00Z', { author: ANA, files: { 'old/a.ts': source(1) } }); // c1
    at('2026-01-20T10:00:00Z', { author: BEN, files: { 'old/a.ts': source(2) } }); // c2
    at('2026-02-01T00:00:00Z', { author: CY, files: { 'infra/main.tf': 'x = 1\n' } }); // c3
    at('2026-02-10T10:00:00Z', { author: ANA, moves: { 'old/a.ts': 'svc/a.ts' } }); // c4
    at('2026-02-15T10:00:00Z', {
      author: ANA,
      coAuthors: [CY],
      files: { 'svc/a.ts': source(5), 'infra/main.tf': 'x = 5\n' },
    }); // c5
    at('2026-03-01T23:59:59Z', { author: BEN, files: odd(6) }); // c6
    at('2026-03-05T10:00:00Z', { author: BEN, files: odd(7) }); // c7
    repo.git(['checkout', '-q', '-b', 'feature']);
    at('2026-03-10T10:00:00Z', { author: CY, files: { 'infra/b.tf': 'b = 8\n' } }); // c8
    repo.git(['checkout', '-q', 'main']);
    at('2026-03-12T10:00:00Z', { author: ANA, files: { 'svc/b.ts': source(9) } }); // c9
    merge = repo.merge({ branch: 'feature', author: ANA, date: '2026-03-15T10:00:00Z' });
  });

  const analyze = (...args: string[]) => {
    const result = orgwire(['analyze', '--repo', repo.dir, '--quiet', ...args], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  };
  const analyzeJson = (...args: string[]) => JSON.parse(analyze('--format', 'json', ...args));
  // One run serves the tests that read the default window; the coupling flags let the
  // pairs of files changed together twice through.
  const BASE = ['--format', 'json', '--files', '--min-revs', '2', '--min-shared', '2'];
  let base: ReturnType<typeof JSON.parse> | undefined;
  const baseJson = () => {
    base ??= JSON.parse(analyze(...BASE));
    return base;
  };
  const component = (json: { ownership: { components: { ref: string }[] } }, ref: string) =>
    json.ownership.components.find((c) => c.ref === ref);

  it('counts commits for the teams of all their authors, co-authors included', () => {
    const json = baseJson();
    // Merges left out: c1–c9. web: c1 c2 c4 c5 c6 c7 c9; ops: c3 c5 (co-author) c8.
    expect(json.repositories).toEqual([
      expect.objectContaining({ label, commits: 9, files: 4 + ODD.length }),
    ]);
    expect(json.identities).toEqual({
      commits: 9,
      peopleCommits: 9,
      matchedCommits: 9,
      creditedCommits: 9,
      coverage: 1,
      botCommits: 0,
      matchedBy: { email: 3 },
      unmatched: [],
      teams: [
        { ref: WEB, commits: 7 },
        { ref: OPS, commits: 3 },
      ],
    });
    // infra: c3 (ops), c5 (ana with cy: both teams), c8 (ops).
    expect(component(json, INFRA)).toMatchObject({
      owner: OPS,
      commits: 3,
      teams: [
        { ref: OPS, commits: 3 },
        { ref: WEB, commits: 1 },
      ],
      ownerShare: 0.75,
    });
  });

  it('keeps the history of a file moved into a component', () => {
    const json = baseJson();
    // svc/a.ts was old/a.ts: c1 and c2 count for svc with the move (c4), c5 and c9.
    expect(component(json, SVC)).toMatchObject({
      owner: WEB,
      files: 2,
      commits: 5,
      teams: [
        { ref: WEB, commits: 5 },
        { ref: OPS, commits: 1 },
      ],
      ownerShare: 0.833,
    });
    expect(component(json, `folder:${label}:old`)).toBeUndefined();
  });

  it('reads file names with spaces, tabs, quotes, newlines and non-ASCII letters', () => {
    // Five files at HEAD, changed by c6 and c7.
    expect(component(baseJson(), `folder:${label}:odd`)).toMatchObject({ files: 5, commits: 2 });
  });

  it('couples files whatever their names, a newline included', () => {
    // c6 and c7 touch the five files and nothing else, and nothing else is changed twice
    // with another file: the pairs are the ten of the five files, each in both commits.
    const names = ODD.map((p) => `${label}:${p}`).sort();
    const expected = names.flatMap((a, i) =>
      names.slice(i + 1).map((b) => ({ a, b, shared: 2, revsA: 2, revsB: 2, degree: 100 })),
    );
    const byNames = (x: { a: string; b: string }, y: { a: string; b: string }) =>
      x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0;
    expect([...baseJson().coupling.files].sort(byNames)).toEqual(expected.sort(byNames));
  });

  it('leaves merge commits out unless --merges', () => {
    const withMerges = analyzeJson('--merges');
    expect(withMerges.repositories[0].commits).toBe(10);
    expect(withMerges.identities.commits).toBe(10);
    expect(withMerges.identities.teams).toEqual([
      { ref: WEB, commits: 8 },
      { ref: OPS, commits: 3 },
    ]);
    // The merge brings infra/b.tf to main (against its first parent), by ana.
    expect(component(withMerges, INFRA)).toMatchObject({
      commits: 4,
      teams: [
        { ref: OPS, commits: 3 },
        { ref: WEB, commits: 2 },
      ],
    });
    expect(withMerges.window.until).toBe('2026-03-15');

    // Without --merges (the base run) the newest commit is c9, not the merge.
    expect(baseJson().window.until).toBe('2026-03-12');
    expect(merge).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    // Both days inclusive: c3 at 00:00:00 on 1 February, c6 at 23:59:59 on 1 March.
    [['--since', '2026-02-01', '--until', '2026-03-01'], '2026-02-01', '2026-03-01', 4],
    // Until the newest commit (c9, 12 March): c6 c7 c8 c9.
    [['--since', '2026-03-01'], '2026-03-01', '2026-03-12', 4],
    // 35 whole days ending with c9's day (12 March): from 6 February, so c4–c9.
    [['--window', '5w'], '2026-02-06', '2026-03-12', 6],
  ])('selects the commits of the window %j', (flags, since, until, commits) => {
    const json = analyzeJson(...flags);
    expect(json.window).toEqual({ since, until });
    expect(json.identities.commits).toBe(commits);
  });

  it('counts old names for the latest component even when the move is after the window', () => {
    // 30 days back from the end of 31 January: from 2 January, so c1 and c2, which
    // changed old/a.ts; it became svc/a.ts on 10 February.
    const json = analyzeJson('--until', '2026-01-31', '--window', '30d');
    expect(json.window).toEqual({ since: '2026-01-02', until: '2026-01-31' });
    expect(json.identities.commits).toBe(2);
    expect(component(json, SVC)).toMatchObject({ commits: 2, teams: [{ ref: WEB, commits: 2 }] });
  });

  it('writes a Markdown report with its sections and tables', () => {
    const md = analyze('--format', 'md');
    expect(md.startsWith('# How the organisation is wired\n')).toBe(true);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Coordination',
      '## Teams',
      '## Ownership',
      '## Change coupling',
      '## Who is who',
    ]);
    expect(md).toContain(
      [
        '| Component | Owner | Owner share | Teams | Fragmentation | Commits | Files |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ].join('\n'),
    );
    expect(md).toMatch(/^\| `svc` \| web \| /m);
  });

  it('writes the report to --out and nothing to standard output', () => {
    const result = orgwire(
      ['analyze', '--repo', repo.dir, ...BASE, '--out', 'out/report.json'],
      dir,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Wrote out/report.json.\n');
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))).toEqual(baseJson());
  });

  it.each([
    [['--window', '90x'], '--window 90x is not a length of time.'],
    [['--since', '2026-13-01'], '--since 2026-13-01 is not a date.'],
    [['--min-revs', '-1'], '--min-revs takes a whole number, not "-1".'],
  ])('refuses %j with exit 2, one clear line and nothing written', (flags, message) => {
    const db = join(dir, 'refused', 'orgwire.db');
    const result = orgwire(['analyze', '--repo', repo.dir, '--db', db, ...flags], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    // The error, then what to do about it.
    const [first, ...rest] = lines(result.stderr);
    expect(first).toMatch(/^error: /);
    expect(first).toContain(message);
    expect(rest).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('orgwire analyze with no catalog', () => {
  it('infers teams that group the people who work on the same folders', async () => {
    const repo = await newRepo();
    const person = (name: string): Signature => ({ name, email: `${name}@example.org` });
    const alpha = ['al', 'amy', 'ari'].map(person);
    const beta = ['bo', 'bea', 'bix'].map(person);
    const specs: CommitSpec[] = [];
    for (let round = 0; round < 4; round++) {
      alpha.forEach((p, i) => {
        specs.push({ author: p, files: { [`alpha/f${i}.ts`]: `${round}\n` } });
      });
      beta.forEach((p, i) => {
        specs.push({ author: p, files: { [`beta/f${i}.ts`]: `${round}\n` } });
      });
    }
    // One visit across: the groups touch, but stay apart.
    specs.push({ author: alpha[0] as Signature, files: { 'beta/f0.ts': 'visit\n' } });
    repo.importCommits(specs);
    const label = basename(repo.dir);

    const dir = fresh('no-catalog');
    const result = orgwire(['analyze', '--repo', repo.dir, '--format', 'json', '--quiet'], dir);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.catalog.dir).toBeNull();
    const key = (p: Signature) => `unmatched:${p.email}`;
    expect(json.teams).toHaveLength(2);
    for (const team of json.teams) expect(team.inferred).toBe(true);
    const members = json.teams.map((t: { members: string[] }) => [...t.members].sort()).sort();
    expect(members).toEqual([alpha.map(key).sort(), beta.map(key).sort()].sort());
    // Each folder is owned by the team that works on it.
    const teamOf = (p: Signature) =>
      json.teams.find((t: { members: string[] }) => t.members.includes(key(p))).ref;
    const owner = (folder: string) =>
      json.ownership.components.find((c: { ref: string }) => c.ref === `folder:${label}:${folder}`)
        ?.owner;
    expect(owner('alpha')).toBe(teamOf(alpha[0] as Signature));
    expect(owner('beta')).toBe(teamOf(beta[0] as Signature));
  });
});

describe('orgwire on clones that lack blobs', () => {
  /** A history with an unchanged move and a move with an edit, over two folders. */
  async function movedHistory(): Promise<TestRepo> {
    const repo = await newRepo();
    const text = Array.from({ length: 40 }, (_, i) => `line ${i}\n`).join('');
    repo.commit({ author: ANA, files: { 'src/a.txt': text, 'docs/README.md': 'hi\n' } });
    repo.commit({ author: BEN, files: { 'docs/README.md': 'hello\n' } });
    repo.commit({ author: ANA, moves: { 'src/a.txt': 'lib/a.txt' } });
    repo.commit({ author: CY, files: { 'docs/more.md': 'more\n' } });
    repo.commit({
      author: BEN,
      moves: { 'lib/a.txt': 'lib/b.txt' },
      files: { 'lib/b.txt': `${text}more\n` },
    });
    return repo;
  }

  it('analyses a partial clone whose promisor settings were removed, saying so in one line', async () => {
    const repo = await movedHistory();
    const clone = await cloneRepo(repo.dir, ['--filter=blob:none']);
    cleanupClones.push(clone);
    // Cut off from its remote: git can no longer fetch the blobs the clone left out.
    clone.git(['config', '--unset', 'remote.origin.promisor']);
    clone.git(['config', '--unset', 'remote.origin.partialclonefilter']);
    const dir = fresh('partial-cut-off');

    const result = orgwire(
      ['analyze', '--repo', clone.dir, '--db', 'o.db', '--format', 'json'],
      dir,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `${basename(clone.dir)}: some blobs are missing (a partial or damaged clone); renames found only for files moved unchanged.\n`,
    );
    const whole = orgwire(['analyze', '--repo', repo.dir, '--db', 'w.db', '--format', 'json'], dir);
    expect(whole.stderr).toBe('');
    const [cut, full] = [result, whole].map((r) => JSON.parse(r.stdout));
    expect(cut.window).toEqual(full.window);
    expect(cut.identities.commits).toBe(5);
    expect(cut.identities.commits).toBe(full.identities.commits);
  });

  it('ingests a repository that lost a blob file, each commit once, saying so in one line', async () => {
    const repo = await movedHistory();
    const blob = repo.git(['rev-parse', 'HEAD~1:lib/a.txt']).trim();
    const gitDir = repo.git(['rev-parse', '--absolute-git-dir']).trim();
    rmSync(join(gitDir, 'objects', blob.slice(0, 2), blob.slice(2)));
    const db = join(fresh('lost-blob'), 'orgwire.db');

    const result = orgwire(['ingest', '--repo', repo.dir, '--db', db, '--format', 'json']);
    expect(result.status).toBe(0);
    expect(lines(result.stderr)).toEqual([
      `${basename(repo.dir)}: some blobs are missing (a partial or damaged clone); renames found only for files moved unchanged.`,
    ]);
    const json = JSON.parse(result.stdout);
    expect(json.repositories[0]).toMatchObject({ added: 5, commits: 5, exactRenames: 'missing' });
    expect(countCommits(db)).toEqual({ n: 5, distinct_: 5 });

    const lined = orgwire(['ingest', '--repo', repo.dir, '--db', db, '--lines']);
    expect(lined.status).toBe(2);
    expect(lined.stderr).toMatch(/some blobs are missing .*counting lines reads every blob/);
    expect(lined.stderr).toMatch(/Leave out --lines/);
  });
});
