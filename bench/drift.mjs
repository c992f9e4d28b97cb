#!/usr/bin/env node
// Drift's weekly series against one analysis of the same history, in the same run.
//
//   npm run build && node bench/drift.mjs REPO [--catalog PATH] [--runs N]
//
// REPO is ingested once into a temporary store (untimed). Then, N times, alternating: one
// `orgwire analyze` whose window is the whole history (from the series' first week to its
// last), and one `orgwire drift` from a copy of that store that keeps no weeks yet (a cold
// series); the ratio drift / analyze is per run and the median counts (issue 13's target: at
// most 3). Then what the weeks kept in the store buy: `drift` again with nothing new (target:
// under 1 s; its floor is starting node and checking the repository, timed as `orgwire
// ingest` with nothing new), and a series kept up to 4 weeks before the end, extended to the
// end. Compare ratios, never seconds: these machines have 2 cores and are noisy. Exit status:
// 0 when measured, 2 on wrong input.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/orgwire.js');
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const runs = Number(flag('--runs') ?? 3);
const catalog = flag('--catalog');
const repo = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!repo || !existsSync(repo) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('Usage: node bench/drift.mjs REPO [--catalog PATH] [--runs N]\n');
  process.exit(2);
}
if (!existsSync(join(root, 'dist/cli/main.js')) && !existsSync(join(root, 'dist'))) {
  process.stderr.write('Run `npm run build` first: bench/drift.mjs runs the built CLI.\n');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'orgwire-bench-drift-'));
const base = join(work, 'base.db');
const catalogFlags = catalog ? ['--catalog', catalog] : [];

function orgwire(command, extra, db = base) {
  const start = process.hrtime.bigint();
  const flags =
    command === 'validate'
      ? catalogFlags
      : ['--repo', repo, '--db', db, '--quiet', ...catalogFlags];
  const result = spawnSync(process.execPath, [bin, command, ...flags, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1) {
    process.stderr.write(`orgwire ${command} failed:\n${result.stderr}`);
    process.exit(2);
  }
  return { seconds, stdout: result.stdout };
}

/** A copy of the ingested store that keeps no drift weeks: a cold series. */
function cold(name) {
  const db = join(work, `${name}.db`);
  copyFileSync(base, db);
  return db;
}

try {
  // Untimed: the ingest, and the series' span for the analysis to cover.
  orgwire('ingest', []);
  const first = JSON.parse(orgwire('drift', ['--format', 'json'], cold('span')).stdout);
  const weeks = first.series;
  if (weeks.length === 0) {
    process.stderr.write(`${repo}: no commits to measure.\n`);
    process.exit(2);
  }
  const span = ['--since', weeks[0].since, '--until', weeks.at(-1).until, '--format', 'json'];
  const rows = [];
  let kept;
  for (let run = 0; run < runs; run++) {
    const analyze = orgwire('analyze', span).seconds;
    kept = cold(`run${run}`);
    const drift = orgwire('drift', ['--format', 'json'], kept).seconds;
    rows.push({ analyze, drift, ratio: drift / analyze });
  }
  const again = orgwire('drift', ['--format', 'json'], kept).seconds;
  const floor = orgwire('ingest', []).seconds;
  // Kept to 4 weeks before the end, then extended: what a weekly run costs.
  const extended = cold('extended');
  orgwire('drift', ['--format', 'json', '--until', weeks.at(-5).until], extended);
  const extend = orgwire('drift', ['--format', 'json'], extended).seconds;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `drift vs analyze on ${repo}: ${weeks.length} weeks (${weeks[0].week} to ${weeks.at(-1).week}); ${cpus().length} × ${cpu}, node ${process.version}\n\n`,
  );
  process.stdout.write('run  analyze s  drift s  drift / analyze\n');
  for (const [i, r] of rows.entries()) {
    process.stdout.write(
      `${String(i + 1).padEnd(4)} ${r.analyze.toFixed(2).padStart(9)} ${r.drift.toFixed(2).padStart(8)} ${r.ratio.toFixed(2).padStart(16)}\n`,
    );
  }
  process.stdout.write(
    `\nmedian drift / analyze: ${median(rows.map((r) => r.ratio)).toFixed(2)} (target ≤ 3)\n` +
      `re-run with nothing new: ${again.toFixed(2)} s (target < 1 s; the floor, orgwire ingest with nothing new: ${floor.toFixed(2)} s)\n` +
      `extended by 4 weeks: ${extend.toFixed(2)} s (${(extend / median(rows.map((r) => r.drift))).toFixed(2)} of a cold series)\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
