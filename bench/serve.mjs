#!/usr/bin/env node
// How fast the radiator (`orgwire serve`) starts and answers for a large organisation.
//
//   npm run build && node bench/serve.mjs [OUTDIR] [--duration 20] [--rate 100]
//       [--connections 10] [--no-browser] [--teams N --users N --components N --commits N --seed N]
//   npm run build && node bench/serve.mjs [OUTDIR] --soak [--minutes 10] [--rate 200]
//       [--writes 5] [--sample 30] [--connections 10]
//
// OUTDIR holds a synthetic organisation from bench/generate-org.mjs (by default 1,000
// teams, 10,000 people, 20,000 components and 1,000,000 commits already in the store); it
// is generated first when OUTDIR has none (default OUTDIR: $TMPDIR/orgwire-bench-org).
// Then, one after the other:
//
//   startup   `orgwire serve --catalog --repo --requests --db --port 0` is spawned; the time
//             until it prints its URL and until GET /api/health answers {"status":"ok"}
//             (reading the catalog, the stored history and building the analysis), and
//             the server's peak memory (VmHWM, Linux, summed over its processes: the one
//             taking connections and the radiator's) once it is up and after the load.
//   routes    /api/overview, /api/coordination (the org map's data) and team pages
//             (/api/teams/:ns/:name, rotating over 50 teams from /api/teams): first each
//             page once, one request at a time (cold: the server computes and caches it),
//             then autocannon at a fixed --rate with --connections for --duration seconds
//             (warm: latencies corrected for coordinated omission). Cold and warm are kept
//             apart so that a slow first computation does not hide in the load's p99.
//             Target: p99 ≤ 100 ms at 100 requests per second. Also the overview for the
//             period before the radiator's (`?since=&until=`): cold is that period's first
//             answer, its own analysis; under load, the cached period.
//   map       Chromium (playwright-core, /usr/bin/chromium) opens URL/map and waits for
//             [data-testid="org-map"][data-drawn="true"], which the UI sets when the graph
//             layout has finished: ms from navigation start until then (timeout 120 s).
//             Measured, no target. "not available" when the UI or Chromium is missing.
//
// With --soak, instead of routes and map: --minutes of load at a fixed --rate (default 200
// requests/s) over the read routes (overview, org map, teams, team pages, bets, learnings,
// queues, chains, data quality, search) with --writes percent of authenticated check-ins
// (POST /api/bets/:ns/:name/checkins with the server's ORGWIRE_TOKEN, a random one made
// for the run) mixed in; every write makes the next reads compute afresh. Every --sample
// seconds it prints the latency percentiles (p50/p95/p99/max, from each response's time),
// requests, writes, errors, non-2xx answers and the server's resident memory (VmRSS); at
// the end the same over the whole run, and whether every acknowledged (201) check-in is
// on its bet's page.
//
// With --refresh, instead of routes and map: reads at --rate over the overview, the org map's
// data and team pages for --duration seconds with no refresh running (the baseline); then
// one commit is added to OUTDIR/repo (a change to one component, dated an hour after the
// tip, so the window hardly moves) and POST /api/refresh is sent, and the same reads go on
// until the refresh has swapped the radiator (GET /api/refresh). Prints the latency
// percentiles of both, the ratio of their p99s, errors, how long the refresh took, and
// whether the overview then counts the new commit. Target: p99 < 50 ms during the refresh.
// Each run adds one commit to OUTDIR/repo (and so to the store).
//
// autocannon runs in this process, so it shares the machine with the server: on a small
// machine the latencies include that noise. The server is stopped at the end, on error
// and on Ctrl-C.
//
// Exit status: 0 when measured, whether the targets are met or not (a benchmark reports, it
// does not gate); 2 when the input is wrong (bad flags, OUTDIR holds something else, orgwire
// not built); 1 when a measured command failed (generation, the server did not start or
// died, the load generator failed), so there is nothing to report.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'orgwire.js');
const GENERATE = join(ROOT, 'bench', 'generate-org.mjs');
const CHROMIUM = '/usr/bin/chromium';
const MAP_SELECTOR = '[data-testid="org-map"][data-drawn="true"]';
// The issue sets p99 ≤ 100 ms; it names no target for the map, which is measured only.
const TARGETS = { p99Ms: 100 };
const TEAM_PAGES = 50;
const SIZE_FLAGS = ['teams', 'users', 'components', 'commits', 'seed'];
const OUTPUTS = ['catalog', 'repo', 'orgwire.db', 'requests.csv'];

const USAGE = `Usage: node bench/serve.mjs [OUTDIR] [--duration S] [--rate N] [--connections N]
                           [--startup-timeout S] [--no-browser]
                           [--teams N --users N --components N --commits N --seed N]

Starts \`orgwire serve\` on a synthetic organisation in OUTDIR (generated by
bench/generate-org.mjs when missing) and measures its startup, the latency of its
main routes under load, and the time until Chromium has drawn the org map.
Build first: npm run build (and the UI, for the map).

  OUTDIR                 where the organisation is (default: ${join(tmpdir(), 'orgwire-bench-org')})
  --duration S           seconds of load per route (default 20)
  --rate N               requests per second, all connections together (default 100)
  --connections N        concurrent connections (default 10)
  --startup-timeout S    how long the server may take to answer /api/health (default 900)
  --no-browser           skip the org map in Chromium
  --db STORE             another store than OUTDIR/orgwire.db: a SQLite file or a
                         postgres:// URL (ingest OUTDIR/repo into it first, or the
                         startup measured includes that ingest)
  --teams … --seed       sizes for generate-org.mjs when OUTDIR has no organisation yet
                         (defaults: 1000 teams, 10000 users, 20000 components,
                         1000000 commits, seed 1)

  --refresh              reads during a refresh that finds a new commit, against the
                         same reads without one (--duration: the baseline's seconds)
  --soak                 a long run instead: --minutes at --rate with writes mixed in,
                         latency percentiles, errors and memory every --sample seconds
  --minutes M            (soak) how long (default 10)
  --writes P             (soak) percent of requests that are check-ins (default 5)
  --sample S             (soak) seconds between reports (default 30)
                         (--rate defaults to 200 and --connections to 50 in a soak)
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A measured command failed: says which and why, stops the server, exits 1. */
function fail(message) {
  process.stderr.write(`\n${message}\n`);
  stopServer();
  process.exit(1);
}

function parseArgs(argv) {
  const options = {
    outdir: undefined,
    duration: 20,
    rate: 100,
    connections: 10,
    startupTimeout: 900,
    browser: true,
    sizes: {},
    soak: false,
    refresh: false,
    minutes: 10,
    writes: 5,
    sample: 30,
  };
  const NUMBERS = {
    duration: 'duration',
    rate: 'rate',
    connections: 'connections',
    'startup-timeout': 'startupTimeout',
    minutes: 'minutes',
    writes: 'writes',
    sample: 'sample',
  };
  let rateGiven = false;
  let connectionsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const key = flag.slice(2);
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--no-browser') {
      options.browser = false;
    } else if (arg === '--soak') {
      options.soak = true;
    } else if (arg === '--refresh') {
      options.refresh = true;
    } else if (flag === '--db') {
      options.db = inline ?? argv[++i];
      if (!options.db) refuse('--db takes a store: a SQLite file or a postgres:// URL.');
    } else if (key in NUMBERS || SIZE_FLAGS.includes(key)) {
      const value = inline ?? argv[++i];
      const n = Number(value);
      const least = key === 'seed' ? 0 : 1;
      if (!Number.isSafeInteger(n) || n < least) {
        refuse(`${flag} takes a whole number ≥ ${least}, not "${value}".`);
      }
      if (key === 'writes' && n > 100) refuse(`--writes takes a percent from 1 to 100, not ${n}.`);
      if (key === 'rate') rateGiven = true;
      if (key === 'connections') connectionsGiven = true;
      if (key in NUMBERS) options[NUMBERS[key]] = n;
      else options.sizes[key] = n;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.outdir === undefined) {
      options.outdir = arg;
    } else {
      refuse(`one OUTDIR only, got "${options.outdir}" and "${arg}".`);
    }
  }
  options.outdir = resolve(options.outdir ?? join(tmpdir(), 'orgwire-bench-org'));
  if (options.soak && !rateGiven) options.rate = 200;
  // Enough connections that the rate holds when answers slow down after writes.
  if (options.soak && !connectionsGiven) options.connections = 50;
  return options;
}

const since = (t0) => performance.now() - t0;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the organisation ---------------------------------------------------------------------

/** The organisation's org.json, generating it first when OUTDIR has none. */
function ensureOrg(options) {
  const marker = join(options.outdir, 'org.json');
  if (existsSync(marker)) {
    const org = JSON.parse(readFileSync(marker, 'utf8'));
    const differs = Object.entries(options.sizes).filter(([k, v]) => org.options?.[k] !== v);
    if (differs.length > 0) {
      refuse(
        `${options.outdir} holds an organisation generated with ${differs
          .map(([k]) => `--${k} ${org.options?.[k]}`)
          .join(', ')}; pass another OUTDIR for other sizes.`,
      );
    }
    return org;
  }
  const present = OUTPUTS.filter((name) => existsSync(join(options.outdir, name)));
  if (present.length > 0) {
    refuse(
      `${options.outdir} holds ${present.join(', ')} but no org.json: it was not written (whole) by bench/generate-org.mjs. Remove it or pass another OUTDIR.`,
    );
  }
  process.stderr.write(
    `Generating the organisation into ${options.outdir} (this takes a while)…\n`,
  );
  const flags = Object.entries(options.sizes).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const r = spawnSync(process.execPath, [GENERATE, options.outdir, ...flags], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0)
    fail(`bench/generate-org.mjs failed (${r.error?.message ?? `exit status ${r.status}`}).`);
  return JSON.parse(readFileSync(marker, 'utf8'));
}

// --- the server ---------------------------------------------------------------------------

let server = null;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
}

/** Waits for the server to exit; SIGKILL after `ms`. */
async function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

/** The process and its descendants, from /proc (Linux): serve runs each radiator in a child. */
function processTree(pid) {
  const children = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children.push(...list.split(/\s+/).map(Number));
    }
  } catch {
    // Gone, or no /proc.
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * Peak and current resident memory of the server in MB, from /proc (Linux); null elsewhere:
 * summed over its processes (the one taking connections and the radiator's), each process's
 * own peak (VmHWM), so the peak is an upper bound when they did not peak at once.
 */
function memoryOf(pid) {
  let peakMB = 0;
  let rssMB = 0;
  let read = false;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      peakMB += (kb('VmHWM') * 1024) / 1e6;
      rssMB += (kb('VmRSS') * 1024) / 1e6;
      read = true;
    } catch {
      // Ended meanwhile.
    }
  }
  return read ? { peakMB, rssMB } : null;
}

/**
 * Spawns the server and waits for its URL on stdout, then for /api/health. Returns the URL
 * and the times (ms since spawn) of both.
 */
async function startServer(options, env = {}) {
  const dir = options.outdir;
  const args = [
    CLI,
    'serve',
    '--catalog',
    join(dir, 'catalog'),
    '--repo',
    join(dir, 'repo'),
    '--requests',
    join(dir, 'requests.csv'),
    '--db',
    options.db ?? join(dir, 'orgwire.db'),
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ];
  const t0 = performance.now();
  server = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  let listenedAt = null;
  let url = null;
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8');
  server.stdout.on('data', (chunk) => {
    output += chunk;
    if (url === null) {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        url = match[0];
        listenedAt = since(t0);
      }
    }
  });
  // Keep only the tail: a progress bar can write a lot.
  server.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const died = () => {
    if (server.exitCode === null && server.signalCode === null) return null;
    return `orgwire serve exited (${server.exitCode ?? server.signalCode}) before it answered /api/health:\n  node ${args.join(' ')}\n${stderr}${output.slice(-2000)}`;
  };

  const deadline = t0 + options.startupTimeout * 1000;
  while (url === null) {
    const why = died();
    if (why) fail(why);
    if (performance.now() > deadline) {
      fail(
        `orgwire serve printed no http://127.0.0.1:PORT/ within ${options.startupTimeout} s; pass --startup-timeout S to wait longer.\n${stderr}`,
      );
    }
    await sleep(50);
  }
  for (;;) {
    const why = died();
    if (why) fail(why);
    try {
      const res = await fetch(`${url}api/health`, { signal: AbortSignal.timeout(5000) });
      const body = await res.json().catch(() => null);
      if (res.ok && body?.status === 'ok') break;
    } catch {
      // Not answering yet.
    }
    if (performance.now() > deadline) {
      fail(
        `GET ${url}api/health did not answer {"status":"ok"} within ${options.startupTimeout} s; pass --startup-timeout S to wait longer.`,
      );
    }
    await sleep(100);
  }
  return { url, listenedMs: listenedAt, healthyMs: since(t0), memory: memoryOf(server.pid) };
}

// --- routes under load --------------------------------------------------------------------

/** One GET, timed: status, ms, bytes. */
async function timedGet(url) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    const body = await res.arrayBuffer();
    return { status: res.status, ms: since(t0), bytes: body.byteLength };
  } catch (error) {
    return { status: 0, ms: since(t0), bytes: 0, error: error.message };
  }
}

/** Up to `n` team paths spread over the whole list, from GET /api/teams. */
async function teamPaths(url, n) {
  const res = await fetch(`${url}api/teams`).catch((error) => ({
    ok: false,
    status: error.message,
  }));
  if (!res.ok) return { paths: [], why: `GET /api/teams → ${res.status}` };
  const body = await res.json().catch(() => null);
  const all = Array.isArray(body) ? body : (body?.teams ?? []);
  // Teams proper (spec.type team) when the list says so, not the departments above them.
  const teamsOnly = all.filter((t) => t?.groupType === 'team');
  const list = teamsOnly.length > 0 ? teamsOnly : all;
  const refs = list
    .map((t) => t?.ref)
    .filter((ref) => typeof ref === 'string' && /^group:[^/]+\/.+/.test(ref));
  if (refs.length === 0) return { paths: [], why: 'GET /api/teams listed no group:NS/NAME refs' };
  const step = Math.max(1, refs.length / n);
  const paths = [];
  for (let i = 0; i < refs.length && paths.length < n; i += step) {
    const [ns, name] = refs[Math.floor(i)].slice('group:'.length).split('/');
    paths.push(`/api/teams/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`);
  }
  return { paths, teams: refs.length };
}

/** The period of the same length that ends the day before the radiator's window starts. */
async function previousPeriod(url) {
  const res = await fetch(`${url}api/overview`).catch((error) => ({
    ok: false,
    status: error.message,
  }));
  if (!res.ok) return { why: `GET /api/overview → ${res.status}` };
  const { window } = await res.json();
  const day = (text) => Date.parse(`${text}T00:00:00Z`);
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const length = day(window.until) - day(window.since);
  const until = day(window.since) - 86_400_000;
  return { since: iso(until - length), until: iso(until) };
}

async function load(autocannon, url, paths, options) {
  let next = 0;
  const result = await autocannon({
    url,
    connections: Math.min(options.connections, options.rate),
    overallRate: options.rate,
    duration: options.duration,
    timeout: 30,
    // As a browser asks: a server that compresses its large answers gets the credit.
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        method: 'GET',
        // Rotates over the paths across all connections, so that no two hit one page in step.
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

// --- the soak -----------------------------------------------------------------------------

/** The `q`-quantile (0..1) of sorted numbers, by nearest rank. */
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** p50/p95/p99/max of response times, in ms. */
function percentiles(times) {
  const sorted = Float64Array.from(times).sort();
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** The read paths of the soak: every route a radiator's visitors use, team pages rotating. */
async function soakPaths(url) {
  const teams = await teamPaths(url, TEAM_PAGES);
  const board = await (await fetch(`${url}api/bets`)).json().catch(() => null);
  const bets = (board?.bets ?? [])
    .map((b) => b?.ref)
    .filter((ref) => typeof ref === 'string' && /^bet:[^/]+\/.+/.test(ref))
    .slice(0, 20)
    .map((ref) => ref.slice('bet:'.length));
  const reads = [
    '/api/overview',
    '/api/coordination',
    '/api/teams',
    '/api/bets',
    '/api/learnings',
    '/api/queues',
    '/api/chains',
    '/api/data-quality',
    '/api/search?q=team',
    ...teams.paths,
    ...bets.slice(0, 5).map((b) => `/api/bets/${b}`),
  ];
  return { reads, bets };
}

/** How many check-ins the bets' pages list. */
async function checkinsOn(url, bets) {
  let total = 0;
  for (const bet of bets) {
    const page = await (await fetch(`${url}api/bets/${bet}`)).json();
    total += page.checkins.length;
  }
  return total;
}

async function soak(autocannon, url, token, options) {
  const { reads, bets } = await soakPaths(url);
  if (bets.length === 0) fail('The organisation has no bets to write check-ins on.');
  const before = await checkinsOn(url, bets);
  const every = Math.max(1, Math.round(100 / options.writes));
  let sent = 0;
  let writes = 0;
  // Most check-ins are notes; one in four records an outcome (the bets board is recomputed).
  const body = (n) =>
    JSON.stringify({
      note: `Soak check-in ${n}: still on track.`,
      ...(n % 4 === 0 ? { outcomeValue: n % 100 } : {}),
    });
  const started = performance.now();
  let interval = { times: [], requests: 0, writes: 0, errors: 0, non2xx: 0, statuses: {} };
  const total = { times: [], statuses: {} };
  const rows = [
    [
      'at',
      'requests',
      'writes',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'errors',
      'non-2xx',
      'RSS MB',
    ],
  ];
  const memory = [];
  const sample = () => {
    const m = memoryOf(server.pid);
    const { p50, p95, p99, max } = percentiles(interval.times);
    const at = Math.round(since(started) / 1000);
    memory.push({ at, rssMB: m?.rssMB ?? Number.NaN });
    const row = [
      `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`,
      interval.requests.toLocaleString('en'),
      String(interval.writes),
      p50.toFixed(1),
      p95.toFixed(1),
      p99.toFixed(1),
      max.toFixed(1),
      String(interval.errors),
      String(interval.non2xx),
      m ? m.rssMB.toFixed(0) : 'n/a',
    ];
    rows.push(row);
    process.stderr.write(`${row.join('  ')}\n`);
    interval = { times: [], requests: 0, writes: 0, errors: 0, non2xx: 0, statuses: {} };
  };
  process.stderr.write(
    `Soak: ${options.minutes} min at ${options.rate}/s, one request in ${every} a check-in on ${bets.length} bets; a line every ${options.sample} s:\n${rows[0].join('  ')}\n`,
  );
  memory.push({ at: 0, rssMB: memoryOf(server.pid)?.rssMB ?? Number.NaN });
  const timer = setInterval(sample, options.sample * 1000);
  const instance = autocannon({
    url,
    connections: Math.min(options.connections, options.rate),
    overallRate: options.rate,
    duration: options.minutes * 60,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        setupRequest: (req) => {
          const n = sent++;
          if (n % every === every - 1) {
            writes++;
            interval.writes++;
            return {
              ...req,
              method: 'POST',
              path: `/api/bets/${bets[writes % bets.length]}/checkins`,
              headers: {
                ...req.headers,
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
              },
              body: body(writes),
            };
          }
          return { ...req, method: 'GET', path: reads[n % reads.length], body: undefined };
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    interval.requests++;
    interval.times.push(ms);
    total.times.push(ms);
    total.statuses[status] = (total.statuses[status] ?? 0) + 1;
    if (status < 200 || status >= 300) interval.non2xx++;
  });
  instance.on('reqError', () => {
    interval.errors++;
  });
  let result;
  try {
    result = await instance;
  } catch (error) {
    clearInterval(timer);
    fail(`autocannon failed during the soak: ${error.message}`);
  }
  clearInterval(timer);
  sample();
  if (server.exitCode !== null || server.signalCode !== null)
    fail(`orgwire serve died during the soak (${server.exitCode ?? server.signalCode}).`);
  const acknowledged = total.statuses[201] ?? 0;
  const stored = (await checkinsOn(url, bets)) - before;
  return {
    rows,
    memory,
    overall: percentiles(total.times),
    corrected: { p50: result.latency.p50, p99: result.latency.p99 },
    requests: total.times.length,
    statuses: total.statuses,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    writes: { sent: writes, acknowledged, stored },
  };
}

// --- reads during a refresh ---------------------------------------------------------------

/**
 * Reads at the options' rate over `paths` until `done` resolves (or `seconds` pass); the
 * percentiles of every response time, as the soak takes them.
 */
async function readsUntil(autocannon, url, paths, options, done) {
  let next = 0;
  const times = [];
  const statuses = {};
  let errors = 0;
  const instance = autocannon({
    url,
    connections: Math.min(options.connections, options.rate),
    overallRate: options.rate,
    duration: 3600,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  instance.on('reqError', () => {
    errors++;
  });
  const t0 = performance.now();
  await done;
  const seconds = since(t0) / 1000;
  instance.stop();
  await instance;
  const non2xx = Object.entries(statuses)
    .filter(([status]) => status < 200 || status >= 300)
    .reduce((n, [, count]) => n + count, 0);
  return { seconds, requests: times.length, ...percentiles(times), errors, non2xx };
}

/** Commits a change to one component, an hour after the tip; returns the overview's count to expect. */
function commitOne(repo) {
  const git = (args, env = {}) => {
    const r = spawnSync('git', ['-C', repo, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    if (r.status !== 0) fail(`git ${args.join(' ')} failed in ${repo}:\n${r.stderr}`);
    return r.stdout.trim();
  };
  const tip = Date.parse(git(['log', '-1', '--format=%cI']));
  const file = git(['ls-files', 'services']).split('\n')[0];
  const when = new Date(tip + 3_600_000).toISOString();
  const path = join(repo, file);
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, `${text}// refreshed ${when}\n`);
  git(['add', file]);
  const env = {
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
    GIT_AUTHOR_NAME: 'Bench Refresh',
    GIT_AUTHOR_EMAIL: 'bench.refresh@example.com',
    GIT_COMMITTER_NAME: 'Bench Refresh',
    GIT_COMMITTER_EMAIL: 'bench.refresh@example.com',
  };
  git(['commit', '-q', '-m', `bench: a commit for the refresh at ${when}`], env);
  return when.slice(0, 10);
}

async function refreshStatus(url) {
  const res = await fetch(`${url}api/refresh`);
  if (!res.ok) fail(`GET /api/refresh → ${res.status}`);
  return res.json();
}

async function duringRefresh(autocannon, url, token, options) {
  const teams = await teamPaths(url, TEAM_PAGES);
  const paths = ['/api/overview', '/api/coordination', ...teams.paths];
  // Each page once, so that neither phase pays for a first computation.
  for (const path of paths) await timedGet(`${url}${path.slice(1)}`);
  process.stderr.write(`Baseline: ${options.duration} s of reads with no refresh…\n`);
  const baseline = await readsUntil(
    autocannon,
    url,
    paths,
    options,
    sleep(options.duration * 1000),
  );
  const day = commitOne(join(options.outdir, 'repo'));
  const before = await refreshStatus(url);
  const post = await fetch(`${url}api/refresh`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (post.status !== 202) fail(`POST /api/refresh → ${post.status}: ${await post.text()}`);
  process.stderr.write('Reads while the refresh reads the new commit and analyses again…\n');
  const t0 = performance.now();
  let status;
  const refreshed = (async () => {
    for (;;) {
      await sleep(200);
      status = await refreshStatus(url);
      if (!status.running && status.lastFinishedAt !== before.lastFinishedAt) return;
    }
  })();
  const during = await readsUntil(autocannon, url, paths, options, refreshed);
  const refreshMs = since(t0);
  const overview = await (await fetch(`${url}api/overview`)).json();
  return {
    baseline,
    during,
    refreshMs,
    status,
    day,
    dataAsOf: overview.dataAsOf,
    teams: teams.paths.length,
  };
}

// --- the org map in Chromium --------------------------------------------------------------

async function timeMap(url) {
  if (!existsSync(CHROMIUM)) return { text: `not available (${CHROMIUM} missing)` };
  const page = await fetch(`${url}map`).catch(() => null);
  const html = page ? await page.text().catch(() => '') : '';
  if (!page?.ok || !/<html/i.test(html)) {
    return {
      text: `not available (GET /map → ${page?.status ?? 'no answer'}: the UI is not built)`,
    };
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    return { text: `not available (playwright-core: ${error.message})` };
  }
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    return { text: `not available (Chromium did not start: ${error.message.split('\n')[0]})` };
  }
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    // Notes, in the page's own clock (ms since navigation start), when the map says it is
    // drawn: exact, whatever the polling of waitForSelector.
    await tab.addInitScript((selector) => {
      const seen = () => {
        if (window.__orgMapDrawnAt === undefined && document.querySelector(selector)) {
          window.__orgMapDrawnAt = performance.now();
        }
      };
      new MutationObserver(seen).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-drawn', 'data-testid'],
      });
    }, MAP_SELECTOR);
    await tab.goto(`${url}map`, { waitUntil: 'commit', timeout: 120_000 });
    try {
      await tab.waitForSelector(MAP_SELECTOR, { timeout: 120_000, state: 'attached' });
    } catch {
      return {
        text: `> 120 s (not drawn)${errors.length ? `; page errors: ${errors[0]}` : ''}`,
        ms: null,
      };
    }
    const ms = await tab.evaluate(() => window.__orgMapDrawnAt ?? performance.now());
    return {
      text: `${Math.round(ms)} ms${errors.length ? ` (${errors.length} page errors)` : ''}`,
      ms,
    };
  } finally {
    await browser.close();
  }
}

// --- report -------------------------------------------------------------------------------

function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu =
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? cpu;
  } catch {}
  let orgwire = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const git = (args) =>
    spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const sha = git(['rev-parse', '--short', 'HEAD']);
  if (sha)
    orgwire += ` (${sha}${git(['status', '--porcelain']) ? ', with uncommitted changes' : ''})`;
  return { cores: availableParallelism(), cpu, memGiB: totalmem() / 2 ** 30, orgwire };
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) =>
          c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

// --- main ---------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    refuse('orgwire is not built: run `npm run build` first.');
  }
  let autocannon;
  try {
    autocannon = (await import('autocannon')).default;
  } catch {
    refuse('autocannon is not installed: run `npm install` (it is a devDependency).');
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopServer();
      process.exit(130);
    });
  }
  process.on('exit', stopServer);

  const org = ensureOrg(options);
  const counts = org.counts ?? {};

  if (options.soak) {
    const token = randomBytes(32).toString('hex');
    process.stderr.write('Starting orgwire serve…\n');
    const started = await startServer(options, { ORGWIRE_TOKEN: token });
    process.stderr.write(`Healthy after ${seconds(started.healthyMs)}.\n`);
    const r = await soak(autocannon, started.url, token, options);
    stopServer();
    await waitForExit(server, 5000);
    const host = machine();
    const rss = r.memory.map((m) => m.rssMB).filter(Number.isFinite);
    const statuses = Object.entries(r.statuses)
      .map(([status, n]) => `${status}: ${n.toLocaleString('en')}`)
      .join(', ');
    const lines = [
      '',
      `orgwire serve soak — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `organisation  ${options.outdir}`,
      `              ${['teams', 'users', 'components', 'bets', 'commits', 'requests']
        .filter((k) => counts[k] !== undefined)
        .map((k) => `${counts[k].toLocaleString('en')} ${k}`)
        .join(', ')}`,
      `machine       ${host.cores} cores, ${host.cpu}, ${host.memGiB.toFixed(1)} GiB; node ${process.version}; orgwire ${host.orgwire}`,
      `load          ${options.rate} requests/s for ${options.minutes} min over ${Math.min(options.connections, options.rate)} connections, ${options.writes} % check-ins (autocannon, in this process)`,
      `startup       /api/health ok after ${seconds(started.healthyMs)}, RSS ${started.memory ? started.memory.rssMB.toFixed(0) : 'n/a'} MB`,
      '',
      table(r.rows),
      '',
      `whole run     ${r.requests.toLocaleString('en')} requests: p50 ${r.overall.p50.toFixed(1)} ms, p95 ${r.overall.p95.toFixed(1)} ms, p99 ${r.overall.p99.toFixed(1)} ms, max ${r.overall.max.toFixed(1)} ms`,
      `              (autocannon, corrected for coordinated omission: p50 ${r.corrected.p50} ms, p99 ${r.corrected.p99} ms)`,
      `answers       ${statuses}; ${r.errors} errors (connection errors and timeouts), ${r.non2xx} non-2xx`,
      // A write still in flight when the load stops may be stored unacknowledged; an
      // acknowledged one missing from the pages would be lost.
      `writes        ${r.writes.sent.toLocaleString('en')} sent, ${r.writes.acknowledged.toLocaleString('en')} acknowledged (201), ${r.writes.stored.toLocaleString('en')} on the bets' pages after the run: ${r.writes.stored >= r.writes.acknowledged && r.writes.stored <= r.writes.sent ? 'none lost' : 'LOST OR EXTRA WRITES'}`,
      `memory        RSS ${rss.length ? `${rss[0].toFixed(0)} MB at the start, ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB over the run, ${rss.at(-1).toFixed(0)} MB at the end` : 'n/a (no /proc)'}`,
      '',
      'Each line: the answers received in that interval; p50/p95/p99/max from each response',
      "time (autocannon's 'response' event). RSS: the server's resident memory at the line.",
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }

  if (options.refresh) {
    const token = randomBytes(32).toString('hex');
    process.stderr.write('Starting orgwire serve…\n');
    const started = await startServer(options, { ORGWIRE_TOKEN: token });
    process.stderr.write(`Healthy after ${seconds(started.healthyMs)}.\n`);
    const r = await duringRefresh(autocannon, started.url, token, options);
    const memory = memoryOf(server.pid);
    stopServer();
    await waitForExit(server, 5000);
    const host = machine();
    const row = (label, m) => [
      label,
      `${m.seconds.toFixed(1)} s`,
      m.requests.toLocaleString('en'),
      m.p50.toFixed(1),
      m.p99.toFixed(1),
      m.max.toFixed(1),
      String(m.errors),
      String(m.non2xx),
    ];
    const lines = [
      '',
      `orgwire serve: reads during a refresh — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `organisation  ${options.outdir} (${options.db ?? 'OUTDIR/orgwire.db'})`,
      `machine       ${host.cores} cores, ${host.cpu}, ${host.memGiB.toFixed(1)} GiB; node ${process.version}; orgwire ${host.orgwire}`,
      `load          ${options.rate} requests/s over ${Math.min(options.connections, options.rate)} connections: /api/overview, /api/coordination and ${r.teams} team pages in turn (autocannon, in this process)`,
      `refresh       ${seconds(r.refreshMs)} from POST /api/refresh until it had swapped the radiator${r.status.lastError ? `; FAILED: ${r.status.lastError}` : ''}`,
      `              the overview's data as of ${r.dataAsOf} after it (the new commit's day: ${r.day})`,
      `memory        peak RSS ${memory ? memory.peakMB.toFixed(0) : 'n/a'} MB`,
      '',
      table([
        ['reads', 'for', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx'],
        row('no refresh running', r.baseline),
        row('during the refresh', r.during),
      ]),
      '',
      `p99 during ÷ without: ${(r.during.p99 / r.baseline.p99).toFixed(2)}×; target p99 < 50 ms during the refresh: ${r.during.p99 < 50 ? 'met' : 'NOT MET'}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }

  process.stderr.write('Starting orgwire serve…\n');
  const started = await startServer(options);
  const { url } = started;
  process.stderr.write(
    `Listening at ${url} after ${seconds(started.listenedMs)}, healthy after ${seconds(started.healthyMs)}.\n`,
  );

  const routes = [
    { label: '/api/overview', paths: ['/api/overview'] },
    { label: '/api/coordination', paths: ['/api/coordination'] },
  ];
  const teams = await teamPaths(url, TEAM_PAGES);
  routes.push({
    label: `/api/teams/:ns/:name (${teams.paths.length} teams)`,
    paths: teams.paths,
    why: teams.why,
  });
  // Another period: the window before the radiator's, as "compare with the previous period"
  // asks it. Cold is its first answer (its own analysis); under load it is cached.
  const before = await previousPeriod(url);
  routes.push({
    label: `/api/overview?since=${before.since ?? '…'}&until=${before.until ?? '…'} (the period before)`,
    paths: before.since ? [`/api/overview?since=${before.since}&until=${before.until}`] : [],
    why: before.why,
  });

  const rows = [
    ['route', 'cold ms', 'KB', 'requests', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'p99 ÷ 100 ms'],
  ];
  for (const route of routes) {
    if (route.paths.length === 0) {
      rows.push([route.label, '–', '–', '–', '–', '–', '–', '–', `not measured: ${route.why}`]);
      continue;
    }
    const firsts = [];
    for (const path of route.paths) firsts.push(await timedGet(`${url}${path.slice(1)}`));
    const ms = firsts.map((f) => f.ms).sort((a, b) => a - b);
    const failed = firsts.find((f) => f.status !== 200);
    const cold = {
      text: `${ms.length > 1 ? `${ms[Math.floor(ms.length / 2)].toFixed(0)} / ${ms.at(-1).toFixed(0)}` : ms[0].toFixed(0)}${failed ? ` (${failed.status || 'failed'})` : ''}`,
      kb: (firsts.reduce((sum, f) => sum + f.bytes, 0) / firsts.length / 1000).toFixed(0),
    };
    process.stderr.write(
      `${route.label}: cold ${cold.text} ms; ${options.duration} s at ${options.rate}/s…\n`,
    );
    let r;
    try {
      r = await load(autocannon, url, route.paths, options);
    } catch (error) {
      fail(`autocannon failed on ${route.label}: ${error.message}`);
    }
    if (server.exitCode !== null || server.signalCode !== null) {
      fail(
        `orgwire serve died during the load on ${route.label} (${server.exitCode ?? server.signalCode}).`,
      );
    }
    rows.push([
      route.label,
      cold.text,
      cold.kb,
      r.requests.toLocaleString('en'),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      String(r.errors),
      String(r.non2xx),
      `${(r.p99 / TARGETS.p99Ms).toFixed(2)}× ${r.p99 <= TARGETS.p99Ms && r.errors + r.non2xx === 0 ? 'PASS' : 'FAIL'}`,
    ]);
  }
  const afterLoad = memoryOf(server.pid);

  let map = { text: 'skipped (--no-browser)' };
  if (options.browser) {
    process.stderr.write('Org map in Chromium…\n');
    try {
      map = await timeMap(url);
    } catch (error) {
      map = { text: `not measured (${error.message.split('\n')[0]})` };
    }
  }

  stopServer();
  await waitForExit(server, 5000);

  const host = machine();
  const mem = (m) => (m ? `peak ${m.peakMB.toFixed(0)} MB (now ${m.rssMB.toFixed(0)} MB)` : 'n/a');
  const lines = [
    '',
    `orgwire serve benchmark — ${new Date().toISOString().slice(0, 10)}`,
    `organisation  ${options.outdir}`,
    `              ${['teams', 'users', 'components', 'apis', 'bets', 'commits', 'requests']
      .filter((k) => counts[k] !== undefined)
      .map((k) => `${counts[k].toLocaleString('en')} ${k}`)
      .join(', ')}`,
    `machine       ${host.cores} cores, ${host.cpu}, ${host.memGiB.toFixed(1)} GiB; node ${process.version}; orgwire ${host.orgwire}`,
    `load          ${options.rate} requests/s over ${Math.min(options.connections, options.rate)} connections, ${options.duration} s per route (autocannon, in this process)`,
    '',
    `startup       listening after ${seconds(started.listenedMs)}, /api/health ok after ${seconds(started.healthyMs)}`,
    `memory        after startup ${mem(started.memory)}; after the load ${mem(afterLoad)}`,
    '',
    table(rows),
    '',
    `org map       drawn in Chromium ${map.text}`,
    '',
    'cold: the first request of each page, one at a time, before the load (median / max over the',
    'pages); KB: the mean body. p50/p99: latency under load once warm, corrected for coordinated',
    `omission; PASS when p99 ≤ ${TARGETS.p99Ms} ms with no errors and no non-2xx answers.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  fail(`bench/serve.mjs failed: ${error?.stack ?? error}`);
});
