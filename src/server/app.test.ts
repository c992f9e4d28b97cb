import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildDemoRepo,
  DEMO_CATALOG,
  DEMO_CONFIG,
  DEMO_END_DATE,
  DEMO_REQUESTS,
} from '../demo/index.js';
import { readCatalogFiles, readRequestFile } from '../ingest/index.js';
import { loadCatalog, parseConfig } from '../model/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { buildReport, ingestRepositories, newestCommitDay } from '../usecases/index.js';
import type {
  ApiError,
  BetPage,
  BetsBoard,
  ChainsView,
  Checkin,
  ComponentPage,
  CoordinationMap,
  DataQuality,
  GroupingPage,
  Labels,
  LearningList,
  LearningView,
  Overview,
  QueuesView,
  Reading,
  SearchResults,
  TeamList,
  TeamPage,
} from './api-types.js';
import { createApp } from './app.js';
import { createAuthorizer, hashToken, newToken } from './auth.js';
import { createPeriods } from './periods.js';
import { Radiator, type RadiatorInput } from './radiator.js';
import { createReadCache } from './read-cache.js';

// The demo organisation, analysed for real: a git repository built in a temp folder,
// ingested into a SQLite file, with the demo's request export and its settings (it leaves
// scripts/ out as noise), as `orgwire serve --demo` analyses it.
let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let radiator: Radiator;
let input: Pick<RadiatorInput, 'title' | 'catalog' | 'report' | 'today' | 'dataAsOf'>;
let shop: Parameters<typeof buildReport>[2][number];
let reportOptions: Parameters<typeof buildReport>[3];
const TOKEN = 'ow_test-token';
const ENV_TOKEN = 'from-the-environment-0123456789abcdef';

async function makeApp(options: Partial<Parameters<typeof createApp>[0]> = {}) {
  const auth = createAuthorizer({ tokens: () => store.tokens(), envToken: ENV_TOKEN });
  return createApp({
    radiator,
    records: store,
    auth,
    staticDir: join(dir, 'web'),
    now: () => new Date('2026-10-31T09:00:00Z'),
    maxBody: 4096,
    ...options,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-app-'));
  const repo = join(dir, 'shop');
  await mkdir(repo);
  await buildDemoRepo(repo);
  const { catalog } = loadCatalog(await readCatalogFiles(DEMO_CATALOG));
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  await migrateToLatest(db);
  store = createStore(db);
  const [ingested] = await ingestRepositories(store, [repo], {});
  const requests = await readRequestFile(DEMO_REQUESTS, { catalog, shownAs: 'requests.csv' });
  const { config } = parseConfig(await readFile(DEMO_CONFIG, 'utf8'), 'orgwire.yaml');
  shop = {
    dir: repo,
    absolute: repo,
    label: 'shop',
    repositoryId: ingested?.repositoryId ?? 0,
    shownAs: 'shop',
  };
  reportOptions = {
    today: DEMO_END_DATE,
    requests: requests.requests,
    trend: 4,
    ignore: (config.ignore ?? []).map((pattern) => ({ pattern, source: 'orgwire.yaml' })),
  };
  const report = await buildReport(store, catalog, [shop], reportOptions);
  await store.createToken('tests', hashToken(TOKEN));
  input = {
    title: 'Trailhead Outfitters',
    catalog,
    report,
    today: DEMO_END_DATE,
    dataAsOf: await newestCommitDay(store, [shop]),
  };
  radiator = new Radiator({ ...input, checkins: [], readings: [], learnings: [] });
  // A stand-in for the built UI, and a secret beside it that must never be served.
  await mkdir(join(dir, 'web', 'assets'), { recursive: true });
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>radiator</title>');
  await writeFile(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  app = await makeApp();
}, 120_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = async <T>(path: string, init?: RequestInit) => {
  const response = await app.request(path, init);
  return { status: response.status, body: (await response.json()) as T, response };
};
const post = async <T>(path: string, body: unknown, token: string | null = TOKEN) => {
  const response = await app.request(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
};

describe('reads', () => {
  it('answers health', async () => {
    expect(await get('/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('gives the overview: congruence, its trend, unwired needs, breaching queues, bets to decide', async () => {
    const { status, body } = await get<Overview>('/api/overview');
    expect(status).toBe(200);
    expect(body.congruence.weighted).toBe(0.23);
    expect(body.trend.at(-1)).toMatchObject({ until: '2026-10-30', weighted: 0.23 });
    expect(body.trend.length).toBeGreaterThan(1);
    expect(body.unwiredNeeds[0]?.teams).toEqual([
      'group:default/mobile-app',
      'group:default/web-storefront',
    ]);
    const billing = body.breachingQueues.find(
      (q) => q.team === 'group:default/billing-integration',
    );
    expect(billing).toMatchObject({ sla: 14, label: 'Billing Integration' });
    expect(billing?.leadTime.p50).toBeGreaterThan(14);
    expect(body.betsToDecide[0]?.overdue).toBe(true);
    expect(body.newestLearnings.length).toBe(3);
    expect(body.counts).toMatchObject({ teams: 9, people: 40, bets: 13, goals: 11 });
  });

  it('puts coverage beside congruence, and headline needs at least the minimum weight', async () => {
    const { body } = await get<Overview>('/api/overview');
    expect(body.coverage).toMatchObject({ warning: false, warnBelow: 0.8 });
    expect(body.coverage.share).toBeCloseTo(0.97, 2);
    expect(body.coverage.creditedCommits).toBeLessThan(body.coverage.peopleCommits);
    expect(body.coverage.lifters[0]).toMatchObject({ name: 'Dana Okafor' });
    expect(body.coverage.unmatchedAuthors).toBe(1);
    expect(body.needCounts.minWeight).toBe(2);
    expect(body.unwiredNeeds.every((n) => n.weight >= 2 && !n.wired)).toBe(true);
    const every = await get<CoordinationMap>('/api/coordination?minWeight=0&unwired=1');
    expect(body.needCounts.unwired).toBe(every.body.needs.length);
    expect(body.needCounts.lighterUnwired).toBe(
      every.body.needs.filter((n) => n.weight < 2).length,
    );
    // With a higher minimum (needs.minWeight: 20) the lighter unwired needs leave the headline.
    const { report } = input;
    const strict = new Radiator({
      ...input,
      report: { ...report, coordination: { ...report.coordination, minWeight: 20 } },
      checkins: [],
      readings: [],
      learnings: [],
    }).overview();
    expect(strict.unwiredNeeds.length).toBeGreaterThan(0);
    expect(strict.unwiredNeeds.every((n) => n.weight >= 20)).toBe(true);
    expect(strict.needCounts.lighterUnwired).toBe(
      every.body.needs.filter((n) => n.weight < 20).length,
    );
    expect(strict.needCounts.lighterUnwired).toBeGreaterThan(0);
    const notes = body.notes.join(' ');
    expect(notes).not.toMatch(/makes those teams need each other/);
    expect(notes).toMatch(/a person in both teams of a pair adds nothing/);
  });

  it('lists what keeps the figures from being true on the data quality route', async () => {
    const { status, body } = await get<DataQuality>('/api/data-quality');
    expect(status).toBe(200);
    expect(body.coverage.share).toBeCloseTo(0.97, 2);
    expect(body.unmatched).toEqual([
      expect.objectContaining({ name: 'Dana Okafor', email: 'dana@freelance-devs.io' }),
    ]);
    expect(body.unmatched[0]?.commits).toBeGreaterThan(0);
    // The demo's orgwire.yaml leaves scripts/ out; the defaults are in force too.
    const scripts = body.ignored.patterns.find((p) => p.pattern === 'scripts/');
    expect(scripts).toMatchObject({ source: 'orgwire.yaml' });
    expect(scripts?.files).toBeGreaterThan(0);
    expect(body.ignored.patterns.some((p) => p.source === 'default')).toBe(true);
    expect(body.ignored.files).toBeGreaterThanOrEqual(scripts?.files ?? 1);
    expect(body.ignored.commits).toBeGreaterThan(0);
    expect(body.ownerlessComponents.map((c) => c.ref)).not.toContain('folder:shop:scripts');
    for (const list of [body.unresolvedOwners, body.componentsWithoutFiles, body.unownedPaths])
      expect(Array.isArray(list)).toBe(true);
    // The demo's CODEOWNERS is clean: no dead or shadowed rule (owners --check passes).
    expect(body.deadRules).toEqual([]);
    expect(body.shadowedRules).toEqual([]);
  });

  it('warns beside the headline when most commits are credited to no team', async () => {
    // A catalog that knows one person: everyone else's work is credited to nobody.
    const few = join(dir, 'few-catalog');
    await mkdir(few, { recursive: true });
    await writeFile(
      join(few, 'org.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata: { name: storefront }',
        'spec: { type: team, children: [] }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata: { name: jonas-becker }',
        'spec:',
        '  profile: { displayName: Jonas Becker, email: jonas.becker@trailhead.example }',
        '  memberOf: [storefront]',
        '',
      ].join('\n'),
    );
    const { catalog } = loadCatalog(await readCatalogFiles(few));
    const report = await buildReport(store, catalog, [shop], { today: DEMO_END_DATE });
    const low = createApp({
      radiator: new Radiator({
        title: 'Few',
        catalog,
        report,
        today: DEMO_END_DATE,
        checkins: [],
        readings: [],
        learnings: [],
      }),
      records: store,
      auth: createAuthorizer({ tokens: () => store.tokens() }),
    });
    const overview = (await (await low.request('/api/overview')).json()) as Overview;
    expect(overview.coverage.share).toBeLessThan(0.8);
    expect(overview.coverage.warning).toBe(true);
    expect(overview.coverage.lifters).toHaveLength(3);
    const commits = overview.coverage.lifters.map((l) => l.commits);
    expect(commits).toEqual([...commits].sort((a, b) => b - a));
    const map = (await (await low.request('/api/coordination')).json()) as CoordinationMap;
    expect(map.coverage.warning).toBe(true);
  });

  it('lists teams with their type, members and unwired needs', async () => {
    const { body } = await get<TeamList>('/api/teams');
    const platform = body.teams.find((t) => t.ref === 'group:default/platform');
    expect(platform).toMatchObject({ teamType: 'platform', members: 6, label: 'Platform' });
    expect(body.teams.every((t) => t.unwiredNeeds >= 0)).toBe(true);
  });

  it("shows a team's API: members, what it owns, its queue, its bets", async () => {
    const { status, body } = await get<TeamPage>('/api/teams/default/billing-integration');
    expect(status).toBe(200);
    expect(body.people).toHaveLength(4);
    expect(body.owned.every((c) => c.owner === 'group:default/billing-integration')).toBe(true);
    expect(body.queue?.sla).toBe(14);
    expect(body.queue?.remedies.map((r) => r.kind)).toContain('self-service');
    expect(body.coordination.every((n) => n.teams.includes(body.ref))).toBe(true);
    expect(body.coordination.every((n) => n.other !== body.ref)).toBe(true);
  });

  it('finds a team whatever the case of its name', async () => {
    expect((await get<TeamPage>('/api/teams/Default/Platform')).status).toBe(200);
  });

  it('shows a component: owner, who changes it, coupling, chains', async () => {
    const { status, body } = await get<ComponentPage>('/api/components/default/checkout-api');
    expect(status).toBe(200);
    expect(body.owner).toBe('group:default/web-storefront');
    expect(body.changedBy.length).toBe(body.teams);
    expect(body.coupled.some((c) => c.ref === 'component:default/mobile-bff')).toBe(true);
    expect(body.chains.every((c) => c.path.includes(body.ref))).toBe(true);
  });

  it('shows a system with its components and owners, and a domain with its systems', async () => {
    const system = await get<GroupingPage>('/api/systems/default/storefront');
    expect(system.status).toBe(200);
    expect(system.body.partOf).toBe('domain:default/shopping');
    const inCatalog = input.catalog.components.filter(
      (c) => c.system === 'system:default/storefront',
    );
    expect(system.body.components.map((c) => c.ref).sort()).toEqual(
      inCatalog.map((c) => c.ref).sort(),
    );
    expect(system.body.owners.reduce((n, o) => n + o.components, 0)).toBe(inCatalog.length);
    const domain = await get<GroupingPage>('/api/domains/default/shopping');
    expect(domain.body.systems).toContain('system:default/storefront');
    expect(domain.body.components.length).toBeGreaterThanOrEqual(inCatalog.length);
    expect((await get<ApiError>('/api/systems/default/nowhere')).status).toBe(404);
    // A component is no system.
    expect((await get<ApiError>('/api/systems/default/checkout-api')).status).toBe(404);
  });

  it('names every entity once, as people call it, for every page', async () => {
    const { status, body } = await get<Labels>('/api/labels');
    expect(status).toBe(200);
    expect(body.labels['user:default/erik-johansson']).toBe('Erik Johansson');
    expect(body.labels['group:default/billing-integration']).toBe('Billing Integration');
    expect(body.labels['component:default/checkout-api']).toBe('Checkout API');
    expect(Object.keys(body.labels)).toHaveLength(input.catalog.entities.length);
  });

  it('shows an API on the component route, with the component that provides it and its chains', async () => {
    const { status, body } = await get<ComponentPage>('/api/components/default/checkout-v2');
    expect(status).toBe(200);
    expect(body.kind).toBe('api');
    expect(body.providedBy).toEqual(['component:default/checkout-api']);
    // The chains through an API are those through the component that provides it.
    const provider = await get<ComponentPage>('/api/components/default/checkout-api');
    expect(provider.body.providedBy).toEqual([]);
    expect(body.chains).toEqual(provider.body.chains);
    const catalogApi = await get<ComponentPage>('/api/components/default/product-catalog-api');
    const catalogService = await get<ComponentPage>(
      `/api/components/${(catalogApi.body.providedBy[0] ?? '').slice('component:'.length)}`,
    );
    expect(catalogApi.body.chains.length).toBeGreaterThan(0);
    expect(catalogApi.body.chains).toEqual(catalogService.body.chains);
  });

  it('draws the org map: every team, needs strongest first, at most five pieces of evidence', async () => {
    const { body } = await get<CoordinationMap>('/api/coordination');
    expect(body.teams).toHaveLength(9);
    expect(body.needs).toHaveLength(body.matching);
    const weights = body.needs.map((n) => n.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(body.needs.every((n) => n.components.length <= 5)).toBe(true);
    const cut = await get<CoordinationMap>('/api/coordination?limit=2');
    expect(cut.body.needs).toEqual(body.needs.slice(0, 2));
    const unwired = await get<CoordinationMap>('/api/coordination?unwired=1');
    expect(unwired.body.needs).toEqual(body.needs.filter((n) => !n.wired));
    expect(unwired.body.needs).toHaveLength(body.totalUnwired - body.lighter.unwired);
    expect(body.totalUnwired).toBeGreaterThan(0);
  });

  it('leaves needs lighter than the minimum weight off the org map, and says how many', async () => {
    const { body } = await get<CoordinationMap>('/api/coordination');
    expect(body.minWeight).toBe(2);
    expect(body.needs.every((n) => n.weight >= 2)).toBe(true);
    expect(body.lighter.needs).toBeGreaterThan(0);
    expect(body.totalNeeds).toBe(body.matching + body.lighter.needs);
    expect(body.coverage.warning).toBe(false);
    expect(body.coverage.share).toBeCloseTo(0.97, 2);
    // ?minWeight=0 draws them all, as the JSON report keeps them all.
    const all = await get<CoordinationMap>('/api/coordination?minWeight=0');
    expect(all.body.needs).toHaveLength(body.totalNeeds);
    expect(all.body.lighter).toEqual({ needs: 0, unwired: 0 });
    for (const bad of ['-1', 'heavy', '']) {
      const refused = await get<ApiError>(`/api/coordination?minWeight=${bad}`);
      expect(refused.status).toBe(400);
    }
  });

  it('sends gzip to clients that take it, the same JSON inside', async () => {
    const plain = await app.request('/api/coordination');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const zipped = await app.request('/api/coordination', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    const inside = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8');
    expect(JSON.parse(inside)).toEqual(await plain.json());
  });

  it('keeps read responses within the cache size, one entry for every limit past the last need', async () => {
    const readCache = createReadCache(100_000);
    const bounded = await makeApp({ readCache });
    const map = (query: string) => bounded.request(`/api/coordination?${query}`);
    const all = (await (await map('limit=2000')).json()) as CoordinationMap;
    expect(all.matching).toBeGreaterThan(3);
    const kept = readCache.size;
    for (const query of ['limit=2001', 'limit=99999999', 'limit=0100000', 'limit=2000&x=1'])
      expect(await (await map(query)).json(), query).toEqual(all);
    expect(readCache.size).toBe(kept);
    for (let limit = 1; limit <= all.matching; limit++) {
      for (let weight = 0; weight < 30; weight++) {
        const response = await map(`limit=${limit}&minWeight=${weight / 10}`);
        expect(response.status).toBe(200);
      }
    }
    expect(readCache.bytes).toBeGreaterThan(0);
    expect(readCache.bytes).toBeLessThanOrEqual(100_000);
  });

  it('keeps the views no write changes across writes, and builds the others again', async () => {
    const fresh = await makeApp({ readCache: createReadCache(10_000_000) });
    const builds = { coordination: 0, overview: 0 };
    const coordination = vi.spyOn(radiator, 'coordination');
    const overview = vi.spyOn(radiator, 'overview');
    try {
      for (let round = 0; round < 2; round++) {
        await fresh.request('/api/coordination');
        await fresh.request('/api/overview');
        const written = await fresh.request('/api/bets/default/search-synonyms/checkins', {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: '{"note":"a write between reads"}',
        });
        expect(written.status).toBe(201);
      }
      builds.coordination = coordination.mock.calls.length;
      builds.overview = overview.mock.calls.length;
    } finally {
      coordination.mockRestore();
      overview.mockRestore();
    }
    expect(builds).toEqual({ coordination: 1, overview: 2 });
  });

  it('refuses a limit that is no whole number', async () => {
    const { status, body } = await get<ApiError>('/api/coordination?limit=abc');
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad-request');
  });

  it('gives the bets board with the checkbox project and the review queue', async () => {
    const { body } = await get<BetsBoard>('/api/bets');
    const unified = body.bets.find((b) => b.name === 'unified-customer-id');
    expect(unified?.independence).toBe('checkbox');
    expect(body.review.overdue).toContain('bet:default/search-synonyms');
    expect(body.goals.length).toBe(11);
  });

  it('lists learnings newest first with their Situation — Complication — Resolution', async () => {
    const { body } = await get<LearningList>('/api/learnings');
    expect(body.learnings).toHaveLength(3);
    const dates = body.learnings.map((l) => l.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.learnings.every((l) => l.situation && l.resolution && l.lessons.length > 0)).toBe(
      true,
    );
  });

  it('gives queues and chains', async () => {
    const queues = await get<QueuesView>('/api/queues');
    expect(queues.body.queues.map((q) => q.team)).toContain('group:default/billing-integration');
    const chains = await get<ChainsView>('/api/chains');
    expect(chains.body.cycles).toContainEqual([
      'component:default/invoice-service',
      'component:default/order-service',
    ]);
  });

  it('searches names first, then text', async () => {
    const { body } = await get<SearchResults>('/api/search?q=checkout');
    expect(body.results[0]?.name).toBe('checkout');
    expect(body.results.some((r) => r.kind === 'bet')).toBe(true);
    const none = await get<SearchResults>('/api/search?q=');
    expect(none.body.results).toEqual([]);
  });

  it('answers 404 with a JSON error for an unknown entity or route', async () => {
    for (const path of [
      '/api/teams/default/nobody',
      '/api/components/default/nothing',
      '/api/bets/default/no-bet',
      '/api/nowhere',
    ]) {
      const { status, body } = await get<ApiError>(path);
      expect(status, path).toBe(404);
      expect(body.error.code).toBe('not-found');
    }
  });

  it('sends a content security policy and the usual security headers', async () => {
    const { response } = await get('/api/health');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('the UI files', () => {
  it('serves the app for deep links and its assets', async () => {
    const page = await app.request('/teams/default/platform');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>radiator</title>');
    expect((await app.request('/assets/app.js')).status).toBe(200);
  });

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const response = await app.request(path);
      expect(await response.text(), path).not.toContain('do not serve');
    }
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });
});

describe('writes', () => {
  it('records a check-in and shows it at once, with its status applied', async () => {
    const { status, body } = await post<Checkin>('/api/bets/default/search-synonyms/checkins', {
      status: 'killed',
      outcomeValue: 1,
      note: 'Synonyms did not move search conversion.',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      bet: 'bet:default/search-synonyms',
      status: 'killed',
      by: 'tests',
      at: '2026-10-31T09:00:00.000Z',
    });
    const page = await get<BetPage>('/api/bets/default/search-synonyms');
    expect(page.body.checkins[0]?.id).toBe(body.id);
    expect(page.body.status).toBe('killed');
    expect(page.body.overdue).toBe(false);
    const board = await get<BetsBoard>('/api/bets');
    expect(board.body.review.overdue).not.toContain('bet:default/search-synonyms');
    // Killed, and no learning names it yet: the review asks for one.
    expect(board.body.review.unlearned).toContain('bet:default/search-synonyms');
    expect((await store.checkins()).map((c) => c.id)).toContain(body.id);
  });

  it('takes a killed bet off the review once a learning names it, and the learning says how it ended', async () => {
    const written = await post<LearningView>('/api/learnings', {
      title: 'Synonyms did not move search',
      situation: 'Search conversion was flat.',
      complication: 'Synonyms changed what matched, not what sold.',
      resolution: 'Killed the bet.',
      lessons: ['Measure conversion per query, not overall.'],
      bet: 'search-synonyms',
    });
    expect(written.status).toBe(201);
    expect(written.body.betStatus).toBe('killed');
    const board = await get<BetsBoard>('/api/bets');
    expect(board.body.review.unlearned).not.toContain('bet:default/search-synonyms');
  });

  it('records a goal reading', async () => {
    const goal = (await get<BetsBoard>('/api/bets')).body.goals[0];
    const [ns, name] = (goal?.ref ?? '').slice('goal:'.length).split('/');
    const { status, body } = await post<Reading>(`/api/goals/${ns}/${name}/readings`, {
      value: 42.5,
      at: '2026-10-20',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ value: 42.5, at: '2026-10-20T00:00:00.000Z' });
    const after = (await get<BetsBoard>('/api/bets')).body.goals.find((g) => g.ref === goal?.ref);
    expect(after?.current).toBe(42.5);
  });

  it('records a learning under a unique name and lists it first', async () => {
    const learning = {
      title: 'Queues hide work',
      bet: 'search-synonyms',
      situation: 'Search wanted synonyms.',
      complication: 'The data team was booked for a quarter.',
      resolution: 'We killed the bet.',
      lessons: ['Ask the queue before betting.'],
      date: '2026-10-31',
    };
    const first = await post<LearningView>('/api/learnings', learning);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: 'queues-hide-work',
      bet: 'bet:default/search-synonyms',
      source: 'radiator',
    });
    const second = await post<LearningView>('/api/learnings', learning);
    expect(second.body.name).toBe('queues-hide-work-2');
    const list = await get<LearningList>('/api/learnings');
    expect(list.body.learnings[0]?.date).toBe('2026-10-31');
    const found = await get<SearchResults>('/api/search?q=booked%20for%20a%20quarter');
    expect(found.body.results[0]).toMatchObject({ kind: 'learning', field: 'complication' });
  });

  it('accepts the token from ORGWIRE_TOKEN', async () => {
    const { status, body } = await post<Checkin>(
      '/api/bets/default/search-synonyms/checkins',
      { note: 'still dead' },
      ENV_TOKEN,
    );
    expect(status).toBe(201);
    expect(body.by).toBe('ORGWIRE_TOKEN');
  });

  it('answers 401 without a token and 403 with a wrong one, writing nothing', async () => {
    const before = (await store.checkins()).length;
    const none = await post<ApiError>(
      '/api/bets/default/search-synonyms/checkins',
      { note: 'x' },
      null,
    );
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const wrong = await post<ApiError>(
      '/api/bets/default/search-synonyms/checkins',
      { note: 'x' },
      'guess',
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('forbidden');
    expect((await store.checkins()).length).toBe(before);
  });

  it.each([
    ['not JSON', '{"note":', 'not JSON'],
    ['an empty note', { note: '  ' }, 'note: must not be empty'],
    ['an unknown status', { status: 'won-ish', note: 'x' }, 'status'],
    ['an unknown field', { note: 'x', owner: 'me' }, 'owner'],
    ['a number as text', { note: 'x', outcomeValue: '3' }, 'outcomeValue'],
  ])('refuses a check-in with %s', async (_, body, message) => {
    const { status, body: error } = await post<ApiError>(
      '/api/bets/default/search-synonyms/checkins',
      body,
    );
    expect(status).toBe(400);
    expect(error.error.code).toBe('bad-request');
    expect(error.error.message).toContain(message);
  });

  it('refuses readings and learnings that are incomplete or name unknown things', async () => {
    expect((await post('/api/goals/default/no-goal/readings', { value: 1 })).status).toBe(404);
    const goal = (await get<BetsBoard>('/api/bets')).body.goals[0]?.ref.slice(
      'goal:default/'.length,
    );
    expect((await post(`/api/goals/default/${goal}/readings`, { value: 'high' })).status).toBe(400);
    expect(
      (await post(`/api/goals/default/${goal}/readings`, { value: 1, at: '2026-13-01' })).status,
    ).toBe(400);
    const learning = {
      title: 't',
      situation: 's',
      complication: 'c',
      resolution: 'r',
      lessons: ['l'],
    };
    expect((await post('/api/learnings', { ...learning, lessons: [] })).status).toBe(400);
    const noBet = await post<ApiError>('/api/learnings', { ...learning, bet: 'no-such-bet' });
    expect(noBet.status).toBe(400);
    expect(noBet.body.error.message).toContain('bet:default/no-such-bet');
    const noUser = await post<ApiError>('/api/learnings', { ...learning, authors: ['nobody'] });
    expect(noUser.body.error.message).toContain('user:default/nobody');
    expect((await post('/api/bets/default/no-bet/checkins', { note: 'x' })).status).toBe(404);
  });

  it('takes readings dated from 1970 to a year from now, and refuses the rest saying which dates are', async () => {
    const goal = (await get<BetsBoard>('/api/bets')).body.goals[0]?.ref.slice(
      'goal:default/'.length,
    );
    const reading = (at: string) =>
      post<ApiError>(`/api/goals/default/${goal}/readings`, { value: 1, at });
    for (const at of [
      '0000-01-01',
      '9999-12-31',
      '1969-12-31',
      '2027-11-01',
      '0000-01-01T00:00:00Z',
    ]) {
      const { status, body } = await reading(at);
      expect(status, at).toBe(400);
      expect(body.error.message, at).toContain('at: must be between 1970-01-01 and 2027-10-31');
    }
    expect((await reading('1970-01-01')).status).toBe(201);
    expect((await reading('2027-10-31T23:59:59+00:00')).status).toBe(201);
    const learning = await post<ApiError>('/api/learnings', {
      title: 'From the future',
      situation: 's',
      complication: 'c',
      resolution: 'r',
      lessons: ['l'],
      date: '9999-01-01',
    });
    expect(learning.status).toBe(400);
    expect(learning.body.error.message).toContain(
      'date: must be between 1970-01-01 and 2027-10-31',
    );
  });

  it('refuses a body over the size cap with 413', async () => {
    const { status, body } = await post<ApiError>('/api/bets/default/search-synonyms/checkins', {
      note: 'x'.repeat(5000),
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload-too-large');
  });

  it('starts again from what was written', async () => {
    const again = new Radiator({
      ...input,
      checkins: await store.checkins(),
      readings: await store.readings(),
      learnings: await store.learnings(),
    });
    expect(again.bet('bet:default/search-synonyms')?.status).toBe('killed');
    const learning = again.learnings().learnings.find((l) => l.name === 'queues-hide-work');
    const bet = input.catalog.byRef.get('bet:default/search-synonyms');
    const responsible = bet?.kind === 'Bet' ? (bet.spec.responsible ?? []) : [];
    expect(responsible.length).toBeGreaterThan(0);
    expect(learning?.teams).toEqual(expect.arrayContaining(responsible));
  });

  it('limits the writes of each token with 429', async () => {
    const limited = await makeApp({ writesPerMinute: 2 });
    const send = () =>
      limited.request('/api/bets/default/search-synonyms/checkins', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: '{"note":"again"}',
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(429);
    expect(((await third.json()) as ApiError).error.code).toBe('rate-limited');
  });
});

describe('tokens', () => {
  const checkin = (on: Awaited<ReturnType<typeof makeApp>>, token: string) =>
    on.request('/api/bets/default/search-synonyms/checkins', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"note":"token test"}',
    });

  it('says whose a token is, so that Settings keeps only one the server knows', async () => {
    const asked = (headers: Record<string, string>) => app.request('/api/token', { headers });
    const known = await asked({ authorization: `Bearer ${TOKEN}` });
    expect(known.status).toBe(200);
    expect(await known.json()).toEqual({ name: 'tests' });
    expect((await asked({ authorization: 'Bearer ow_not-a-token' })).status).toBe(403);
    expect((await asked({})).status).toBe(401);
  });

  it('limits wrong tokens from one address with 429, and never a token that works from there', async () => {
    const limited = await makeApp({ failuresPerMinute: 5 });
    expect((await checkin(limited, TOKEN)).status).toBe(201);
    const statuses = [];
    for (let n = 0; n < 60; n++) statuses.push((await checkin(limited, `guess-${n}`)).status);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    const refused = await checkin(limited, 'guess-61');
    expect(((await refused.json()) as ApiError).error.message).toContain('wrong tokens');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await checkin(limited, TOKEN)).status).toBe(201);
    expect((await checkin(limited, TOKEN)).status).toBe(201);
  });

  it('limits guesses at the read token too', async () => {
    const closed = await makeApp({ readToken: true, failuresPerMinute: 3 });
    const read = (token: string) =>
      closed.request('/api/overview', { headers: { authorization: `Bearer ${token}` } });
    const statuses = [];
    for (let n = 0; n < 20; n++) statuses.push((await read(`guess-${n}`)).status);
    expect(statuses.filter((s) => s === 403)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
  });

  it('refuses a deleted token on the next request', async () => {
    const token = newToken();
    expect(await store.createToken('short-lived', hashToken(token))).toBe(true);
    expect((await checkin(app, token)).status).toBe(201);
    expect(await store.deleteToken('short-lived')).toBe(true);
    expect((await checkin(app, token)).status).toBe(403);
    expect(await store.deleteToken('short-lived')).toBe(false);
  });
});

describe('strangers', () => {
  it('answers 421 to a request for a host it does not serve, whatever the route (DNS rebinding)', async () => {
    for (const path of ['/api/overview', '/api/teams', '/', '/assets/app.js']) {
      const response = await app.request(path, { headers: { host: 'evil.example:8080' } });
      expect(response.status, path).toBe(421);
      expect(await response.text()).not.toContain('congruence');
    }
    const own = await app.request('/api/overview', { headers: { host: '127.0.0.1:8080' } });
    expect(own.status).toBe(200);
  });

  it('answers the host of --public-url', async () => {
    const proxied = await makeApp({
      hosts: { host: '127.0.0.1', publicUrl: new URL('https://radiator.example.com/') },
    });
    const via = (host: string) => proxied.request('/api/health', { headers: { host } });
    expect((await via('radiator.example.com')).status).toBe(200);
    expect((await via('evil.example')).status).toBe(421);
  });
});

describe('other sites', () => {
  const checkin = (headers: Record<string, string>, body = '{"note":"from afar"}') =>
    app.request('/api/bets/default/search-synonyms/checkins', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, ...headers },
      body,
    });

  it('lets no other origin read: no Access-Control-Allow-Origin, not even on a preflight', async () => {
    const read = await app.request('/api/overview', {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/api/bets/default/search-synonyms/checkins', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('refuses a write from another site with 403, even with a valid token, writing nothing', async () => {
    const before = (await store.checkins()).length;
    const json = { 'content-type': 'application/json', host: '127.0.0.1:8080' };
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://127.0.0.1:9999' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await checkin({ ...json, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      const { error } = (await response.json()) as ApiError;
      expect(error).toMatchObject({ code: 'forbidden' });
      expect(error.message).toContain('another site');
    }
    expect((await store.checkins()).length).toBe(before);
    const own = await checkin({
      ...json,
      origin: 'http://127.0.0.1:8080',
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(201);
  });

  it.each([
    ['text/plain', '{"note":"a form"}'],
    ['application/x-www-form-urlencoded', '{"note":"a form"}'],
    ['multipart/form-data; boundary=x', '{"note":"a form"}'],
    [undefined, '{"note":"no type"}'],
  ])('refuses a body sent as %s (what an HTML form can send) with 415', async (type, body) => {
    const before = (await store.checkins()).length;
    const response = await checkin(type === undefined ? {} : { 'content-type': type }, body);
    expect(response.status).toBe(415);
    expect(((await response.json()) as ApiError).error.message).toContain('application/json');
    expect((await store.checkins()).length).toBe(before);
  });
});

describe('--read-token', () => {
  it('closes reads to requests without a valid token', async () => {
    const closed = await makeApp({ readToken: true });
    expect((await closed.request('/api/overview')).status).toBe(401);
    expect(
      (await closed.request('/api/overview', { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(403);
    expect(
      (await closed.request('/api/overview', { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(200);
  });
});

describe('periods (?since=&until=)', () => {
  /** An app whose periods are analysed as `serve` does, counting the analyses made. */
  async function withPeriods() {
    let made = 0;
    const periods = createPeriods(async (period) => {
      made++;
      const report = await buildReport(store, input.catalog, [shop], {
        ...reportOptions,
        since: Date.parse(`${period.since}T00:00:00Z`) / 1000,
        until: Date.parse(`${period.until}T23:59:59Z`) / 1000,
      });
      return new Radiator({
        ...input,
        report,
        checkins: await store.checkins(),
        readings: await store.readings(),
        learnings: await store.learnings(),
      });
    });
    return { app: await makeApp({ periods }), made: () => made };
  }
  const read = async <T>(on: ReturnType<typeof createApp>, path: string) => {
    const response = await on.request(path);
    return { status: response.status, body: (await response.json()) as T };
  };

  it('answers every read for the period asked, each period analysed once', async () => {
    const { app: periodic, made } = await withPeriods();
    const whole = (await read<Overview>(periodic, '/api/overview')).body;
    const q = '?since=2026-10-01&until=2026-10-30';
    const [overview, again, map] = await Promise.all([
      read<Overview>(periodic, `/api/overview${q}`),
      read<Overview>(periodic, `/api/overview${q}`),
      read<CoordinationMap>(periodic, `/api/coordination${q}`),
    ]);
    expect(overview.status).toBe(200);
    expect(overview.body.window).toEqual({ since: '2026-10-01', until: '2026-10-30' });
    expect(again.body).toEqual(overview.body);
    // A month of the quarter: fewer commits, and a map of its own.
    expect(overview.body.counts.commits).toBeGreaterThan(0);
    expect(overview.body.counts.commits).toBeLessThan(whole.counts.commits);
    expect(map.body.totalNeeds).toBeLessThanOrEqual(
      (await read<CoordinationMap>(periodic, '/api/coordination')).body.totalNeeds,
    );
    expect(made()).toBe(1);
    // The radiator's own period is the radiator itself: no analysis.
    const own = `?since=${whole.window.since}&until=${whole.window.until}`;
    expect((await read<Overview>(periodic, `/api/overview${own}`)).body).toEqual(whole);
    // One end alone: the other as the radiator's window has it.
    const ending = await read<Overview>(periodic, '/api/overview?until=2026-09-30');
    expect(ending.body.window.until).toBe('2026-09-30');
    expect(made()).toBe(2);
  });

  it('shows a check-in in every period at once', async () => {
    const { app: periodic } = await withPeriods();
    const q = '?since=2026-10-01&until=2026-10-30';
    await read<BetsBoard>(periodic, `/api/bets${q}`);
    const written = await periodic.request('/api/bets/default/search-synonyms/checkins', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ note: 'Seen in every period.' }),
    });
    expect(written.status).toBe(201);
    const { id } = (await written.json()) as Checkin;
    const page = await read<BetPage>(periodic, `/api/bets/default/search-synonyms${q}`);
    expect(page.body.checkins.map((c) => c.id)).toContain(id);
  });

  it('says in every period the day of the newest commit in the store, as git has it', async () => {
    const { app: periodic } = await withPeriods();
    const newest = Math.max(
      ...execFileSync('git', ['log', '--all', '--format=%at'], {
        cwd: shop.absolute,
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .map(Number),
    );
    const day = new Date(newest * 1000).toISOString().slice(0, 10);
    expect(day).toBe(DEMO_END_DATE);
    for (const q of [
      '',
      '?since=2026-09-01&until=2026-09-30',
      '?since=2025-01-01&until=2025-01-31',
    ])
      expect((await read<Overview>(periodic, `/api/overview${q}`)).body.dataAsOf).toBe(day);
    // A radiator not told (or a store with no commit) says it does not know, not a day.
    const unknown = new Radiator({
      ...input,
      dataAsOf: null,
      checkins: [],
      readings: [],
      learnings: [],
    });
    expect(unknown.overview().dataAsOf).toBeNull();
    expect(await newestCommitDay(store, [])).toBeNull();
  });

  it('refuses a day that is no day, a period the wrong way round, and periods it cannot serve', async () => {
    const { app: periodic } = await withPeriods();
    for (const [query, message] of [
      ['since=2026-13-01', '`since` must be a day written YYYY-MM-DD, not "2026-13-01".'],
      ['until=yesterday', '`until` must be a day written YYYY-MM-DD, not "yesterday".'],
      ['since=2026-10-30&until=2026-10-01', '`since` (2026-10-30) is after `until` (2026-10-01).'],
    ] as const) {
      const { status, body } = await read<ApiError>(periodic, `/api/overview?${query}`);
      expect(status).toBe(400);
      expect(body.error.message).toBe(message);
    }
    // Without periods, only the radiator's own.
    const { status, body } = await read<ApiError>(app, '/api/teams?since=2026-10-01');
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/shows one period/);
  });
});
