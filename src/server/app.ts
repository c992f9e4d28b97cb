import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import type { z } from 'zod';
import { parseScenario } from '../model/index.js';
import type { Records } from '../store/index.js';
import type { createWhatIf, Suggestion } from '../usecases/index.js';
import type {
  ApiError,
  ApiErrorCode,
  Health,
  RefreshStart,
  RefreshStatus,
  ShippedScenario,
  TokenCheck,
  WhatIfScenarios,
  WhatIfStart,
  WhatIfSuggestion,
} from './api-types.js';
import type { Authorizer } from './auth.js';
import { checkinBody, learningBody, readingBody, refIn } from './bodies.js';
import type { Connection } from './forward.js';
import { type HostPolicy, hostGuard } from './host-guard.js';
import { type Period, type Periods, periodOf } from './periods.js';
import type { Radiator } from './radiator.js';
import { createReadCache, type ReadCache } from './read-cache.js';
import type { RefreshControl } from './refresher.js';
import { sameOrigin } from './same-origin.js';
import { tokenGuard } from './token-guard.js';
import {
  scenarioJsonText,
  whatIfAnswer,
  whatIfMap,
  whatIfRefusal,
  whatIfSuggestion,
} from './what-if-view.js';

/** Scenarios tried on one organisation and one body of work (`createWhatIf`). */
export type WhatIf = ReturnType<typeof createWhatIf>;

export interface AppDeps {
  radiator: Radiator;
  /** Where writes are kept. */
  records: Pick<Records, 'addCheckin' | 'addReading' | 'addLearning'>;
  auth: Authorizer;
  /** Reads need a token too (`--read-token`). */
  readToken?: boolean;
  /** The built UI (`dist/web`); without it only the API is served. */
  staticDir?: string;
  /** The clock for written records; the system clock unless a test passes one. */
  now?: () => Date;
  /** Writes allowed per token per minute (default 1,200). */
  writesPerMinute?: number;
  /** Wrong tokens allowed per client address per minute (default 30), reads and writes. */
  failuresPerMinute?: number;
  /** Largest request body in bytes (default 64 KiB). */
  maxBody?: number;
  /** Bytes of read responses kept in memory (default 64 MiB). */
  cacheBytes?: number;
  /** The read cache itself, for a test to look into; one of `cacheBytes` is made otherwise. */
  readCache?: ReadCache;
  /** The hosts it answers for (default: loopback names and IP addresses only). */
  hosts?: HostPolicy;
  /**
   * What-if over the radiator's catalog and work (`createWhatIf`); without it the What-if
   * routes answer 404.
   */
  whatIf?: WhatIf;
  /**
   * The team boundaries the radiator's work implies (`suggestBoundaries`): called once, on
   * the first request for them, and its answer kept; without it that route answers 404.
   */
  suggestion?: () => Promise<Suggestion>;
  /** The scenarios shipped with the radiator (`serve --scenarios DIR`), for the page to load. */
  scenarios?: readonly ShippedScenario[];
  /**
   * The radiator's refreshes: `GET /api/refresh` says where they stand, `POST /api/refresh`
   * (with a token) begins one now. Without it both answer 404.
   */
  refresh?: RefreshControl;
  /** What-if runs allowed per client address per minute (default 30): each is an analysis. */
  whatIfPerMinute?: number;
  /**
   * Radiators for other periods (`?since=&until=` on the read routes); without it only the
   * radiator's own period is served, and a period asked for is refused.
   */
  periods?: Periods;
}

type Env = {
  Bindings: Connection;
  Variables: { who: string; tokenRefused: boolean };
};

/** Needs on the org map unless `?limit=` says otherwise. */
const MAP_LIMIT = 2_000;
const SEARCH_LIMIT = 50;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
/** The cache version of views that writes do not change (radiator versions start at 0). */
const FIXED = -1;
/** Responses from this many bytes are sent gzipped to clients that accept it. */
const GZIP_FROM = 1024;

const fail = (c: Context, status: number, code: ApiErrorCode, message: string) =>
  c.json({ error: { code, message } } satisfies ApiError, status as 400);

/**
 * The radiator's HTTP app: the JSON API under `/api` and the built UI. Routes parse,
 * call the radiator or the store, and serialise; read responses are cached until the
 * next write.
 */
export function createApp(deps: AppDeps): Hono<Env> {
  const { radiator, records, auth } = deps;
  const now = deps.now ?? (() => new Date());
  const app = new Hono<Env>();

  app.use('*', hostGuard(deps.hosts ?? { host: '127.0.0.1' }));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Observable Plot puts a <style> element in each chart it draws.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );

  app.onError((error, c) => {
    console.error(error);
    return fail(c, 500, 'internal', 'Something went wrong on the server; it has been logged.');
  });

  const api = new Hono<Env>();

  const address = (c: Context<Env>) => c.env?.remoteAddress ?? 'local';
  const authorize = tokenGuard({
    auth,
    failuresPerMinute: deps.failuresPerMinute ?? 30,
    address,
    fail,
  });
  if (deps.readToken) api.use('*', authorize);

  // Read responses, serialised (and gzipped, for clients that take it) once per version
  // of the radiator: the org map of a thousand teams is over a megabyte of JSON. The
  // cache is bounded by bytes, least recently used out first; its keys are normalised
  // queries, so spellings of one question share an entry.
  const cache = deps.readCache ?? createReadCache(deps.cacheBytes ?? DEFAULT_CACHE_BYTES);
  // Views no write changes (the analysis of the history) keep their entries across writes.
  const cached = (
    c: Context,
    key: string,
    build: () => unknown,
    fixed = false,
    from: Radiator = radiator,
  ) => {
    const json = cache.get(key, fixed ? FIXED : from.version, () => {
      const value = build();
      return value === undefined ? undefined : Buffer.from(JSON.stringify(value));
    });
    if (json === undefined) return undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      vary: 'Accept-Encoding',
    };
    if (json.length >= GZIP_FROM && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      const gzip = cache.get(`gzip:${key}`, from.version, () => gzipSync(json));
      return c.body(gzip as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        'content-encoding': 'gzip',
      });
    }
    return c.body(json as Uint8Array<ArrayBuffer>, 200, headers);
  };
  /** The radiator and those kept for other periods: a write reaches every one. */
  const everyRadiator = () => [radiator, ...(deps.periods?.kept() ?? [])];
  const entity = (kind: string, c: Context) =>
    `${kind}:${c.req.param('ns')?.toLowerCase()}/${c.req.param('name')?.toLowerCase()}`;
  const missing = (c: Context, what: string, ref: string) =>
    fail(c, 404, 'not-found', `No ${what} ${ref}.`);

  /**
   * A read for the period the request asks (`?since=&until=`, see `periodOf`), from that
   * period's radiator (made on the first request for it, then kept) or the radiator's own;
   * cached per period. Undefined when `build` finds nothing.
   */
  const read = async (
    c: Context,
    key: string | ((from: Radiator) => string),
    build: (from: Radiator) => unknown,
    fixed = false,
  ): Promise<Response | undefined> => {
    const period = periodOf(
      { since: c.req.query('since'), until: c.req.query('until') },
      radiator.window,
    );
    if (period && 'error' in period) return fail(c, 400, 'bad-request', period.error);
    const own =
      !period || (period.since === radiator.window.since && period.until === radiator.window.until);
    if (!own && !deps.periods)
      return fail(
        c,
        400,
        'bad-request',
        'This radiator shows one period: leave out `since` and `until`.',
      );
    const from = own ? radiator : await (deps.periods as Periods).get(period as Period);
    const name = typeof key === 'string' ? key : key(from);
    return cached(
      c,
      own ? name : `${from.window.since}..${from.window.until}|${name}`,
      () => build(from),
      fixed,
      from,
    );
  };

  api.get('/health', (c) => c.json({ status: 'ok' } satisfies Health));
  // Whether a token is one the server knows, and whose: Settings checks before it keeps one.
  api.get('/token', authorize, (c) => c.json({ name: c.get('who') } satisfies TokenCheck));
  api.get('/overview', async (c) => (await read(c, 'overview', (r) => r.overview())) as Response);
  api.get('/teams', async (c) => (await read(c, 'teams', (r) => r.teams(), true)) as Response);
  api.get('/teams/:ns/:name', async (c) => {
    const ref = entity('group', c);
    return (await read(c, ref, (r) => r.team(ref))) ?? missing(c, 'team', ref);
  });
  api.get('/components/:ns/:name', async (c) => {
    const component = entity('component', c);
    const ref = radiator.catalog.byRef.has(component) ? component : entity('api', c);
    return (
      (await read(c, ref, (r) => r.component(ref))) ?? missing(c, 'component or API', component)
    );
  });
  for (const kind of ['system', 'domain'] as const)
    api.get(`/${kind}s/:ns/:name`, (c) => {
      const ref = entity(kind, c);
      return cached(c, ref, () => radiator.grouping(ref), true) ?? missing(c, kind, ref);
    });
  api.get('/coordination', async (c) => {
    const text = c.req.query('limit');
    const limit = text === undefined ? MAP_LIMIT : Number(text);
    if (!Number.isInteger(limit) || limit < 1)
      return fail(c, 400, 'bad-request', '`limit` must be a whole number of 1 or more.');
    const unwired = c.req.query('unwired') === '1';
    const weight = c.req.query('minWeight');
    const minWeight = weight === undefined ? undefined : Number(weight);
    if (minWeight !== undefined && (weight?.trim() === '' || !(minWeight >= 0)))
      return fail(c, 400, 'bad-request', '`minWeight` must be a number of 0 or more.');
    // Every limit past the last need draws the same map.
    const shown = (r: Radiator) => Math.min(limit, r.needCount);
    return (await read(
      c,
      (r) => `coordination:${shown(r)}:${unwired}:${minWeight ?? ''}`,
      (r) => r.coordination(shown(r), unwired, minWeight),
      true,
    )) as Response;
  });
  api.get(
    '/data-quality',
    async (c) => (await read(c, 'data-quality', (r) => r.dataQuality(), true)) as Response,
  );
  api.get('/bets', async (c) => (await read(c, 'bets', (r) => r.betsBoard())) as Response);
  api.get('/bets/:ns/:name', async (c) => {
    const ref = entity('bet', c);
    return (await read(c, ref, (r) => r.bet(ref))) ?? missing(c, 'bet', ref);
  });
  api.get(
    '/learnings',
    async (c) => (await read(c, 'learnings', (r) => r.learnings())) as Response,
  );
  api.get('/queues', async (c) => (await read(c, 'queues', (r) => r.queues(), true)) as Response);
  api.get('/chains', (c) => cached(c, 'chains', () => radiator.chains(), true) as Response);
  api.get('/labels', (c) => cached(c, 'labels', () => radiator.labels(), true) as Response);
  // The whole history, week by week: the same whatever the period.
  api.get('/trends', (c) => cached(c, 'trends', () => radiator.trends(), true) as Response);
  api.get('/search', (c) => {
    const q = c.req.query('q') ?? '';
    if (q.length > 200)
      return fail(c, 400, 'bad-request', 'The query is longer than 200 characters.');
    return c.json(radiator.find(q, SEARCH_LIMIT));
  });

  // Writes: size-capped, from no other site, rate-limited, token-checked, validated — in
  // that order, so the cheap refusals come first.
  const maxBody = deps.maxBody ?? 64 * 1024;
  const writes = every(
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        fail(c, 413, 'payload-too-large', `The body is larger than ${maxBody / 1024} KiB.`),
    }),
    sameOrigin(deps.hosts?.publicUrl, (c, message) => fail(c, 403, 'forbidden', message)),
    authorize,
    // Counted by token, after it is checked: wrong tokens are the guard's to limit.
    rateLimiter<Env>({
      windowMs: 60_000,
      limit: deps.writesPerMinute ?? 1_200,
      standardHeaders: 'draft-6',
      keyGenerator: (c) => c.get('who'),
      handler: (c) =>
        fail(c, 429, 'rate-limited', 'Too many writes with this token; wait a minute.'),
    }),
  );
  const body = async <T>(c: Context, schema: z.ZodType<T>) => {
    // An HTML form on another page can send text/plain, urlencoded or multipart bodies
    // without a preflight; only a script of this origin can send application/json.
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type))
      return {
        error: fail(
          c,
          415,
          'unsupported-media-type',
          'Send the body as JSON, with `Content-Type: application/json`.',
        ),
      };
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return { error: fail(c, 400, 'bad-request', 'The body is not JSON.') };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0] as z.core.$ZodIssue;
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { error: fail(c, 400, 'bad-request', `${where}${issue.message}`) };
    }
    return { value: parsed.data };
  };

  api.post('/bets/:ns/:name/checkins', writes, async (c) => {
    const ref = entity('bet', c);
    if (!radiator.hasBet(ref)) return missing(c, 'bet', ref);
    const parsed = await body(c, checkinBody);
    if (parsed.error) return parsed.error;
    const checkin = await records.addCheckin({
      bet: ref,
      at: now().toISOString(),
      status: parsed.value.status ?? null,
      outcomeValue: parsed.value.outcomeValue ?? null,
      note: parsed.value.note,
      by: c.get('who'),
    });
    for (const r of everyRadiator()) r.addCheckin(checkin);
    return c.json(checkin, 201);
  });

  api.post('/goals/:ns/:name/readings', writes, async (c) => {
    const ref = entity('goal', c);
    if (!radiator.hasGoal(ref)) return missing(c, 'goal', ref);
    const parsed = await body(c, readingBody(now()));
    if (parsed.error) return parsed.error;
    const reading = await records.addReading({
      goal: ref,
      value: parsed.value.value,
      at: parsed.value.at ?? now().toISOString(),
      by: c.get('who'),
    });
    for (const r of everyRadiator()) r.addReading(reading);
    return c.json(reading, 201);
  });

  const noRefresh = (c: Context) =>
    fail(c, 404, 'not-found', 'This server does not refresh its radiator.');
  api.get('/refresh', async (c) =>
    deps.refresh ? c.json((await deps.refresh.status()) satisfies RefreshStatus) : noRefresh(c),
  );
  api.post('/refresh', writes, async (c) => {
    if (!deps.refresh) return noRefresh(c);
    const { started } = await deps.refresh.start();
    return c.json({ started, status: await deps.refresh.status() } satisfies RefreshStart, 202);
  });

  api.post('/learnings', writes, async (c) => {
    const parsed = await body(c, learningBody(now()));
    if (parsed.error) return parsed.error;
    const { title, bet, incident, authors, date, ...rest } = parsed.value;
    const betRef = bet === undefined ? undefined : refIn(bet, 'bet');
    if (betRef !== undefined && !radiator.hasBet(betRef))
      return fail(c, 400, 'bad-request', `bet: no bet ${betRef}.`);
    const authorRefs = (authors ?? []).map((a) => refIn(a, 'user'));
    const stranger = authorRefs.find((a) => radiator.catalog.byRef.get(a)?.kind !== 'User');
    if (stranger) return fail(c, 400, 'bad-request', `authors: no user ${stranger}.`);
    const at = now().toISOString();
    const learning = await records.addLearning({
      ...rest,
      name: uniqueName(title, (n) => radiator.hasLearning(n)),
      title,
      ...(betRef === undefined ? {} : { bet: betRef }),
      ...(incident === undefined ? {} : { incident }),
      authors: authorRefs,
      date: date ?? at.slice(0, 10),
      at,
      by: c.get('who'),
    });
    for (const r of deps.periods?.kept() ?? []) r.addLearning(learning);
    return c.json(radiator.addLearning(learning), 201);
  });

  // What-if: a scenario tried on the work held fixed, nothing written. A read, but each run
  // is an analysis: size-capped, from no other site, and rate-limited per client address.
  const { whatIf } = deps;
  const noWhatIf = (c: Context) =>
    fail(c, 404, 'not-found', 'What-if is not available on this radiator.');
  api.get('/whatif', async (c) => {
    if (!whatIf) return noWhatIf(c);
    const today = await whatIf.before();
    return c.json({
      window: today.window,
      today: whatIfMap(today, radiator.catalog),
    } satisfies WhatIfStart);
  });
  api.get('/whatif/scenarios', (c) =>
    whatIf
      ? c.json({ scenarios: [...(deps.scenarios ?? [])] } satisfies WhatIfScenarios)
      : noWhatIf(c),
  );
  // Suggested boundaries are several analyses and Leiden runs (seconds to a minute on a big
  // org): made on the first request, not at start, and the promise kept, so that requests
  // made while it runs wait for the same answer. A failure is not kept: the next one retries.
  const { suggestion } = deps;
  let suggested: Promise<WhatIfSuggestion> | undefined;
  const suggest = (made: () => Promise<Suggestion>) => {
    if (suggested) return suggested;
    const answer = made().then((found) => whatIfSuggestion(found, radiator.catalog));
    suggested = answer;
    answer.catch(() => {
      if (suggested === answer) suggested = undefined;
    });
    return answer;
  };
  api.get('/whatif/suggestion', async (c) =>
    suggestion ? c.json(await suggest(suggestion)) : noWhatIf(c),
  );
  const tries = every(
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        fail(c, 413, 'payload-too-large', `The body is larger than ${maxBody / 1024} KiB.`),
    }),
    sameOrigin(deps.hosts?.publicUrl, (c, message) => fail(c, 403, 'forbidden', message)),
    rateLimiter<Env>({
      windowMs: 60_000,
      limit: deps.whatIfPerMinute ?? 30,
      standardHeaders: 'draft-6',
      keyGenerator: address,
      handler: (c) =>
        fail(c, 429, 'rate-limited', 'Too many what-ifs from this address; wait a minute.'),
    }),
  );
  api.post('/whatif', tries, async (c) => {
    if (!whatIf) return noWhatIf(c);
    // JSON from the page; a YAML file as the user picked it, read by the same parser.
    const type = c.req.header('content-type') ?? '';
    const yaml = /^(application|text)\/(x-)?yaml\s*(;|$)/i.test(type);
    let text: string;
    if (yaml) text = await c.req.text();
    else if (/^application\/json\s*(;|$)/i.test(type)) {
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        return fail(c, 400, 'bad-request', 'The body is not JSON.');
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        return fail(
          c,
          400,
          'bad-request',
          'The body is no Scenario: send {"metadata": {"name": …}, "spec": {"changes": […]}}.',
        );
      text = scenarioJsonText(json as Record<string, unknown>);
    } else
      return fail(
        c,
        415,
        'unsupported-media-type',
        'Send the scenario as JSON (`Content-Type: application/json`) or YAML (`application/yaml`).',
      );
    const parsed = parseScenario(text, 'scenario');
    if (!parsed.scenario) return c.json(whatIfRefusal(parsed.problems, undefined, yaml), 400);
    const outcome = await whatIf.run(parsed.scenario);
    if ('problems' in outcome)
      return c.json(whatIfRefusal(outcome.problems, parsed.scenario, yaml), 400);
    return c.json(
      whatIfAnswer(outcome.result, radiator.catalog, parsed.scenario, yaml ? text : undefined),
    );
  });

  app.route('/api', api);
  // A mounted app's notFound is not consulted: unknown API paths must not reach the UI.
  app.all('/api/*', (c) =>
    fail(c, 404, 'not-found', `No API route ${c.req.method} ${c.req.path}.`),
  );

  if (deps.staticDir) {
    const root = deps.staticDir;
    app.use('/*', serveStatic({ root }));
    // Deep links are the UI's routes: any page path without a file extension gets the app.
    app.get('/*', (c, next) =>
      /\.[a-z0-9]+$/i.test(c.req.path)
        ? next()
        : serveStatic({ path: join(root, 'index.html') })(c, next),
    );
  }
  app.notFound((c) => c.text('Not found.', 404));
  return app;
}

/** A learning's name from its title: lower-case words joined by `-`, numbered when taken. */
function uniqueName(title: string, taken: (name: string) => boolean): string {
  const base =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'learning';
  let name = base;
  for (let n = 2; taken(name); n++) name = `${base}-${n}`;
  return name;
}
