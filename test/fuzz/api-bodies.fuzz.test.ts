import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_END_DATE } from '../../src/demo/index.js';
import { readCatalogFiles } from '../../src/ingest/index.js';
import { loadCatalog } from '../../src/model/index.js';
import { createApp, createAuthorizer, hashToken, Radiator } from '../../src/server/index.js';
import { createDb, createStore, migrateToLatest, type Store } from '../../src/store/index.js';
import { buildReport } from '../../src/usecases/index.js';
import { FUZZ_RUNS, HANG_MS } from './budget.js';

// Every write route of the radiator's API, fed arbitrary JSON, valid bodies with fields
// dropped, replaced or added, and text that is no JSON: the answer is always 2xx or 4xx
// with JSON, never a 500 (a crash) and never slower than HANG_MS (a hang).

const TOKEN = 'ow_fuzz-token-0123456789abcdefghijklmnop';
const REPORT = process.env.ORGWIRE_FUZZ_REPORT;

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
const routes: { name: string; path: string; valid: Record<string, unknown> }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgwire-fuzz-api-'));
  const { catalog } = loadCatalog(await readCatalogFiles(DEMO_CATALOG));
  const db = createDb({ dialect: 'sqlite', file: join(dir, 'orgwire.db') });
  await migrateToLatest(db);
  store = createStore(db);
  await store.createToken('fuzz', hashToken(TOKEN));
  const report = await buildReport(store, catalog, [], { today: DEMO_END_DATE });
  const radiator = new Radiator({
    title: 'fuzz',
    catalog,
    report,
    today: DEMO_END_DATE,
    checkins: [],
    readings: [],
    learnings: [],
  });
  app = createApp({
    radiator,
    records: store,
    auth: createAuthorizer({ tokens: () => store.tokens() }),
    now: () => new Date(`${DEMO_END_DATE}T12:00:00Z`),
    // The property is about bodies: no write or failure may be refused for its rate.
    writesPerMinute: Number.MAX_SAFE_INTEGER,
    failuresPerMinute: Number.MAX_SAFE_INTEGER,
  });
  const name = (kind: string) => {
    const entity = [...catalog.byRef.values()].find((e) => e.kind === kind);
    if (!entity) throw new Error(`The demo catalog has no ${kind}.`);
    return entity.name;
  };
  routes.push(
    {
      name: 'check-in',
      path: `/api/bets/default/${name('Bet')}/checkins`,
      valid: { status: 'active', outcomeValue: 1.5, note: 'Halfway there.' },
    },
    {
      name: 'reading',
      path: `/api/goals/default/${name('Goal')}/readings`,
      valid: { value: 42, at: '2026-10-01' },
    },
    {
      name: 'learning',
      path: '/api/learnings',
      valid: {
        title: 'Queues hide work',
        bet: name('Bet'),
        incident: 'INC-1',
        situation: 'We wanted synonyms.',
        complication: 'The data team was booked.',
        resolution: 'We killed the bet.',
        lessons: ['Ask the queue first.'],
        date: '2026-10-01',
        authors: [name('User')],
      },
    },
  );
}, 60_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Values a field should never hold, and some it may. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '0000-01-01',
    '9999-12-31',
    '2026-02-30',
    '2026-10-01T25:00:00Z',
    '1e309',
    'NaN',
    -0,
    Number.MAX_VALUE,
    '__proto__',
    'x'.repeat(10_000),
    'bet:default/../../etc',
  ),
);

/** A valid body with each field kept, dropped or replaced, and maybe a field added. */
const mutated = (valid: Record<string, unknown>) =>
  fc
    .tuple(
      fc.tuple(
        ...Object.keys(valid).map((key) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant({ key, keep: true as const }) },
            { weight: 1, arbitrary: fc.constant({ key, drop: true as const }) },
            { weight: 2, arbitrary: oddValue.map((value) => ({ key, value })) },
          ),
        ),
      ),
      fc.option(fc.tuple(fc.string({ maxLength: 12 }), oddValue), { freq: 5 }),
    )
    .map(([fields, extra]) => {
      const body: Record<string, unknown> = {};
      for (const field of fields) {
        if ('keep' in field) body[field.key] = valid[field.key];
        else if ('value' in field) body[field.key] = field.value;
      }
      if (extra) Object.defineProperty(body, extra[0], { value: extra[1], enumerable: true });
      return JSON.stringify(body);
    });

const body = (valid: Record<string, unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary' })),
    },
  );

interface Outcome {
  status: number;
  json: unknown;
  ms: number;
}

/** Sends one body; a response slower than HANG_MS is reported as a hang (status 0). */
async function send(path: string, text: string): Promise<Outcome> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((done) => {
    timer = setTimeout(() => done({ status: 0, json: null, ms: HANG_MS }), HANG_MS);
  });
  const answer = (async () => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: text,
    });
    const raw = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = raw;
    }
    return { status: response.status, json, ms: performance.now() - start };
  })();
  try {
    return await Promise.race([answer, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with an answer, or undefined when it is a 2xx or a 4xx with a JSON error. */
function wrong({ status, json }: Outcome): string | undefined {
  if (status === 0) return `no answer in ${HANG_MS} ms`;
  if (status >= 200 && status < 300) return undefined;
  if (status < 400 || status >= 500) return `status ${status}: ${JSON.stringify(json)}`;
  const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string')
    return `status ${status} without a JSON error: ${JSON.stringify(json)}`;
  return undefined;
}

describe('the API on arbitrary write bodies', () => {
  it(
    `answers every write route with 2xx or 4xx and a JSON error, never 500 or a hang (${FUZZ_RUNS} bodies a route)`,
    async () => {
      const report = {
        parser: 'api-bodies',
        inputs: 0,
        crashes: 0,
        hangs: 0,
        examples: [] as { input: string; error: string }[],
        done: false,
      };
      const save = () => REPORT && writeFileSync(REPORT, JSON.stringify(report));
      const statuses = new Map<number, number>();
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(body(route.valid), async (text) => {
            const outcome = await send(route.path, text);
            report.inputs++;
            statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
            const problem = wrong(outcome);
            if (problem === undefined) return true;
            if (outcome.status === 0) report.hangs++;
            else report.crashes++;
            if (report.examples.length < 10)
              report.examples.push({
                input: `${route.name}: ${text.slice(0, 500)}`,
                error: problem,
              });
            save();
            // In the long run every failure is counted; in the suite the first one fails.
            return REPORT !== undefined;
          }),
          { numRuns: FUZZ_RUNS },
        );
      }
      report.done = true;
      save();
      expect(report.examples).toEqual([]);
      // The generators reach both sides: bodies taken and bodies refused.
      expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    },
    REPORT ? 0 : 60_000 + FUZZ_RUNS * 30,
  );
});
