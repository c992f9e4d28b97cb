#!/usr/bin/env node
// Sums a V8 CPU profile (from `node --cpu-prof`) by where the time was spent: self time per
// package or source file, and per function. Used to write bench/RESULTS.md.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/orgwire.js analyze --repo R --db D --quiet
//   node bench/profile-summary.mjs /tmp/prof/CPU.*.cpuprofile [--top N]

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt === -1 ? 25 : Number(args[topAt + 1]);
const file = args.find((a, i) => !a.startsWith('--') && i !== topAt + 1);
if (!file || !Number.isInteger(top)) {
  process.stderr.write('Usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map(profile.nodes.map((n) => [n.id, 0]));
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, self.get(id) + (profile.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** A package (node_modules/<name>), an orgwire source file (dist/…), node's own, or V8. */
function place(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const dist = url.match(/\/dist\/(.+)$/);
  if (dist) return `orgwire ${dist[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

const byPlace = new Map();
const byFunction = new Map();
for (const [id, us] of self) {
  if (us === 0) continue;
  const { callFrame } = byId.get(id);
  const where = place(callFrame.url, callFrame.functionName);
  byPlace.set(where, (byPlace.get(where) ?? 0) + us);
  const fn = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}

const show = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const pct = ((100 * us) / total).toFixed(1).padStart(5);
    process.stdout.write(`${(us / 1e6).toFixed(2).padStart(7)} s ${pct}%  ${key}\n`);
  }
};
process.stdout.write(`${file}: ${(total / 1e6).toFixed(2)} s sampled in the main thread\n`);
show('Self time by place', byPlace);
show('Self time by function', byFunction);
