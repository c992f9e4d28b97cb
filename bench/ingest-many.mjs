#!/usr/bin/env node
// Speed and memory of ingesting many repositories, into SQLite and PostgreSQL, against the
// floor, git itself (issue 16).
//
//   node bench/generate-repos.mjs /tmp/orgwire-many          # 1,000 × ~1,000 commits
//   npm run build && node bench/ingest-many.mjs /tmp/orgwire-many [--jobs 1,2]
//       [--postgres URL] [--sqlite-only]
//
// For each number of jobs J (default 1, then 2), one after the other so that they share
// the machine's noise:
//   floor       `git log --name-status --no-renames` over every repository below DIR, J at
//               a time (xargs -P J), output to /dev/null;
//   SQLite      `orgwire ingest --repo-root DIR --jobs J` into a new SQLite file;
//   PostgreSQL  the same into a new database, created through --postgres (default
//               postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
// One warm-up floor runs first, so that every measurement reads the repositories from the
// page cache. Commits are counted once (`git rev-list --count --no-merges HEAD`, what
// orgwire reads, summed over the repositories); orgwire's own count of what it stored is
// checked against it. Times are compared as ratios to the floor with the same J, never as
// absolute seconds: the machines are small and noisy.
//
// Peak memory, two ways: the largest single process of the measured tree (node or one of
// the git processes it runs), from /usr/bin/time (Debian package `time`; the node process's
// own peak from bench/max-rss.mjs); and the whole tree's resident sets summed, sampled every
// 0.2 s from /proc (what J git processes side by side really cost; a short peak between two
// samples is missed). With PostgreSQL the server's memory is not counted: it is not in
// orgwire's process tree.
//
// Prints a Markdown entry for bench/RESULTS.md on stdout, progress on stderr.
//
// Exit status: 0 when measured; 2 when the input is wrong (no DIR, no repository in it, a
// repository without commits, CLI not built or without --repo-root, no PostgreSQL
// answering without --sqlite-only); 1 when a measured command failed (its stderr's tail is
// printed).

import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quoteIdent, redact } from './common.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'orgwire.js');
const RSS_HOOK = join(ROOT, 'bench', 'max-rss.mjs');
const TIME = '/usr/bin/time';
const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const FLOOR_ARGS = [
  'log',
  '--name-status',
  '--no-renames',
  '--format=%H%x00%aN%x00%aE%x00%at',
  'HEAD',
];
const SAMPLE_MS = 200;
const STDERR_TAIL = 40;

const USAGE = `Usage: node bench/ingest-many.mjs DIR [--jobs 1,2] [--postgres URL] [--sqlite-only]

Times \`orgwire ingest --repo-root DIR --jobs J\` into SQLite and PostgreSQL against the
floor, \`git log --name-status\` over the same repositories J at a time, for each J, and
prints a Markdown table for bench/RESULTS.md. Build first: npm run build. Make DIR with
node bench/generate-repos.mjs DIR.

  DIR            a folder holding git repositories at any depth (as --repo-root reads it)
  --jobs LIST    the numbers of jobs to compare, comma-separated (default 1,2)
  --postgres URL a PostgreSQL database to connect to for creating and dropping one
                 database per run (default ${DEFAULT_POSTGRES})
  --sqlite-only  measure SQLite only
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** The measured command while it runs, stopped when the benchmark is interrupted. */
const running = new Set();

/** A measured command failed: carries what to print before exiting 1. */
class MeasureFailure extends Error {}

function parseArgs(argv) {
  const options = { dir: undefined, jobs: [1, 2], postgres: DEFAULT_POSTGRES, sqliteOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (flag === '--jobs') {
      const value = inline ?? argv[++i] ?? '';
      const jobs = value.split(',').map(Number);
      if (!jobs.every((n) => Number.isInteger(n) && n >= 1)) {
        refuse(`--jobs takes whole numbers ≥ 1 separated by commas, not "${value}".`);
      }
      options.jobs = [...new Set(jobs)];
    } else if (flag === '--postgres') {
      const value = inline ?? argv[++i];
      if (!/^postgres(ql)?:\/\//.test(value ?? '')) {
        refuse(`--postgres takes a postgres:// URL, not "${value}".`);
      }
      options.postgres = value;
    } else if (arg === '--sqlite-only') {
      options.sqliteOnly = true;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.dir === undefined) {
      options.dir = arg;
    } else {
      refuse(`one DIR only, got "${options.dir}" and "${arg}".`);
    }
  }
  if (options.dir === undefined) refuse('DIR is missing.');
  return options;
}

/** The environment for every child: no GIT_DIR, ORGWIRE_DB or the like from the caller. */
function childEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GIT_') || key === 'ORGWIRE_DB') delete env[key];
  }
  return env;
}

const execFileAsync = promisify(execFile);

/**
 * Every git repository at or below `root`, sorted, by the rule `--repo-root` follows
 * (src/ingest/find-repositories.ts; keep in step): a folder holding `.git`, or a bare
 * repository (HEAD, objects/, refs/); not searched further; no symbolic links, no
 * node_modules, no folders starting with a dot.
 */
function findRepositories(root) {
  const found = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    if (names.has('.git') || (names.has('HEAD') && names.has('objects') && names.has('refs'))) {
      found.push(dir);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) {
        visit(join(dir, e.name));
      }
    }
  };
  visit(root);
  return found.sort();
}

/** Non-merge commits reachable from HEAD, per repository, `jobs` at a time. */
async function countCommits(repos, jobs) {
  const counts = new Array(repos.length);
  let next = 0;
  const worker = async () => {
    while (next < repos.length) {
      const i = next++;
      try {
        const { stdout } = await execFileAsync(
          'git',
          ['-C', repos[i], 'rev-list', '--count', '--no-merges', 'HEAD'],
          { env: childEnv() },
        );
        counts[i] = Number(stdout.trim());
      } catch {
        refuse(`${repos[i]} has no commit at HEAD: the floor needs history in every repository.`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return counts.reduce((a, b) => a + b, 0);
}

function timeWorks() {
  if (!existsSync(TIME)) return false;
  const dir = mkdtempSync(join(tmpdir(), 'orgwire-bench-'));
  try {
    const out = join(dir, 'time');
    execFileSync(TIME, ['-f', '%M', '-o', out, 'true'], { stdio: 'ignore' });
    return /^\d+\s*$/.test(readFileSync(out, 'utf8'));
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PAGE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/**
 * The summed resident set (KiB) of every descendant of `pid` (not `pid` itself: that is
 * /usr/bin/time), from /proc/PID/stat: field 4 the parent, field 24 the resident pages.
 */
function treeRssKiB(pid) {
  const children = new Map();
  const rss = new Map();
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'latin1');
    } catch {
      continue; // gone since the listing
    }
    // The command name, field 2, is in parentheses and may hold spaces: split after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const p = Number(name);
    rss.set(p, Number(fields[21]) * PAGE);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(p);
  }
  let total = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop();
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 1024;
}

/**
 * Runs a command once: wall-clock seconds, the peak RSS (KiB) of its largest process
 * (/usr/bin/time), of the node process alone (bench/max-rss.mjs, orgwire only) and of the
 * whole tree summed (sampled). Throws MeasureFailure when it fails.
 */
async function measure(label, command, args, { cwd, stdin, stdout, work, useTime }) {
  const timeFile = join(work, 'time.out');
  const rssFile = join(work, 'rss.out');
  const errFile = join(work, 'stderr.out');
  for (const f of [timeFile, rssFile]) rmSync(f, { force: true });
  const [file, argv] = useTime
    ? [TIME, ['-f', '%M', '-o', timeFile, command, ...args]]
    : [command, args];
  const stdinFd = stdin ? openSync(stdin, 'r') : 'ignore';
  const stderrFd = openSync(errFile, 'w');
  let sumKiB = 0;
  const start = process.hrtime.bigint();
  const child = spawn(file, argv, {
    cwd,
    env: childEnv({ ORGWIRE_BENCH_RSS_FILE: rssFile }),
    stdio: [stdinFd, stdout, stderrFd],
    // Its own process group, so that an interrupted benchmark stops the whole tree at once
    // (/usr/bin/time does not pass a SIGTERM on to what it runs).
    detached: true,
  });
  const sample = () => {
    const kib = treeRssKiB(child.pid);
    if (kib !== null && kib > sumKiB) sumKiB = kib;
  };
  running.add(child);
  const timer = setInterval(sample, SAMPLE_MS);
  const outcome = await new Promise((done) => {
    child.on('error', (error) => done({ error }));
    child.on('exit', (status, signal) => done({ status, signal }));
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  running.delete(child);
  if (typeof stdinFd === 'number') closeSync(stdinFd);
  closeSync(stderrFd);
  if (outcome.error || outcome.status !== 0) {
    const tail = readFileSync(errFile, 'utf8').trimEnd().split('\n').slice(-STDERR_TAIL);
    throw new MeasureFailure(
      `${label} failed (${outcome.error?.message ?? (outcome.signal ? `signal ${outcome.signal}` : `exit status ${outcome.status}`)}):\n  ${command} ${args.map((a) => (/^postgres(ql)?:/.test(a) ? redact(a) : a)).join(' ')}\n${tail.join('\n')}\n`,
    );
  }
  const kib = (path) => {
    if (!existsSync(path)) return null;
    const n = Number(readFileSync(path, 'utf8').trim().split('\n').at(-1));
    return Number.isFinite(n) ? n : null;
  };
  return { seconds, treeKiB: kib(timeFile), nodeKiB: kib(rssFile), sumKiB: sumKiB || null };
}

// --- PostgreSQL ---------------------------------------------------------------------------

/** The admin connection, or a refusal saying how to go on without PostgreSQL. */
async function connectAdmin(url) {
  let pg;
  try {
    pg = (await import('pg')).default;
  } catch {
    refuse('the `pg` package is missing: run `npm install` first.');
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // a dropped connection shows up as the next query's error
  try {
    await client.connect();
    const { rows } = await client.query('show server_version');
    return { client, version: rows[0].server_version };
  } catch (error) {
    refuse(
      `no PostgreSQL answers at ${redact(url)} (${error.message}).\nStart it, pass --postgres URL, or measure SQLite alone with --sqlite-only.`,
    );
  }
}

// --- the report ---------------------------------------------------------------------------

function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu =
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? cpu;
  } catch {}
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  let orgwire = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  try {
    const sha = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    orgwire += ` (${sha}${dirty ? ', with uncommitted changes' : ''})`;
  } catch {}
  return {
    cores: availableParallelism(),
    cpu,
    memGiB: totalmem() / 2 ** 30,
    git: version('git', ['--version']).replace(/^git version /, ''),
    node: process.version,
    orgwire,
  };
}

const thousands = (n) => Math.round(n).toLocaleString('en');
const mb = (kib) => (kib === null ? 'n/a' : `${thousands((kib * 1024) / 1e6)} MB`);

function report({ dir, repos, commits, host, pgVersion, rows, useTime, generated }) {
  const header = [
    'measured',
    'jobs',
    'seconds',
    'commits/s',
    'ratio to floor',
    'peak RSS, largest process',
    'peak RSS, tree summed',
    'store size',
  ];
  const table = [header];
  for (const r of rows) {
    const floor = rows.find((x) => x.kind === 'floor' && x.jobs === r.jobs);
    const largest =
      r.nodeKiB !== null && r.kind !== 'floor'
        ? `${mb(r.treeKiB)} (node ${mb(r.nodeKiB)})`
        : mb(r.treeKiB);
    table.push([
      r.label,
      String(r.jobs),
      r.seconds.toFixed(1),
      thousands(commits / r.seconds),
      r.kind === 'floor' ? '1' : `${(r.seconds / floor.seconds).toFixed(2)}×`,
      largest,
      mb(r.sumKiB),
      r.bytes === undefined ? '' : `${thousands(r.bytes / 1e6)} MB`,
    ]);
  }
  const widths = header.map((_, c) => Math.max(3, ...table.map((r) => r[c].length)));
  const line = (cells) => `| ${cells.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  const markdown = [
    line(table[0]),
    `|${widths.map((w, c) => (c >= 1 && c <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...table.slice(1).map(line),
  ];

  const today = new Date().toISOString().slice(0, 10);
  const shape = generated
    ? ` (bench/generate-repos.mjs --repos ${generated.options.repos} --commits ${generated.options.commits} --seed ${generated.options.seed})`
    : '';
  const lines = [
    `## ${today}: ingesting ${thousands(repos)} repositories, SQLite${pgVersion ? ' and PostgreSQL' : ''} (${host.cores}-core machine)`,
    '',
    '```sh',
    ...(generated
      ? [
          `node bench/generate-repos.mjs ${dir} --repos ${generated.options.repos} --commits ${generated.options.commits} --seed ${generated.options.seed}`,
        ]
      : []),
    `node bench/ingest-many.mjs ${dir} --jobs ${[...new Set(rows.map((r) => r.jobs))].join(',')}${pgVersion ? '' : ' --sqlite-only'}`,
    '```',
    '',
    `${thousands(repos)} repositories below ${dir}${shape}, ${thousands(commits)} commits without merges (\`git rev-list --count --no-merges HEAD\`, summed). ` +
      `Machine: ${host.cores} cores, ${host.cpu}, ${host.memGiB.toFixed(1)} GiB; git ${host.git}; node ${host.node}; ` +
      `${pgVersion ? `PostgreSQL ${pgVersion}; ` : ''}orgwire ${host.orgwire}.`,
    '',
    ...markdown,
    '',
    'The floor is `git log --name-status --no-renames` over every repository, J at a time ' +
      '(`xargs -P J`), to /dev/null; orgwire is `orgwire ingest --repo-root DIR --jobs J` into an ' +
      'empty store. Ratio: orgwire ÷ the floor with the same jobs, measured one after the other. ' +
      `Peak RSS (MB = 10^6 bytes): the largest single process ${useTime ? '(/usr/bin/time' : '(node alone: /usr/bin/time missing'}; ` +
      "node alone from bench/max-rss.mjs), and the whole tree's resident sets summed, sampled " +
      `every ${SAMPLE_MS / 1000} s.${pgVersion ? " PostgreSQL's server processes are not in orgwire's tree: their memory is not counted." : ''} ` +
      'Store size: the SQLite file (with its -wal), or `pg_database_size` before the drop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// --- main ---------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = resolve(options.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    refuse(`${options.dir} is not a folder. Make one with: node bench/generate-repos.mjs DIR`);
  }
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    refuse('orgwire is not built: run `npm run build` first.');
  }
  const help = execFileSync(process.execPath, [CLI, 'ingest', '--help'], {
    encoding: 'utf8',
    env: childEnv(),
  });
  if (!help.includes('--repo-root') || !help.includes('--jobs')) {
    refuse('this build of orgwire has no `ingest --repo-root` or `--jobs`: rebuild it.');
  }
  const repos = findRepositories(dir);
  if (repos.length === 0) refuse(`no git repository below ${options.dir}.`);
  let generated;
  try {
    generated = JSON.parse(readFileSync(join(dir, 'repos.json'), 'utf8'));
  } catch {}

  const useTime = timeWorks();
  if (!useTime) {
    process.stderr.write(
      `note: ${TIME} not found (Debian package \`time\`): the largest process is node's alone, without the git it runs.\n`,
    );
  }
  const admin = options.sqliteOnly ? undefined : await connectAdmin(options.postgres);
  process.stderr.write(`${repos.length} repositories below ${dir}; counting commits…\n`);
  const commits = await countCommits(repos, Math.max(...options.jobs, 2));

  const work = mkdtempSync(join(tmpdir(), 'orgwire-bench-many-'));
  const cleanups = [() => rmSync(work, { recursive: true, force: true })];
  if (admin) cleanups.push(() => admin.client.end());
  // Once, however many ask: the interrupt handler and the failure path may both get here.
  let cleaning;
  const cleanUp = () => {
    cleaning ??= (async () => {
      while (cleanups.length > 0) {
        try {
          await cleanups.pop()();
        } catch (error) {
          process.stderr.write(`note: cleaning up failed: ${error.message}\n`);
        }
      }
    })();
    return cleaning;
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      interrupted = true;
      process.stderr.write(`\n${signal}: stopping and cleaning up…\n`);
      for (const child of running) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
      }
      cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const list = join(work, 'repos.txt');
    writeFileSync(list, `${repos.join('\n')}\n`);
    const cwd = join(work, 'cwd'); // empty: no ./catalog, no ./orgwire.yaml
    mkdirSync(cwd);
    const devNull = openSync('/dev/null', 'w');
    cleanups.push(() => closeSync(devNull));
    const host = machine();
    const base = { cwd, stdout: devNull, work, useTime };

    const floor = (jobs) =>
      measure(
        `floor (git log, ${jobs} at a time)`,
        'xargs',
        ['-d', '\\n', '-P', String(jobs), '-I', '{}', 'git', '-C', '{}', ...FLOOR_ARGS],
        { ...base, stdin: list },
      );
    /** orgwire ingest into `db`; checks that it stored every repository and commit. */
    const ingest = async (label, jobs, db) => {
      const out = join(work, 'ingest.json');
      const outFd = openSync(out, 'w');
      let result;
      try {
        result = await measure(
          label,
          process.execPath,
          [
            '--import',
            RSS_HOOK,
            CLI,
            'ingest',
            '--repo-root',
            dir,
            '--jobs',
            String(jobs),
            '--db',
            db,
            '--format',
            'json',
            '--quiet',
          ],
          { ...base, stdout: outFd },
        );
      } finally {
        closeSync(outFd);
      }
      try {
        const json = JSON.parse(readFileSync(out, 'utf8'));
        const stored = json.repositories.reduce((s, r) => s + r.commits, 0);
        if (json.repositories.length !== repos.length || stored !== commits) {
          process.stderr.write(
            `warning: ${label} stored ${thousands(stored)} commits of ${json.repositories.length} repositories; git counts ${thousands(commits)} in ${repos.length}.\n`,
          );
        }
      } catch (error) {
        process.stderr.write(
          `warning: ${label}: could not read its JSON output (${error.message}).\n`,
        );
      }
      return result;
    };

    process.stderr.write(
      `${thousands(commits)} commits; warm-up: the floor, ${Math.max(...options.jobs)} at a time\n`,
    );
    await floor(Math.max(...options.jobs));
    const rows = [];
    const done = (row) => {
      rows.push(row);
      const f = rows.find((x) => x.kind === 'floor' && x.jobs === row.jobs);
      process.stderr.write(
        `${row.label}, ${row.jobs} job${row.jobs > 1 ? 's' : ''}: ${row.seconds.toFixed(1)} s${row.kind === 'floor' ? '' : ` (${(row.seconds / f.seconds).toFixed(2)}× the floor)`}, largest process ${mb(row.treeKiB)}, tree ${mb(row.sumKiB)}\n`,
      );
    };
    let n = 0;
    for (const jobs of options.jobs) {
      done({ kind: 'floor', label: 'floor: git log --name-status', jobs, ...(await floor(jobs)) });

      const file = join(work, `run-${++n}.db`);
      const sqlite = await ingest('orgwire ingest → SQLite', jobs, file);
      const bytes = ['', '-wal'].reduce(
        (s, x) => s + (existsSync(file + x) ? statSync(file + x).size : 0),
        0,
      );
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      done({ kind: 'sqlite', label: 'orgwire ingest → SQLite', jobs, ...sqlite, bytes });

      if (admin) {
        const name = `orgwire_bench_${process.pid}_${++n}`;
        const url = new URL(options.postgres);
        url.pathname = `/${name}`;
        await admin.client.query(`create database ${quoteIdent(name)}`);
        const drop = () =>
          admin.client.query(`drop database if exists ${quoteIdent(name)} with (force)`);
        cleanups.push(drop);
        const pgRun = await ingest('orgwire ingest → PostgreSQL', jobs, url.toString());
        const { rows: size } = await admin.client.query('select pg_database_size($1) as bytes', [
          name,
        ]);
        await drop();
        cleanups.splice(cleanups.indexOf(drop), 1);
        done({
          kind: 'postgres',
          label: 'orgwire ingest → PostgreSQL',
          jobs,
          ...pgRun,
          bytes: Number(size[0].bytes),
        });
      }
    }
    report({
      dir,
      repos: repos.length,
      commits,
      host,
      pgVersion: admin?.version,
      rows,
      useTime,
      generated,
    });
  } catch (error) {
    await cleanUp();
    if (interrupted) process.exit(130);
    if (error instanceof MeasureFailure) {
      process.stderr.write(`\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  await cleanUp();
}

main().catch((error) => {
  process.stderr.write(`\ningest-many failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
