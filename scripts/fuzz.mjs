#!/usr/bin/env node
// The long fuzzing run: every fuzz property under test/fuzz with ORGWIRE_FUZZ_RUNS inputs
// (a million by default), one vitest process per file with a watchdog, then a table per
// parser of inputs, crashes (anything thrown but an AppError: the CLI's exit 70), hangs
// (an input taking more than 10 s) and wrong exit codes of the built CLI. Exits 1 if any.
//
//   npm run fuzz                      # 1,000,000 inputs per property
//   npm run fuzz -- --runs 100000     # fewer
//   npm run fuzz -- --only catalog    # the files whose name contains "catalog"
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(flag('--runs', 1_000_000));
const only = flag('--only', '');
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs takes a whole number of inputs, e.g. --runs 100000');
  process.exit(2);
}
/** As test/fuzz/budget.ts: one input taking longer than this is a hang. */
const HANG_MS = 10_000;
/** A report not written for this long while its property runs: the process is stuck. */
const STUCK_MS = HANG_MS + 5_000;

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist/cli/main.js'))) {
  console.error('Build first (npm run build): the CLI part runs the built orgwire.');
  process.exit(2);
}
const files = readdirSync(join(root, 'test/fuzz'))
  .filter((f) => f.endsWith('.fuzz.test.ts') && f.includes(only))
  .sort();
const reports = mkdtempSync(join(tmpdir(), 'orgwire-fuzz-'));
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const started = Date.now();
const failures = [];

function readReports() {
  return readdirSync(reports)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const path = join(reports, f);
      try {
        return [{ path, mtime: statSync(path).mtimeMs, ...JSON.parse(readFileSync(path, 'utf8')) }];
      } catch {
        return []; // being written: read it at the next tick
      }
    });
}

for (const file of files) {
  const t0 = Date.now();
  console.error(`${file}: ${runs.toLocaleString('en')} inputs per property…`);
  const child = spawn(process.execPath, [vitest, 'run', `test/fuzz/${file}`], {
    cwd: root,
    env: { ...process.env, ORGWIRE_FUZZ_RUNS: String(runs), ORGWIRE_FUZZ_REPORTS: reports },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const watchdog = setInterval(() => {
    // A property whose report stopped moving is stuck on one input: record it and stop.
    for (const report of readReports()) {
      if (report.done || Date.now() - report.mtime < STUCK_MS) continue;
      const current = existsSync(`${report.path}.current`)
        ? readFileSync(`${report.path}.current`, 'utf8')
        : '(unknown)';
      report.hangs++;
      report.examples.push({ input: current, error: `no progress for ${STUCK_MS / 1000} s` });
      report.done = true;
      delete report.path;
      delete report.mtime;
      writeFileSync(
        join(reports, `${report.parser.replace(/[^a-z0-9]+/gi, '-')}.json`),
        JSON.stringify(report),
      );
      console.error(`${file}: ${report.parser} is stuck; stopping it.`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  }, 1000);
  const code = await new Promise((done) => child.on('exit', (c) => done(c)));
  clearInterval(watchdog);
  console.error(
    `${file}: done in ${Math.round((Date.now() - t0) / 1000)} s (vitest exit ${code}).`,
  );
  if (code !== 0 && !readReports().some((r) => r.crashes + r.hangs + (r.wrongExits ?? 0) > 0))
    failures.push(`${file}: vitest exited ${code}\n${output.slice(-3000)}`);
}

const table = readReports().sort((a, b) => a.parser.localeCompare(b.parser));
const pad = (s, n) => String(s).padEnd(n);
const num = (n) => n.toLocaleString('en').padStart(11);
console.log(
  `${pad('parser', 46)}${'inputs'.padStart(11)}${'crashes'.padStart(11)}${'hangs'.padStart(11)}${'wrong exit'.padStart(11)}`,
);
let bad = 0;
for (const r of table) {
  bad += r.crashes + r.hangs + (r.wrongExits ?? 0) + (r.done ? 0 : 1);
  console.log(
    `${pad(r.parser + (r.done ? '' : ' (unfinished)'), 46)}${num(r.inputs)}${num(r.crashes)}${num(r.hangs)}${r.wrongExits === undefined ? '          –' : num(r.wrongExits)}`,
  );
}
const total = table.reduce((n, r) => n + r.inputs, 0);
console.log(
  `${pad('total', 46)}${num(total)}   (${Math.round((Date.now() - started) / 1000)} s, reports in ${reports})`,
);
for (const r of table)
  for (const e of r.examples)
    console.log(`\n${r.parser}: ${e.error}\ninput:\n${e.input.slice(0, 2000)}`);
for (const f of failures) console.log(`\n${f}`);
process.exit(bad > 0 || failures.length > 0 ? 1 : 0);
