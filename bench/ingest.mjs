#!/usr/bin/env node
// Speed and memory of orgwire against the floor, git itself.
//
//   npm run build && node bench/ingest.mjs [REPO] [--runs N] [--breakdown]
//
// The floor is `git log --name-status --no-renames` over REPO's history. Each run measures,
// one after the other so that they share the machine's noise: the floor; `orgwire analyze`
// from an empty store (full ingest + analyse); the same command again on the same store
// (re-analysis with nothing new). Targets: full ≤ 1.5× the floor, re-analysis ≤ 0.2× the
// floor, peak memory ≤ 500 MB. Times are compared as ratios within a run, never as absolute
// seconds: the machines are small and noisy.
//
// Peak memory is the largest resident set of any process in orgwire's tree (node and the
// git it runs), from /usr/bin/time (Debian package `time`); the node process's own peak
// comes from bench/max-rss.mjs, preloaded with `node --import`. Without /usr/bin/time only
// the node process is measured.
//
// Exit status: 0 when measured, whether the targets are met or not (a benchmark reports, it
// does not gate); 2 when the input is wrong (no repository, CLI not built); 1 when a measured
// command failed, so there is nothing to report.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'orgwire.js');
const RSS_HOOK = join(ROOT, 'bench', 'max-rss.mjs');
const TIME = '/usr/bin/time';
/** Where a repository is looked for when none is given. */
const DEFAULT_REPOS = [process.env.ORGWIRE_BENCH_REPO, '/work/.mirror/git+git/repo'];
const TARGETS = { full: 1.5, again: 0.2, rssMB: 500 };
const FLOOR_ARGS = [
  'log',
  '--name-status',
  '--no-renames',
  '--format=%H%x00%aN%x00%aE%x00%at',
  'HEAD',
];
// `git log` as orgwire's ingest runs it on a full clone (src/ingest/read-log.ts, default
// options: no merges, no line counts, renames `similar`). Only for --breakdown; keep in step.
const ORGWIRE_GIT_ARGS = [
  'log',
  '-z',
  `--format=${['%x1e%H', '%P', '%at', '%aN', '%aE', '%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)'].join('%x00')}`,
  '--topo-order',
  '--reverse',
  '--no-merges',
  '--name-status',
  '-M',
  '--root',
  '--no-ext-diff',
  '--no-textconv',
  'HEAD',
  '--',
];

const USAGE = `Usage: node bench/ingest.mjs [REPO] [--runs N] [--breakdown]

Measures orgwire's full ingest + analyse and its re-analysis against the floor,
\`git log --name-status --no-renames\` over REPO's history, and prints the ratios.
Build first: npm run build.

  REPO         a git repository, bare or not (default: $ORGWIRE_BENCH_REPO, else
               /work/.mirror/git+git/repo when it exists)
  --runs N     how many interleaved runs (default 5); the median is reported
  --breakdown  also time, per run, the git log orgwire runs and \`orgwire ingest\` alone
`;

/** Wrong input: says what and how to fix it, exits 2. */
function refuse(message) {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { repo: undefined, runs: 5, breakdown: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? argv[++i] : arg.slice('--runs='.length);
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) refuse(`--runs takes a whole number ≥ 1, not "${value}".`);
      options.runs = n;
    } else if (arg === '--breakdown') {
      options.breakdown = true;
    } else if (arg.startsWith('-')) {
      refuse(`unknown option ${arg}.`);
    } else if (options.repo === undefined) {
      options.repo = arg;
    } else {
      refuse(`one repository only, got "${options.repo}" and "${arg}".`);
    }
  }
  return options;
}

/** The environment for every child: no GIT_DIR or the like leaking in from the caller. */
function childEnv(extra = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...extra };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY']) {
    delete env[key];
  }
  return env;
}

function git(repo, args) {
  return execFileSync('git', ['-C', repo, ...args], {
    env: childEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function findRepo(given) {
  if (given !== undefined) {
    const repo = resolve(given);
    if (!existsSync(repo)) refuse(`${given} does not exist.`);
    return repo;
  }
  const found = DEFAULT_REPOS.find((dir) => dir && existsSync(dir));
  if (found) return resolve(found);
  refuse(
    'no repository given, and none found at the default places.\n' +
      'Pass one: a large real history is best, e.g. git/git (about 82,000 commits):\n' +
      '  git clone --bare https://github.com/git/git.git /tmp/git.git\n' +
      '  node bench/ingest.mjs /tmp/git.git --runs 5\n' +
      'or set ORGWIRE_BENCH_REPO=/path/to/repo.',
  );
}

function checkRepo(repo) {
  try {
    git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    refuse(`${repo} is not a git repository with a commit at HEAD.`);
  }
}

function timeWorks() {
  if (!existsSync(TIME)) return false;
  const dir = mkdtempSync(join(tmpdir(), 'orgwire-bench-'));
  try {
    const out = join(dir, 'time');
    const r = spawnSync(TIME, ['-f', '%M', '-o', out, 'true'], { stdio: 'ignore' });
    return r.status === 0 && /^\d+\s*$/.test(readFileSync(out, 'utf8'));
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a command once: wall-clock seconds, the peak RSS (KiB) of its process tree (the
 * largest single process; /usr/bin/time) and, for orgwire, of the node process alone.
 */
function measure(label, command, args, { cwd, stdout, env, work, useTime }) {
  const timeFile = join(work, 'time.out');
  const rssFile = join(work, 'rss.out');
  rmSync(timeFile, { force: true });
  rmSync(rssFile, { force: true });
  const [file, argv] = useTime
    ? [TIME, ['-f', '%M', '-o', timeFile, command, ...args]]
    : [command, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, {
    cwd,
    env: childEnv({ ...env, ORGWIRE_BENCH_RSS_FILE: rssFile }),
    stdio: ['ignore', stdout, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error || r.status !== 0) {
    process.stderr.write(
      `\n${label} failed (${r.error?.message ?? `exit status ${r.status}`}):\n  ${command} ${args.join(' ')}\n${r.stderr?.toString() ?? ''}\n`,
    );
    process.exit(1);
  }
  const kib = (path) => {
    if (!existsSync(path)) return null;
    // /usr/bin/time writes "Command exited…" lines before the figure when the command fails.
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const n = Number(lines.at(-1));
    return Number.isFinite(n) ? n : null;
  };
  return { seconds, treeKiB: kib(timeFile), nodeKiB: kib(rssFile) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const mb = (kib) => (kib * 1024) / 1e6;

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

function main() {
  const options = parseArgs(process.argv.slice(2));
  const repo = findRepo(options.repo);
  checkRepo(repo);
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    refuse('orgwire is not built: run `npm run build` first.');
  }
  const useTime = timeWorks();
  if (!useTime) {
    process.stderr.write(
      `note: ${TIME} not found (Debian package \`time\`): peak memory is the node process's alone, without the git it runs.\n`,
    );
  }

  const head = git(repo, ['rev-parse', '--short', 'HEAD']);
  const headDate = git(repo, ['log', '-1', '--format=%cs', 'HEAD']);
  const commits = Number(git(repo, ['rev-list', '--count', 'HEAD']));
  const nonMerges = Number(git(repo, ['rev-list', '--count', '--no-merges', 'HEAD']));
  const host = machine();
  const today = new Date().toISOString().slice(0, 10);

  const work = mkdtempSync(join(tmpdir(), 'orgwire-bench-'));
  const cwd = join(work, 'cwd'); // empty: no ./catalog, no ./orgwire.yaml
  mkdirSync(cwd);
  const devNull = openSync('/dev/null', 'w');
  const orgwire = (sub, db, extra) => [
    '--import',
    RSS_HOOK,
    CLI,
    sub,
    '--repo',
    repo,
    '--db',
    db,
    '--format',
    'json',
    ...extra,
    '--quiet',
  ];
  const base = { cwd, stdout: devNull, work, useTime };
  const runs = [];
  try {
    process.stderr.write(`warm-up: git log over ${repo}\n`);
    measure('git log (warm-up)', 'git', ['-C', repo, ...FLOOR_ARGS], base);
    for (let i = 1; i <= options.runs; i++) {
      const db = join(work, `run-${i}.db`);
      const out = join(work, 'report.json');
      const run = {};
      run.floor = measure('git log (floor)', 'git', ['-C', repo, ...FLOOR_ARGS], base);
      run.full = measure(
        'orgwire analyze (empty store)',
        process.execPath,
        orgwire('analyze', db, ['--out', out]),
        base,
      );
      run.again = measure(
        'orgwire analyze (nothing new)',
        process.execPath,
        orgwire('analyze', db, ['--out', out]),
        base,
      );
      if (options.breakdown) {
        run.gitOrgwire = measure(
          "git log (orgwire's arguments)",
          'git',
          ['-C', repo, ...ORGWIRE_GIT_ARGS],
          base,
        );
        const db2 = join(work, `run-${i}-ingest.db`);
        run.ingest = measure(
          'orgwire ingest (empty store)',
          process.execPath,
          orgwire('ingest', db2, []),
          base,
        );
        run.dbBytes = statSync(db2).size;
        for (const suffix of ['', '-wal', '-shm']) rmSync(db2 + suffix, { force: true });
      }
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      runs.push(run);
      const f = run.floor.seconds;
      process.stderr.write(
        `run ${i}/${options.runs}: floor ${f.toFixed(2)} s, full ${run.full.seconds.toFixed(2)} s (${(run.full.seconds / f).toFixed(2)}×), again ${run.again.seconds.toFixed(2)} s (${(run.again.seconds / f).toFixed(3)}×)${run.ingest ? `, ingest ${run.ingest.seconds.toFixed(2)} s, git log as orgwire ${run.gitOrgwire.seconds.toFixed(2)} s` : ''}\n`,
      );
    }
  } finally {
    closeSync(devNull);
    rmSync(work, { recursive: true, force: true });
  }

  report({ repo, head, headDate, commits, nonMerges, host, today, runs, useTime });
}

function report({ repo, head, headDate, commits, nonMerges, host, today, runs, useTime }) {
  const secs = (key) => stats(runs.map((r) => r[key].seconds));
  const ratio = (key) => stats(runs.map((r) => r[key].seconds / r.floor.seconds));
  const peak = (key, which) => {
    const xs = runs.map((r) => r[key][which]).filter((x) => x !== null);
    return xs.length ? Math.max(...xs) : null;
  };
  const n = (x, digits = 2) => x.toFixed(digits);
  const range = (s, digits = 2, unit = '') =>
    `${n(s.median, digits)}${unit} [${n(s.min, digits)}–${n(s.max, digits)}]`;
  const seconds = (s) => range(s, s.max < 1 ? 3 : 2);
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

  const floor = secs('floor');
  const full = secs('full');
  const again = secs('again');
  const fullRatio = ratio('full');
  const againRatio = ratio('again');
  // Peak memory: the worst run, of the whole tree when /usr/bin/time could measure it.
  const peakOf = (key) => (useTime ? peak(key, 'treeKiB') : peak(key, 'nodeKiB'));
  const fullPeak = peakOf('full');
  const againPeak = peakOf('again');
  const worstPeak = Math.max(fullPeak ?? 0, againPeak ?? 0);

  const rows = [
    ['', 'seconds: median [min–max]', 'ratio to floor', 'target', ''],
    ['floor: git log --name-status', seconds(floor), '1', '', ''],
    [
      'ingest + analyse, empty store',
      seconds(full),
      range(fullRatio, 2, '×'),
      `≤ ${TARGETS.full}×`,
      verdict(fullRatio.median <= TARGETS.full),
    ],
    [
      're-analysis, nothing new',
      seconds(again),
      range(againRatio, 3, '×'),
      `≤ ${TARGETS.again}×`,
      verdict(againRatio.median <= TARGETS.again),
    ],
  ];
  if (runs[0].ingest) {
    rows.push(
      [
        '  breakdown: orgwire ingest only',
        seconds(secs('ingest')),
        range(ratio('ingest'), 2, '×'),
        '',
        '',
      ],
      [
        '  breakdown: git log as orgwire runs it',
        seconds(secs('gitOrgwire')),
        range(ratio('gitOrgwire'), 2, '×'),
        '',
        '',
      ],
    );
  }
  const memRow = (label, key, total) => {
    const tree = peak(key, 'treeKiB');
    const node = peak(key, 'nodeKiB');
    const parts = [
      tree === null ? null : `tree ${n(mb(tree), 0)} MB`,
      node === null ? null : `node alone ${n(mb(node), 0)} MB`,
    ].filter(Boolean);
    return [label, parts.join(', '), '', total ? `≤ ${TARGETS.rssMB} MB` : '', total ?? ''];
  };
  rows.push(
    ['', 'peak RSS, worst run', '', '', ''],
    ['floor: git log', useTime ? `${n(mb(peak('floor', 'treeKiB')), 0)} MB` : 'n/a', '', '', ''],
    memRow('ingest + analyse, empty store', 'full', verdict(mb(worstPeak) <= TARGETS.rssMB)),
    memRow('re-analysis, nothing new', 'again'),
  );
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const table = rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');

  const lines = [
    '',
    `orgwire ingest benchmark — ${today}`,
    `repository  ${repo}`,
    `            HEAD ${head} of ${headDate}; ${commits.toLocaleString('en')} commits (${nonMerges.toLocaleString('en')} without merges, which orgwire reads)`,
    `machine     ${host.cores} cores, ${host.cpu}, ${n(host.memGiB, 1)} GiB; git ${host.git}; node ${host.node}; orgwire ${host.orgwire}`,
    `runs        ${runs.length}, interleaved (floor, full, re-analysis${runs[0].ingest ? ', breakdown' : ''}), after one warm-up git log`,
    '',
    table,
    '',
    'Ratios are per run (orgwire ÷ the floor of the same run); PASS/FAIL on the median ratio.',
    `Peak RSS: MB = 10^6 bytes; ${useTime ? "tree = the largest single process in orgwire's tree (node or a git it runs), from /usr/bin/time" : 'node process only (/usr/bin/time missing)'}; PASS/FAIL on the worst run.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
