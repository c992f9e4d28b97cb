import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, type Signature, type TestRepo } from '../../test/helpers/git-repo.js';
import { repositoryLabel } from '../ingest/index.js';
import { loadCatalog } from '../model/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { buildReport, type Report, type ReportOptions } from './build-report.js';
import { ingestRepositories } from './ingest-repositories.js';

// Two teams (web: ana and ben; ops: cy), three components (cart owned by web; pay and
// infra owned by ops). Every expectation below is counted by hand from HISTORY.
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: web}
spec: {type: team, children: [], members: [ana, ben]}
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: ops}
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
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  annotations: {orgwire.dev/paths: cart}
spec: {type: service, lifecycle: production, owner: web}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: pay
  annotations: {orgwire.dev/paths: pay}
spec: {type: service, lifecycle: production, owner: ops}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: infra
  annotations: {orgwire.dev/paths: infra}
spec: {type: service, lifecycle: production, owner: ops}
`;

const ANA: Signature = { name: 'Ana', email: 'ana@acme.example' };
const BEN: Signature = { name: 'Ben', email: 'ben@acme.example' };
const CY: Signature = { name: 'Cy', email: 'cy@acme.example' };
const WEB = 'group:default/web';
const OPS = 'group:default/ops';
const CART = 'component:default/cart';
const PAY = 'component:default/pay';
const INFRA = 'component:default/infra';

// Content long enough for git to see an unchanged move as a rename.
const body = (n: number) => `export const value = ${n};\n${'// padding line\n'.repeat(8)}`;

// c3–c7 follow one file through two renames: draft/a.ts → draft/b.ts → cart/c.ts. Its
// latest name is in cart, so every commit that touched it counts for cart.
const HISTORY: { date: string; spec: Parameters<TestRepo['commit']>[0] }[] = [
  // c1: web on cart and pay.
  {
    date: '2026-03-01T09:00:00Z',
    spec: { author: ANA, files: { 'cart/index.ts': body(1), 'pay/api.ts': body(1) } },
  },
  // c2: ops on pay and infra, at the very first second of 2 March.
  {
    date: '2026-03-02T00:00:00Z',
    spec: { author: CY, files: { 'pay/api.ts': body(2), 'infra/main.tf': body(2) } },
  },
  // c3: ops creates draft/a.ts.
  { date: '2026-03-03T09:00:00Z', spec: { author: CY, files: { 'draft/a.ts': body(3) } } },
  // c4: web changes it.
  {
    date: '2026-03-04T09:00:00Z',
    spec: { author: BEN, files: { 'draft/a.ts': body(4) } },
  },
  // c5: web renames it to draft/b.ts, unchanged.
  {
    date: '2026-03-05T09:00:00Z',
    spec: { author: BEN, moves: { 'draft/a.ts': 'draft/b.ts' } },
  },
  // c6: ops changes draft/b.ts.
  { date: '2026-03-06T09:00:00Z', spec: { author: CY, files: { 'draft/b.ts': body(6) } } },
  // c7: web renames it into cart, unchanged.
  {
    date: '2026-03-07T09:00:00Z',
    spec: { author: ANA, moves: { 'draft/b.ts': 'cart/c.ts' } },
  },
  // c8: ana with cy as co-author: one commit for web and one for ops.
  {
    date: '2026-03-08T09:00:00Z',
    spec: { author: ANA, coAuthors: [CY], files: { 'cart/c.ts': body(8) } },
  },
  // c9: ops on infra at the very last second of 9 March.
  {
    date: '2026-03-09T23:59:59Z',
    spec: { author: CY, files: { 'infra/main.tf': body(9) } },
  },
  // c10: web on cart, one second later: 10 March.
  {
    date: '2026-03-10T00:00:00Z',
    spec: { author: BEN, files: { 'cart/index.ts': body(10) } },
  },
];

const seconds = (iso: string) => Date.parse(iso) / 1000;

const { catalog, problems } = loadCatalog([{ path: 'catalog.yaml', text: CATALOG }]);

/** A repository ingested into a fresh SQLite store, and a report over it. */
interface Fixture {
  repo: TestRepo;
  report(options?: ReportOptions): Promise<Report>;
  close(): Promise<void>;
}

async function ingested(make: (repo: TestRepo) => void): Promise<Fixture> {
  const repo = await createRepo();
  make(repo);
  const dbDir = await mkdtemp(join(tmpdir(), 'orgwire-report-'));
  const db = createDb({ dialect: 'sqlite', file: join(dbDir, 'orgwire.db') });
  const { error } = await migrateToLatest(db);
  if (error) throw error;
  const store: Store = createStore(db);
  const [result] = await ingestRepositories(store, [repo.dir]);
  if (!result) throw new Error('ingestRepositories returned no result');
  const source = {
    dir: repo.dir,
    absolute: repo.dir,
    label: repositoryLabel(repo.dir),
    repositoryId: result.repositoryId,
    shownAs: repo.dir,
  };
  return {
    repo,
    report: (options = {}) => buildReport(store, catalog, [source], options),
    async close() {
      await store.close();
      await repo.cleanup();
      await rm(dbDir, { recursive: true, force: true });
    },
  };
}

let fixture: Fixture;
beforeAll(async () => {
  fixture = await ingested((repo) => {
    for (const { date, spec } of HISTORY) repo.commit({ ...spec, date });
  });
});
afterAll(() => fixture?.close());

const report = (options: ReportOptions = {}) => fixture.report(options);

const activity = (r: Report, ref: string) => {
  const c = r.ownership.components.find((x) => x.ref === ref);
  return c && { commits: c.commits, teams: c.teams, owner: c.owner, ownerShare: c.ownerShare };
};

describe('buildReport on an ingested repository', () => {
  it('reads a catalog with no problems (a precondition of the tests below)', () => {
    expect(problems).toEqual([]);
    expect(HISTORY).toHaveLength(10);
  });

  it('counts every commit of the default window for the teams of its authors', async () => {
    const r = await report();
    // The day of the newest commit (c10, 10 March) ends the window; 90 whole days,
    // 11 December to 10 March, cover everything.
    expect(r.window).toEqual({ since: '2025-12-11', until: '2026-03-10' });
    expect(r.repositories).toEqual([expect.objectContaining({ files: 4, commits: 10 })]);
    // web: c1 c4 c5 c7 c8 c10 = 6; ops: c2 c3 c6 c8 c9 = 5 (c8 counts for both).
    expect(r.identities).toEqual({
      commits: 10,
      peopleCommits: 10,
      matchedCommits: 10,
      creditedCommits: 10,
      coverage: 1,
      botCommits: 0,
      matchedBy: { email: 3 },
      unmatched: [],
      teams: [
        { ref: WEB, commits: 6 },
        { ref: OPS, commits: 5 },
      ],
    });
  });

  it('gives each component its commits per team and the owner its share', async () => {
    const r = await report();
    // cart: c1 c3 c4 c5 c6 c7 c8 c10 = 8 commits (c3–c6 through the renames);
    // web c1 c4 c5 c7 c8 c10 = 6, ops c3 c6 c8 = 3; web's share 6 / 9.
    expect(activity(r, CART)).toEqual({
      commits: 8,
      teams: [
        { ref: WEB, commits: 6 },
        { ref: OPS, commits: 3 },
      ],
      owner: WEB,
      ownerShare: 0.667,
    });
    // pay: c1 (web) and c2 (ops); ops owns it and made 1 of 2.
    expect(activity(r, PAY)).toEqual({
      commits: 2,
      teams: [
        { ref: OPS, commits: 1 },
        { ref: WEB, commits: 1 },
      ],
      owner: OPS,
      ownerShare: 0.5,
    });
    // infra: c2 and c9, both ops.
    expect(activity(r, INFRA)).toEqual({
      commits: 2,
      teams: [{ ref: OPS, commits: 2 }],
      owner: OPS,
      ownerShare: 1,
    });
    const cart = r.ownership.components.find((c) => c.ref === CART);
    // 1 − ((6/9)² + (3/9)²) = 1 − 45/81 = 0.444.
    expect(cart?.fragmentation).toBe(0.444);
  });

  it('follows a file renamed twice (a → b → c) to its latest name', async () => {
    const r = await report();
    // Had the renames not been followed, c3 and c4 (draft/a.ts) and c5 and c6 (draft/b.ts)
    // would count for the draft folder; cart has all of them (8 commits, above).
    expect(r.ownership.components.map((c) => c.ref).filter((ref) => ref.includes('draft'))).toEqual(
      [],
    );
    expect(activity(r, CART)?.commits).toBe(8);
  });

  it('couples files, named label:path, only when asked', async () => {
    const loose = { minRevs: 1, minShared: 1, minDegree: 0, maxChangesetSize: 30 };
    expect((await report({ coupling: loose })).coupling.files).toBeUndefined();
    const r = await report({ coupling: loose, files: true });
    // c1 changes cart/index.ts and pay/api.ts together; each has 2 revisions (c1 and c10,
    // c1 and c2): degree 100 · 1 ÷ 2 = 50.
    const label = repositoryLabel(fixture.repo.dir);
    const [a, b] = [`${label}:cart/index.ts`, `${label}:pay/api.ts`];
    expect(
      r.coupling.files?.find((p) => [p.a, p.b].sort().join() === [a, b].sort().join()),
    ).toMatchObject({ shared: 1, revsA: 2, revsB: 2, degree: 50 });
  });

  it('needs web and ops to coordinate on the components both changed', async () => {
    const r = await report();
    // sharedWork = Σ min(web, ops) over components: cart min(6, 3) + pay min(1, 1)
    // + infra min(0, 2) = 4. No pair of components reaches the default coupling filters
    // (five revisions each), so there is no coupled work.
    expect(r.coordination.needs).toEqual([
      {
        teams: [OPS, WEB],
        sharedWork: 4,
        coupledWork: 0,
        weight: 4,
        wired: false,
        via: null,
        components: [
          { ref: CART, weight: 3 },
          { ref: PAY, weight: 1 },
        ],
      },
    ]);
    expect(r.coordination.congruence).toEqual({ weighted: 0, unweighted: 0 });
  });

  it('takes both ends of an explicit window as inclusive', async () => {
    // 2 March 00:00:00 to 9 March 23:59:59: c2 (first second) to c9 (last second).
    const r = await report({
      since: seconds('2026-03-02T00:00:00Z'),
      until: seconds('2026-03-09T23:59:59Z'),
    });
    expect(r.window).toEqual({ since: '2026-03-02', until: '2026-03-09' });
    // web: c4 c5 c7 c8 = 4; ops: c2 c3 c6 c8 c9 = 5.
    expect(r.identities).toMatchObject({
      commits: 8,
      teams: [
        { ref: OPS, commits: 5 },
        { ref: WEB, commits: 4 },
      ],
    });
    // cart: c3 c4 c5 c6 c7 c8; web 4, ops 3 (c1 and c10 are outside).
    expect(activity(r, CART)).toMatchObject({
      commits: 6,
      teams: [
        { ref: WEB, commits: 4 },
        { ref: OPS, commits: 3 },
      ],
    });
    expect(activity(r, PAY)).toMatchObject({ commits: 1, teams: [{ ref: OPS, commits: 1 }] });
    expect(activity(r, INFRA)).toMatchObject({ commits: 2 });
    // Only cart is shared now: min(4, 3) = 3.
    expect(r.coordination.needs.map((n) => [n.teams, n.sharedWork])).toEqual([[[OPS, WEB], 3]]);
  });

  it('follows renames made after the window ends', async () => {
    // Until 6 March: c1–c6. The move into cart (c7) is later, yet c3–c6 count for cart.
    const r = await report({ until: seconds('2026-03-06T23:59:59Z') });
    expect(r.identities.commits).toBe(6);
    // cart: c1 (web) c3 (ops) c4 (web) c5 (web) c6 (ops).
    expect(activity(r, CART)).toMatchObject({
      commits: 5,
      teams: [
        { ref: WEB, commits: 3 },
        { ref: OPS, commits: 2 },
      ],
    });
  });

  it('takes a window length back from the newest commit, in whole days', async () => {
    // 3 days ending with c10's day (10 March 00:00:00): 8, 9 and 10 March → c8, c9, c10.
    const r = await report({ length: 3 * 86_400 });
    expect(r.window).toEqual({ since: '2026-03-08', until: '2026-03-10' });
    expect(r.identities.commits).toBe(3);
    // Those days given back select the same commits.
    const again = await report({
      since: seconds('2026-03-08T00:00:00Z'),
      until: seconds('2026-03-10T23:59:59Z'),
    });
    expect(again.window).toEqual(r.window);
    expect(again.identities).toEqual(r.identities);
  });
});

describe('buildReport when commits share an author time', () => {
  // Scripts, imports and rebases make commits within one second; git records author time
  // in whole seconds. The rename must still be seen before the older changes it renames.
  let same: Fixture;
  beforeAll(async () => {
    same = await ingested((repo) => {
      const date = '2026-04-01T09:00:00Z';
      for (let i = 0; i < 6; i++)
        repo.commit({ author: ANA, date, files: { 'draft/f.ts': body(i) } });
      repo.commit({ author: ANA, date, moves: { 'draft/f.ts': 'cart/f.ts' } });
    });
  });
  afterAll(() => same?.close());

  it('follows a rename made in the same second as the changes before it', async () => {
    const r = await same.report();
    // Six changes to draft/f.ts and the move: seven commits, all to cart/f.ts by now.
    expect(r.identities.commits).toBe(7);
    expect(
      r.ownership.components.filter((c) => c.commits > 0).map((c) => [c.ref, c.commits]),
    ).toEqual([[CART, 7]]);
  });
});

describe('the congruence trend', () => {
  it('measures consecutive windows of the same whole days, leaving out those before the history', async () => {
    const plain = await report({ length: 3 * 86_400 });
    // The window: 8 to 10 March, ending with c10's day. Asking for five windows reaches
    // back to 24 February; the history starts with c1 on 1 March 09:00, so the window of
    // 24–26 February, which ends before it, is left out.
    const r = await report({ length: 3 * 86_400, trend: 5 });
    // 27 February – 1 March has c1 alone (web): no need, so no congruence. The others have
    // web and ops both on cart (2–4 March: c3 and c4, through the renames; 5–7 March: c5,
    // c6 and c7; the window: c8 with both, c10) and nothing wires them: congruence 0.
    expect(r.trend).toEqual([
      { since: '2026-02-27', until: '2026-03-01', weighted: null, unweighted: null },
      { since: '2026-03-02', until: '2026-03-04', weighted: 0, unweighted: 0 },
      { since: '2026-03-05', until: '2026-03-07', weighted: 0, unweighted: 0 },
      { since: '2026-03-08', until: '2026-03-10', weighted: 0, unweighted: 0 },
    ]);
    // Commits before the window feed only the trend.
    expect(r.identities).toEqual(plain.identities);
    expect(r.coordination).toEqual(plain.coordination);
    expect(plain.trend).toBeUndefined();
  });

  it('gives null for a window in which no two teams needed each other', async () => {
    // One day ending at c9 (9 March 23:59:59), and the day before it: 8 March has c8
    // (ana and cy together on cart, a need), 9 March only ops on infra (none).
    const r = await report({ until: seconds('2026-03-09T23:59:59Z'), length: 86_400, trend: 2 });
    expect(r.trend).toEqual([
      { since: '2026-03-08', until: '2026-03-08', weighted: 0, unweighted: 0 },
      { since: '2026-03-09', until: '2026-03-09', weighted: null, unweighted: null },
    ]);
  });
});
