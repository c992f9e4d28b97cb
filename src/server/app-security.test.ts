import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_END_DATE } from '../demo/index.js';
import { readCatalogFiles } from '../ingest/index.js';
import { loadCatalog } from '../model/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../store/index.js';
import { buildReport } from '../usecases/index.js';
import { createApp } from './app.js';
import { createAuthorizer, hashToken } from './auth.js';
import { type Listening, listen } from './listen.js';
import { Radiator } from './radiator.js';

// Attacks on a real listening radiator (the demo catalog, no history): what the issue's
// campaign found to hold, kept under test as properties.

const TOKEN = 'ow_security-token-0123456789abcdefghijkl';
const SECRET = 'do not serve this';
let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let server: Listening;
let bet: string;
let goal: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-security-'));
  const { catalog } = loadCatalog(await readCatalogFiles(DEMO_CATALOG));
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  await migrateToLatest(db);
  store = createStore(db);
  await store.createToken('tests', hashToken(TOKEN));
  const report = await buildReport(store, catalog, [], { today: DEMO_END_DATE });
  const radiator = new Radiator({
    title: 'security',
    catalog,
    report,
    today: DEMO_END_DATE,
    checkins: [],
    readings: [],
    learnings: [],
  });
  // The UI's folder, and secrets beside and above it.
  const web = join(dir, 'site', 'web');
  await mkdir(join(web, 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><title>radiator</title>');
  await writeFile(join(web, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'site', 'secret.txt'), SECRET);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  app = createApp({
    radiator,
    records: store,
    auth: createAuthorizer({ tokens: () => store.tokens() }),
    staticDir: web,
    // Every attempt must meet the token check itself, not the rate limit in front of it.
    failuresPerMinute: Number.MAX_SAFE_INTEGER,
  });
  server = await listen(app as never, 0, '127.0.0.1');
  const name = (kind: string) => [...catalog.byRef.values()].find((e) => e.kind === kind)?.name;
  bet = name('Bet') ?? '';
  goal = name('Goal') ?? '';
}, 60_000);

afterAll(async () => {
  await server?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends `path` to the server byte for byte (no URL normalisation on the way). */
function raw(path: string, method = 'GET', headers: Record<string, string> = {}, body?: string) {
  const { port, hostname } = new URL(server.url);
  return new Promise<{ status: number; text: string }>((done, fail) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk;
      });
      response.on('end', () => done({ status: response.statusCode ?? 0, text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const up = fc.constantFrom(
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '..%00',
  '..;',
  '...',
  '.',
  '%2e',
);
const slash = fc.constantFrom('/', '%2f', '%2F', '%5c', '\\', '//', '%252f', '/./');
const step = fc.oneof(
  { weight: 4, arbitrary: up },
  { weight: 1, arbitrary: fc.constantFrom('assets', 'web', 'site', '', 'x') },
);
const target = fc.constantFrom(
  'secret.txt',
  'site/secret.txt',
  'etc/passwd',
  'orgwire.db',
  'secret.txt%00.js',
  'secret.txt?x=1',
  'secret.txt#',
);

describe('the radiator under attack', () => {
  it('serves no file outside its folder, whatever path climbs out of it', async () => {
    const paths = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(step, slash), { minLength: 1, maxLength: 8 }), target)
      .map(
        ([assets, steps, file]) =>
          `/${assets ? 'assets/' : ''}${steps.map(([s, sep]) => s + sep).join('')}${file}`,
      );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(paths, async (path) => {
        tried++;
        const { text } = await raw(path);
        return !text.includes(SECRET) && !/root:.*:0:0:/.test(text) && !text.includes('SQLite');
      }),
      { numRuns: 1_200 },
    );
    expect(tried).toBe(1_200);
    // The property can fail: the secret is one request away from the UI's folder.
    expect((await raw('/assets/app.js')).status).toBe(200);
  }, 120_000);

  it('takes no write without a valid token, whatever the method, header or body', async () => {
    const before = {
      checkins: (await store.checkins()).length,
      readings: (await store.readings()).length,
      learnings: (await store.learnings()).length,
    };
    const routes = fc.constantFrom(
      [`/api/bets/default/${bet}/checkins`, '{"note":"no token"}'],
      [`/api/goals/default/${goal}/readings`, '{"value":1}'],
      [
        '/api/learnings',
        '{"title":"t","situation":"s","complication":"c","resolution":"r","lessons":["l"]}',
      ],
    );
    // Header values: printable ASCII (a Request refuses control characters).
    const char = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    const printable = fc.string({ unit: char });
    const almost = fc
      .tuple(
        fc.nat({ max: TOKEN.length - 1 }),
        printable.filter((c) => c.length === 1),
      )
      .filter(([at, c]) => TOKEN[at] !== c)
      .map(([at, c]) => TOKEN.slice(0, at) + c + TOKEN.slice(at + 1));
    const authorization = fc.option(
      fc.oneof(
        printable,
        almost.map((t) => `Bearer ${t}`),
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          `Token ${TOKEN}`,
          `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
          `Bearer ${TOKEN.slice(0, -1)}`,
          `Bearer ${TOKEN}x`,
          `Bearer ${TOKEN.toUpperCase()}`,
          `Bearer ${hashToken(TOKEN)}`,
        ),
        printable.map((s) => `Bearer ${s}`),
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        routes,
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
        authorization,
        async ([path, body], method, auth) => {
          const response = await app.request(path, {
            method,
            headers: {
              'content-type': 'application/json',
              ...(auth === undefined ? {} : { authorization: auth }),
            },
            body,
          });
          return response.status >= 400;
        },
      ),
      { numRuns: 2_000 },
    );
    expect({
      checkins: (await store.checkins()).length,
      readings: (await store.readings()).length,
      learnings: (await store.learnings()).length,
    }).toEqual(before);
    // The property can fail: the same write with the token is taken.
    const taken = await app.request(`/api/bets/default/${bet}/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{"note":"with the token"}',
    });
    expect(taken.status).toBe(201);
  }, 120_000);
});
