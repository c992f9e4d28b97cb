#!/usr/bin/env node
// How fast a what-if answers (issue 14), against one analysis of the same work.
//
//   npm run build && node bench/whatif.mjs [OUTDIR] [--repeat 3] [--git DIR --since YYYY-MM-DD]
//
// Scenarios: OUTDIR holds the synthetic 1,000-team organisation from bench/generate-org.mjs
// (generate it first: `node bench/generate-org.mjs OUTDIR`; default OUTDIR
// $TMPDIR/orgwire-bench-org). `orgwire serve` is started on it, as bench/serve.mjs does, and
// then, one request at a time:
//
//   baseline  GET /api/whatif: the radiator's first what-if request reads the window's work
//             under today's catalog and analyses it (one whole analysis), and keeps it.
//   scenario  POST /api/whatif with each scenario below, --repeat times each: the answer
//             the page waits for (the kept work decided again under the scenario's
//             catalog, its analysis and the deltas). Target: under 2 s.
//
// Suggestions (with --git DIR, a clone of git/git): `orgwire analyze` over --since to the
// newest commit (run once first so the store holds the history; that ingest is not
// measured), then `orgwire whatif --suggest` over the same window, each a fresh process on
// the same store. Target: the suggestion under 30 s.
//
// Prints each time and its ratio to the baseline. The machines are small and noisy: compare
// the ratios. Exit status: 0 when measured; 2 on wrong input; 1 when a command failed.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'orgwire.js');
const TARGETS = { scenarioMs: 2000, suggestMs: 30_000 };

const USAGE = `Usage: node bench/whatif.mjs [OUTDIR] [--repeat N] [--git DIR --since YYYY-MM-DD]`;

function parseArgs(argv) {
  const options = { outdir: join(tmpdir(), 'orgwire-bench-org'), repeat: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(2, `${arg} needs a value.\n${USAGE}`);
      return v;
    };
    if (arg === '--repeat') options.repeat = Number(value());
    else if (arg === '--git') options.git = resolve(value());
    else if (arg === '--since') options.since = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) fail(2, `Unknown option ${arg}.\n${USAGE}`);
    else options.outdir = resolve(arg);
  }
  if (!Number.isInteger(options.repeat) || options.repeat < 1)
    fail(2, '--repeat takes a whole number of at least 1.');
  if (options.git && !/^\d{4}-\d{2}-\d{2}$/.test(options.since ?? ''))
    fail(2, '--git needs --since YYYY-MM-DD (the first day of the window to suggest on).');
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist')))
    fail(2, 'orgwire is not built: run `npm run build` first.');
  if (!existsSync(join(options.outdir, 'org.json')))
    fail(
      2,
      `${options.outdir} holds no organisation: run \`node bench/generate-org.mjs ${options.outdir}\` first.`,
    );
  return options;
}

function fail(code, message) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `orgwire serve` on the organisation; resolves with its URL once /api/health answers. */
async function startServer(dir) {
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
    join(dir, 'orgwire.db'),
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ];
  const server = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (d) => {
    output += d;
  });
  server.stderr.on('data', (d) => {
    output += d;
  });
  const stop = () => server.kill('SIGTERM');
  process.on('exit', stop);
  process.on('SIGINT', () => process.exit(130));
  const deadline = Date.now() + 900_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      fail(1, `orgwire serve exited before it answered:\n${output.slice(-2000)}`);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    if (url) {
      try {
        if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  fail(1, 'orgwire serve did not answer /api/health within 900 s.');
}

async function timed(run) {
  const start = performance.now();
  const response = await run();
  const body = await response.text();
  const ms = performance.now() - start;
  if (!response.ok) fail(1, `HTTP ${response.status}: ${body.slice(0, 500)}`);
  return { ms, body: JSON.parse(body) };
}

const SCENARIOS = [
  ['move a component', [{ moveComponent: { component: 'svc-00002', to: 'team-0003' } }]],
  ['move a person', [{ movePerson: { user: 'user-00001', to: 'team-0003' } }]],
  ['merge two teams', [{ mergeTeams: { teams: ['team-0002'], into: 'team-0003' } }]],
  [
    'embed a platform team',
    [{ embed: { provider: 'team-0001', into: ['team-0002', 'team-0003'] } }],
  ],
  ['someone leaves', [{ leave: { user: 'user-00001' } }]],
];

async function scenarios(options) {
  process.stdout.write(`Scenarios on ${options.outdir} (starting orgwire serve)…\n`);
  const { url, stop } = await startServer(options.outdir);
  try {
    const base = await timed(() => fetch(`${url}/api/whatif`));
    process.stdout.write(`  baseline: today's analysis for what-if   ${seconds(base.ms)}\n`);
    const rows = [];
    for (const [name, changes] of SCENARIOS) {
      const times = [];
      for (let i = 0; i < options.repeat; i++) {
        const { ms } = await timed(() =>
          fetch(`${url}/api/whatif`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ metadata: { name }, spec: { changes } }),
          }),
        );
        times.push(ms);
      }
      const ms = median(times);
      rows.push({ name, ms });
      process.stdout.write(
        `  ${name.padEnd(24)} median ${seconds(ms)} of ${times.map(seconds).join(', ')}` +
          `  = ${(ms / base.ms).toFixed(3)}× the baseline, ${ms < TARGETS.scenarioMs ? 'under' : 'OVER'} the 2 s target\n`,
      );
    }
    return { baseline: base.ms, rows };
  } finally {
    stop();
  }
}

function cli(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - start;
  if (result.status !== 0)
    fail(1, `orgwire ${args.join(' ')} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  return { ms, stdout: result.stdout };
}

function suggestions(options) {
  const work = mkdtempSync(join(tmpdir(), 'orgwire-bench-suggest-'));
  try {
    const flags = ['--repo', options.git, '--since', options.since, '--db', join(work, 'o.db')];
    process.stdout.write(
      `Suggestions on ${options.git} since ${options.since} (ingesting first)…\n`,
    );
    cli(['analyze', ...flags, '--format', 'json', '--quiet']);
    const analyse = cli(['analyze', ...flags, '--format', 'json', '--quiet']);
    const suggest = cli(['whatif', '--suggest', ...flags, '--format', 'json']);
    const answer = JSON.parse(suggest.stdout);
    process.stdout.write(
      `  baseline: orgwire analyze           ${seconds(analyse.ms)}\n` +
        `  orgwire whatif --suggest           ${seconds(suggest.ms)} = ${(suggest.ms / analyse.ms).toFixed(2)}× the baseline, ` +
        `${suggest.ms < TARGETS.suggestMs ? 'under' : 'OVER'} the 30 s target` +
        ` (${answer.suggested ? `${answer.suggested.teams.length} teams suggested` : `none shown: ${answer.why}`})\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
await scenarios(options);
if (options.git) suggestions(options);
